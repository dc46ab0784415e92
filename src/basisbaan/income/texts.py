"""The words of "does work pay?" for people: what each simplification means, and
the household types, in plain Dutch (B1). One place for the page, the printed
comparison, the API and the command line."""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from basisbaan.calc.income import Simplification
from basisbaan.calc.income_rules import Kind

__all__ = [
    "KIND_CODE",
    "KIND_OF_CODE",
    "KIND_TEXT",
    "NO_RULES_TEXT",
    "OTHER_HOUSEHOLD_TEXT",
    "SIMPLIFICATION_STAFF_TEXT",
    "SIMPLIFICATION_TEXT",
]

# To the participant, in the printout ("u").
SIMPLIFICATION_TEXT: dict[Simplification, Promise] = {
    Simplification.ANNUAL_TAX: _(
        "De belasting is berekend over een heel jaar en gelijk over de maanden verdeeld."
    ),
    Simplification.HOLIDAY_AVERAGED: _(
        "Het vakantiegeld is als gemiddelde per maand meegeteld; meestal krijgt u het in mei."
    ),
    Simplification.NO_OTHER_INCOME: _("Andere inkomsten zijn niet meegeteld."),
    Simplification.ASSETS_BELOW_LIMITS: _(
        "Wij gaan ervan uit dat uw vermogen onder de grenzen blijft."
    ),
    Simplification.WAGE_ALL_YEAR: _("Het uurloon en de uren blijven het hele jaar gelijk."),
    Simplification.ALLOWANCES_YEARLY: _(
        "De toeslagen zijn berekend op het inkomen van een heel jaar."
    ),
    Simplification.LOCAL_REFERENCE_PERIOD: _(
        "Bij de individuele inkomenstoeslag is de referteperiode niet gecontroleerd."
    ),
}

# For the caseworker on the panel and in the API (the printout speaks to the participant).
SIMPLIFICATION_STAFF_TEXT: dict[Simplification, Promise] = {
    Simplification.ANNUAL_TAX: _(
        "De belasting is berekend over een heel jaar en gelijk over de maanden verdeeld."
    ),
    Simplification.HOLIDAY_AVERAGED: _(
        "Het vakantiegeld is als gemiddelde per maand meegeteld; meestal wordt het in mei betaald."
    ),
    Simplification.NO_OTHER_INCOME: _(
        "Alleen het loon, het loon van een partner en de bijstand tellen mee; ander inkomen "
        "(zoals alimentatie of een uitkering) niet."
    ),
    Simplification.ASSETS_BELOW_LIMITS: _(
        "Er is aangenomen dat het vermogen onder alle grenzen blijft."
    ),
    Simplification.WAGE_ALL_YEAR: _("Het uurloon en de uren zijn het hele jaar gelijk gehouden."),
    Simplification.ALLOWANCES_YEARLY: _(
        "De toeslagen zijn berekend op het inkomen van een heel jaar."
    ),
    Simplification.LOCAL_REFERENCE_PERIOD: _(
        "Bij de gemeentelijke regelingen is niet nagegaan of de deelnemer lang genoeg een "
        "laag inkomen had (de referteperiode)."
    ),
}

# The household types as the API and the command line name them.
KIND_CODE: dict[Kind, str] = {
    Kind.SINGLE: "single",
    Kind.SINGLE_PARENT: "single_parent",
    Kind.COUPLE: "couple",
}
KIND_OF_CODE: dict[str, Kind] = {code: kind for kind, code in KIND_CODE.items()}

KIND_TEXT: dict[Kind, Promise] = {
    Kind.SINGLE: _("Alleenstaand"),
    Kind.SINGLE_PARENT: _("Alleenstaande ouder"),
    Kind.COUPLE: _("Gehuwd of samenwonend"),
}

# Why a comparison cannot be made, for the page, the API and the command line.
NO_RULES_TEXT = _(
    "Voor %(year)s zijn niet alle rekenregels vastgelegd (belasting, toeslagen en bijstand). "
    "Kies een ander jaar."
)
OTHER_HOUSEHOLD_TEXT = _(
    "Bij het huishouden ‘Anders’ is de bijstandsnorm niet bekend: de berekening kan niet worden "
    "gemaakt. Leg het huishouden van de deelnemer vast."
)
