"""Actual against planned: the imported payroll costs beside the cost model, per
contract and month, with the deviations over the programme's threshold.

A fixed number of queries whatever the number of contracts: the cost model's
inputs for all contracts at once (:func:`basisbaan.costs.inputs.build_cost_inputs`),
one query for the actuals, one for the contracts and their participants.

The rules, so that they can be checked:

- **Planned** is the cost model's month: gross wage, holiday allowance,
  employer charges, pension, the payroll party's monitoring fee, and their
  total; the LKS beside it (a funding line, not a cost). Two periods of one
  contract in one month add up to one line.
- **Actual** is the imported :class:`~basisbaan.payroll.models.PayrollEntry`
  of the contract and month (``overige_kosten`` stands beside the planned
  monitoring fee).
- A month is **imported** when the programme has at least one payroll entry
  in it. In an imported month every contract-month is compared: one without
  an entry counts as actual zero ("geen verloningsregel"). A month not yet
  imported has no deviation.
- **Deviation** = actual total − planned total. It is **over the threshold**
  when its size exceeds both the programme's amount (for example EUR 50) and
  its share of the planned total (for example 5 %), so neither a cent on a
  small amount nor a small share of a large one raises a flag.
- A line is **assumed** when the plan used a figure that is an assumption
  (a value not yet published, indexed by the controller's assumption).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Final

import numpy as np

from basisbaan.calc.costs import compute_costs
from basisbaan.calc.fixed import euros
from basisbaan.contracts.models import Contract
from basisbaan.costs.inputs import build_cost_inputs
from basisbaan.costs.models import ProgrammeCostSettings
from basisbaan.costs.selectors import cost_settings_of
from basisbaan.payroll.models import PayrollEntry
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality

__all__ = [
    "ACTUAL_FIELDS",
    "PLANNED_FIELDS",
    "Actual",
    "ContractLines",
    "CostComparison",
    "Line",
    "MonthTotal",
    "Planned",
    "Threshold",
    "YearTotal",
    "contract_comparison",
    "programme_comparison",
    "year_totals",
]

PLANNED_FIELDS: Final = (
    "gross",
    "holiday_allowance",
    "employer_charges",
    "pension",
    "monitoring_fee",
    "total",
    "lks",
)
ACTUAL_FIELDS: Final = (
    "gross_wage",
    "holiday_allowance",
    "employer_charges",
    "pension",
    "other_costs",
    "total",
    "hours",
)
ZERO: Final = Decimal(0)


@dataclass(frozen=True, slots=True)
class Planned:
    """The cost model's month, in euros."""

    gross: Decimal
    holiday_allowance: Decimal
    employer_charges: Decimal
    pension: Decimal
    monitoring_fee: Decimal
    total: Decimal
    lks: Decimal


@dataclass(frozen=True, slots=True)
class Actual:
    """What the payroll party charged, in euros (hours worked in hours)."""

    gross_wage: Decimal
    holiday_allowance: Decimal
    employer_charges: Decimal
    pension: Decimal
    other_costs: Decimal
    total: Decimal
    hours: Decimal


NO_ACTUAL: Final = Actual(*(ZERO for _ in ACTUAL_FIELDS))


@dataclass(frozen=True, slots=True)
class Threshold:
    """A deviation counts when it exceeds both ``amount`` and ``rate`` × planned."""

    rate: Decimal
    amount: Decimal

    def exceeded(self, deviation: Decimal, planned: Decimal) -> bool:
        size = abs(deviation)
        return size > self.amount and size > self.rate * abs(planned)

    @classmethod
    def of(cls, settings: ProgrammeCostSettings) -> Threshold:
        return cls(rate=settings.deviation_rate, amount=settings.deviation_amount)


@dataclass(frozen=True, slots=True)
class Line:
    """One contract and month: planned, actual, deviation."""

    contract_id: int
    month: dt.date
    planned: Planned | None  # None: no contract period in the month (actual only)
    actual: Actual | None  # None: month not imported; NO_ACTUAL: imported, no entry
    missing: bool  # the month is imported but this contract has no entry
    assumed: bool
    assumed_keys: tuple[str, ...]
    deviation: Decimal | None
    deviation_share: Decimal | None  # deviation / planned total
    over_threshold: bool
    wage_value_missing: bool = False  # LKS contract without a measured wage value
    entry_ids: tuple[int, ...] = ()  # the payroll entries shown

    @property
    def planned_total(self) -> Decimal:
        return self.planned.total if self.planned is not None else ZERO

    @property
    def deviation_percent(self) -> Decimal | None:
        return _percent(self.deviation_share)


