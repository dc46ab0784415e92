"""Exits with what came after, follow-up measurements, and the municipality's
outcome settings and business-case assumptions."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.hosts.constants import Track
from basisbaan.outcomes.constants import (
    DEFAULT_THRESHOLD,
    Assistance,
    AssumptionKey,
    ContractType,
    ExitKind,
    FollowUpStatus,
    WageBand,
)
from basisbaan.participants.constants import ExitReason
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import TenantModel

HOURS = [MinValueValidator(Decimal("0.5")), MaxValueValidator(Decimal("60"))]


class Exit(TenantModel):
    """A placement that ended, or a participant who left the programme, and why.

    ``spell`` counts the participant's times in the programme: a participant who
    left and came back has a second spell. ``spell_start`` is the first day of
    work of that spell (the first placement after the previous exit from the
    programme), kept here so the cohort of an exit is one column.
    """

    # PROTECT: exits are the programme's history.
    participant = models.ForeignKey(
        Participant, on_delete=models.PROTECT, related_name="exits", verbose_name=_("deelnemer")
    )
    programme = models.ForeignKey(
        Programme, on_delete=models.PROTECT, related_name="+", verbose_name=_("programma")
    )
    placement = models.ForeignKey(
        Placement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="exits",
        verbose_name=_("plaatsing"),
    )
    kind = models.CharField(_("soort"), max_length=20, choices=ExitKind.choices)
    exit_date = models.DateField(_("datum"))
    reason = models.CharField(_("reden"), max_length=30, choices=ExitReason.choices)
    track = models.CharField(_("spoor"), max_length=20, choices=Track.choices, blank=True)
    spell = models.PositiveSmallIntegerField(_("deelname"), default=1)
    spell_start = models.DateField(_("start van de deelname"), null=True, blank=True)
    employer = models.CharField(_("werkgever"), max_length=200, blank=True)
    hours_per_week = models.DecimalField(
        _("uren per week"), max_digits=4, decimal_places=1, null=True, blank=True, validators=HOURS
    )
    contract_type = models.CharField(
        _("soort contract"), max_length=20, choices=ContractType.choices, blank=True
    )
    wage_band = models.CharField(_("loon"), max_length=20, choices=WageBand.choices, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )

    class Meta:
        ordering = ["-exit_date", "-id"]
        verbose_name = _("uitstroom")
        verbose_name_plural = _("uitstroom")
        indexes = [
            models.Index(fields=["municipality", "programme", "exit_date"], name="exit_muni_prog"),
            models.Index(fields=["municipality", "participant"], name="exit_muni_participant"),
            # The list's order, led by the municipality (issue 19: tests/test_list_plans.py).
            models.Index(fields=["municipality", "exit_date", "id"], name="exit_muni_date"),
        ]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.exit_date:%d-%m-%Y})"

    @property
    def is_work(self) -> bool:
        return bool(self.employer)


class FollowUp(TenantModel):
    """One measurement of what became of a person some months after leaving the programme."""

    exit = models.ForeignKey(
        Exit, on_delete=models.CASCADE, related_name="follow_ups", verbose_name=_("uitstroom")
    )
    months = models.PositiveSmallIntegerField(_("maanden na uitstroom"))
    due_date = models.DateField(_("meten op"))
    status = models.CharField(
        _("status"), max_length=20, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    measured_on = models.DateField(_("gemeten op"), null=True, blank=True)
    works = models.BooleanField(_("werkt"), null=True, blank=True)
    hours_per_week = models.DecimalField(
        _("uren per week"), max_digits=4, decimal_places=1, null=True, blank=True, validators=HOURS
    )
    same_employer = models.BooleanField(_("zelfde werkgever"), null=True, blank=True)
    assistance = models.CharField(
        _("bijstand"), max_length=20, choices=Assistance.choices, blank=True
    )
    assistance_amount = models.DecimalField(
        _("aanvullende bijstand per maand"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal("10000"))],
    )
    note = models.TextField(_("toelichting"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vastgelegd door"),
    )

    class Meta:
        ordering = ["due_date", "id"]
        verbose_name = _("nameting")
        verbose_name_plural = _("nametingen")
        constraints = [
            models.UniqueConstraint(fields=["exit", "months"], name="follow_up_one_per_point"),
        ]
        indexes = [
            models.Index(fields=["municipality", "status", "due_date"], name="follow_up_worklist"),
        ]

    def __str__(self) -> str:
        return f"{self.months} mnd ({self.due_date:%d-%m-%Y})"


class OutcomeSettings(TenantModel):
    """A municipality's rule for publishing small numbers."""

    threshold = models.PositiveSmallIntegerField(
        _("drempel kleine aantallen"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(2), MaxValueValidator(100)],
        help_text=_(
            "Een aantal onder deze drempel toont als ‘minder dan …’; totalen en verschillen "
            "waaruit het te herleiden is, worden ook afgeschermd."
        ),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    class Meta:
        verbose_name = _("instelling uitkomsten")
        verbose_name_plural = _("instellingen uitkomsten")
        constraints = [
            models.UniqueConstraint(fields=["municipality"], name="outcome_settings_one"),
        ]

    def __str__(self) -> str:
        return str(self.threshold)


class Assumption(TenantModel):
    """One business-case assumption of a municipality from a date on, with its source."""

    key = models.CharField(_("aanname"), max_length=40, choices=AssumptionKey.choices)
    effective_date = models.DateField(_("geldig vanaf"))
    value = models.DecimalField(_("waarde"), max_digits=12, decimal_places=6)
    source = models.CharField(_("bron"), max_length=300)
    note = models.CharField(_("toelichting"), max_length=300, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )

    class Meta:
        ordering = ["key", "effective_date"]
        verbose_name = _("aanname business case")
        verbose_name_plural = _("aannames business case")
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "key", "effective_date"], name="assumption_one_per_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_key_display()} vanaf {self.effective_date:%d-%m-%Y}: {self.value}"
