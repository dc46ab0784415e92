"""Reads of contracts, always within one municipality.

Besides the lists, the reads that apply labour law to what is recorded (see
:mod:`basisbaan.calc.labour_law`): the statutory minimum wage per person and
period, periods that fall below it after a rise, and the contract settings of
a programme. The worklists live in :mod:`basisbaan.contracts.worklist`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import NamedTuple

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import formats
from django.utils.translation import gettext as _

from basisbaan.calc.dated import DatedSeries
from basisbaan.calc.dates import add_days, years_after
from basisbaan.calc.labour_law import (
    MinimumWageTable,
    Rate,
    Step,
    project_hourly,
    wage_shortfall,
)
from basisbaan.contracts.constants import WageLineReason
from basisbaan.contracts.models import (
    Contract,
    ContractPeriod,
    ContractSettings,
    ContractWageLine,
    RenewalDecision,
    WageValueMeasurement,
)
from basisbaan.core.money import format_euro
from basisbaan.parameters.constants import ParameterKey, Unit, unit_of
from basisbaan.parameters.models import ParameterValue
from basisbaan.parameters.selectors import CADENCE, places_of
from basisbaan.participants.models import Participant
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality

K = ParameterKey
CENT = Decimal("0.01")
WEEK_KEYS = {
    36: K.MINIMUM_WAGE_HOURLY_36,
    38: K.MINIMUM_WAGE_HOURLY_38,
    40: K.MINIMUM_WAGE_HOURLY_40,
}
YOUTH_KEYS = {
    20: K.YOUTH_20,
    19: K.YOUTH_19,
    18: K.YOUTH_18,
    17: K.YOUTH_17,
    16: K.YOUTH_16,
    15: K.YOUTH_15,
}
ADULT_MINIMUM_WAGE_KEYS = [K.MINIMUM_WAGE_HOURLY, *WEEK_KEYS.values()]
MINIMUM_WAGE_KEYS = [*ADULT_MINIMUM_WAGE_KEYS, *YOUTH_KEYS.values()]
# How far past its last known amount the minimum wage is projected (an assumption).
PROJECTION_YEARS = 10


# --- lists ----------------------------------------------------------------------------------


def contract_list(
    *, municipality: Municipality, participant_id: int | None = None, decisions: bool = True
) -> QuerySet[Contract]:
    """The municipality's contracts with their periods and wage lines; ``decisions``:
    with each period's renewal decision and who took it (the list page shows none)."""
    periods = ContractPeriod.objects.order_by("sequence").prefetch_related("wage_lines")
    if decisions:
        periods = periods.select_related("decision__decided_by")
    qs = (
        Contract.objects.filter(municipality=municipality)
        .select_related("participant__programme__contract_settings", "placement")
        # Correlated sub-queries, not Min/Max aggregates: an aggregate turns the
        # paginator's COUNT into a GROUP BY over every period (144 ms -> 9 ms at
        # 55,000 contracts; docs/performance.md).
        .annotate(
            first_start=Subquery(
                ContractPeriod.objects.filter(contract=OuterRef("pk"))
                .order_by("sequence")
                .values("start_date")[:1]
            ),
            last_end=Subquery(
                ContractPeriod.objects.filter(contract=OuterRef("pk"))
                .order_by("-sequence")
                .values("end_date")[:1]
            ),
        )
        .order_by("-id")
        .prefetch_related(Prefetch("periods", queryset=periods))
    )
    if participant_id is not None:
        qs = qs.filter(participant_id=participant_id)
    return qs


def contract_period_list(*, municipality: Municipality) -> QuerySet[ContractPeriod]:
    return ContractPeriod.objects.filter(municipality=municipality)


