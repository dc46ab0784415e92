"""Reads of payroll imports and entries, always within one municipality."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet, Subquery

from basisbaan.contracts.models import Contract
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
        # Entries have no index on the contract (see PayrollEntry): find them
        # through the contract's participant, whose index they share.
        owner = Contract.objects.filter(pk=contract_id, municipality=municipality).values(
            "participant_id"
        )[:1]
        qs = qs.filter(participant_id=Subquery(owner), contract_id=contract_id)
    return qs.order_by("-period", "id")


def payroll_import_list(*, municipality: Municipality) -> QuerySet[PayrollImport]:
    return (
        PayrollImport.objects.filter(municipality=municipality)
        .select_related("uploaded_by")
        .order_by("-started_at", "-id")
    )


def payroll_months(*, municipality: Municipality) -> list[dt.date]:
    """The months that have entries, newest first.

    Read from the summaries of the imports (every entry came in with one, and
    entries are never deleted): a few rows, where a DISTINCT over the entries
    would read all of them.
    """
    summaries = PayrollImport.objects.filter(
        municipality=municipality, status=ImportStatus.IMPORTED
    ).values_list("summary", flat=True)
    labels = {month["period"] for summary in summaries for month in summary}
    return sorted((dt.date(int(m[:4]), int(m[5:7]), 1) for m in labels), reverse=True)


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
