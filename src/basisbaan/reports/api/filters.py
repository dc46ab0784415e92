"""Filters of the council report list."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from basisbaan.core.api.filters import TenantFilterSet
from basisbaan.programmes.models import Programme
from basisbaan.reports.constants import ReportStatus
from basisbaan.reports.models import CouncilReport

__all__ = ["CouncilReportFilter"]


def _programmes(request: object) -> QuerySet[Programme]:
    # Scoped to the request's municipality by TenantFilterSet.
    return Programme.objects.all()


class CouncilReportFilter(TenantFilterSet):
    programme = django_filters.ModelChoiceFilter(queryset=_programmes)
    status = django_filters.ChoiceFilter(choices=ReportStatus.choices)
    as_of = django_filters.DateFilter(help_text="Alleen de versies met deze peildatum.")

    class Meta:
        model = CouncilReport
        fields = ["programme", "status", "as_of"]
