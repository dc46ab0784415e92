"""Build the cost model's input from the database: the only place the cost model reads it.

Two queries, whatever the number of contracts: one for the contract periods
(with their contract, participant, programme and the programme's cost and
contract settings), one for the parameter rows (with the municipality's
indexation assumption per key); a third for the measured wage values when a
contract with LKS needs them. Each period is split into calendar months
(:func:`basisbaan.calc.months.month_slices`); each parameter is looked up once
per distinct month, on the month's first day (legal figures change on
1 January and 1 July), not once per row.

A figure is an *assumption* when the month lies past the next expected change
of the last known value (:class:`basisbaan.calc.dated.DatedSeries`), or when
the controller entered it as one (``ParameterValue.is_assumption``). Past the
last known value, a figure is raised by the municipality's indexation
assumption (:class:`~basisbaan.costs.models.IndexationAssumption`) once per
missed change. Each row says whether one of the figures it used was assumed,
and per month which keys were, so that the page can mark them.

Programme settings come from :class:`~basisbaan.costs.models.ProgrammeCostSettings`
(a programme without a row uses ``default_settings``, whose defaults are the
model's) and the full-time week from the programme's
:class:`~basisbaan.contracts.models.ContractSettings`.

**The wage follows the minimum wage** (setting ``wage_follows_minimum_wage``,
on by default): the wage may never be below the statutory minimum, so a month
in which the participant's minimum wage (by age, on the month's first day) is
above the period's hourly wage is planned at the minimum wage. Past the last
published minimum wage that is the indexed assumption, and the row is marked
as assumed only where the minimum wage is what it pays.

Wage values, permanent contracts, settings and indexation come from the
database, with arguments that override them (for what-if questions and tests):

- **Settings.** ``settings`` by programme id replace the stored settings of
  that programme entirely.
- **Indexation.** ``indexation`` by key replaces the municipality's assumption
  for that key.
- **Wage value.** A row of a contract with LKS uses the participant's latest
  :class:`~basisbaan.contracts.models.WageValueMeasurement` dated on or before
  the *last* day the row covers: a measurement made during a month counts for
  that whole month (the LKS decision usually runs from the start of the
  month or contract in which the wage value was measured), and a
  re-measurement changes the LKS from its month on. A contract with LKS and
  no measurement yet gets no LKS and is flagged in ``wage_value_missing``.
  This costs one more query, only when such a contract is in the window.
- **Permanent contracts** pay the low AWf rate from ``Contract.permanent_from``
  on (the period that starts then and later ones); earlier periods were
  fixed-term and pay the high rate.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Final

import numpy as np
import numpy.typing as npt

from django.db.models import OuterRef, Subquery

from basisbaan.calc.cost_rules import (
    ADULT_AGE,
    CHARGE_KEYS,
    YOUNGEST_AGE,
    age_on_day,
    employer_charges_ppm,
    last_day_covered,
    lks_applies,
    lks_minimum_wage,
    personal_minimum_wage,
    wage_following_minimum,
    wage_in_force,
    wage_value_in_force,
    youth_share_ppm,
)
from basisbaan.calc.costs import CostInputs, FundingLine
from basisbaan.calc.dated import DatedSeries, DatedValue
from basisbaan.calc.dates import years_after
from basisbaan.calc.fixed import Ints, to_cents, to_ppm, to_tenths
from basisbaan.calc.months import Days, as_days, month_slices, split_ranges
from basisbaan.contracts.models import ContractPeriod, ContractWageLine, WageValueMeasurement
from basisbaan.costs.models import IndexationAssumption, ProgrammeCostSettings
from basisbaan.parameters.constants import ParameterKey, Unit, unit_of
from basisbaan.parameters.models import ParameterValue
from basisbaan.parameters.selectors import (
    CADENCE,
    HOURLY_MINIMUM_WAGE_FROM,
    PRE_2024_WEEK_KEYS,
)
from basisbaan.tenancy.models import Municipality

__all__ = [
    "CostInputSet",
    "CostSettings",
    "HypotheticalPeriod",
    "build_cost_inputs",
    "cost_settings_value",
]

Bools = npt.NDArray[np.bool_]

K = ParameterKey
# Keys whose value enters every row's cost.
COST_KEYS: Final = (
    K.HOLIDAY_ALLOWANCE,
    K.AWF_LOW,
    K.AWF_HIGH,
    K.UFO,
    K.AOF_LOW,
    K.AOF_HIGH,
    K.CHILDCARE_SURCHARGE,
    K.WHK,
    K.ZVW_EMPLOYER,
    K.MAX_PREMIUM_WAGE,
)
# Keys that only the LKS uses.
LKS_KEYS: Final = (K.LKS_CAP, K.LKS_EMPLOYER_CHARGES)
YOUTH_KEYS: Final = {
    20: K.YOUTH_20,
    19: K.YOUTH_19,
    18: K.YOUTH_18,
    17: K.YOUTH_17,
    16: K.YOUTH_16,
    15: K.YOUTH_15,
}
MINIMUM_WAGE_KEYS: Final = (K.MINIMUM_WAGE_HOURLY, *PRE_2024_WEEK_KEYS.values())
ALL_KEYS: Final = (*COST_KEYS, *LKS_KEYS, *MINIMUM_WAGE_KEYS, *YOUTH_KEYS.values())
FULLTIME_WEEKS: Final = tuple(sorted(PRE_2024_WEEK_KEYS))  # 36, 38, 40
DEFAULT_FULLTIME_HOURS: Final = 38
_NEVER: Final = dt.date(9999, 12, 31)  # permanent_from of a contract that is not permanent
_SMALL_IN: Final = 5_000  # up to this many period ids, an IN list; more, a subquery
_SMALL_PEOPLE_IN: Final = 200  # up to this many participants, an IN list; more, their range


@dataclass(frozen=True, slots=True)
class CostSettings:
    """A programme's cost settings as the cost model reads them.

    Stored as :class:`~basisbaan.costs.models.ProgrammeCostSettings` (see
    :func:`cost_settings_value`); the defaults here are the model's.
    ``pension_rate``: the employer's effective pension rate on gross wage plus
    holiday allowance. ``monitoring_fee``: the payroll party's fee per
    participant per month, in euros. ``large_employer``: the legal employer
    pays the high Aof rate. ``government_employer``: it also pays Ufo.
    ``fixed_term_awf_high``: fixed-term contracts pay the high AWf rate (the
    law; switch off only for a documented exception). ``fulltime_hours``: the
    employer's full-time week, for the minimum wage before 2024.
    ``host_share``/``host_contribution``: what the host pays (a share of the
    month's cost and/or euros a month). ``esf_share``: the share ESF pays.
    ``budget_lines``: the funding lines charged to the programme budget.
    ``wage_follows_minimum_wage``: plan a month at the participant's minimum
    wage when that is above the period's hourly wage.
    """

    pension_rate: Decimal = Decimal(0)
    monitoring_fee: Decimal = Decimal(0)
    large_employer: bool = True
    government_employer: bool = False
    fixed_term_awf_high: bool = True
    fulltime_hours: int = DEFAULT_FULLTIME_HOURS
    host_share: Decimal = Decimal(0)
    host_contribution: Decimal = Decimal(0)
    esf_share: Decimal = Decimal(0)
    budget_lines: FundingLine = FundingLine.PROGRAMME
    wage_follows_minimum_wage: bool = True


def cost_settings_value(
    row: ProgrammeCostSettings, *, fulltime_hours: int = DEFAULT_FULLTIME_HOURS
) -> CostSettings:
    """The cost model's view of a stored (or unsaved default) settings row."""
    lines = FundingLine.PROGRAMME
    for flag, line in (
        (row.budget_buig, FundingLine.BUIG),
        (row.budget_host, FundingLine.HOST),
        (row.budget_esf, FundingLine.ESF),
    ):
        if flag:
            lines |= line
    return CostSettings(
        pension_rate=row.pension_rate,
        monitoring_fee=row.monitoring_fee,
        large_employer=row.large_employer,
        government_employer=row.government_employer,
        fixed_term_awf_high=row.fixed_term_awf_high,
        fulltime_hours=fulltime_hours,
        host_share=row.host_share,
        host_contribution=row.host_contribution,
        esf_share=row.esf_share,
        budget_lines=lines,
        wage_follows_minimum_wage=row.wage_follows_minimum_wage,
    )


# The settings read with every period (LEFT JOINs: null when the programme has none).
_PROGRAMME = "contract__participant__programme__"
SETTINGS_COLUMNS: Final = (
    "id",
    "pension_rate",
    "monitoring_fee",
    "large_employer",
    "government_employer",
    "fixed_term_awf_high",
    "wage_follows_minimum_wage",
    "host_share",
    "host_contribution",
    "esf_share",
    "budget_buig",
    "budget_host",
    "budget_esf",
)


@dataclass(frozen=True, slots=True)
class HypotheticalPeriod:
    """A period that is not in the database, costed like one: a renewal still to be
    decided, a planned start, or the new participant of a capacity question.

    ``contract_id`` and ``period_id`` are the caller's own (negative for a contract
    that does not exist); ``participant_id`` 0 and no ``date_of_birth`` for a
    participant not known yet (costed as an adult). The programme's stored settings
    apply.
    """

    contract_id: int
    period_id: int
    start_date: dt.date
    end_date: dt.date
    hours_per_week: Decimal
    hourly_wage: Decimal
    programme_id: int
    participant_id: int = 0
    date_of_birth: dt.date | None = None
    wage_subsidy: bool = False
    is_permanent: bool = False


ADULT_BIRTH_DATE: Final = dt.date(1900, 1, 1)


def _hypothetical_records(periods: Collection[HypotheticalPeriod]) -> list[tuple[Any, ...]]:
    """The periods as rows shaped like the period query's, with their programme's settings."""
    from basisbaan.programmes.models import Programme  # noqa: PLC0415 (only when asked)

    settings_of = {
        row[0]: row[1:]
        for row in Programme.objects.filter(
            pk__in=sorted({p.programme_id for p in periods})
        ).values_list(
            "id",
            "contract_settings__fulltime_hours",
            *(f"cost_settings__{name}" for name in SETTINGS_COLUMNS),
        )
    }
    return [
        (
            p.period_id,
            p.contract_id,
            p.start_date,
            p.end_date,
            p.hours_per_week,
            p.hourly_wage,
            p.wage_subsidy,
            p.programme_id,
            p.date_of_birth or ADULT_BIRTH_DATE,
            p.participant_id,
            p.is_permanent,
            p.start_date if p.is_permanent else None,
            *settings_of[p.programme_id],
        )
        for p in periods
        if p.programme_id in settings_of
    ]


@dataclass(frozen=True, slots=True)
class CostInputSet:
    """The cost model's input rows plus what the pages need to explain them."""

    inputs: CostInputs
    contract_ids: Ints  # contract index (inputs.contract) -> Contract.pk
    period_ids: Ints  # per row: ContractPeriod.pk
    assumed: Bools  # per row: a figure this row used is an assumption
    wage_value_missing: Bools  # per row: contract with LKS but no wage value given
    assumptions: dict[tuple[int, int], tuple[str, ...]] = field(default_factory=dict)
    first_day: Days = field(default_factory=lambda: np.zeros(0, dtype="datetime64[D]"))
    last_day: Days = field(default_factory=lambda: np.zeros(0, dtype="datetime64[D]"))

    def __len__(self) -> int:
        return len(self.inputs)

    def rows_of(self, contract_id: int) -> Ints:
        """Row indices of one contract, in date order."""
        index = np.searchsorted(self.contract_ids, contract_id)
        if index == len(self.contract_ids) or self.contract_ids[index] != contract_id:
            return np.zeros(0, dtype=np.int64)
        return np.flatnonzero(self.inputs.contract == index)


@dataclass(frozen=True, slots=True)
class _MonthValues:
    """The parameter values for each distinct month, as integer columns."""

    cents_or_ppm: dict[str, Ints]  # key -> value per month
    assumed: dict[str, Bools]  # key -> assumed per month


def _series(
    rows: Iterable[tuple[str, dt.date, Decimal, str, bool]],
) -> tuple[dict[str, DatedSeries], set[tuple[str, dt.date]]]:
    grouped: dict[str, list[tuple[dt.date, Decimal, str]]] = {}
    flagged: set[tuple[str, dt.date]] = set()
    for key, day, value, source, is_assumption in rows:
        grouped.setdefault(key, []).append((day, value, source))
        if is_assumption:
            flagged.add((key, day))
    series = {
        key: DatedSeries.of(
            key,
            key_rows,
            cadence_months=CADENCE.get(key),
            places=2 if unit_of(key) == Unit.EUR else 6,
        )
        for key, key_rows in grouped.items()
    }
    return series, flagged


def _month_values(
    first_days: list[dt.date],
    series: Mapping[str, DatedSeries],
    flagged: set[tuple[str, dt.date]],
    indexation: Mapping[str, Decimal],
    *,
    lks_needed: bool,
    minimum_wage_needed: bool,
) -> _MonthValues:
    """Look up every key once per distinct month (LookupError when unknown).

    The LKS keys only when a row has LKS; the minimum wage (per full-time week)
    and the youth shares when a row has LKS or its wage follows the minimum wage.
    """
    values: dict[str, Ints] = {}
    assumed: dict[str, Bools] = {}

    def lookup(key: str, day: dt.date) -> DatedValue:
        if key not in series:
            raise LookupError(f"{key}: no value known on {day.isoformat()}")
        return series[key].at(day, indexation=indexation.get(key, Decimal(0)))

    keys: list[str] = [*COST_KEYS]
    if lks_needed:
        keys += LKS_KEYS
    if minimum_wage_needed:
        keys += YOUTH_KEYS.values()
    for key in keys:
        found = [lookup(key, day) for day in first_days]
        convert = to_cents if unit_of(key) == Unit.EUR else to_ppm
        values[key] = np.array([convert(v.value) for v in found], dtype=np.int64)
        assumed[key] = np.array(
            [v.assumed or (key, v.effective_date) in flagged for v in found], dtype=np.bool_
        )
    if minimum_wage_needed:
        # The hourly minimum wage per month, per full-time week (one amount from 2024).
        for week in FULLTIME_WEEKS:
            found = [
                lookup(K.MINIMUM_WAGE_HOURLY, day)
                if day >= HOURLY_MINIMUM_WAGE_FROM
                else lookup(PRE_2024_WEEK_KEYS[week], day)
                for day in first_days
            ]
            name = f"minimum_wage_{week}"
            values[name] = np.array([to_cents(v.value) for v in found], dtype=np.int64)
            assumed[name] = np.array(
                [
                    v.assumed
                    or (K.MINIMUM_WAGE_HOURLY, v.effective_date) in flagged
                    or (PRE_2024_WEEK_KEYS[week], v.effective_date) in flagged
                    for v in found
                ],
                dtype=np.bool_,
            )
    return _MonthValues(values, assumed)


def build_cost_inputs(
    *,
    municipality: Municipality,
    start: dt.date,
    end: dt.date,
    contract_ids: Collection[int] | None = None,
    programme_ids: Collection[int] | None = None,
    settings: Mapping[int, CostSettings] | None = None,
    default_settings: CostSettings = CostSettings(),  # noqa: B008 (frozen, immutable)
    wage_values: Mapping[int, Decimal] | None = None,
    permanent_contract_ids: Collection[int] = frozenset(),
    indexation: Mapping[str, Decimal] | None = None,
    hypothetical: Collection[HypotheticalPeriod] = (),
) -> CostInputSet:
    """The rows of every contract period of ``municipality`` between ``start`` and ``end``.

    ``hypothetical`` periods (not in the database) are costed beside the stored ones.

    ``contract_ids`` limits the contracts (None: all of the municipality), and
    ``programme_ids`` to the contracts of those programmes' participants.
    ``settings`` by programme id override the stored settings; a programme
    with neither uses ``default_settings``. ``wage_values`` by contract id, as
    fractions (0.6 = 60 %), override the measured wage values (see the
    module's notes); a contract with LKS but no value gets no LKS and is
    flagged in ``wage_value_missing``. Contracts in ``permanent_contract_ids``
    pay the low AWf rate in every month, besides the contracts recorded as
    permanent (from their ``permanent_from``). ``indexation`` per key is the
    assumed rise per missed change (for example the minimum wage after the
    last published value); it overrides the municipality's stored assumption
    of that key. Raises LookupError when a figure is not known for a month
    (before the first row of a parameter).
    """
    settings = settings or {}
    wage_values = wage_values or {}
    periods = ContractPeriod.objects.filter(
        municipality=municipality, start_date__lte=end, end_date__gte=start
    )
    if contract_ids is not None:
        periods = periods.filter(contract_id__in=list(contract_ids))
    if programme_ids is not None:
        periods = periods.filter(contract__participant__programme_id__in=list(programme_ids))
    records = list(
        periods.order_by("contract_id", "start_date", "id").values_list(
            "id",
            "contract_id",
            "start_date",
            "end_date",
            "hours_per_week",
            "hourly_wage",
            "contract__wage_subsidy",
            "contract__participant__programme_id",
            "contract__participant__date_of_birth",
            "contract__participant_id",
            "contract__is_permanent",
            "contract__permanent_from",
            f"{_PROGRAMME}contract_settings__fulltime_hours",
            *(f"{_PROGRAMME}cost_settings__{name}" for name in SETTINGS_COLUMNS),
        )
    )
    if hypothetical:
        clipped = [p for p in hypothetical if p.start_date <= end and p.end_date >= start]
        if clipped:
            records += _hypothetical_records(clipped)
            records.sort(key=lambda record: (record[1], record[2], record[0]))
    if not records:
        return _empty()
    stored_rates = IndexationAssumption.objects.filter(
        municipality=municipality, key=OuterRef("key")
    ).values("rate")[:1]
    parameter_rows = list(
        ParameterValue.objects.filter(key__in=[str(k) for k in ALL_KEYS])
        .annotate(indexation=Subquery(stored_rates))
        .values_list("key", "effective_date", "value", "source", "is_assumption", "indexation")
    )
    series, flagged = _series(row[:5] for row in parameter_rows)
    rates = {row[0]: row[5] for row in parameter_rows if row[5] is not None}
    rates.update(indexation or {})

    columns = [list(column) for column in zip(*records, strict=True)]
    period_id, contract_id, starts, ends, hours_per_week, hourly_wage = columns[:6]
    with_subsidy, programme_id, birth_date, participant_id = columns[6:10]
    is_permanent, permanent_from = columns[10:12]

    # Which contracts need measured wage values (LKS without an override): one query.
    needs_measurement = [
        bool(flag) and c not in wage_values
        for flag, c in zip(with_subsidy, contract_id, strict=True)
    ]
    measured = _measurements(
        municipality,
        {p for p, needed in zip(participant_id, needs_measurement, strict=True) if needed},
        window_end=end,
    )
    lines = _wage_lines(municipality, periods, [p for p in period_id if p > 0])

    # Cut each period where something changes within it, then split into months.
    pieces = split_ranges(
        starts,
        ends,
        *_cut_days(
            period_id=period_id,
            starts=starts,
            ends=ends,
            birth_date=birth_date,
            permanent_from=[
                since if flag else None
                for flag, since in zip(is_permanent, permanent_from, strict=True)
            ],
            needs_measurement=needs_measurement,
            participant_id=participant_id,
            measured=measured,
            lines=lines,
        ),
    )
    slices = month_slices(pieces.start, pieces.end, window_start=start, window_end=end)
    piece = slices.source
    src = pieces.source[piece]  # the period of each row
    month_first = ((slices.year - 1970) * 12 + slices.month - 1).astype("datetime64[M]")
    first_day = np.maximum(
        np.maximum(month_first.astype("datetime64[D]"), pieces.start[piece]),
        np.datetime64(start, "D"),
    )
    last_day = last_day_covered(
        slices.year, slices.month, slices.days_in_month, pieces.end[piece], as_days([end])
    )

    # Per period.
    contract_ids_sorted, contract_index = np.unique(
        np.array(contract_id, dtype=np.int64), return_inverse=True
    )
    hourly = _converted(hourly_wage, to_cents)
    hours = _converted(hours_per_week, to_tenths)
    wage_value, missing = _wage_values(
        src,
        contract_id=contract_id,
        participant_id=participant_id,
        with_subsidy=with_subsidy,
        last_day=last_day,
        overrides=wage_values,
        measured=measured,
    )
    since_days = as_days([since or _NEVER for since in permanent_from])
    permanent = np.isin(contract_id, list(permanent_contract_ids))[src] | (
        np.array(is_permanent, dtype=np.bool_)[src] & (first_day >= since_days[src])
    )

    # Per programme: its settings as integer columns, then per row.
    programmes, programme_index = np.unique(
        np.array(programme_id, dtype=np.int64), return_inverse=True
    )
    stored = _stored_settings(records, programme_id, default_settings)
    per_programme = _settings_columns(
        [settings[int(p)] if int(p) in settings else stored[int(p)] for p in programmes]
    )
    programme_of_row = programme_index[src]
    setting = {name: column[programme_of_row] for name, column in per_programme.items()}

    # Per distinct month: the parameter values, then per row.
    month_key = slices.year * 12 + (slices.month - 1)
    distinct, month_index = _small_unique(month_key)
    first_days = [dt.date(int(k) // 12, int(k) % 12 + 1, 1) for k in distinct]
    lks_rows = lks_applies(wage_value)
    lks_needed = bool(lks_rows.any())
    follows = setting["wage_follows_minimum_wage"] == 1
    minimum_wage_needed = lks_needed or bool(follows.any())
    table = _month_values(
        first_days,
        series,
        flagged,
        rates,
        lks_needed=lks_needed,
        minimum_wage_needed=minimum_wage_needed,
    )
    per_month = {key: column[month_index] for key, column in table.cents_or_ppm.items()}
    assumed = np.zeros(len(slices), dtype=np.bool_)
    for key in COST_KEYS:
        assumed |= table.assumed[key][month_index]

    charges = employer_charges_ppm(
        {key: per_month[key] for key in CHARGE_KEYS},
        permanent=permanent,
        fixed_term_awf_high=setting["fixed_term_awf_high"] == 1,
        large_employer=setting["large_employer"] == 1,
        government_employer=setting["government_employer"] == 1,
    )

    index_of = {p: i for i, p in enumerate(period_id)}
    wage = wage_in_force(
        hourly[src],
        src,
        first_day,
        np.array([index_of[line[0]] for line in lines], dtype=np.int64),
        as_days([line[1] for line in lines]),
        np.array([to_cents(line[2]) for line in lines], dtype=np.int64),
    )
    minimum_wage = np.zeros(len(slices), dtype=np.int64)
    lks_cap: Ints | int = 0
    lks_allowance: Ints | int = 0
    if minimum_wage_needed:
        week = setting["fulltime_hours"]
        adult = np.zeros(len(slices), dtype=np.int64)
        minimum_assumed = np.zeros(len(slices), dtype=np.bool_)
        for hours_week in FULLTIME_WEEKS:
            name = f"minimum_wage_{hours_week}"
            rows = week == hours_week
            adult[rows] = table.cents_or_ppm[name][month_index[rows]]
            minimum_assumed[rows] = table.assumed[name][month_index[rows]]
        share = youth_share_ppm(
            age_on_day(as_days(birth_date)[src], first_day),
            {age: per_month[key] for age, key in YOUTH_KEYS.items()},
        )
        personal = personal_minimum_wage(adult, share)
        # The wage follows the minimum wage where that is higher (assumed where it pays).
        wage, raised = wage_following_minimum(wage, personal, follows)
        assumed |= raised & minimum_assumed
        if lks_needed:
            lks_assumed = minimum_assumed.copy()
            for key in LKS_KEYS:
                lks_assumed |= table.assumed[key][month_index]
            minimum_wage = lks_minimum_wage(personal, lks_rows)
            assumed |= lks_assumed & lks_rows
            lks_cap, lks_allowance = per_month[K.LKS_CAP], per_month[K.LKS_EMPLOYER_CHARGES]

    inputs = CostInputs.build(
        contract=contract_index[src],
        year=slices.year,
        month=slices.month,
        days=slices.days,
        days_in_month=slices.days_in_month,
        hourly_wage=wage,
        hours=hours[src],
        holiday_ppm=per_month[K.HOLIDAY_ALLOWANCE],
        charges_ppm=charges,
        max_premium_wage=per_month[K.MAX_PREMIUM_WAGE],
        pension_ppm=setting["pension_rate"],
        monitoring_fee=setting["monitoring_fee"],
        minimum_wage=minimum_wage,
        wage_value_ppm=wage_value,
        lks_cap_ppm=lks_cap,
        lks_allowance_ppm=lks_allowance,
        host_share_ppm=setting["host_share"],
        host_contribution=setting["host_contribution"],
        esf_share_ppm=setting["esf_share"],
        budget_lines=setting["budget_lines"],
    )
    assumptions: dict[tuple[int, int], tuple[str, ...]] = {}
    for i, k in enumerate(distinct):
        keys = tuple(key for key, flags in table.assumed.items() if flags[i])
        if keys:
            assumptions[(int(k) // 12, int(k) % 12 + 1)] = keys
    return CostInputSet(
        inputs=inputs,
        contract_ids=contract_ids_sorted.astype(np.int64),
        period_ids=np.array(period_id, dtype=np.int64)[src],
        assumed=assumed,
        wage_value_missing=missing,
        assumptions=assumptions,
        first_day=first_day,
        last_day=last_day,
    )


def _small_unique(values: Ints) -> tuple[Ints, Ints]:
    """``np.unique(values, return_inverse=True)`` for integers in a small range (month
    keys): by counting, not sorting or hashing a million rows."""
    if not len(values):
        return np.unique(values, return_inverse=True)
    low = int(values.min())
    shifted = values - low
    present = np.flatnonzero(np.bincount(shifted))
    position = np.zeros(len(present) and int(present[-1]) + 1, dtype=np.int64)
    position[present] = np.arange(len(present), dtype=np.int64)
    return present + low, position[shifted]


def _converted(values: list[Decimal], convert: Callable[[Decimal], int]) -> Ints:
    """``convert`` on every value, once per distinct value (wages and hours repeat)."""
    done = {value: convert(value) for value in set(values)}
    return np.fromiter((done[value] for value in values), dtype=np.int64, count=len(values))


def _stored_settings(
    records: list[tuple[Any, ...]], programme_id: list[int], default: CostSettings
) -> dict[int, CostSettings]:
    """Each programme's stored settings, read from the joined columns of its first period."""
    first = len(records[0]) - len(SETTINGS_COLUMNS) - 1  # the full-time week's column
    found: dict[int, CostSettings] = {}
    for record, programme in zip(records, programme_id, strict=True):
        if programme in found:
            continue
        week = record[first]
        values = dict(zip(SETTINGS_COLUMNS, record[first + 1 :], strict=True))
        if values["id"] is None:
            chosen = default
        else:
            values.pop("id")
            chosen = cost_settings_value(ProgrammeCostSettings(**values))
        if week is not None:
            chosen = dataclasses.replace(chosen, fulltime_hours=int(week))
        found[programme] = chosen
    return found


def _measurements(
    municipality: Municipality, people: Collection[int], *, window_end: dt.date
) -> list[tuple[int, dt.date, Decimal]]:
    """The wage-value measurements of ``people`` up to ``window_end``, sorted by person
    and day: one query, none when no one needs them."""
    if not people:
        return []
    found = WageValueMeasurement.objects.filter(
        municipality=municipality, measured_on__lte=window_end
    )
    if len(people) <= _SMALL_PEOPLE_IN:
        found = found.filter(participant_id__in=sorted(people))
    else:  # a long IN list costs more to build than the rows in between cost to read
        found = found.filter(participant_id__gte=min(people), participant_id__lte=max(people))
    wanted = set(people)
    return [
        row
        for row in found.order_by("participant_id", "measured_on").values_list(
            "participant_id", "measured_on", "percentage"
        )
        if row[0] in wanted
    ]


def _wage_lines(
    municipality: Municipality, periods: Any, period_ids: list[int]
) -> list[tuple[int, dt.date, Decimal]]:
    """The dated wage lines of the stored periods, sorted by period and day: one query."""
    if not period_ids:
        return []
    lines = ContractWageLine.objects.filter(municipality=municipality)
    if len(period_ids) <= _SMALL_IN:
        lines = lines.filter(period_id__in=period_ids)
    else:
        lines = lines.filter(period_id__in=periods.values("id"))
    found = list(lines.values_list("period_id", "start_date", "hourly_wage"))
    known = set(period_ids)
    return sorted((line for line in found if line[0] in known), key=lambda line: (line[0], line[1]))


def _cut_days(
    *,
    period_id: list[int],
    starts: list[dt.date],
    ends: list[dt.date],
    birth_date: list[dt.date | None],
    permanent_from: list[dt.date | None],
    needs_measurement: list[bool],
    participant_id: list[int],
    measured: list[tuple[int, dt.date, Decimal]],
    lines: list[tuple[int, dt.date, Decimal]],
) -> tuple[list[int], list[dt.date]]:
    """Where periods are cut: each wage line, each birthday that moves a youth wage
    (16 to 21), the day a contract became permanent, and each wage-value measurement
    of a contract with LKS. :func:`~basisbaan.calc.months.split_ranges` drops the
    days outside a period."""
    source: list[int] = []
    days: list[dt.date] = []
    index_of = {p: i for i, p in enumerate(period_id)}
    for line_period, day, _wage in lines:
        source.append(index_of[line_period])
        days.append(day)
    by_person: dict[int, list[dt.date]] = {}
    for person, day, _pct in measured:
        by_person.setdefault(person, []).append(day)
    for i, (first, last) in enumerate(zip(starts, ends, strict=True)):
        birth = birth_date[i]
        if birth is not None and last.year - birth.year <= ADULT_AGE:
            for age in range(YOUNGEST_AGE + 1, ADULT_AGE + 1):
                birthday = years_after(birth, age)
                if first < birthday <= last:
                    source.append(i)
                    days.append(birthday)
        since = permanent_from[i]
        if since is not None and first < since <= last:
            source.append(i)
            days.append(since)
        if needs_measurement[i]:
            for day in by_person.get(participant_id[i], ()):
                if first < day <= last:
                    source.append(i)
                    days.append(day)
    return source, days


def _wage_values(
    src: Ints,
    *,
    contract_id: list[int],
    participant_id: list[int],
    with_subsidy: list[bool],
    last_day: Days,
    overrides: Mapping[int, Decimal],
    measured: list[tuple[int, dt.date, Decimal]],
) -> tuple[Ints, Bools]:
    """Per row: the wage value in ppm and whether it is missing
    (:func:`basisbaan.calc.cost_rules.wage_value_in_force`)."""
    subsidised = np.array(with_subsidy, dtype=np.bool_)[src]
    override = np.array(
        [to_ppm(overrides[c]) if c in overrides else -1 for c in contract_id], dtype=np.int64
    )[src]
    people = np.array(participant_id, dtype=np.int64)[src]
    return wage_value_in_force(
        subsidised=subsidised,
        override_ppm=override,
        people=people,
        last_day=last_day,
        measured_people=np.array([m[0] for m in measured], dtype=np.int64),
        measured_days=as_days([m[1] for m in measured]),
        measured_ppm=np.array([to_ppm(m[2] / 100) for m in measured], dtype=np.int64),
    )


def _empty() -> CostInputSet:
    none = np.zeros(0, dtype=np.int64)
    inputs = CostInputs.build(
        contract=none,
        year=none,
        month=none,
        days=none,
        days_in_month=none,
        hourly_wage=none,
        hours=none,
        holiday_ppm=none,
        charges_ppm=none,
    )
    flags = np.zeros(0, dtype=np.bool_)
    return CostInputSet(inputs, none, none, flags, flags)


def _settings_columns(chosen: list[CostSettings]) -> dict[str, Ints]:
    """Each programme's settings as integer columns (cents, ppm, 0/1, hours)."""

    def column(values: Iterable[int]) -> Ints:
        return np.array(list(values), dtype=np.int64)

    return {
        "pension_rate": column(to_ppm(s.pension_rate) for s in chosen),
        "monitoring_fee": column(to_cents(s.monitoring_fee) for s in chosen),
        "large_employer": column(int(s.large_employer) for s in chosen),
        "government_employer": column(int(s.government_employer) for s in chosen),
        "fixed_term_awf_high": column(int(s.fixed_term_awf_high) for s in chosen),
        "fulltime_hours": column(
            s.fulltime_hours if s.fulltime_hours in FULLTIME_WEEKS else DEFAULT_FULLTIME_HOURS
            for s in chosen
        ),
        "host_share": column(to_ppm(s.host_share) for s in chosen),
        "host_contribution": column(to_cents(s.host_contribution) for s in chosen),
        "esf_share": column(to_ppm(s.esf_share) for s in chosen),
        "budget_lines": column(int(s.budget_lines | FundingLine.PROGRAMME) for s in chosen),
        "wage_follows_minimum_wage": column(int(s.wage_follows_minimum_wage) for s in chosen),
    }
