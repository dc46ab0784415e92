"""The participant choice on the placement form: waiting participants only, found
by name, at most 20 shown, the choice checked against the whole waiting list."""

from __future__ import annotations

import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.core.choices import LIMIT
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.placements.models import Placement
from tests.factories import ParticipantFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def options(body: str) -> list[str]:
    match = re.search(r'<select name="participant"[^>]*>(.*?)</select>', body, re.S)
    assert match
    return [v for v in re.findall(r'<option value="([^"]*)"', match.group(1)) if v]


def waiting(programme, count: int, status=ParticipantStatus.WAITING) -> list:
    return [
        ParticipantFactory(
            programme=programme, first_name="Anna", last_name=f"Wachter{i:03d}", status=status
        )
        for i in range(count)
    ]


def test_200_waiting_show_the_bound_with_a_flat_query_count(
    programme, position, caseworker, client_as
):
    client = client_as(caseworker)
    people = waiting(programme, 30)
    client.get("/plaatsingen/nieuw/")
    with CaptureQueriesContext(connection) as few:
        client.get("/plaatsingen/nieuw/")
    people += waiting(programme, 170)
    with CaptureQueriesContext(connection) as lots:
        body = client.get("/plaatsingen/nieuw/").content.decode()

    in_order = sorted(people, key=lambda p: (p.last_name, p.first_name, p.pk))
    assert options(body) == [str(p.pk) for p in in_order[:LIMIT]]
    assert len(lots) == len(few)
    entry = AuditEntry.objects.filter(action=AuditAction.LIST).latest("pk")
    assert len(entry.changes["ids"]) == LIMIT


def test_the_search_finds_waiting_participants_only(programme, position, caseworker, client_as):
    waiting(programme, 25)
    referred = ParticipantFactory(
        programme=programme,
        first_name="Emre",
        last_name="Öztürk",
        status=ParticipantStatus.REFERRED,
    )
    emre = ParticipantFactory(programme=programme, first_name="Emre", last_name="Öztürk-Kaya")
    body = (
        client_as(caseworker)
        .post("/plaatsingen/nieuw/", {"_zoek": "participant", "participant_q": "ozturk"})
        .content.decode()
    )
    assert options(body) == [str(emre.pk)]
    assert str(referred.pk) not in options(body)


def test_a_waiting_participant_beyond_the_list_is_placed(
    programme, position, caseworker, client_as
):
    people = waiting(programme, 40)
    response = client_as(caseworker).post(
        "/plaatsingen/nieuw/",
        {"participant": people[-1].pk, "position": position.pk, "start_date": "01-09-2025"},
    )
    assert response.status_code == 302
    assert Placement.objects.get().participant == people[-1]


def test_a_participant_of_another_municipality_is_refused(
    programme, position, other_municipality, caseworker, client_as
):
    stranger = ParticipantFactory(
        programme__municipality=other_municipality, status=ParticipantStatus.WAITING
    )
    with unchanged(stranger, reads=True):
        response = client_as(caseworker).post(
            "/plaatsingen/nieuw/",
            {"participant": stranger.pk, "position": position.pk, "start_date": "01-09-2025"},
        )
    assert response.context["form"].errors["participant"] == [
        "Selecteer een geldige keuze. Deze keuze is niet beschikbaar."
    ]
    assert not Placement.objects.exists()
