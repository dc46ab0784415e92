"""Every resource is scoped to the request's municipality."""

from __future__ import annotations

import pytest

from basisbaan.hosts.models import Position
from basisbaan.participants.models import Participant
from basisbaan.tenancy.roles import Role
from tests.factories import (
    ContractPeriodFactory,
    HostContactFactory,
    MembershipFactory,
    ParticipantFactory,
    PlacementFactory,
    PositionFactory,
    ProgrammeFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def leeuwarden_rows(municipality):
    """One row of every resource in the first municipality."""
    placement = PlacementFactory(participant__programme__municipality=municipality)
    period = ContractPeriodFactory(
        contract__participant=placement.participant, contract__placement=placement
    )
    contact = HostContactFactory(host=placement.position.host)
    return {
        "programmes": placement.participant.programme_id,
        "participants": placement.participant_id,
        "hosts": placement.position.host_id,
        "host-contacts": contact.pk,
        "positions": placement.position_id,
        "placements": placement.pk,
        "contracts": period.contract_id,
    }


@pytest.mark.parametrize(
    "resource",
    [
        "programmes",
        "participants",
        "hosts",
        "host-contacts",
        "positions",
        "placements",
        "contracts",
    ],
)
def test_other_municipality_sees_nothing(api_as, outsider, admin, leeuwarden_rows, resource):
    pk = leeuwarden_rows[resource]
    client = api_as(outsider)

    with unchanged():
        assert client.get(f"/api/v1/{resource}/").json()["results"] == []
        assert client.get(f"/api/v1/{resource}/{pk}/").status_code == 404
    # The municipality's own administrator does see it.
    own = api_as(admin)
    assert own.get(f"/api/v1/{resource}/{pk}/").status_code == 200
    assert [row["id"] for row in own.get(f"/api/v1/{resource}/").json()["results"]] == [pk]


def test_cannot_link_another_municipalitys_programme(api_as, caseworker, other_programme):
    client = api_as(caseworker)
    with unchanged():
        response = client.post(
            "/api/v1/participants/",
            {
                "programme": other_programme.pk,
                "bsn": "111222333",
                "first_name": "A",
                "last_name": "B",
                "date_of_birth": "1980-01-01",
                "household_type": "single",
            },
            format="json",
        )

    assert response.status_code == 400
    assert "bestaat niet" in response.json()["programme"][0]
    assert not Participant.objects.exists()


def test_cannot_move_a_participant_to_another_municipalitys_programme(
    api_as, caseworker, programme, other_programme
):
    participant = ParticipantFactory(programme=programme)
    client = api_as(caseworker)

    with unchanged(participant):
        response = client.patch(
            f"/api/v1/participants/{participant.pk}/",
            {"programme": other_programme.pk},
            format="json",
        )

    assert response.status_code == 400
    participant.refresh_from_db()
    assert participant.programme == programme


def test_cannot_place_on_another_municipalitys_position(
    api_as, caseworker, programme, other_municipality
):
    participant = ParticipantFactory(programme=programme)
    foreign = PositionFactory(host__municipality=other_municipality)
    client = api_as(caseworker)

    with unchanged(participant, foreign):
        response = client.post(
            "/api/v1/placements/",
            {"participant": participant.pk, "position": foreign.pk, "start_date": "2024-09-01"},
            format="json",
        )

    assert response.status_code == 400
    assert "bestaat niet" in response.json()["position"][0]


def test_cannot_add_a_position_to_another_municipalitys_host(api_as, member, other_municipality):
    foreign = PositionFactory(host__municipality=other_municipality).host
    client = api_as(member(Role.JOBCOACH))

    with unchanged(foreign):
        response = client.post(
            "/api/v1/positions/",
            {"host": foreign.pk, "title": "X", "hours_per_week": "20", "track": "transition"},
            format="json",
        )

    assert response.status_code == 400
    assert "bestaat niet" in response.json()["host"][0]
    assert Position.objects.count() == 1


def test_cannot_pick_a_contact_person_of_another_municipality(
    api_as, caseworker, programme, outsider
):
    participant = ParticipantFactory(programme=programme)
    client = api_as(caseworker)

    with unchanged(participant):
        response = client.post(
            f"/api/v1/participants/{participant.pk}/contact-person/",
            {"contact_person": outsider.pk},
            format="json",
        )

    assert response.status_code == 400
    assert "bestaat niet" in response.json()["contact_person"][0]


def test_filter_on_another_municipalitys_programme_is_refused(api_as, caseworker, other_programme):
    client = api_as(caseworker)
    with unchanged():
        response = client.get("/api/v1/participants/", {"programme": other_programme.pk})

    assert response.status_code == 400


class TestMunicipalityHeader:
    @pytest.fixture
    def two_hats(self, municipality, other_municipality, caseworker):
        """The caseworker is also a researcher in the other municipality."""
        MembershipFactory(user=caseworker, municipality=other_municipality, role=Role.RESEARCHER)
        return caseworker

    def test_header_chooses_the_municipality(self, api_as, two_hats, programme, other_programme):
        here = ParticipantFactory(programme=programme)
        there = ParticipantFactory(programme=other_programme)
        client = api_as(two_hats)

        default = client.get("/api/v1/participants/").json()["results"]
        leeuwarden = client.get("/api/v1/participants/", HTTP_X_MUNICIPALITY="leeuwarden").json()[
            "results"
        ]
        emmen = client.get("/api/v1/participants/", HTTP_X_MUNICIPALITY="emmen").json()["results"]

        # Without the header: the first municipality by name (Emmen, as researcher).
        assert [p["pseudonym"] for p in default] == [there.pseudonym]
        assert [p["id"] for p in leeuwarden] == [here.pk]
        assert "bsn" in leeuwarden[0]  # caseworker in Leeuwarden
        # A researcher in Emmen: the pseudonym, no id, no BSN.
        assert [p["pseudonym"] for p in emmen] == [there.pseudonym]
        assert "bsn" not in emmen[0] and "id" not in emmen[0]

    def test_unknown_or_foreign_slug_is_refused(self, api_as, two_hats, municipality):
        from tests.factories import MunicipalityFactory

        MunicipalityFactory(name="Sneek", slug="sneek")
        client = api_as(two_hats)

        with unchanged():
            sneek = client.get("/api/v1/participants/", HTTP_X_MUNICIPALITY="sneek")
            nowhere = client.get("/api/v1/programmes/", HTTP_X_MUNICIPALITY="nowhere")
        assert (sneek.status_code, nowhere.status_code) == (403, 403)

    def test_write_lands_in_the_chosen_municipality(
        self, api_as, two_hats, municipality, other_municipality
    ):
        ProgrammeFactory(municipality=other_municipality)
        programme = ProgrammeFactory(municipality=municipality)
        client = api_as(two_hats)
        payload = {
            "programme": programme.pk,
            "bsn": "111222333",
            "first_name": "A",
            "last_name": "B",
            "date_of_birth": "1980-01-01",
            "household_type": "single",
        }

        with unchanged():
            as_researcher = client.post(
                "/api/v1/participants/", payload, format="json", HTTP_X_MUNICIPALITY="emmen"
            )
        as_caseworker = client.post(
            "/api/v1/participants/", payload, format="json", HTTP_X_MUNICIPALITY="leeuwarden"
        )

        assert as_researcher.status_code == 403
        assert as_caseworker.status_code == 201
        assert Participant.objects.get().municipality == municipality


def test_user_without_membership_is_refused(api_as):
    from tests.factories import UserFactory

    client = api_as(UserFactory())
    with unchanged():
        response = client.get("/api/v1/programmes/")

    assert response.status_code == 403


def test_anonymous_is_refused(db):
    from rest_framework.test import APIClient

    with unchanged():
        response = APIClient().get("/api/v1/programmes/")

    assert response.status_code == 401
