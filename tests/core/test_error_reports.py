"""Error reports without personal data (issue 12): the mail to ADMINS and Sentry."""

from __future__ import annotations

import sys

import pytest

from django.test import RequestFactory

from basisbaan.conf.sentry import before_breadcrumb, before_send
from basisbaan.core.reporting import ExceptionReporter, ExceptionReporterFilter
from tests.core.error_urls import BSN, NAME

pytestmark = pytest.mark.django_db

HIDDEN = "********************"


# -- the error mail -------------------------------------------------------------------


@pytest.mark.urls("tests.core.error_urls")
def test_the_error_mail_holds_no_name_bsn_or_search_term(
    client_as, caseworker, settings, mailoutbox
):
    settings.ADMINS = ["Beheer <beheer@example.nl>"]
    client = client_as(caseworker)
    client.raise_request_exception = False
    client.cookies["zoekopdracht"] = "Zwartsenberg"

    response = client.post(
        "/kapot/?q=Zwartsenberg",
        {"first_name": "Fokje", "bsn": BSN},
        HTTP_USER_AGENT="Firefox van Fokje",
        HTTP_REFERER="https://basisbaan.example/deelnemers/?q=Zwartsenberg",
        REMOTE_ADDR="10.9.8.7",
    )

    assert response.status_code == 500
    (mail,) = mailoutbox
    assert mail.to == ["Beheer <beheer@example.nl>"]
    assert mail.subject.startswith(
        "[Basisbaan] ERROR (EXTERNAL IP): Internal Server Error: /kapot/"
    )
    body = mail.body
    for secret in (BSN, NAME, "Fokje", "Zwartsenberg", caseworker.username, "10.9.8.7"):
        assert secret not in body, secret
    assert "kan deelnemer [BSN] niet verwerken" in body
    assert f"USER: id {caseworker.pk}" in body
    assert "participant_name" in body  # the variable is named, its value hidden


def _raise_and_catch():
    bsn_of_participant = BSN  # noqa: F841 -- a frame variable the report would show
    try:
        raise ValueError(f"BSN {BSN} onbekend")
    except ValueError:
        return sys.exc_info()


def test_the_filter_hides_every_parameter_cookie_and_header():
    request = RequestFactory().post(
        "/deelnemers/?q=Zwartsenberg&page=2",
        {"first_name": "Fokje", "bsn": BSN},
        HTTP_USER_AGENT="Firefox",
        REMOTE_ADDR="10.1.2.3",
    )
    request.COOKIES = {"sessionid": "abc"}
    report_filter = ExceptionReporterFilter()

    assert report_filter.get_post_parameters(request) == {"first_name": HIDDEN, "bsn": HIDDEN}
    assert report_filter.get_get_parameters(request) == [("q", HIDDEN), ("page", HIDDEN)]
    assert report_filter.get_safe_cookies(request) == {"sessionid": HIDDEN}
    meta = report_filter.get_safe_request_meta(request)
    assert meta["QUERY_STRING"] == HIDDEN
    assert meta["HTTP_USER_AGENT"] == HIDDEN
    assert meta["REMOTE_ADDR"] == HIDDEN
    assert meta["REQUEST_METHOD"] == "POST"
    assert meta["PATH_INFO"] == "/deelnemers/"


def test_the_filter_hides_frame_variables_and_addresses_with_passwords(settings):
    settings.REDIS_URL = "redis://:geheim@redis:6379/0"
    report_filter = ExceptionReporterFilter()
    request = RequestFactory().get("/")
    _type, _value, tb = _raise_and_catch()
    frame = tb.tb_frame

    assert dict(report_filter.get_traceback_frame_variables(request, frame)) == {
        "bsn_of_participant": HIDDEN
    }
    safe = report_filter.get_safe_settings()
    assert safe["REDIS_URL"] == HIDDEN
    assert safe["SENTRY_DSN"] == HIDDEN
    assert safe["RQ_QUEUES"]["default"]["URL"] == HIDDEN
    assert safe["CACHES"]["jobs"]["LOCATION"] == HIDDEN


def test_the_report_shows_the_path_and_user_id_only(caseworker):
    request = RequestFactory().get("/deelnemers/?q=Zwartsenberg")
    request.user = caseworker
    exc_type, exc_value, tb = _raise_and_catch()

    data = ExceptionReporter(request, exc_type, exc_value, tb, is_email=True).get_traceback_data()

    assert data["request_insecure_uri"] == "/deelnemers/"
    assert data["request_GET_items"] == [("q", HIDDEN)]
    assert data["user_str"] == f"id {caseworker.pk}"
    assert data["exception_value"] == "BSN [BSN] onbekend"


