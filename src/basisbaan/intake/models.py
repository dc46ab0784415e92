"""Intake (referral, conversation, eligibility, decision), profiles and match proposals.

The participant profile and the position profile live here, one-to-one beside
``participants.Participant`` and ``hosts.Position``: this app owns the
controlled vocabularies they are written in, so matching is exact. Lists of
vocabulary codes are stored as JSON lists (sorted), checked by the services.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from basisbaan.hosts.constants import Track
from basisbaan.hosts.models import Position
from basisbaan.intake.vocabulary import (
    Competence,
    ConstraintCategory,
    Decision,
    LanguageLevel,
    Level,
    Motivation,
    Priority,
    ProposalStatus,
    ReferralSource,
    Sector,
    TravelMeans,
    WorkType,
)
from basisbaan.participants.models import Participant, postcode_validator
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import TenantModel


def labels(choices: type[models.TextChoices], codes: list[str]) -> str:
    """The Dutch labels of ``codes``, in the vocabulary's order."""
    return ", ".join(str(label) for value, label in choices.choices if value in codes)


NO_MEDICAL = _("Alleen wat voor het werk nodig is; geen medische gegevens of diagnoses.")


def _codes(verbose_name: Any, help_text: Any = "") -> models.JSONField:
    return models.JSONField(verbose_name, default=list, blank=True, help_text=help_text)


def _user(related_name: str, verbose_name: Any) -> models.ForeignKey:  # type: ignore[type-arg]
    # SET_NULL: the record stays when a staff account is removed.
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name=related_name,
        verbose_name=verbose_name,
    )


def _hours(verbose_name: Any) -> models.DecimalField:  # type: ignore[type-arg]
    return models.DecimalField(
        verbose_name,
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("40"))],
    )


class EligibilityCriteria(TenantModel):
    """A programme's admission criteria; every one is optional."""

    # CASCADE: the criteria are part of the programme.
    programme = models.OneToOneField(
        Programme,
        on_delete=models.CASCADE,
        related_name="eligibility_criteria",
        verbose_name=_("programma"),
    )
    min_months_on_assistance = models.PositiveSmallIntegerField(
        _("minimaal aantal maanden in de bijstand"), null=True, blank=True
    )
    min_age = models.PositiveSmallIntegerField(
        _("minimumleeftijd"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    max_age = models.PositiveSmallIntegerField(
        _("maximumleeftijd"), null=True, blank=True, validators=[MaxValueValidator(120)]
    )
    transition_min_hours = _hours(_("doorstroom: minimaal uren beschikbaar per week"))
    transition_min_language = models.CharField(
        _("doorstroom: minimaal taalniveau Nederlands"),
        max_length=10,
        choices=LanguageLevel.choices,
        blank=True,
    )
    social_value_min_hours = _hours(_("maatschappelijke waarde: minimaal uren per week"))
    social_value_min_language = models.CharField(
        _("maatschappelijke waarde: minimaal taalniveau Nederlands"),
        max_length=10,
        choices=LanguageLevel.choices,
        blank=True,
    )

    class Meta:
        verbose_name = _("toelatingscriteria")
        verbose_name_plural = _("toelatingscriteria")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_age__isnull=True)
                | models.Q(max_age__isnull=True)
                | models.Q(max_age__gte=models.F("min_age")),
                name="criteria_age_range",
            )
        ]

    def __str__(self) -> str:
        return str(_("Toelatingscriteria %(programme)s") % {"programme": self.programme.name})


