"""Dutch labour-law rules for fixed-term basisbaan contracts. Pure; no Django.

Three rules, each with the article it follows:

- **Minimum wage** (Wet minimumloon en minimumvakantiebijslag, WML): the hourly
  wage may on no day be below the statutory minimum for the person's age. From
  2024 the minimum is one hourly amount; before 2024 the hourly amount
  depended on the employer's full-time week (36, 38 or 40 hours). Under 21 a
  fixed share of the adult amount applies (youth wage), by age on the day.
  :class:`MinimumWageTable` turns the dated parameter rows into the minimum
  for one person over a period, step by step.
- **Notice deadline** (*aanzegtermijn*, art. 7:668 BW): for a fixed-term
  contract of six months or more, the employer tells the employee in writing,
  at least one month before the end, whether and on what terms it is
  renewed. :func:`notice_deadline`.
- **Chain rule** (*ketenregeling*, art. 7:668a BW): fixed-term contracts that
  follow each other with interruptions of *at most* six months form a chain;
  the chain turns into a permanent contract by law from the day it exceeds 36
  months (interruptions included), or with its fourth contract.
  :func:`check_renewal` says, before a renewal, whether it would do so;
  :func:`chain_status` says it of contracts already recorded. A collective
  agreement (cao) may set other numbers (art. 7:668a lid 5 BW): every chain
  function takes :class:`ChainLimits`, the legal ones by default.

Every rule takes plain dates and decimals and returns plain values.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Final

from basisbaan.calc.dated import DatedSeries
from basisbaan.calc.dates import add_days, add_months, years_after

__all__ = [
    "ADULT_AGE",
    "CHAIN_MAX_CONTRACTS",
    "CHAIN_MAX_GAP_MONTHS",
    "CHAIN_MAX_MONTHS",
    "DEFAULT_FULLTIME_HOURS",
    "HOURLY_FROM",
    "LEGAL_CHAIN_LIMITS",
    "NOTICE_MIN_MONTHS",
    "ChainCheck",
    "ChainLimits",
    "ChainReason",
    "MinimumWageTable",
    "Rate",
    "Step",
    "Term",
    "TermStatus",
    "age_on",
    "chain_continues",
    "chain_of",
    "chain_status",
    "check_renewal",
    "first_shortfall",
    "lasts_six_months",
    "notice_deadline",
    "project_hourly",
    "wage_shortfall",
]

ADULT_AGE: Final = 21
YOUNGEST_AGE: Final = 15  # the youngest youth share; younger people get it too
HOURLY_FROM: Final = dt.date(2024, 1, 1)  # the first statutory hourly minimum wage
DEFAULT_FULLTIME_HOURS: Final = 38
NOTICE_MIN_MONTHS: Final = 6
NOTICE_MONTHS: Final = 1
CHAIN_MAX_CONTRACTS: Final = 3
CHAIN_MAX_MONTHS: Final = 36
CHAIN_MAX_GAP_MONTHS: Final = 6
_CENT: Final = Decimal("0.01")
_ONE_DAY: Final = dt.timedelta(days=1)


# --- minimum wage ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Rate:
    """A value that holds from ``start`` until the next rate of the same series.

    ``assumed``: not yet published (the controller entered it as an assumption).
    """

    start: dt.date
    value: Decimal
    assumed: bool = False


@dataclass(frozen=True, slots=True)
class Step:
    """The hourly minimum wage of one person from ``start`` on (in euros).

    ``since`` is the day the rule behind this amount took effect: the
    effective date of the minimum wage, or the birthday that changed the youth
    share. For the first step of a period it may lie before the period.
    ``age`` is the person's age when it is under 21, else None.
    """

    start: dt.date
    value: Decimal
    since: dt.date
    assumed: bool
    age: int | None = None


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Age in whole years on ``day``; someone born on 29 February turns a year
    older on 1 March in a common year.

    >>> age_on(dt.date(2004, 7, 15), dt.date(2024, 7, 14)), age_on(dt.date(2004, 7, 15), dt.date(2024, 7, 15))
    (19, 20)
    """
    before_birthday = (day.month, day.day) < (birth_date.month, birth_date.day)
    return day.year - birth_date.year - int(before_birthday)


