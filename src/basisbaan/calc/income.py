"""Does work pay? A household's net income in a basisbaan against social assistance.

Pure numpy, no Django. One engine (:func:`scenario`) computes a year of
household income for any number of households and wage levels at once (the
arrays broadcast), so a chart of 41 hour levels, or 10,000 participants at 41
levels each, is one call. :func:`compare` wraps it for one household and one
job and returns :class:`~decimal.Decimal` amounts rounded to cents.

The arithmetic, per year (``rules`` of :mod:`basisbaan.calc.income_rules`):

1. **Wage.** gross = hourly wage × hours × 52 × (1 + holiday allowance);
   the employee's pension contribution (``pension_rate`` of gross) comes off
   and lowers the taxable wage.
2. **Tax.** Box-1 brackets on the taxable wage, less the general tax credit
   and the labour credit, never below zero (the credits never exceed the
   tax). Tax on a year's wage, spread evenly over the months (annualised).
3. **Partner.** A partner's gross income from work is taxed the same way, with
   its own credits.
4. **Assistance.** Each month: the norm of the household type for that month
   (so the 1 July step is in the year) less the household's net income, not
   below zero: partial assistance when the wage is below the norm. While on
   partial assistance, the earnings disregard keeps ``disregard_rate`` of the
   net wage (at most the monthly cap) for the first months of work.
5. **Allowances** on the household's toetsingsinkomen: the taxable wage, the
   partner's income, and the assistance grossed up (the assistance norm is a
   net amount; its gross is ``(net − unused general credit) / (1 − bracket-1
   rate)``; partners each get half of it, each with their own general credit,
   as the Belastingdienst's rules for wage tax on assistance split it). Zorgtoeslag, huurtoeslag and kindgebonden budget as in
   :mod:`~basisbaan.calc.income_rules`.
6. **Local schemes** (individuele inkomenstoeslag, remission of local taxes,
   others) while the household's net income without allowances is at most the
   scheme's limit times the yearly norm.

Amounts are float euros inside (an estimate over thousands of households, not
a ledger) and rounded half up to cents at the edge.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

import numpy as np
import numpy.typing as npt

from basisbaan.calc.income_rules import IncomeRules, Kind, LocalScheme

__all__ = [
    "HOURS",
    "Breakdown",
    "Comparison",
    "CurvePoint",
    "Household",
    "Households",
    "Incomes",
    "Job",
    "MonthRow",
    "Simplification",
    "compare",
    "gross_year",
    "healthcare_allowance",
    "rent_allowance",
    "scenario",
    "wage_tax",
]

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
WEEKS_PER_YEAR: Final = 52
MONTHS: Final = 12
HOURS: Final = tuple(range(41))  # the chart: 0 to 40 hours per week
MAX_CHILDREN: Final = 20
_CENT = Decimal("0.01")


class Simplification(enum.StrEnum):
    """What the comparison leaves out, stated on every result."""

    ANNUAL_TAX = "annual_tax"  # tax on a year's wage, spread evenly over the months
    HOLIDAY_AVERAGED = "holiday_averaged"  # holiday allowance as a monthly average (paid in May)
    NO_OTHER_INCOME = "no_other_income"  # only the wage, the partner's wage and assistance
    ASSETS_BELOW_LIMITS = "assets_below_limits"  # wealth below every limit
    WAGE_ALL_YEAR = "wage_all_year"  # the hourly wage and the hours hold all year
    ALLOWANCES_YEARLY = "allowances_yearly"  # allowances on the income of a full year
    LOCAL_REFERENCE_PERIOD = "local_reference_period"  # IIT's reference period not checked


SIMPLIFICATIONS: Final = tuple(Simplification)


def _f(value: Decimal | float | int) -> float:
    return float(value)


def _money(value: float | np.floating) -> Decimal:
    """Cents, half up. First to a micro-euro: float noise must not decide a half
    cent (a year of norms / 12 is often exactly half a cent, e.g. 1357.255)."""
    return Decimal(repr(round(float(value), 6))).quantize(_CENT, ROUND_HALF_UP) + 0


def _pos(values: Floats) -> Floats:
    """Not below zero (``np.maximum``: the same as ``np.clip(values, 0, None)``, faster)."""
    return np.maximum(values, 0.0)


# --------------------------------------------------------------------------- tax


def _bracket_tax(rules: IncomeRules, income: Floats) -> Floats:
    (l1, l2), (r1, r2, r3) = rules.tax.bracket_limits, rules.tax.bracket_rates
    low, high = _f(l1), _f(l2)
    return (
        _f(r1) * np.minimum(income, low)
        + _f(r2) * _pos(np.minimum(income, high) - low)
        + _f(r3) * _pos(income - high)
    )


def _general_credit(rules: IncomeRules, income: Floats) -> Floats:
    t = rules.tax
    phase = _f(t.general_rate) * _pos(income - _f(t.general_start))
    return _pos(_f(t.general_max) - phase)


def _labour_credit(rules: IncomeRules, income: Floats) -> Floats:
    t = rules.tax
    e1, e2, e3 = (_f(e) for e in t.labour_ends)
    r1, r2, r3 = (_f(r) for r in t.labour_rates)
    rising = (
        r1 * np.minimum(_pos(income), e1)
        + r2 * np.minimum(_pos(income - e1), e2 - e1)
        + r3 * np.minimum(_pos(income - e2), e3 - e2)
    )
    phase = _f(t.labour_phaseout_rate) * _pos(income - e3)
    return _pos(rising - phase)


@dataclass(frozen=True, slots=True)
class WageTax:
    before_credits: Floats
    general_credit: Floats  # the part of each credit actually used
    labour_credit: Floats
    tax: Floats


def wage_tax(rules: IncomeRules, taxable: Floats) -> WageTax:
    """Box-1 tax on a year's taxable wage, less the credits (never below zero).

    The general credit is used first, then the labour credit, each at most
    what is left of the tax.
    """
    before = _bracket_tax(rules, taxable)
    general = np.minimum(_general_credit(rules, taxable), before)
    labour = np.minimum(_labour_credit(rules, taxable), before - general)
    return WageTax(before, general, labour, before - general - labour)


def gross_year(rules: IncomeRules, hourly_wage: Floats | float, hours: Floats | float) -> Floats:
    """A year's gross wage with holiday allowance, at ``hours`` per week."""
    factor = WEEKS_PER_YEAR * (1 + _f(rules.holiday_allowance))
    return np.asarray(hourly_wage, dtype=np.float64) * np.asarray(hours, dtype=np.float64) * factor


