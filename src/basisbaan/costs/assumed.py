"""The figures the cost model assumes because a published value is missing.

For every parameter that changes on a known cadence (the minimum wage every
1 January and 1 July, premiums every 1 January), the expected change dates
after its last known value, from the first one missed up to a horizon, with
the value the cost model uses on that date: the last known value raised by
the municipality's indexation assumption once per missed change
(:meth:`basisbaan.calc.dated.DatedSeries.at`, the same rule as the plan).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from basisbaan.calc.dated import DatedSeries
from basisbaan.calc.dates import add_months
from basisbaan.costs.selectors import indexation_rates
from basisbaan.parameters.constants import ParameterKey, Unit, unit_of
from basisbaan.parameters.models import ParameterValue
from basisbaan.parameters.selectors import CADENCE, places_of
from basisbaan.tenancy.models import Municipality

__all__ = ["AssumedValue", "assumed_values"]

DEFAULT_HORIZON_MONTHS = 12


@dataclass(frozen=True, slots=True)
class AssumedValue:
    key: str
    label: str
    unit: Unit
    day: dt.date  # an expected change date without a published value
    value: Decimal  # what the cost model uses from that date
    last_known: Decimal
    last_known_from: dt.date
    rate: Decimal | None  # the municipality's indexation per change (None: none set)
    missed: int  # changes since the last known value
    in_force: bool  # the date has passed: the plan uses this assumption today


def assumed_values(
    *,
    municipality: Municipality,
    today: dt.date,
    horizon_months: int = DEFAULT_HORIZON_MONTHS,
) -> list[AssumedValue]:
    """The assumed values of every cadenced key up to ``today + horizon_months``.

    Two queries: the parameter rows of those keys, the municipality's rates.
    """
    rows: dict[str, list[tuple[dt.date, Decimal, str]]] = {}
    for key, day, value, source in (
        ParameterValue.objects.filter(key__in=list(CADENCE))
        .order_by("key", "effective_date")
        .values_list("key", "effective_date", "value", "source")
    ):
        rows.setdefault(key, []).append((day, value, source))
    rates = indexation_rates(municipality=municipality)
    horizon = add_months(today, horizon_months)
    found: list[AssumedValue] = []
    for key in ParameterKey.values:
        if key not in CADENCE or key not in rows:
            continue
        unit = unit_of(key)
        series = DatedSeries.of(
            key,
            rows[key],
            cadence_months=CADENCE[key],
            places=places_of(key),
        )
        rate = rates.get(key)
        day = add_months(series.dates[-1], CADENCE[key])
        while day <= horizon:
            at = series.at(day, indexation=rate or Decimal(0))
            found.append(
                AssumedValue(
                    key=key,
                    label=str(ParameterKey(key).label),
                    unit=unit,
                    day=day,
                    value=at.value,
                    last_known=series.values[-1],
                    last_known_from=series.dates[-1],
                    rate=rate,
                    missed=series.missed_changes(day),
                    in_force=day <= today,
                )
            )
            day = add_months(day, CADENCE[key])
    return found
