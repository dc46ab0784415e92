"""The input of the business case (:mod:`basisbaan.calc.business_case`): the
participant-month rows, the assumptions and the overheads, their checks, and the
per-row arithmetic. Pure; no Django. The formulas are documented in the model's
module docstring; units as in :mod:`basisbaan.calc.fixed`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from enum import IntEnum
from typing import Final

import numpy as np
import numpy.typing as npt

from basisbaan.calc.fixed import (
    INT64_MAX,
    MAX_MONTHLY_CENTS,
    MAX_YEARLY_CENTS,
    MONTHS_PER_YEAR,
    PPM,
    Ints,
    mul_div_round,
    round_half_up,
)

__all__ = [
    "MAX_GUIDANCE_FACTOR_PPM",
    "MAX_ROWS",
    "TRACKS",
    "Assistance",
    "Assumptions",
    "Bools",
    "CaseRows",
    "Overheads",
    "State",
    "allocate",
    "check_whole",
    "checked",
    "gross_savings",
    "guidance_cost",
    "net_month",
    "net_of_deadweight",
    "savings_rows",
    "track_deadweights",
]

Bools = npt.NDArray[np.bool_]

TRACKS: Final = 2  # 0 = doorstroom (transition), 1 = maatschappelijke waarde / eindbaan
HUNDREDTHS: Final = 100

# Input limits: within them no int64 product or sum below overflows (asserted).
MAX_ROWS: Final = 100_000_000
MAX_GUIDANCE_HUNDREDTHS: Final = 31 * 24 * HUNDREDTHS  # every hour of a month
MAX_GUIDANCE_RATE: Final = 1_000_000  # 10,000.00 euro an hour
MAX_GUIDANCE_FACTOR_PPM: Final = 10 * PPM
MAX_EXECUTION_COST_YEAR: Final = MONTHS_PER_YEAR * MAX_MONTHLY_CENTS
MAX_YEAR: Final = 9999
_MAX_GUIDANCE = MAX_GUIDANCE_HUNDREDTHS * MAX_GUIDANCE_FACTOR_PPM * MAX_GUIDANCE_RATE
assert _MAX_GUIDANCE + HUNDREDTHS * PPM < INT64_MAX, "guidance cost overflows int64"
assert MAX_MONTHLY_CENTS * PPM + PPM < INT64_MAX, "a rate times an amount overflows int64"
# Any amount of a row is at most MAX_MONTHLY_CENTS; a participant's cost sums three.
assert 3 * MAX_ROWS * MAX_MONTHLY_CENTS + 2 * (MAX_YEAR + 1) * MAX_YEARLY_CENTS < INT64_MAX
assert MAX_YEARLY_CENTS + MAX_ROWS * MAX_ROWS < INT64_MAX, "overhead allocation overflows"


class State(IntEnum):
    """What the participant was in the month."""

    IN_BASISBAAN = 0  # working in the basisbaan (a placement runs)
    WORK_AFTER = 1  # after an exit to work (the follow-up says works)
    OTHER_AFTER = 2  # after an exit, not in work or unknown: no savings (normally no costs)


class Assistance(IntEnum):
    """The bijstand still paid in the month."""

    NONE = 0
    PARTIAL = 1
    FULL = 2


@dataclass(frozen=True, slots=True)
class CaseRows:
    """One row per participant-month; all arrays int64 of the same length.

    ``participant`` is an index 0..P-1, ``month`` the key ``year * 12 + month - 1``,
    ``track`` 0 (doorstroom) or 1 (eindbaan), ``state`` a :class:`State`,
    ``assistance`` an :class:`Assistance`. Amounts in cents: ``payroll``
    (excluding fees), ``fees`` (the payroll party's), ``lks``, ``norm`` (the
    household's monthly bijstand norm valid that month), ``partial_amount``
    (-1 when unknown). ``guidance_hours`` in hundredths of an hour.
    ``was_on_assistance`` is 1 when the participant received bijstand before
    the start: only then do savings count. One row per participant and month
    is the caller's promise, not checked: two rows for one month both count.
    """

    participant: Ints
    month: Ints
    track: Ints
    state: Ints
    payroll: Ints
    fees: Ints
    lks: Ints
    guidance_hours: Ints
    norm: Ints
    assistance: Ints
    partial_amount: Ints
    was_on_assistance: Ints


@dataclass(frozen=True, slots=True)
class Assumptions:
    """The settings of the model, shown beside its figures."""

    guidance_rate: int  # cents per hour (the internal rate)
    execution_cost_year: int  # cents per benefit per year; saved per month off assistance: /12
    deadweight_ppm: tuple[int, int]  # per track: share that would have left assistance anyway
    partial_share_ppm: int  # share of the norm still paid on PARTIAL with an unknown amount
    lks_is_programme_income: bool  # True: LKS comes from the BUIG and relieves the programme
    guidance_factor_ppm: int = PPM  # sensitivity: multiply the guidance hours

    def __post_init__(self) -> None:
        check_whole("guidance_rate", self.guidance_rate, MAX_GUIDANCE_RATE)
        check_whole("execution_cost_year", self.execution_cost_year, MAX_EXECUTION_COST_YEAR)
        if len(self.deadweight_ppm) != TRACKS:
            raise ValueError("deadweight_ppm needs one value per track (2)")
        for deadweight in self.deadweight_ppm:
            check_whole("deadweight_ppm", deadweight, PPM)
        check_whole("partial_share_ppm", self.partial_share_ppm, PPM)
        check_whole("guidance_factor_ppm", self.guidance_factor_ppm, MAX_GUIDANCE_FACTOR_PPM)

    @property
    def execution_month(self) -> int:
        """Execution cost saved per month: the yearly cost / 12, rounded half up."""
        return round_half_up(self.execution_cost_year, MONTHS_PER_YEAR)


@dataclass(frozen=True, slots=True)
class Overheads:
    """Programme-level costs per year, not per participant: year -> cents."""

    research: Mapping[int, int]
    other: Mapping[int, int]

    def __post_init__(self) -> None:
        for name, amounts in (("research", self.research), ("other", self.other)):
            for year, cents in amounts.items():
                check_whole(f"{name} year", year, MAX_YEAR)
                check_whole(f"{name} {year}", cents, MAX_YEARLY_CENTS)


# -- checks ---------------------------------------------------------------------------


def check_whole(name: str, value: int, high: int, low: int = 0) -> None:
    """Refuse anything but a whole number in ``low..high`` (ValueError)."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise ValueError(f"{name} must be a whole number")
    if not low <= value <= high:
        raise ValueError(f"{name} must lie between {low} and {high}")


def _check_column(name: str, values: Ints, low: int, high: int) -> None:
    if not values.size:
        return
    # One pass instead of min and max: below ``low`` wraps round to a huge unsigned.
    shifted = values if low == 0 else values - low
    if int(shifted.view(np.uint64).max()) > high - low:
        raise ValueError(f"{name} must lie between {low} and {high}")


# Allowed range of each column (low, high).
_RANGES: Final = {
    "participant": (0, MAX_ROWS),
    "month": (0, (MAX_YEAR + 1) * MONTHS_PER_YEAR - 1),
    "track": (0, TRACKS - 1),
    "state": (min(State), max(State)),
    "payroll": (0, MAX_MONTHLY_CENTS),
    "fees": (0, MAX_MONTHLY_CENTS),
    "lks": (0, MAX_MONTHLY_CENTS),
    "guidance_hours": (0, MAX_GUIDANCE_HUNDREDTHS),
    "norm": (0, MAX_MONTHLY_CENTS),
    "assistance": (min(Assistance), max(Assistance)),
    "partial_amount": (-1, MAX_MONTHLY_CENTS),
    "was_on_assistance": (0, 1),
}


def checked(rows: CaseRows) -> CaseRows:
    """``rows`` with every column as int64, after checking lengths and ranges.

    Raises ValueError for columns of different lengths or not 1-d, values
    outside their range, or more than MAX_ROWS rows; TypeError for columns
    that are not integers.
    """
    columns: dict[str, Ints] = {}
    for field in fields(CaseRows):
        array = np.asarray(getattr(rows, field.name))
        if array.dtype.kind not in "iub":
            raise TypeError(f"{field.name}: integer column expected, got {array.dtype}")
        if array.ndim != 1:
            raise ValueError(f"{field.name} must be a 1-d array")
        columns[field.name] = array.astype(np.int64, copy=False)
    lengths = {len(column) for column in columns.values()}
    if len(lengths) > 1:
        raise ValueError("all columns must have the same length")
    if lengths.pop() > MAX_ROWS:
        raise ValueError(f"at most {MAX_ROWS} rows")
    for name, (low, high) in _RANGES.items():
        _check_column(name, columns[name], low, high)
    return CaseRows(**columns)


# -- per row --------------------------------------------------------------------------


def guidance_cost(hours: Ints, rate: int, factor_ppm: int) -> Ints:
    """Cents per row: ``hours × factor × rate / (100 × PPM)``, rounded half up once."""
    return mul_div_round(hours * factor_ppm, rate, HUNDREDTHS * PPM)


def gross_savings(rows: CaseRows, assumptions: Assumptions) -> tuple[Ints, Ints]:
    """Assistance saved and execution saved per row (gross, before deadweight), cents."""
    assistance, no_benefit = savings_rows(rows, assumptions.partial_share_ppm)
    return assistance, no_benefit * np.int64(assumptions.execution_month)


def savings_rows(rows: CaseRows, partial_share_ppm: int) -> tuple[Ints, Bools]:
    """Assistance saved per row (gross), and the rows that save the execution cost."""
    counted = (rows.was_on_assistance == 1) & (rows.state != State.OTHER_AFTER)
    no_benefit = rows.assistance == Assistance.NONE
    # NONE saves the whole norm, FULL nothing; PARTIAL rows are filled in below.
    assistance = rows.norm * no_benefit
    partial = np.flatnonzero(rows.assistance == Assistance.PARTIAL)
    if len(partial):
        norm, known = rows.norm[partial], rows.partial_amount[partial]
        by_share = mul_div_round(norm, partial_share_ppm, PPM)
        still_paid = np.where(known >= 0, known, by_share)
        assistance[partial] = np.maximum(norm - still_paid, 0)
    assistance *= counted
    no_benefit &= counted
    return assistance, no_benefit


def net_of_deadweight(gross: Ints, deadweight_ppm: Ints | int) -> Ints:
    """``gross × (PPM − deadweight) / PPM`` per row, rounded half up."""
    if isinstance(deadweight_ppm, int) and deadweight_ppm == 0:
        return gross
    return mul_div_round(gross, PPM - np.asarray(deadweight_ppm, dtype=np.int64), PPM)


def track_deadweights(track: Ints, deadweight_ppm: tuple[int, int]) -> Ints | int:
    first, second = deadweight_ppm
    if first == second:
        return first
    return np.where(track == 1, np.int64(second), np.int64(first))


# -- allocation -----------------------------------------------------------------------


def allocate(amount: int, weights: Ints) -> Ints:
    """Split ``amount`` over the cells in proportion to ``weights``, exactly.

    Each cell gets ``⌊amount × w / Σw⌋``; the cents left over (fewer than the
    cells with a remainder) go one each to the largest remainders, the lower
    index first on a tie. The result adds up to ``amount``; all zeros when the
    weights sum to 0. ``amount × w`` is computed as ``q × w + r × w`` with
    ``amount = q × Σw + r`` so that no product exceeds ``Σw²``.
    """
    total = int(weights.sum())
    share = np.zeros(len(weights), dtype=np.int64)
    if amount == 0 or total == 0:
        return share
    whole, rest = divmod(amount, total)
    scaled = rest * weights
    share += whole * weights + scaled // total
    left = amount - int(share.sum())
    if left:
        order = np.argsort(-(scaled % total), kind="stable")[:left]
        share[order] += 1
    return share


def net_month(month: int, deadweight_ppm: int) -> int:
    """The execution saved in one month after deadweight (as :func:`net_of_deadweight`)."""
    return round_half_up(month * (PPM - deadweight_ppm), PPM)
