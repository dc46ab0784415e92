from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.roles import Role
from tests.factories import ProgrammeFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

URL = "/api/v1/programmes/"


def test_list_and_retrieve_exact_values(api_as, caseworker, programme):
    client = api_as(caseworker)

    listed = client.get(URL).json()
    detail = client.get(f"{URL}{programme.pk}/").json()

    assert listed["count"] == 1
    assert listed["results"][0] == detail
    assert detail["id"] == programme.pk
    assert detail["name"] == "Basisbanen Leeuwarden"
    assert detail["start_date"] == "2023-01-01"
    assert detail["end_date"] == "2026-12-31"
    assert detail["intake_open"] is True
    assert detail["contract_period_months"] == 6


def test_create_goes_through_the_service(api_as, manager, municipality):
    response = api_as(manager).post(
        URL,
        {
            "name": "Basisbanen 2027",
            "slug": "basisbanen-2027",
            "start_date": "2027-01-01",
            "end_date": "2028-12-31",
            "contract_period_months": 12,
        },
        format="json",
    )

    assert response.status_code == 201, response.json()
    programme = Programme.objects.get(pk=response.json()["id"])
    assert programme.municipality == municipality
    assert programme.name == "Basisbanen 2027"
    assert programme.end_date == dt.date(2028, 12, 31)
    assert programme.contract_period_months == 12
    assert response.json()["contract_period_months"] == 12
    assert AuditEntry.objects.filter(
        object_type="programmes.programme",
        object_id=str(programme.pk),
        action=AuditAction.CREATE,
        channel="api",
        actor=manager,
    ).exists()


def test_create_refuses_end_before_start_with_the_service_message(api_as, manager):
    client = api_as(manager)
    with unchanged():
        response = client.post(
            URL,
            {"name": "X", "slug": "x", "start_date": "2027-01-01", "end_date": "2026-01-01"},
            format="json",
        )

    assert response.status_code == 400
    assert response.json() == {"end_date": ["De einddatum ligt vóór de startdatum."]}
    assert not Programme.objects.filter(slug="x").exists()


def test_update_and_partial_update(api_as, manager, programme):
    client = api_as(manager)

    patched = client.patch(f"{URL}{programme.pk}/", {"name": "Nieuw"}, format="json")
    put = client.put(
        f"{URL}{programme.pk}/",
        {
            "name": "Basisbanen",
            "slug": "basisbanen",
            "description": "Pilot",
            "start_date": "2023-01-01",
            "end_date": "2027-06-30",
            "contract_period_months": 9,
        },
        format="json",
    )

    assert patched.status_code == 200
    assert patched.json()["name"] == "Nieuw"
    assert put.status_code == 200, put.json()
    programme.refresh_from_db()
    assert programme.name == "Basisbanen"
    assert programme.description == "Pilot"
    assert programme.end_date == dt.date(2027, 6, 30)
    assert programme.contract_period_months == 9


def test_intake_needs_a_reason_to_close_and_the_intake_right(api_as, member, manager, programme):
    url = f"{URL}{programme.pk}/intake/"

    caseworker = api_as(member(Role.CASEWORKER))
    with unchanged(programme):
        refused = caseworker.post(url, {"open": False, "reason": "x"})
        no_reason = api_as(manager).post(url, {"open": False}, format="json")
    closed = api_as(manager).post(url, {"open": False, "reason": "Budget op"}, format="json")

    assert refused.status_code == 403
    assert no_reason.status_code == 400
    assert "intake_closed_reason" in no_reason.json()
    assert closed.status_code == 200
    assert closed.json()["intake_open"] is False
    assert closed.json()["intake_closed_reason"] == "Budget op"
    programme.refresh_from_db()
    assert programme.intake_open is False
    assert programme.intake_changed_at is not None


def test_caseworker_cannot_create_a_programme(api_as, caseworker):
    client = api_as(caseworker)
    with unchanged():
        response = client.post(
            URL,
            {"name": "X", "slug": "x", "start_date": "2027-01-01", "end_date": "2028-01-01"},
            format="json",
        )

    assert response.status_code == 403
    assert not Programme.objects.exists()


def test_filter_on_intake_and_ordering(api_as, caseworker, municipality):
    ProgrammeFactory(municipality=municipality, name="A", start_date=dt.date(2022, 1, 1))
    ProgrammeFactory(municipality=municipality, name="B", intake_open=False)
    client = api_as(caseworker)

    open_only = client.get(URL, {"intake_open": "true"}).json()
    by_name = client.get(URL, {"ordering": "-name"}).json()

    assert [p["name"] for p in open_only["results"]] == ["A"]
    assert [p["name"] for p in by_name["results"]] == ["B", "A"]
