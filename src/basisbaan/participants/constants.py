from __future__ import annotations

from typing import Final

from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.tenancy.roles import Role


class HouseholdType(models.TextChoices):
    SINGLE = "single", _("Alleenstaand")
    SINGLE_PARENT = "single_parent", _("Alleenstaande ouder")
    COUPLE = "couple", _("Gehuwd of samenwonend")
    COUPLE_WITH_CHILDREN = "couple_with_children", _("Gehuwd of samenwonend met kinderen")
    OTHER = "other", _("Anders")


class ParticipantStatus(models.TextChoices):
    REFERRED = "referred", _("Aangemeld")
    INTAKE = "intake", _("In intake")
    WAITING = "waiting", _("Wachtlijst")
    PLACED = "placed", _("Geplaatst")
    REJECTED = "rejected", _("Niet toegelaten")
    EXITED = "exited", _("Uitgestroomd")


class ExitReason(models.TextChoices):
    """Why a placement ended or a participant left the programme (a fixed list).

    The two work reasons ask what came after: employer, hours, contract type
    and wage band (see :mod:`basisbaan.outcomes`).
    """

    REGULAR_WORK_HOST = "regular_work_host", _("Regulier werk bij de werkgever")
    REGULAR_WORK_ELSEWHERE = "regular_work_elsewhere", _("Regulier werk elders")
    EDUCATION = "education", _("Opleiding")
    MOVED = "moved", _("Verhuisd")
    HEALTH = "health", _("Gezondheid")
    PROGRAMME_ENDED = "programme_ended", _("Einde programma")
    OWN_CHOICE = "own_choice", _("Eigen keuze")
    DISMISSAL = "dismissal", _("Ontslag")
    OTHER = "other", _("Anders")


# The exit reasons that are work: they record what the work is.
WORK_REASONS = frozenset({ExitReason.REGULAR_WORK_HOST, ExitReason.REGULAR_WORK_ELSEWHERE})


# Participants in the programme: each has exactly one fixed contact person.
ACTIVE_STATUSES = frozenset(
    {ParticipantStatus.INTAKE, ParticipantStatus.WAITING, ParticipantStatus.PLACED}
)

# The allowed status transitions. Everything else is refused by the service.
TRANSITIONS: dict[str, frozenset[str]] = {
    ParticipantStatus.REFERRED: frozenset({ParticipantStatus.INTAKE, ParticipantStatus.EXITED}),
    ParticipantStatus.INTAKE: frozenset(
        {ParticipantStatus.WAITING, ParticipantStatus.REJECTED, ParticipantStatus.EXITED}
    ),
    ParticipantStatus.WAITING: frozenset({ParticipantStatus.PLACED, ParticipantStatus.EXITED}),
    ParticipantStatus.PLACED: frozenset({ParticipantStatus.WAITING, ParticipantStatus.EXITED}),
    ParticipantStatus.REJECTED: frozenset({ParticipantStatus.REFERRED}),
    ParticipantStatus.EXITED: frozenset({ParticipantStatus.REFERRED}),
}

PERSONAL_FIELDS = [
    "bsn",
    "first_name",
    "name_prefix",
    "last_name",
    "date_of_birth",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
]

# Who may be a participant's one fixed contact person.
CONTACT_ROLES = frozenset({Role.CASEWORKER, Role.JOBCOACH, Role.PROGRAMME_MANAGER})

# A participant's editable fields (the service's whitelist, the form and the API).
PARTICIPANT_FIELDS: Final = (
    "programme",
    "bsn",
    "first_name",
    "name_prefix",
    "last_name",
    "date_of_birth",
    "email",
    "phone",
    "street",
    "postcode",
    "city",
    "household_type",
    "social_assistance_start",
    # The household for "does work pay?" (participants/household.py checks them).
    "children_birth_months",
    "rent_month",
    "partner_income_year",
)