# ---------------------------------------------------------------------- households


@dataclass(frozen=True, slots=True)
class Households:
    """Households as arrays of one shape (or broadcastable): the vectorised input.

    ``kind`` by :class:`Kind`; ``children`` under 18, of whom ``children_12``
    aged 12-15 and ``children_16`` aged 16-17; ``rent_month`` the rent
    (rekenhuur) per month; ``partner_gross`` the partner's yearly gross income
    from work (couples only).
    """

    kind: Ints
    children: Floats
    children_12: Floats
    children_16: Floats
    rent_month: Floats
    partner_gross: Floats

    def column(self) -> Households:
        """The same households as a column, to broadcast against a row of wages."""
        return Households(*(np.asarray(getattr(self, f))[..., None] for f in _FIELDS))


_FIELDS: Final = ("kind", "children", "children_12", "children_16", "rent_month", "partner_gross")


@dataclass(frozen=True, slots=True)
class Incomes:
    """One scenario's yearly amounts (float arrays of the broadcast shape).

    The assistance is computed once per *period*: a run of calendar months in
    which every household type has the same norm (two periods in a year with
    one 1 July step). ``assistance_period`` and ``disregard_period`` have a
    last axis of periods, ``month_period`` maps the 12 calendar months to
    them; ``assistance_month`` and ``disregard_month`` give the 12 months: the
    assistance each month without the disregard, and what the disregard adds
    that month while it runs.
    """

    gross: Floats
    pension: Floats
    tax: WageTax
    net_wage: Floats
    partner_net: Floats
    assistance: Floats
    assistance_period: Floats
    disregard_period: Floats
    month_period: Ints
    healthcare: Floats
    rent: Floats
    child: Floats
    local: Floats
    local_parts: tuple[Floats, ...]
    total: Floats

    @property
    def assistance_month(self) -> Floats:
        return self.assistance_period[..., self.month_period]

    @property
    def disregard_month(self) -> Floats:
        return self.disregard_period[..., self.month_period]