def test_a_developer_sees_everything_with_debug_on(settings):
    settings.DEBUG = True
    request = RequestFactory().get("/deelnemers/?q=Zwartsenberg")

    assert ExceptionReporterFilter().get_get_parameters(request) == [("q", "Zwartsenberg")]


# -- Sentry ---------------------------------------------------------------------------


def _event() -> dict:
    return {
        "message": f"verwerking van {BSN} mislukt",
        "request": {
            "method": "GET",
            "url": "https://basisbaan.example/deelnemers/?q=Zwartsenberg",
            "query_string": "q=Zwartsenberg",
            "data": {"first_name": "Fokje"},
            "cookies": {"sessionid": "abc"},
            "env": {"REMOTE_ADDR": "10.1.2.3"},
            "headers": {
                "Accept": "text/html",
                "User-Agent": "Firefox",
                "Referer": "https://basisbaan.example/?q=Zwartsenberg",
                "Cookie": "sessionid=abc",
                "X-Request-ID": "9c1d2e3f",
                "Authorization": "Token bb_geheim",
            },
        },
        "user": {"id": "7", "username": "fokje", "email": "fokje@voorbeeld.nl", "ip_address": "1"},
        "extra": {"request": "<WSGIRequest: GET '/deelnemers/?q=Zwartsenberg'>"},
        "server_name": "web-1",
        "exception": {
            "values": [
                {
                    "type": "ValueError",
                    "value": f"BSN {BSN} onbekend",
                    "stacktrace": {
                        "frames": [{"function": "view", "vars": {"name": "Fokje"}}],
                    },
                }
            ]
        },
        "breadcrumbs": {
            "values": [
                {
                    "category": "query",
                    "message": "SELECT ... WHERE last_name = %s",
                    "data": {"params": ["Zwartsenberg"]},
                },
                {"category": "log", "message": f"bsn {BSN}", "data": {"q": "Zwartsenberg"}},
            ]
        },
        "tags": {"environment": "production"},
    }


def test_before_send_keeps_no_request_data_nor_personal_data():
    event = before_send(_event(), {})

    assert event == {
        "message": "verwerking van [BSN] mislukt",
        "request": {
            "method": "GET",
            "url": "https://basisbaan.example/deelnemers/",
            "headers": {"Accept": "text/html", "X-Request-ID": "9c1d2e3f"},
        },
        "user": {"id": "7"},
        "exception": {
            "values": [
                {
                    "type": "ValueError",
                    "value": "BSN [BSN] onbekend",
                    "stacktrace": {"frames": [{"function": "view"}]},
                }
            ]
        },
        "breadcrumbs": {
            "values": [
                {"category": "query", "message": "SELECT ... WHERE last_name = %s"},
                {"category": "log", "message": "bsn [BSN]"},
            ]
        },
        "tags": {"environment": "production"},
    }


def test_before_send_without_a_request_or_user():
    assert before_send({"message": "klaar"}, {}) == {"message": "klaar"}
    assert before_send({"user": {"username": "fokje"}}, {}) == {"user": {}}


def test_before_breadcrumb_drops_the_data():
    crumb = {"category": "httplib", "message": f"GET {BSN}", "data": {"url": "/?q=Fokje"}}

    assert before_breadcrumb(crumb, {}) == {"category": "httplib", "message": "GET [BSN]"}


def test_sentry_is_set_up_only_with_a_dsn(monkeypatch):
    import sentry_sdk

    from basisbaan.conf.sentry import init_sentry

    calls: list[dict] = []
    monkeypatch.setattr(sentry_sdk, "init", lambda **options: calls.append(options))

    init_sentry(
        dsn="https://key@sentry.example/1",
        environment="production",
        release="basisbaan@1.0",
        traces_sample_rate=0.0,
    )

    (options,) = calls
    assert options["send_default_pii"] is False
    assert options["include_local_variables"] is False
    assert options["max_request_body_size"] == "never"
    assert options["auto_enabling_integrations"] is False
    assert options["before_send"] is before_send
    assert (options["environment"], options["release"], options["traces_sample_rate"]) == (
        "production",
        "basisbaan@1.0",
        0.0,
    )
    assert sorted(type(i).__name__ for i in options["integrations"]) == [
        "DjangoIntegration",
        "LoggingIntegration",
    ]
    assert sentry_sdk.get_client().is_active() is False
