"""The cost model: what a basisbaan costs per contract and calendar month. Pure; no Django.

Every projection in the product (contract page, budget, forecast, capacity)
uses this module. It works on rows, one per contract (period) and calendar
month, held as numpy int64 arrays, and computes all rows at once. Money is
never float: amounts are euro cents, rates parts per million, hours tenths of
an hour a week (:mod:`basisbaan.calc.fixed`), and each step rounds half up to
whole cents.

Per **full** month (the rules, in the order computed)::

    gross      = hourly wage × hours per week × 52/12
    holiday    = holiday rate (8 %) × gross
    charges    = employer charges rate × min(gross + holiday, max premium wage / 12)
    pension    = pension rate × (gross + holiday)
    fee        = the payroll party's monitoring fee per participant per month
    LKS        = see :mod:`basisbaan.calc.subsidy`

A **partial** month gets each of those full-month amounts × days covered /
days in the month, rounded half up per amount (the calendar-day method of
Dutch payroll). Whole months are never rescaled, so they are exact; the parts
of a split month add up to the whole month within 1 cent per amount (each
part's rounding is at most half a cent, and the whole month is not rounded
again).

Choices, so that they can be checked:

- The **employer charges rate** is the sum of the statutory premiums for the
  month: AWf (low for a written permanent contract, high otherwise), Aof (low
  for a small, high for a large employer), the childcare surcharge, Whk, the
  Zvw employer levy, and Ufo for government employers
  (:func:`employer_charges_rate`). It applies to gross wage plus holiday
  allowance (the allowance is wage for the premiums), capped per month at one
  twelfth of the yearly maximum premium wage. That is the monthly payroll
  period's cap without the cumulative correction at year end; for jobs at
  about the minimum wage the cap is never reached (2025: 40 h × 14.40 × 52 ×
  1.08 = 32,348 euro a year against a cap of 75,864), so the simplification
  changes nothing for them.
- **Pension** is a programme setting: the employer's effective pension rate on
  gross wage plus holiday allowance (the pensionable wage includes the holiday
  allowance; a franchise, if any, is to be folded into the rate). No cap.
- The **monitoring fee** is per participant per month, pro rata by calendar
  days like the wage, so a participant whose contract ends on the 15th and
  whose next contract starts on the 16th is charged one month, not two.
- **Funding lines**: the LKS is paid from the BUIG grant; the host pays a
  share of the month's total cost plus a fixed monthly contribution (pro
  rata); ESF pays a share of the total cost; the programme budget pays the
  rest. Each line is at most what is left after the lines before it (BUIG,
  host, ESF), so no line goes negative and the lines add up to the total.
  ``budget_charge`` is what the programme budget is charged: the programme
  line plus the lines that the programme's setting ``budget_lines`` says are
  charged to it as well (for example BUIG, when the LKS does not relieve the
  programme budget).
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final, Self

import numpy as np
import numpy.typing as npt

from basisbaan.calc.fixed import (
    MAX_DAYS_IN_MONTH,
    MAX_HOURLY_CENTS,
    MAX_HOURS_TENTHS,
    MAX_MONTHLY_CENTS,
    MAX_YEARLY_CENTS,
    MONTHS_PER_YEAR,
    PPM,
    Ints,
    all_zero,
    check_range,
    constant_of,
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
from basisbaan.calc.subsidy import subsidy_rows

__all__ = [
    "COST_FIELDS",
    "NO_PREMIUM_CAP",
    "CostInputs",
    "CostRows",
    "CostTotals",
    "FundingLine",
    "MonthCost",
    "compute_costs",
    "employer_charges_rate",
    "month_cost",
    "month_cost_of",
    "sum_by_contract_year",
]


class FundingLine(enum.IntFlag):
    """Who pays a part of the cost; a set of lines is a bit mask."""

    PROGRAMME = 1  # the programme's own budget (Iv3 6.5 Arbeidsparticipatie)
    BUIG = 2  # the LKS, from the BUIG grant (Iv3 6.3 Inkomensregelingen)
    HOST = 4  # the host organisation's contribution
    ESF = 8  # European Social Fund+


NO_PREMIUM_CAP: Final = MAX_YEARLY_CENTS
YEAR_RANGE: Final = (1, 9999)
MAX_CONTRACT_INDEX: Final = 2**40


@dataclass(frozen=True, slots=True)
class CostInputs:
    """The cost model's input: one row per contract (period) and calendar month.

    All columns are int64 arrays of one length (a column given as a scalar is
    a broadcast view). Amounts in cents, rates in ppm, hours in tenths.
    Build it with :meth:`build`, which checks the ranges.
    """

    contract: Ints  # the caller's contract index (0 <= index < 2**40)
    year: Ints
    month: Ints  # 1..12
    days: Ints  # calendar days of the month the contract covers
    days_in_month: Ints
    hourly_wage: Ints  # cents
    hours: Ints  # tenths of an hour per week
    holiday_ppm: Ints  # holiday allowance rate (8 % = 80_000)
    charges_ppm: Ints  # employer charges rate, see employer_charges_rate()
    max_premium_wage: Ints  # cents per year
    pension_ppm: Ints  # programme setting
    monitoring_fee: Ints  # cents per participant per full month
    minimum_wage: Ints  # hourly minimum wage (cents) that applies, for the LKS
    wage_value_ppm: Ints  # measured wage value; 1_000_000 (100 %) = no LKS
    lks_cap_ppm: Ints  # lks_cap (70 %)
    lks_allowance_ppm: Ints  # lks_employer_charges (23.5 %)
    host_share_ppm: Ints  # share of the total cost the host pays
    host_contribution: Ints  # cents per full month the host pays
    esf_share_ppm: Ints  # share of the total cost ESF pays
    budget_lines: Ints  # FundingLine mask charged to the programme budget

    @classmethod
    def build(
        cls,
        *,
        contract: npt.ArrayLike,
        year: npt.ArrayLike,
        month: npt.ArrayLike,
        days: npt.ArrayLike,
        days_in_month: npt.ArrayLike,
        hourly_wage: npt.ArrayLike,
        hours: npt.ArrayLike,
        holiday_ppm: npt.ArrayLike,
        charges_ppm: npt.ArrayLike,
        max_premium_wage: npt.ArrayLike = NO_PREMIUM_CAP,
        pension_ppm: npt.ArrayLike = 0,
        monitoring_fee: npt.ArrayLike = 0,
        minimum_wage: npt.ArrayLike = 0,
        wage_value_ppm: npt.ArrayLike = PPM,
        lks_cap_ppm: npt.ArrayLike = 0,
        lks_allowance_ppm: npt.ArrayLike = 0,
        host_share_ppm: npt.ArrayLike = 0,
        host_contribution: npt.ArrayLike = 0,
        esf_share_ppm: npt.ArrayLike = 0,
        budget_lines: npt.ArrayLike | FundingLine = FundingLine.PROGRAMME,
    ) -> Self:
        """Columns as arrays or scalars (broadcast); raises ValueError out of range."""
        if isinstance(budget_lines, FundingLine):
            budget_lines = int(budget_lines)
        inputs = cls(
            *int64_rows(
                contract,
                year,
                month,
                days,
                days_in_month,
                hourly_wage,
                hours,
                holiday_ppm,
                charges_ppm,
                max_premium_wage,
                pension_ppm,
                monitoring_fee,
                minimum_wage,
                wage_value_ppm,
                lks_cap_ppm,
                lks_allowance_ppm,
                host_share_ppm,
                host_contribution,
                esf_share_ppm,
                budget_lines,
            )
        )
        inputs.validate()
        return inputs

    def __len__(self) -> int:
        return len(self.contract)

    def validate(self) -> None:
        """Refuse values outside the limits that keep the int64 arithmetic exact."""
        check_range("contract", self.contract, 0, MAX_CONTRACT_INDEX - 1)
        check_range("year", self.year, *YEAR_RANGE)
        check_range("month", self.month, 1, 12)
        check_range("days_in_month", self.days_in_month, 28, MAX_DAYS_IN_MONTH)
        check_range("days", self.days, 0, MAX_DAYS_IN_MONTH)
        if bool((self.days > self.days_in_month).any()):
            raise ValueError("days must not exceed days_in_month")
        check_range("hourly_wage", self.hourly_wage, 0, MAX_HOURLY_CENTS)
        check_range("minimum_wage", self.minimum_wage, 0, MAX_HOURLY_CENTS)
        check_range("hours", self.hours, 0, MAX_HOURS_TENTHS)
        check_range("max_premium_wage", self.max_premium_wage, 0, MAX_YEARLY_CENTS)
        check_range("monitoring_fee", self.monitoring_fee, 0, MAX_MONTHLY_CENTS)
        check_range("host_contribution", self.host_contribution, 0, MAX_MONTHLY_CENTS)
        check_range("budget_lines", self.budget_lines, 0, int(max(FundingLine)) * 2 - 1)
        for name in (
            "holiday_ppm",
            "charges_ppm",
            "pension_ppm",
            "wage_value_ppm",
            "lks_cap_ppm",
            "lks_allowance_ppm",
            "host_share_ppm",
            "esf_share_ppm",
        ):
            check_range(name, getattr(self, name), 0, PPM)

    def take(self, index: npt.ArrayLike | slice) -> Self:
        """The rows at ``index`` (an index array, a boolean mask or a slice)."""
        return type(self)(
            *(np.asarray(getattr(self, f.name)[index]) for f in dataclasses.fields(self))
        )


@dataclass(frozen=True, slots=True)
class CostRows:
    """The cost model's output per input row, all in cents."""

    gross: Ints
    holiday_allowance: Ints
    employer_charges: Ints
    pension: Ints
    monitoring_fee: Ints
    total: Ints  # the five above
    lks_wage: Ints  # LKS before the employer-charges allowance
    lks_allowance: Ints
    lks: Ints  # lks_wage + lks_allowance
    funding_programme: Ints
    funding_buig: Ints
    funding_host: Ints
    funding_esf: Ints  # the four funding lines add up to total
    budget_charge: Ints  # what the programme budget is charged

    def __len__(self) -> int:
        return len(self.total)


