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

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import formats
from django.utils.translation import gettext as _

from basisbaan.calc.labour_law import MinimumWageTable, Rate, Step, first_shortfall
from basisbaan.contracts.models import (
    Contract,
    ContractPeriod,
    ContractSettings,
    RenewalDecision,
    WageValueMeasurement,
)
from basisbaan.core.money import format_euro
from basisbaan.parameters.constants import ParameterKey, Unit, unit_of
from basisbaan.parameters.models import ParameterValue
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


# --- lists ----------------------------------------------------------------------------------


def contract_list(
    *, municipality: Municipality, participant_id: int | None = None
) -> QuerySet[Contract]:
    periods = ContractPeriod.objects.order_by("sequence").select_related("decision__decided_by")
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


def minimum_wage_table() -> MinimumWageTable:
    """The minimum-wage rows of the parameter tables, in one query."""
    series: dict[str, list[Rate]] = {}
    rows = (
        ParameterValue.objects.filter(key__in=[str(k) for k in MINIMUM_WAGE_KEYS])
        .order_by("key", "effective_date")
        .values_list("key", "effective_date", "value", "is_assumption")
    )
    for key, day, value, assumed in rows:
        # Amounts in whole cents (the table stores six decimals); shares as stored.
        amount = value.quantize(CENT) if unit_of(key) == Unit.EUR else value.normalize()
        series.setdefault(key, []).append(Rate(day, amount, assumed))
    return MinimumWageTable(
        hourly=tuple(series.get(K.MINIMUM_WAGE_HOURLY, ())),
        by_week={week: tuple(series.get(key, ())) for week, key in WEEK_KEYS.items()},
        youth={age: tuple(series.get(key, ())) for age, key in YOUTH_KEYS.items()},
    )


def minimum_wage_schedule(
    table: MinimumWageTable,
    participant: Participant,
    start: dt.date,
    end: dt.date,
) -> list[Step]:
    """``participant``'s hourly minimum over ``start..end``, one step per change."""
    settings = contract_settings_of(participant.programme)
    return table.schedule(
        start, end, birth_date=participant.date_of_birth, fulltime_hours=settings.fulltime_hours
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
    of its days (published amounts only, unless ``include_assumed``). None when
    no amount is known for the period.
    """
    schedule = minimum_wage_schedule(table or minimum_wage_table(), participant, start, end)
    values = [s.value for s in schedule if include_assumed or not s.assumed]
    return max(values) if values else None


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


@dataclass(frozen=True, slots=True)
class WageFlag:
    """A contract period whose hourly wage is below the minimum on some day."""

    period: ContractPeriod
    step: Step

    @property
    def message(self) -> str:
        return shortfall_message(self.period.hourly_wage, self.step)

    @property
    def assumed(self) -> bool:
        return self.step.assumed


def period_wage_flag(
    period: ContractPeriod, participant: Participant, table: MinimumWageTable
) -> WageFlag | None:
    """The first day ``period``'s wage is below the minimum (assumed amounts included)."""
    schedule = minimum_wage_schedule(table, participant, period.start_date, period.end_date)
    step = first_shortfall(period.hourly_wage, schedule, include_assumed=True)
    return WageFlag(period, step) if step is not None else None


def may_be_below_minimum() -> Q:
    """A necessary condition, in SQL, for a period to fall below the minimum wage:
    its wage is below the highest adult minimum that took effect on or before
    its end. A wage at or above that is above every minimum on every day of the
    period (youth amounts are shares of the adult ones), so only the few other
    periods need the exact check in Python.
    """
    highest = (
        ParameterValue.objects.filter(
            key__in=[str(k) for k in ADULT_MINIMUM_WAGE_KEYS],
            effective_date__lte=OuterRef("end_date"),
        )
        .order_by("-value")
        .values("value")[:1]
    )
    return Q(hourly_wage__lt=Subquery(highest))


def periods_below_minimum(
    *,
    municipality: Municipality,
    today: dt.date,
    include_past: bool = False,
    table: MinimumWageTable | None = None,
) -> list[WageFlag]:
    """Periods (running or future ones; all with ``include_past``) whose wage is
    below the statutory minimum on some day, for example after a rise.

    Two queries: the parameter rows, and the periods that
    :func:`may_be_below_minimum`.
    """
    table = table or minimum_wage_table()
    periods = (
        ContractPeriod.objects.filter(municipality=municipality)
        .filter(may_be_below_minimum())
        .select_related("contract__participant__programme__contract_settings")
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
