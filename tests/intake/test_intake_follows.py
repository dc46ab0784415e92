"""Opening or closing intake brings the open match proposals along at once: on the
programme page, through the API, and on the intake overview right after."""

from __future__ import annotations

import pytest

from rest_framework.test import APIClient

from basisbaan.intake import services
from basisbaan.intake.models import MatchProposal
from basisbaan.intake.vocabulary import ProposalStatus
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.programmes.services import programme_set_intake
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.intake.factories import ParticipantProfileFactory, PositionProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(municipality):
    return make_member(municipality, Role.PROGRAMME_MANAGER)


@pytest.fixture
def proposal(programme, manager) -> MatchProposal:
    profile = ParticipantProfileFactory(
        participant__programme=programme, participant__status=ParticipantStatus.WAITING
    )
    position = PositionProfileFactory(position__host__municipality=programme.municipality).position
    return services.proposal_create(
        municipality=programme.municipality,
        actor=manager,
        participant=profile.participant,
        position=position,
    )


def state(proposal: MatchProposal) -> tuple[str, str]:
    proposal.refresh_from_db()
    return proposal.status, proposal.waiting_reason


def test_closing_and_opening_on_the_page_moves_the_proposals_at_once(
    programme, proposal, manager, client_as
):
    client = client_as(manager)
    assert state(proposal) == (ProposalStatus.PROPOSED, "")

    closed = client.post(
        f"/programmas/{programme.pk}/instroom/", {"intake": "closed", "reason": "Budget op"}
    )
    assert closed.status_code == 302
    assert state(proposal) == (ProposalStatus.WAITING, "Budget op")
    assert "Wacht: instroom gesloten" in client.get("/intake/").content.decode()

    opened = client.post(f"/programmas/{programme.pk}/instroom/", {"intake": "open"})
    assert opened.status_code == 302
    assert state(proposal) == (ProposalStatus.PROPOSED, "")
    page = client.get("/intake/").content.decode()
    assert "Wacht: instroom gesloten" not in page
    assert "Instroom gesloten: " not in page


def test_a_new_closing_reason_reaches_the_waiting_proposals(programme, proposal, manager):
    programme_set_intake(programme=programme, actor=manager, open=False, reason="Budget op")
    programme_set_intake(programme=programme, actor=manager, open=False, reason="Wachten op raad")
    assert state(proposal) == (ProposalStatus.WAITING, "Wachten op raad")


def test_opening_through_the_api_moves_the_proposals(programme, proposal, manager, municipality):
    api = APIClient()
    api.force_authenticate(manager)
    headers = {"HTTP_X_MUNICIPALITY": municipality.slug}
    response = api.post(
        f"/api/v1/programmes/{programme.pk}/intake/",
        {"open": False, "reason": "Budget op"},
        format="json",
        **headers,
    )
    assert response.status_code == 200, response.json()
    body = api.get(f"/api/v1/match-proposals/{proposal.pk}/", **headers).json()
    assert (body["status"], body["waiting_reason"]) == ("waiting", "Budget op")

    api.post(f"/api/v1/programmes/{programme.pk}/intake/", {"open": True}, format="json", **headers)
    body = api.get(f"/api/v1/match-proposals/{proposal.pk}/", **headers).json()
    assert (body["status"], body["waiting_reason"]) == ("proposed", "")


def test_a_placed_proposal_stays_placed(programme, proposal, manager):
    MatchProposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.WITHDRAWN)
    programme_set_intake(programme=programme, actor=manager, open=False, reason="Budget op")
    assert state(proposal) == (ProposalStatus.WITHDRAWN, "")