COST_FIELDS: Final = tuple(f.name for f in dataclasses.fields(CostRows))


def employer_charges_rate(
    rates: Mapping[str, Decimal],
    *,
    permanent: bool,
    large_employer: bool,
    government_employer: bool = False,
) -> Decimal:
    """The employer's statutory premium rate for one year, as a fraction.

    ``rates`` holds the year's parameter values by key (``awf_low``,
    ``awf_high``, ``aof_low``, ``aof_high``, ``childcare_surcharge``, ``whk``,
    ``zvw_employer`` and, for a government employer, ``ufo``). AWf low only for
    a written permanent contract, Aof high for a large employer.

    >>> employer_charges_rate({"awf_low": Decimal("0.0274"), "awf_high": Decimal("0.0774"),
    ...     "aof_low": Decimal("0.0628"), "aof_high": Decimal("0.0764"),
    ...     "childcare_surcharge": Decimal("0.005"), "whk": Decimal("0.0133"),
    ...     "zvw_employer": Decimal("0.0651")}, permanent=False, large_employer=False)
    Decimal('0.2236')
    """
    total = (
        rates["awf_low" if permanent else "awf_high"]
        + rates["aof_high" if large_employer else "aof_low"]
        + rates["childcare_surcharge"]
        + rates["whk"]
        + rates["zvw_employer"]
    )
    if government_employer:
        total += rates["ufo"]
    return total


