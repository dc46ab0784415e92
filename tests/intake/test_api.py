"""The intake API: the same services as the pages, scoped, permissioned and audited."""

from __future__ import annotations

import pytest

from rest_framework.test import APIClient

from basisbaan.audit.models import AuditEntry
from basisbaan.intake.models import MatchProposal, ParticipantProfile
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.intake.factories import (
    EligibilityCriteriaFactory,
    ParticipantProfileFactory,
    PositionProfileFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(caseworker) -> APIClient:
    client = APIClient()
    client.force_authenticate(caseworker)
    return client


def test_referral_through_the_api(api, programme):
    response = api.post(
        "/api/v1/referrals/",
        {
            "programme": programme.pk,
            "bsn": "123456782",
            "first_name": "Sjoukje",
            "last_name": "Hiemstra",
            "date_of_birth": "1980-11-29",
            "household_type": "single",
            "source": "uwv",
            "priority": 1,
            "referred_on": "2025-03-01",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["source"], body["priority"], body["referred_on"]) == ("uwv", 1, "2025-03-01")
    assert Participant.objects.get(pk=body["participant"]).status == ParticipantStatus.REFERRED


def test_eligibility_check_per_criterion(api, programme):
    EligibilityCriteriaFactory(programme=programme, min_months_on_assistance=12, max_age=None)
    profile = ParticipantProfileFactory(participant__programme=programme)
    profile.participant.social_assistance_start = None
    profile.participant.save()
    response = api.get(f"/api/v1/eligibility-checks/{profile.participant_id}/")
    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] == "unknown"
    assert [(c["key"], c["outcome"]) for c in body["criteria"]] == [
        ("assistance", "unknown"),
        ("min_age", "met"),
    ]
    assert body["criteria"][0]["text"] == (
        "minimaal 12 maanden in de bijstand (startdatum bijstand ontbreekt)"
    )
    assert AuditEntry.objects.filter(action="view", channel="api").count() == 1


def test_profile_upsert_and_refused_codes(api, programme):
    participant = ParticipantProfileFactory(participant__programme=programme).participant
    response = api.post(
        "/api/v1/participant-profiles/",
        {"participant": participant.pk, "competences": ["caring", "accurate"]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["competences"] == ["accurate", "caring"]
    assert ParticipantProfile.objects.count() == 1
    with unchanged(ParticipantProfile.objects.get()):
        response = api.post(
            "/api/v1/participant-profiles/",
            {"participant": participant.pk, "constraints": ["epilepsie"]},
            format="json",
        )
    assert response.status_code == 400


def test_matches_both_ways_and_a_proposal_that_waits(api, programme):
    profile = ParticipantProfileFactory(
        participant__programme=programme, participant__status=ParticipantStatus.WAITING
    )
    position = PositionProfileFactory(position__host__municipality=programme.municipality).position
    response = api.get(f"/api/v1/participant-matches/{profile.participant_id}/")
    assert [(m["position"], m["score"]) for m in response.json()] == [(position.pk, 100)]
    response = api.get(f"/api/v1/position-matches/{position.pk}/?limit=5")
    [match] = response.json()
    assert (match["participant"], match["eligible"]) == (profile.participant_id, True)
    assert match["lines"][0] == {
        "criterion": "hours",
        "status": "full",
        "hard": True,
        "points": 0,
        "weight": 0,
        "text": "Uren: de werkplek vraagt 32 uur, de deelnemer kan 32 uur.",
    }

    programme.intake_open = False
    programme.intake_closed_reason = "Budget op"
    programme.save()
    response = api.post(
        "/api/v1/match-proposals/",
        {"participant": profile.participant_id, "position": position.pk},
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["waiting_reason"], body["score"]) == ("waiting", "Budget op", 100)
    with unchanged(MatchProposal.objects.get()):
        response = api.post(
            f"/api/v1/match-proposals/{body['id']}/place/",
            {"start_date": "2025-04-01"},
            format="json",
        )
    assert response.status_code == 400
    assert MatchProposal.objects.get().status == "waiting"


def test_a_researcher_sees_no_intake_data(programme, client_as):
    researcher = make_member(programme.municipality, Role.RESEARCHER, username="onderzoeker")
    client = APIClient()
    client.force_authenticate(researcher)
    page = client_as(researcher)
    with unchanged():
        assert client.get("/api/v1/referrals/").status_code == 403
        assert client.get("/api/v1/participant-profiles/").status_code == 403
        assert page.get("/intake/").status_code == 403


def test_another_municipality_cannot_reach_the_records(programme, other_municipality):
    profile = ParticipantProfileFactory(participant__programme=programme)
    visitor = make_member(other_municipality, Role.FUNCTIONAL_ADMIN, username="beheerder-b")
    client = APIClient()
    client.force_authenticate(visitor)
    with unchanged(profile):
        assert client.get(f"/api/v1/participant-profiles/{profile.pk}/").status_code == 404
        assert (
            client.get(f"/api/v1/participant-matches/{profile.participant_id}/").status_code == 404
        )
        response = client.post(
            "/api/v1/participant-profiles/",
            {"participant": profile.participant_id, "competences": ["caring"]},
            format="json",
        )
    assert response.status_code == 400
    assert ParticipantProfile.objects.get().competences == ["physical", "reliable", "teamwork"]
