"""What the rows of a payroll file are checked against, read in a few queries.

Participants by BSN, contracts with their periods and employee numbers (as
dicts, and as numpy columns for checking many rows at once), and per month
the entries already stored, amounts in whole cents.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from django.db import connection
from django.db.models import BigIntegerField, F, QuerySet
from django.db.models.functions import Cast, Round

from basisbaan.contracts.selectors import contract_period_list
from basisbaan.participants.selectors import participant_list
from basisbaan.payroll.constants import VALUE_COLUMNS
from basisbaan.payroll.locks import closed_years_by_participant
from basisbaan.payroll.selectors import payroll_entry_list
from basisbaan.tenancy.models import Municipality

__all__ = ["START_BITS", "VALUE_FIELDS", "Lookups", "Month", "PeriodTable", "fetch_all"]

# The model fields of the value columns, in file order.
VALUE_FIELDS = [name for _column, name in VALUE_COLUMNS]


@dataclass(frozen=True, slots=True, eq=False)
class Month:
    """A month of the file; one instance per distinct cell value (compared by identity)."""

    first: dt.date
    start: int  # ordinal of the first day
    end: int  # ordinal of the last day
    label: str  # 2024-03
    iso: str  # 2024-03-01
    future: bool


def fetch_all(queryset: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """The rows of a ``values_list`` queryset in one fetch.

    Django fetches 100 rows per round trip; for a quarter of a million rows
    that is seconds. On PostgreSQL the same SQL is run and fetched at once
    (psycopg returns dates and integers as such); elsewhere Django's way.
    """
    if connection.vendor != "postgresql":
        return list(queryset)
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
    return rows


class Lookups:
    """What the rows are checked against, read once per import."""

    def __init__(self, municipality: Municipality) -> None:
        self.municipality = municipality
        self.bsn: dict[str, int] = dict(
            fetch_all(
                participant_list(municipality=municipality).order_by().values_list("bsn", "id")
            )
        )
        # (participant, start, end, contract, employee number), sorted: the
        # dicts below are made from it only when a file needs them.
        self.period_rows = sorted(
            (participant, start.toordinal(), end.toordinal(), contract, number.strip())
            for participant, start, end, contract, number in fetch_all(
                contract_period_list(municipality=municipality)
                .order_by()
                .values_list(
                    "contract__participant_id",
                    "start_date",
                    "end_date",
                    "contract_id",
                    "contract__employee_number",
                )
            )
        )
        self.period_table = PeriodTable(self.period_rows)
        # A closed budget year is locked: no payroll may be added or corrected in it
        # (budgets registers the reader: see payroll.locks).
        self.closed_years = closed_years_by_participant(municipality=municipality)
        self._existing: dict[dt.date, dict[int, tuple[int, ...]]] = {}
        # Called before a query while rows may be streaming: the sink ends its
        # COPY, as one connection cannot query in the middle of one.
        self.before_query: Callable[[], None] | None = None

    @cached_property
    def periods(self) -> dict[int, list[tuple[int, int, int]]]:
        """Participant id -> [(start ordinal, end ordinal, contract id)], by start."""
        periods: dict[int, list[tuple[int, int, int]]] = {}
        for participant, start, end, contract, _number in self.period_rows:
            periods.setdefault(participant, []).append((start, end, contract))
        return periods

    @cached_property
    def employees(self) -> dict[str, tuple[set[int], set[int]]]:
        """Employee number -> ({participant ids}, {contract ids})."""
        employees: dict[str, tuple[set[int], set[int]]] = {}
        for participant, _start, _end, contract, number in self.period_rows:
            if number:
                people, contracts = employees.setdefault(number, (set(), set()))
                people.add(participant)
                contracts.add(contract)
        return employees

    @cached_property
    def employee_person(self) -> dict[str, int]:
        """Unambiguous employee numbers: number -> participant id."""
        return {
            number: next(iter(people))
            for number, (people, _contracts) in self.employees.items()
            if len(people) == 1
        }

    def existing(self, month: dt.date) -> dict[int, tuple[int, ...]]:
        """Stored entries of ``month`` by participant id: (id, contract, import, *values)."""
        found = self._existing.get(month)
        if found is None:
            if self.before_query is not None:
                self.before_query()
            # Amounts as whole cents straight from the database (exact for
            # numeric(12,2); rounded first for SQLite, which stores floats).
            cents = {
                f"{name}_cents": Cast(Round(F(name) * 100), BigIntegerField())
                for name in VALUE_FIELDS
            }
            rows = (
                payroll_entry_list(municipality=self.municipality, period=month)
                .order_by()
                .annotate(**cents)
                .values_list("participant_id", "id", "contract_id", "source_import_id", *cents)
            )
            found = {row[0]: row[1:] for row in fetch_all(rows)}
            self._existing[month] = found
        return found

    def closed_year_of(self, participant_id: int, month: Month) -> str | None:
        """The programme's name when ``month`` lies in one of its closed budget years."""
        closed = self.closed_years.get(participant_id)
        if closed is None or month.first.year not in closed[1]:
            return None
        return closed[0]

    def contract_for(self, participant_id: int, month: Month, only: set[int] | None) -> int | None:
        """The contract with the longest period in ``month`` (the later start on a
        tie; then the first in :attr:`periods` order). :class:`PeriodTable` does the
        same for many rows at once."""
        best: int | None = None
        best_key = (0, 0)
        first, last = month.start, month.end
        for start, end, contract_id in self.periods.get(participant_id, ()):
            if start > last or end < first or (only is not None and contract_id not in only):
                continue
            overlap = (end if end < last else last) - (start if start > first else first) + 1
            if (overlap, start) > best_key:
                best, best_key = contract_id, (overlap, start)
        return best


IntArray = np.ndarray[Any, np.dtype[np.int64]]

# Start ordinals stay below 2**22 (the year 9999 is 3,652,059): (overlap, start)
# packs into one integer that sorts the same way.
START_BITS = 22


class PeriodTable:
    """The contract periods as sorted numpy columns, for :meth:`contracts_for`."""

    def __init__(self, rows: list[tuple[int, int, int, int, str]]) -> None:
        """``rows``: (participant, start, end, contract, ...), sorted."""
        table = np.array([row[:4] for row in rows], dtype=np.int64).reshape(-1, 4)
        self.participant, self.start, self.end, self.contract = table.T

    def contracts_for(self, wanted: IntArray, first: IntArray, last: IntArray) -> list[int]:
        """For each row (participant, month start and end ordinals), as
        :meth:`Lookups.contract_for` without ``only``; 0 for none."""
        left = np.searchsorted(self.participant, wanted, side="left")
        right = np.searchsorted(self.participant, wanted, side="right")
        best = np.zeros(len(wanted), dtype=np.int64)
        best_key = np.zeros(len(wanted), dtype=np.int64)
        for k in range(int((right - left).max(initial=0))):
            index = left + k
            valid = index < right
            index = np.where(valid, index, 0)
            start, end = self.start[index], self.end[index]
            overlap = np.minimum(end, last) - np.maximum(start, first) + 1
            key = np.where(valid & (overlap > 0), (overlap << START_BITS) + start, 0)
            better = key > best_key
            best_key = np.where(better, key, best_key)
            best = np.where(better, self.contract[index], best)
        result: list[int] = best.tolist()
        return result
