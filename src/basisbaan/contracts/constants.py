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