@dataclass(frozen=True, slots=True)
class _Periods:
    """The norms per period (row per :class:`Kind`), how many months each
    period has, and the period of each calendar month."""

    norms: Floats
    months: Floats
    month_period: Ints


def _periods(rules: IncomeRules) -> _Periods:
    table = np.array(
        [[_f(v) for v in rules.assistance.norms_month[Kind(k)]] for k in range(len(Kind))],
        dtype=np.float64,
    )
    columns, first, month_period = np.unique(table, axis=1, return_index=True, return_inverse=True)
    order = np.argsort(first)  # periods in calendar order
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    month_period = rank[np.asarray(month_period).reshape(-1)]
    return _Periods(
        norms=columns[:, order],
        months=np.bincount(month_period, minlength=len(order)).astype(np.float64),
        month_period=month_period.astype(np.int64),
    )


def scenario(
    rules: IncomeRules,
    households: Households,
    gross: Floats | float,
    *,
    pension_rate: Floats | float = 0.0,
    schemes: Sequence[LocalScheme] = (),
) -> Incomes:
    """A year of net household income at a yearly gross wage ``gross`` (0: on assistance)."""
    h = households
    kind = np.asarray(h.kind, dtype=np.int64)
    couple = kind == Kind.COUPLE
    gross = np.asarray(gross, dtype=np.float64)
    pension = gross * np.asarray(pension_rate, dtype=np.float64)
    taxable = gross - pension
    tax = wage_tax(rules, taxable)
    net_wage = taxable - tax.tax
    partner = np.where(couple, np.asarray(h.partner_gross, dtype=np.float64), 0.0)
    partner_tax = wage_tax(rules, partner)
    partner_net = partner - partner_tax.tax

    # Assistance per period of equal norms: the norm less the net income, not below zero.
    periods = _periods(rules)
    norms = periods.norms[kind]  # shape kind + (periods,)
    income_month = ((net_wage + partner_net) / MONTHS)[..., None]
    short = norms - income_month
    assistance_period = np.maximum(short, 0.0)
    a = rules.assistance
    kept = np.minimum(_f(a.disregard_rate) * net_wage / MONTHS, _f(a.disregard_cap_month))
    with_disregard = np.maximum(short + kept[..., None], 0.0)
    disregard_period = with_disregard - assistance_period
    assistance = assistance_period @ periods.months

    # The allowances test the gross income: gross the assistance up. Partners
    # each get half, taxed with their own general credit as far as unused.
    own = np.where(couple, assistance / 2, assistance)
    unused = _pos(_general_credit(rules, taxable) - tax.before_credits)
    partner_unused = _pos(_general_credit(rules, partner) - partner_tax.before_credits)
    toets = (
        taxable
        + _gross_up(rules, own, unused)
        + _gross_up(rules, assistance - own, partner_unused)
        + partner
    )

    healthcare = healthcare_allowance(rules, toets, couple)
    rent = rent_allowance(rules, h, toets)
    child = _child(rules, h, kind, toets)
    base = net_wage + partner_net + assistance
    norm_year = (periods.norms @ periods.months)[kind]
    local_parts = tuple(
        np.where(
            # Half a cent of tolerance: an income exactly at the limit qualifies.
            base <= _f(s.income_limit) * norm_year + 0.005,
            np.array([_f(x) for x in s.amounts])[kind],
            0.0,
        )
        for s in schemes
    )
    local = sum(local_parts, np.zeros_like(base))
    total = base + healthcare + rent + child + local
    return Incomes(
        gross=gross + np.zeros_like(base),
        pension=pension + np.zeros_like(base),
        tax=tax,
        net_wage=net_wage + np.zeros_like(base),
        partner_net=partner_net + np.zeros_like(base),
        assistance=assistance,
        assistance_period=assistance_period,
        disregard_period=disregard_period,
        month_period=periods.month_period,
        healthcare=healthcare,
        rent=rent,
        child=child,
        local=local,
        local_parts=local_parts,
        total=total,
    )


