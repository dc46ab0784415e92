"""Guidance arithmetic: the hours norm pro rata, quarters, cost, and the
feedback-session cadence. Pure; no Django.

Hours are handled in **hundredths of an hour** (int): 1,25 hours is 125. The
norm is hours per participant per *whole* year in the programme; a participant
who takes part on ``d`` of the ``D`` days of a year gets ``norm * d / D`` of it.
"Days in the programme" is the union of the participant's participation
ranges (placements) clipped to the year, so overlapping placements count once.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import numpy.typing as npt

from basisbaan.calc.dates import add_days

__all__ = [
    "CENT",
    "Range",
    "SessionState",
    "days_in_year",
    "hours_cost",
    "next_due",
    "norm_hundredths",
    "participation_days",
    "placement_overdue",
    "quarter_days",
    "quarter_of",
    "quarter_totals",
    "session_state",
]

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# A participation range: first and last day (inclusive); ``None`` = still running.
Range = tuple[dt.date, dt.date | None]


def days_in_year(year: int) -> int:
    return 366 if calendar.isleap(year) else 365


def _merged(ranges: Iterable[Range], start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """The ranges clipped to ``start..end`` and merged where they overlap or touch."""
    clipped = sorted(
        (max(a, start), min(b or end, end)) for a, b in ranges if a <= end and (b or end) >= start
    )
    merged: list[tuple[dt.date, dt.date]] = []
    for a, b in clipped:
        if merged and a <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], b))
        else:
            merged.append((a, b))
    return merged


def participation_days(ranges: Iterable[Range], start: dt.date, end: dt.date) -> int:
    """Days from ``start`` to ``end`` (inclusive) covered by at least one range.

    >>> participation_days([(dt.date(2025, 7, 1), None)], dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    184
    """
    if end < start:
        return 0
    return sum((b - a).days + 1 for a, b in _merged(ranges, start, end))


def norm_hundredths(norm_hours: Decimal, days: int, year: int) -> int:
    """The pro-rata norm in hundredths of an hour: ``norm * days / days_in_year``,
    rounded half up to the hundredth.

    >>> norm_hundredths(Decimal(200), 184, 2025)
    10082
    """
    if days < 0 or days > days_in_year(year):
        raise ValueError(f"days must be 0..{days_in_year(year)}, not {days}")
    exact = norm_hours * HUNDRED * days / days_in_year(year)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def hours_cost(hundredths: int, hourly_rate: Decimal) -> Decimal:
    """Cost in euros (to the cent, half up) of ``hundredths`` hours at ``hourly_rate``.

    >>> hours_cost(12550, Decimal("62.50"))
    Decimal('7843.75')
    """
    return (Decimal(hundredths) * hourly_rate / HUNDRED).quantize(CENT, rounding=ROUND_HALF_UP)


def quarter_of(day: dt.date) -> int:
    """1..4."""
    return (day.month - 1) // 3 + 1


def quarter_days(ranges: Sequence[Range], year: int) -> list[int]:
    """Participation days in each quarter of ``year`` (four numbers)."""
    result = []
    for q in range(4):
        start = dt.date(year, 3 * q + 1, 1)
        last_month = 3 * q + 3
        end = dt.date(year, last_month, calendar.monthrange(year, last_month)[1])
        result.append(participation_days(ranges, start, end))
    return result


def quarter_totals(
    quarters: npt.NDArray[np.int64],
    hundredths: npt.NDArray[np.int64],
    keys: npt.NDArray[np.int64],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Sum hours per key and quarter in one vectorised pass.

    ``quarters`` are 1..4, ``hundredths`` the hours, ``keys`` whatever they are
    grouped by (participant id, staff id). Returns the sorted distinct keys and
    a ``(len(keys), 4)`` array of hundredths.
    """
    if np.any((quarters < 1) | (quarters > 4)):
        raise ValueError("quarters must be 1..4")
    distinct, index = np.unique(keys, return_inverse=True)
    totals = np.zeros((len(distinct), 4), dtype=np.int64)
    np.add.at(totals, (index, quarters - 1), hundredths)
    return distinct.astype(np.int64), totals


# -- feedback sessions -----------------------------------------------------------------


class SessionState:
    PLANNED = "planned"
    HELD = "held"
    OVERDUE = "overdue"
    CANCELLED = "cancelled"


def next_due(*, placement_start: dt.date, last_held: dt.date | None, cadence_weeks: int) -> dt.date:
    """When the next feedback session of a placement is due: the last held
    session plus the cadence, or, before the first, the start plus the cadence.

    >>> next_due(placement_start=dt.date(2025, 1, 6), last_held=None, cadence_weeks=6)
    datetime.date(2025, 2, 17)
    """
    if cadence_weeks < 1:
        raise ValueError("cadence_weeks must be at least 1")
    base = last_held if last_held is not None and last_held >= placement_start else placement_start
    return add_days(base, 7 * cadence_weeks)


def placement_overdue(
    *,
    placement_start: dt.date,
    placement_end: dt.date | None,
    last_held: dt.date | None,
    cadence_weeks: int,
    today: dt.date,
) -> bool:
    """Whether a placement has gone past its due date without a held session.

    A placement that ended before its due date is not overdue: the session
    fell away with the placement. A planned session does not stop a placement
    from being overdue; only holding it does.
    """
    due = next_due(
        placement_start=placement_start, last_held=last_held, cadence_weeks=cadence_weeks
    )
    if placement_end is not None and placement_end < due:
        return False
    return due < today


def session_state(
    *, planned_date: dt.date, held_on: dt.date | None, cancelled: bool, today: dt.date
) -> str:
    """Planned, held, cancelled, or overdue (planned in the past, not held)."""
    if cancelled:
        return SessionState.CANCELLED
    if held_on is not None:
        return SessionState.HELD
    if planned_date < today:
        return SessionState.OVERDUE
    return SessionState.PLANNED


@dataclass(frozen=True, slots=True)
class NormLine:
    """Hours against the norm for one participant, staff member or programme."""

    hours: int  # hundredths, year to date
    norm_to_date: int  # hundredths, pro rata to the as-of date
    norm_year: int  # hundredths, pro rata for the whole year
    quarters: tuple[int, int, int, int]  # hundredths per quarter

    @property
    def ratio(self) -> Decimal | None:
        """Hours as a fraction of the norm to date (1.10 = 10 % above)."""
        if not self.norm_to_date:
            return None
        return (Decimal(self.hours) / Decimal(self.norm_to_date)).quantize(Decimal("0.01"))