def wage_line_list(
    *, municipality: Municipality, contract_id: int | None = None
) -> QuerySet[ContractWageLine]:
    """Wage lines of the municipality's periods, by contract, period and date."""
    qs = ContractWageLine.objects.filter(municipality=municipality).select_related(
        "period__contract"
    )
    if contract_id is not None:
        qs = qs.filter(period__contract_id=contract_id)
    return qs.order_by("period__contract_id", "period__sequence", "start_date")


def decision_list(
    *, municipality: Municipality, contract_id: int | None = None
) -> QuerySet[RenewalDecision]:
    qs = RenewalDecision.objects.filter(municipality=municipality).select_related(
        "period__contract", "decided_by", "next_period"
    )
    if contract_id is not None:
        qs = qs.filter(period__contract_id=contract_id)
    return qs.order_by("period__contract_id", "period__sequence")


def wage_value_list(
    *, municipality: Municipality, participant_id: int | None = None
) -> QuerySet[WageValueMeasurement]:
    qs = WageValueMeasurement.objects.filter(municipality=municipality).select_related(
        "participant"
    )
    if participant_id is not None:
        qs = qs.filter(participant_id=participant_id)
    return qs.order_by("participant_id", "-measured_on", "-id")


def latest_wage_values(*, municipality: Municipality) -> QuerySet[WageValueMeasurement]:
    """Each participant's most recent measurement (none later of the same participant)."""
    later = WageValueMeasurement.objects.filter(
        participant_id=OuterRef("participant_id"), measured_on__gt=OuterRef("measured_on")
    )
    return wage_value_list(municipality=municipality).filter(~Exists(later))


def wage_value_on(
    measurements: Iterable[WageValueMeasurement], day: dt.date
) -> WageValueMeasurement | None:
    """The measurement in force on ``day``: the latest one dated on or before it."""
    found: WageValueMeasurement | None = None
    for measurement in measurements:
        if measurement.measured_on <= day and (
            found is None or measurement.measured_on > found.measured_on
        ):
            found = measurement
    return found


# --- settings -------------------------------------------------------------------------------


def contract_settings_of(programme: Programme) -> ContractSettings:
    """The programme's contract settings; an unsaved default row when it has none.

    Uses ``programme.contract_settings`` when it was selected with the programme.
    """
    try:
        return programme.contract_settings
    except ContractSettings.DoesNotExist:
        return ContractSettings(municipality_id=programme.municipality_id, programme=programme)


def contract_settings_list(*, municipality: Municipality) -> list[ContractSettings]:
    """Every programme's settings, in the programme order (defaults where none saved)."""
    programmes = Programme.objects.filter(municipality=municipality).select_related(
        "contract_settings"
    )
    return [contract_settings_of(p) for p in programmes]


# --- minimum wage ---------------------------------------------------------------------------


def minimum_wage_table(
    *, indexation: Decimal = Decimal(0), until: dt.date | None = None
) -> MinimumWageTable:
    """The minimum-wage rows of the parameter tables, in one query.

    Past the last known hourly amount the table holds projected amounts, one
    per half year up to ``until`` (by default :data:`PROJECTION_YEARS` after
    the last known row), raised by ``indexation`` per half year and marked as
    assumptions: :func:`~basisbaan.calc.labour_law.project_hourly`, the rule
    the cost model uses too. The municipality's rate (its indexation
    assumption for ``minimum_wage_hourly``) comes from the faces; see
    :func:`basisbaan.costs.selectors.minimum_wage_table_of`.
    """
    series: dict[str, list[Rate]] = {}
    hourly: list[tuple[dt.date, Decimal, str]] = []
    rows = (
        ParameterValue.objects.filter(key__in=[str(k) for k in MINIMUM_WAGE_KEYS])
        .order_by("key", "effective_date")
        .values_list("key", "effective_date", "value", "is_assumption")
    )
    for key, day, value, assumed in rows:
        # Amounts in whole cents (the table stores six decimals); shares as stored.
        amount = value.quantize(CENT) if unit_of(key) == Unit.EUR else value.normalize()
        series.setdefault(key, []).append(Rate(day, amount, assumed))
        if key == K.MINIMUM_WAGE_HOURLY:
            hourly.append((day, value, ""))
    dated = DatedSeries.of(
        K.MINIMUM_WAGE_HOURLY,
        hourly,
        cadence_months=CADENCE[K.MINIMUM_WAGE_HOURLY],
        places=places_of(K.MINIMUM_WAGE_HOURLY),
    )
    if until is None and hourly:
        until = years_after(hourly[-1][0], PROJECTION_YEARS)
    projected = project_hourly(dated, indexation=indexation, until=until) if until else ()
    return MinimumWageTable(
        hourly=tuple(series.get(K.MINIMUM_WAGE_HOURLY, ())),
        by_week={week: tuple(series.get(key, ())) for week, key in WEEK_KEYS.items()},
        youth={age: tuple(series.get(key, ())) for age, key in YOUTH_KEYS.items()},
        projected=projected,
    )