def _gross_up(rules: IncomeRules, net: Floats, unused_credit: Floats) -> Floats:
    """The gross of a net assistance: ``(net − unused general credit) / (1 −
    bracket-1 rate)``, never below the net (when the credit covers the tax)."""
    r1 = _f(rules.tax.bracket_rates[0])
    return np.where(net > 0, np.maximum(net, (net - unused_credit) / (1 - r1)), 0.0)


def healthcare_allowance(
    rules: IncomeRules, toets: Floats, couple: npt.NDArray[np.bool_] | bool
) -> Floats:
    """Zorgtoeslag per year as paid (12 monthly payments) at a toetsingsinkomen."""
    z = rules.healthcare
    premium = np.where(couple, 2 * _f(z.standard_premium), _f(z.standard_premium))
    share = np.where(couple, _f(z.threshold_rate_partner), _f(z.threshold_rate_single))
    norm = share * _f(z.threshold) + _f(z.rate) * _pos(toets - _f(z.threshold))
    yearly = _pos(np.round(premium - norm))
    limit = np.where(couple, _f(z.limit_partner), _f(z.limit_single))
    # Paid per month as the yearly amount / 12, rounded down (the Belastingdienst's tables);
    # an income up to and including the limit still counts ("niet hoger dan").
    return np.where(toets <= limit, np.floor(yearly / MONTHS) * MONTHS, 0.0)


def rent_allowance(rules: IncomeRules, h: Households, toets: Floats) -> Floats:
    """Huurtoeslag per year at a toetsingsinkomen (the household's rent in ``h``)."""
    r = rules.rent
    kind = np.asarray(h.kind, dtype=np.int64)
    rent = np.asarray(h.rent_month, dtype=np.float64)
    if r.max_rent_caps:
        rent = np.minimum(rent, _f(r.max_rent))
    children = np.asarray(h.children, dtype=np.float64)
    multi = (kind != Kind.SINGLE) | (children > 0)
    # The aftoppingsgrens goes by the number of persons: 1-2 or 3 and more.
    persons = np.where(kind == Kind.COUPLE, 2, 1) + children

    def pick(single: object, several: object) -> Floats:
        return np.where(multi, _f(several), _f(single))  # type: ignore[arg-type]

    y = _pos(toets)
    a, b = pick(r.factor_a_single, r.factor_a_multi), pick(r.factor_b_single, r.factor_b_multi)
    norm = np.maximum(pick(r.min_norm_single, r.min_norm_multi), a * y * y + b * y)
    base = norm + _f(r.target)
    quality = _f(r.quality_limit)
    cap = np.where(persons >= 3, _f(r.cap_large), _f(r.cap_small))
    full = _pos(np.minimum(rent, quality) - base)
    middle = _f(r.rate_middle) * _pos(np.minimum(rent, cap) - np.maximum(base, quality))
    high = pick(r.rate_high_single, r.rate_high_multi) * _pos(rent - np.maximum(base, cap))
    month = np.floor(full + middle + high)
    if not r.max_rent_caps:
        month = np.where(rent <= _f(r.max_rent), month, 0.0)
    point = pick(r.phaseout_point_single, r.phaseout_point_multi)
    phase = pick(r.phaseout_rate_single, r.phaseout_rate_multi) * _pos(y - point)
    yearly: Floats = _pos(month * MONTHS - phase)
    return yearly


