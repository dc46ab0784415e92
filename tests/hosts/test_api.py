from __future__ import annotations

from decimal import Decimal

import pytest

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.hosts.models import Host, HostContact, Position
from basisbaan.tenancy.roles import Role
from tests.factories import HostContactFactory, HostFactory, PlacementFactory, PositionFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def coach(member):
    return member(Role.JOBCOACH)


def test_host_create_retrieve_update(api_as, coach, municipality):
    client = api_as(coach)

    created = client.post(
        "/api/v1/hosts/",
        {"name": "Groenbedrijf Fryslân", "kind": "employer", "kvk_number": "12345678"},
        format="json",
    )
    host_id = created.json()["id"]
    patched = client.patch(f"/api/v1/hosts/{host_id}/", {"city": "Sneek"}, format="json")
    detail = client.get(f"/api/v1/hosts/{host_id}/").json()

    assert created.status_code == 201, created.json()
    assert patched.status_code == 200
    assert detail == {
        "id": host_id,
        "name": "Groenbedrijf Fryslân",
        "kind": "employer",
        "kvk_number": "12345678",
        "street": "",
        "postcode": "",
        "city": "Sneek",
        "notes": "",
        "active": True,
        "position_count": 0,
        "created_at": detail["created_at"],
        "updated_at": detail["updated_at"],
    }
    host = Host.objects.get(pk=host_id)
    assert host.municipality == municipality
    assert AuditEntry.objects.filter(
        object_type="hosts.host", object_id=str(host_id), action=AuditAction.UPDATE
    ).exists()


def test_host_name_must_be_unique(api_as, coach, municipality):
    HostFactory(municipality=municipality, name="Wijkteam Noord")
    client = api_as(coach)

    with unchanged():
        response = client.post(
            "/api/v1/hosts/",
            {"name": "wijkteam noord", "kind": "neighbourhood_team"},
            format="json",
        )

    assert response.status_code == 400
    assert response.json() == {"name": ["Er is al een werkgever met deze naam."]}


def test_host_list_filters_and_counts(api_as, caseworker, municipality):
    employer = HostFactory(municipality=municipality, name="Bakkerij Bolsward")
    team = HostFactory(municipality=municipality, name="Wijkteam Oost", kind="neighbourhood_team")
    PositionFactory.create_batch(2, host=employer)
    client = api_as(caseworker)

    by_kind = client.get("/api/v1/hosts/", {"kind": "neighbourhood_team"}).json()["results"]
    by_search = client.get("/api/v1/hosts/", {"search": "bolsw"}).json()["results"]

    assert [h["id"] for h in by_kind] == [team.pk]
    assert [(h["id"], h["position_count"]) for h in by_search] == [(employer.pk, 2)]
    with unchanged():
        assert client.get("/api/v1/hosts/", {"kind": "bank"}).status_code == 400


def test_caseworker_cannot_create_a_host(api_as, caseworker):
    client = api_as(caseworker)
    with unchanged():
        response = client.post("/api/v1/hosts/", {"name": "X", "kind": "employer"}, format="json")

    assert response.status_code == 403
    assert not Host.objects.exists()


def test_host_contacts_create_list_delete(api_as, coach, municipality):
    host = HostFactory(municipality=municipality)
    client = api_as(coach)

    created = client.post(
        "/api/v1/host-contacts/",
        {"host": host.pk, "name": "Jan de Vries", "role": "Werkbegeleider", "email": "jan@x.nl"},
        format="json",
    )
    contact_id = created.json()["id"]
    listed = client.get("/api/v1/host-contacts/", {"host": host.pk}).json()
    deleted = client.delete(f"/api/v1/host-contacts/{contact_id}/")

    assert created.status_code == 201, created.json()
    assert created.json()["host"] == host.pk
    assert created.json()["role"] == "Werkbegeleider"
    assert [c["name"] for c in listed["results"]] == ["Jan de Vries"]
    assert deleted.status_code == 204
    assert not HostContact.objects.exists()
    assert AuditEntry.objects.filter(
        object_type="hosts.hostcontact", object_id=str(contact_id), action=AuditAction.DELETE
    ).exists()


def test_host_contact_of_another_municipality_cannot_be_deleted(api_as, coach, other_municipality):
    contact = HostContactFactory(host__municipality=other_municipality)

    client = api_as(coach)
    with unchanged(contact):
        response = client.delete(f"/api/v1/host-contacts/{contact.pk}/")

    assert response.status_code == 404
    assert HostContact.objects.filter(pk=contact.pk).exists()


def test_position_create_update_and_filters(api_as, coach, municipality):
    host = HostFactory(municipality=municipality, name="Gemeentewerf")
    client = api_as(coach)

    created = client.post(
        "/api/v1/positions/",
        {
            "host": host.pk,
            "title": "Medewerker fietsenstalling",
            "hours_per_week": "24.5",
            "track": "social_value",
            "places": 3,
        },
        format="json",
    )
    position_id = created.json()["id"]
    patched = client.patch(
        f"/api/v1/positions/{position_id}/", {"is_open": False, "places": 4}, format="json"
    )
    elsewhere = HostFactory(municipality=municipality)
    with unchanged(Position.objects.get(pk=position_id)):
        move = client.patch(
            f"/api/v1/positions/{position_id}/", {"host": elsewhere.pk}, format="json"
        )

    assert created.status_code == 201, created.json()
    assert created.json()["host_name"] == "Gemeentewerf"
    assert created.json()["hours_per_week"] == "24.5"
    assert created.json()["active_placements"] == 0
    assert patched.status_code == 200
    assert move.status_code == 400
    position = Position.objects.get(pk=position_id)
    assert (position.places, position.is_open, position.host) == (4, False, host)
    assert position.hours_per_week == Decimal("24.5")

    def ids(**params):
        return [p["id"] for p in client.get("/api/v1/positions/", params).json()["results"]]

    other = PositionFactory(host__municipality=municipality, track="transition")
    assert ids(host=host.pk) == [position_id]
    assert ids(track="transition") == [other.pk]
    assert ids(is_open="false") == [position_id]
    assert ids(is_open="true") == [other.pk]


def test_position_counts_active_placements(api_as, caseworker, municipality):
    position = PositionFactory(host__municipality=municipality)
    PlacementFactory(participant__programme__municipality=municipality, position=position)

    body = api_as(caseworker).get(f"/api/v1/positions/{position.pk}/").json()

    assert body["active_placements"] == 1


def test_position_hours_out_of_range(api_as, coach, municipality):
    host = HostFactory(municipality=municipality)
    client = api_as(coach)

    with unchanged():
        response = client.post(
            "/api/v1/positions/",
            {"host": host.pk, "title": "X", "hours_per_week": "41", "track": "transition"},
            format="json",
        )

    assert response.status_code == 400
    assert "hours_per_week" in response.json()
