"""Build a programme's forecast from the database and run the pure engine on it.

The only place the forecast reads the database (the cost model's rows come
through :func:`basisbaan.costs.inputs.build_cost_inputs`). In short:

- **As of.** The forecast starts the month after the last imported payroll
  month of the programme (from the programme's first month when nothing is
  imported yet), or earlier: at the first month of an open year in which a
  contract has no payroll although the cost model expects it. From the as-of
  month on, a contract-month whose payroll was imported counts that payroll
  (as spent) and costs nothing in the model; every other one is costed.
- **Spent** per year: the imported payroll totals (``totaal`` minus
  ``overige_kosten`` is payroll, ``overige_kosten`` the payroll party's
  monitoring and start costs) plus the manual expenditures. A closed year
  counts what was recorded when it closed.
- **Contracts.** Every period that runs at or after the as-of month, costed by
  the cost model (what the programme budget is charged). A period that started
  before the as-of month, a contract's first period and a renewal decided
  before it are *committed* (segment 0); a stored renewal decided later is a
  renewal still open (segment 1, 2, ...). After a contract's last period, while
  no decision ends it and the programme runs, renewals of the programme's
  period length follow (hours and wage of the last period; the wage follows the
  minimum wage and its indexation assumption). A permanent contract runs on to
  the programme's end, committed. A month shared by two periods belongs to the
  earlier one's segment.
- **Planned starts** are contracts of the planned hours from their month: the
  first period committed, later periods renewals.
- **Observed rates.** Renewal decisions made before the as-of month (renew or
  permanent: renewed; not renew: not renewed), and exits: contracts whose last
  period ended before the as-of month, before the programme's end, without a
  decision; exposure is the contract-months before the as-of month. Added to
  the stated prior :data:`~basisbaan.budgets.constants.PRIOR`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final, NamedTuple

import numpy as np
import numpy.typing as npt

from django.db import connection
from django.db.models import BigIntegerField, Max, Sum
from django.db.models.functions import Cast, ExtractMonth, ExtractYear

from basisbaan.budgets.constants import COMMITMENT_YEARS, PRIOR, Category
from basisbaan.budgets.models import Budget, Expenditure, PlannedStart
from basisbaan.calc.actuals import (
    CellColumns,
    Merged,
    MissingMonth,
    is_in,
    merge_actuals,
    merge_cell_columns,
    month_key,
    month_of,
)
from basisbaan.calc.costs import compute_costs
from basisbaan.calc.dates import period_end
from basisbaan.calc.fixed import PPM, Ints, euros, monthly_amount, mul_div_round, to_cents
from basisbaan.calc.forecast import (
    NO_BUDGET,
    ForecastInput,
    MonteCarloResult,
    Rates,
    Scenario,
    deterministic,
    exit_by_month,
    expected_weights,
    percentile,
    simulate,
    summarise,
)
from basisbaan.calc.labour_law import chain_continues
from basisbaan.calc.months import as_days
from basisbaan.calc.severance import service_spans, transition_payment_cents
from basisbaan.contracts.constants import NO_TRANSITION_PAYMENT, Decision
from basisbaan.contracts.models import ContractPeriod
from basisbaan.contracts.severance import SeveranceKind, severance_costs
from basisbaan.core.formatting import month_text
from basisbaan.costs.inputs import CostInputSet, HypotheticalPeriod, build_cost_inputs
from basisbaan.parameters.constants import ParameterKey
from basisbaan.parameters.selectors import minimum_wage_hourly, parameter_value
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.payroll.models import PayrollEntry
from basisbaan.programmes.models import Programme

__all__ = [
    "Band",
    "ClosingPreview",
    "Commitment",
    "Counts",
    "ProgrammeForecast",
    "Simulation",
    "YearSpent",
    "closing_preview",
    "forecast_input",
    "merged_actuals",
    "month_key",
    "month_of",
    "assemble",
    "build",
    "programme_forecast",
    "simulation",
    "simulation_key",
    "template_contract",
]

NO_SEGMENT: Final = 127
CENT: Final = Decimal("0.01")
MONTHLY_BAND_LIMIT: Final = 60_000_000
PLANNED_ID_BASE: Final = -1_000_000  # hypothetical contract and period ids count down from here
TEMPLATE_CONTRACT: Final = -1
_NO_SERVICE: Final = dt.date(9999, 12, 31)  # no known start: no service, no payment


@dataclass(frozen=True, slots=True)
class YearSpent:
    """What a year spent, per category, in euros."""

    payroll: Decimal = Decimal("0.00")
    monitoring: Decimal = Decimal("0.00")
    research: Decimal = Decimal("0.00")
    other: Decimal = Decimal("0.00")

    @property
    def total(self) -> Decimal:
        return self.payroll + self.monitoring + self.research + self.other


@dataclass(frozen=True, slots=True)
class Counts:
    """The programme's own history before the as-of month."""

    renewals: int
    non_renewals: int
    exits: int
    exposure_months: int


@dataclass(frozen=True, slots=True)
class Commitment:
    """What the permanent contracts keep costing in a year after the programme's end:
    the municipality's commitment (euros; what the programme budget would be charged)."""

    year: int
    contracts: int
    cost: Decimal


@dataclass
class _Built:
    """What the database gave, before the engine runs."""

    programme: Programme
    as_of: dt.date
    years: list[int]
    budgets: dict[int, Budget]
    spent: dict[int, YearSpent]
    actual_by_month: dict[int, Decimal]  # month key -> payroll + expenditures booked
    expenditure_after: dict[int, Decimal]  # month key (>= as of) -> manual expenditures
    counts: Counts
    rates: Rates
    inp: ForecastInput
    contracts: int
    planned: int
    assumed_months: list[dt.date] = field(default_factory=list)
    missing: list[MissingMonth] = field(default_factory=list)  # payroll expected, not imported
    imported_until: dt.date | None = None  # the month after the last imported payroll month
    commitments: list[Commitment] = field(default_factory=list)  # after the programme's end