def _child(rules: IncomeRules, h: Households, kind: Ints, toets: Floats) -> Floats:
    c = rules.child
    children = np.asarray(h.children, dtype=np.float64)
    amount = (
        _f(c.per_child) * children
        + _f(c.extra_12) * np.asarray(h.children_12, dtype=np.float64)
        + _f(c.extra_16) * np.asarray(h.children_16, dtype=np.float64)
        + np.where((kind == Kind.SINGLE_PARENT) & (children > 0), _f(c.single_parent), 0.0)
    )
    threshold = np.where(kind == Kind.COUPLE, _f(c.threshold_partner), _f(c.threshold_single))
    phase = _f(c.rate) * _pos(toets - threshold)
    return np.where(children > 0, _pos(amount - phase), 0.0)


# ------------------------------------------------------------------ one household


@dataclass(frozen=True, slots=True)
class Household:
    """One household: the type, the ages of the children living at home (under
    18 count), the rent per month and a partner's gross yearly income from work."""

    kind: Kind
    children_ages: tuple[int, ...] = ()
    rent_month: Decimal = Decimal(0)
    partner_gross_year: Decimal = Decimal(0)

    def arrays(self) -> Households:
        minors = [a for a in self.children_ages if 0 <= a < 18]
        return Households(
            kind=np.array(int(self.kind), dtype=np.int64),
            children=np.array(float(len(minors))),
            children_12=np.array(float(sum(12 <= a <= 15 for a in minors))),
            children_16=np.array(float(sum(16 <= a <= 17 for a in minors))),
            rent_month=np.array(_f(self.rent_month)),
            partner_gross=np.array(_f(self.partner_gross_year)),
        )


@dataclass(frozen=True, slots=True)
class Job:
    """Hours per week, gross hourly wage, the month the job starts (1-12) in the
    year compared, and the employee's pension contribution (fraction of gross)."""

    hours_per_week: Decimal
    hourly_wage: Decimal
    start_month: int = 1
    pension_rate: Decimal = Decimal(0)


@dataclass(frozen=True, slots=True)
class Breakdown:
    """One scenario as monthly averages over the year (cents)."""

    gross_wage: Decimal
    pension: Decimal
    wage_tax: Decimal
    net_wage: Decimal
    partner_net: Decimal
    assistance: Decimal
    healthcare: Decimal
    rent: Decimal
    child: Decimal
    local: tuple[tuple[str, Decimal], ...]
    total: Decimal

    @property
    def allowances(self) -> Decimal:
        return self.healthcare + self.rent + self.child


@dataclass(frozen=True, slots=True)
class CurvePoint:
    hours: int
    on_assistance: Decimal
    working: Decimal

    @property
    def gain(self) -> Decimal:
        return self.working - self.on_assistance


@dataclass(frozen=True, slots=True)
class MonthRow:
    """A month of the year compared: on assistance before the start month,
    working from it (with the disregard while it runs)."""

    month: int
    working: bool
    total: Decimal
    on_assistance: Decimal


@dataclass(frozen=True, slots=True)
class Comparison:
    year: int
    household: Household
    job: Job
    on_assistance: Breakdown
    working: Breakdown
    gain_month: Decimal
    gain_year: Decimal
    disregard_month: Decimal
    disregard_months: int
    first_year: tuple[MonthRow, ...]
    first_year_gain: Decimal
    marginal_pressure: Decimal
    pays_from_hours: int | None
    curve: tuple[CurvePoint, ...]
    gross_year: Decimal
    tax_before_credits_year: Decimal
    general_credit_year: Decimal
    labour_credit_year: Decimal
    wage_tax_year: Decimal
    simplifications: tuple[Simplification, ...] = field(default=SIMPLIFICATIONS)


def _breakdown(inc: Incomes, i: int, schemes: Sequence[LocalScheme]) -> Breakdown:
    def m(arr: Floats) -> Decimal:
        return _money(np.asarray(arr).reshape(-1)[i] / MONTHS)

    return Breakdown(
        gross_wage=m(inc.gross),
        pension=m(inc.pension),
        wage_tax=m(inc.tax.tax),
        net_wage=m(inc.net_wage),
        partner_net=m(inc.partner_net),
        assistance=m(inc.assistance),
        healthcare=m(inc.healthcare),
        rent=m(inc.rent),
        child=m(inc.child),
        local=tuple((s.name, m(part)) for s, part in zip(schemes, inc.local_parts, strict=True)),
        total=m(inc.total),
    )


