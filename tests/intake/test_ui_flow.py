"""The intake pages end to end through the Django client: referral to placement."""

from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.audit.models import AuditEntry
from basisbaan.intake.models import IntakeDecision, MatchProposal, Referral
from basisbaan.intake.vocabulary import ProposalStatus
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from tests.intake.factories import EligibilityCriteriaFactory, PositionProfileFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

REFERRAL = {
    "programme": None,
    "source": "caseworker",
    "referred_on": "01-03-2025",
    "priority": "1",
    "reason": "Wil graag buiten werken.",
    "bsn": "123456782",
    "first_name": "Sjoukje",
    "last_name": "Hiemstra",
    "date_of_birth": "29-11-1980",
    "household_type": "single",
    "social_assistance_start": "01-01-2020",
    "postcode": "8921 AB",
}
PROFILE = {
    "competences": ["physical", "reliable", "teamwork"],
    "preferred_work": ["outdoor"],
    "preferred_sectors": ["green"],
    "hours_available": "32",
    "travel_range_km": "10",
    "travel_means": "bike",
    "language_level": "b1",
    "constraints_discussed": "on",
    "motivation": "high",
    "support_need": "2",
    "tracks": ["transition"],
}


def _refer(client, programme) -> Participant:
    response = client.post("/intake/aanmelden/", REFERRAL | {"programme": programme.pk})
    assert response.status_code == 302, response.content.decode()[:3000]
    return Participant.objects.get(bsn="123456782")


