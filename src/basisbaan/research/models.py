"""The evaluation study: studies, respondents and their consent, interviews and
focus groups, pseudonymised transcripts, the codebook, memos and codings.

A transcript holds the pseudonymised text only: the original is never stored
(research/services.py redacts it before the first save). Codings point into that
text by character offsets (Unicode code points), as REFI-QDA's ``startPosition``
and ``endPosition`` do.
"""

from __future__ import annotations

import uuid
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.hosts.models import Host
from basisbaan.participants.models import Participant
from basisbaan.programmes.models import Programme
from basisbaan.research.constants import (
    FRANCIS_INITIAL,
    FRANCIS_STOP,
    GUEST_BASE_SIZE,
    GUEST_RUN_LENGTH,
    GUEST_THRESHOLD,
    RespondentKind,
    SessionKind,
    SessionStatus,
    StudyMethod,
    WithdrawalChoice,
)
from basisbaan.tenancy.models import TenantModel


class Study(TenantModel):
    """An evaluation study of a programme, with its saturation settings."""

    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="+", verbose_name=_("programma")
    )
    title = models.CharField(_("titel"), max_length=200)
    question = models.TextField(_("onderzoeksvraag"))
    method = models.CharField(
        _("methode"), max_length=20, choices=StudyMethod.choices, default=StudyMethod.MIXED
    )
    period_start = models.DateField(_("periode vanaf"))
    period_end = models.DateField(_("periode tot en met"))
    ethical_basis = models.TextField(
        _("ethische en juridische grondslag"),
        help_text=_("Bijvoorbeeld: toestemming van de respondent (AVG artikel 6 lid 1 onder a)."),
    )
    letter_version = models.CharField(_("versie informatiebrief"), max_length=40, default="1.0")
    researchers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="+", verbose_name=_("onderzoekers")
    )
    guest_base_size = models.PositiveSmallIntegerField(
        _("basisomvang (Guest)"),
        default=GUEST_BASE_SIZE,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    guest_run_length = models.PositiveSmallIntegerField(
        _("runlengte (Guest)"),
        default=GUEST_RUN_LENGTH,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    guest_threshold = models.DecimalField(
        _("drempel nieuwe informatie (Guest)"),
        max_digits=4,
        decimal_places=3,
        default=GUEST_THRESHOLD,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    francis_initial = models.PositiveSmallIntegerField(
        _("eerste steekproef (Francis)"),
        default=FRANCIS_INITIAL,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    francis_stop = models.PositiveSmallIntegerField(
        _("stopcriterium (Francis)"),
        default=FRANCIS_STOP,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
    )
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("onderzoek")
        verbose_name_plural = _("onderzoeken")
        ordering = ["-period_start", "title", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="study_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Respondent(TenantModel):
    """Someone who takes part in a study. Only a participant is linked to a record;
    hosts' people, staff and others are known by their code (R01, R02, ...)."""

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="respondents", verbose_name=_("onderzoek")
    )
    code = models.CharField(_("respondentcode"), max_length=20)
    kind = models.CharField(_("soort respondent"), max_length=20, choices=RespondentKind.choices)
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("deelnemer"),
    )
    host = models.ForeignKey(
        Host,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("werkgever"),
    )
    description = models.CharField(
        _("omschrijving"),
        max_length=120,
        blank=True,
        help_text=_("Een rol, geen naam: bijvoorbeeld 'leidinggevende' of 'jobcoach'."),
    )

    class Meta:
        verbose_name = _("respondent")
        verbose_name_plural = _("respondenten")
        ordering = ["study", "code", "id"]
        constraints = [
            models.UniqueConstraint(fields=["study", "code"], name="respondent_code_unique"),
            models.UniqueConstraint(
                fields=["study", "participant"],
                condition=models.Q(participant__isnull=False),
                name="respondent_participant_once_per_study",
            ),
        ]

    def __str__(self) -> str:
        return self.code


class Consent(TenantModel):
    """The informed consent of one respondent for one study, and its withdrawal."""

    respondent = models.OneToOneField(
        Respondent, on_delete=models.CASCADE, related_name="consent", verbose_name=_("respondent")
    )
    letter_version = models.CharField(_("versie informatiebrief"), max_length=40)
    given_on = models.DateField(_("datum toestemming"))
    scope_interview = models.BooleanField(_("meedoen aan een gesprek"), default=True)
    scope_recording = models.BooleanField(_("opnemen van het gesprek"), default=False)
    scope_quotes = models.BooleanField(_("citaten in publicaties"), default=False)
    scope_linkage = models.BooleanField(_("koppeling met de registratie"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )
    withdrawn_on = models.DateField(_("ingetrokken op"), null=True, blank=True)
    withdrawal = models.CharField(
        _("wat er met de gegevens gebeurt"),
        max_length=20,
        choices=WithdrawalChoice.choices,
        blank=True,
    )

    class Meta:
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")
        ordering = ["respondent", "id"]

    def __str__(self) -> str:
        return f"{self.respondent.code} ({self.given_on})"

    @property
    def withdrawn(self) -> bool:
        return self.withdrawn_on is not None


class Session(TenantModel):
    """An interview (one respondent) or a focus group (several), planned or held."""

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("onderzoek")
    )
    kind = models.CharField(_("soort gesprek"), max_length=20, choices=SessionKind.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    planned_on = models.DateField(_("gepland op"), null=True, blank=True)
    held_on = models.DateField(_("gehouden op"), null=True, blank=True)
    interviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("interviewer"),
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duur in minuten"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(1440)],
    )
    respondents = models.ManyToManyField(
        Respondent, blank=True, related_name="sessions", verbose_name=_("respondenten")
    )

    class Meta:
        verbose_name = _("gesprek")
        verbose_name_plural = _("gesprekken")
        ordering = ["study", models.F("held_on").asc(nulls_last=True), "planned_on", "id"]
        indexes = [models.Index(fields=["municipality", "study", "held_on"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.pk}"


class Transcript(TenantModel):
    """The pseudonymised transcript of a held session (the original is never kept)."""

    session = models.OneToOneField(
        Session, on_delete=models.CASCADE, related_name="transcript", verbose_name=_("gesprek")
    )
    text = models.TextField(_("gepseudonimiseerde tekst"))
    source_name = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    word_count = models.PositiveIntegerField(_("aantal woorden"), default=0)
    redactions = models.JSONField(
        _("vervangingen per soort"), default=dict, blank=True, editable=False
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geüpload door"),
    )
    coding_done = models.BooleanField(_("codering afgerond"), default=False)
    coding_done_on = models.DateField(_("codering afgerond op"), null=True, blank=True)
    # After a withdrawal where the respondent agreed: the text stays, unlinked.
    unlinked = models.BooleanField(_("losgekoppeld van de respondent"), default=False)
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("transcript")
        verbose_name_plural = _("transcripten")
        ordering = ["session", "id"]

    def __str__(self) -> str:
        return str(_("Transcript %(number)s")) % {"number": self.pk}


class Code(TenantModel):
    """A code of a study's codebook; codes nest (a theme and its sub-codes)."""

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="codes", verbose_name=_("onderzoek")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("hoofdcode"),
    )
    name = models.CharField(_("naam"), max_length=120)
    description = models.TextField(_("omschrijving"), blank=True)
    colour = models.CharField(_("kleur"), max_length=7, default="#1F77B4")
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("code")
        verbose_name_plural = _("codes")
        ordering = ["study", "position", "name", "id"]

    def __str__(self) -> str:
        return self.name


class Memo(TenantModel):
    """A researcher's note on the study, a code or a transcript."""

    study = models.ForeignKey(
        Study, on_delete=models.CASCADE, related_name="memos", verbose_name=_("onderzoek")
    )
    code = models.ForeignKey(
        Code,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memos",
        verbose_name=_("code"),
    )
    transcript = models.ForeignKey(
        Transcript,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memos",
        verbose_name=_("transcript"),
    )
    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("tekst"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("memo")
        verbose_name_plural = _("memo's")
        ordering = ["study", "-created_at", "id"]

    def __str__(self) -> str:
        return self.title


class Coding(TenantModel):
    """A code applied to a selection of a transcript's text.

    ``start`` and ``end`` are offsets in code points into the pseudonymised text
    (``text[start:end]`` is the fragment). In a focus group the fragment may be
    attributed to one of its respondents (``respondent``), so that a withdrawal
    can remove what that person said.
    """

    transcript = models.ForeignKey(
        Transcript, on_delete=models.CASCADE, related_name="codings", verbose_name=_("transcript")
    )
    code = models.ForeignKey(
        Code, on_delete=models.PROTECT, related_name="codings", verbose_name=_("code")
    )
    start = models.PositiveIntegerField(_("begin"))
    end = models.PositiveIntegerField(_("einde"))
    respondent = models.ForeignKey(
        Respondent,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="codings",
        verbose_name=_("spreker"),
    )
    is_quote = models.BooleanField(_("citaat voor rapportage"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gecodeerd door"),
    )
    guid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)

    class Meta:
        verbose_name = _("codering")
        verbose_name_plural = _("coderingen")
        ordering = ["transcript", "start", "end", "id"]
        indexes = [
            models.Index(fields=["municipality", "code"]),
            models.Index(fields=["transcript", "start"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start__lt=models.F("end")), name="coding_range_in_order"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} [{self.start}-{self.end}]"
