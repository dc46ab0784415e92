"""Reads for "does work pay?": a participant's household as the calculation
sees it, the municipality's local schemes, and the comparison itself.

Every face (the panel, the printed comparison, the API, the command line, the
programme view) goes through :func:`participant_comparison` or
:func:`comparison_for`, so they cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from basisbaan.calc.income import Comparison, Household, Job, compare
from basisbaan.calc.income_rules import Kind, LocalScheme
from basisbaan.contracts.models import ContractPeriod
from basisbaan.income.rules import RulesInUse, income_rules
from basisbaan.parameters import models as parameter_models
from basisbaan.parameters.selectors import minimum_wage_hourly
from basisbaan.participants.constants import HouseholdType
from basisbaan.participants.models import Participant
from basisbaan.tenancy.models import Municipality

__all__ = [
    "DEFAULT_HOURS",
    "KIND_OF_HOUSEHOLD",
    "ParticipantComparison",
    "age_on",
    "comparison_for",
    "current_period",
    "household_of",
    "local_schemes",
    "participant_comparison",
]

# The hours a comparison starts from when the participant has no contract yet.
DEFAULT_HOURS = Decimal(32)
KIND_OF_HOUSEHOLD: dict[str, Kind] = {
    HouseholdType.SINGLE: Kind.SINGLE,
    HouseholdType.SINGLE_PARENT: Kind.SINGLE_PARENT,
    HouseholdType.COUPLE: Kind.COUPLE,
    HouseholdType.COUPLE_WITH_CHILDREN: Kind.COUPLE,
}


def age_on(birth_month: str, day: dt.date) -> int | None:
    """The age in whole years on ``day`` of a child born in ``birth_month``
    ("YYYY-MM"; counted from the first of that month). None for a bad value."""
    try:
        year, month = (int(part) for part in birth_month.split("-"))
        born = dt.date(year, month, 1)
    except (ValueError, AttributeError):
        return None
    if born > day:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def household_of(participant: Participant, day: dt.date) -> Household | None:
    """The participant's household as the calculation sees it on ``day``; None
    when the household type is "other" (the norm is not known)."""
    kind = KIND_OF_HOUSEHOLD.get(participant.household_type)
    if kind is None:
        return None
    ages = tuple(
        age
        for month in participant.children_birth_months or []
        if (age := age_on(str(month), day)) is not None
    )
    return Household(
        kind=kind,
        children_ages=ages,
        rent_month=participant.rent_month or Decimal(0),
        partner_gross_year=(participant.partner_income_year or Decimal(0))
        if kind == Kind.COUPLE
        else Decimal(0),
    )


def local_schemes(municipality: Municipality, day: dt.date) -> tuple[LocalScheme, ...]:
    """The municipality's local schemes in force on ``day``, for the calculation."""
    rows = parameter_models.LocalScheme.objects.filter(
        Q(valid_until__isnull=True) | Q(valid_until__gte=day),
        municipality=municipality,
        valid_from__lte=day,
    ).order_by("name", "id")
    return tuple(
        LocalScheme(
            name=row.name,
            kind=row.kind,
            income_limit=row.income_limit,
            amounts=(row.amount_single, row.amount_single_parent, row.amount_couple),
        )
        for row in rows
    )


def current_period(participant: Participant, day: dt.date) -> ContractPeriod | None:
    """The contract period running on ``day``, else the next one to start."""
    periods = ContractPeriod.objects.filter(
        municipality_id=participant.municipality_id,
        contract__participant=participant,
        end_date__gte=day,
    ).order_by("start_date", "id")
    running = [p for p in periods if p.start_date <= day]
    return running[0] if running else periods.first()


@dataclass(frozen=True, slots=True)
class ParticipantComparison:
    """A comparison with what it was made from: the rules (and the values they
    used), the local schemes, and where the hours and wage came from."""

    comparison: Comparison
    rules: RulesInUse
    schemes: tuple[LocalScheme, ...]
    day: dt.date
    hours_from_contract: bool
    wage_from_contract: bool


def comparison_for(
    *,
    municipality: Municipality | None,
    household: Household,
    hours: Decimal,
    wage: Decimal,
    year: int,
    start_month: int = 1,
    pension_rate: Decimal = Decimal(0),
) -> ParticipantComparison:
    """A comparison for given inputs (no person needed); ``municipality`` adds its
    local schemes. LookupError when the tables have no values for ``year``."""
    day = dt.date(year, start_month, 1)
    rules = income_rules(year)
    schemes = local_schemes(municipality, day) if municipality is not None else ()
    job = Job(hours, wage, start_month, pension_rate)
    result = compare(rules.rules, household, job, schemes=schemes)
    return ParticipantComparison(result, rules, schemes, day, False, False)


def participant_comparison(
    participant: Participant,
    *,
    today: dt.date,
    hours: Decimal | None = None,
    wage: Decimal | None = None,
    year: int | None = None,
    start_month: int | None = None,
) -> ParticipantComparison | None:
    """The comparison for ``participant``: the hours and wage of the contract
    period running today (or the next), else 32 hours at the minimum wage;
    ``hours``/``wage``/``year``/``start_month`` override. None when the
    household type does not fix a norm ("other")."""
    household = household_of(participant, today)
    if household is None:
        return None
    period = current_period(participant, today)
    year = year or today.year
    start_month = start_month or (today.month if year == today.year else 1)
    day = dt.date(year, start_month, 1)
    wage_given = wage is not None
    use_hours = hours if hours is not None else period.hours_per_week if period else DEFAULT_HOURS
    if wage is None:
        wage = period.hourly_wage if period else minimum_wage_hourly(day).value
    result = comparison_for(
        municipality=participant.municipality,
        household=household,
        hours=use_hours,
        wage=wage,
        year=year,
        start_month=start_month,
    )
    return ParticipantComparison(
        result.comparison,
        result.rules,
        result.schemes,
        result.day,
        hours_from_contract=hours is None and period is not None,
        wage_from_contract=not wage_given and period is not None,
    )