@dataclass(slots=True)
class ContractLines:
    """A contract's lines of the period, and their sums."""

    contract: Contract
    lines: list[Line]
    planned_total: Decimal = ZERO
    actual_total: Decimal = ZERO
    deviation: Decimal = ZERO
    over_count: int = 0
    assumed: bool = False
    imported: bool = False


@dataclass(slots=True)
class MonthTotal:
    """The programme's month: sums over its contracts."""

    month: dt.date
    planned: Planned
    actual: Actual | None  # None: not imported
    deviation: Decimal | None
    deviation_share: Decimal | None
    over_threshold: bool  # the month's own deviation is over the threshold
    over_count: int  # contract-months over the threshold
    contracts: int  # contracts with a plan in the month
    entries: int  # payroll entries in the month
    assumed: bool
    assumed_keys: tuple[str, ...]

    @property
    def deviation_percent(self) -> Decimal | None:
        return _percent(self.deviation_share)


@dataclass(slots=True)
class CostComparison:
    """Actual against planned for a programme (or one contract) over a period."""

    programme: Programme
    start: dt.date
    end: dt.date
    threshold: Threshold
    months: list[MonthTotal]
    contracts: list[ContractLines]
    planned: Planned
    actual: Actual | None
    deviation: Decimal | None  # over the imported months
    planned_imported: Decimal  # planned total of the imported months
    over_count: int
    assumptions: dict[dt.date, tuple[str, ...]] = field(default_factory=dict)

    @property
    def lines(self) -> Iterable[Line]:
        for contract in self.contracts:
            yield from contract.lines

    @property
    def deviation_percent(self) -> Decimal | None:
        if self.deviation is None:
            return None
        return _percent(_share(self.deviation, self.planned_imported))

    @property
    def imported_months(self) -> int:
        return sum(1 for m in self.months if m.actual is not None)


def _percent(share: Decimal | None) -> Decimal | None:
    return None if share is None else (share * 100).quantize(Decimal("0.1"))


def _share(deviation: Decimal, planned: Decimal) -> Decimal | None:
    if not planned:
        return None
    return (deviation / planned).quantize(Decimal("0.0001"))


def _sum_planned(items: Sequence[Planned]) -> Planned:
    return Planned(*(sum((getattr(p, f) for p in items), ZERO) for f in PLANNED_FIELDS))


def _sum_actual(items: Sequence[Actual]) -> Actual:
    return Actual(*(sum((getattr(a, f) for a in items), ZERO) for f in ACTUAL_FIELDS))


