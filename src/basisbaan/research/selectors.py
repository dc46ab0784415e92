"""Reads of the evaluation study, always within one municipality."""

from __future__ import annotations

from django.db.models import QuerySet

from basisbaan.research.models import Study
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.scoping import scope


def study_list(*, municipality: Municipality | None) -> QuerySet[Study]:
    return scope(Study.objects.select_related("programme"), municipality)