def minimum_wage_schedule(
    table: MinimumWageTable,
    participant: Participant,
    start: dt.date,
    end: dt.date,
    *,
    projected: bool = True,
) -> list[Step]:
    """``participant``'s hourly minimum over ``start..end``, one step per change
    (``projected=False``: the published amounts only)."""
    settings = contract_settings_of(participant.programme)
    return table.schedule(
        start,
        end,
        birth_date=participant.date_of_birth,
        fulltime_hours=settings.fulltime_hours,
        projected=projected,
    )


def minimum_wage_for_period(
    participant: Participant,
    start: dt.date,
    end: dt.date,
    *,
    table: MinimumWageTable | None = None,
    include_assumed: bool = False,
) -> Decimal | None:
    """The lowest hourly wage a period may have: the highest statutory minimum on any
    of its days (published amounts only, unless ``include_assumed``: then the
    assumed and projected ones too). None when no amount is known for the period.
    """
    schedule = minimum_wage_schedule(
        table or minimum_wage_table(), participant, start, end, projected=include_assumed
    )
    values = [s.value for s in schedule if include_assumed or not s.assumed]
    return max(values) if values else None


# --- wage lines -----------------------------------------------------------------------------


class WageSpan(NamedTuple):
    """Days ``start..end`` (inclusive) of a period at one hourly wage."""

    start: dt.date
    end: dt.date
    hourly_wage: Decimal


def wage_lines_of(period: ContractPeriod) -> list[ContractWageLine]:
    """The period's wage lines by date (from the prefetch when there is one)."""
    return sorted(period.wage_lines.all(), key=lambda line: line.start_date)


def wage_schedule(period: ContractPeriod) -> list[WageSpan]:
    """Which hourly wage holds on which day of ``period``: the single definition.

    The period's own ``hourly_wage`` holds from its start until the day before
    its first wage line; each line holds from its ``start_date`` until the day
    before the next line, the last one until the period's end. The spans cover
    the period without gaps or overlaps, in date order. The minimum-wage check,
    the below-minimum report and the cost model all read the wage this way.

    Uses the prefetched ``wage_lines`` when the period came with them.
    """
    lines = [(line.start_date, line.hourly_wage) for line in wage_lines_of(period)]
    return wage_spans(period.start_date, period.end_date, period.hourly_wage, lines)


def wage_spans(
    start: dt.date,
    end: dt.date,
    hourly_wage: Decimal,
    lines: Iterable[tuple[dt.date, Decimal]],
) -> list[WageSpan]:
    """:func:`wage_schedule` on plain values: a period ``start..end`` at
    ``hourly_wage`` with wage lines as (start date, hourly wage) pairs. Lines
    outside ``start + 1 .. end`` are left out (the services store none)."""
    inside = sorted((day, wage) for day, wage in lines if start < day <= end)
    starts = [start, *(day for day, _wage in inside)]
    wages = [hourly_wage, *(wage for _day, wage in inside)]
    ends = [*(add_days(day, -1) for day, _wage in inside), end]
    return [WageSpan(s, e, w) for s, e, w in zip(starts, ends, wages, strict=True)]


