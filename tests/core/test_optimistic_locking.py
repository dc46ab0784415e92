"""Two people editing one record: the second save never silently undoes the first.

Forms carry the version they were loaded with; the API gives an ETag and
honours If-Match (:mod:`basisbaan.core.concurrency`).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from django import forms
from django.db import connection

from basisbaan.core.concurrency import StaleRecordError
from basisbaan.hosts.models import Host, Position
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.participants.services import participant_update
from basisbaan.placements.models import Placement
from tests.factories import (
    ContractFactory,
    HostFactory,
    ParticipantFactory,
    PlacementFactory,
    PositionFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def form_post(form: forms.BaseForm, **changes: Any) -> dict[str, Any]:
    """What a browser posts for ``form`` as shown, with ``changes`` typed in."""
    data: dict[str, Any] = {}
    for bound in form:
        value = bound.value()
        widget = bound.field.widget
        if isinstance(widget, forms.CheckboxInput):
            if value:
                data[bound.html_name] = "on"
            continue
        if isinstance(value, list | tuple):
            data[bound.html_name] = [str(v) for v in value]
        elif value is not None:
            data[bound.html_name] = widget.format_value(value) or ""
    data.update(changes)
    return data


def load(client, url: str) -> dict[str, Any]:
    response = client.get(url)
    assert response.status_code == 200
    return form_post(response.context["form"])


# --- forms ------------------------------------------------------------------------------------


def test_a_stale_participant_form_is_refused_and_says_what_the_other_changed(
    programme, caseworker, client_as
):
    participant = ParticipantFactory(programme=programme, last_name="Visser", city="Sneek")
    url = f"/deelnemers/{participant.pk}/bewerken/"
    anna, bert = client_as(caseworker), client_as(caseworker)
    anna_form, bert_form = load(anna, url), load(bert, url)

    assert bert.post(url, {**bert_form, "last_name": "Jansen"}).status_code == 302
    participant.refresh_from_db()
    assert (participant.last_name, participant.version) == ("Jansen", 2)

    with unchanged(participant, reads=True):
        response = anna.post(url, {**anna_form, "city": "Grou"})
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert errors == [
        "Iemand anders heeft dit record intussen gewijzigd: Achternaam (nu: Jansen). Uw "
        "wijziging is niet opgeslagen. Controleer de gegevens en sla opnieuw op."
    ]
    assert "Achternaam (nu: Jansen)" in response.content.decode()

    # Shown again on the current version: saving again is a deliberate choice.
    again = form_post(response.context["form"])
    assert again["record_version"] == "2"
    assert again["city"] == "Grou"
    assert anna.post(url, again).status_code == 302
    participant.refresh_from_db()
    assert (participant.last_name, participant.city, participant.version) == ("Visser", "Grou", 3)


def test_a_stale_contract_form_is_refused(programme, manager, client_as):
    contract = ContractFactory(participant__programme=programme, reference="A-1")
    url = f"/contracten/{contract.pk}/bewerken/"
    anna, bert = client_as(manager), client_as(manager)
    anna_form, bert_form = load(anna, url), load(bert, url)

    assert bert.post(url, {**bert_form, "reference": "B-2"}).status_code == 302

    with unchanged(contract, reads=True):
        response = anna.post(url, {**anna_form, "employer_name": "Anders BV"})
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert error.startswith("Iemand anders heeft dit record intussen gewijzigd: ")
    assert "(nu: B-2)" in error
    contract.refresh_from_db()
    assert (contract.reference, contract.employer_name, contract.version) == ("B-2", "Caparis", 2)


@pytest.mark.parametrize(
    ("kind", "url"),
    [
        ("placement", "/plaatsingen/{pk}/bewerken/"),
        ("position", "/werkgevers/werkplekken/{pk}/bewerken/"),
    ],
)
def test_a_form_loaded_before_another_change_is_refused(
    kind, url, municipality, programme, manager, client_as
):
    if kind == "placement":
        record: Placement | Position = PlacementFactory(participant__programme=programme)
    else:
        record = PositionFactory(host__municipality=municipality)
    url = url.format(pk=record.pk)
    client = client_as(manager)
    loaded = load(client, url)
    # Someone else saves meanwhile (a change the version records).
    type(record)._base_manager.filter(pk=record.pk).update(version=2)

    with unchanged(record, reads=True):
        response = client.post(url, loaded)
    assert response.status_code == 200
    [error] = response.context["form"].non_field_errors()
    assert error.startswith("Iemand anders heeft dit record intussen gewijzigd")


def test_a_status_change_on_a_stale_page_is_refused(programme, caseworker, client_as):
    participant = ParticipantFactory(programme=programme, status=ParticipantStatus.INTAKE)
    client = client_as(caseworker)
    loaded = load(client, f"/deelnemers/{participant.pk}/status/")
    participant_update(participant=participant, actor=caseworker, data={"city": "Joure"})

    with unchanged(participant, reads=True):
        response = client.post(
            f"/deelnemers/{participant.pk}/status/", {**loaded, "status": "waiting"}
        )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "Iemand anders heeft dit record intussen gewijzigd (niet in de velden van dit "
        "formulier). Controleer de gegevens en sla opnieuw op."
    ]


# --- services ---------------------------------------------------------------------------------


def test_the_update_service_refuses_an_old_expected_version(programme, caseworker):
    participant = ParticipantFactory(programme=programme, city="Sneek")
    participant_update(participant=participant, actor=caseworker, data={"city": "Grou"})
    assert participant.version == 2

    with pytest.raises(StaleRecordError) as info, unchanged(participant):
        participant_update(
            participant=participant, actor=caseworker, data={"city": "Joure"}, expected_version=1
        )
    assert (info.value.expected, info.value.current.version) == (1, 2)

    participant_update(
        participant=participant, actor=caseworker, data={"city": "Joure"}, expected_version=2
    )
    stored = Participant.objects.get(pk=participant.pk)
    assert (stored.city, stored.version) == ("Joure", 3)


def test_an_update_that_changes_nothing_keeps_the_version(programme, caseworker):
    participant = ParticipantFactory(programme=programme, city="Sneek")
    participant_update(participant=participant, actor=caseworker, data={"city": "Sneek"})
    assert Participant.objects.get(pk=participant.pk).version == 1


# --- API --------------------------------------------------------------------------------------


def test_a_record_read_through_the_api_has_an_etag(programme, caseworker, api_as):
    participant = ParticipantFactory(programme=programme)
    response = api_as(caseworker).get(f"/api/v1/participants/{participant.pk}/")
    assert response.status_code == 200
    assert response["ETag"] == f'"{participant.pk}-1"'


def test_a_stale_if_match_is_refused_with_412(programme, caseworker, api_as):
    participant = ParticipantFactory(programme=programme, city="Sneek")
    client = api_as(caseworker)
    participant_update(participant=participant, actor=caseworker, data={"city": "Grou"})

    with unchanged(participant):
        response = client.patch(
            f"/api/v1/participants/{participant.pk}/",
            {"city": "Joure"},
            format="json",
            HTTP_IF_MATCH=f'"{participant.pk}-1"',
        )
    assert response.status_code == 412
    assert response.json()["detail"] == (
        "Iemand anders heeft dit record intussen gewijzigd (nu versie 2). Haal het "
        "record opnieuw op en stuur uw wijziging met de nieuwe ETag."
    )
    assert response["ETag"] == f'"{participant.pk}-2"'


def test_a_matching_if_match_saves_and_gives_the_new_etag(programme, caseworker, api_as):
    participant = ParticipantFactory(programme=programme, city="Sneek")
    client = api_as(caseworker)
    etag = client.get(f"/api/v1/participants/{participant.pk}/")["ETag"]

    response = client.patch(
        f"/api/v1/participants/{participant.pk}/",
        {"city": "Joure"},
        format="json",
        HTTP_IF_MATCH=etag,
    )
    assert response.status_code == 200
    assert response["ETag"] == f'"{participant.pk}-2"'
    participant.refresh_from_db()
    assert (participant.city, participant.version) == ("Joure", 2)


def test_without_if_match_the_write_is_accepted(municipality, manager, api_as):
    host = HostFactory(municipality=municipality, name="Bakkerij Bos")
    response = api_as(manager).patch(
        f"/api/v1/hosts/{host.pk}/", {"name": "Bakkerij Bos BV"}, format="json"
    )
    assert response.status_code == 200
    assert response["ETag"] == f'"{host.pk}-2"'
    assert Host.objects.get(pk=host.pk).version == 2


def test_a_stale_if_match_on_a_position_is_refused(municipality, manager, api_as):
    position = PositionFactory(host__municipality=municipality, places=1)
    Position.objects.filter(pk=position.pk).update(version=5)
    with unchanged(position):
        response = api_as(manager).patch(
            f"/api/v1/positions/{position.pk}/",
            {"places": 3},
            format="json",
            HTTP_IF_MATCH=f'"{position.pk}-4", W/"{position.pk}-3"',
        )
    assert response.status_code == 412
    assert response["ETag"] == f'"{position.pk}-5"'

    response = api_as(manager).patch(
        f"/api/v1/positions/{position.pk}/",
        {"places": 3},
        format="json",
        HTTP_IF_MATCH=f'"{position.pk}-4", W/"{position.pk}-5"',
    )
    assert response.status_code == 200
    assert Position.objects.get(pk=position.pk).places == 3


def test_if_match_of_another_record_is_refused(programme, caseworker, api_as):
    one, two = (ParticipantFactory(programme=programme) for _ in range(2))
    with unchanged(one):
        response = api_as(caseworker).patch(
            f"/api/v1/participants/{one.pk}/",
            {"city": "Joure"},
            format="json",
            HTTP_IF_MATCH=f'"{two.pk}-1"',
        )
    assert response.status_code == 412


def test_the_schema_documents_if_match_and_412(client_as, admin_user):
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    patch = schema["paths"]["/api/v1/participants/{id}/"]["patch"]
    assert "412" in patch["responses"]
    assert any(p["name"] == "If-Match" and p["in"] == "header" for p in patch["parameters"])
    get = schema["paths"]["/api/v1/participants/{id}/"]["get"]
    assert "ETag" in get["responses"]["200"]["headers"]


def test_dates_in_the_message_are_dutch(programme, caseworker, client_as):
    participant = ParticipantFactory(
        programme=programme, social_assistance_start=dt.date(2020, 1, 1)
    )
    url = f"/deelnemers/{participant.pk}/bewerken/"
    client = client_as(caseworker)
    loaded = load(client, url)
    participant_update(
        participant=participant,
        actor=caseworker,
        data={"social_assistance_start": dt.date(2021, 3, 4)},
    )
    response = client.post(url, loaded)
    [error] = response.context["form"].non_field_errors()
    assert "(nu: 04-03-2021)" in error


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"
)
@pytest.mark.django_db(transaction=True)
def test_two_writes_with_the_same_if_match_at_once_save_one(municipality, manager, api_as):
    from tests.placements.test_race import run_at_once

    host = HostFactory(municipality=municipality, name="Bakkerij Bos")
    etag = f'"{host.pk}-1"'

    def write(name: str):
        def call() -> int:
            response = api_as(manager).patch(
                f"/api/v1/hosts/{host.pk}/", {"name": name}, format="json", HTTP_IF_MATCH=etag
            )
            return int(response.status_code)

        return call

    results = run_at_once([write(f"Bakkerij {i}") for i in range(4)])

    assert sorted(results) == [200, 412, 412, 412]  # type: ignore[type-var]
    stored = Host.objects.get(pk=host.pk)
    assert stored.version == 2
    assert stored.name in {f"Bakkerij {i}" for i in range(4)}


def test_the_hidden_snapshot_carries_fingerprints_not_values(programme, caseworker, client_as):
    import base64

    participant = ParticipantFactory(programme=programme, last_name="Visser")
    loaded = load(client_as(caseworker), f"/deelnemers/{participant.pk}/bewerken/")
    payload = loaded["record_loaded"].split(":")[0]
    decoded = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)).decode()
    assert '"bsn"' in decoded
    assert participant.bsn not in decoded
    assert "Visser" not in decoded
