"""The fast path of the row checks: a clean chunk of CSV rows, column by column.

A payroll file without errors is checked here in bulk, with loops that run in
C (``map`` over dicts, one character check and one numpy conversion per
column) instead of a Python function per row. The rules are those of
:class:`~basisbaan.payroll.validation.RowChecker`, which stays the reference:
this path accepts a chunk only when every row in it is plainly valid (a known
person, a month that has begun, amounts written as digits with at most two
decimals and within bounds, a total that adds up, a contract in the month, no
duplicate, no differing earlier entry). At any doubt it declines, changes
nothing, and the row checker takes the whole chunk and names each error.
Tests run files through both paths and compare.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress
from operator import attrgetter
from typing import Any

import numpy as np

from basisbaan.payroll.constants import (
    BSN,
    EMPLOYEE_NUMBER,
    HOURS,
    MAX_CENTS,
    MAX_HOURS_IN_MONTH,
    PART_COLUMNS,
    PERIOD,
    VALUE_COLUMNS,
)
from basisbaan.payroll.lookups import IntArray
from basisbaan.payroll.parsing import Chunk, PayrollFile
from basisbaan.payroll.validation import START_BITS, Block, Month, RowChecker

__all__ = ["ChunkChecker"]

# Removes what a plain amount may hold; anything left means "not plain".
_PLAIN_CHARACTERS = str.maketrans("", "", "0123456789.\n")
PARTS = len(PART_COLUMNS)
START = attrgetter("start")
END = attrgetter("end")


def column_cents(cells: Sequence[Any], limit: int) -> IntArray | None:
    """Cells like ``2246,40``, ``2246.4`` or ``45`` as whole cents (or hundredths).

    None when any cell is anything else (empty, signed, grouped, spaced, more
    than two decimals, above ``limit``): the row checker then decides.
    """
    try:
        text = "\n".join(cells).replace(",", ".")
    except TypeError:  # not all text (never for CSV)
        return None
    if (
        not text
        or text.translate(_PLAIN_CHARACTERS)
        or text[0] in ".\n"
        or text[-1] in ".\n"
        or "\n." in text
        or ".\n" in text
        or "\n\n" in text
    ):
        return None
    try:
        scaled = np.fromstring(text, dtype=np.float64, sep="\n") * 100
    except ValueError:  # two points in one cell, say
        return None
    if len(scaled) != len(cells):
        return None
    cents = np.rint(scaled)
    # Exact below 2**53: floats hold every cent up to 10**13 euro.
    if np.any(np.abs(scaled - cents) > 0.005) or np.any(cents > limit):
        return None
    return cents.astype(np.int64)


class ChunkChecker:
    """Bulk checks for a :class:`RowChecker`, sharing its lookups and state."""

    def __init__(self, checker: RowChecker, parsed: PayrollFile) -> None:
        self.checker = checker
        columns = parsed.columns
        self.enabled = parsed.kind == "csv" and (BSN in columns) != (EMPLOYEE_NUMBER in columns)
        self.person_at = columns.get(BSN, columns.get(EMPLOYEE_NUMBER, 0))
        self.by_number = EMPLOYEE_NUMBER in columns
        self.period_at = columns[PERIOD]
        self.value_at = [columns[column] for column, _name in VALUE_COLUMNS]
        self.needed = max(self.person_at, self.period_at, *self.value_at) + 1
        self.limits = [
            MAX_HOURS_IN_MONTH * 100 if column == HOURS else MAX_CENTS
            for column, _name in VALUE_COLUMNS
        ]

    def check(self, chunk: Chunk) -> bool:
        """Check and hand on a whole chunk; False (and no change) if any row is in doubt."""
        if not self.enabled:
            return False
        columns = chunk.columns
        if len(columns) < self.needed:
            return False
        people = self.people(columns[self.person_at])
        months = self.months(columns[self.period_at]) if people is not None else None
        amounts = self.values(columns) if months is not None else None
        if people is None or months is None or amounts is None:
            return False
        participants, allowed = people
        if self.checker.lookups.closed_years and any(
            map(self.checker.lookups.closed_year_of, participants, months)
        ):
            return False  # the row-by-row check names each row in a closed year
        wanted = np.array(participants, dtype=np.int64)
        starts = np.fromiter(map(START, months), dtype=np.int64, count=len(months))
        keys = ((wanted << START_BITS) + starts).tolist()
        seen = self.checker.seen
        if len(set(keys)) != len(keys) or not seen.keys().isdisjoint(keys):
            return False
        contracts = self.contracts(wanted, months, starts, allowed)
        if contracts is None:
            return False
        keep = self.new_rows(participants, months, amounts)
        if keep is None:
            return False
        seen.update(zip(keys, chunk.numbers, strict=True))
        texts = [columns[index] for index in self.value_at]
        self.commit(participants, contracts, months, starts, amounts, texts, keep)
        return True

    # -- columns ------------------------------------------------------------------

    def people(self, cells: Sequence[Any]) -> tuple[list[int], list[set[int]] | None] | None:
        lookups = self.checker.lookups
        if self.by_number:
            found = list(map(lookups.employee_person.get, cells))
            if None in found:
                return None
            employees = lookups.employees
            return found, [employees[number][1] for number in cells]  # type: ignore[return-value]
        found = list(map(lookups.bsn.get, cells))
        return None if None in found else (found, None)  # type: ignore[return-value]

    def months(self, cells: Sequence[Any]) -> list[Month] | None:
        good = self.checker.good_months
        months = list(map(good.get, cells))
        if None in months:
            for raw in set(cells) - good.keys():
                self.checker.lookup_month(raw)
            months = list(map(good.get, cells))
            if None in months:
                return None
        return months  # type: ignore[return-value]

    def values(self, columns: Sequence[Sequence[Any]]) -> list[IntArray] | None:
        amounts: list[IntArray] = []
        for index, limit in zip(self.value_at, self.limits, strict=True):
            column = column_cents(columns[index], limit)
            if column is None:
                return None
            amounts.append(column)
        parts = np.sum(amounts[:PARTS], axis=0)
        if np.any(np.abs(amounts[PARTS] - parts) > 1):
            return None
        return amounts

    def contracts(
        self,
        wanted: IntArray,
        months: list[Month],
        starts: IntArray,
        allowed: list[set[int]] | None,
    ) -> list[int] | None:
        lookups = self.checker.lookups
        if allowed is None:
            ends = np.fromiter(map(END, months), dtype=np.int64, count=len(months))
            found = lookups.period_table.contracts_for(wanted, starts, ends)
            return None if 0 in found else found
        chosen = list(map(lookups.contract_for, wanted.tolist(), months, allowed))
        return None if None in chosen else chosen  # type: ignore[return-value]

    def new_rows(
        self, participants: list[int], months: list[Month], amounts: list[IntArray]
    ) -> list[bool] | None:
        """Which rows are new (True) or already stored exactly so (False); None if
        a stored entry differs (an error, or a correction's replacement)."""
        lookups = self.checker.lookups
        stored = {m.start: lookups.existing(m.first) for m in set(months)}
        if not any(stored.values()):
            return [True] * len(participants)
        keep: list[bool] = []
        cents = [column.tolist() for column in amounts]
        rows = zip(participants, months, zip(*cents, strict=True), strict=True)
        for participant, month, values in rows:
            entry = stored[month.start].get(participant)
            if entry is None:
                keep.append(True)
            elif tuple(entry[3:]) == values:
                keep.append(False)
            else:
                return None
        return keep

    # -- result -------------------------------------------------------------------

    def commit(
        self,
        participants: list[int],
        contracts: list[int],
        months: list[Month],
        starts: IntArray,
        amounts: list[IntArray],
        texts: list[Sequence[str]],
        keep: list[bool],
    ) -> None:
        outcome = self.checker.outcome
        new = sum(keep)
        outcome.rows += len(keep)
        outcome.imported += new
        outcome.unchanged += len(keep) - new
        distinct, where, counts = np.unique(starts, return_inverse=True, return_counts=True)
        sums = np.zeros((2, len(distinct)), dtype=np.int64)
        np.add.at(sums[0], where, amounts[0])
        np.add.at(sums[1], where, amounts[PARTS])
        first_of = {m.start: m.first for m in set(months)}
        for index, start in enumerate(distinct.tolist()):
            totals = outcome.months.setdefault(first_of[start], [0, 0, 0])
            totals[0] += int(counts[index])
            totals[1] += int(sums[0][index])
            totals[2] += int(sums[1][index])
        if not new:
            return
        periods = [m.iso for m in months]
        if new < len(keep):
            mask = np.array(keep)
            participants = list(compress(participants, keep))
            contracts = list(compress(contracts, keep))
            periods = list(compress(periods, keep))
            texts = [list(compress(column, keep)) for column in texts]
            amounts = [column[mask] for column in amounts]
        self.checker.sink.add_block(Block(participants, contracts, periods, texts, amounts))