BLOCK_ROWS: Final = 16_384


def compute_costs(
    inputs: CostInputs, *, block_rows: int = BLOCK_ROWS, out: CostRows | None = None
) -> CostRows:
    """The cost of every row, vectorised (no Python loop over rows).

    Large inputs are computed in blocks of ``block_rows`` rows so that numpy's
    temporaries stay in the processor's cache: several times faster on
    millions of rows than whole-array operations, and the same result.
    ``out`` (an earlier result of the same length) is overwritten instead of
    allocating new columns: for callers that recompute many times.
    """
    n = len(inputs)
    if out is None and n <= block_rows:
        return _compute_block(inputs)
    if out is None:
        out = CostRows(*(np.empty(n, dtype=np.int64) for _ in COST_FIELDS))
    elif len(out) != n:
        raise ValueError("out must have as many rows as the inputs")
    columns = [getattr(out, name) for name in COST_FIELDS]
    for start in range(0, n, block_rows):
        rows = slice(start, start + block_rows)
        block = _compute_block(inputs.take(rows))
        for column, name in zip(columns, COST_FIELDS, strict=True):
            column[rows] = getattr(block, name)
    return out


def _times_rate(amount: Ints, rate_ppm: Ints) -> Ints:
    """``amount × rate`` rounded half up; a fresh zero column when the rate is zero."""
    if all_zero(rate_ppm):
        return np.zeros(len(amount), dtype=np.int64)
    return mul_div_round(amount, rate_ppm, PPM)


