"""What ending a contract costs the employer: the transition payment and the
late-notice compensation. Pure; no Django.

**Transition payment** (*transitievergoeding*, art. 7:673 BW): due when the
employer ends the employment or does not renew a fixed-term contract, from the
first day of service; not when the employee resigns or is dismissed for
serious culpable acts (the caller decides that from the end reason).

- The **monthly wage** is the gross monthly wage plus the holiday allowance and
  fixed supplements (Besluit loonbegrip vergoedingen ontslag).
- **Service** counts every contract with the same employer that followed the
  previous one within six months (art. 7:673 lid 4), the interruptions not
  included. Each contract counts its whole calendar months plus its remaining
  days (:func:`service_length`).
- The payment is one third of a monthly wage per year of service, pro rata
  for the rest: ``W/3 × months/12 + W/3 × days/365`` =
  ``W × (365 × months + 12 × days) / 13,140``, rounded half up to a cent once.
- It is at most the yearly maximum (a dated parameter), or a year's salary
  when that is higher.

**Late-notice compensation** (*aanzegvergoeding*, art. 7:668 lid 3 BW): for a
fixed-term contract of six months or more the employer tells the employee in
writing, at least one month before the end, whether it is renewed. No notice:
one month's wage (the wage fixed in money: gross, without holiday allowance).
Late notice: pro rata per calendar day late, over the notice month (the days
from the deadline to the end, :func:`basisbaan.calc.labour_law.notice_deadline`).

Both have a scalar form in Decimal euros (pages, services) and a vectorised
form in int64 cents (the forecast), which agree to the cent.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

import numpy as np
import numpy.typing as npt

from basisbaan.calc.dates import add_months
from basisbaan.calc.fixed import Ints, mul_div_round

__all__ = [
    "DAYS_PER_YEAR",
    "TRANSITION_DIVISOR",
    "ServiceLength",
    "late_notice_compensation",
    "service_length",
    "service_spans",
    "transition_payment",
    "transition_payment_cents",
    "transition_weight",
]

DAYS_PER_YEAR: Final = 365
MONTHS_PER_YEAR: Final = 12
THIRD: Final = 3
# W/3 × (months/12 + days/365) = W × (365 × months + 12 × days) / (3 × 12 × 365)
TRANSITION_DIVISOR: Final = THIRD * MONTHS_PER_YEAR * DAYS_PER_YEAR  # 13,140
_CENT: Final = Decimal("0.01")
_ONE_DAY: Final = dt.timedelta(days=1)


@dataclass(frozen=True, slots=True, order=True)
class ServiceLength:
    """Length of service as whole calendar months plus remaining days."""

    months: int
    days: int

    @property
    def weight(self) -> int:
        """``365 × months + 12 × days``: the payment is ``W × weight / 13,140``."""
        return transition_weight(self.months, self.days)

    def __add__(self, other: ServiceLength) -> ServiceLength:
        return ServiceLength(self.months + other.months, self.days + other.days)


def transition_weight(months: int, days: int) -> int:
    """``365 × months + 12 × days`` (see :class:`ServiceLength`)."""
    return DAYS_PER_YEAR * months + MONTHS_PER_YEAR * days


def _one_term(start: dt.date, end: dt.date) -> ServiceLength:
    """Whole calendar months from ``start`` within ``start..end`` (inclusive), then days."""
    if end < start:
        return ServiceLength(0, 0)
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    while months > 0 and add_months(start, months) - _ONE_DAY > end:
        months -= 1
    rest_start = add_months(start, months)
    return ServiceLength(months, (end - rest_start).days + 1)


def service_length(terms: Sequence[tuple[dt.date, dt.date]]) -> ServiceLength:
    """Service of the given terms (both ends inclusive) that count together.

    Overlapping or adjacent terms are merged first, so a renewal the day after
    the previous period counts as one run of service.

    >>> service_length([(dt.date(2024, 1, 1), dt.date(2024, 6, 30)),
    ...                 (dt.date(2024, 7, 1), dt.date(2024, 11, 30))])
    ServiceLength(months=11, days=0)
    >>> service_length([(dt.date(2024, 1, 15), dt.date(2024, 3, 20))])
    ServiceLength(months=2, days=6)
    """
    runs: list[list[dt.date]] = []
    for start, end in sorted(terms):
        if runs and start <= runs[-1][1] + _ONE_DAY:
            runs[-1][1] = max(runs[-1][1], end)
        else:
            runs.append([start, end])
    total = ServiceLength(0, 0)
    for start, end in runs:
        total += _one_term(start, end)
    return total


def _add_months_days(start: npt.NDArray[np.datetime64], months: Ints) -> npt.NDArray[np.datetime64]:
    """``add_months`` per row: the same day ``months`` later, clipped to the month's end."""
    first = start.astype("datetime64[M]")
    day = (start - first.astype("datetime64[D]")).astype(np.int64)  # 0-based
    target = first + months.astype("timedelta64[M]")
    length = (
        (target + np.timedelta64(1, "M")).astype("datetime64[D]") - target.astype("datetime64[D]")
    ).astype(np.int64)
    result: npt.NDArray[np.datetime64] = target.astype("datetime64[D]") + np.minimum(
        day, length - 1
    ).astype("timedelta64[D]")
    return result


