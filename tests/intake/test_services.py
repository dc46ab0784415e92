"""Intake services: lifecycle through the participant service, refusals, audit."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditEntry
from basisbaan.intake import services
from basisbaan.intake.models import (
    IntakeConversation,
    IntakeDecision,
    MatchProposal,
    PositionProfile,
)
from basisbaan.intake.vocabulary import Decision, ProposalStatus
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import ContactPersonChange
from basisbaan.placements.models import Placement
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ParticipantFactory, PositionFactory
from tests.intake.factories import (
    EligibilityCriteriaFactory,
    ParticipantProfileFactory,
    PositionProfileFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

PERSON = {
    "bsn": "123456782",
    "first_name": "Sjoukje",
    "last_name": "Hiemstra",
    "date_of_birth": dt.date(1980, 11, 29),
    "household_type": "single",
    "social_assistance_start": dt.date(2020, 1, 1),
}


def test_referral_creates_a_referred_participant_also_while_intake_is_closed(programme, caseworker):
    programme.intake_open = False
    programme.intake_closed_reason = "Budget op"
    programme.save()
    referral = services.referral_create(
        municipality=programme.municipality,
        actor=caseworker,
        programme=programme,
        referral={"source": "uwv", "priority": 1, "referred_on": dt.date(2025, 3, 1)},
        **PERSON,
    )
    assert referral.participant.status == ParticipantStatus.REFERRED
    assert (referral.priority, referral.referred_by) == (1, caseworker)
    assert AuditEntry.objects.filter(object_type="intake.referral", action="create").count() == 1


def test_a_referral_in_the_future_is_refused_and_nothing_is_stored(programme, caseworker):
    with pytest.raises(ValidationError) as caught, unchanged():
        services.referral_create(
            municipality=programme.municipality,
            actor=caseworker,
            programme=programme,
            referral={"source": "uwv", "referred_on": dt.date(2999, 1, 1)},
            **PERSON,
        )
    assert caught.value.message_dict == {"referred_on": ["De aanmelddatum ligt in de toekomst."]}


def test_conversation_moves_a_referred_participant_into_intake(programme, caseworker):
    """Without a contact person yet, the caseworker holding the intake becomes it."""
    participant = ParticipantFactory(programme=programme, status=ParticipantStatus.REFERRED)
    services.conversation_record(
        participant=participant, actor=caseworker, held_on=dt.date(2025, 3, 2), summary="Gesprek"
    )
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.INTAKE
    assert participant.contact_person == caseworker
    assert list(
        ContactPersonChange.objects.values_list("participant", "from_user", "to_user", "changed_by")
    ) == [(participant.pk, None, caseworker.pk, caseworker.pk)]


def test_conversation_takes_the_chosen_contact_person(programme, caseworker):
    coach = make_member(programme.municipality, Role.JOBCOACH)
    participant = ParticipantFactory(programme=programme, status=ParticipantStatus.REFERRED)
    services.conversation_record(
        participant=participant,
        actor=caseworker,
        held_on=dt.date(2025, 3, 2),
        summary="Gesprek",
        contact_person=coach,
    )
    participant.refresh_from_db()
    assert (participant.status, participant.contact_person) == (ParticipantStatus.INTAKE, coach)


def test_conversation_without_any_possible_contact_person_is_refused_whole(programme):
    """A functional administrator is no contact person: choose one, or nothing is saved."""
    admin = make_member(programme.municipality, Role.FUNCTIONAL_ADMIN)
    participant = ParticipantFactory(programme=programme, status=ParticipantStatus.REFERRED)
    with pytest.raises(ValidationError) as refused, unchanged():
        services.conversation_record(
            participant=participant, actor=admin, held_on=dt.date(2025, 3, 2), summary="Gesprek"
        )
    assert refused.value.message_dict == {
        "contact_person": [
            "Kies eerst een vast aanspreekpunt: een deelnemer in intake, op de wachtlijst of "
            "geplaatst heeft er precies één."
        ]
    }
    participant.refresh_from_db()
    assert (participant.status, participant.contact_person) == (ParticipantStatus.REFERRED, None)
    assert not IntakeConversation.objects.exists()


def test_admission_is_refused_when_a_criterion_is_not_met(programme, caseworker):
    EligibilityCriteriaFactory(programme=programme, min_months_on_assistance=120)
    participant = ParticipantFactory(programme=programme, status=ParticipantStatus.INTAKE)
    with pytest.raises(ValidationError) as caught, unchanged():
        services.intake_decide(
            participant=participant,
            actor=caseworker,
            decision=Decision.ADMITTED,
            reasoning="Past goed.",
            on=dt.date(2025, 3, 15),
        )
    assert caught.value.messages == ["Toelaten kan niet: niet aan alle toelatingscriteria voldaan."]
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.INTAKE
    assert not IntakeDecision.objects.exists()


def test_refusal_is_recorded_with_the_check(programme, caseworker):
    EligibilityCriteriaFactory(programme=programme, min_months_on_assistance=120)
    participant = ParticipantFactory(
        programme=programme,
        status=ParticipantStatus.INTAKE,
        social_assistance_start=dt.date(2019, 3, 1),
        date_of_birth=dt.date(1980, 1, 1),
    )
    decision = services.intake_decide(
        participant=participant,
        actor=caseworker,
        decision=Decision.REJECTED,
        reasoning="Te kort in de bijstand.",
        on=dt.date(2025, 3, 15),
    )
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.REJECTED
    assert decision.eligibility[0] == {
        "key": "assistance",
        "track": "",
        "outcome": "not_met",
        "required": "120",
        "actual": "72",
        "text": "minimaal 120 maanden in de bijstand (72 maanden)",
    }


def test_admission_puts_the_participant_on_the_waiting_list_with_tracks(programme, caseworker):
    participant = ParticipantFactory(programme=programme, status=ParticipantStatus.INTAKE)
    services.intake_decide(
        participant=participant,
        actor=caseworker,
        decision=Decision.ADMITTED,
        reasoning="Gemotiveerd.",
        tracks=["social_value"],
    )
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.WAITING
    assert participant.profile.tracks == ["social_value"]


def test_profile_codes_are_sorted_and_unknown_codes_refused(programme, caseworker):
    participant = ParticipantFactory(programme=programme)
    profile = services.profile_set(
        participant=participant,
        actor=caseworker,
        data={"competences": ["teamwork", "caring", "teamwork"], "hours_available": Decimal("24")},
    )
    assert profile.competences == ["caring", "teamwork"]
    with pytest.raises(ValidationError) as caught, unchanged():
        services.profile_set(
            participant=participant, actor=caseworker, data={"constraints": ["diabetes"]}
        )
    assert caught.value.message_dict == {"constraints": ["Onbekende waarde: diabetes"]}
    # An update that changes nothing writes no audit entry.
    before = AuditEntry.objects.count()
    services.profile_set(
        participant=participant, actor=caseworker, data={"hours_available": Decimal("24")}
    )
    assert AuditEntry.objects.count() == before


def test_displacement_check_records_who_and_when_and_needs_a_note(municipality, member):
    from basisbaan.tenancy.roles import Role

    jobcoach = member(Role.JOBCOACH)
    position = PositionFactory(host__municipality=municipality)
    with pytest.raises(ValidationError), unchanged():
        services.position_profile_set(
            position=position, actor=jobcoach, data={"displacement_checked": True}
        )
    profile = services.position_profile_set(
        position=position,
        actor=jobcoach,
        data={"displacement_checked": True, "displacement_note": "Extra taken, geen vacature."},
    )
    assert profile.displacement_confirmed_by == jobcoach
    assert profile.displacement_confirmed_at is not None
    profile = services.position_profile_set(
        position=position, actor=jobcoach, data={"displacement_checked": False}
    )
    assert (profile.displacement_confirmed_by, profile.displacement_confirmed_at) == (None, None)
    assert PositionProfile.objects.count() == 1


def _waiting_pair(programme):
    profile = ParticipantProfileFactory(
        participant__programme=programme, participant__status=ParticipantStatus.WAITING
    )
    position = PositionProfileFactory(position__host__municipality=programme.municipality).position
    return profile.participant, position


def test_proposal_records_score_and_reasons_then_places(programme, caseworker):
    participant, position = _waiting_pair(programme)
    proposal = services.proposal_create(
        municipality=programme.municipality,
        actor=caseworker,
        participant=participant,
        position=position,
    )
    assert (proposal.status, proposal.score) == (ProposalStatus.PROPOSED, 100)
    assert proposal.explanation[3]["text"] == (
        "3 van 3 gevraagde competenties: Lichamelijk werk aankunnen, Afspraken nakomen, "
        "Samenwerken."
    )
    with pytest.raises(ValidationError), unchanged():
        services.proposal_create(
            municipality=programme.municipality,
            actor=caseworker,
            participant=participant,
            position=position,
        )
    placement = services.proposal_place(
        proposal=proposal, actor=caseworker, start_date=dt.date(2025, 4, 1)
    )
    proposal.refresh_from_db()
    assert (proposal.status, proposal.placement) == (ProposalStatus.PLACED, placement)
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.PLACED


def test_while_intake_is_closed_the_proposal_waits_and_placing_is_refused(programme, caseworker):
    participant, position = _waiting_pair(programme)
    programme.intake_open = False
    programme.intake_closed_reason = "Budget op"
    programme.save()
    participant.refresh_from_db()
    proposal = services.proposal_create(
        municipality=programme.municipality,
        actor=caseworker,
        participant=participant,
        position=position,
    )
    assert (proposal.status, proposal.waiting_reason) == (ProposalStatus.WAITING, "Budget op")
    with pytest.raises(ValidationError) as caught, unchanged():
        services.proposal_place(proposal=proposal, actor=caseworker, start_date=dt.date(2025, 4, 1))
    assert caught.value.messages == ["De instroom van Pilot basisbanen is gesloten: Budget op"]
    assert not Placement.objects.exists()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WAITING


def test_a_pair_that_fails_a_hard_constraint_cannot_be_proposed(programme, caseworker):
    participant, position = _waiting_pair(programme)
    participant.profile.hours_available = Decimal("16")
    participant.profile.save()
    with pytest.raises(ValidationError) as caught, unchanged():
        services.proposal_create(
            municipality=programme.municipality,
            actor=caseworker,
            participant=participant,
            position=position,
        )
    assert caught.value.messages == [
        "Deze werkplek past niet: Uren: de werkplek vraagt 32 uur, de deelnemer kan maar 16 uur."
    ]
    assert not MatchProposal.objects.exists()


def test_withdraw_needs_a_reason(programme, caseworker):
    participant, position = _waiting_pair(programme)
    proposal = services.proposal_create(
        municipality=programme.municipality,
        actor=caseworker,
        participant=participant,
        position=position,
    )
    with pytest.raises(ValidationError), unchanged():
        services.proposal_withdraw(proposal=proposal, actor=caseworker, note=" ")
    proposal = services.proposal_withdraw(proposal=proposal, actor=caseworker, note="Verhuist")
    assert proposal.status == ProposalStatus.WITHDRAWN


def test_without_a_travel_range_the_means_of_travel_sets_it(programme):
    """No range given, by bike: 8 km is assumed; 2.6 km away fits, on foot (2 km) not."""
    from basisbaan.intake.matching import explain_pair

    participant, position = _waiting_pair(programme)
    participant.profile.travel_range_km = None
    participant.profile.save()
    match, lines = explain_pair(participant, position)
    assert lines[2]["text"] == "Reisafstand: 2,6 km, binnen het reisbereik van 8 km."
    participant.profile.travel_means = "walk"
    participant.profile.save()
    match, lines = explain_pair(participant, position)
    assert not match.eligible
    assert lines[2]["text"] == "Reisafstand: 2,6 km, verder dan het reisbereik van 2 km."
