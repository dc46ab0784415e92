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
    # An amount that may be zero or negative (the huurtoeslag's taakstellingsbedrag).
    EUR_ANY = "eur_any", _("euro (nul of negatief mag)")
    # A coefficient of a formula (the huurtoeslag factors): any sign, 12 decimals.
    FACTOR = "factor", _("factor")
    MONTHS = "months", _("maanden")
    FLAG = "flag", _("ja (1) of nee (0)")
    HOURS = "hours", _("uren")


class LocalSchemeKind(models.TextChoices):
    IIT = "iit", _("Individuele inkomenstoeslag")
    REMISSION = "remission", _("Kwijtschelding lokale lasten")
    OTHER = "other", _("Andere regeling")


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
    ASSISTANCE_NORM_SINGLE_PARENT = (
        "assistance_norm_single_parent",
        _("Bijstandsnorm alleenstaande ouder per maand, incl. vakantiegeld"),
    )
    ASSISTANCE_HOLIDAY_SHARE = (
        "assistance_holiday_share",
        _("Bijstand: deel vakantiegeld in de norm"),
    )
    # Inkomstenvrijlating (Participatiewet art. 31 lid 2 onder n).
    DISREGARD_RATE = "disregard_rate", _("Inkomstenvrijlating: deel van het netto loon")
    DISREGARD_CAP = "disregard_cap_month", _("Inkomstenvrijlating: maximum per maand")
    DISREGARD_MONTHS = "disregard_months", _("Inkomstenvrijlating: duur")
    # Box 1 below AOW age (rates including national-insurance premiums).
    TAX_LIMIT_1 = "tax_bracket_1_limit", _("Box 1: einde schijf 1")
    TAX_LIMIT_2 = (
        "tax_bracket_2_limit",
        _("Box 1: einde schijf 2 (gelijk aan schijf 1: geen schijf 2)"),
    )
    TAX_RATE_1 = "tax_bracket_1_rate", _("Box 1: tarief schijf 1")
    TAX_RATE_2 = "tax_bracket_2_rate", _("Box 1: tarief schijf 2")
    TAX_RATE_3 = "tax_bracket_3_rate", _("Box 1: tarief hoogste schijf")
    GENERAL_CREDIT_MAX = "general_credit_max", _("Algemene heffingskorting: maximum")
    GENERAL_CREDIT_START = "general_credit_start", _("Algemene heffingskorting: afbouw vanaf")
    GENERAL_CREDIT_RATE = "general_credit_rate", _("Algemene heffingskorting: afbouwpercentage")
    LABOUR_CREDIT_END_1 = "labour_credit_end_1", _("Arbeidskorting: einde deel 1")
    LABOUR_CREDIT_RATE_1 = "labour_credit_rate_1", _("Arbeidskorting: opbouw deel 1")
    LABOUR_CREDIT_END_2 = "labour_credit_end_2", _("Arbeidskorting: einde deel 2")
    LABOUR_CREDIT_RATE_2 = "labour_credit_rate_2", _("Arbeidskorting: opbouw deel 2")
    LABOUR_CREDIT_END_3 = "labour_credit_end_3", _("Arbeidskorting: einde deel 3 (maximum)")
    LABOUR_CREDIT_RATE_3 = "labour_credit_rate_3", _("Arbeidskorting: opbouw deel 3")
    LABOUR_CREDIT_PHASEOUT = "labour_credit_phaseout", _("Arbeidskorting: afbouwpercentage")
    # Zorgtoeslag.
    HEALTHCARE_PREMIUM = "healthcare_standard_premium", _("Zorgtoeslag: standaardpremie per jaar")
    HEALTHCARE_THRESHOLD = "healthcare_threshold", _("Zorgtoeslag: drempelinkomen")
    HEALTHCARE_SHARE_SINGLE = (
        "healthcare_share_single",
        _("Zorgtoeslag: normpremie, deel van het drempelinkomen, alleenstaand"),
    )
    HEALTHCARE_SHARE_PARTNER = (
        "healthcare_share_partner",
        _("Zorgtoeslag: normpremie, deel van het drempelinkomen, met toeslagpartner"),
    )
    HEALTHCARE_RATE = "healthcare_rate", _("Zorgtoeslag: afbouw boven het drempelinkomen")
    HEALTHCARE_LIMIT_SINGLE = (
        "healthcare_limit_single",
        _("Zorgtoeslag: inkomensgrens alleenstaand"),
    )
    HEALTHCARE_LIMIT_PARTNER = (
        "healthcare_limit_partner",
        _("Zorgtoeslag: inkomensgrens met toeslagpartner"),
    )
    # Huurtoeslag.
    RENT_MAX = "rent_max", _("Huurtoeslag: maximale huurgrens")
    RENT_MAX_CAPS = "rent_max_caps", _("Huurtoeslag: huur boven de grens telt tot de grens mee")
    RENT_QUALITY_LIMIT = "rent_quality_limit", _("Huurtoeslag: kwaliteitskortingsgrens")
    RENT_CAP_SMALL = "rent_cap_small", _("Huurtoeslag: aftoppingsgrens 1-2 personen")
    RENT_CAP_LARGE = "rent_cap_large", _("Huurtoeslag: aftoppingsgrens 3 of meer personen")
    RENT_MIN_NORM_SINGLE = "rent_min_norm_single", _("Huurtoeslag: minimum normhuur eenpersoons")
    RENT_MIN_NORM_MULTI = "rent_min_norm_multi", _("Huurtoeslag: minimum normhuur meerpersoons")
    RENT_FACTOR_A_SINGLE = "rent_factor_a_single", _("Huurtoeslag: factor a eenpersoons")
    RENT_FACTOR_B_SINGLE = "rent_factor_b_single", _("Huurtoeslag: factor b eenpersoons")
    RENT_FACTOR_A_MULTI = "rent_factor_a_multi", _("Huurtoeslag: factor a meerpersoons")
    RENT_FACTOR_B_MULTI = "rent_factor_b_multi", _("Huurtoeslag: factor b meerpersoons")
    RENT_TARGET = "rent_target", _("Huurtoeslag: taakstellingsbedrag")
    RENT_RATE_MIDDLE = "rent_rate_middle", _("Huurtoeslag: deel tot de aftoppingsgrens")
    RENT_RATE_HIGH_SINGLE = (
        "rent_rate_high_single",
        _("Huurtoeslag: deel boven de aftoppingsgrens, eenpersoons"),
    )
    RENT_RATE_HIGH_MULTI = (
        "rent_rate_high_multi",
        _("Huurtoeslag: deel boven de aftoppingsgrens, meerpersoons"),
    )
    RENT_PHASEOUT_POINT_SINGLE = (
        "rent_phaseout_point_single",
        _("Huurtoeslag: afbouw vanaf inkomen, eenpersoons"),
    )
    RENT_PHASEOUT_POINT_MULTI = (
        "rent_phaseout_point_multi",
        _("Huurtoeslag: afbouw vanaf inkomen, meerpersoons"),
    )
    RENT_PHASEOUT_RATE_SINGLE = (
        "rent_phaseout_rate_single",
        _("Huurtoeslag: afbouwpercentage eenpersoons"),
    )
    RENT_PHASEOUT_RATE_MULTI = (
        "rent_phaseout_rate_multi",
        _("Huurtoeslag: afbouwpercentage meerpersoons"),
    )
    # Kindgebonden budget.
    CHILD_PER_CHILD = "child_per_child", _("Kindgebonden budget: per kind per jaar")
    CHILD_EXTRA_12 = "child_extra_12", _("Kindgebonden budget: extra kind 12-15 jaar")
    CHILD_EXTRA_16 = "child_extra_16", _("Kindgebonden budget: extra kind 16-17 jaar")
    CHILD_SINGLE_PARENT = "child_single_parent", _("Kindgebonden budget: alleenstaande-ouderkop")
    CHILD_RATE = "child_rate", _("Kindgebonden budget: afbouwpercentage")
    CHILD_THRESHOLD_SINGLE = (
        "child_threshold_single",
        _("Kindgebonden budget: afbouw vanaf, alleenstaand"),
    )
    CHILD_THRESHOLD_PARTNER = (
        "child_threshold_partner",
        _("Kindgebonden budget: afbouw vanaf, met partner"),
    )

    # Transitievergoeding (art. 7:673 lid 2 BW): the yearly maximum, or a year's salary if higher.
    TRANSITION_PAYMENT_MAX = (
        "transition_payment_max",
        _("Transitievergoeding: maximum (of een jaarsalaris als dat hoger is)"),
    )

    # Loonkostenvoordelen (Wet tegemoetkomingen loondomein): per kind an amount per
    # paid hour, a yearly maximum per employee and a maximum duration from the start of
    # the employment. Where the law changed for new employment only, a "trans" pair
    # (overgangsrecht) holds the amounts for employment begun before the date of its
    # first row. See :mod:`basisbaan.parameters.seed_lkv`. An amount of 0: abolished.
    LKV_DISABLED_HOURLY = "lkv_disabled_hourly", _("LKV arbeidsgehandicapte: per verloond uur")
    LKV_DISABLED_MAX = "lkv_disabled_max", _("LKV arbeidsgehandicapte: maximum per jaar")
    LKV_DISABLED_MONTHS = "lkv_disabled_months", _("LKV arbeidsgehandicapte: maximale duur")
    LKV_REPLACED_HOURLY = (
        "lkv_replaced_hourly",
        _("LKV herplaatste arbeidsgehandicapte: per verloond uur"),
    )
    LKV_REPLACED_MAX = (
        "lkv_replaced_max",
        _("LKV herplaatste arbeidsgehandicapte: maximum per jaar"),
    )
    LKV_REPLACED_MONTHS = (
        "lkv_replaced_months",
        _("LKV herplaatste arbeidsgehandicapte: maximale duur"),
    )
    LKV_BANENAFSPRAAK_HOURLY = (
        "lkv_banenafspraak_hourly",
        _("LKV doelgroep banenafspraak: per verloond uur"),
    )
    LKV_BANENAFSPRAAK_MAX = (
        "lkv_banenafspraak_max",
        _("LKV doelgroep banenafspraak: maximum per jaar"),
    )
    LKV_BANENAFSPRAAK_MONTHS = (
        "lkv_banenafspraak_months",
        _("LKV doelgroep banenafspraak: maximale duur"),
    )
    LKV_BANENAFSPRAAK_NO_LIMIT = (
        "lkv_banenafspraak_no_limit",
        _("LKV doelgroep banenafspraak: zolang de dienstbetrekking duurt (geen maximale duur)"),
    )
    LKV_BANENAFSPRAAK_TRANS_HOURLY = (
        "lkv_banenafspraak_trans_hourly",
        _("LKV doelgroep banenafspraak, overgangsrecht: per verloond uur"),
    )
    LKV_BANENAFSPRAAK_TRANS_MAX = (
        "lkv_banenafspraak_trans_max",
        _("LKV doelgroep banenafspraak, overgangsrecht: maximum per jaar"),
    )
    LKV_SCHOLING_HOURLY = "lkv_scholing_hourly", _("LKV scholingsbelemmerde: per verloond uur")
    LKV_SCHOLING_MAX = "lkv_scholing_max", _("LKV scholingsbelemmerde: maximum per jaar")
    LKV_SCHOLING_MONTHS = "lkv_scholing_months", _("LKV scholingsbelemmerde: maximale duur")
    LKV_SCHOLING_TRANS_HOURLY = (
        "lkv_scholing_trans_hourly",
        _("LKV scholingsbelemmerde, overgangsrecht: per verloond uur"),
    )
    LKV_SCHOLING_TRANS_MAX = (
        "lkv_scholing_trans_max",
        _("LKV scholingsbelemmerde, overgangsrecht: maximum per jaar"),
    )
    LKV_OLDER_HOURLY = "lkv_older_hourly", _("LKV oudere werknemer: per verloond uur")
    LKV_OLDER_MAX = "lkv_older_max", _("LKV oudere werknemer: maximum per jaar")
    LKV_OLDER_MONTHS = "lkv_older_months", _("LKV oudere werknemer: maximale duur")
    LKV_OLDER_TRANS_HOURLY = (
        "lkv_older_trans_hourly",
        _("LKV oudere werknemer, overgangsrecht: per verloond uur"),
    )
    LKV_OLDER_TRANS_MAX = (
        "lkv_older_trans_max",
        _("LKV oudere werknemer, overgangsrecht: maximum per jaar"),
    )

    # ESF+ 2021-2027 simplified cost options (Reg. (EU) 2021/1060).
    ESF_FLAT_RATE = "esf_flat_rate", _("ESF+: forfait bovenop de directe personeelskosten")
    ESF_STANDARD_HOURS = "esf_standard_hours", _("ESF+: uren per jaar voor het uurtarief")


