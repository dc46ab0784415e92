"""Bad input gives 400 (or 404), never a server error."""

from __future__ import annotations

import pytest

from basisbaan.participants.models import Participant
from tests.factories import ContractPeriodFactory, ParticipantFactory, PositionFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

HUGE = 10**30


@pytest.fixture
def client(api_as, admin):
    return api_as(admin)


def participant_payload(of_programme, **extra):
    return {
        "programme": of_programme.pk,
        "bsn": "111222333",
        "first_name": "A",
        "last_name": "B",
        "date_of_birth": "1980-01-01",
        "household_type": "single",
        **extra,
    }


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("programme", "abc"),
        ("programme", True),
        ("programme", HUGE),
        ("programme", -1),
        ("programme", [1]),
        ("programme", {"id": 1}),
        ("programme", None),
        ("bsn", 123456789),
        ("bsn", "12345678901234"),
        ("first_name", ""),
        ("date_of_birth", "03-02-1980"),
        ("date_of_birth", "1980-02-30"),
        ("date_of_birth", "0001-01-01"),
        ("date_of_birth", "9999-12-31"),
        ("date_of_birth", 19800203),
        ("date_of_birth", "2999-01-01"),
        ("household_type", "castle"),
        ("email", "not-an-email"),
        ("postcode", "ABCD 12"),
        ("contact_person", HUGE),
        ("contact_person", "x"),
        ("social_assistance_start", "1970-01-01"),  # before the date of birth
    ],
)
def test_participant_create_bad_fields(client, programme, field, value):
    with unchanged():
        response = client.post(
            "/api/v1/participants/",
            participant_payload(programme, **{field: value}),
            format="json",
        )

    assert response.status_code == 400, response.content
    assert field in response.json()
    assert not Participant.objects.exists()


@pytest.mark.parametrize(
    "body",
    [b"[]", b'"text"', b"null", b"{", b"\xff\xfe", b'{"programme": NaN}'],
)
def test_malformed_bodies(client, programme, body):
    with unchanged():
        response = client.generic(
            "POST", "/api/v1/participants/", body, content_type="application/json"
        )

    assert response.status_code == 400


@pytest.mark.parametrize(
    "value",
    ["abc", "NaN", "Infinity", "-1", "1e400", "1E+2", "0.05", "99999999999999999999.9", 1e308],
)
def test_decimal_inputs(client, municipality, value):
    host = PositionFactory(host__municipality=municipality).host

    with unchanged(host):
        response = client.post(
            "/api/v1/positions/",
            {"host": host.pk, "title": "X", "hours_per_week": value, "track": "transition"},
            format="json",
        )

    assert response.status_code == 400
    assert "hours_per_week" in response.json()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("hourly_wage", "1" * 40),
        ("hourly_wage", "-5"),
        ("start_date", "9999-12-31"),  # the period after it would overflow
        ("end_date", "2020-01-01"),  # before the start
    ],
)
def test_contract_inputs(client, municipality, field, value):
    participant = ParticipantFactory(programme__municipality=municipality)
    payload = {
        "participant": participant.pk,
        "employer_name": "Caparis",
        "start_date": "2024-07-01",
        "hours_per_week": "32",
        "hourly_wage": "13.68",
        field: value,
    }

    with unchanged(participant):
        response = client.post("/api/v1/contracts/", payload, format="json")

    assert response.status_code == 400
    assert field in response.json()


def test_renewal_far_in_the_future_is_refused_not_crashed(client, municipality):
    period = ContractPeriodFactory(contract__participant__programme__municipality=municipality)

    with unchanged(period, period.contract):
        response = client.post(
            f"/api/v1/contracts/{period.contract_id}/renew/",
            {"start_date": "9999-12-31", "hours_per_week": "32", "hourly_wage": "14"},
            format="json",
        )

    assert response.status_code == 400


@pytest.mark.parametrize("path", ["abc", str(HUGE), "-1", "0", "1.5", "%00", "%F0%9F%98%80", "1e3"])
@pytest.mark.parametrize("resource", ["participants", "contracts", "positions"])
def test_odd_ids_in_the_path(client, resource, path):
    with unchanged():
        response = client.get(f"/api/v1/{resource}/{path}/")

    assert response.status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"page": "abc"},
        {"page": str(HUGE)},
        {"page": "-1"},
        {"programme": str(HUGE)},
        {"programme": "-1"},
        {"contact_person": "x"},
        {"status": "flying"},
        {"search": "a\x00b"},
        {"search": "x" * 500},
    ],
)
def test_odd_query_parameters(client, params):
    with unchanged():
        response = client.get("/api/v1/participants/", params)

    assert response.status_code in {400, 404}


