"""Structured logs (issue 12): the request's fields, and never personal data."""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from decimal import Decimal

import pytest
import structlog

from django.utils import timezone

from basisbaan.conf import logs
from basisbaan.payroll.models import PayrollEntry, PayrollImport
from tests.core.error_urls import BSN
from tests.factories import (
    ContractFactory,
    ParticipantFactory,
    PlacementFactory,
    PositionFactory,
    ProgrammeFactory,
    valid_bsn,
)

pytestmark = pytest.mark.django_db


class Captured:
    """Everything logged during a test: the lines our handler writes (JSON) and
    the raw records (pytest's caplog)."""

    def __init__(self, stream: io.StringIO, caplog: pytest.LogCaptureFixture) -> None:
        self.stream = stream
        self.caplog = caplog

    @property
    def text(self) -> str:
        return self.stream.getvalue() + "\n" + self.caplog.text

    def lines(self) -> list[dict]:
        return [json.loads(line) for line in self.stream.getvalue().splitlines()]

    def finished(self, request_id: str) -> dict:
        (line,) = [
            line
            for line in self.lines()
            if line["event"] == "request_finished" and line["request_id"] == request_id
        ]
        return line


@pytest.fixture
def captured(caplog):
    caplog.set_level(logging.DEBUG)
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logs.formatter("json"))
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield Captured(stream, caplog)
    finally:
        root.removeHandler(handler)


# -- the processors -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bsn 111222333 gevonden", "bsn [BSN] gevonden"),
        ("1112.22.333 en 1112 22 333", "[BSN] en [BSN]"),
        ("BSN:123456782.", "BSN:[BSN]."),
        # Not a BSN: the elfproef fails, or the number is longer, or part of a word.
        ("111222334", "111222334"),
        ("1112223330", "1112223330"),
        ("a111222333b", "a111222333b"),
        (
            "request 9c1d2e3f-4a5b-4c6d-8e7f-111222333444",
            "request 9c1d2e3f-4a5b-4c6d-8e7f-111222333444",
        ),
    ],
)
def test_the_bsn_scrubber(text, expected):
    assert logs.scrub_text(text) == expected


def test_a_line_never_has_the_address_user_agent_or_names(captured):
    structlog.get_logger("basisbaan.test").info(
        "iets", ip="10.0.0.1", user_agent="Firefox", username="jan", email="a@b.nl", user_id=7
    )

    (line,) = [line for line in captured.lines() if line["event"] == "iets"]
    assert set(line) == {"event", "level", "logger", "timestamp", "user_id"}
    assert line["user_id"] == 7


def test_standard_library_loggers_go_through_the_same_renderer(captured):
    logging.getLogger("basisbaan.jobs").warning("taak %s mislukt voor %s", 3, BSN)

    (line,) = [line for line in captured.lines() if line["logger"] == "basisbaan.jobs"]
    assert line["event"] == "taak 3 mislukt voor [BSN]"
    assert line["level"] == "warning"


def test_the_console_format_scrubs_too(caplog):
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "bsn %s", (BSN,), None)

    line = logs.formatter("console").format(record)

    assert line.split()[1:] == ["[info", "]", "bsn", "[BSN]", "[x]"]


def test_the_health_probes_answered_are_not_logged():
    quiet = logs.QuietHealthProbes()

    def record(**event):
        return logging.LogRecord("x", logging.INFO, __file__, 1, event, None, None)

    assert not quiet.filter(record(event="request_finished", path="/health/ready", code=200))
    assert not quiet.filter(record(event="request_started", path="/health/live"))
    assert quiet.filter(record(event="request_finished", path="/health/ready", code=503))
    assert quiet.filter(record(event="request_finished", path="/deelnemers/", code=200))


# -- a walk through the API and a page ------------------------------------------------

PEOPLE = [
    ("Fokje", "Zwartsenberg", "111222333", "fokje.zwartsenberg@voorbeeld.nl"),
    ("Hiltsje", "Brouwersma", "123456782", "h.brouwersma@voorbeeld.nl"),
]


@pytest.fixture
def world(municipality):
    programme = ProgrammeFactory(municipality=municipality)
    participants = [
        ParticipantFactory(
            programme=programme, first_name=first, last_name=last, bsn=bsn, email=email
        )
        for first, last, bsn, email in PEOPLE
    ]
    position = PositionFactory(host__municipality=municipality)
    placement = PlacementFactory(participant=participants[0], position=position)
    contract = ContractFactory(participant=participants[0], placement=placement)
    source = PayrollImport.objects.create(
        municipality=municipality,
        file_name="loon-2026-10.csv",
        status="imported",
        started_at=timezone.now(),
    )
    entry = PayrollEntry.objects.create(
        municipality=municipality,
        participant=participants[0],
        contract=contract,
        period=dt.date(2026, 10, 1),
        gross_wage=Decimal("100.00"),
        holiday_allowance=Decimal("8.00"),
        employer_charges=Decimal("20.00"),
        pension=Decimal("5.00"),
        other_costs=Decimal("0.00"),
        total=Decimal("133.00"),
        hours=Decimal("10.00"),
        source_import=source,
    )
    return participants, contract, entry


