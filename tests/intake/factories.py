"""Factories of the intake app: profiles, referrals, criteria."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from basisbaan.intake.models import (
    EligibilityCriteria,
    ParticipantProfile,
    PositionProfile,
    Referral,
)
from basisbaan.intake.vocabulary import Level, Priority, ReferralSource
from tests.factories import ParticipantFactory, PositionFactory, ProgrammeFactory


class EligibilityCriteriaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EligibilityCriteria

    programme = factory.SubFactory(ProgrammeFactory)
    municipality = factory.SelfAttribute("programme.municipality")
    min_months_on_assistance = 12
    min_age = 18
    max_age = 66


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    participant = factory.SubFactory(ParticipantFactory)
    municipality = factory.SelfAttribute("participant.municipality")
    source = ReferralSource.CASEWORKER
    referred_on = dt.date(2025, 3, 1)
    priority = Priority.NORMAL


class ParticipantProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParticipantProfile

    participant = factory.SubFactory(ParticipantFactory, postcode="8921 AA")
    municipality = factory.SelfAttribute("participant.municipality")
    competences = ["physical", "reliable", "teamwork"]
    work_experience = "Twee jaar hovenier."
    interests = ["sport"]
    preferred_work = ["outdoor"]
    preferred_sectors = ["green"]
    hours_available = Decimal("32.0")
    travel_range_km = 10
    travel_means = "bike"
    language_level = "b1"
    constraints: list[str] = []
    constraints_discussed = True
    motivation = "high"
    support_need = Level.REGULAR
    tracks = ["transition", "social_value"]


class PositionProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PositionProfile

    position = factory.SubFactory(PositionFactory, host__postcode="8938 LM")
    municipality = factory.SelfAttribute("position.municipality")
    required_competences = ["physical", "reliable", "teamwork"]
    sector = "green"
    work_types = ["outdoor"]
    supervision_capacity = Level.REGULAR
    accommodates: list[str] = []
    language_required = "a2"
    displacement_checked = True
    displacement_note = "Aanvullend op het vaste team; geen vacature."


def add_intake_records(programme, position, name: str = "Intake") -> list[object]:
    """One record of every intake model in the programme's municipality (fuzz, walk)."""
    from basisbaan.intake.models import IntakeConversation, IntakeDecision, MatchProposal

    participant = ParticipantFactory(
        programme=programme, postcode="8921 AA", first_name=name, last_name=name
    )
    profile = ParticipantProfileFactory(participant=participant)
    position_profile = PositionProfile.objects.filter(
        position=position
    ).first() or PositionProfileFactory(position=position)
    criteria = EligibilityCriteria.objects.filter(
        programme=programme
    ).first() or EligibilityCriteriaFactory(programme=programme)
    referral = ReferralFactory(participant=participant)
    municipality = programme.municipality
    conversation = IntakeConversation.objects.create(
        municipality=municipality,
        participant=participant,
        held_on=dt.date(2025, 3, 2),
        summary="Kennismaking.",
    )
    decision = IntakeDecision.objects.create(
        municipality=municipality,
        participant=participant,
        decision="admitted",
        reasoning="Voldoet.",
        tracks=["transition"],
        decided_on=dt.date(2025, 3, 3),
    )
    from basisbaan.intake.matching import explain_pair

    match, lines = explain_pair(participant, position)
    proposal = MatchProposal.objects.create(
        municipality=municipality,
        participant=participant,
        position=position,
        score=match.score,
        explanation=lines,
    )
    return [profile, position_profile, criteria, referral, conversation, decision, proposal]