def _month_of(ordinal: int) -> dt.date:
    return dt.date(ordinal // 12, ordinal % 12 + 1, 1)


Pair = tuple[int, int]  # (contract id, month ordinal = year × 12 + month − 1)


@dataclass(slots=True)
class _Plan:
    lines: dict[Pair, Planned] = field(default_factory=dict)
    assumed: set[Pair] = field(default_factory=set)
    wage_value_missing: set[Pair] = field(default_factory=set)
    assumed_by_month: dict[int, tuple[str, ...]] = field(default_factory=dict)


@dataclass(slots=True)
class _Actuals:
    lines: dict[Pair, Actual] = field(default_factory=dict)
    entry_ids: dict[Pair, tuple[int, ...]] = field(default_factory=dict)


def _planned_lines(
    municipality: Municipality,
    start: dt.date,
    end: dt.date,
    *,
    programme_ids: list[int] | None,
    contract_ids: list[int] | None,
) -> _Plan:
    """The plan per (contract id, month ordinal), with its flags."""
    built = build_cost_inputs(
        municipality=municipality,
        start=start,
        end=end,
        programme_ids=programme_ids,
        contract_ids=contract_ids,
    )
    x = built.inputs
    if not len(x):
        return _Plan()
    costs = compute_costs(x)
    contract = built.contract_ids[x.contract]
    ordinal = x.year * 12 + (x.month - 1)
    key = contract * 100_000 + ordinal
    keys, index = np.unique(key, return_inverse=True)
    sums = {}
    for name, column in (
        ("gross", costs.gross),
        ("holiday_allowance", costs.holiday_allowance),
        ("employer_charges", costs.employer_charges),
        ("pension", costs.pension),
        ("monitoring_fee", costs.monitoring_fee),
        ("total", costs.total),
        ("lks", costs.lks),
    ):
        summed = np.zeros(len(keys), dtype=np.int64)
        np.add.at(summed, index, column)
        sums[name] = summed
    assumed = np.zeros(len(keys), dtype=np.bool_)
    np.logical_or.at(assumed, index, built.assumed)
    missing = np.zeros(len(keys), dtype=np.bool_)
    np.logical_or.at(missing, index, built.wage_value_missing)
    plan = _Plan()
    for i, k in enumerate(keys.tolist()):
        pair = (k // 100_000, k % 100_000)
        plan.lines[pair] = Planned(*(euros(sums[name][i]) for name in PLANNED_FIELDS))
        if assumed[i]:
            plan.assumed.add(pair)
        if missing[i]:
            plan.wage_value_missing.add(pair)
    plan.assumed_by_month = {
        year * 12 + month - 1: names for (year, month), names in built.assumptions.items()
    }
    return plan


def _actual_lines(
    municipality: Municipality,
    start: dt.date,
    end: dt.date,
    *,
    programme: Programme | None,
    contract_ids: list[int] | None,
) -> _Actuals:
    """The imported entries per (contract id, month ordinal), in one query."""
    entries = PayrollEntry.objects.filter(
        municipality=municipality, period__gte=start.replace(day=1), period__lte=end
    )
    if programme is not None:
        entries = entries.filter(contract__participant__programme=programme)
    if contract_ids is not None:
        entries = entries.filter(contract_id__in=contract_ids)
    found = _Actuals()
    for entry_id, contract_id, period, *values in entries.order_by().values_list(
        "id", "contract_id", "period", *ACTUAL_FIELDS
    ):
        pair = (contract_id, period.year * 12 + period.month - 1)
        actual = Actual(*values)
        before = found.lines.get(pair)
        # One entry per person and month, on one contract; add up defensively.
        found.lines[pair] = actual if before is None else _sum_actual([before, actual])
        found.entry_ids[pair] = (*found.entry_ids.get(pair, ()), entry_id)
    return found


def _compare(
    *,
    programme: Programme,
    start: dt.date,
    end: dt.date,
    threshold: Threshold,
    plan: _Plan,
    actuals: _Actuals,
    imported_months: set[int],
    contracts: dict[int, Contract],
) -> CostComparison:
    assumed_by_month = plan.assumed_by_month
    lines: dict[int, list[Line]] = {}
    for pair in sorted(set(plan.lines) | set(actuals.lines)):
        contract_id, ordinal = pair
        planned = plan.lines.get(pair)
        actual = actuals.lines.get(pair)
        missing = actual is None and ordinal in imported_months
        if missing:
            actual = NO_ACTUAL
        deviation = share = None
        over = False
        if actual is not None:
            planned_total = planned.total if planned is not None else ZERO
            deviation = actual.total - planned_total
            share = _share(deviation, planned_total)
            over = threshold.exceeded(deviation, planned_total)
        is_assumed = pair in plan.assumed
        lines.setdefault(contract_id, []).append(
            Line(
                contract_id=contract_id,
                month=_month_of(ordinal),
                planned=planned,
                actual=actual,
                missing=missing,
                assumed=is_assumed,
                assumed_keys=assumed_by_month.get(ordinal, ()) if is_assumed else (),
                deviation=deviation,
                deviation_share=share,
                over_threshold=over,
                wage_value_missing=pair in plan.wage_value_missing,
                entry_ids=actuals.entry_ids.get(pair, ()),
            )
        )

    per_contract = []
    for contract_id, contract_lines in lines.items():
        contract = contracts.get(contract_id)
        if contract is None:  # not of this programme (cannot happen through the import)
            continue
        compared = [line for line in contract_lines if line.deviation is not None]
        per_contract.append(
            ContractLines(
                contract=contract,
                lines=contract_lines,
                planned_total=sum((line.planned_total for line in contract_lines), ZERO),
                actual_total=sum((line.actual.total for line in compared if line.actual), ZERO),
                deviation=sum((line.deviation or ZERO for line in compared), ZERO),
                over_count=sum(1 for line in contract_lines if line.over_threshold),
                assumed=any(line.assumed for line in contract_lines),
                imported=bool(compared),
            )
        )
    per_contract.sort(key=lambda c: (c.contract.participant.last_name, c.contract.pk))

    by_month: dict[dt.date, list[Line]] = {}
    for c in per_contract:
        for line in c.lines:
            by_month.setdefault(line.month, []).append(line)
    months = []
    first = start.year * 12 + start.month - 1
    last = end.year * 12 + end.month - 1
    for ordinal in range(first, last + 1):
        month_lines = by_month.get(_month_of(ordinal), [])
        month_plan = _sum_planned(
            [line.planned for line in month_lines if line.planned is not None]
        )
        imported = ordinal in imported_months
        actual = (
            _sum_actual([line.actual for line in month_lines if line.actual is not None])
            if imported
            else None
        )
        deviation = actual.total - month_plan.total if actual is not None else None
        months.append(
            MonthTotal(
                month=_month_of(ordinal),
                planned=month_plan,
                actual=actual,
                deviation=deviation,
                deviation_share=_share(deviation, month_plan.total)
                if deviation is not None
                else None,
                over_threshold=deviation is not None
                and threshold.exceeded(deviation, month_plan.total),
                over_count=sum(1 for line in month_lines if line.over_threshold),
                contracts=sum(1 for line in month_lines if line.planned is not None),
                entries=sum(
                    1 for line in month_lines if line.actual is not None and not line.missing
                ),
                assumed=any(line.assumed for line in month_lines),
                assumed_keys=assumed_by_month.get(ordinal, ()),
            )
        )
    imported_totals = [m for m in months if m.actual is not None]
    actual_year = _sum_actual([m.actual for m in imported_totals if m.actual is not None])
    planned_imported = sum((m.planned.total for m in imported_totals), ZERO)
    return CostComparison(
        programme=programme,
        start=start,
        end=end,
        threshold=threshold,
        months=months,
        contracts=per_contract,
        planned=_sum_planned([m.planned for m in months]),
        actual=actual_year if imported_totals else None,
        deviation=actual_year.total - planned_imported if imported_totals else None,
        planned_imported=planned_imported,
        over_count=sum(m.over_count for m in months),
        assumptions={
            _month_of(ordinal): names
            for ordinal, names in sorted(assumed_by_month.items())
            if first <= ordinal <= last
        },
    )


@dataclass(frozen=True, slots=True)
class YearTotal:
    year: int
    planned: Decimal
    actual: Decimal | None  # None: no month of the year imported
    planned_imported: Decimal
    deviation: Decimal | None
    over_count: int


def year_totals(comparison: CostComparison) -> list[YearTotal]:
    """The comparison's months added up per calendar year."""
    years: dict[int, list[MonthTotal]] = {}
    for month in comparison.months:
        years.setdefault(month.month.year, []).append(month)
    totals = []
    for year, months in years.items():
        imported = [m for m in months if m.actual is not None]
        actual = sum((m.actual.total for m in imported if m.actual is not None), ZERO)
        planned_imported = sum((m.planned.total for m in imported), ZERO)
        totals.append(
            YearTotal(
                year=year,
                planned=sum((m.planned.total for m in months), ZERO),
                actual=actual if imported else None,
                planned_imported=planned_imported,
                deviation=actual - planned_imported if imported else None,
                over_count=sum(m.over_count for m in months),
            )
        )
    return totals


def programme_comparison(
    *, municipality: Municipality, programme: Programme, year: int
) -> CostComparison:
    """Actual against planned for every contract of ``programme`` in calendar ``year``.

    ``programme`` must be of ``municipality`` (the caller found it through a
    scoped selector). Four queries: the cost model's two or three, the actuals,
    the contracts with their participants.
    """
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    plan = _planned_lines(municipality, start, end, programme_ids=[programme.pk], contract_ids=None)
    actuals = _actual_lines(municipality, start, end, programme=programme, contract_ids=None)
    ids = {c for c, _o in plan.lines} | {c for c, _o in actuals.lines}
    contracts = {
        c.pk: c
        for c in Contract.objects.filter(
            municipality=municipality, participant__programme=programme
        ).select_related("participant")
        if c.pk in ids
    }
    return _compare(
        programme=programme,
        start=start,
        end=end,
        threshold=Threshold.of(cost_settings_of(programme)),
        plan=plan,
        actuals=actuals,
        imported_months={ordinal for _c, ordinal in actuals.lines},
        contracts=contracts,
    )


def contract_comparison(
    *, municipality: Municipality, contract: Contract, start: dt.date, end: dt.date
) -> CostComparison:
    """Actual against planned for one contract from ``start`` to ``end``.

    ``contract`` must be of ``municipality``, selected with its participant and
    the participant's programme (and that programme's cost settings). Five
    queries: the cost model's two or three, the actuals, the imported months.
    """
    plan = _planned_lines(municipality, start, end, programme_ids=None, contract_ids=[contract.pk])
    actuals = _actual_lines(municipality, start, end, programme=None, contract_ids=[contract.pk])
    programme = contract.participant.programme
    # The months the programme's payroll was imported: there, a month without
    # an entry for this contract is missing, as on the programme's page.
    imported = PayrollEntry.objects.filter(
        municipality=municipality,
        contract__participant__programme=programme,
        period__gte=start.replace(day=1),
        period__lte=end,
    )
    imported_months = {
        day.year * 12 + day.month - 1
        for day in imported.order_by().values_list("period", flat=True).distinct()
    }
    return _compare(
        programme=programme,
        start=start,
        end=end,
        threshold=Threshold.of(cost_settings_of(programme)),
        plan=plan,
        actuals=actuals,
        imported_months=imported_months,
        contracts={contract.pk: contract},
    )