def test_the_logs_of_a_walk_hold_no_name_bsn_email_or_search_term(
    world, municipality, admin, api_as, client_as, captured
):
    participants, contract, entry = world
    api = api_as(admin)
    person = participants[0]
    answers = {
        "/api/v1/participants/": api.get("/api/v1/participants/"),
        "/api/v1/participants/<pk>/": api.get(f"/api/v1/participants/{person.pk}/"),
        "/api/v1/participants/?search": api.get(
            "/api/v1/participants/", {"search": person.last_name}
        ),
        "/api/v1/contracts/": api.get("/api/v1/contracts/"),
        "/api/v1/contracts/<pk>/": api.get(f"/api/v1/contracts/{contract.pk}/"),
        "/api/v1/payroll-entries/": api.get("/api/v1/payroll-entries/"),
        "/api/v1/payroll-entries/<pk>/": api.get(f"/api/v1/payroll-entries/{entry.pk}/"),
        "404": api.get("/api/v1/participants/987654321/"),
        "400": api.post(
            "/api/v1/participants/",
            {
                "first_name": "Sjoukje",
                "last_name": "Terpstra-Nieuwland",
                "bsn": valid_bsn(),
                "email": "sjoukje@voorbeeld.nl",
            },
            format="json",
        ),
        "page": client_as(admin).get("/deelnemers/", {"q": person.last_name}),
    }

    assert {name: answer.status_code for name, answer in answers.items()} == {
        "/api/v1/participants/": 200,
        "/api/v1/participants/<pk>/": 200,
        "/api/v1/participants/?search": 200,
        "/api/v1/contracts/": 200,
        "/api/v1/contracts/<pk>/": 200,
        "/api/v1/payroll-entries/": 200,
        "/api/v1/payroll-entries/<pk>/": 200,
        "404": 404,
        "400": 400,
        "page": 200,
    }
    assert person.last_name in answers["page"].content.decode()  # the search found them
    text = captured.text
    for first, last, bsn, email in PEOPLE:
        for secret in (first, last, bsn, email):
            assert secret not in text
    for secret in ("Sjoukje", "Terpstra", "sjoukje@voorbeeld.nl", "search=", "q="):
        assert secret not in text
    # ... while each answer's line says which request, who, where, what and how it went.
    searched = captured.finished(answers["/api/v1/participants/?search"]["X-Request-ID"])
    assert {key: searched[key] for key in ("method", "path", "code", "user_id")} == {
        "method": "GET",
        "path": "/api/v1/participants/",
        "code": 200,
        "user_id": admin.pk,
    }
    assert searched["municipality"] == municipality.slug
    assert isinstance(searched["duration_ms"], float)
    assert searched["level"] == "info"
    page = captured.finished(answers["page"]["X-Request-ID"])
    assert (page["path"], page["user_id"], page["municipality"]) == (
        "/deelnemers/",
        admin.pk,
        municipality.slug,
    )
    not_found = captured.finished(answers["404"]["X-Request-ID"])
    assert (not_found["code"], not_found["level"]) == (404, "warning")
    refused = captured.finished(answers["400"]["X-Request-ID"])
    assert (refused["code"], refused["method"], refused["municipality"]) == (
        400,
        "POST",
        municipality.slug,
    )
    lines = captured.lines()
    assert all("ip" not in line and "user_agent" not in line for line in lines)
    assert all("request" not in line for line in lines)
    # Every line belongs to a request (Django's own "Not Found" line, which would
    # not, is left to request_finished).
    assert all("request_id" in line for line in lines)
    assert not [line for line in lines if line["logger"] == "django.request"]


def test_the_request_id_of_the_log_is_that_of_the_audit_log(world, admin, api_as, captured):
    from basisbaan.audit.models import AuditEntry

    participants, _contract, _entry = world
    response = api_as(admin).get(f"/api/v1/participants/{participants[0].pk}/")

    request_id = response["X-Request-ID"]
    assert captured.finished(request_id)["code"] == 200
    assert AuditEntry.objects.filter(request_id=request_id).count() == 1


@pytest.mark.urls("tests.core.error_urls")
def test_a_bsn_in_an_exception_is_scrubbed_from_the_log(client_as, caseworker, captured):
    client = client_as(caseworker)
    client.raise_request_exception = False

    response = client.get("/kapot/")

    assert response.status_code == 500
    output = captured.stream.getvalue()
    assert BSN not in output
    assert "kan deelnemer [BSN] niet verwerken" in output
    failed = [line for line in captured.lines() if line["event"] == "request_failed"]
    assert len(failed) == 1
    assert failed[0]["request_id"] == response["X-Request-ID"]
    assert failed[0]["user_id"] == caseworker.pk
    assert failed[0]["code"] == 500
    assert "RuntimeError: kan deelnemer [BSN] niet verwerken" in failed[0]["exception"]


def test_gunicorns_error_log_in_json_and_no_access_log(capsys, settings):
    from logging.config import dictConfig

    from django.utils.log import configure_logging

    dictConfig(logs.gunicorn_logconfig(level="INFO", log_format="json"))
    try:
        logging.getLogger("gunicorn.error").info("Booting worker with pid: %s", 12)
        logging.getLogger("gunicorn.access").info('10.1.2.3 "GET /deelnemers/?q=Fokje"')
        err = capsys.readouterr().err
    finally:
        configure_logging(settings.LOGGING_CONFIG, settings.LOGGING)

    (line,) = [json.loads(text) for text in err.splitlines()]
    assert {key: line[key] for key in ("event", "level", "logger")} == {
        "event": "Booting worker with pid: 12",
        "level": "info",
        "logger": "gunicorn.error",
    }