def _birthday(birth_date: dt.date, age: int) -> dt.date:
    """The day ``age`` is reached (29 February: 1 March in a common year)."""
    return years_after(birth_date, age)


def _rate_on(rates: Sequence[Rate], day: dt.date) -> Rate | None:
    index = bisect.bisect_right([r.start for r in rates], day) - 1
    return rates[index] if index >= 0 else None


@dataclass(frozen=True, slots=True)
class MinimumWageTable:
    """The dated minimum-wage rows the rule needs, as plain :class:`Rate` series.

    ``hourly``: the hourly amount for 21 and over from 2024. ``by_week``: before
    2024, the hourly amount per full-time week (36, 38, 40). ``youth``: per
    age 15..20, the share of the adult amount (0.80 for 20).

    ``projected``: the hourly amounts past the last known row, one per expected
    change (every 1 January and 1 July) up to a horizon, derived from the
    municipality's indexation assumption (:func:`project_hourly`) and marked as
    assumptions. With an indexation of 0 they equal the last amount, still
    marked. Past the horizon the last projected amount holds.

    A lookup with ``projected=False`` leaves them out: then past the last known
    row the last amount holds, *not* marked as an assumption. That is the
    published minimum: the minimum wage does not fall, so a wage below the last
    published amount is below the minimum for certain. A contract is refused on
    that one only, and flagged on the projected one (:func:`wage_shortfall`).
    Rows entered as assumptions (a future rise the controller expects) are
    marked either way.
    """

    hourly: tuple[Rate, ...]
    by_week: Mapping[int, tuple[Rate, ...]] = field(default_factory=dict)
    youth: Mapping[int, tuple[Rate, ...]] = field(default_factory=dict)
    projected: tuple[Rate, ...] = ()

    def _week_series(self, fulltime_hours: int) -> tuple[Rate, ...]:
        return self.by_week.get(fulltime_hours) or self.by_week.get(DEFAULT_FULLTIME_HOURS, ())

    def _hourly_series(self, projected: bool) -> tuple[Rate, ...]:
        return (*self.hourly, *self.projected) if projected else self.hourly

    def _adult_series(self, day: dt.date, fulltime_hours: int, projected: bool) -> tuple[Rate, ...]:
        if day >= HOURLY_FROM:
            return self._hourly_series(projected)
        return self._week_series(fulltime_hours)

    def _youth_series(self, age: int) -> tuple[Rate, ...]:
        return self.youth.get(max(age, YOUNGEST_AGE), ())

    def _change_days(
        self,
        start: dt.date,
        end: dt.date,
        birth_date: dt.date | None,
        fulltime_hours: int,
        projected: bool,
    ) -> list[dt.date]:
        """Days in ``start + 1 .. end`` on which this person's minimum may change."""
        days: set[dt.date] = set()
        series = [
            self._hourly_series(projected),
            self._week_series(fulltime_hours),
            *self.youth.values(),
        ]
        for rates in series:
            days.update(r.start for r in rates if start < r.start <= end)
        if start < HOURLY_FROM <= end:
            days.add(HOURLY_FROM)
        if birth_date is not None:
            for age in range(max(age_on(birth_date, start) + 1, 0), ADULT_AGE + 1):
                birthday = _birthday(birth_date, age)
                if start < birthday <= end:
                    days.add(birthday)
        return sorted(days)

    def step_on(
        self,
        day: dt.date,
        *,
        birth_date: dt.date | None,
        fulltime_hours: int = DEFAULT_FULLTIME_HOURS,
        projected: bool = True,
    ) -> Step | None:
        """This person's hourly minimum on ``day``; None before the first known row."""
        adult = _rate_on(self._adult_series(day, fulltime_hours, projected), day)
        if adult is None:
            return None
        since, assumed, value = adult.start, adult.assumed, adult.value
        age = age_on(birth_date, day) if birth_date is not None else ADULT_AGE
        if age <= ADULT_AGE and birth_date is not None and age >= YOUNGEST_AGE:
            since = max(since, _birthday(birth_date, age))
        if age < ADULT_AGE:
            share = _rate_on(self._youth_series(age), day)
            if share is None:
                return None
            value = (adult.value * share.value).quantize(_CENT, ROUND_HALF_UP)
            since, assumed = max(since, share.start), assumed or share.assumed
            return Step(day, value, since, assumed, age)
        return Step(day, value, since, assumed)

    def schedule(
        self,
        start: dt.date,
        end: dt.date,
        *,
        birth_date: dt.date | None,
        fulltime_hours: int = DEFAULT_FULLTIME_HOURS,
        projected: bool = True,
    ) -> list[Step]:
        """The person's hourly minimum over ``start..end``: one step per change.

        The first step starts on ``start``; later steps only where the amount
        changes. Days before the first known row are left out (nothing is
        known about them). ``projected=False``: the published amounts only.
        """
        steps: list[Step] = []
        days = self._change_days(start, end, birth_date, fulltime_hours, projected)
        for day in [start, *days]:
            step = self.step_on(
                day, birth_date=birth_date, fulltime_hours=fulltime_hours, projected=projected
            )
            if step is None:
                continue
            if steps and steps[-1].value == step.value and steps[-1].age == step.age:
                continue
            steps.append(step)
        return steps


