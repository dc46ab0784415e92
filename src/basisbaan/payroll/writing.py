"""Writing checked payroll rows: streamed with COPY on PostgreSQL, bulk_create elsewhere.

Used by :mod:`basisbaan.payroll.services` inside a savepoint: rows arrive here
as soon as they pass their checks, and on PostgreSQL they go to the server
right away, so the database inserts while Python checks the next rows. When a
later row fails, the sink stops writing and the service rolls the savepoint
back: nothing of the file stays. This module checks nothing itself; the
database still guards one entry per participant and month, the first day of
the month, and amounts of at least zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from itertools import repeat
from types import TracebackType
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from basisbaan.payroll.models import PayrollEntry, PayrollImport
from basisbaan.payroll.validation import (
    VALUE_FIELDS,
    Block,
    EntrySink,
    NewRows,
    Progress,
    cents_to_decimal,
)

__all__ = ["entry_sink", "lock_municipality"]

FLUSH_ROWS = 10_000
BULK_BATCH = 2_000
# First key of the PostgreSQL advisory lock that serialises a municipality's imports.
LOCK_NAMESPACE = 7_291_301
# created_at and updated_at are left to the database's default (now()).
COLUMNS = (
    "municipality_id",
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


@contextmanager
def entry_sink(record: PayrollImport, progress: Progress | None = None) -> Iterator[EntrySink]:
    """A sink for the new entries of ``record``; everything is written on exit."""
    postgresql = connection.vendor == "postgresql"
    sink: CopySink | BulkSink = CopySink(record) if postgresql else BulkSink(record, progress)
    with sink:
        yield sink


class CopySink:
    """Streams entries to PostgreSQL with ``COPY ... FROM STDIN`` (text format)."""

    def __init__(self, record: PayrollImport) -> None:
        self.head = str(record.municipality_id)
        self.tail = str(record.pk)
        self.lines: list[str] = []
        self.refused = False
        self.stack: ExitStack | None = None
        self.copy: Any = None

    def __enter__(self) -> CopySink:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> bool | None:
        try:
            if kind is None:
                self.flush()
        finally:
            self.end(kind, error, trace)
        return None

    def write(self, text: str) -> None:
        """Send ``text`` to the server, starting a COPY if none is running."""
        if self.stack is None:
            table = connection.ops.quote_name(PayrollEntry._meta.db_table)
            columns = ", ".join(connection.ops.quote_name(c) for c in COLUMNS)
            sql = f"COPY {table} ({columns}) FROM STDIN"  # noqa: S608 - names from the model
            self.stack = ExitStack()
            cursor = self.stack.enter_context(connection.cursor())
            self.copy = self.stack.enter_context(cursor.cursor.copy(sql))
        self.copy.write(text)

    def end(
        self,
        kind: type[BaseException] | None = None,
        error: BaseException | None = None,
        trace: TracebackType | None = None,
    ) -> None:
        """Finish the running COPY, if any (the server then has every row sent)."""
        if self.stack is not None:
            stack, self.stack, self.copy = self.stack, None, None
            stack.__exit__(kind, error, trace)

    def pause(self) -> None:
        """Let the connection run a query: send what is buffered and end the COPY."""
        self.flush()
        self.end()

    def add(self, participant: int, contract: int, period: dt.date, values: Sequence[int]) -> None:
        if self.refused:
            return
        amounts = "\t".join(f"{value}e-2" for value in values)  # exact: 123456e-2 = 1234.56
        self.lines.append(
            f"{self.head}\t{participant}\t{contract}\t{period.isoformat()}\t{amounts}\t"
            f"{self.tail}\n"
        )
        if len(self.lines) >= FLUSH_ROWS:
            self.flush()

    def add_block(self, block: Block) -> None:
        if self.refused:
            return
        self.flush()
        count = len(block)
        rows = zip(
            repeat(self.head, count),
            map(str, block.participants),
            map(str, block.contracts),
            block.periods,
            *block.texts,
            repeat(self.tail, count),
            strict=False,
        )
        # The value cells are digits with one decimal comma or point; nothing
        # else in a line can hold a comma. One replace makes them numerics.
        self.write(("\n".join(map("\t".join, rows)) + "\n").replace(",", "."))

    def refuse(self) -> None:
        self.refused = True
        self.lines.clear()

    def flush(self) -> None:
        if self.lines and not self.refused:
            self.write("".join(self.lines))
        self.lines.clear()


class BulkSink:
    """Collects entries and inserts them with ``bulk_create`` at the end."""

    def __init__(self, record: PayrollImport, progress: Progress | None) -> None:
        self.record = record
        self.progress = progress
        self.rows = NewRows()
        self.refused = False

    def __enter__(self) -> BulkSink:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> bool | None:
        if kind is None and not self.refused:
            self.write()
        return None

    def add(self, participant: int, contract: int, period: dt.date, values: Sequence[int]) -> None:
        if not self.refused:
            self.rows.append(participant, contract, period.toordinal(), values)

    def add_block(self, block: Block) -> None:
        if self.refused:
            return
        rows = zip(block.participants, block.contracts, block.periods, *block.cents, strict=True)
        for participant, contract, period, *values in rows:
            ordinal = dt.date.fromisoformat(period).toordinal()
            self.rows.append(participant, contract, ordinal, values)

    def refuse(self) -> None:
        self.refused = True
        self.rows = NewRows()

    def write(self) -> None:
        rows, record = self.rows, self.record
        total = len(rows)
        for start in range(0, total, BULK_BATCH):
            stop = min(start + BULK_BATCH, total)
            PayrollEntry.objects.bulk_create(
                [
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
                ],
                batch_size=BULK_BATCH,
            )
            if self.progress is not None:
                self.progress(_("opslaan"), stop, total)
