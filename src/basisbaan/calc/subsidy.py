"""Wage-cost subsidy (loonkostensubsidie, LKS, Participatiewet art. 10d). Pure; no Django.

Per full month, for a contract of ``h`` hours a week::

    M    = minimum wage per hour × h × 52/12                    (rounded to cents)
    M8   = M + holiday allowance on M (8 %)                      (rounded to cents)
    wage = min((1 − wage value) × M8, cap × M8)                  (each rounded to cents)
    LKS  = wage + allowance × wage  (employer-charges allowance, 23.5 %)

The cap is the parameter ``lks_cap`` (70 %), the allowance ``lks_employer_charges``
(23.5 %), the holiday allowance ``holiday_allowance`` (8 %). A partial month gets
``days / days_in_month`` of the full month's wage part and allowance, each rounded
half up, as the wages do. A wage value of 100 % (``1_000_000`` ppm) gives no
subsidy: that is how a contract without LKS is passed.

Vectorised over rows of numpy int64 arrays (cents, ppm, tenths of an hour; see
:mod:`basisbaan.calc.fixed`), with a scalar Decimal helper for one month.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

import numpy as np
import numpy.typing as npt

from basisbaan.calc.fixed import (
    MAX_DAYS_IN_MONTH,
    MAX_HOURLY_CENTS,
    MAX_HOURS_TENTHS,
    PPM,
    Ints,
    check_range,
    euros,
    int64_rows,
    monthly_amount,
    mul_div_round,
    partial_rows,
    pro_rata,
    to_cents,
    to_ppm,
    to_tenths,
)

__all__ = ["LksMonth", "SubsidyRows", "lks_month", "subsidy_rows", "wage_subsidy"]


@dataclass(frozen=True, slots=True)
class SubsidyRows:
    """LKS per row, in cents."""

    base: Ints  # minimum wage for the hours incl. holiday allowance, per FULL month
    wage_part: Ints  # LKS before the employer-charges allowance (pro rata)
    allowance: Ints  # employer-charges allowance (pro rata)

    @property
    def total(self) -> Ints:
        return self.wage_part + self.allowance


def wage_subsidy(
    *,
    minimum_wage: npt.ArrayLike,
    hours: npt.ArrayLike,
    wage_value_ppm: npt.ArrayLike,
    holiday_ppm: npt.ArrayLike,
    cap_ppm: npt.ArrayLike,
    allowance_ppm: npt.ArrayLike,
    days: npt.ArrayLike,
    days_in_month: npt.ArrayLike,
) -> SubsidyRows:
    """LKS for every row at once.

    ``minimum_wage`` is the hourly minimum wage in cents that applies to the
    person in that month, ``hours`` tenths of an hour a week, the rates in ppm.
    Scalars are broadcast over the rows of ``hours``.
    """
    mw, h, wv, holiday, cap, allowance_rate, d, dim = int64_rows(
        minimum_wage,
        hours,
        wage_value_ppm,
        holiday_ppm,
        cap_ppm,
        allowance_ppm,
        days,
        days_in_month,
    )
    check_range("minimum_wage", mw, 0, MAX_HOURLY_CENTS)
    check_range("hours", h, 0, MAX_HOURS_TENTHS)
    for name, rate in (
        ("wage_value_ppm", wv),
        ("holiday_ppm", holiday),
        ("cap_ppm", cap),
        ("allowance_ppm", allowance_rate),
    ):
        check_range(name, rate, 0, PPM)
    check_range("days_in_month", dim, 1, MAX_DAYS_IN_MONTH)
    if d.size and (int(d.min()) < 0 or bool((d > dim).any())):
        raise ValueError("days must lie between 0 and days_in_month")

    return subsidy_rows(mw, h, wv, holiday, cap, allowance_rate, d, dim)


def subsidy_rows(
    minimum_wage: Ints,
    hours: Ints,
    wage_value_ppm: Ints,
    holiday_ppm: Ints,
    cap_ppm: Ints,
    allowance_ppm: Ints,
    days: Ints,
    days_in_month: Ints,
    partial: Ints | None = None,
) -> SubsidyRows:
    """:func:`wage_subsidy` on columns already checked and of equal length.

    ``min(round(base × (1 − wage value)), round(base × cap))`` equals
    ``round(base × min(1 − wage value, cap))`` because rounding keeps order,
    so the cap is applied to the rate and the base is multiplied once.
    """
    month = monthly_amount(minimum_wage, hours)
    base = month + mul_div_round(month, holiday_ppm, PPM)
    rate = np.minimum(PPM - wage_value_ppm, cap_ppm)
    wage_part = mul_div_round(base, rate, PPM)
    allowance = mul_div_round(wage_part, allowance_ppm, PPM)
    if partial is None:
        partial = partial_rows(days, days_in_month)
    return SubsidyRows(
        base=base,
        wage_part=pro_rata(wage_part, days, days_in_month, partial, in_place=True),
        allowance=pro_rata(allowance, days, days_in_month, partial, in_place=True),
    )


@dataclass(frozen=True, slots=True)
class LksMonth:
    """LKS for one month, in euros."""

    base: Decimal  # minimum wage for the hours incl. holiday allowance, full month
    wage_part: Decimal
    allowance: Decimal
    total: Decimal


def lks_month(
    *,
    minimum_wage: Decimal,
    hours_per_week: Decimal,
    wage_value: Decimal,
    holiday_rate: Decimal,
    cap: Decimal,
    allowance_rate: Decimal,
    days: int | None = None,
    days_in_month: int = 30,
) -> LksMonth:
    """LKS for one month with Decimal in and out (fractions: 0.08 is 8 %).

    ``days`` of ``days_in_month`` covered; ``days=None`` is a whole month.

    >>> lks_month(minimum_wage=Decimal("14.40"), hours_per_week=Decimal("32"),
    ...     wage_value=Decimal("0.60"), holiday_rate=Decimal("0.08"),
    ...     cap=Decimal("0.70"), allowance_rate=Decimal("0.235")).total
    Decimal('1065.34')
    """
    rows = wage_subsidy(
        minimum_wage=[to_cents(minimum_wage)],
        hours=[to_tenths(hours_per_week)],
        wage_value_ppm=[to_ppm(wage_value)],
        holiday_ppm=[to_ppm(holiday_rate)],
        cap_ppm=[to_ppm(cap)],
        allowance_ppm=[to_ppm(allowance_rate)],
        days=[days_in_month if days is None else days],
        days_in_month=[days_in_month],
    )
    return LksMonth(
        base=euros(rows.base[0]),
        wage_part=euros(rows.wage_part[0]),
        allowance=euros(rows.allowance[0]),
        total=euros(rows.total[0]),
    )
