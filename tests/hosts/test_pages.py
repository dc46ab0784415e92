"""Host, contact person and position pages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.hosts.models import Host, HostContact, Position
from basisbaan.tenancy.roles import Role
from tests.factories import (
    HostContactFactory,
    HostFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def test_host_list_search_and_kind(municipality, member, client_as):
    HostFactory(municipality=municipality, name="Wijkteam Noord", kind="neighbourhood_team")
    HostFactory(municipality=municipality, name="Bibliotheek", kind="social_organisation")
    client = client_as(member(Role.JOBCOACH))
    found = client.get("/werkgevers/", {"q": "noord"}).context["object_list"]
    assert [h.name for h in found] == ["Wijkteam Noord"]
    kind = client.get("/werkgevers/", {"kind": "social_organisation"}).context["object_list"]
    assert [h.name for h in kind] == ["Bibliotheek"]


def test_host_create_contact_and_position(municipality, member, client_as):
    client = client_as(member(Role.JOBCOACH))
    response = client.post(
        "/werkgevers/nieuw/",
        {"name": "Sportclub De Zwaluwen", "kind": "social_organisation", "active": "on"},
    )
    host = Host.objects.get()
    assert response["Location"] == f"/werkgevers/{host.pk}/"

    client.post(
        f"/werkgevers/{host.pk}/contactpersonen/nieuw/",
        {"name": "Sietske Bos", "role": "Werkbegeleider", "email": "", "phone": ""},
    )
    contact = HostContact.objects.get()
    assert (contact.host, contact.municipality) == (host, municipality)

    response = client.post(
        f"/werkgevers/{host.pk}/werkplekken/nieuw/",
        {
            "title": "Terreinbeheer",
            "tasks": "",
            "hours_per_week": "24,5",
            "track": "social_value",
            "places": "2",
            "is_open": "on",
        },
    )
    position = Position.objects.get()
    assert response["Location"] == f"/werkgevers/werkplekken/{position.pk}/"
    assert position.hours_per_week == Decimal("24.5")
    detail = client.get(f"/werkgevers/{host.pk}/").content.decode()
    assert "Sietske Bos" in detail
    assert "24,5" in detail

    client.post(
        f"/werkgevers/werkplekken/{position.pk}/bewerken/",
        {"title": "Terreinbeheer", "hours_per_week": "32", "track": "social_value", "places": "3"},
    )
    position.refresh_from_db()
    assert (position.hours_per_week, position.places, position.is_open) == (Decimal("32"), 3, False)


def test_host_duplicate_name_message(municipality, member, client_as):
    HostFactory(municipality=municipality, name="Bibliotheek")
    client = client_as(member(Role.JOBCOACH))
    with unchanged():
        response = client.post("/werkgevers/nieuw/", {"name": "bibliotheek", "kind": "employer"})
    assert response.context["form"].errors["name"] == ["Er is al een werkgever met deze naam."]


def test_contact_delete_is_post_only_and_audited(municipality, member, client_as):
    contact = HostContactFactory(host__municipality=municipality)
    client = client_as(member(Role.JOBCOACH))
    url = f"/werkgevers/contactpersonen/{contact.pk}/verwijderen/"
    with unchanged(contact):
        assert client.get(url).status_code == 405
    response = client.post(url)
    assert response["Location"] == f"/werkgevers/{contact.host_id}/"
    assert HostContact.objects.count() == 0
    assert AuditEntry.objects.get().action == AuditAction.DELETE


def test_caseworker_may_not_manage_hosts(municipality, caseworker, client_as):
    client = client_as(caseworker)
    with unchanged():
        response = client.post("/werkgevers/nieuw/", {"name": "X", "kind": "employer"})
    assert response.status_code == 403
    assert Host.objects.count() == 0


def test_host_contact_edit(municipality, member, client_as):
    contact = HostContactFactory(host__municipality=municipality, name="Sietske Bos")
    response = client_as(member(Role.JOBCOACH)).post(
        f"/werkgevers/contactpersonen/{contact.pk}/bewerken/",
        {"name": "Sietske Bos", "role": "HR", "email": "s.bos@example.nl", "phone": ""},
    )
    assert response["Location"] == f"/werkgevers/{contact.host_id}/"
    contact.refresh_from_db()
    assert (contact.role, contact.email) == ("HR", "s.bos@example.nl")
