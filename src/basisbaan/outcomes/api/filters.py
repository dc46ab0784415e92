"""Filters of the exits list."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from basisbaan.core.api.filters import TenantFilterSet
from basisbaan.outcomes.constants import ExitKind
from basisbaan.outcomes.models import Exit
from basisbaan.participants.constants import ExitReason
from basisbaan.programmes.models import Programme

__all__ = ["ExitFilter"]


def _programmes(request: object) -> QuerySet[Programme]:
    # Scoped to the request's municipality by TenantFilterSet.
    return Programme.objects.all()


class ExitFilter(TenantFilterSet):
    programme = django_filters.ModelChoiceFilter(queryset=_programmes)
    kind = django_filters.ChoiceFilter(choices=ExitKind.choices)
    reason = django_filters.ChoiceFilter(choices=ExitReason.choices)
    exit_date_from = django_filters.DateFilter(
        field_name="exit_date", lookup_expr="gte", help_text="Uitstroom op of na deze dag."
    )
    exit_date_to = django_filters.DateFilter(
        field_name="exit_date", lookup_expr="lte", help_text="Uitstroom op of voor deze dag."
    )

    class Meta:
        model = Exit
        fields = ["programme", "kind", "reason", "exit_date_from", "exit_date_to"]