def test_caseworker_takes_a_referral_to_a_placement(programme, caseworker, client_as):
    EligibilityCriteriaFactory(programme=programme, min_months_on_assistance=12)
    position = PositionProfileFactory(position__host__municipality=programme.municipality).position
    client = client_as(caseworker)

    participant = _refer(client, programme)
    assert participant.status == ParticipantStatus.REFERRED
    assert Referral.objects.get(participant=participant).priority == 1
    assert client.get(f"/intake/deelnemers/{participant.pk}/").status_code == 200

    response = client.post(
        f"/intake/deelnemers/{participant.pk}/gesprek/",
        {"held_on": "02-03-2025", "summary": "Kennismaking; wil buiten werken."},
    )
    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.INTAKE

    response = client.post(f"/intake/deelnemers/{participant.pk}/profiel/", PROFILE)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(f"/intake/deelnemers/{participant.pk}/besluit/").content.decode()
    assert "minimaal 12 maanden in de bijstand" in page

    response = client.post(
        f"/intake/deelnemers/{participant.pk}/besluit/",
        {"decision": "admitted", "reasoning": "Voldoet; gemotiveerd.", "tracks": ["transition"]},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.WAITING
    assert IntakeDecision.objects.get(participant=participant).eligibility[0]["outcome"] == "met"

    page = client.get(f"/intake/deelnemers/{participant.pk}/werkplekken/").content.decode()
    assert "3 van 3 gevraagde competenties" in page
    page = client.get(f"/intake/werkplekken/{position.pk}/kandidaten/").content.decode()
    assert "Score 100 van 100" in page

    response = client.post(
        "/intake/voorstellen/nieuw/", {"participant": participant.pk, "position": position.pk}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    proposal = MatchProposal.objects.get()
    assert (proposal.status, proposal.score) == (ProposalStatus.PROPOSED, 100)
    assert client.get(f"/intake/voorstellen/{proposal.pk}/").status_code == 200

    response = client.post(
        f"/intake/voorstellen/{proposal.pk}/plaatsen/", {"start_date": "01-04-2025"}
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    placement = Placement.objects.get()
    proposal.refresh_from_db()
    assert (proposal.status, proposal.placement_id) == (ProposalStatus.PLACED, placement.pk)
    assert placement.start_date == dt.date(2025, 4, 1)
    assert AuditEntry.objects.filter(object_type="intake.matchproposal").count() == 2


def test_while_intake_is_closed_referral_is_taken_and_proposal_waits(
    programme, caseworker, client_as
):
    programme.intake_open = False
    programme.intake_closed_reason = "Budget op"
    programme.save()
    client = client_as(caseworker)
    participant = _refer(client, programme)
    assert participant.status == ParticipantStatus.REFERRED
    participant.status = ParticipantStatus.WAITING
    participant.save()
    page = client.get("/intake/").content.decode()
    assert "wacht: instroom gesloten (Budget op)" in page
    position = PositionProfileFactory(position__host__municipality=programme.municipality).position
    response = client.post(
        "/intake/voorstellen/nieuw/", {"participant": participant.pk, "position": position.pk}
    )
    assert response.status_code == 302
    proposal = MatchProposal.objects.get()
    assert (proposal.status, proposal.waiting_reason) == (ProposalStatus.WAITING, "Budget op")
    page = client.get(f"/intake/voorstellen/{proposal.pk}/").content.decode()
    assert "wacht: instroom gesloten (Budget op)" in page


def test_priority_of_a_referral_is_changed_on_its_page(programme, caseworker, client_as):
    client = client_as(caseworker)
    participant = _refer(client, programme)
    response = client.post(
        f"/intake/deelnemers/{participant.pk}/aanmelding/",
        {"source": "uwv", "referred_on": "01-03-2025", "priority": "3", "reason": ""},
    )
    assert response.status_code == 302
    referral = Referral.objects.get(participant=participant)
    assert (referral.source, referral.priority, referral.reason) == ("uwv", 3, "")


def test_a_participant_without_referral_gets_one(programme, caseworker, client_as):
    from tests.factories import ParticipantFactory

    participant = ParticipantFactory(programme=programme)
    client = client_as(caseworker)
    assert (
        "Aanmelding vastleggen"
        in client.get(f"/intake/deelnemers/{participant.pk}/").content.decode()
    )
    response = client.post(
        f"/intake/deelnemers/{participant.pk}/aanmelding/",
        {"source": "self", "referred_on": "01-02-2025", "priority": "2"},
    )
    assert response.status_code == 302
    assert Referral.objects.get(participant=participant).source == "self"


def test_programme_manager_sets_the_criteria(programme, member, client_as):
    from basisbaan.intake.models import EligibilityCriteria
    from basisbaan.tenancy.roles import Role

    client = client_as(member(Role.PROGRAMME_MANAGER))
    data = {"min_months_on_assistance": "12", "min_age": "18", "max_age": "66"}
    response = client.post(f"/intake/programmas/{programme.pk}/criteria/", data)
    assert response.status_code == 302
    response = client.post(
        f"/intake/programmas/{programme.pk}/criteria/",
        data | {"transition_min_hours": "24", "transition_min_language": "a2"},
    )
    assert response.status_code == 302
    criteria = EligibilityCriteria.objects.get(programme=programme)
    assert (criteria.min_months_on_assistance, criteria.transition_min_language) == (12, "a2")
    assert AuditEntry.objects.filter(object_type="intake.eligibilitycriteria").count() == 2


def test_caseworker_may_not_set_criteria(programme, caseworker, client_as):
    client = client_as(caseworker)
    with unchanged():
        response = client.get(f"/intake/programmas/{programme.pk}/criteria/")
    assert response.status_code == 403


def test_jobcoach_confirms_the_displacement_check_on_the_position_profile(
    municipality, member, client_as
):
    from basisbaan.intake.models import PositionProfile
    from basisbaan.tenancy.roles import Role
    from tests.factories import PositionFactory

    jobcoach = member(Role.JOBCOACH)
    position = PositionFactory(host__municipality=municipality)
    client = client_as(jobcoach)
    data = {
        "required_competences": ["teamwork"],
        "sector": "green",
        "supervision_capacity": "2",
        "displacement_checked": "on",
    }
    response = client.post(f"/intake/werkplekken/{position.pk}/profiel/", data)
    assert response.status_code == 200  # the note is required with the confirmation
    assert "Licht toe waarom er geen verdringing is." in response.content.decode()
    response = client.post(
        f"/intake/werkplekken/{position.pk}/profiel/",
        data | {"displacement_note": "Extra taken naast het vaste team."},
    )
    assert response.status_code == 302
    profile = PositionProfile.objects.get(position=position)
    assert (profile.displacement_confirmed_by, profile.required_competences) == (
        jobcoach,
        ["teamwork"],
    )
