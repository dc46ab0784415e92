"""Filters of ``/api/v1/payroll-entries/``: month (``2024-03``), range, participant, contract."""

from __future__ import annotations

import datetime as dt
from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema_field

from basisbaan.contracts.models import Contract
from basisbaan.core.api.filters import TenantFilterSet
from basisbaan.core.api.viewsets import request_membership
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import participant_list
from basisbaan.payroll.models import PayrollEntry
from basisbaan.payroll.parsing import CellError, parse_month

MONTH_SCHEMA = {"type": "string", "pattern": r"^\d{4}-\d{2}$", "example": "2024-03"}


class MonthFormField(forms.CharField):
    """``2024-03`` as the first day of that month."""

    default_error_messages = {"invalid": "Gebruik jjjj-mm, bijvoorbeeld 2024-03."}

    def to_python(self, value: Any) -> dt.date | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        try:
            return parse_month(text)
        except CellError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


@extend_schema_field(MONTH_SCHEMA)
class MonthFilter(django_filters.Filter):  # type: ignore[misc]
    field_class = MonthFormField


def _participants(request: Any) -> QuerySet[Participant]:
    membership = request_membership(request) if request is not None else None
    if membership is None:
        return Participant.objects.none()
    return participant_list(municipality=membership.municipality).order_by()


def _contracts(request: Any) -> QuerySet[Contract]:
    membership = request_membership(request) if request is not None else None
    if membership is None:
        return Contract.objects.none()
    # Only to check that the id is one of the municipality's contracts.
    return Contract.objects.filter(municipality=membership.municipality)


class PayrollEntryFilter(TenantFilterSet):
    period = MonthFilter(field_name="period", help_text="Eén maand, als jjjj-mm.")
    period_from = MonthFilter(
        field_name="period", lookup_expr="gte", help_text="Vanaf deze maand (jjjj-mm)."
    )
    period_to = MonthFilter(
        field_name="period", lookup_expr="lte", help_text="Tot en met deze maand (jjjj-mm)."
    )
    participant = django_filters.ModelChoiceFilter(queryset=_participants)
    contract = django_filters.ModelChoiceFilter(queryset=_contracts, method="filter_contract")

    class Meta:
        model = PayrollEntry
        fields = ["period", "period_from", "period_to", "participant", "contract"]

    def filter_contract(
        self, queryset: QuerySet[PayrollEntry], name: str, value: Contract | None
    ) -> QuerySet[PayrollEntry]:
        if value is None:
            return queryset
        # No index on the contract (see PayrollEntry): through its participant.
        return queryset.filter(participant_id=value.participant_id, contract=value)