def project_hourly(series: DatedSeries, *, indexation: Decimal, until: dt.date) -> tuple[Rate, ...]:
    """The assumed hourly minimum on every expected change after the last known
    row of ``series`` up to ``until``: :meth:`DatedSeries.at` with the
    municipality's ``indexation``, so the same amount (rounded the same way) as
    the cost model uses for that day.

    >>> from basisbaan.calc.dated import DatedSeries
    >>> series = DatedSeries.of(
    ...     "minimum_wage_hourly",
    ...     [(dt.date(2026, 1, 1), Decimal("14.71"), "")],
    ...     cadence_months=6,
    ...     places=2,
    ... )
    >>> [(r.start.isoformat(), str(r.value), r.assumed) for r in project_hourly(
    ...     series, indexation=Decimal("0.02"), until=dt.date(2027, 1, 1))]
    [('2026-07-01', '15.00', True), ('2027-01-01', '15.30', True)]
    """
    if not series.dates or series.cadence_months is None:
        return ()
    last, rates = series.dates[-1], []
    months = series.cadence_months
    day = add_months(last, months)
    while day <= until:
        value = series.at(day, indexation=indexation).value.quantize(_CENT, ROUND_HALF_UP)
        rates.append(Rate(day, value, assumed=True))
        months += series.cadence_months
        day = add_months(last, months)
    return tuple(rates)


def first_shortfall(
    wage: Decimal, schedule: Sequence[Step], *, include_assumed: bool = True
) -> Step | None:
    """The first step whose minimum is above ``wage``, or None when the wage suffices.

    ``include_assumed=False`` ignores steps that rest on an assumed figure: a
    contract is refused only on published amounts, and flagged on assumed ones.
    """
    for step in schedule:
        if step.value > wage and (include_assumed or not step.assumed):
            return step
    return None


def wage_shortfall(
    table: MinimumWageTable,
    wage: Decimal,
    start: dt.date,
    end: dt.date,
    *,
    birth_date: dt.date | None,
    fulltime_hours: int = DEFAULT_FULLTIME_HOURS,
) -> Step | None:
    """Where ``wage`` over ``start..end`` falls below the minimum: the first
    shortfall on a published amount when there is one (not assumed: a refusal),
    else the first on an assumed or projected amount (assumed: a flag), else None.
    """
    published = table.schedule(
        start, end, birth_date=birth_date, fulltime_hours=fulltime_hours, projected=False
    )
    step = first_shortfall(wage, published, include_assumed=False)
    if step is not None:
        return step
    schedule = table.schedule(start, end, birth_date=birth_date, fulltime_hours=fulltime_hours)
    return first_shortfall(wage, schedule, include_assumed=True)


