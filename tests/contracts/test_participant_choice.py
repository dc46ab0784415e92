"""The participant choice on the contract form: a name search and at most 20 rows,
validated against every participant of the municipality; the audit names only
the rows shown."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.contracts.models import Contract
from basisbaan.core.choices import LIMIT
from tests.factories import ParticipantFactory, PlacementFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

VALID = {
    "employer_name": "Caparis",
    "start_date": "01-01-2026",
    "hours_per_week": "32",
    "hourly_wage": "14,71",
}


def options(body: str, select_id: str) -> list[str]:
    """The option values of one select (the empty choice left out)."""
    match = re.search(rf'<select name="\w+"[^>]*id="{select_id}"[^>]*>(.*?)</select>', body, re.S)
    assert match, f"no select {select_id}"
    return [v for v in re.findall(r'<option value="([^"]*)"', match.group(1)) if v]


def many(programme, count: int) -> list:
    return [
        ParticipantFactory(
            programme=programme,
            first_name=f"Voornaam{i:03d}",
            last_name=f"Achternaam{i:03d}",
            date_of_birth=dt.date(1980, 5, 17),
        )
        for i in range(count)
    ]


def test_the_form_shows_at_most_the_bound_of_200_participants(programme, manager, client_as):
    people = many(programme, 200)
    body = client_as(manager).get("/contracten/nieuw/").content.decode()

    shown = options(body, "id_participant")
    assert shown == [str(p.pk) for p in people[:LIMIT]]  # surname order
    assert "De eerste 20 getoond. Typ meer van de naam om verder te zoeken." in body
    assert 'name="participant_q"' in body
    assert 'name="_zoek" value="participant"' in body
    assert body.count("<option") <= 2 * (LIMIT + 1)  # participant and placement lists


def test_the_query_count_does_not_grow_with_the_municipality(programme, manager, client_as):
    client = client_as(manager)
    many(programme, 30)
    client.get("/contracten/nieuw/")
    with CaptureQueriesContext(connection) as few:
        client.get("/contracten/nieuw/")
    many(programme, 170)
    with CaptureQueriesContext(connection) as lots:
        client.get("/contracten/nieuw/")
    assert len(lots) == len(few)


def test_the_audit_names_only_the_shown_rows(programme, manager, client_as):
    people = many(programme, 200)
    client_as(manager).get("/contracten/nieuw/")

    entry = AuditEntry.objects.get(action=AuditAction.LIST)
    assert entry.changes["ids"] == [str(pk) for pk in sorted(p.pk for p in people[:LIMIT])]


def test_the_search_button_shows_the_form_again_with_the_matches(programme, manager, client_as):
    many(programme, 50)
    fatima = ParticipantFactory(
        programme=programme, first_name="Fatima", name_prefix="el", last_name="Amrani"
    )
    ParticipantFactory(programme=programme, first_name="Fatima", last_name="Bakker")
    client = client_as(manager)

    with unchanged(reads=True):
        response = client.post(
            "/contracten/nieuw/",
            {
                "_zoek": "participant",
                "participant_q": "amrani FATIMA",
                **VALID,
                "reference": "K-12",
            },
        )
    body = response.content.decode()
    assert response.status_code == 200
    assert options(body, "id_participant") == [str(fatima.pk)]
    assert f'<option value="{fatima.pk}">Fatima el Amrani (Basisbanen Leeuwarden)</option>' in body
    assert 'value="K-12"' in body  # what was typed stays
    assert 'value="amrani FATIMA"' in body
    assert "1 gevonden." in body
    assert "bb-errorlist" not in body  # a search is not a refused submit
    entry = AuditEntry.objects.get(action=AuditAction.LIST)
    assert entry.changes["ids"] == [str(fatima.pk)]


def test_the_script_gets_the_widget_alone(programme, manager, client_as):
    fatima = ParticipantFactory(
        programme=programme, first_name="Fatima", name_prefix="el", last_name="Amrani"
    )
    response = client_as(manager).post(
        "/contracten/nieuw/",
        {"_zoek": "participant", "participant_q": "amr"},
        HTTP_X_SEARCH_SELECT="1",
    )
    body = response.content.decode()
    assert body.startswith('<div class="bb-search-select" data-search-select>')
    assert "<html" not in body
    assert options(body, "id_participant") == [str(fatima.pk)]


def test_a_participant_outside_the_shown_rows_can_be_chosen(programme, manager, client_as):
    people = many(programme, 60)
    last = people[-1]
    PlacementFactory(participant=last, start_date=dt.date(2025, 7, 1))
    response = client_as(manager).post("/contracten/nieuw/", {"participant": last.pk, **VALID})

    assert response.status_code == 302
    assert Contract.objects.get().participant == last


def test_the_chosen_participant_is_shown_on_top_of_the_bound(programme, manager, client_as):
    people = many(programme, 60)
    body = (
        client_as(manager).get(f"/contracten/nieuw/?participant={people[-1].pk}").content.decode()
    )

    shown = options(body, "id_participant")
    assert shown[0] == str(people[-1].pk)
    assert len(shown) == LIMIT + 1
    assert f'<option value="{people[-1].pk}" selected>' in body


def test_a_participant_of_another_municipality_is_refused(
    programme, other_programme, manager, client_as
):
    stranger = ParticipantFactory(programme=other_programme, first_name="Jan", last_name="Vreemd")
    client = client_as(manager)
    with unchanged(stranger, reads=True):
        response = client.post("/contracten/nieuw/", {"participant": stranger.pk, **VALID})
        shown = client.get(f"/contracten/nieuw/?participant={stranger.pk}").content.decode()
    assert response.status_code == 200
    assert response.context["form"].errors["participant"] == [
        "Selecteer een geldige keuze. Deze keuze is niet beschikbaar."
    ]
    assert not Contract.objects.exists()
    assert "Vreemd" not in shown


def test_the_placement_choice_is_bounded_too(programme, manager, client_as):
    placements = [PlacementFactory(participant=p) for p in many(programme, 30)]
    client = client_as(manager)
    body = client.get("/contracten/nieuw/").content.decode()
    assert len(options(body, "id_placement")) == LIMIT

    found = client.post(
        "/contracten/nieuw/",
        {"_zoek": "placement", "placement_q": "achternaam029"},
        HTTP_X_SEARCH_SELECT="1",
    ).content.decode()
    assert options(found, "id_placement") == [str(placements[-1].pk)]
