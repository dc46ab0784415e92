"""Exits, follow-up measurements and the business case's assumptions, by code.

The definitions behind every outcome figure are in docs/outcomes.md; the
suppression rule in :mod:`basisbaan.calc.suppression`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExitKind(models.TextChoices):
    PLACEMENT = "placement", _("Plaatsing beëindigd, blijft in het programma")
    PROGRAMME = "programme", _("Uit het programma")


class ContractType(models.TextChoices):
    FIXED_TERM = "fixed_term", _("Bepaalde tijd")
    PERMANENT = "permanent", _("Onbepaalde tijd")


class WageBand(models.TextChoices):
    """The new wage against the statutory minimum wage (WML)."""

    MINIMUM = "minimum", _("Tot 110% van het minimumloon")
    LOW = "low", _("110% tot 130% van het minimumloon")
    MIDDLE = "middle", _("130% tot 160% van het minimumloon")
    HIGH = "high", _("160% van het minimumloon of meer")


class FollowUpStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MEASURED = "measured", _("Gemeten")
    NOT_REACHABLE = "not_reachable", _("Niet bereikbaar")


class Assistance(models.TextChoices):
    """Social assistance (bijstand) the person receives at a measurement."""

    NONE = "none", _("Geen bijstand")
    PARTIAL = "partial", _("Aanvullende bijstand")
    FULL = "full", _("Volledige bijstand")


# Months after the exit at which a follow-up is measured: 1 is CBS's "uitstroom
# naar werk" (work one month after the benefit ended); 6 and 18 are CBS's
# durability points (domain-facts-2 §2.1).
FOLLOW_UP_MONTHS: Final = (1, 3, 6, 12, 18)
# A measurement is due from this many days before its date (the worklist shows it)
# and overdue this many days after it.
DUE_BEFORE_DAYS: Final = 14
OVERDUE_AFTER_DAYS: Final = 28

# Retention in the basisbaan: still in the job this many months after the start
# (the eindbaan track's success measure).
RETENTION_MONTHS: Final = (6, 12, 24)

# The municipal default of the suppression threshold (domain-facts-2 §3.3).
DEFAULT_THRESHOLD: Final = 5


class AssumptionKey(models.TextChoices):
    DEADWEIGHT_TRANSITION = "deadweight_transition", _("Deadweight doorstroomspoor")
    DEADWEIGHT_SOCIAL_VALUE = (
        "deadweight_social_value",
        _("Deadweight spoor maatschappelijke waarde"),
    )
    EXECUTION_COST_YEAR = "execution_cost_year", _("Uitvoeringskosten van één uitkering per jaar")
    PARTIAL_SHARE = "partial_share", _("Aanvullende bijstand als deel van de norm")
    LKS_PROGRAMME_INCOME = (
        "lks_programme_income",
        _("Loonkostensubsidie komt uit de BUIG en ontlast het programmabudget"),
    )


class AssumptionUnit(models.TextChoices):
    FRACTION = "fraction", _("fractie (0,10 = 10%)")
    EUR = "eur", _("euro")
    FLAG = "flag", _("ja (1) of nee (0)")


@dataclass(frozen=True, slots=True)
class AssumptionDefault:
    """What the business case assumes until the controller records otherwise."""

    value: Decimal
    unit: str
    source: str


# Valid from this day when nothing is stored (before every programme).
DEFAULT_FROM: Final = dt.date(2000, 1, 1)

ASSUMPTION_DEFAULTS: Final[dict[str, AssumptionDefault]] = {
    AssumptionKey.DEADWEIGHT_TRANSITION: AssumptionDefault(
        Decimal("0.10"),
        AssumptionUnit.FRACTION,
        "Aanname: langdurig bijstandsgerechtigden stromen zelden zelf uit (Divosa Benchmark "
        "2023: 23,4% uitstroom per jaar over de hele bijstand, lager naarmate de uitkering "
        "langer duurt); 10% als voorzichtige standaard",
    ),
    AssumptionKey.DEADWEIGHT_SOCIAL_VALUE: AssumptionDefault(
        Decimal("0"),
        AssumptionUnit.FRACTION,
        "Aanname: zonder de basisbaan geen baan (doelgroep zonder reëel perspectief op werk)",
    ),
    AssumptionKey.EXECUTION_COST_YEAR: AssumptionDefault(
        Decimal("2883"),
        AssumptionUnit.EUR,
        "Berenschot (augustus 2018), steekproef van 30 gemeenten: circa EUR 2.883 per "
        "uitkering per jaar aan uitvoering (aanname, niet geïndexeerd)",
    ),
    AssumptionKey.PARTIAL_SHARE: AssumptionDefault(
        Decimal("0.50"),
        AssumptionUnit.FRACTION,
        "Aanname: als het bedrag van de aanvullende bijstand niet is vastgelegd, de helft "
        "van de norm",
    ),
    AssumptionKey.LKS_PROGRAMME_INCOME: AssumptionDefault(
        Decimal("1"),
        AssumptionUnit.FLAG,
        "Participatiewet art. 10d: de loonkostensubsidie wordt betaald uit de BUIG en "
        "ontlast het programmabudget",
    ),
}