def _premium_base(wage: Ints, max_premium_wage: Ints) -> Ints:
    """``min(wage, round(max premium wage / 12))``, dividing only where it may bite.

    A row can reach the monthly cap only if ``12 × wage > max − 6``; the test
    below (``> max − 12``) takes a few rows too many, never one too few.
    """
    near = np.flatnonzero(wage * MONTHS_PER_YEAR > max_premium_wage - MONTHS_PER_YEAR)
    if not len(near):
        return wage
    base = wage.copy()
    cap = mul_div_round(max_premium_wage[near], 1, MONTHS_PER_YEAR)
    base[near] = np.minimum(wage[near], cap)
    return base


def _compute_block(x: CostInputs) -> CostRows:
    """The rules of the module docstring on one block of rows."""
    n = len(x)
    days, dim = x.days, x.days_in_month
    partial = partial_rows(days, dim)

    # Full-month amounts, then pro rata (in place: these arrays are ours).
    gross = monthly_amount(x.hourly_wage, x.hours)
    holiday = mul_div_round(gross, x.holiday_ppm, PPM)
    wage = gross + holiday
    charges = mul_div_round(_premium_base(wage, x.max_premium_wage), x.charges_ppm, PPM)
    pension = _times_rate(wage, x.pension_ppm)
    fee = np.array(x.monitoring_fee)
    for amount in (gross, holiday, charges, pension, fee):
        pro_rata(amount, days, dim, partial, in_place=True)
    total = gross + holiday
    total += charges
    total += pension
    total += fee

    # LKS, computed only on the rows that have it (wage value below 100 %).
    lks_wage = np.zeros(n, dtype=np.int64)
    lks_allowance = np.zeros(n, dtype=np.int64)
    subsidised = np.flatnonzero(x.wage_value_ppm < PPM)
    if len(subsidised):
        subsidy = subsidy_rows(
            *(
                column[subsidised]
                for column in (
                    x.minimum_wage,
                    x.hours,
                    x.wage_value_ppm,
                    x.holiday_ppm,
                    x.lks_cap_ppm,
                    x.lks_allowance_ppm,
                    days,
                    dim,
                )
            )
        )
        lks_wage[subsidised] = subsidy.wage_part
        lks_allowance[subsidised] = subsidy.allowance
    lks = lks_wage + lks_allowance

    # Funding lines: BUIG, then the host, then ESF, each at most what is left.
    buig = np.minimum(lks, total)
    rest = total - buig
    host = _times_rate(total, x.host_share_ppm)
    if not all_zero(x.host_contribution):
        host += pro_rata(x.host_contribution, days, dim, partial)
    np.minimum(host, rest, out=host)
    rest -= host
    esf = _times_rate(total, x.esf_share_ppm)
    np.minimum(esf, rest, out=esf)
    programme = rest - esf

    budget = programme.copy()
    mask = constant_of(x.budget_lines)
    for line, amount in (
        (FundingLine.BUIG, buig),
        (FundingLine.HOST, host),
        (FundingLine.ESF, esf),
    ):
        if mask is None:
            budget += amount * ((x.budget_lines & int(line)) != 0)
        elif mask & line:
            budget += amount

    return CostRows(
        gross=gross,
        holiday_allowance=holiday,
        employer_charges=charges,
        pension=pension,
        monitoring_fee=fee,
        total=total,
        lks_wage=lks_wage,
        lks_allowance=lks_allowance,
        lks=lks,
        funding_programme=programme,
        funding_buig=buig,
        funding_host=host,
        funding_esf=esf,
        budget_charge=budget,
    )