class Referral(TenantModel):
    """How and by whom a participant was referred, and their place on the waiting list."""

    # CASCADE: a referral is part of the participant's record.
    participant = models.OneToOneField(
        Participant,
        on_delete=models.CASCADE,
        related_name="referral",
        verbose_name=_("deelnemer"),
    )
    referred_by = _user("referrals_made", _("aangemeld door"))
    source = models.CharField(_("bron"), max_length=30, choices=ReferralSource.choices)
    referred_on = models.DateField(_("aangemeld op"))
    priority = models.PositiveSmallIntegerField(
        _("prioriteit"), choices=Priority.choices, default=Priority.NORMAL
    )
    reason = models.TextField(_("reden van aanmelding"), blank=True, help_text=NO_MEDICAL)

    class Meta:
        ordering = ["priority", "referred_on", "id"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        indexes = [
            models.Index(
                fields=["municipality", "priority", "referred_on", "id"], name="referral_queue"
            )
        ]

    def __str__(self) -> str:
        return str(_("Aanmelding %(date)s") % {"date": self.referred_on.strftime("%d-%m-%Y")})


class IntakeConversation(TenantModel):
    """The record of an intake conversation."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="intake_conversations",
        verbose_name=_("deelnemer"),
    )
    held_on = models.DateField(_("datum gesprek"))
    held_by = _user("intake_conversations", _("gevoerd door"))
    summary = models.TextField(_("verslag"), help_text=NO_MEDICAL)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = _("intakegesprek")
        verbose_name_plural = _("intakegesprekken")
        indexes = [
            # The list's order, led by the municipality (issue 19: tests/test_list_plans.py).
            models.Index(fields=["municipality", "held_on", "id"], name="conversation_muni_held"),
        ]

    def __str__(self) -> str:
        return str(_("Intakegesprek %(date)s") % {"date": self.held_on.strftime("%d-%m-%Y")})


class IntakeDecision(TenantModel):
    """Admitted or not, with the reasoning and the eligibility check it was based on."""

    participant = models.ForeignKey(
        Participant,
        on_delete=models.CASCADE,
        related_name="intake_decisions",
        verbose_name=_("deelnemer"),
    )
    decision = models.CharField(_("besluit"), max_length=20, choices=Decision.choices)
    reasoning = models.TextField(_("onderbouwing"))
    tracks = _codes(_("sporen"))
    eligibility = models.JSONField(_("toetsing criteria"), default=list, blank=True)
    decided_on = models.DateField(_("besloten op"))
    decided_by = _user("intake_decisions", _("besloten door"))

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("intakebesluit")
        verbose_name_plural = _("intakebesluiten")
        indexes = [
            # The list's order, led by the municipality (issue 19: tests/test_list_plans.py).
            models.Index(fields=["municipality", "decided_on", "id"], name="decision_muni_decided"),
        ]

    def __str__(self) -> str:
        return f"{self.get_decision_display()} {self.decided_on:%d-%m-%Y}"


class ParticipantProfile(TenantModel):
    """What a participant can, wants and needs, in the controlled vocabularies."""

    participant = models.OneToOneField(
        Participant,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("deelnemer"),
    )
    competences = _codes(_("competenties"))
    work_experience = models.TextField(
        _("werkervaring"), blank=True, help_text=_("Kort: waar en hoe lang, wat voor werk.")
    )
    interests = _codes(_("interesses (sectoren)"))
    preferred_work = _codes(_("voorkeur soort werk"))
    preferred_sectors = _codes(_("voorkeur sectoren"))
    hours_available = _hours(_("uren beschikbaar per week"))
    travel_range_km = models.PositiveSmallIntegerField(
        _("reisafstand (km)"), null=True, blank=True, validators=[MaxValueValidator(200)]
    )
    travel_means = models.CharField(
        _("vervoer"), max_length=10, choices=TravelMeans.choices, blank=True
    )
    language_level = models.CharField(
        _("taalniveau Nederlands"), max_length=10, choices=LanguageLevel.choices, blank=True
    )
    constraints = _codes(_("beperkingen voor werk"), NO_MEDICAL)
    constraints_discussed = models.BooleanField(
        _("beperkingen besproken"),
        default=False,
        help_text=_("Aangevinkt als besproken is of er beperkingen zijn, ook als er geen zijn."),
    )
    motivation = models.CharField(
        _("motivatie"), max_length=10, choices=Motivation.choices, blank=True
    )
    motivation_notes = models.TextField(_("toelichting motivatie"), blank=True)
    support_need = models.PositiveSmallIntegerField(
        _("behoefte aan begeleiding"), choices=Level.choices, null=True, blank=True
    )
    tracks = _codes(_("passende sporen"))

    class Meta:
        verbose_name = _("deelnemersprofiel")
        verbose_name_plural = _("deelnemersprofielen")
        indexes = [
            # The list's order, led by the municipality (issue 19: tests/test_list_plans.py).
            models.Index(fields=["municipality", "id"], name="participant_profile_muni_id"),
        ]

    def __str__(self) -> str:
        return str(_("Profiel"))

    @property
    def competence_labels(self) -> str:
        return labels(Competence, self.competences)

    @property
    def interest_labels(self) -> str:
        return labels(Sector, self.interests)

    @property
    def preferred_work_labels(self) -> str:
        return labels(WorkType, self.preferred_work)

    @property
    def preferred_sector_labels(self) -> str:
        return labels(Sector, self.preferred_sectors)

    @property
    def constraint_labels(self) -> str:
        return labels(ConstraintCategory, self.constraints)

    @property
    def track_labels(self) -> str:
        return labels(Track, self.tracks)


class PositionProfile(TenantModel):
    """What a position asks and offers, and the check that it displaces no paid work."""

    position = models.OneToOneField(
        Position,
        on_delete=models.CASCADE,
        related_name="profile",
        verbose_name=_("werkplek"),
    )
    required_competences = _codes(_("gevraagde competenties"))
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices, blank=True)
    work_types = _codes(_("soort werk"))
    supervision_capacity = models.PositiveSmallIntegerField(
        _("begeleidingscapaciteit"), choices=Level.choices, null=True, blank=True
    )
    accommodates = _codes(_("toegankelijkheid: kan rekening houden met"))
    language_required = models.CharField(
        _("minimaal taalniveau Nederlands"),
        max_length=10,
        choices=LanguageLevel.choices,
        blank=True,
    )
    postcode = models.CharField(
        _("postcode werklocatie"),
        max_length=7,
        blank=True,
        validators=[postcode_validator],
        help_text=_("Leeg: de postcode van de werkgever."),
    )
    displacement_checked = models.BooleanField(
        _("geen verdringing"),
        default=False,
        help_text=_(
            "Bevestigd dat deze werkplek geen betaald werk of vrijwilligerswerk verdringt."
        ),
    )
    displacement_note = models.TextField(_("toelichting verdringingstoets"), blank=True)
    displacement_confirmed_by = _user("displacement_checks", _("bevestigd door"))
    displacement_confirmed_at = models.DateTimeField(_("bevestigd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("werkplekprofiel")
        verbose_name_plural = _("werkplekprofielen")
        indexes = [
            # The list's order, led by the municipality (issue 19: tests/test_list_plans.py).
            models.Index(fields=["municipality", "id"], name="position_profile_muni_id"),
        ]

    def __str__(self) -> str:
        return str(_("Werkplekprofiel"))

    @property
    def required_competence_labels(self) -> str:
        return labels(Competence, self.required_competences)

    @property
    def work_type_labels(self) -> str:
        return labels(WorkType, self.work_types)

    @property
    def accommodates_labels(self) -> str:
        return labels(ConstraintCategory, self.accommodates)


class MatchProposal(TenantModel):
    """A caseworker's proposal to place a participant at a position, from a match."""

    # PROTECT: proposals are history of the placement flow.
    participant = models.ForeignKey(
        Participant,
        on_delete=models.PROTECT,
        related_name="match_proposals",
        verbose_name=_("deelnemer"),
    )
    position = models.ForeignKey(
        Position,
        on_delete=models.PROTECT,
        related_name="match_proposals",
        verbose_name=_("werkplek"),
    )
    score = models.PositiveSmallIntegerField(_("score"), validators=[MaxValueValidator(100)])
    explanation = models.JSONField(_("uitleg"), default=list, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    waiting_reason = models.TextField(_("reden wachten"), blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    proposed_by = _user("match_proposals", _("voorgesteld door"))
    # SET_NULL: a corrected placement leaves the proposal as it was.
    placement = models.ForeignKey(
        Placement,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("plaatsing"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("plaatsingsvoorstel")
        verbose_name_plural = _("plaatsingsvoorstellen")
        indexes = [
            # The list's order, led by the municipality (issue 19: tests/test_list_plans.py).
            models.Index(fields=["municipality", "created_at", "id"], name="proposal_muni_created"),
        ]

    def __str__(self) -> str:
        return str(_("Voorstel: %(position)s") % {"position": self.position.title})


class PostcodeArea(models.Model):
    """The installation's own centroid of a four-digit postcode area.

    Loaded with ``basisbaan load_postcodes FILE``; a postcode listed here is
    located here, any other by the national table shipped with the product
    (:mod:`basisbaan.intake.geo`). Postcodes are national facts, not one
    municipality's data, so the table is shared, like the parameter tables.
    """

    postcode = models.CharField(_("postcode (4 cijfers)"), max_length=4, unique=True)
    latitude = models.DecimalField(_("breedtegraad"), max_digits=8, decimal_places=5)
    longitude = models.DecimalField(_("lengtegraad"), max_digits=8, decimal_places=5)
    place = models.CharField(_("plaats"), max_length=100, blank=True)

    class Meta:
        ordering = ["postcode"]
        verbose_name = _("postcodegebied")
        verbose_name_plural = _("postcodegebieden")

    def __str__(self) -> str:
        return self.postcode
