"""Reads of the dated parameter tables, as pure :class:`DatedSeries`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db.models import QuerySet

from basisbaan.calc.dated import DatedSeries, DatedValue
from basisbaan.parameters.constants import INCOME_YEARLY_KEYS, ParameterKey, Unit, unit_of
from basisbaan.parameters.models import LocalScheme, ParameterValue
from basisbaan.tenancy.models import Municipality

# How often a value is expected to change, in months: the minimum wage every
# half year, premiums every calendar year; the rest only by a new decision.
CADENCE: dict[str, int] = {
    ParameterKey.MINIMUM_WAGE_HOURLY: 6,
    ParameterKey.AWF_LOW: 12,
    ParameterKey.AWF_HIGH: 12,
    ParameterKey.UFO: 12,
    ParameterKey.AOF_LOW: 12,
    ParameterKey.AOF_HIGH: 12,
    ParameterKey.CHILDCARE_SURCHARGE: 12,
    ParameterKey.WHK: 12,
    ParameterKey.ZVW_EMPLOYER: 12,
    ParameterKey.MAX_PREMIUM_WAGE: 12,
    # The Participatiewet norms follow the net minimum wage: 1 January and 1 July.
    ParameterKey.ASSISTANCE_NORM_SINGLE: 6,
    ParameterKey.ASSISTANCE_NORM_COUPLE: 6,
    ParameterKey.ASSISTANCE_NORM_SINGLE_PARENT: 6,
    ParameterKey.DISREGARD_CAP: 6,
    # The tax, the credits and the allowances change every 1 January.
    **{key: 12 for key in INCOME_YEARLY_KEYS},
}
HOURLY_MINIMUM_WAGE_FROM = dt.date(2024, 1, 1)
PRE_2024_WEEK_KEYS = {
    36: ParameterKey.MINIMUM_WAGE_HOURLY_36,
    38: ParameterKey.MINIMUM_WAGE_HOURLY_38,
    40: ParameterKey.MINIMUM_WAGE_HOURLY_40,
}


def parameter_series(key: str) -> DatedSeries:
    rows = [
        (row.effective_date, row.value, row.source)
        for row in ParameterValue.objects.filter(key=key).order_by("effective_date")
    ]
    return DatedSeries.of(key, rows, cadence_months=CADENCE.get(key), places=places_of(key))


def places_of(key: str) -> int:
    """Decimals a value of ``key`` is rounded to (an assumed, indexed value too)."""
    unit = unit_of(key)
    if unit in (Unit.EUR, Unit.EUR_ANY):
        return 2
    return 12 if unit == Unit.FACTOR else 6


def parameter_value(key: str, day: dt.date, *, indexation: Decimal = Decimal(0)) -> DatedValue:
    """The value of ``key`` on ``day`` (LookupError before the first row)."""
    return parameter_series(key).at(day, indexation=indexation)


def minimum_wage_hourly(
    day: dt.date, *, fulltime_hours: int = 38, indexation: Decimal = Decimal(0)
) -> DatedValue:
    """Gross hourly minimum wage (21+) on ``day``.

    Before 2024 it depended on the employer's normal full-time week (36, 38 or
    40 hours); from 2024 it is one hourly amount.
    """
    if day < HOURLY_MINIMUM_WAGE_FROM:
        key = PRE_2024_WEEK_KEYS.get(fulltime_hours, ParameterKey.MINIMUM_WAGE_HOURLY_38)
        return parameter_value(key, day)
    return parameter_value(ParameterKey.MINIMUM_WAGE_HOURLY, day, indexation=indexation)


def parameter_list(*, key: str = "") -> list[ParameterValue]:
    qs = ParameterValue.objects.select_related("updated_by")
    if key:
        qs = qs.filter(key=key)
    return list(qs)


def local_scheme_list(*, municipality: Municipality) -> QuerySet[LocalScheme]:
    """The municipality's local schemes, ended ones too, by name and start."""
    return LocalScheme.objects.filter(municipality=municipality).order_by(
        "name", "valid_from", "id"
    )