def compare(
    rules: IncomeRules,
    household: Household,
    job: Job,
    *,
    schemes: Sequence[LocalScheme] = (),
) -> Comparison:
    """The household on assistance against the household with this job, in ``rules.year``."""
    if not 1 <= job.start_month <= MONTHS:
        raise ValueError("start_month must be 1 to 12")
    if len(household.children_ages) > MAX_CHILDREN:
        raise ValueError("too many children")
    hours = np.array([0.0, _f(job.hours_per_week), _f(job.hours_per_week) + 1, *HOURS[1:]])
    gross = gross_year(rules, _f(job.hourly_wage), hours)
    inc = scenario(
        rules, household.arrays(), gross, pension_rate=_f(job.pension_rate), schemes=schemes
    )
    total = inc.total
    on_assistance, working = _breakdown(inc, 0, schemes), _breakdown(inc, 1, schemes)
    extra_gross = gross[2] - gross[1]
    pressure = 1 - (total[2] - total[1]) / extra_gross if extra_gross > 0 else 0.0
    curve_totals = np.concatenate([total[:1], total[3:]])
    curve = tuple(
        CurvePoint(h, on_assistance.total, _money(t / MONTHS))
        for h, t in zip(HOURS, curve_totals, strict=True)
    )
    first_year = _first_year(inc, job, rules)
    gain = working.total - on_assistance.total
    return Comparison(
        year=rules.year,
        household=household,
        job=job,
        on_assistance=on_assistance,
        working=working,
        gain_month=gain,
        gain_year=_money(total[1] - total[0]),
        disregard_month=_money(inc.disregard_month[1][job.start_month - 1]),
        disregard_months=rules.assistance.disregard_months,
        first_year=first_year,
        first_year_gain=sum((r.total - r.on_assistance for r in first_year), Decimal(0)),
        marginal_pressure=Decimal(repr(float(pressure))).quantize(Decimal("0.0001"), ROUND_HALF_UP),
        pays_from_hours=_pays_from(curve_totals - total[0]),
        curve=curve,
        gross_year=_money(gross[1]),
        tax_before_credits_year=_money(inc.tax.before_credits[1]),
        general_credit_year=_money(inc.tax.general_credit[1]),
        labour_credit_year=_money(inc.tax.labour_credit[1]),
        wage_tax_year=_money(inc.tax.tax[1]),
    )


def _first_year(inc: Incomes, job: Job, rules: IncomeRules) -> tuple[MonthRow, ...]:
    """The year compared, month by month: the job starts in ``job.start_month``."""
    rows = []
    months = rules.assistance.disregard_months
    for month in range(1, MONTHS + 1):
        i = month - 1
        on = _month_total(inc, 0, i)
        if month < job.start_month:
            rows.append(MonthRow(month, False, _money(on), _money(on)))
            continue
        work = _month_total(inc, 1, i)
        if month - job.start_month < months:
            work += inc.disregard_month[1][i]
        rows.append(MonthRow(month, True, _money(work), _money(on)))
    return tuple(rows)


def _month_total(inc: Incomes, j: int, i: int) -> float:
    yearly = inc.net_wage[j] + inc.partner_net[j] + inc.healthcare[j] + inc.rent[j]
    yearly += inc.child[j] + inc.local[j]
    return float(yearly / MONTHS + inc.assistance_month[j][i])


def _pays_from(gains: Floats) -> int | None:
    """The fewest hours from which on (up to 40) the household has more than on
    assistance: at least half a cent a year more (float noise is not a gain)."""
    start = None
    for hours, gain in zip(HOURS, gains, strict=True):
        start = (hours if start is None else start) if gain >= 0.005 else None
    return start