@dataclass(frozen=True, slots=True)
class CostTotals:
    """Sums per (contract, year), sorted by contract and year; amounts in cents."""

    contract: Ints
    year: Ints
    amounts: CostRows


def sum_by_contract_year(inputs: CostInputs, rows: CostRows) -> CostTotals:
    """Add the rows up per contract and calendar year (exact integer sums)."""
    key = inputs.contract * 10_000 + inputs.year
    if len(key) and bool((key[1:] < key[:-1]).any()):
        order: Ints | None = np.argsort(key, kind="stable")
        key = key[order]
    else:
        order = None
    if not len(key):
        empty = np.zeros(0, dtype=np.int64)
        return CostTotals(empty, empty, CostRows(*(empty for _ in COST_FIELDS)))
    starts = np.flatnonzero(np.concatenate(([True], key[1:] != key[:-1])))
    sums = []
    for name in COST_FIELDS:
        column: Ints = getattr(rows, name)
        sums.append(np.add.reduceat(column if order is None else column[order], starts))
    return CostTotals(
        contract=key[starts] // 10_000, year=key[starts] % 10_000, amounts=CostRows(*sums)
    )


@dataclass(frozen=True, slots=True)
class MonthCost:
    """One contract-month in euros, for display."""

    gross: Decimal
    holiday_allowance: Decimal
    employer_charges: Decimal
    pension: Decimal
    monitoring_fee: Decimal
    total: Decimal
    lks_wage: Decimal
    lks_allowance: Decimal
    lks: Decimal
    funding_programme: Decimal
    funding_buig: Decimal
    funding_host: Decimal
    funding_esf: Decimal
    budget_charge: Decimal


def month_cost_of(rows: CostRows, index: int) -> MonthCost:
    """Row ``index`` of the model's output, in euros."""
    return MonthCost(*(euros(getattr(rows, name)[index]) for name in COST_FIELDS))


def month_cost(
    *,
    hourly_wage: Decimal,
    hours_per_week: Decimal,
    holiday_rate: Decimal,
    charges_rate: Decimal,
    days: int | None = None,
    days_in_month: int = 30,
    max_premium_wage: Decimal | None = None,
    pension_rate: Decimal = Decimal(0),
    monitoring_fee: Decimal = Decimal(0),
    minimum_wage: Decimal = Decimal(0),
    wage_value: Decimal = Decimal(1),
    lks_cap: Decimal = Decimal(0),
    lks_allowance_rate: Decimal = Decimal(0),
    host_share: Decimal = Decimal(0),
    host_contribution: Decimal = Decimal(0),
    esf_share: Decimal = Decimal(0),
    budget_lines: FundingLine = FundingLine.PROGRAMME,
) -> MonthCost:
    """The cost of one contract-month, Decimal in (euros, fractions) and out (euros).

    ``days`` of ``days_in_month`` covered; ``days=None`` is a whole month. It runs the same
    vectorised code on one row, so the page shows what the budget counts.

    >>> month_cost(hourly_wage=Decimal("13.68"), hours_per_week=Decimal("32"),
    ...     holiday_rate=Decimal("0.08"), charges_rate=Decimal("0.2347")).total
    Decimal('2529.55')
    """
    row = CostInputs.build(
        contract=[0],
        year=2000,
        month=1,
        days=days_in_month if days is None else days,
        days_in_month=days_in_month,
        hourly_wage=to_cents(hourly_wage),
        hours=to_tenths(hours_per_week),
        holiday_ppm=to_ppm(holiday_rate),
        charges_ppm=to_ppm(charges_rate),
        max_premium_wage=NO_PREMIUM_CAP if max_premium_wage is None else to_cents(max_premium_wage),
        pension_ppm=to_ppm(pension_rate),
        monitoring_fee=to_cents(monitoring_fee),
        minimum_wage=to_cents(minimum_wage),
        wage_value_ppm=to_ppm(wage_value),
        lks_cap_ppm=to_ppm(lks_cap),
        lks_allowance_ppm=to_ppm(lks_allowance_rate),
        host_share_ppm=to_ppm(host_share),
        host_contribution=to_cents(host_contribution),
        esf_share_ppm=to_ppm(esf_share),
        budget_lines=budget_lines,
    )
    return month_cost_of(compute_costs(row), 0)
