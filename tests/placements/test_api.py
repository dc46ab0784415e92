from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.participants.constants import ParticipantStatus
from basisbaan.placements.models import Placement
from basisbaan.tenancy.roles import Role
from tests.factories import ParticipantFactory, PlacementFactory, PositionFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

URL = "/api/v1/placements/"


@pytest.fixture
def waiting(programme):
    return ParticipantFactory(programme=programme, status=ParticipantStatus.WAITING)


@pytest.fixture
def position(municipality):
    return PositionFactory(
        host__municipality=municipality, host__name="Kringloop", track="social_value"
    )


def test_create_places_a_waiting_participant(api_as, caseworker, waiting, position):
    response = api_as(caseworker).post(
        URL,
        {"participant": waiting.pk, "position": position.pk, "start_date": "2024-09-01"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["participant"] == waiting.pk
    assert body["position"] == position.pk
    assert body["host"] == position.host_id
    assert body["host_name"] == "Kringloop"
    assert body["track"] == "social_value"  # taken from the position
    assert body["start_date"] == "2024-09-01"
    assert body["end_date"] is None
    waiting.refresh_from_db()
    assert waiting.status == ParticipantStatus.PLACED


def test_create_refused_while_intake_is_closed(api_as, caseworker, waiting, position, programme):
    programme.intake_open = False
    programme.intake_closed_reason = "Budget op"
    programme.save()
    client = api_as(caseworker)

    with unchanged(waiting, position):
        response = client.post(
            URL,
            {"participant": waiting.pk, "position": position.pk, "start_date": "2024-09-01"},
            format="json",
        )

    assert response.status_code == 400
    assert "Budget op" in response.json()["non_field_errors"][0]
    assert not Placement.objects.exists()


def test_end_returns_the_participant_to_the_waiting_list(api_as, caseworker, municipality):
    placement = PlacementFactory(participant__programme__municipality=municipality)
    url = f"{URL}{placement.pk}/end/"
    client = api_as(caseworker)

    with unchanged(placement, placement.participant):
        no_reason = client.post(url, {"end_date": "2024-12-31", "reason": ""}, format="json")
    with unchanged(placement, placement.participant):
        free_text = client.post(
            url, {"end_date": "2024-12-31", "reason": "Werk gevonden"}, format="json"
        )
        work_without_details = client.post(
            url, {"end_date": "2024-12-31", "reason": "regular_work_elsewhere"}, format="json"
        )
    ended = client.post(
        url,
        {"end_date": "2024-12-31", "reason": "own_choice", "note": "Wil iets anders"},
        format="json",
    )
    with unchanged(placement, placement.participant):
        again = client.post(url, {"end_date": "2024-12-31", "reason": "other"}, format="json")

    assert no_reason.status_code == 400
    assert free_text.status_code == 400
    assert set(work_without_details.json()) == {
        "employer",
        "hours_per_week",
        "contract_type",
        "wage_band",
    }
    assert ended.status_code == 200, ended.json()
    assert ended.json()["end_date"] == "2024-12-31"
    assert ended.json()["end_reason"] == "Eigen keuze: Wil iets anders"
    assert placement.exits.get().reason == "own_choice"
    assert again.status_code == 400
    placement.refresh_from_db()
    placement.participant.refresh_from_db()
    assert placement.end_date == dt.date(2024, 12, 31)
    assert placement.participant.status == ParticipantStatus.WAITING


def test_filters(api_as, caseworker, municipality):
    active = PlacementFactory(participant__programme__municipality=municipality)
    ended = PlacementFactory(
        participant__programme__municipality=municipality,
        track="social_value",
        end_date=dt.date(2024, 12, 31),
    )
    client = api_as(caseworker)

    def ids(**params):
        response = client.get(URL, params)
        assert response.status_code == 200, response.json()
        return [p["id"] for p in response.json()["results"]]

    assert ids(active="true") == [active.pk]
    assert ids(active="false") == [ended.pk]
    assert ids(track="social_value") == [ended.pk]
    assert ids(participant=active.participant_id) == [active.pk]
    assert ids(position=ended.position_id) == [ended.pk]


def test_researcher_cannot_place(api_as, member, waiting, position):
    client = api_as(member(Role.RESEARCHER))
    with unchanged(waiting, position):
        response = client.post(
            URL,
            {"participant": waiting.pk, "position": position.pk, "start_date": "2024-09-01"},
            format="json",
        )

    assert response.status_code == 403
    assert not Placement.objects.exists()