# --- notice deadline (aanzegtermijn) --------------------------------------------------------


def lasts_six_months(start: dt.date, end: dt.date) -> bool:
    """Whether ``start..end`` (inclusive) lasts six months or more.

    >>> lasts_six_months(dt.date(2024, 7, 1), dt.date(2024, 12, 31))
    True
    >>> lasts_six_months(dt.date(2024, 7, 1), dt.date(2024, 12, 30))
    False
    """
    return end >= add_months(start, NOTICE_MIN_MONTHS) - _ONE_DAY


def notice_deadline(start: dt.date, end: dt.date) -> dt.date | None:
    """The last day to tell the employee in writing whether the contract is renewed.

    Art. 7:668 BW: at least one month before the day a fixed-term contract of
    six months or more ends. That is ``end`` minus one calendar month, clipped
    to the month's last day: 30 May for a contract ending on 30 June, 30
    November for one ending on 31 December. None when the contract is shorter
    than six months: then the law asks no notice.

    >>> notice_deadline(dt.date(2024, 7, 1), dt.date(2024, 12, 31))
    datetime.date(2024, 11, 30)
    """
    if not lasts_six_months(start, end):
        return None
    return add_months(end, -NOTICE_MONTHS)


# --- chain rule (ketenregeling) -------------------------------------------------------------


@dataclass(frozen=True, slots=True, order=True)
class Term:
    """One fixed-term contract: a first contract or a renewal (both ends inclusive)."""

    start: dt.date
    end: dt.date


class ChainReason(StrEnum):
    COUNT = "count"  # more than the maximum number of contracts (3)
    DURATION = "duration"  # longer than the maximum number of months (36)


@dataclass(frozen=True, slots=True)
class ChainLimits:
    """The numbers of the chain rule: at most ``max_contracts`` fixed-term
    contracts in a row, for at most ``max_months`` months; an interruption of
    more than ``max_gap_months`` months starts a new chain. The defaults are
    the law's; a collective agreement may allow more contracts or months (up to
    six contracts in 48 months) or a shorter gap for recurring seasonal work.
    """

    max_contracts: int = CHAIN_MAX_CONTRACTS
    max_months: int = CHAIN_MAX_MONTHS
    max_gap_months: int = CHAIN_MAX_GAP_MONTHS


LEGAL_CHAIN_LIMITS: Final = ChainLimits()


def chain_continues(
    previous_end: dt.date, next_start: dt.date, limits: ChainLimits = LEGAL_CHAIN_LIMITS
) -> bool:
    """Whether a contract starting ``next_start`` continues the chain of one ending
    ``previous_end``: the interruption between them is at most six months
    (``limits.max_gap_months``).

    The interruption runs from the day after ``previous_end`` to the day before
    ``next_start``; it is at most six months when ``next_start`` lies no later
    than six calendar months after the day after ``previous_end``.

    >>> chain_continues(dt.date(2024, 6, 30), dt.date(2025, 1, 1))  # 1 Jul - 31 Dec: 6 months
    True
    >>> chain_continues(dt.date(2024, 6, 30), dt.date(2025, 1, 2))  # 6 months and a day
    False
    """
    return next_start <= add_months(add_days(previous_end, 1), limits.max_gap_months)


def chain_of(terms: Sequence[Term], limits: ChainLimits = LEGAL_CHAIN_LIMITS) -> tuple[Term, ...]:
    """The chain the latest of ``terms`` belongs to, oldest first.

    Walks back from the latest term while each step back continues the chain.
    Overlapping terms (two contracts at once) continue it too.
    """
    ordered = sorted(terms)
    if not ordered:
        return ()
    chain = [ordered[-1]]
    for term in reversed(ordered[:-1]):
        if not chain_continues(term.end, chain[0].start, limits):
            break
        chain.insert(0, term)
    return tuple(chain)