def wage_on(period: ContractPeriod, day: dt.date) -> Decimal:
    """The hourly wage of ``period`` on ``day`` (a day of the period), per :func:`wage_schedule`."""
    found = period.hourly_wage
    for span in wage_schedule(period):
        if span.start <= day:
            found = span.hourly_wage
    return found


@dataclass(frozen=True, slots=True)
class WageLineSuggestion:
    """A day within a period on which the minimum wage rises above the wage then
    in force: a wage line to add (``reason``: a new minimum wage, or a birthday
    that moves a youth wage). ``assumed``: the minimum is not yet published."""

    start_date: dt.date
    minimum: Decimal
    reason: str
    assumed: bool


def suggested_wage_lines(
    period: ContractPeriod, *, table: MinimumWageTable | None = None
) -> list[WageLineSuggestion]:
    """The wage lines ``period`` would need to stay at the minimum wage: one on
    every day after its start where the participant's minimum (1 January and
    1 July, projected amounts included; a youth wage on the birthday itself)
    rises above the wage in force by :func:`wage_schedule`.
    """
    participant = period.contract.participant
    schedule = minimum_wage_schedule(
        table or minimum_wage_table(), participant, period.start_date, period.end_date
    )
    suggestions = []
    for previous, step in zip(schedule, schedule[1:], strict=False):
        if step.value <= previous.value or step.value <= wage_on(period, step.start):
            continue
        reason = WageLineReason.AGE if step.age != previous.age else WageLineReason.MINIMUM_WAGE
        suggestions.append(WageLineSuggestion(step.start, step.value, reason, step.assumed))
    return suggestions


def _euro(amount: Decimal) -> str:
    return format_euro(
        amount,
        decimal_sep=str(formats.get_format("DECIMAL_SEPARATOR")),
        thousand_sep=str(formats.get_format("THOUSAND_SEPARATOR")),
    )


def shortfall_message(wage: Decimal, step: Step) -> str:
    """``Het uurloon € 13,27 ligt onder het minimumloon van € 13,68 dat geldt vanaf 01-07-2024.``"""
    values = {
        "wage": _euro(wage),
        "minimum": _euro(step.value),
        "date": formats.date_format(step.since, "SHORT_DATE_FORMAT"),
        "age": step.age,
    }
    if step.age is not None:
        message = (
            _(
                "Het uurloon %(wage)s ligt onder het minimumjeugdloon voor %(age)s jaar "
                "van %(minimum)s dat geldt vanaf %(date)s."
            )
            % values
        )
    else:
        message = (
            _(
                "Het uurloon %(wage)s ligt onder het minimumloon van %(minimum)s dat geldt vanaf %(date)s."
            )
            % values
        )
    if step.assumed:
        message += " " + _("Dit minimumloon is een aanname: het bedrag is nog niet gepubliceerd.")
    return message


def assumed_shortfall_text(
    participant: Participant,
    start: dt.date,
    end: dt.date,
    hourly_wage: Decimal,
    table: MinimumWageTable,
) -> str:
    """The warning for a wage at the published minimum over ``start..end`` that
    is below an assumed or projected amount on some day (empty when it is not,
    or when it is below a published amount: that one is refused, not warned)."""
    settings = contract_settings_of(participant.programme)
    step = wage_shortfall(
        table,
        hourly_wage,
        start,
        end,
        birth_date=participant.date_of_birth,
        fulltime_hours=settings.fulltime_hours,
    )
    return shortfall_message(hourly_wage, step) if step is not None and step.assumed else ""


