"""Reads of council reports, scoped to one municipality."""

from __future__ import annotations

from django.db.models import QuerySet

from basisbaan.reports.models import CouncilReport
from basisbaan.tenancy.models import Municipality

__all__ = ["report_list"]


def report_list(*, municipality: Municipality) -> QuerySet[CouncilReport]:
    return CouncilReport.objects.filter(municipality=municipality).select_related(
        "programme", "finalised_by", "previous"
    )
