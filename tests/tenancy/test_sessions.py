"""Idle sessions end after SESSION_IDLE_TIMEOUT minutes; nothing a signed-in user
sees may be cached (Cache-Control: no-store, private)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from django.test import Client
from django.utils import timezone

from tests.tenancy.helpers import sign_in

pytestmark = pytest.mark.django_db


def test_a_session_idle_longer_than_the_timeout_is_signed_out(settings, caseworker):
    settings.SESSION_IDLE_TIMEOUT = 30
    client = Client()
    sign_in(client, caseworker.username)
    start = timezone.now()
    with time_machine.travel(start + dt.timedelta(minutes=29), tick=False):
        assert client.get("/").status_code == 200
    # 29 minutes after the last request, not after the sign-in: still in.
    with time_machine.travel(start + dt.timedelta(minutes=58), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(start + dt.timedelta(minutes=89), tick=False):
        response = client.get("/deelnemers/")
        assert response["Location"] == "/inloggen/?next=/deelnemers/"
        page = client.get(response["Location"])
    assert "U bent uitgelogd omdat u een tijd niets hebt gedaan." in page.content.decode()
    # Said once.
    assert "een tijd niets" not in client.get("/inloggen/").content.decode()


def test_the_timeout_is_a_setting(settings, caseworker):
    settings.SESSION_IDLE_TIMEOUT = 5
    client = Client()
    sign_in(client, caseworker.username)
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=6), tick=False):
        assert client.get("/").status_code == 302


def test_pages_and_api_answers_for_a_signed_in_user_are_not_stored(caseworker, client_as):
    client = client_as(caseworker)
    for path in ("/", "/deelnemers/", "/api/v1/participants/", "/account/beveiliging/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Cache-Control"] == "no-store, private", path


def test_an_api_answer_with_a_token_is_not_stored(caseworker):
    from basisbaan.core.tokens import token_create

    token = token_create(actor=caseworker, owner=caseworker).secret
    response = Client().get("/api/v1/participants/", HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
