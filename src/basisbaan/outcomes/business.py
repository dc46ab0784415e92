"""A programme's business case: read costs, hours, norms and follow-ups into
participant-month rows, run the model (calc.business_case), and keep every
input and assumption with its source for the page's "how is this computed".

The only place the business case reads the database. See docs/outcomes.md for
the model and its formulas.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt

from django.db.models import Sum
from django.db.models.functions import ExtractMonth, ExtractYear

from basisbaan.budgets.constants import Category
from basisbaan.budgets.models import Expenditure
from basisbaan.calc.actuals import month_key, month_of
from basisbaan.calc.business_case import (
    Assistance as CaseAssistance,
)
from basisbaan.calc.business_case import (
    Assumptions,
    CaseRows,
    Overheads,
    Result,
    State,
    compute,
    sensitivity,
    waterfall,
)
from basisbaan.calc.costs import compute_costs
from basisbaan.calc.fixed import to_cents
from basisbaan.calc.outcomes import NO_END
from basisbaan.contracts.lkv import lkv_income
from basisbaan.contracts.models import Contract
from basisbaan.costs.inputs import build_cost_inputs
from basisbaan.guidance.models import HoursEntry
from basisbaan.guidance.selectors import guidance_settings_of
from basisbaan.outcomes.constants import AssumptionKey
from basisbaan.outcomes.figures import SpellData, spell_data
from basisbaan.outcomes.selectors import AssumptionValue, assumptions_on
from basisbaan.parameters.constants import ParameterKey
from basisbaan.parameters.selectors import parameter_series
from basisbaan.participants.constants import HouseholdType
from basisbaan.payroll.models import PayrollEntry
from basisbaan.programmes.models import Programme

__all__ = ["BusinessCase", "NormMonth", "business_case"]

Ints = npt.NDArray[np.int64]
PPM = 1_000_000
COUPLES = {HouseholdType.COUPLE, HouseholdType.COUPLE_WITH_CHILDREN}
# A follow-up measurement at ``n`` months speaks for the months up to the next
# point; the 18-month one up to 24 months after the exit. After that nothing is
# claimed.
POINTS = (1, 3, 6, 12, 18, 24)
DEADWEIGHTS = (0, 100_000, 250_000, 500_000)
GUIDANCE_FACTORS = (500_000, 1_000_000, 1_500_000)


@dataclass(frozen=True, slots=True)
class NormMonth:
    """The norms a month used, and whether they were carried past an expected change."""

    month: dt.date
    single: Decimal
    couple: Decimal
    since: dt.date | None
    source: str
    assumed: bool


@dataclass
class BusinessCase:
    programme: Programme
    as_of: dt.date
    until: dt.date  # the first month not counted (the as-of month)
    result: Result
    assumptions: dict[str, AssumptionValue]
    guidance_rate: Decimal | None
    guidance_rate_source: str
    norms: list[NormMonth] = field(default_factory=list)
    steps: list[tuple[str, int]] = field(default_factory=list)
    sensitivity: dict[tuple[int, int], int | None] = field(default_factory=dict)
    participants: int = 0
    placements: int = 0
    rows: int = 0
    missing_norm_months: list[dt.date] = field(default_factory=list)
    lks_unmodelled_months: int = 0  # contract-months with LKS but no measured wage value
    # The wage-cost advantage (LKV) the employer is expected to receive, cents per year:
    # income on the employer's side, not in the municipality's net cost.
    lkv: dict[int, int] = field(default_factory=dict)

    @property
    def norm_assumed(self) -> list[NormMonth]:
        return [n for n in self.norms if n.assumed]


def _month_keys(days: Ints) -> Ints:
    d64 = (np.asarray(days, dtype=np.int64) - _EPOCH).astype("datetime64[D]")
    months = d64.astype("datetime64[M]").astype(np.int64)
    return months + 1970 * 12


_EPOCH = dt.date(1970, 1, 1).toordinal()


def _assumptions(values: dict[str, AssumptionValue], rate: Decimal | None) -> Assumptions:
    def ppm(key: str) -> int:
        return int((values[key].value * PPM).to_integral_value())

    return Assumptions(
        guidance_rate=to_cents(rate or Decimal(0)),
        execution_cost_year=to_cents(values[AssumptionKey.EXECUTION_COST_YEAR].value),
        deadweight_ppm=(
            ppm(AssumptionKey.DEADWEIGHT_TRANSITION),
            ppm(AssumptionKey.DEADWEIGHT_SOCIAL_VALUE),
        ),
        partial_share_ppm=ppm(AssumptionKey.PARTIAL_SHARE),
        lks_is_programme_income=values[AssumptionKey.LKS_PROGRAMME_INCOME].value == 1,
    )


def _norms(
    first: int, until: int
) -> tuple[dict[int, tuple[int, int]], list[NormMonth], list[dt.date]]:
    single = parameter_series(ParameterKey.ASSISTANCE_NORM_SINGLE)
    couple = parameter_series(ParameterKey.ASSISTANCE_NORM_COUPLE)
    table: dict[int, tuple[int, int]] = {}
    shown: list[NormMonth] = []
    missing: list[dt.date] = []
    for key in range(first, until):
        day = month_of(key)
        try:
            s, c = single.at(day), couple.at(day)
        except LookupError:
            table[key] = (0, 0)
            missing.append(day)
            continue
        table[key] = (to_cents(s.value), to_cents(c.value))
        shown.append(
            NormMonth(day, s.value, c.value, s.effective_date, s.source, s.assumed or c.assumed)
        )
    return table, shown, missing


def business_case(
    programme: Programme, *, as_of: dt.date, with_sensitivity: bool = True
) -> BusinessCase:
    """The business case of ``programme`` over the full months before ``as_of``'s month;
    ``with_sensitivity=False`` leaves out the sensitivity table (for a caller that
    needs the result line only)."""
    data = spell_data(programme)
    until = month_key(as_of)
    first = month_key(programme.start_date)
    values = assumptions_on(municipality=programme.municipality, day=as_of)
    settings = guidance_settings_of(programme)
    rows, placements, unmodelled = _rows(programme, data, first, until)
    norm_table, norms, missing = _norms(first, until)
    if len(rows.month):
        norm_single = np.array([norm_table[int(m)][0] for m in range(first, until)] or [0])
        norm_couple = np.array([norm_table[int(m)][1] for m in range(first, until)] or [0])
        offset = rows.month - first
        couple = rows.norm  # the couple flag, replaced by the amount below
        amount = np.where(couple == 1, norm_couple[offset], norm_single[offset])
        rows = CaseRows(**{**_as_dict(rows), "norm": amount.astype(np.int64)})
    assumptions = _assumptions(values, settings.hourly_rate)
    overheads = _overheads(programme)
    result = compute(rows, assumptions, overheads)
    case = BusinessCase(
        programme=programme,
        as_of=as_of,
        until=month_of(until),
        result=result,
        assumptions=values,
        guidance_rate=settings.hourly_rate,
        guidance_rate_source=settings.rate_source,
        norms=norms,
        participants=len(set(data.participant.tolist())),
        placements=placements,
        rows=len(rows.month),
        missing_norm_months=missing,
        lks_unmodelled_months=unmodelled,
    )
    case.lkv = _lkv(programme, until)
    case.steps = waterfall(result)
    if with_sensitivity:
        case.sensitivity = sensitivity(rows, assumptions, overheads, DEADWEIGHTS, GUIDANCE_FACTORS)
    return case


def _lkv(programme: Programme, until: int) -> dict[int, int]:
    """The expected LKV per year of the counted months (cents); empty without any."""
    last = month_of(until) - dt.timedelta(days=1)
    if last < programme.start_date:
        return {}
    income = lkv_income(
        programme.municipality, programme_ids=[programme.pk], start=programme.start_date, end=last
    )
    return {
        year: to_cents(amount) for year, amount in income.programmes.get(programme.pk, {}).items()
    }


def _as_dict(rows: CaseRows) -> dict[str, Any]:
    return {name: getattr(rows, name) for name in rows.__slots__}


def _rows(
    programme: Programme, data: SpellData, first: int, until: int
) -> tuple[CaseRows, int, int]:
    """One row per spell and month, from the spell's first month of work up to
    ``until`` (excluded) and at most 24 months after its exit."""
    spells = data.spells
    n = len(spells.start)
    begin = np.maximum(_month_keys(spells.start), first) if n else np.zeros(0, dtype=np.int64)
    exited = spells.end != NO_END
    exit_month = np.where(exited, _month_keys(np.where(exited, spells.end, 0)), NO_END)
    stop = np.where(exited, np.minimum(exit_month + 25, until), until)
    counts = np.maximum(stop - begin, 0)
    spell = np.repeat(np.arange(n, dtype=np.int64), counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    month = begin[spell] + (np.arange(len(spell), dtype=np.int64) - starts)
    row_key = spell * 1_000_000 + month
    state = _states(data, spell, month, exit_month)
    assistance, partial = _after(data, spell, month, exit_month, state)
    payroll, fees, lks, unmodelled = _costs(programme, data, row_key, first, until)
    hours = _hours(programme, data, row_key, first, until)
    couple = np.array([1 if h in COUPLES else 0 for h in data.household], dtype=np.int64)
    on_assistance = data.on_assistance.astype(np.int64)
    rows = CaseRows(
        participant=spell,
        month=month,
        track=spells.track[spell],
        state=state,
        payroll=payroll,
        fees=fees,
        lks=lks,
        guidance_hours=hours,
        norm=couple[spell] if n else np.zeros(0, dtype=np.int64),
        assistance=assistance,
        partial_amount=partial,
        was_on_assistance=on_assistance[spell] if n else np.zeros(0, dtype=np.int64),
    )
    return rows, len(data.stints.start), unmodelled


def _states(data: SpellData, spell: Ints, month: Ints, exit_month: Ints) -> Ints:
    """In the basisbaan when a placement of the spell runs in the month; after the
    exit what the follow-ups say (see :func:`_after`)."""
    stints = data.stints
    first = _month_keys(stints.start)
    last = _month_keys(np.minimum(stints.end, dt.date(9999, 1, 1).toordinal()))
    # Months after the last row's never match: a running placement (no end) would
    # otherwise spread over 1,200 months (20 s for 20,000 placements).
    if len(month):
        last = np.minimum(last, int(month.max()))
    counts = np.maximum(last - first + 1, 0)
    counts = np.minimum(counts, 1200)
    owner = np.repeat(stints.spell, counts)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    months = first.repeat(counts) + (np.arange(int(counts.sum()), dtype=np.int64) - starts)
    working = np.isin(spell * 1_000_000 + month, owner * 1_000_000 + months)
    state = np.full(len(spell), int(State.OTHER_AFTER), dtype=np.int64)
    state[working] = int(State.IN_BASISBAAN)
    return state


def _after(
    data: SpellData, spell: Ints, month: Ints, exit_month: Ints, state: Ints
) -> tuple[Ints, Ints]:
    """After the exit: working (with the assistance measured) only for the months a
    measurement that found the person working speaks for."""
    n = len(data.spells.start)
    # Per spell and point: -1 unknown, else the assistance code of a working measurement.
    found = np.full((n, len(POINTS)), -1, dtype=np.int64)
    amount = np.full((n, len(POINTS)), -1, dtype=np.int64)
    fu = data.follow_ups
    point = np.searchsorted(np.array(POINTS), fu.months)
    works = (fu.status == 1) & (fu.works == 1) & (point < len(POINTS))
    found[fu.spell[works], point[works]] = np.maximum(fu.assistance[works], 0)
    amount[fu.spell[works], point[works]] = data.partial_cents[works]
    offset = month - exit_month[spell]
    index = np.searchsorted(np.array(POINTS), offset, side="right") - 1
    after = (
        (offset >= 1)
        & (index >= 0)
        & (index < len(POINTS) - 1)
        & (state != int(State.IN_BASISBAAN))
    )
    code = np.full(len(spell), -1, dtype=np.int64)
    code[after] = found[spell[after], index[after]]
    part = np.full(len(spell), -1, dtype=np.int64)
    part[after] = amount[spell[after], index[after]]
    state[after & (code >= 0)] = int(State.WORK_AFTER)
    assistance = np.where(code >= 0, code, int(CaseAssistance.NONE))
    return assistance.astype(np.int64), part


def _spell_of_rows(
    data: SpellData, participant: Ints, month: Ints, row_key: Ints
) -> npt.NDArray[np.intp]:
    """Index into the rows (``row_key``) of each (participant, month), -1 when none."""
    lookup: dict[int, list[int]] = defaultdict(list)
    for index, pid in enumerate(data.participant.tolist()):
        lookup[pid].append(index)
    result = np.full(len(participant), -1, dtype=np.int64)
    for i, (pid, m) in enumerate(zip(participant.tolist(), month.tolist(), strict=True)):
        for s in lookup.get(pid, ()):
            key = s * 1_000_000 + m
            pos = int(np.searchsorted(row_key, key))
            if pos < len(row_key) and row_key[pos] == key:
                result[i] = pos
                break
    return result


def _locate(data: SpellData, participant: Ints, month: Ints, row_key: Ints) -> npt.NDArray[np.intp]:
    """Vectorised for participants with one spell; the few with more go through
    :func:`_spell_of_rows`."""
    if not len(participant):
        return np.zeros(0, dtype=np.intp)
    pids = data.participant
    order = np.argsort(pids, kind="stable")
    sorted_pids = pids[order]
    left = np.searchsorted(sorted_pids, participant, side="left")
    right = np.searchsorted(sorted_pids, participant, side="right")
    single = (right - left) == 1
    spell = np.where(single, order[np.minimum(left, len(order) - 1)], -1)
    key = spell * 1_000_000 + month
    pos = np.searchsorted(row_key, key)
    pos = np.minimum(pos, max(len(row_key) - 1, 0))
    hit = single & (row_key[pos] == key) if len(row_key) else np.zeros(len(key), dtype=bool)
    result = np.where(hit, pos, -1)
    multi = ~single & ((right - left) > 1)
    if multi.any():
        result[multi] = _spell_of_rows(data, participant[multi], month[multi], row_key)
    return result


def _costs(
    programme: Programme, data: SpellData, row_key: Ints, first: int, until: int
) -> tuple[Ints, Ints, Ints, int]:
    n = len(row_key)
    payroll = np.zeros(n, dtype=np.int64)
    fees = np.zeros(n, dtype=np.int64)
    lks = np.zeros(n, dtype=np.int64)
    if until <= first or not n:
        return payroll, fees, lks, 0
    owner = dict(
        Contract.objects.filter(
            municipality_id=programme.municipality_id, participant__programme=programme
        ).values_list("id", "participant_id")
    )
    cost_rows = build_cost_inputs(
        municipality=programme.municipality,
        start=month_of(first),
        end=month_of(until) - dt.timedelta(days=1),
        programme_ids=[programme.pk],
    )
    modelled: dict[tuple[int, int], tuple[int, int, int]] = {}
    unmodelled = int(cost_rows.wage_value_missing.sum()) if len(cost_rows) else 0
    if len(cost_rows):
        costs = compute_costs(cost_rows.inputs)
        contracts = cost_rows.contract_ids[cost_rows.inputs.contract]
        months = cost_rows.inputs.year * 12 + cost_rows.inputs.month - 1
        fee = costs.monitoring_fee
        for c, m, total, f, sub in zip(
            contracts.tolist(),
            months.tolist(),
            costs.total.tolist(),
            fee.tolist(),
            costs.lks.tolist(),
            strict=True,
        ):
            old = modelled.get((c, m), (0, 0, 0))
            modelled[(c, m)] = (old[0] + total - f, old[1] + f, old[2] + sub)
    actual: dict[tuple[int, int], tuple[int, int]] = {}
    for contract_id, period, total, other in (
        PayrollEntry.objects.filter(
            municipality_id=programme.municipality_id,
            participant__programme=programme,
            period__gte=month_of(first),
            period__lt=month_of(until),
        )
        .values("contract_id", "period")
        .annotate(total=Sum("total"), other=Sum("other_costs"))
        .values_list("contract_id", "period", "total", "other")
    ):
        actual[(contract_id, month_key(period))] = (to_cents(total - other), to_cents(other))
    cells = set(modelled) | set(actual)
    if not cells:
        return payroll, fees, lks, unmodelled
    keys = sorted(cells)
    participant = np.array([owner.get(c, -1) for c, _m in keys], dtype=np.int64)
    month = np.array([m for _c, m in keys], dtype=np.int64)
    index = _locate(data, participant, month, row_key)
    for (c, m), i in zip(keys, index.tolist(), strict=True):
        if i < 0:
            continue
        model = modelled.get((c, m), (0, 0, 0))
        paid = actual.get((c, m))
        payroll[i] += paid[0] if paid else model[0]
        fees[i] += paid[1] if paid else model[1]
        lks[i] += model[2]
    return payroll, fees, lks, unmodelled


def _hours(programme: Programme, data: SpellData, row_key: Ints, first: int, until: int) -> Ints:
    hours = np.zeros(len(row_key), dtype=np.int64)
    rows = list(
        HoursEntry.objects.filter(
            municipality_id=programme.municipality_id,
            participant__programme=programme,
            date__gte=month_of(first),
            date__lt=month_of(until),
        )
        .annotate(y=ExtractYear("date"), m=ExtractMonth("date"))
        .values("participant_id", "y", "m")
        .annotate(total=Sum("hours"))
        .values_list("participant_id", "y", "m", "total")
    )
    if not rows or not len(row_key):
        return hours
    participant = np.array([r[0] for r in rows], dtype=np.int64)
    month = np.array([r[1] * 12 + r[2] - 1 for r in rows], dtype=np.int64)
    index = _locate(data, participant, month, row_key)
    value = np.array([int(r[3] * 100) for r in rows], dtype=np.int64)
    hit = index >= 0
    np.add.at(hours, index[hit], value[hit])
    return hours


def _overheads(programme: Programme) -> Overheads:
    research: dict[int, int] = defaultdict(int)
    other: dict[int, int] = defaultdict(int)
    for year, category, amount in (
        Expenditure.objects.filter(
            municipality_id=programme.municipality_id, budget__programme=programme
        )
        .values("budget__year", "category")
        .annotate(total=Sum("amount"))
        .values_list("budget__year", "category", "total")
    ):
        if category == Category.RESEARCH:
            research[year] += to_cents(amount)
        elif category == Category.OTHER:
            other[year] += to_cents(amount)
    return Overheads(research=dict(research), other=dict(other))