UNITS: dict[str, Unit] = {
    ParameterKey.MINIMUM_WAGE_HOURLY: Unit.EUR,
    ParameterKey.MINIMUM_WAGE_HOURLY_36: Unit.EUR,
    ParameterKey.MINIMUM_WAGE_HOURLY_38: Unit.EUR,
    ParameterKey.MINIMUM_WAGE_HOURLY_40: Unit.EUR,
    ParameterKey.MINIMUM_WAGE_MONTHLY: Unit.EUR,
    ParameterKey.MAX_PREMIUM_WAGE: Unit.EUR,
    ParameterKey.ASSISTANCE_NORM_SINGLE: Unit.EUR,
    ParameterKey.ASSISTANCE_NORM_COUPLE: Unit.EUR,
    ParameterKey.ASSISTANCE_NORM_SINGLE_PARENT: Unit.EUR,
    ParameterKey.DISREGARD_CAP: Unit.EUR,
    ParameterKey.DISREGARD_MONTHS: Unit.MONTHS,
    ParameterKey.TAX_LIMIT_1: Unit.EUR,
    ParameterKey.TAX_LIMIT_2: Unit.EUR,
    ParameterKey.GENERAL_CREDIT_MAX: Unit.EUR,
    ParameterKey.GENERAL_CREDIT_START: Unit.EUR,
    ParameterKey.LABOUR_CREDIT_END_1: Unit.EUR,
    ParameterKey.LABOUR_CREDIT_END_2: Unit.EUR,
    ParameterKey.LABOUR_CREDIT_END_3: Unit.EUR,
    ParameterKey.HEALTHCARE_PREMIUM: Unit.EUR,
    ParameterKey.HEALTHCARE_THRESHOLD: Unit.EUR,
    ParameterKey.HEALTHCARE_LIMIT_SINGLE: Unit.EUR,
    ParameterKey.HEALTHCARE_LIMIT_PARTNER: Unit.EUR,
    ParameterKey.RENT_MAX: Unit.EUR,
    ParameterKey.RENT_QUALITY_LIMIT: Unit.EUR,
    ParameterKey.RENT_CAP_SMALL: Unit.EUR,
    ParameterKey.RENT_CAP_LARGE: Unit.EUR,
    ParameterKey.RENT_MAX_CAPS: Unit.FLAG,
    ParameterKey.RENT_MIN_NORM_SINGLE: Unit.EUR,
    ParameterKey.RENT_MIN_NORM_MULTI: Unit.EUR,
    ParameterKey.RENT_PHASEOUT_POINT_SINGLE: Unit.EUR_ANY,
    ParameterKey.RENT_PHASEOUT_POINT_MULTI: Unit.EUR_ANY,
    ParameterKey.RENT_FACTOR_A_SINGLE: Unit.FACTOR,
    ParameterKey.RENT_FACTOR_B_SINGLE: Unit.FACTOR,
    ParameterKey.RENT_FACTOR_A_MULTI: Unit.FACTOR,
    ParameterKey.RENT_FACTOR_B_MULTI: Unit.FACTOR,
    ParameterKey.RENT_TARGET: Unit.EUR_ANY,
    ParameterKey.CHILD_PER_CHILD: Unit.EUR,
    ParameterKey.CHILD_EXTRA_12: Unit.EUR,
    ParameterKey.CHILD_EXTRA_16: Unit.EUR,
    ParameterKey.CHILD_SINGLE_PARENT: Unit.EUR,
    ParameterKey.CHILD_THRESHOLD_SINGLE: Unit.EUR,
    ParameterKey.CHILD_THRESHOLD_PARTNER: Unit.EUR,
    ParameterKey.ESF_STANDARD_HOURS: Unit.HOURS,
    ParameterKey.TRANSITION_PAYMENT_MAX: Unit.EUR,
    # The LKV amounts may be 0 (abolished for new employment), hence EUR_ANY.
    **{
        key: Unit.EUR_ANY
        for key in ParameterKey.values
        if key.startswith("lkv_") and key.endswith(("_hourly", "_max"))
    },
    **{
        key: Unit.MONTHS
        for key in ParameterKey.values
        if key.startswith("lkv_") and key.endswith("_months")
    },
    ParameterKey.LKV_BANENAFSPRAAK_NO_LIMIT: Unit.FLAG,
}


def unit_of(key: str) -> Unit:
    return UNITS.get(key, Unit.FRACTION)


# The keys of "does work pay?" that change every 1 January.
INCOME_YEARLY_KEYS: frozenset[str] = frozenset(
    key
    for key in ParameterKey.values
    if key.startswith(
        ("tax_", "general_credit_", "labour_credit_", "healthcare_", "rent_", "child_")
    )
)
