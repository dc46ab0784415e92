"""Choices and defaults of the evaluation study."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class StudyMethod(models.TextChoices):
    INTERVIEWS = "interviews", _("Interviews")
    FOCUS_GROUPS = "focus_groups", _("Focusgroepen")
    MIXED = "mixed", _("Interviews en focusgroepen")


class RespondentKind(models.TextChoices):
    """Who a respondent is. Only a participant is linked to a record (and shown by
    pseudonym); the others are known by their respondent code only."""

    PARTICIPANT = "participant", _("Deelnemer")
    HOST = "host", _("Werkgever")
    STAFF = "staff", _("Medewerker gemeente")
    OTHER = "other", _("Anders")


class SessionKind(models.TextChoices):
    INTERVIEW = "interview", _("Interview")
    FOCUS_GROUP = "focus_group", _("Focusgroep")


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Gepland")
    HELD = "held", _("Gehouden")
    CANCELLED = "cancelled", _("Vervallen")


class WithdrawalChoice(models.TextChoices):
    """What happens to a respondent's material when consent is withdrawn."""

    DELETE = "delete", _("Alles verwijderen")
    KEEP_UNLINKED = "keep_unlinked", _("Bewaren zonder koppeling met de persoon")


# The consent scopes a respondent can agree to, in the order of the form.
CONSENT_SCOPES: tuple[tuple[str, str], ...] = (
    ("scope_interview", "interview"),
    ("scope_recording", "recording"),
    ("scope_quotes", "quotes"),
    ("scope_linkage", "linkage"),
)

# Saturation defaults: Guest, Namey & Chen (2020), and Francis et al. (2010) 10+3.
GUEST_BASE_SIZE = 4
GUEST_RUN_LENGTH = 2
GUEST_THRESHOLD = Decimal("0.05")
FRANCIS_INITIAL = 10
FRANCIS_STOP = 3

# The colours a new code gets in turn (all with 4.5:1 contrast against white text
# is not needed: codes are shown as a coloured marker beside dark text).
CODE_COLOURS: tuple[str, ...] = (
    "#1F77B4",
    "#D62728",
    "#2CA02C",
    "#9467BD",
    "#8C564B",
    "#E377C2",
    "#7F7F7F",
    "#BCBD22",
    "#17BECF",
    "#FF7F0E",
)


class ProposalSource(models.TextChoices):
    """Where a proposed redaction comes from (calc/redaction.py's SOURCE_* values)."""

    REGISTER = "register", _("Registratie")
    DEDUCE = "deduce", _("Deduce")
    RESEARCHER = "researcher", _("Onderzoeker")


# Redaction tags: the kind of thing hidden, as shown in a pseudonymised transcript.
class RedactionTag(models.TextChoices):
    PERSON = "PERSOON", _("Persoon")
    HOST = "WERKGEVER", _("Werkgever")
    LOCATION = "LOCATIE", _("Locatie")
    INSTITUTION = "INSTELLING", _("Instelling")
    DATE = "DATUM", _("Datum")
    AGE = "LEEFTIJD", _("Leeftijd")
    BSN = "BSN", _("BSN")
    ID = "ID", _("Nummer")
    PHONE = "TELEFOONNUMMER", _("Telefoonnummer")
    EMAIL = "EMAIL", _("E-mailadres")
    URL = "URL", _("Webadres")
