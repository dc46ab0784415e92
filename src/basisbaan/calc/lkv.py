"""Wage-cost advantages (loonkostenvoordelen, LKV, Wet tegemoetkomingen loondomein)
the employer may claim for a participant. Pure; no Django.

**Paid hours** (verloonde uren) follow the cost model: hours per week × 52/12 per
full calendar month, pro rata per calendar day covered (days / days in the month;
:mod:`basisbaan.calc.costs`). They are kept exact, as whole numbers of
``1 / HOUR_UNITS`` hour: a month of ``d`` days covered out of ``n`` at ``h`` tenths
of an hour a week is ``h × 52 × d × (LCM / n)`` units, where ``LCM`` (377,580) is
divisible by every month length, and ``HOUR_UNITS`` = 12 × 10 × ``LCM``. A full
year at 32 hours a week is exactly 1,664 hours.

**The LKV of a calendar year** = min(paid hours of the year within the
entitlement × amount per hour, yearly maximum), rounded half up to whole cents
once (on the year, not per month).

**The entitlement's days**: from its start to its end (open: no end), but no
longer than the kind's maximum duration counted from the start of the
employment (the recorded employment start; the entitlement's start when none is
recorded): the last day is ``period_end(employment start, months)``. The
banenafspraak for employment begun from 2026 has no maximum duration.

**The amounts of a year** come from the dated parameters (see
:mod:`basisbaan.parameters.seed_lkv`): the main pair in force on 1 January, or
the transitional pair when the employment began before the transitional pair's
first date and the year lies on or after it.

**Conditions the data can show** (a year without LKV says why, :class:`LkvReason`):
a doelgroepverklaring is needed for every kind but the banenafspraak (which
needs registration in the doelgroepregister); the older worker is 56 or older
when the employment begins; the LKV may be abolished for the
employment (an amount of 0) or have no published amount for the year. An
employee brings at most one LKV at a time: the services refuse overlapping
entitlements, so the amounts of one participant add up.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Final

import numpy as np

from basisbaan.calc.dated import DatedSeries
from basisbaan.calc.dates import LAST_DAY, age_on, period_end
from basisbaan.calc.fixed import (
    MAX_HOURS_TENTHS,
    MONTHS_PER_YEAR,
    TENTHS,
    WEEKS_PER_YEAR,
    Ints,
    check_range,
    int64_rows,
    mul_div_round,
    to_cents,
)
from basisbaan.calc.months import month_slices

__all__ = [
    "HOUR_UNITS",
    "OLDER_MIN_AGE",
    "Claim",
    "LkvReason",
    "LkvTable",
    "LkvYear",
    "Rates",
    "Span",
    "entitlement_days",
    "lkv_cents",
    "lkv_years",
    "paid_hour_units",
    "yearly_units",
]

LCM: Final = 377_580  # lcm(28, 29, 30, 31)
HOUR_UNITS: Final = MONTHS_PER_YEAR * TENTHS * LCM
# Wtl: the older worker's LKV is for an employee aged 56 or older when the
# employment begins. The LKV itself is abolished for employment begun from 2024.
OLDER_MIN_AGE: Final = 56
MAX_RATE_CENTS: Final = 100_000  # 1,000 euro an hour: the limit keeps int64 products exact
MAX_CAP_CENTS: Final = 100_000_000
YEAR_KEY: Final = 10_000
# No intermediate product overflows: a year's units (31 × 12 months of 168 hours) × rate.
assert (
    np.iinfo(np.int64).max
    > MAX_HOURS_TENTHS * WEEKS_PER_YEAR * 31 * LCM * MONTHS_PER_YEAR * 2 * MAX_RATE_CENTS
)


class LkvReason(enum.StrEnum):
    """Why a year of an entitlement brings no LKV."""

    NO_DECLARATION = "no_declaration"  # no doelgroepverklaring recorded
    TOO_YOUNG = "too_young"  # older worker under 56 when the employment began
    NO_AMOUNT = "no_amount"  # no published amount for the year
    ABOLISHED = "abolished"  # the amount is 0 for this employment
    NO_HOURS = "no_hours"  # no contract hours within the entitlement in the year


@dataclass(frozen=True, slots=True)
class Rates:
    hourly: int  # cents per paid hour
    maximum: int  # cents per calendar year
    transitional: bool
    source: str


@dataclass(frozen=True, slots=True)
class LkvTable:
    """The dated parameters of one kind of LKV."""

    hourly: DatedSeries
    maximum: DatedSeries
    months: DatedSeries
    trans_hourly: DatedSeries | None = None
    trans_maximum: DatedSeries | None = None
    no_limit: DatedSeries | None = None

    def rates(self, year: int, employment_start: dt.date) -> Rates | None:
        """The amounts of ``year`` for employment begun on ``employment_start``;
        None when no amount is known for the year."""
        new_year = dt.date(year, 1, 1)
        hourly, maximum, transitional = self.hourly, self.maximum, False
        if self.trans_hourly is not None and self.trans_maximum is not None:
            regime = self.trans_hourly.dates[0] if self.trans_hourly.dates else None
            if regime is not None and employment_start < regime <= new_year:
                hourly, maximum, transitional = self.trans_hourly, self.trans_maximum, True
        try:
            rate, cap = hourly.at(new_year), maximum.at(new_year)
        except LookupError:
            return None
        return Rates(
            hourly=max(to_cents(rate.value), 0),
            maximum=max(to_cents(cap.value), 0),
            transitional=transitional,
            source=rate.source,
        )

    def duration_months(self, employment_start: dt.date) -> int | None:
        """The maximum duration for employment begun on ``employment_start``; None: no limit.

        Before the first row (employment begun before 2018) the first value holds.
        """
        if self.no_limit is not None and _value_on(self.no_limit, employment_start) == 1:
            return None
        return int(_value_on(self.months, employment_start))


def _value_on(series: DatedSeries, day: dt.date) -> int:
    if not series.dates:
        return 0
    try:
        return int(series.at(day).value)
    except LookupError:
        return int(series.values[0])


@dataclass(frozen=True, slots=True)
class Span:
    """A contract period: inclusive dates and tenths of an hour a week."""

    start: dt.date
    end: dt.date
    hours: int


@dataclass(frozen=True, slots=True)
class Claim:
    """An entitlement as the calculation sees it."""

    kind: str
    start: dt.date
    end: dt.date | None
    employment_start: dt.date | None
    has_declaration: bool
    needs_declaration: bool
    birth_date: dt.date | None = None
    older: bool = False  # the kind is the older worker's LKV

    @property
    def anchor(self) -> dt.date:
        """The start of the employment the duration and the regime count from."""
        return self.employment_start or self.start


@dataclass(frozen=True, slots=True)
class LkvYear:
    year: int
    hours: Fraction  # paid hours within the entitlement
    amount: int  # cents
    capped: bool
    rates: Rates | None
    reason: LkvReason | None


# -- vectorised core -------------------------------------------------------------------


def paid_hour_units(hours: Ints, days: Ints, days_in_month: Ints) -> Ints:
    """Paid hours of month rows, in units of ``1 / HOUR_UNITS`` hour (exact)."""
    return hours * WEEKS_PER_YEAR * days * (LCM // days_in_month)


def yearly_units(
    group: Ints, starts: Sequence[dt.date], ends: Sequence[dt.date], hours: Ints
) -> tuple[Ints, Ints, Ints]:
    """Paid-hour units per (group, calendar year) of inclusive ranges, vectorised.

    Returns ``(group, year, units)`` arrays, one entry per pair that has days,
    sorted by group and year.
    """
    group, hours = int64_rows(group, hours)
    check_range("hours", hours, 0, MAX_HOURS_TENTHS)
    slices = month_slices(starts, ends)
    units = paid_hour_units(hours[slices.source], slices.days, slices.days_in_month)
    key = group[slices.source] * YEAR_KEY + slices.year
    keys, inverse = np.unique(key, return_inverse=True)
    sums = np.zeros(len(keys), dtype=np.int64)
    np.add.at(sums, inverse, units)
    return keys // YEAR_KEY, keys % YEAR_KEY, sums


def lkv_cents(units: Ints, hourly: Ints, maximum: Ints) -> Ints:
    """min(units / HOUR_UNITS × hourly, maximum), rounded half up once, cents."""
    units, hourly, maximum = int64_rows(units, hourly, maximum)
    check_range("hourly amount", hourly, 0, MAX_RATE_CENTS)
    check_range("yearly maximum", maximum, 0, MAX_CAP_CENTS)
    return np.minimum(mul_div_round(units, hourly, HOUR_UNITS), maximum)


# -- per entitlement -------------------------------------------------------------------


def entitlement_days(claim: Claim, table: LkvTable) -> tuple[dt.date, dt.date]:
    """The first and last day of the entitlement (its end and the legal maximum duration)."""
    last = claim.end or LAST_DAY
    months = table.duration_months(claim.anchor)
    if months is not None:
        last = min(last, period_end(claim.anchor, months))
    return claim.start, last


def _refusal(claim: Claim) -> LkvReason | None:
    if claim.needs_declaration and not claim.has_declaration:
        return LkvReason.NO_DECLARATION
    if (
        claim.older
        and claim.birth_date is not None
        and age_on(claim.birth_date, claim.anchor) < OLDER_MIN_AGE
    ):
        return LkvReason.TOO_YOUNG
    return None


def lkv_years(
    claims: Sequence[Claim],
    spans: Sequence[Sequence[Span]],
    tables: Mapping[str, LkvTable],
    years: range,
    *,
    between: tuple[dt.date, dt.date] | None = None,
) -> list[list[LkvYear]]:
    """Per claim, the LKV of each year of ``years`` that the entitlement touches.

    ``spans[i]`` are the contract periods of claim ``i``'s participant (overlapping
    periods add up). With ``between``, only the hours of those days count (the
    maximum stays the year's). The month rows of all claims are computed at once.
    """
    if not years:
        return [[] for _claim in claims]
    windows = [entitlement_days(claim, tables[claim.kind]) for claim in claims]
    first_day, last_day = dt.date(years[0], 1, 1), dt.date(years[-1], 12, 31)
    if between is not None:
        first_day, last_day = max(first_day, between[0]), min(last_day, between[1])
    group: list[int] = []
    starts: list[dt.date] = []
    ends: list[dt.date] = []
    hours: list[int] = []
    for i, ((first, last), periods) in enumerate(zip(windows, spans, strict=True)):
        for span in periods:
            start, end = max(span.start, first, first_day), min(span.end, last, last_day)
            if start <= end:
                group.append(i)
                starts.append(start)
                ends.append(end)
                hours.append(span.hours)
    units: dict[tuple[int, int], int] = {}
    if group:
        g, y, u = yearly_units(np.array(group), starts, ends, np.array(hours))
        units = {(a, b): c for a, b, c in zip(g.tolist(), y.tolist(), u.tolist(), strict=True)}
    memo: dict[tuple[str, int, dt.date], Rates | None] = {}  # many claims share kind and start
    return [
        _claim_years(claim, tables[claim.kind], window, i, units, years, memo)
        for i, (claim, window) in enumerate(zip(claims, windows, strict=True))
    ]


def _claim_years(
    claim: Claim,
    table: LkvTable,
    window: tuple[dt.date, dt.date],
    index: int,
    units: Mapping[tuple[int, int], int],
    years: range,
    memo: dict[tuple[str, int, dt.date], Rates | None] | None = None,
) -> list[LkvYear]:
    refusal = _refusal(claim)
    memo = {} if memo is None else memo
    out = []
    for year in years:
        if not window[0].year <= year <= window[1].year:
            continue
        paid = units.get((index, year), 0)
        hours = Fraction(paid, HOUR_UNITS)
        key = (str(claim.kind), year, claim.anchor)
        if key not in memo:
            memo[key] = table.rates(year, claim.anchor)
        rates = memo[key]
        reason = refusal
        if reason is None and rates is None:
            reason = LkvReason.NO_AMOUNT
        if reason is None and rates is not None and not (rates.hourly and rates.maximum):
            reason = LkvReason.ABOLISHED
        if reason is None and not paid:
            reason = LkvReason.NO_HOURS
        if reason is not None or rates is None:
            out.append(LkvYear(year, hours, 0, False, rates, reason))
            continue
        uncapped = int(mul_div_round(paid, rates.hourly, HOUR_UNITS))
        amount = min(uncapped, rates.maximum)
        out.append(LkvYear(year, hours, amount, uncapped > rates.maximum, rates, None))
    return out