@pytest.mark.parametrize(
    ("params", "count"), [({"page_size": "100000"}, 3), ({"ordering": "bsn,?"}, 3)]
)
def test_harmless_query_parameters_are_ignored_or_capped(client, programme, params, count):
    ParticipantFactory.create_batch(3, programme=programme)

    response = client.get("/api/v1/participants/", params)

    assert response.status_code == 200
    assert len(response.json()["results"]) == count


@pytest.mark.parametrize("value", ["-3", "0", "x", "", "1.5", "\u0661"])
def test_a_page_size_that_is_no_whole_number_of_at_least_one_is_refused(client, value):
    """The schema says ``page_size`` is an integer from 1; it used to be ignored."""
    response = client.get("/api/v1/participants/", {"page_size": value})

    assert response.status_code == 400
    assert response.json() == {"page_size": ["Vul een geheel getal van 1 of meer in."]}


def test_odd_municipality_header(api_as, admin):
    client = api_as(admin)
    with unchanged():
        response = client.get("/api/v1/programmes/", HTTP_X_MUNICIPALITY="\u00e9\x01" * 100)

    assert response.status_code == 403


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("status", {"status": "exited", "exit_date": "31-01-2025", "exit_reason": "moved"}),
        ("status", {"status": "exited", "exit_date": "2025-01-31", "exit_reason": "bored"}),
        ("status", {"status": None}),
        ("contact-person", {"contact_person": [1]}),
        ("contact-person", {}),
    ],
)
def test_participant_actions_bad_input(client, programme, url, body):
    participant = ParticipantFactory(programme=programme)

    with unchanged(participant):
        response = client.post(f"/api/v1/participants/{participant.pk}/{url}/", body, format="json")

    assert response.status_code == 400


@pytest.mark.parametrize("depth", [33, 100, 100_000])
def test_deeply_nested_json_is_refused(client, programme, depth):
    body = "[" * depth + "]" * depth

    with unchanged():
        response = client.generic(
            "POST", "/api/v1/participants/", body, content_type="application/json"
        )

    assert response.status_code == 400
    assert response.json() == {"detail": "De gegevens zijn te diep genest."}


def test_nesting_within_the_limit_reaches_the_serializer(client, programme):
    body = '{"first_name": ' + "[" * 31 + "]" * 31 + "}"  # 32 levels

    with unchanged():
        response = client.generic(
            "POST", "/api/v1/participants/", body, content_type="application/json"
        )

    assert response.status_code == 400
    assert "first_name" in response.json()


@pytest.mark.parametrize(
    "payload",
    [
        {"first_name": "nul\x00teken"},
        {"first_name": ["a\x00"]},
        {"nul\x00": "x"},
        {"household_type": {"nested": "\x00"}},
    ],
)
def test_nul_in_a_json_body_is_refused(client, programme, payload):
    with unchanged():
        response = client.post(
            "/api/v1/participants/", participant_payload(programme, **payload), format="json"
        )

    assert response.status_code == 400
    assert response.json() == {"detail": "De gegevens bevatten een ongeldig teken (NUL)."}


def test_nul_in_a_form_body_is_refused(client, programme):
    with unchanged():
        response = client.post(
            "/api/v1/participants/", participant_payload(programme, last_name="x\x00y")
        )

    assert response.status_code == 400
    assert response.json() == {"detail": "De gegevens bevatten een ongeldig teken (NUL)."}


@pytest.mark.parametrize(
    "query",
    [
        "search=a%00b",
        "ordering=%00",
        "page=1%00",
        "page_size=%00",
        "status=%00",
        "programme=1%00",
        "%00=1",
        "contact_person=%00",
    ],
)
@pytest.mark.parametrize("resource", ["participants", "hosts", "contracts", "payroll-entries"])
def test_nul_in_the_query_string_is_refused(client, resource, query):
    with unchanged():
        response = client.get(f"/api/v1/{resource}/?{query}")

    assert response.status_code == 400
    assert response.json() == {"detail": "Het verzoek bevat een ongeldig teken (NUL)."}