def _duration_limit(chain_start: dt.date, limits: ChainLimits) -> dt.date:
    """The last day a chain that started on ``chain_start`` may run as fixed-term."""
    return add_months(chain_start, limits.max_months) - _ONE_DAY


def _months_between(start: dt.date, end: dt.date) -> int:
    """Whole calendar months in ``start..end`` inclusive (a half month counts as none)."""
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    while months > 0 and add_months(start, months) - _ONE_DAY > end:
        months -= 1
    return months


@dataclass(frozen=True, slots=True)
class ChainCheck:
    """What a proposed renewal does to the chain.

    ``term``: the proposed term. ``position``: its number in the chain (1: it
    starts a new chain).
    ``permanent_from``: the day the contract becomes permanent by law, when
    that happens within the proposed term; ``reason`` says why.
    ``renewals_left``: fixed-term renewals still possible *after* this one
    before the count rule applies (0: the next renewal would make it
    permanent). ``last_fixed_day``: the last day the chain may run as
    fixed-term under the 36-month rule. ``months``: the chain's length in
    whole months at the end of the proposed term, interruptions included.
    ``limits``: the numbers the check applied.
    """

    term: Term
    position: int
    chain_start: dt.date
    months: int
    last_fixed_day: dt.date
    renewals_left: int
    permanent_from: dt.date | None = None
    reason: ChainReason | None = None
    limits: ChainLimits = LEGAL_CHAIN_LIMITS

    @property
    def makes_permanent(self) -> bool:
        return self.permanent_from is not None

    @property
    def next_makes_permanent(self) -> bool:
        """Whether the renewal after this one would make the contract permanent."""
        return not self.makes_permanent and self.renewals_left == 0


def check_renewal(
    previous: Sequence[Term], proposed: Term, limits: ChainLimits = LEGAL_CHAIN_LIMITS
) -> ChainCheck:
    """Check a proposed fixed-term contract against the chain rule, before it is made.

    ``previous``: the employee's earlier fixed-term contracts with the same
    employer (renewals of one contract count one each). The proposed term is
    permanent by law from its start when it is the fourth in the chain, or
    from the first day after 36 months of chain when it runs past them (with
    ``limits``: the contract after ``max_contracts``, past ``max_months``).
    """
    earlier = [t for t in previous if t.start < proposed.start]
    chain = chain_of([*earlier, proposed], limits)
    position = len(chain)
    chain_start = chain[0].start
    last_fixed_day = _duration_limit(chain_start, limits)
    permanent_from: dt.date | None = None
    reason: ChainReason | None = None
    if position > limits.max_contracts:
        permanent_from, reason = proposed.start, ChainReason.COUNT
    elif proposed.end > last_fixed_day:
        permanent_from = max(last_fixed_day + _ONE_DAY, proposed.start)
        reason = ChainReason.DURATION
    return ChainCheck(
        term=proposed,
        position=position,
        chain_start=chain_start,
        months=_months_between(chain_start, proposed.end),
        last_fixed_day=last_fixed_day,
        renewals_left=max(limits.max_contracts - position, 0),
        permanent_from=permanent_from,
        reason=reason,
        limits=limits,
    )


@dataclass(frozen=True, slots=True)
class TermStatus:
    """A recorded term seen through the chain rule (see :func:`chain_status`)."""

    term: Term
    check: ChainCheck


def chain_status(
    terms: Sequence[Term], limits: ChainLimits = LEGAL_CHAIN_LIMITS
) -> list[TermStatus]:
    """Each recorded term with its chain check, oldest first.

    The first term whose check ``makes_permanent`` is where the law turned the
    chain into a permanent contract, whatever the papers say.
    """
    ordered = sorted(terms)
    return [
        TermStatus(term, check_renewal(ordered[:index], term, limits))
        for index, term in enumerate(ordered)
    ]