def _as_of(programme: Programme) -> dt.date:
    last = PayrollEntry.objects.filter(
        municipality_id=programme.municipality_id, participant__programme=programme
    ).aggregate(last=Max("period"))["last"]
    start = programme.start_date.replace(day=1)
    if last is None:
        return start
    return max(start, month_of(month_key(last) + 1))


def _spent(programme: Programme) -> tuple[dict[int, YearSpent], dict[int, Decimal]]:
    """Per year the spending by category; per month payroll and expenditures together."""
    by_year: dict[int, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    by_month: dict[int, Decimal] = defaultdict(Decimal)
    entries = (
        PayrollEntry.objects.filter(
            municipality_id=programme.municipality_id, participant__programme=programme
        )
        .values("period")
        .annotate(total=Sum("total"), other=Sum("other_costs"))
        .order_by("period")
    )
    for row in entries:
        year = row["period"].year
        by_year[year][Category.PAYROLL] += row["total"] - row["other"]
        by_year[year][Category.MONITORING] += row["other"]
        by_month[month_key(row["period"])] += row["total"]
    expenditures = Expenditure.objects.filter(
        municipality_id=programme.municipality_id, budget__programme=programme
    ).values_list("budget__year", "category", "booked_on", "amount")
    for year, category, booked_on, amount in expenditures:
        by_year[year][category] += amount
        by_month[month_key(booked_on)] += amount
    spent = {
        year: YearSpent(**{str(k): v.quantize(Decimal("0.01")) for k, v in cats.items()})
        for year, cats in by_year.items()
    }
    return spent, dict(by_month)


def _paid_columns(programme: Programme, start: dt.date, until: dt.date) -> CellColumns:
    """Imported payroll totals in cents per (contract id, month key), ``start <= month <
    until``, as columns: on PostgreSQL summed and converted to cents by the database
    (numeric is exact), elsewhere from the Decimal sums."""
    entries = (
        PayrollEntry.objects.filter(
            municipality_id=programme.municipality_id,
            participant__programme=programme,
            period__gte=start,
            period__lt=until,
        )
        .values("contract_id", "period")
        .order_by()
    )
    if connection.vendor == "postgresql":
        query = entries.annotate(
            month=ExtractYear("period") * 12 + ExtractMonth("period") - 1,
            cents=Cast(Sum("total") * 100, BigIntegerField()),
        ).values_list("contract_id", "month", "cents")
        sql, params = query.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if not rows:
            return CellColumns.empty()
        flat = itertools.chain.from_iterable(rows)
        table = np.fromiter(flat, dtype=np.int64, count=3 * len(rows)).reshape(-1, 3)
        return CellColumns(table[:, 0].copy(), table[:, 1].copy(), table[:, 2].copy())
    found = list(entries.annotate(total=Sum("total")).values_list("contract_id", "period", "total"))
    return CellColumns(
        np.array([row[0] for row in found], dtype=np.int64),
        np.array([month_key(row[1]) for row in found], dtype=np.int64),
        np.array([to_cents(row[2]) for row in found], dtype=np.int64),
    )


def _paid_cells(programme: Programme, start: dt.date, until: dt.date) -> dict[tuple[int, int], int]:
    """Imported payroll totals in cents per (contract id, month key), ``start <= month < until``."""
    return _paid_columns(programme, start, until).as_dict()


def merged_actuals(programme: Programme, *, start: dt.date, until: dt.date) -> Merged:
    """Per month from ``start`` up to ``until`` (first days of months, ``until`` not
    included): per contract the imported payroll total where that contract's month was
    imported, the cost model's charge where not (:func:`basisbaan.calc.actuals.merge_actuals`)."""
    first, last = month_key(start), month_key(until)
    if last <= first:
        return merge_actuals({}, {}, start=first, until=first)
    actual = _paid_columns(programme, start, until)
    rows = build_cost_inputs(
        municipality=programme.municipality,
        start=start,
        end=until - dt.timedelta(days=1),
        programme_ids=[programme.pk],
    )
    modelled = CellColumns.empty()
    if len(rows):
        charge = compute_costs(rows.inputs).budget_charge
        months = rows.inputs.year * 12 + rows.inputs.month - 1
        # One cell per (contract, month): rows are summed per cell.
        width = last - first
        cell = rows.inputs.contract.astype(np.int64) * width + (months - first)
        size = len(rows.contract_ids) * width
        sums = np.zeros(size, dtype=np.int64)
        np.add.at(sums, cell, charge)
        cells = np.flatnonzero(np.bincount(cell, minlength=size))  # in order: sorted keys
        modelled = CellColumns(
            rows.contract_ids[cells // width], cells % width + first, sums[cells]
        )
    # What ending employment cost (recorded facts), where no payroll says otherwise.
    costs = severance_costs(
        programme.municipality,
        start=start,
        end=until - dt.timedelta(days=1),
        today=until,
        programme_ids=[programme.pk],
    )
    if costs and len(modelled.cents):
        keys = modelled.keys()  # sorted: contract ids and cells are in the same order
        found = CellColumns(
            np.array([cost.contract_id for cost in costs], dtype=np.int64),
            np.array([month_key(cost.day) for cost in costs], dtype=np.int64),
            np.array([to_cents(cost.amount) for cost in costs], dtype=np.int64),
        )
        at = np.minimum(np.searchsorted(keys, found.keys()), len(keys) - 1)
        hit = keys[at] == found.keys()
        cents = modelled.cents.copy()
        np.add.at(cents, at[hit], found.cents[hit])
        modelled = CellColumns(modelled.contract, modelled.month, cents)
    return merge_cell_columns(actual, modelled, start=first, until=last)


def _late_notices(
    programme: Programme,
    as_of: dt.date,
    cost: Ints,
    seg: npt.NDArray[np.int8],
    ids: Ints,
    paid: Mapping[tuple[int, int], int],
) -> dict[int, int]:
    """Add the late-notice compensations recorded for months from ``as_of`` on to the
    contract's cell of ``cost`` (in place); those outside a cell with a contract go to
    the year's certain part: returned per year, in cents. A month whose payroll was
    imported counts its payroll, not the compensation.

    Transition payments are left out: the engine books them where the employment ends
    in each scenario (for a recorded not-renew, at that period's end)."""
    outside: dict[int, int] = defaultdict(int)
    months = cost.shape[1]
    late = [
        found
        for found in severance_costs(
            programme.municipality,
            start=as_of,
            end=programme.end_date,
            today=as_of,
            programme_ids=[programme.pk],
        )
        if found.kind == SeveranceKind.LATE_NOTICE
        and (found.contract_id, month_key(found.day)) not in paid
    ]
    if not late:
        return outside
    contract = np.array([found.contract_id for found in late], dtype=np.int64)
    m = np.array([month_key(found.day) for found in late], dtype=np.int64) - month_key(as_of)
    cents = np.array([to_cents(found.amount) for found in late], dtype=np.int64)
    row = np.searchsorted(ids, contract)
    inside = (row < len(ids)) & (m >= 0) & (m < months)
    inside[inside] = ids[row[inside]] == contract[inside]
    inside[inside] = seg[row[inside], m[inside]] >= 0
    np.add.at(cost, (row[inside], m[inside]), cents[inside])
    for i in np.flatnonzero(~inside).tolist():
        outside[late[i].day.year] += int(cents[i])
    return outside


class _Period(NamedTuple):
    """A stored contract period as the forecast reads it (a tuple: made in bulk)."""

    pk: int
    contract_id: int
    sequence: int
    start: dt.date
    end: dt.date
    hours: Decimal
    wage: Decimal
    decision: str | None
    decided_on: dt.date | None
    exited: bool
    permanent: bool
    subsidy: bool
    participant_id: int
    birth: dt.date
    end_reason: str = ""


# The columns of a contract period the forecast reads, in the order of _Period.
PERIOD_COLUMNS = (
    "id",
    "contract_id",
    "sequence",
    "start_date",
    "end_date",
    "hours_per_week",
    "hourly_wage",
    "decision__decision",
    "decision__decided_at",
    "contract__participant__status",
    "contract__is_permanent",
    "contract__wage_subsidy",
    "contract__participant_id",
    "contract__participant__date_of_birth",
    "contract__end_reason",
)


def _periods(programme: Programme) -> dict[int, list[_Period]]:
    rows = (
        ContractPeriod.objects.filter(
            municipality_id=programme.municipality_id, contract__participant__programme=programme
        )
        .order_by("contract_id", "start_date", "id")
        .values_list(*PERIOD_COLUMNS)
    )
    found: dict[int, list[_Period]] = defaultdict(list)
    exited = ParticipantStatus.EXITED
    for row in rows:
        decided = row[8]
        found[row[1]].append(
            _Period(
                row[0],
                row[1],
                row[2],
                row[3],
                row[4],
                row[5],
                row[6],
                row[7],
                decided.date() if decided is not None else None,
                row[9] == exited,
                row[10],
                row[11],
                row[12],
                row[13],
                row[14],
            )
        )
    return found


def _counts(periods: dict[int, list[_Period]], as_of: dt.date, programme_end: dt.date) -> Counts:
    renewals = non_renewals = exits = exposure = 0
    for chain in periods.values():
        for period in chain:
            if period.start < as_of:
                last_day = min(period.end, as_of - dt.timedelta(days=1))
                exposure += month_key(last_day) - month_key(period.start) + 1
            if period.decided_on is not None and period.decided_on < as_of:
                if period.decision == Decision.NOT_RENEW:
                    non_renewals += 1
                else:
                    renewals += 1
        last = chain[-1]
        if last.end < as_of and last.end < programme_end and last.decision is None:
            exits += 1
    return Counts(renewals, non_renewals, min(exits, exposure), exposure)


def _renewals_after(start: dt.date, programme: Programme) -> Iterable[tuple[dt.date, dt.date]]:
    """Periods of the programme's length from ``start`` to its end."""
    yield from _renewal_dates(start, programme.end_date, programme.contract_period_months)


@functools.lru_cache(maxsize=1 << 14)
def _renewal_dates(
    start: dt.date, last: dt.date, months: int
) -> tuple[tuple[dt.date, dt.date], ...]:
    """:func:`_renewals_after` once per start day (many contracts share one)."""
    found = []
    while start <= last:
        end = min(period_end(start, months), last)
        found.append((start, end))
        start = end + dt.timedelta(days=1)
    return tuple(found)


def _segments(
    periods: dict[int, list[_Period]], programme: Programme, as_of: dt.date
) -> tuple[dict[int, int], list[HypotheticalPeriod]]:
    """Segment per stored period id, and the generated periods (with their segments
    as ``period_id -> segment`` in the same dict)."""
    segment: dict[int, int] = {}
    extra: list[HypotheticalPeriod] = []
    next_id = PLANNED_ID_BASE
    for contract_id, chain in periods.items():
        last = chain[-1]
        if last.end < as_of:
            continue
        k = 0
        previous: _Period | None = None
        for period in chain:
            committed = (
                period.start < as_of
                or period.sequence == 1
                or (
                    previous is not None
                    and previous.decided_on is not None
                    and previous.decided_on < as_of
                )
            )
            if not committed:
                k += 1
            segment[period.pk] = k
            previous = period
        if (
            last.end >= programme.end_date
            or last.exited
            or last.decision == Decision.NOT_RENEW
            or last.end_reason
        ):
            continue
        start = last.end + dt.timedelta(days=1)
        for begin, end in _renewals_after(start, programme):
            if not last.permanent:
                k += 1
            next_id -= 1
            segment[next_id] = k
            extra.append(
                HypotheticalPeriod(
                    contract_id=contract_id,
                    period_id=next_id,
                    start_date=begin,
                    end_date=programme.end_date if last.permanent else end,
                    hours_per_week=last.hours,
                    hourly_wage=last.wage,
                    programme_id=programme.pk,
                    participant_id=last.participant_id,
                    date_of_birth=last.birth,
                    wage_subsidy=last.subsidy,
                    is_permanent=last.permanent,
                )
            )
            if last.permanent:
                break
    return segment, extra


def _minimum_wage(day: dt.date) -> Decimal:
    try:
        return minimum_wage_hourly(day).value
    except LookupError:
        return Decimal("0.01")  # the cost model raises it to the minimum wage


def template_contract(
    programme: Programme,
    *,
    contract_id: int,
    first_period_id: int,
    month: dt.date,
    hours: Decimal,
) -> tuple[list[HypotheticalPeriod], dict[int, int]]:
    """A new participant from ``month``: the first period committed, then renewals."""
    periods: list[HypotheticalPeriod] = []
    segments: dict[int, int] = {}
    wage = _minimum_wage(month)
    for k, (begin, end) in enumerate(_renewals_after(month, programme)):
        period_id = first_period_id - k
        segments[period_id] = k
        periods.append(
            HypotheticalPeriod(
                contract_id=contract_id,
                period_id=period_id,
                start_date=begin,
                end_date=end,
                hours_per_week=hours,
                hourly_wage=wage,
                programme_id=programme.pk,
            )
        )
    return periods, segments


def _planned(
    programme: Programme, as_of: dt.date, first_id: int
) -> tuple[list[HypotheticalPeriod], dict[int, int], int]:
    periods: list[HypotheticalPeriod] = []
    segments: dict[int, int] = {}
    planned = PlannedStart.objects.filter(
        municipality_id=programme.municipality_id, programme=programme, month__gte=as_of
    ).order_by("month", "id")
    next_id = first_id
    count = 0
    for start in planned:
        for _n in range(start.count):
            made, seg = template_contract(
                programme,
                contract_id=next_id,
                first_period_id=next_id,
                month=start.month,
                hours=start.hours_per_week,
            )
            periods += made
            segments.update(seg)
            next_id -= len(made) + 1
            count += 1
    return periods, segments, count


def cost_matrix(
    programme: Programme,
    as_of: dt.date,
    *,
    hypothetical: list[HypotheticalPeriod],
    segments: dict[int, int],
    stored: bool = True,
    paid: Mapping[tuple[int, int], int] | None = None,
    exits: ExitFacts | None = None,
) -> tuple[Ints, npt.NDArray[np.int8], list[dt.date], Ints | None, Ints]:
    """C x M cents and segments from the as-of month to the programme's end, the
    assumed months, and with ``exits`` the C x M exit costs (:func:`exit_matrix`).

    ``paid``: (contract id, month key) cells whose payroll was imported already; they
    cost nothing here (their payroll counts as spent), the segments stay."""
    months = max(0, month_key(programme.end_date) - month_key(as_of) + 1)
    rows = build_cost_inputs(
        municipality=programme.municipality,
        start=as_of,
        end=programme.end_date,
        programme_ids=[programme.pk],
        contract_ids=None if stored else [],
        hypothetical=hypothetical,
    )
    if not len(rows) or not months:
        empty = np.zeros((0, months), np.int64)
        none = np.zeros(0, np.int64)
        return empty, np.zeros((0, months), np.int8), [], empty if exits else None, none
    charge = compute_costs(rows.inputs).budget_charge
    period_ids = rows.period_ids
    known = np.fromiter(segments.keys(), dtype=np.int64, count=len(segments))
    values = np.fromiter(segments.values(), dtype=np.int64, count=len(segments))
    order = np.argsort(known, kind="stable")
    known, values = known[order], values[order]
    pos = np.clip(np.searchsorted(known, period_ids), 0, max(len(known) - 1, 0))
    matched = len(known) > 0
    keep = known[pos] == period_ids if matched else np.zeros(len(period_ids), np.bool_)
    contract = rows.inputs.contract[keep]
    month = (rows.inputs.year * 12 + rows.inputs.month - 1)[keep] - month_key(as_of)
    c = len(rows.contract_ids)
    cost = np.zeros((c, months), dtype=np.int64)
    seg = np.full((c, months), NO_SEGMENT, dtype=np.int64)
    np.add.at(cost, (contract, month), charge[keep])
    np.minimum.at(seg, (contract, month), values[pos[keep]])
    seg[seg == NO_SEGMENT] = -1
    if paid:
        paid_contract = np.fromiter((k[0] for k in paid), dtype=np.int64, count=len(paid))
        paid_month = np.fromiter((k[1] for k in paid), dtype=np.int64, count=len(paid))
        row = np.searchsorted(rows.contract_ids, paid_contract)
        m = paid_month - month_key(as_of)
        hit = (row < c) & (m >= 0) & (m < months)
        hit[hit] = rows.contract_ids[row[hit]] == paid_contract[hit]
        cost[row[hit], m[hit]] = 0
    used = (seg >= 0).any(axis=1)
    exit_cost = None
    if exits is not None:
        exit_cost = exit_matrix(rows, keep, month, (c, months), exits)[used]
    assumed = sorted(
        {
            month_of(y * 12 + m - 1)
            for (y, m) in rows.assumptions
            if month_of(y * 12 + m - 1) >= as_of
        }
    )
    return cost[used], seg[used].astype(np.int8), assumed, exit_cost, rows.contract_ids[used]


@dataclass(frozen=True, slots=True)
class ExitFacts:
    """What the exit costs need beyond the cost rows: per contract id the first day of
    its service (the chain of periods it continues), the contracts whose employment
    does not end with the programme's forecast (permanent: it continues) or ends
    without a payment (the end reason excludes it), and the yearly maximum."""

    service_start: Mapping[int, dt.date]
    no_payment: frozenset[int]
    maximum: Mapping[int, Decimal]  # year -> the transition payment's maximum


def exit_matrix(
    rows: CostInputSet,
    keep: npt.NDArray[np.bool_],
    month: Ints,
    shape: tuple[int, int],
    facts: ExitFacts,
) -> Ints:
    """C x M: the transition payment owed if the contract's employment ended on its
    last day in month m (:mod:`basisbaan.calc.severance`).

    The monthly wage is the cell's last row's full-month gross wage plus holiday
    allowance (:func:`basisbaan.calc.fixed.monthly_amount`); service runs from the
    contract's service start to that day; the cap is the year's maximum or a year's
    wage (12 × the monthly wage) when higher."""
    c, months = shape
    x = rows.inputs
    index = np.flatnonzero(keep)
    contract = x.contract[index]
    last_row = np.full((c, months), -1, dtype=np.int64)
    np.maximum.at(last_row, (contract, month), index)
    has = last_row >= 0
    cell_rows = last_row[has]
    gross = monthly_amount(x.hourly_wage[cell_rows], x.hours[cell_rows])
    wage = gross + mul_div_round(gross, x.holiday_ppm[cell_rows], PPM)
    cell_contract = x.contract[cell_rows]
    contract_ids = rows.contract_ids[cell_contract]
    # Per contract, then per cell: the service start; per year, then per cell: the cap.
    starts = as_days(
        [facts.service_start.get(int(k), _NO_SERVICE) for k in rows.contract_ids.tolist()]
    )
    start = starts[cell_contract]
    end = rows.last_day[cell_rows]
    service_months, service_days = service_spans(start, end)
    years = x.year[cell_rows]
    if len(years):
        first_year = int(years.min())
        caps = np.array(
            [
                to_cents(facts.maximum.get(y, Decimal(0)))
                for y in range(first_year, int(years.max()) + 1)
            ],
            dtype=np.int64,
        )
        cap = caps[years - first_year]
    else:
        cap = np.zeros(0, dtype=np.int64)
    amount = transition_payment_cents(
        wage, service_months, service_days, np.maximum(cap, wage * 12)
    )
    no_payment = np.fromiter(facts.no_payment, dtype=np.int64, count=len(facts.no_payment))
    amount[is_in(contract_ids, no_payment)] = 0
    out = np.zeros((c, months), dtype=np.int64)
    out[has] = amount
    return out


def _exit_facts(
    periods: dict[int, list[_Period]],
    planned: list[HypotheticalPeriod],
    programme: Programme,
) -> ExitFacts:
    """Service starts, contracts without a payment, and the yearly maximum.

    A contract's service starts at the first period of the participant's chain:
    earlier periods (of any contract of the participant in the programme) that it
    follows within six months (:func:`basisbaan.calc.labour_law.chain_continues`).
    Interruptions within the chain are counted as service: a simplification (the
    law leaves them out) that only matters for a participant who came back."""
    by_person: dict[int, list[_Period]] = defaultdict(list)
    for chain in periods.values():
        for period in chain:
            by_person[period.participant_id].append(period)
    service_start: dict[int, dt.date] = {}
    no_payment: set[int] = set()
    in_chain = functools.lru_cache(maxsize=None)(chain_continues)  # many equal pairs of days
    for person_periods in by_person.values():
        person_periods.sort(key=lambda p: (p.start, p.pk))
        chain_start = person_periods[0].start
        reach = person_periods[0].end
        for period in person_periods:
            if not in_chain(reach, period.start):
                chain_start = period.start
            reach = max(reach, period.end)
            service_start.setdefault(period.contract_id, chain_start)
    for contract_id, chain in periods.items():
        last = chain[-1]
        continues = last.permanent and not last.end_reason and not last.exited
        if continues or last.end_reason in NO_TRANSITION_PAYMENT:
            no_payment.add(contract_id)
    for made in planned:
        service_start.setdefault(made.contract_id, made.start_date)
    maximum: dict[int, Decimal] = {}
    for year in range(programme.start_date.year, programme.end_date.year + 1):
        try:
            maximum[year] = parameter_value(
                ParameterKey.TRANSITION_PAYMENT_MAX, dt.date(year, 1, 1)
            ).value
        except LookupError:
            maximum[year] = Decimal(0)  # before the first figure: the year's wage caps it
    return ExitFacts(service_start, frozenset(no_payment), maximum)


def build(programme: Programme) -> _Built:
    """Everything the engine needs, read in a fixed number of queries.

    The forecast starts the month after the last imported payroll month, or earlier,
    at the first month of an open year in which a contract has no payroll: from there
    every contract-month counts its payroll where it was imported and the cost model
    (per scenario) where not, so a file for a later month never zeroes earlier months.
    """
    years = list(range(programme.start_date.year, programme.end_date.year + 1))
    budgets = {
        b.year: b
        for b in Budget.objects.filter(
            municipality_id=programme.municipality_id, programme=programme
        )
    }
    closed = {y for y, b in budgets.items() if b.is_closed}
    first_open = next((y for y in years if y not in closed), years[-1] + 1)
    open_start = max(programme.start_date.replace(day=1), dt.date(first_open, 1, 1))
    imported_until = _as_of(programme)  # the month after the last imported month
    merged = merged_actuals(programme, start=open_start, until=imported_until)
    as_of = merged.missing[0].day if merged.missing else imported_until
    paid = _paid_cells(programme, as_of, imported_until) if merged.missing else {}
    spent, actual_by_month = _spent(programme)
    periods = _periods(programme)
    counts = _counts(periods, as_of, programme.end_date)
    rates = Rates.posterior(
        PRIOR,
        renewals=counts.renewals,
        non_renewals=counts.non_renewals,
        exits=counts.exits,
        exposure_months=counts.exposure_months,
    )
    segments, extra = _segments(periods, programme, as_of)
    planned_periods, planned_segments, planned = _planned(
        programme, as_of, min([PLANNED_ID_BASE, *segments]) - 1_000
    )
    segments.update(planned_segments)
    cost, seg, assumed, exit_cost, matrix_ids = cost_matrix(
        programme,
        as_of,
        hypothetical=extra + planned_periods,
        segments=segments,
        paid=paid,
        exits=_exit_facts(periods, planned_periods, programme),
    )
    late = _late_notices(programme, as_of, cost, seg, matrix_ids, paid)
    as_of_key = month_key(as_of)
    year_of_month = [month_of(as_of_key + i).year - years[0] for i in range(cost.shape[1])]
    for i, y in enumerate(year_of_month):
        if years[y] in closed:  # a closed year counts what it recorded
            cost[:, i] = 0
            if exit_cost is not None:
                exit_cost[:, i] = 0
    fixed = []
    for year in years:
        budget = budgets.get(year)
        if budget is not None and budget.is_closed and budget.spent_at_close is not None:
            fixed.append(to_cents(budget.spent_at_close))
        else:  # imported payroll (also of months from the as-of month on) and expenditures
            fixed.append(to_cents(spent.get(year, YearSpent()).total) + late.get(year, 0))
    inp = ForecastInput.build(
        years=years,
        year_of_month=year_of_month,
        fixed=fixed,
        budget=[to_cents(budgets[y].amount) if y in budgets else NO_BUDGET for y in years],
        cost=cost,
        segment=seg,
        exit_cost=exit_cost,
    )
    expenditure_after = {k: v for k, v in actual_by_month.items() if k >= as_of_key}
    return _Built(
        programme=programme,
        as_of=as_of,
        years=years,
        budgets=budgets,
        spent=spent,
        actual_by_month=actual_by_month,
        expenditure_after=expenditure_after,
        counts=counts,
        rates=rates,
        inp=inp,
        contracts=len(periods),
        planned=planned,
        assumed_months=assumed,
        missing=merged.missing,
        imported_until=imported_until,
        commitments=commitments_after_end(programme, periods),
    )


def commitments_after_end(
    programme: Programme, periods: dict[int, list[_Period]]
) -> list[Commitment]:
    """Per year after the programme's end (:data:`COMMITMENT_YEARS` of them), the cost
    of the permanent contracts that run on: each continues from its last period at the
    same hours and wage (the wage follows the minimum wage and its indexation), with
    the permanent premiums, as the forecast runs it on to the programme's end. A
    participant who left, or a contract with an end reason, does not run on."""
    after = programme.end_date + dt.timedelta(days=1)
    horizon = dt.date(programme.end_date.year + COMMITMENT_YEARS, 12, 31)
    running: list[HypotheticalPeriod] = []
    next_id = PLANNED_ID_BASE
    for contract_id, chain in periods.items():
        last = chain[-1]
        if not last.permanent or last.exited or last.end_reason:
            continue
        next_id -= 1
        running.append(
            HypotheticalPeriod(
                contract_id=contract_id,
                period_id=next_id,
                start_date=max(after, last.end + dt.timedelta(days=1)),
                end_date=horizon,
                hours_per_week=last.hours,
                hourly_wage=last.wage,
                programme_id=programme.pk,
                participant_id=last.participant_id,
                date_of_birth=last.birth,
                wage_subsidy=last.subsidy,
                is_permanent=True,
            )
        )
    if not running:
        return []
    rows = build_cost_inputs(
        municipality=programme.municipality,
        start=after,
        end=horizon,
        contract_ids=[],
        hypothetical=running,
    )
    if not len(rows):
        return []
    charge = compute_costs(rows.inputs).budget_charge
    years = rows.inputs.year
    found = []
    for year in range(after.year, horizon.year + 1):
        mine = years == year
        if not mine.any():
            continue
        found.append(
            Commitment(
                year=year,
                contracts=len(np.unique(rows.inputs.contract[mine])),
                cost=euros(int(charge[mine].sum())),
            )
        )
    return found


@dataclass(frozen=True, slots=True)
class YearForecast:
    year: int
    budget: Budget | None
    spent: YearSpent
    committed: Decimal
    all_renewed: Decimal
    no_renewals: Decimal
    observed: Decimal  # the expected value
    p10: Decimal
    p50: Decimal
    p90: Decimal
    p_overspend: float
    closed: bool
    exits: Mapping[Scenario, Decimal] = field(default_factory=dict)

    def exit_cost(self, scenario: Scenario) -> Decimal:
        """The transition payments in this year's figure of ``scenario`` (the observed
        scenario: their expected value)."""
        return self.exits.get(scenario, Decimal("0.00"))

    @property
    def amount(self) -> Decimal | None:
        return self.budget.amount if self.budget is not None else None

    @property
    def to_accounts_result(self) -> Decimal | None:
        """Recorded when the year closed; None while it is open."""
        if self.budget is None or not self.budget.is_closed:
            return None
        return self.budget.accounts_result

    def forecast(self, scenario: Scenario) -> Decimal:
        return {
            Scenario.ALL_RENEWED: self.all_renewed,
            Scenario.NO_RENEWALS: self.no_renewals,
            Scenario.OBSERVED: self.p50,
        }[scenario]

    def expected_rest(self, scenario: Scenario) -> Decimal | None:
        """Budget minus the forecast: what would go to the accounts result."""
        if self.budget is None:
            return None
        return self.budget.amount - self.forecast(scenario)


@dataclass(frozen=True, slots=True)
class MonthPoint:
    month: dt.date
    budget: Decimal  # cumulative budget to the end of the month
    actual: Decimal | None  # cumulative spending, months before the as-of month
    forecast: Decimal | None  # cumulative, deterministic scenario (from as of)
    p10: Decimal | None
    p50: Decimal | None
    p90: Decimal | None


@dataclass(frozen=True, slots=True)
class ProgrammeForecast:
    programme: Programme
    as_of: dt.date
    years: list[YearForecast]
    counts: Counts
    rates: Rates
    prior: Rates
    contracts: int
    planned: int
    draws: int
    seed: int
    months: list[MonthPoint]
    assumed_months: list[dt.date]
    monte_carlo: MonteCarloResult
    built: _Built

    @property
    def missing(self) -> list[MissingMonth]:
        """Months up to the last imported month in which a contract has no payroll (the
        forecast starts at the first of them)."""
        return self.built.missing

    @property
    def last_imported(self) -> dt.date | None:
        """The last month with imported payroll (None: nothing imported)."""
        until = self.built.imported_until
        if until is None or until <= self.programme.start_date.replace(day=1):
            return None
        return month_of(month_key(until) - 1)

    def year(self, year: int) -> YearForecast | None:
        return next((y for y in self.years if y.year == year), None)

    @property
    def commitments(self) -> list[Commitment]:
        """The permanent contracts' cost per year after the programme's end."""
        return self.built.commitments


def _year_paths(built: _Built, paths: Ints) -> Ints:
    """Per draw and future month, the contract cost since the start of that month's year."""
    as_of_key = month_key(built.as_of)
    out = paths.copy()
    for i in range(paths.shape[1]):
        january = month_of(as_of_key + i).year * 12 - as_of_key  # future index of January
        if january > 0:
            out[:, i] -= paths[:, january - 1]
    return out


def _cumulative_points(built: _Built, scenario_months: Ints, band: Band | None) -> list[MonthPoint]:
    """Per programme month, cumulative within its year (each year has its own budget;
    unspent budget goes to the accounts result, it does not carry over)."""
    programme = built.programme
    first, last = month_key(programme.start_date), month_key(programme.end_date)
    as_of_key = month_key(built.as_of)
    points: list[MonthPoint] = []
    actual = extra = Decimal(0)
    modelled = 0
    for key in range(first, last + 1):
        day = month_of(key)
        if day.month == 1:
            actual = extra = Decimal(0)
            modelled = 0
        budget = built.budgets.get(day.year)
        budget_cum = (budget.amount * day.month / 12).quantize(CENT) if budget else Decimal(0)
        if key < as_of_key:
            actual += built.actual_by_month.get(key, Decimal(0))
            points.append(MonthPoint(day, budget_cum, actual, None, None, None, None))
            continue
        i = key - as_of_key
        extra += built.expenditure_after.get(key, Decimal(0))
        modelled += int(scenario_months[i])
        base = actual + extra
        if band is not None:
            p10, p50, p90 = (base + euros(int(row[i])) for row in band)
        else:
            p10 = p50 = p90 = base
        points.append(MonthPoint(day, budget_cum, None, base + euros(modelled), p10, p50, p90))
    return points


def scenario_by_month(inp: ForecastInput, rates: Rates, scenario: Scenario) -> Ints:
    """Per future month, the deterministic scenario's contract cost (cents), exit costs
    included."""
    exits = exit_by_month(inp, rates)[scenario]
    if scenario == Scenario.ALL_RENEWED:
        return inp.cost.sum(axis=0, dtype=np.int64) + exits.astype(np.int64)
    if scenario == Scenario.NO_RENEWALS:
        committed = np.where(inp.segment == 0, inp.cost, 0).sum(axis=0, dtype=np.int64)
        return committed + exits.astype(np.int64)
    weighted = (inp.cost * expected_weights(inp, rates)).sum(axis=0) + exits
    return np.floor(weighted + 0.5).astype(np.int64)


# Per future month the P10, P50 and P90 of the contract cost since the start of
# that month's year (nearest rank over the draws): the chart's band.
Band = tuple[Ints, Ints, Ints]


@dataclass(frozen=True, slots=True)
class Simulation:
    """The Monte Carlo's part of a forecast: what takes time, kept apart so that it
    can be cached (:func:`simulation_key`) and computed in the background."""

    totals: Ints  # D x Y: every draw's total per year
    band: Band | None  # None: too big for a monthly band (the table only)


def simulation(
    built: _Built,
    *,
    draws: int,
    seed: int,
    progress: Callable[[int, int], None] | None = None,
) -> Simulation:
    """Run the seeded Monte Carlo on ``built``; ``progress(done, total)`` per block of draws."""
    inp, rates = built.inp, built.rates
    # The chart's monthly band costs draws x contracts x months; above the limit the
    # page shows the yearly band only (the table), never a slow page.
    monthly = draws * inp.contracts * inp.months <= MONTHLY_BAND_LIMIT
    totals, paths = simulate(
        inp,
        rates,
        draws=draws,
        rng=np.random.default_rng(seed),
        paths=monthly,
        progress=progress,
    )
    band: Band | None = None
    if paths is not None and len(paths):
        ordered = np.sort(_year_paths(built, paths), axis=0)
        band = (percentile(ordered, 10), percentile(ordered, 50), percentile(ordered, 90))
    return Simulation(totals, band)


def simulation_key(built: _Built, *, draws: int, seed: int) -> str:
    """A key that changes whenever the simulation's answer could: a hash of everything
    it reads (the engine's whole input, the rates, the as-of month), the draws and the
    seed. Whatever changed in the database (a contract, a payroll file, a budget, a
    parameter) changes this input, so a cached simulation is never stale."""
    inp = built.inp
    digest = hashlib.sha256()
    arrays: list[Ints | npt.NDArray[np.int8]] = [
        inp.years,
        inp.year_of_month,
        inp.fixed,
        inp.budget,
        inp.cost,
        inp.segment,
    ]
    if inp.exit_cost is not None:
        arrays.append(inp.exit_cost)
    for array in arrays:
        digest.update(str(array.shape).encode())
        digest.update(np.ascontiguousarray(array).tobytes())
    digest.update(repr((built.rates, built.as_of.isoformat(), draws, seed)).encode())
    digest.update(str(MONTHLY_BAND_LIMIT).encode())
    return f"forecast:{built.programme.pk}:{digest.hexdigest()}"


def assemble(
    built: _Built,
    sim: Simulation,
    *,
    draws: int,
    seed: int,
    scenario: Scenario = Scenario.OBSERVED,
) -> ProgrammeForecast:
    """The forecast from what the database gave and the simulation's answer."""
    programme = built.programme
    inp, rates = built.inp, built.rates
    scenarios = deterministic(inp, rates)
    mc = summarise(inp, sim.totals, seed=seed)
    no_renewals = scenarios[Scenario.NO_RENEWALS]
    exits = {
        s: np.floor(
            np.bincount(inp.year_of_month, weights=per_month, minlength=len(built.years)) + 0.5
        ).astype(np.int64)
        if inp.months
        else np.zeros(len(built.years), dtype=np.int64)
        for s, per_month in exit_by_month(inp, rates).items()
    }
    years = []
    for i, year in enumerate(built.years):
        budget = built.budgets.get(year)
        closed = budget is not None and budget.is_closed
        years.append(
            YearForecast(
                year=year,
                budget=budget,
                spent=built.spent.get(year, YearSpent()),
                committed=euros(int(no_renewals[i] - inp.fixed[i])),
                all_renewed=euros(int(scenarios[Scenario.ALL_RENEWED][i])),
                no_renewals=euros(int(no_renewals[i])),
                observed=euros(int(scenarios[Scenario.OBSERVED][i])),
                p10=euros(int(mc.p10[i])),
                p50=euros(int(mc.p50[i])),
                p90=euros(int(mc.p90[i])),
                p_overspend=float(mc.p_overspend[i]),
                closed=closed,
                exits={s: euros(int(per_year[i])) for s, per_year in exits.items()},
            )
        )
    months = _cumulative_points(built, scenario_by_month(inp, rates, scenario), sim.band)
    return ProgrammeForecast(
        programme=programme,
        as_of=built.as_of,
        years=years,
        counts=built.counts,
        rates=rates,
        prior=PRIOR,
        contracts=built.contracts,
        planned=built.planned,
        draws=draws,
        seed=seed,
        months=months,
        assumed_months=built.assumed_months,
        monte_carlo=mc,
        built=built,
    )


def programme_forecast(
    programme: Programme,
    *,
    draws: int,
    seed: int,
    scenario: Scenario = Scenario.OBSERVED,
) -> ProgrammeForecast:
    """The programme's forecast: per year every scenario and the Monte Carlo band."""
    built = build(programme)
    sim = simulation(built, draws=draws, seed=seed)
    return assemble(built, sim, draws=draws, seed=seed, scenario=scenario)


def forecast_input(programme: Programme) -> tuple[ForecastInput, Rates, dt.date]:
    built = build(programme)
    return built.inp, built.rates, built.as_of


@dataclass(frozen=True, slots=True)
class ClosingPreview:
    """What closing a year will record: spending per category, the accounts result,
    and the months in which a contract has no payroll."""

    budget: Budget
    spent: YearSpent
    missing: list[MissingMonth]

    @property
    def accounts_result(self) -> Decimal:
        return self.budget.amount - self.spent.total

    @property
    def missing_months(self) -> list[str]:
        return [f"{m.day:%Y-%m}" for m in self.missing]

    @property
    def missing_text(self) -> str:
        return ", ".join(month_text(m.day) for m in self.missing)


def closing_preview(budget: Budget) -> ClosingPreview:
    """Spent in the budget's year (imported payroll plus expenditures) and the months of
    that year in which the cost model expects a contract's cost but no payroll came in."""
    programme = budget.programme
    spent, _by_month = _spent(programme)
    start = max(dt.date(budget.year, 1, 1), programme.start_date.replace(day=1))
    until = min(dt.date(budget.year + 1, 1, 1), month_of(month_key(programme.end_date) + 1))
    merged = merged_actuals(programme, start=start, until=max(start, until))
    return ClosingPreview(budget, spent.get(budget.year, YearSpent()), merged.missing)
