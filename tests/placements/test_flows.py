"""The placement and contract flow: a future placement is planned, not running; a
start close to the programme's end warns; the placement page leads to its contract,
or says who makes it."""

from __future__ import annotations

import datetime as dt

import pytest

from rest_framework.test import APIClient

from basisbaan.contracts.models import Contract
from basisbaan.placements.constants import PlacementStatus
from basisbaan.placements.models import Placement
from basisbaan.placements.status import days_before_programme_end, placement_status
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ParticipantFactory, PlacementFactory

pytestmark = pytest.mark.django_db

END = dt.date(2027, 12, 31)  # the programme's end (conftest)


def api_as(user, municipality) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    client.credentials(HTTP_X_MUNICIPALITY=municipality.slug)
    return client


# --- the status on a day ----------------------------------------------------------------


def test_status_depends_on_the_day():
    start = dt.date(2026, 12, 1)
    assert placement_status(start, None, today=dt.date(2026, 11, 30)) == PlacementStatus.PLANNED
    assert placement_status(start, None, today=dt.date(2026, 12, 1)) == PlacementStatus.ACTIVE
    assert (
        placement_status(start, dt.date(2027, 1, 1), today=dt.date(2026, 11, 30))
        == PlacementStatus.ENDED
    )


def test_a_future_placement_is_planned_on_every_face(
    programme, municipality, caseworker, client_as, today
):
    future = PlacementFactory(
        participant__programme=programme, start_date=today + dt.timedelta(days=14)
    )
    running = PlacementFactory(participant__programme=programme, start_date=today)
    client = client_as(caseworker)

    page = client.get(f"/plaatsingen/{future.pk}/").content.decode()
    assert '<span class="bb-badge bb-badge--waiting">Gepland</span>' in page
    assert ">Lopend<" not in page
    assert "<dd>gepland</dd>" in page
    running_page = client.get(f"/plaatsingen/{running.pk}/").content.decode()
    assert '<span class="bb-badge bb-badge--active">Lopend</span>' in running_page

    planned = client.get("/plaatsingen/", {"status": "planned"}).context["object_list"]
    active = client.get("/plaatsingen/", {"status": "active"}).context["object_list"]
    assert [p.pk for p in planned] == [future.pk]
    assert [p.pk for p in active] == [running.pk]
    listing = client.get("/plaatsingen/").content.decode()
    assert '<td class="bb-hide-narrow">gepland</td>' in listing

    api = api_as(caseworker, municipality)
    body = api.get(f"/api/v1/placements/{future.pk}/").json()
    assert body["status"] == "planned"
    assert api.get(f"/api/v1/placements/{running.pk}/").json()["status"] == "active"
    rows = api.get("/api/v1/placements/", {"status": "planned"}).json()["results"]
    assert [r["id"] for r in rows] == [future.pk]


# --- a start close to the programme's end ---------------------------------------------


@pytest.mark.parametrize(
    ("start", "days"),
    [
        (dt.date(2027, 12, 14), 17),
        (dt.date(2027, 12, 31), 0),
        (dt.date(2027, 12, 1), 30),
        (dt.date(2027, 11, 30), None),  # exactly one month before: no warning
        (dt.date(2027, 6, 1), None),
    ],
)
def test_days_before_the_end(start, days):
    assert days_before_programme_end(start, END) == days


def test_days_before_an_end_on_the_last_of_february():
    assert days_before_programme_end(dt.date(2028, 2, 12), dt.date(2028, 2, 29)) == 17
    assert days_before_programme_end(dt.date(2028, 1, 29), dt.date(2028, 2, 29)) is None


def test_a_start_17_days_before_the_end_warns_on_the_page_and_in_the_api(
    programme, position, municipality, caseworker, client_as
):
    waiting = ParticipantFactory(programme=programme)
    client = client_as(caseworker)
    response = client.post(
        "/plaatsingen/nieuw/",
        {"participant": waiting.pk, "position": position.pk, "start_date": "14-12-2027"},
        follow=True,
    )
    placement = Placement.objects.get()
    warning = (
        "De startdatum ligt 17 dagen voor het einde van het programma (31-12-2027): "
        "er blijft minder dan een maand over voor werk en contract."
    )
    assert [str(m) for m in response.context["messages"]] == [
        "De deelnemer is geplaatst.",
        warning,
    ]
    assert warning in client.get(f"/plaatsingen/{placement.pk}/").content.decode()

    body = api_as(caseworker, municipality).get(f"/api/v1/placements/{placement.pk}/").json()
    assert body["warnings"] == ["De startdatum ligt 17 dagen voor het einde van het programma."]


def test_an_earlier_start_does_not_warn(programme, position, municipality, caseworker, client_as):
    waiting = ParticipantFactory(programme=programme)
    response = client_as(caseworker).post(
        "/plaatsingen/nieuw/",
        {"participant": waiting.pk, "position": position.pk, "start_date": "30-11-2027"},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["De deelnemer is geplaatst."]
    placement = Placement.objects.get()
    body = api_as(caseworker, municipality).get(f"/api/v1/placements/{placement.pk}/").json()
    assert body["warnings"] == []


def test_the_api_warns_when_it_places(programme, position, municipality, caseworker):
    waiting = ParticipantFactory(programme=programme)
    response = api_as(caseworker, municipality).post(
        "/api/v1/placements/",
        {"participant": waiting.pk, "position": position.pk, "start_date": "2027-12-14"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["warnings"] == [
        "De startdatum ligt 17 dagen voor het einde van het programma."
    ]


# --- from placement to contract ------------------------------------------------------


def test_the_placement_page_leads_to_its_contract_prefilled(programme, municipality, client_as):
    manager = make_member(municipality, Role.PROGRAMME_MANAGER)
    placement = PlacementFactory(participant__programme=programme, start_date=dt.date(2026, 9, 1))
    client = client_as(manager)
    page = client.get(f"/plaatsingen/{placement.pk}/").content.decode()
    link = f"/contracten/nieuw/?participant={placement.participant_id}&amp;placement={placement.pk}"
    assert "Nog geen contract bij deze plaatsing." in page
    assert f'<a class="bb-button-link" href="{link}">Contract maken</a>' in page

    form = client.get(link.replace("&amp;", "&")).context["form"]
    assert form["participant"].value() == str(placement.participant_id)
    assert form["placement"].value() == str(placement.pk)
    assert form["start_date"].value() == dt.date(2026, 9, 1)
    body = client.get(link.replace("&amp;", "&")).content.decode()
    assert 'value="01-09-2026"' in body
    assert f'<option value="{placement.participant_id}" selected>' in body
    assert f'<option value="{placement.pk}" selected>' in body


def test_a_role_without_contract_rights_is_told_who_can(programme, caseworker, client_as):
    placement = PlacementFactory(participant__programme=programme)
    page = client_as(caseworker).get(f"/plaatsingen/{placement.pk}/").content.decode()
    assert "Nog geen contract bij deze plaatsing." in page
    assert ("Een programmamanager, controller of functioneel beheerder maakt het contract.") in page
    assert "/contracten/nieuw/" not in page


def test_with_a_contract_the_next_step_is_gone(programme, municipality, client_as):
    from tests.factories import ContractFactory

    manager = make_member(municipality, Role.PROGRAMME_MANAGER)
    placement = PlacementFactory(participant__programme=programme)
    ContractFactory(participant=placement.participant, placement=placement)
    assert Contract.objects.count() == 1
    page = client_as(manager).get(f"/plaatsingen/{placement.pk}/").content.decode()
    assert "Nog geen contract bij deze plaatsing." not in page
