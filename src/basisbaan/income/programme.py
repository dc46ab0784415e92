"""Does work pay, over a programme: the monthly gain of every current participant
(a contract period running on the day) at their contract's hours and wage against
assistance, as counts in bands, small numbers suppressed. Aggregates only.

One query for the running periods with their participants' households, one for
the rules of the year and one for the local schemes, whatever the number of
participants; the engine runs twice over all of them at once (on assistance,
and working). The counting and the suppression are pure:
:mod:`basisbaan.calc.income_distribution`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from basisbaan.calc.income import gross_year, scenario
from basisbaan.calc.income_distribution import (
    Published,
    distribution,
    gain_cents,
    published,
    stack,
)
from basisbaan.calc.income_rules import LocalScheme
from basisbaan.contracts.models import ContractPeriod
from basisbaan.income.rules import RulesInUse, income_rules
from basisbaan.income.selectors import household_of, local_schemes
from basisbaan.programmes.models import Programme

__all__ = ["ProgrammeGains", "programme_gains"]

_HOUSEHOLD_FIELDS = (
    "contract__participant__household_type",
    "contract__participant__children_birth_months",
    "contract__participant__rent_month",
    "contract__participant__partner_income_year",
)


@dataclass(frozen=True, slots=True)
class ProgrammeGains:
    """The published figures of one programme on ``day``, with the rules and
    local schemes they were computed with."""

    programme: Programme
    day: dt.date
    figures: Published
    rules: RulesInUse
    schemes: tuple[LocalScheme, ...]


def programme_gains(programme: Programme, *, day: dt.date, threshold: int) -> ProgrammeGains:
    """The gain from work over ``programme``'s participants on ``day`` (their
    contract period running that day; with two, the earliest started), with
    the rules of ``day``'s year. LookupError when the tables have no values
    for that year."""
    rules = income_rules(day.year)
    schemes = local_schemes(programme.municipality, day)
    periods = (
        ContractPeriod.objects.filter(
            municipality_id=programme.municipality_id,
            contract__participant__programme=programme,
            start_date__lte=day,
            end_date__gte=day,
        )
        .select_related("contract__participant")
        .only("hours_per_week", "hourly_wage", "contract__participant_id", *_HOUSEHOLD_FIELDS)
        .order_by("contract__participant_id", "start_date", "id")
    )
    seen: set[int] = set()
    households, wages, hours = [], [], []
    other = 0
    for period in periods:
        participant = period.contract.participant
        if participant.pk in seen:
            continue
        seen.add(participant.pk)
        household = household_of(participant, day)
        if household is None:
            other += 1
            continue
        households.append(household)
        wages.append(float(period.hourly_wage))
        hours.append(float(period.hours_per_week))
    arrays = stack(households)
    gross = gross_year(rules.rules, np.array(wages), np.array(hours))
    on_assistance = scenario(rules.rules, arrays, 0.0, schemes=schemes).total
    working = scenario(rules.rules, arrays, gross, schemes=schemes).total
    counted = distribution(gain_cents(on_assistance, working), other=other)
    return ProgrammeGains(programme, day, published(counted, threshold=threshold), rules, schemes)
