"""Choices of the contracts app: renewal decisions, full-time weeks, wage-value methods."""

from __future__ import annotations

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

# Alerts look this far ahead: decisions due, re-measurements due.
DEFAULT_HORIZON_WEEKS: Final = 8
DEFAULT_REMEASUREMENT_MONTHS: Final = 12


class Decision(models.TextChoices):
    RENEW = "renew", _("Verlengen")
    NOT_RENEW = "not_renew", _("Niet verlengen")
    PERMANENT = "permanent", _("Vast contract")


class EndReason(models.TextChoices):
    """Why employment under a contract ended: decides whether a transition payment is due."""

    NOT_RENEWED = "not_renewed", _("Niet verlengd door de werkgever")
    PROGRAMME_END = "programme_end", _("Einde van het programma")
    DISMISSAL = "dismissal", _("Ontslag door de werkgever")
    MUTUAL = "mutual", _("Met wederzijds goedvinden")
    RESIGNED = "resigned", _("Opzegging door de werknemer")
    SERIOUS_CULPABLE = "serious_culpable", _("Ernstig verwijtbaar handelen van de werknemer")


# End reasons after which no transition payment is due (art. 7:673 lid 7 BW; the
# employee's own resignation is not the employer's initiative).
NO_TRANSITION_PAYMENT: Final = frozenset({EndReason.RESIGNED, EndReason.SERIOUS_CULPABLE})


class PermanentReason(models.TextChoices):
    """How a contract became permanent."""

    DECISION = "decision", _("Besluit")
    CHAIN_COUNT = "chain_count", _("Ketenregeling: aantal contracten")
    CHAIN_DURATION = "chain_duration", _("Ketenregeling: duur van de keten")


class WageLineReason(models.TextChoices):
    """Why the hourly wage changes within a contract period."""

    MINIMUM_WAGE = "minimum_wage", _("Verhoging minimumloon")
    CAO = "cao", _("Cao-verhoging")
    AGE = "age", _("Verjaardag (jeugdloon)")
    OTHER = "other", _("Anders")


class LkvKind(models.TextChoices):
    """The wage-cost advantages (Wet tegemoetkomingen loondomein) a participant may bring."""

    BANENAFSPRAAK = "banenafspraak", _("Doelgroep banenafspraak")
    SCHOLINGSBELEMMERD = "scholingsbelemmerd", _("Scholingsbelemmerde werknemer")
    OLDER = "older", _("Oudere werknemer (56+)")
    DISABLED = "disabled", _("Arbeidsgehandicapte werknemer")
    REPLACED = "replaced", _("Herplaatste arbeidsgehandicapte werknemer")


class FulltimeWeek(models.IntegerChoices):
    """The employer's normal full-time week: before 2024 the hourly minimum wage depended on it."""

    H36 = 36, _("36 uur")
    H38 = 38, _("38 uur")
    H40 = 40, _("40 uur")


class WageValueMethod(models.TextChoices):
    UNIFORM = "uniform", _("Uniforme loonwaardemethode")
    OTHER = "other", _("Andere gevalideerde methode")


# A contract's editable fields (service, form).
CONTRACT_FIELDS: Final = (
    "employer_name",
    "reference",
    "employee_number",
    "wage_subsidy",
)

# A wage-value measurement's editable fields (the new one also names its participant).
WAGE_VALUE_FIELDS: Final = (
    "measured_on",
    "percentage",
    "method",
    "assessor",
    "next_measurement_on",
    "note",
)

# A programme's contract settings (service, form).
CONTRACT_SETTINGS_FIELDS: Final = (
    "default_employer_name",
    "fulltime_hours",
    "remeasurement_months",
    "chain_max_contracts",
    "chain_max_months",
    "chain_max_gap_months",
    "chain_across_employers",
)

# A wage-cost advantage's editable fields (service, form, serializer); the participant
# is chosen when it is recorded.
LKV_FIELDS: Final = (
    "kind",
    "start_date",
    "end_date",
    "employment_start",
    "declaration_reference",
    "declaration_date",
    "note",
)
# Every kind needs a doelgroepverklaring but the banenafspraak (the doelgroepregister).
LKV_NO_DECLARATION: Final = frozenset({LkvKind.BANENAFSPRAAK})
