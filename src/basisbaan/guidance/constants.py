"""Choices and defaults of the guidance app."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.tenancy.roles import Role

# Programme settings made on first use: the pilot's planned guidance (about 200
# hours per participant per year, from the council letter) and a session every
# six weeks. Both are settings per programme, not law.
DEFAULT_NORM_HOURS = Decimal(200)
DEFAULT_CADENCE_WEEKS = 6

# Hours are logged in quarters of an hour, at most a working day per cell.
HOURS_STEP = Decimal("0.25")
MAX_HOURS_PER_ENTRY = Decimal(24)
# The largest hours file the page and the API take.
HOURS_MAX_UPLOAD_BYTES: Final = 20 * 1024 * 1024

# Who logs guidance hours and takes part in feedback sessions as staff.
STAFF_ROLES = frozenset({Role.CASEWORKER, Role.JOBCOACH, Role.PROGRAMME_MANAGER})


class Activity(models.TextChoices):
    INTAKE = "intake", _("Intake")
    COACHING = "coaching", _("Coaching op de werkplek")
    HOST_CONTACT = "host_contact", _("Contact met de werkgever")
    PAYROLL_CONTACT = "payroll_contact", _("Contact met de verloningspartij")
    ADMINISTRATION = "administration", _("Administratie")
    TRAVEL = "travel", _("Reistijd")
    OTHER = "other", _("Overig")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    HELD = "held", _("Gehouden")
    CANCELLED = "cancelled", _("Vervallen")


class SignalKind(models.TextChoices):
    ABSENCE = "absence", _("Verzuim")
    CONFLICT = "conflict", _("Conflict")
    MONEY = "money", _("Geldzorgen")
    DROPOUT = "dropout", _("Risico op uitval")


SCORE_FIELDS = ("score_work", "score_wellbeing", "score_finances", "score_host")

# A programme's guidance settings (service, form).
GUIDANCE_SETTINGS_FIELDS: Final = (
    "norm_hours",
    "cadence_weeks",
    "hourly_rate",
    "rate_source",
    "rate_date",
)

# What is recorded of a held feedback session (service, form).
SESSION_RECORD_FIELDS: Final = (
    "held_on",
    "participant_present",
    "host_contact",
    "jobcoach",
    "caseworker",
    "score_work",
    "score_wellbeing",
    "score_finances",
    "score_host",
    "notes",
)


class HoursImportStatus(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    IMPORTED = "imported", _("ingelezen")
    CHECKED = "checked", _("gecontroleerd")
    REFUSED = "refused", _("afgekeurd")
    FAILED = "failed", _("mislukt")
