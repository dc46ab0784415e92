"""Guidance: hours, closed periods, per-programme settings, feedback sessions
with their actions, signals, and the calendar-feed tokens.

Every row carries its municipality (``TenantModel``). Hours are Decimal
quarters of an hour; money is Decimal euros.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from basisbaan.core.formatting import month_text
from basisbaan.guidance.constants import (
    DEFAULT_CADENCE_WEEKS,
    DEFAULT_NORM_HOURS,
    MAX_HOURS_PER_ENTRY,
    Activity,
    HoursImportStatus,
    SessionStatus,
    SignalKind,
)
from basisbaan.hosts.models import HostContact
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import TenantModel

USER = settings.AUTH_USER_MODEL


class GuidanceSettings(TenantModel):
    """A programme's guidance norm, internal hourly rate and feedback cadence.

    One row per programme, made with the defaults when first saved. The rate
    is the municipality's own internal figure, so it carries its source and
    date like a parameter does.
    """

    programme = models.OneToOneField(
        Programme,
        on_delete=models.CASCADE,
        related_name="guidance_settings",
        verbose_name=_("programma"),
    )
    norm_hours = models.DecimalField(
        _("norm in uren per deelnemer per jaar"),
        max_digits=6,
        decimal_places=2,
        default=DEFAULT_NORM_HOURS,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Voor een deelnemer die het hele jaar meedoet; naar rato bij een deel."),
    )
    hourly_rate = models.DecimalField(
        _("intern uurtarief"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0))],
        help_text=_("Wat een uur begeleiding de gemeente kost, in euro."),
    )
    rate_source = models.CharField(
        _("bron van het uurtarief"),
        max_length=200,
        blank=True,
        help_text=_("Bijvoorbeeld: integraal tarief 2025, afdeling Financiën."),
    )
    rate_date = models.DateField(_("datum van het uurtarief"), null=True, blank=True)
    cadence_weeks = models.PositiveSmallIntegerField(
        _("feedbacksessie elke (weken)"),
        default=DEFAULT_CADENCE_WEEKS,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
    )

    class Meta:
        verbose_name = _("begeleidingsinstelling")
        verbose_name_plural = _("begeleidingsinstellingen")

    def __str__(self) -> str:
        return str(self.programme)


class HoursEntry(TenantModel):
    """Hours one staff member spent on one participant, one day, one activity."""

    # PROTECT: hours are the basis of the guidance cost; participants are exited, not deleted.
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="hours", verbose_name=_("deelnemer")
    )
    # PROTECT: a staff account with logged hours is deactivated, not deleted.
    staff = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="guidance_hours", verbose_name=_("medewerker")
    )
    date = models.DateField(_("datum"))
    activity = models.CharField(_("activiteit"), max_length=20, choices=Activity.choices)
    hours = models.DecimalField(
        _("uren"),
        max_digits=4,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.25")), MaxValueValidator(MAX_HOURS_PER_ENTRY)],
    )
    note = models.CharField(
        _("toelichting"),
        max_length=200,
        blank=True,
        help_text=_("Kort en zakelijk; geen medische gegevens."),
    )

    class Meta:
        ordering = ["-date", "id"]
        verbose_name = _("begeleidingsuren")
        verbose_name_plural = _("begeleidingsuren")
        constraints = [
            models.UniqueConstraint(
                fields=["participant", "staff", "date", "activity"],
                name="hours_one_entry_per_cell",
            ),
            models.CheckConstraint(
                condition=models.Q(hours__gt=0) & models.Q(hours__lte=MAX_HOURS_PER_ENTRY),
                name="hours_within_a_day",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "staff", "date"], name="hours_muni_staff_date"),
            models.Index(
                fields=["municipality", "participant", "date"], name="hours_muni_participant_date"
            ),
            models.Index(fields=["municipality", "date"], name="hours_muni_date"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.get_activity_display()} {self.hours}"


class HoursImport(TenantModel):
    """An uploaded file of hours, kept until the background job has read it.

    The job checks and (unless ``dry_run``) imports it, records the answer in
    ``result`` (the command's JSON) and drops the file (``content``): it holds BSNs.
    """

    file_name = models.CharField(_("bestandsnaam"), max_length=255)
    # PROTECT: who imported hours stays known.
    uploaded_by = models.ForeignKey(
        USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingelezen door"),
    )
    dry_run = models.BooleanField(_("alleen controleren"), default=False)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=HoursImportStatus.choices,
        default=HoursImportStatus.QUEUED,
    )
    content = models.BinaryField(_("bestand"), blank=True, default=b"")
    result = models.JSONField(_("uitkomst"), default=dict, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("urenbestand")
        verbose_name_plural = _("urenbestanden")

    def __str__(self) -> str:
        return self.file_name

    def get_absolute_url(self) -> str:
        return reverse("guidance:import_detail", args=[self.pk])


class ClosedPeriod(TenantModel):
    """A month closed by the programme manager: its hours can no longer change."""

    month = models.DateField(_("maand"), help_text=_("De eerste dag van de maand."))
    # PROTECT: who closed a period is evidence.
    closed_by = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("afgesloten door")
    )

    class Meta:
        ordering = ["-month"]
        verbose_name = _("afgesloten periode")
        verbose_name_plural = _("afgesloten periodes")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "month"], name="closed_period_unique"),
            models.CheckConstraint(
                condition=models.Q(month__day=1), name="closed_period_first_of_month"
            ),
        ]

    def __str__(self) -> str:
        return month_text(self.month)


def _score(verbose_name: str | object) -> models.PositiveSmallIntegerField:  # type: ignore[type-arg]
    return models.PositiveSmallIntegerField(
        verbose_name,  # type: ignore[arg-type]
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = gaat slecht, 5 = gaat goed."),
    )


class FeedbackSession(TenantModel):
    """A feedback session about one placement: planned, held or cancelled.

    Who took part: the participant (present or not), a host contact, a job
    coach and a caseworker. The record scores four aspects 1 to 5.
    """

    # PROTECT: sessions are history of the placement.
    placement = models.ForeignKey(
        Placement,
        on_delete=models.PROTECT,
        related_name="feedback_sessions",
        verbose_name=_("plaatsing"),
    )
    planned_date = models.DateField(_("geplande datum"))
    planned_time = models.TimeField(_("tijd"), null=True, blank=True)
    location = models.CharField(_("locatie"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    held_on = models.DateField(_("gehouden op"), null=True, blank=True)
    participant_present = models.BooleanField(_("deelnemer aanwezig"), default=True)
    # SET_NULL: a removed contact leaves the session's record intact.
    host_contact = models.ForeignKey(
        HostContact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contactpersoon werkgever"),
    )
    jobcoach = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jobcoach"),
    )
    caseworker = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consulent"),
    )
    score_work = _score(_("werk"))
    score_wellbeing = _score(_("welzijn"))
    score_finances = _score(_("financiën"))
    score_host = _score(_("relatie met de werkgever"))
    notes = models.TextField(
        _("aantekeningen"), blank=True, help_text=_("Kort en zakelijk; geen medische gegevens.")
    )

    class Meta:
        ordering = ["planned_date", "id"]
        verbose_name = _("feedbacksessie")
        verbose_name_plural = _("feedbacksessies")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="held") | models.Q(held_on__isnull=False),
                name="session_held_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["municipality", "planned_date"], name="session_muni_date"),
            models.Index(fields=["municipality", "placement"], name="session_muni_placement"),
        ]

    def __str__(self) -> str:
        return f"{self.planned_date:%d-%m-%Y} ({self.get_status_display()})"


class FeedbackAction(TenantModel):
    """An agreed action from a feedback session: who, what, by when, done."""

    session = models.ForeignKey(
        FeedbackSession,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("feedbacksessie"),
    )
    description = models.CharField(_("actie"), max_length=300)
    # PROTECT: an open action keeps its owner; reassign it first.
    owner = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("eigenaar")
    )
    due_date = models.DateField(_("uiterlijk"))
    done_on = models.DateField(_("afgerond op"), null=True, blank=True)

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        indexes = [
            # The list's order, led by the municipality (issue 19: tests/test_list_plans.py).
            models.Index(fields=["municipality", "due_date", "id"], name="action_muni_due"),
        ]

    def __str__(self) -> str:
        return self.description[:60]


class Signal(TenantModel):
    """A signal about a participant (absence, conflict, money, drop-out risk).

    Raised by a staff member, or by a host contact and recorded by staff; it
    has an owner who follows it up, and is closed with a note.
    """

    # PROTECT: signals are part of the participant's history.
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="signals",
        verbose_name=_("deelnemer"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=SignalKind.choices)
    raised_on = models.DateField(_("gemeld op"))
    raised_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeld door (medewerker)"),
    )
    raised_by_host_contact = models.ForeignKey(
        HostContact,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemeld door (werkgever)"),
    )
    description = models.TextField(
        _("omschrijving"), help_text=_("Kort en zakelijk; geen medische gegevens.")
    )
    # PROTECT: an open signal always has someone who follows it up.
    owner = models.ForeignKey(
        USER, on_delete=models.PROTECT, related_name="+", verbose_name=_("eigenaar")
    )
    follow_up = models.TextField(_("opvolging"), blank=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    closed_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gesloten door"),
    )

    class Meta:
        ordering = ["-raised_on", "-id"]
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        indexes = [
            models.Index(fields=["municipality", "closed_at"], name="signal_muni_closed"),
            # The list's order, led by the municipality (issue 19: tests/test_list_plans.py).
            models.Index(fields=["municipality", "raised_on", "id"], name="signal_muni_raised"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.raised_on:%d-%m-%Y}"

    @property
    def is_open(self) -> bool:
        return self.closed_at is None


class CalendarFeed(TenantModel):
    """A user's secret calendar-feed address for their planned sessions.

    Calendar clients cannot sign in, so the address holds a random token. Only
    its SHA-256 digest is stored; the address is shown once when made, and a
    new one replaces (revokes) the old.
    """

    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    token_digest = models.CharField(max_length=64, unique=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("agenda-abonnement")
        verbose_name_plural = _("agenda-abonnementen")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "user"], name="calendar_feed_one_per_user"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id}"