def test_nul_in_the_query_string_of_a_page_is_refused(client_as, admin):
    client = client_as(admin)
    with unchanged():
        response = client.get("/deelnemers/?zoek=a%00b")

    assert response.status_code == 400
    assert response.content.decode() == "Het verzoek bevat een ongeldig teken (NUL)."


def test_nul_in_a_header_is_refused(client):
    with unchanged():
        response = client.get("/api/v1/programmes/", HTTP_X_MUNICIPALITY="a\x00b")

    assert response.status_code == 400


def test_a_bare_validation_message_is_an_object(client, municipality):
    """A view's ``ValidationError("...")`` answers ``{"non_field_errors": [...]}``."""
    from rest_framework.exceptions import ValidationError

    from basisbaan.core.api.errors import exception_handler

    response = exception_handler(ValidationError("Kan niet."), {})

    assert response is not None
    assert response.status_code == 400
    assert response.data == {"non_field_errors": ["Kan niet."]}


@pytest.mark.parametrize(
    ("url", "params", "field", "message"),
    [
        ("/api/v1/hosts/", {"active": "maybe"}, "active", "Gebruik true of false."),
        ("/api/v1/positions/", {"is_open": "null"}, "is_open", "Gebruik true of false."),
        ("/api/v1/programmes/", {"intake_open": "1"}, "intake_open", "Gebruik true of false."),
        (
            "/api/v1/hours-entries/",
            {"date_to": ""},
            "date_to",
            "Vul een waarde in, of laat deze parameter weg.",
        ),
        (
            "/api/v1/payroll-entries/",
            {"period_to": ""},
            "period_to",
            "Vul een waarde in, of laat deze parameter weg.",
        ),
        (
            "/api/v1/contracts/below-minimum-wage/",
            {"past": "ja"},
            "past",
            "Gebruik true of false.",
        ),
    ],
)
def test_filter_values_the_schema_refuses_are_refused(client, url, params, field, message):
    """They used to be skipped: the whole, unfiltered list came back."""
    response = client.get(url, params)

    assert response.status_code == 400
    assert response.json() == {field: [message]}


def test_a_boolean_filter_still_filters(client, municipality):
    PositionFactory(host__municipality=municipality, is_open=False)
    open_position = PositionFactory(host__municipality=municipality, is_open=True)

    response = client.get("/api/v1/positions/", {"is_open": "true"})

    assert response.status_code == 200
    assert [row["id"] for row in response.json()["results"]] == [open_position.pk]


def test_an_empty_search_is_no_filter(client, programme):
    ParticipantFactory.create_batch(2, programme=programme)

    response = client.get("/api/v1/participants/", {"search": ""})

    assert response.status_code == 200
    assert response.json()["count"] == 2


def test_a_repeated_query_parameter_is_refused(client):
    response = client.get("/api/v1/placements/?status=active&status=ended&page=1&page=2")

    assert response.status_code == 400
    assert response.json() == {
        "page": ["Geef elke parameter één keer op."],
        "status": ["Geef elke parameter één keer op."],
    }


@pytest.mark.parametrize("path", ["/api/v1/participants/-1/", "/api/v1/nothing/", "/api/v2/"])
def test_an_unknown_api_path_answers_json(client, path):
    response = client.get(path)

    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "Niet gevonden."}


def test_an_unknown_page_still_answers_html(client_as, admin):
    response = client_as(admin).get("/bestaat-niet/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_no_route_has_a_format_suffix_twin():
    """The router makes no ".json" twins: an action without a ``format`` argument
    answered its twin with a server error (GET /api/v1/contracts/below-minimum-wage.json)."""
    from django.urls import URLResolver, get_resolver

    def routes(resolver, prefix=""):
        for entry in resolver.url_patterns:
            route = prefix + str(entry.pattern)
            if isinstance(entry, URLResolver):
                yield from routes(entry, route)
            else:
                yield route

    assert [r for r in routes(get_resolver()) if "(?P<format>" in r] == []


@pytest.mark.parametrize(
    "path", ["/api/v1/contracts.json", "/api/v1/contracts/below-minimum-wage.json"]
)
def test_a_format_suffix_is_not_found(client, path):
    assert client.get(path).status_code == 404
