"""Reads of payroll imports and entries, always within one municipality."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from basisbaan.payroll.constants import ImportStatus
from basisbaan.payroll.models import PayrollEntry, PayrollImport
from basisbaan.tenancy.models import Municipality

__all__ = [
    "payroll_entry_list",
    "payroll_import_list",
    "payroll_months",
    "same_file_imported_before",
]


def payroll_entry_list(
    *,
    municipality: Municipality,
    period: dt.date | None = None,
    period_from: dt.date | None = None,
    period_to: dt.date | None = None,
    participant_id: int | None = None,
    contract_id: int | None = None,
) -> QuerySet[PayrollEntry]:
    """Entries of ``municipality``, newest month first; filters are optional.

    ``period``, ``period_from`` and ``period_to`` are first days of months
    (``period_to`` inclusive).
    """
    qs = PayrollEntry.objects.filter(municipality=municipality)
    if period is not None:
        qs = qs.filter(period=period)
    if period_from is not None:
        qs = qs.filter(period__gte=period_from)
    if period_to is not None:
        qs = qs.filter(period__lte=period_to)
    if participant_id is not None:
        qs = qs.filter(participant_id=participant_id)
    if contract_id is not None:
        qs = qs.filter(contract_id=contract_id)
    return qs.order_by("-period", "id")


def payroll_import_list(*, municipality: Municipality) -> QuerySet[PayrollImport]:
    return (
        PayrollImport.objects.filter(municipality=municipality)
        .select_related("uploaded_by")
        .order_by("-started_at", "-id")
    )


def payroll_months(*, municipality: Municipality) -> list[dt.date]:
    """The months that have entries, newest first."""
    return list(
        PayrollEntry.objects.filter(municipality=municipality)
        .order_by("-period")
        .values_list("period", flat=True)
        .distinct()
    )


def same_file_imported_before(record: PayrollImport) -> PayrollImport | None:
    """An earlier import of exactly this file into the same municipality, if any."""
    return (
        PayrollImport.objects.filter(
            municipality_id=record.municipality_id,
            sha256=record.sha256,
            status=ImportStatus.IMPORTED,
        )
        .exclude(pk=record.pk)
        .order_by("-started_at")
        .first()
    )