def service_spans(
    start: npt.NDArray[np.datetime64], end: npt.NDArray[np.datetime64]
) -> tuple[Ints, Ints]:
    """Whole calendar months and remaining days of ``start..end`` (inclusive) per row,
    vectorised; equal to :func:`service_length` of one term. Zero where end < start."""
    start = start.astype("datetime64[D]")
    end = end.astype("datetime64[D]")
    months = (end.astype("datetime64[M]") - start.astype("datetime64[M]")).astype(np.int64) + 1
    months = np.maximum(months, 0)
    for _ in range(2):  # at most two steps back (a clipped day at a month's end)
        over = (months > 0) & (_add_months_days(start, months) - np.timedelta64(1, "D") > end)
        months -= over
    days = (end - _add_months_days(start, months)).astype(np.int64) + 1
    empty = end < start
    months[empty] = 0
    days = np.where(empty, 0, np.maximum(days, 0))
    return months.astype(np.int64), days.astype(np.int64)


def transition_payment(
    *,
    monthly_wage: Decimal,
    service: ServiceLength,
    yearly_max: Decimal,
    annual_salary: Decimal = Decimal(0),
) -> Decimal:
    """The transition payment in euros: ``W × (365 m + 12 d) / 13,140``, rounded half
    up to a cent, at most ``max(yearly_max, annual_salary)``.

    >>> transition_payment(monthly_wage=Decimal("2700.00"), service=ServiceLength(11, 0),
    ...     yearly_max=Decimal("102000"))
    Decimal('825.00')
    """
    if monthly_wage <= 0 or (service.months <= 0 and service.days <= 0):
        return Decimal("0.00")
    amount = (monthly_wage * service.weight / TRANSITION_DIVISOR).quantize(_CENT, ROUND_HALF_UP)
    cap = max(yearly_max, annual_salary)
    return min(amount, cap.quantize(_CENT, ROUND_HALF_UP))


def transition_payment_cents(monthly_wage: Ints, months: Ints, days: Ints, cap: Ints | int) -> Ints:
    """:func:`transition_payment` per row, in cents (``cap`` already the larger of the
    yearly maximum and the year's salary). Zero where there is no service."""
    weight = DAYS_PER_YEAR * np.asarray(months, dtype=np.int64) + MONTHS_PER_YEAR * np.asarray(
        days, dtype=np.int64
    )
    amount = mul_div_round(np.maximum(monthly_wage, 0), np.maximum(weight, 0), TRANSITION_DIVISOR)
    result: Ints = np.minimum(amount, cap).astype(np.int64)
    return result


def late_notice_compensation(
    *, monthly_wage: Decimal, deadline: dt.date | None, end: dt.date, notice_on: dt.date | None
) -> Decimal:
    """The compensation for late or missing written notice, in euros.

    ``deadline`` None: the contract is shorter than six months, no notice is
    owed. ``notice_on`` None: no notice, a whole month's wage. Otherwise the
    days after the deadline, at most the notice month's length, pro rata over
    that month (``end − deadline`` days).

    >>> late_notice_compensation(monthly_wage=Decimal("3100.00"), deadline=dt.date(2024, 11, 30),
    ...     end=dt.date(2024, 12, 31), notice_on=dt.date(2024, 12, 10))
    Decimal('1000.00')
    """
    if deadline is None or monthly_wage <= 0:
        return Decimal("0.00")
    month_days = (end - deadline).days
    days_late = month_days if notice_on is None else (notice_on - deadline).days
    late = min(max(days_late, 0), month_days)
    if late <= 0 or month_days <= 0:
        return Decimal("0.00")
    return (monthly_wage * late / month_days).quantize(_CENT, ROUND_HALF_UP)
