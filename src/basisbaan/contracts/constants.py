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
)