@dataclass(frozen=True, slots=True)
class WageFlag:
    """A contract period whose hourly wage is below the minimum on some day.

    ``wage``: the wage that falls short (the period's own or a wage line's, see
    :func:`wage_schedule`); ``line`` is that wage line, if any.
    """

    period: ContractPeriod
    step: Step
    wage: Decimal | None = None
    line: ContractWageLine | None = None

    @property
    def hourly_wage(self) -> Decimal:
        return self.period.hourly_wage if self.wage is None else self.wage

    @property
    def message(self) -> str:
        return shortfall_message(self.hourly_wage, self.step)

    @property
    def assumed(self) -> bool:
        return self.step.assumed


def period_wage_flag(
    period: ContractPeriod, participant: Participant, table: MinimumWageTable
) -> WageFlag | None:
    """The first day a wage of ``period`` is below the minimum: each span of
    :func:`wage_schedule` checked over its own days. A shortfall on a published
    amount comes first; else the first on an assumed or projected amount.
    """
    settings = contract_settings_of(participant.programme)
    lines = {line.start_date: line for line in wage_lines_of(period)}
    found: list[WageFlag] = []
    for span in wage_schedule(period):
        step = wage_shortfall(
            table,
            span.hourly_wage,
            span.start,
            span.end,
            birth_date=participant.date_of_birth,
            fulltime_hours=settings.fulltime_hours,
        )
        if step is not None:
            found.append(WageFlag(period, step, span.hourly_wage, lines.get(span.start)))
    published = [flag for flag in found if not flag.assumed]
    first = published or found
    return first[0] if first else None


def may_be_below_minimum(table: MinimumWageTable | None = None) -> Q:
    """A necessary condition, in SQL, for a period to fall below the minimum wage:
    its wage is below the highest adult minimum that took effect on or before
    its end, or it runs into the ``table``'s projected amounts at a wage below
    the highest of them, or it has a wage line below the highest adult amount.
    A wage at or above that is above every minimum on every day of the period
    (youth amounts are shares of the adult ones), so only the few other
    periods need the exact check in Python.
    """
    adult = ParameterValue.objects.filter(key__in=[str(k) for k in ADULT_MINIMUM_WAGE_KEYS])
    highest = (
        adult.filter(effective_date__lte=OuterRef("end_date")).order_by("-value").values("value")
    )[:1]
    condition = Q(hourly_wage__lt=Subquery(highest))
    projected = table.projected if table is not None else ()
    top = max((rate.value for rate in projected), default=None)
    if top is not None:
        condition |= Q(end_date__gte=projected[0].start, hourly_wage__lt=top)
    highest_any = adult.order_by("-value").values("value")[:1]
    low_lines = ContractWageLine.objects.filter(
        period_id=OuterRef("pk"), hourly_wage__lt=Subquery(highest_any)
    )
    if top is not None:
        low_lines = ContractWageLine.objects.filter(period_id=OuterRef("pk")).filter(
            Q(hourly_wage__lt=Subquery(highest_any)) | Q(hourly_wage__lt=top)
        )
    return condition | Q(Exists(low_lines))


def periods_below_minimum(
    *,
    municipality: Municipality,
    today: dt.date,
    include_past: bool = False,
    table: MinimumWageTable | None = None,
) -> list[WageFlag]:
    """Periods (running or future ones; all with ``include_past``) whose wage, or
    the wage of one of their wage lines, is below the statutory minimum on some
    day, for example after a rise (assumed amounts flagged as such).

    Three queries: the parameter rows, the periods that
    :func:`may_be_below_minimum`, and their wage lines.
    """
    table = table or minimum_wage_table()
    periods = (
        ContractPeriod.objects.filter(municipality=municipality)
        .filter(may_be_below_minimum(table))
        .select_related("contract__participant__programme__contract_settings")
        .prefetch_related("wage_lines")
        .order_by("start_date", "id")
    )
    if not include_past:
        periods = periods.filter(end_date__gte=today)
    flags = []
    for period in periods:
        flag = period_wage_flag(period, period.contract.participant, table)
        if flag is not None:
            flags.append(flag)
    return flags
