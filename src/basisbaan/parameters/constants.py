"""The legal and financial parameters the calculations need, by key.

Each key has a unit: ``fraction`` (0.08 = 8 %) or ``eur``. Values live in the
dated table :class:`~basisbaan.parameters.models.ParameterValue`, never in code.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Unit(models.TextChoices):
    FRACTION = "fraction", _("fractie (0,08 = 8%)")
    EUR = "eur", _("euro")


class ParameterKey(models.TextChoices):
    # Statutory minimum wage, 21 and over, gross per hour. Before 2024 the hourly
    # amount depended on the employer's full-time week: one key per week length.
    MINIMUM_WAGE_HOURLY = "minimum_wage_hourly", _("WML per uur (21+)")
    MINIMUM_WAGE_HOURLY_36 = (
        "minimum_wage_hourly_36",
        _("WML per uur bij 36-urige werkweek (vóór 2024)"),
    )
    MINIMUM_WAGE_HOURLY_38 = (
        "minimum_wage_hourly_38",
        _("WML per uur bij 38-urige werkweek (vóór 2024)"),
    )
    MINIMUM_WAGE_HOURLY_40 = (
        "minimum_wage_hourly_40",
        _("WML per uur bij 40-urige werkweek (vóór 2024)"),
    )
    MINIMUM_WAGE_MONTHLY = "minimum_wage_monthly", _("WML per maand (21+, tot 2024)")
    YOUTH_20 = "youth_pct_20", _("Jeugdloon 20 jaar (deel van WML)")
    YOUTH_19 = "youth_pct_19", _("Jeugdloon 19 jaar (deel van WML)")
    YOUTH_18 = "youth_pct_18", _("Jeugdloon 18 jaar (deel van WML)")
    YOUTH_17 = "youth_pct_17", _("Jeugdloon 17 jaar (deel van WML)")
    YOUTH_16 = "youth_pct_16", _("Jeugdloon 16 jaar (deel van WML)")
    YOUTH_15 = "youth_pct_15", _("Jeugdloon 15 jaar (deel van WML)")
    HOLIDAY_ALLOWANCE = "holiday_allowance", _("Vakantiegeld")
    AWF_LOW = "awf_low", _("AWf laag (vast contract)")
    AWF_HIGH = "awf_high", _("AWf hoog (overige contracten)")
    UFO = "ufo", _("Ufo (overheidswerkgevers)")
    AOF_LOW = "aof_low", _("Aof laag (kleine werkgevers)")
    AOF_HIGH = "aof_high", _("Aof hoog (grote werkgevers)")
    CHILDCARE_SURCHARGE = "childcare_surcharge", _("Opslag kinderopvang")
    WHK = "whk", _("Whk (gemiddeld)")
    ZVW_EMPLOYER = "zvw_employer", _("Werkgeversheffing Zvw")
    MAX_PREMIUM_WAGE = "max_premium_wage", _("Maximum premieloon per jaar")
    LKS_EMPLOYER_CHARGES = "lks_employer_charges", _("LKS: forfait werkgeverslasten")
    LKS_CAP = "lks_cap", _("LKS: maximum (deel van WML)")
    # Participatiewet net norms per month, 21 to AOW age, including the 5 %
    # holiday allowance: what one benefit pays a household.
    ASSISTANCE_NORM_SINGLE = (
        "assistance_norm_single",
        _("Bijstandsnorm alleenstaande (ouder) per maand, incl. vakantiegeld"),
    )
    ASSISTANCE_NORM_COUPLE = (
        "assistance_norm_couple",
        _("Bijstandsnorm gehuwden per maand, incl. vakantiegeld"),
    )


UNITS: dict[str, Unit] = {
    ParameterKey.MINIMUM_WAGE_HOURLY: Unit.EUR,
    ParameterKey.MINIMUM_WAGE_HOURLY_36: Unit.EUR,
    ParameterKey.MINIMUM_WAGE_HOURLY_38: Unit.EUR,
    ParameterKey.MINIMUM_WAGE_HOURLY_40: Unit.EUR,
    ParameterKey.MINIMUM_WAGE_MONTHLY: Unit.EUR,
    ParameterKey.MAX_PREMIUM_WAGE: Unit.EUR,
    ParameterKey.ASSISTANCE_NORM_SINGLE: Unit.EUR,
    ParameterKey.ASSISTANCE_NORM_COUPLE: Unit.EUR,
}


def unit_of(key: str) -> Unit:
    return UNITS.get(key, Unit.FRACTION)
