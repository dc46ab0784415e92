"""Actuals per contract and month: the imported payroll where that month was imported,
the cost model where not. Pure Python; no Django.

A payroll file covers the participants of one month; a municipality imports
them month by month, and a file can be late, partial or out of order. The
budget counts, for every contract and month before the forecast's first month,
what the payroll party charged when that contract's month was imported, and
what the cost model expects when it was not (never zero because another
contract's later month came in first). The months where a contract is costed
by the model although payroll was expected are *missing*: the page warns
about them, and closing a year with missing months needs an explicit reason.

Months are keys ``year * 12 + month - 1`` (see :func:`month_key`); amounts are
integer cents.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from basisbaan.calc.fixed import Ints, euros

__all__ = [
    "CellColumns",
    "Merged",
    "MissingMonth",
    "is_in",
    "merge_actuals",
    "merge_cell_columns",
    "month_key",
    "month_of",
]

type ContractMonth = tuple[int, int]  # (contract id, month key)


def month_key(day: dt.date) -> int:
    """The month of ``day`` as one integer: ``year * 12 + month - 1``."""
    return day.year * 12 + day.month - 1


def month_of(key: int) -> dt.date:
    """The first day of the month ``key``, kept inside the calendar (year 1 to 9999)."""
    key = min(max(key, month_key(dt.date.min)), month_key(dt.date.max))
    return dt.date(key // 12, key % 12 + 1, 1)


@dataclass(frozen=True, slots=True)
class MissingMonth:
    """A month in which ``contracts`` contracts were costed by the model, not by payroll."""

    month: int  # month key
    contracts: int
    modelled: int  # cents the cost model put in for them

    @property
    def day(self) -> dt.date:
        return month_of(self.month)

    @property
    def amount(self) -> Decimal:
        """``modelled`` in euros."""
        return euros(self.modelled)


@dataclass(frozen=True, slots=True)
class Merged:
    """Per month (key): the cents counted, and how much of it is modelled."""

    total: dict[int, int]  # actuals plus the model where a contract's month was not imported
    actual: dict[int, int]  # imported payroll only
    modelled: dict[int, int]  # the model's part of ``total``
    missing: list[MissingMonth]  # months with a modelled contract, in date order

    def per_year(self, which: Mapping[int, int]) -> dict[int, int]:
        """Sum a per-month mapping (``self.total``, ``self.modelled`` ...) per calendar year."""
        years: dict[int, int] = defaultdict(int)
        for key, cents in which.items():
            years[key // 12] += cents
        return dict(years)


def merge_actuals(
    actual: Mapping[ContractMonth, int],
    modelled: Mapping[ContractMonth, int],
    *,
    start: int,
    until: int,
) -> Merged:
    """Per month from ``start`` up to (not including) ``until``: actuals, else the model.

    ``actual``: the imported payroll total per (contract, month); ``modelled``:
    the cost model's charge per (contract, month). A contract-month that was
    imported counts its payroll (also when the model expects nothing, or a
    different amount); one that was not counts the model, and when the model
    expects a cost there the month is reported as missing. Months outside
    ``[start, until)`` are ignored.
    """
    if until < start:
        raise ValueError("until must not be before start")
    total: dict[int, int] = defaultdict(int)
    actual_sum: dict[int, int] = defaultdict(int)
    model_sum: dict[int, int] = defaultdict(int)
    missing_contracts: dict[int, int] = defaultdict(int)
    for (_contract, month), cents in actual.items():
        if start <= month < until:
            total[month] += cents
            actual_sum[month] += cents
    for key, cents in modelled.items():
        month = key[1]
        if not start <= month < until or key in actual:
            continue
        total[month] += cents
        model_sum[month] += cents
        if cents:
            missing_contracts[month] += 1
    missing = [
        MissingMonth(month, missing_contracts[month], model_sum[month])
        for month in sorted(missing_contracts)
    ]
    return Merged(dict(total), dict(actual_sum), dict(model_sum), missing)


@dataclass(frozen=True, slots=True)
class CellColumns:
    """Cents per (contract, month) cell as three columns; each cell at most once."""

    contract: Ints
    month: Ints  # month keys
    cents: Ints

    @classmethod
    def empty(cls) -> CellColumns:
        none = np.zeros(0, dtype=np.int64)
        return cls(none, none, none)

    def as_dict(self) -> dict[ContractMonth, int]:
        return dict(
            zip(
                zip(self.contract.tolist(), self.month.tolist(), strict=True),
                self.cents.tolist(),
                strict=True,
            )
        )

    def keys(self) -> Ints:
        """One integer per cell (contract ids and months are not negative)."""
        return self.contract * (1 << 24) + self.month


def is_in(values: Ints, pool: Ints) -> npt.NDArray[np.bool_]:
    """``np.isin(values, pool)`` for integers of a wide range, by binary search in the
    sorted pool (``np.isin`` sorts both together: slow on a million cells)."""
    if not len(pool) or not len(values):
        return np.zeros(len(values), dtype=np.bool_)
    ordered = np.sort(pool)
    at = np.searchsorted(ordered, values)
    at[at == len(ordered)] = 0
    found: npt.NDArray[np.bool_] = ordered[at] == values
    return found


def _sums(month: Ints, cents: Ints) -> dict[int, int]:
    if not len(month):
        return {}
    months, index = np.unique(month, return_inverse=True)
    sums = np.zeros(len(months), dtype=np.int64)
    np.add.at(sums, index, cents)
    return dict(zip(months.tolist(), sums.tolist(), strict=True))


def merge_cell_columns(
    actual: CellColumns, modelled: CellColumns, *, start: int, until: int
) -> Merged:
    """:func:`merge_actuals` on columns: the same answer, without a loop per cell."""
    if until < start:
        raise ValueError("until must not be before start")
    a_in = (actual.month >= start) & (actual.month < until)
    m_in = (modelled.month >= start) & (modelled.month < until)
    m_in &= ~is_in(modelled.keys(), actual.keys())
    a_month, a_cents = actual.month[a_in], actual.cents[a_in]
    m_month, m_cents = modelled.month[m_in], modelled.cents[m_in]
    total = _sums(np.concatenate([a_month, m_month]), np.concatenate([a_cents, m_cents]))
    model_sum = _sums(m_month, m_cents)
    counted = m_month[m_cents != 0]
    months, counts = np.unique(counted, return_counts=True)
    missing = [
        MissingMonth(month, count, model_sum[month])
        for month, count in zip(months.tolist(), counts.tolist(), strict=True)
    ]
    return Merged(total, _sums(a_month, a_cents), model_sum, missing)
