"""Writing validated payroll rows: COPY on PostgreSQL, bulk_create elsewhere.

Called by :mod:`basisbaan.payroll.services` inside its transaction, after
every row passed; this module checks nothing itself. The database still
guards the invariants (one entry per participant and month, first day of the
month, no negative amounts) with its constraints.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db import connection
from django.utils import timezone

from basisbaan.payroll.models import PayrollEntry, PayrollImport
from basisbaan.payroll.validation import VALUE_FIELDS, NewRows, Progress, cents_to_decimal

__all__ = ["insert_entries", "lock_municipality"]

CHUNK_ROWS = 50_000
BULK_BATCH = 2_000
# First key of the PostgreSQL advisory lock that serialises a municipality's imports.
LOCK_NAMESPACE = 7_291_301
COLUMNS = (
    "municipality_id",
    "created_at",
    "updated_at",
    "participant_id",
    "contract_id",
    "period",
    *VALUE_FIELDS,
    "source_import_id",
)


def lock_municipality(municipality_id: int) -> None:
    """Let one import at a time write for a municipality (until the transaction ends).

    On PostgreSQL an advisory lock; SQLite writes one transaction at a time anyway.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_advisory_xact_lock(%s, %s)", [LOCK_NAMESPACE, municipality_id]
            )


def insert_entries(
    record: PayrollImport, rows: NewRows, progress: Progress | None = None, phase: str = ""
) -> int:
    """Insert ``rows`` as entries of ``record``; returns the number inserted."""
    if not len(rows):
        return 0
    if connection.vendor == "postgresql":
        return _copy(record, rows, progress, phase)
    return _bulk_create(record, rows, progress, phase)


def _copy(record: PayrollImport, rows: NewRows, progress: Progress | None, phase: str) -> int:
    table = connection.ops.quote_name(PayrollEntry._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
    sql = f"COPY {table} ({columns}) FROM STDIN"  # noqa: S608 - names from the model, no input
    total = len(rows)
    done = 0
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for chunk, count in _copy_chunks(record, rows):
            copy.write(chunk)
            done += count
            if progress is not None:
                progress(phase, done, total)
    return total


def _copy_chunks(record: PayrollImport, rows: NewRows) -> Iterator[tuple[str, int]]:
    """COPY text in chunks. Amounts go as ``123456e-2``: exact, and cheap to write."""
    stamp = timezone.now().isoformat()
    head = f"{record.municipality_id}\t{stamp}\t{stamp}\t"
    tail = f"\t{record.pk}\n"
    days: dict[int, str] = {}
    gross, holiday, charges, pension, other, total, hours = rows.values
    for start in range(0, len(rows), CHUNK_ROWS):
        stop = min(start + CHUNK_ROWS, len(rows))
        lines: list[str] = []
        append = lines.append
        for i in range(start, stop):
            ordinal = rows.period[i]
            day = days.get(ordinal)
            if day is None:
                day = days[ordinal] = dt.date.fromordinal(ordinal).isoformat()
            append(
                f"{head}{rows.participant[i]}\t{rows.contract[i]}\t{day}\t{gross[i]}e-2\t"
                f"{holiday[i]}e-2\t{charges[i]}e-2\t{pension[i]}e-2\t{other[i]}e-2\t"
                f"{total[i]}e-2\t{hours[i]}e-2{tail}"
            )
        yield "".join(lines), stop - start


def _bulk_create(
    record: PayrollImport, rows: NewRows, progress: Progress | None, phase: str
) -> int:
    total = len(rows)
    for start in range(0, total, BULK_BATCH):
        stop = min(start + BULK_BATCH, total)
        entries = [
            PayrollEntry(
                municipality_id=record.municipality_id,
                participant_id=rows.participant[i],
                contract_id=rows.contract[i],
                period=dt.date.fromordinal(rows.period[i]),
                source_import=record,
                **{
                    name: cents_to_decimal(column[i])
                    for name, column in zip(VALUE_FIELDS, rows.values, strict=True)
                },
            )
            for i in range(start, stop)
        ]
        PayrollEntry.objects.bulk_create(entries, batch_size=BULK_BATCH)
        if progress is not None:
            progress(phase, stop, total)
    return total
