"""Reads of programmes, always within one municipality."""

from __future__ import annotations

from django.db.models import QuerySet

from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality


def programme_list(*, municipality: Municipality) -> QuerySet[Programme]:
    return Programme.objects.filter(municipality=municipality)
