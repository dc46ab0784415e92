"""Lockout after repeated failures, per user and address, on every login path:
the app's /inloggen/, the admin's /beheer/login/ and the second-factor code page."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from django.test import Client
from django.utils import timezone

from basisbaan.audit.models import AuditAction, AuditEntry
from tests.tenancy.helpers import code_now, give_app, sign_in, wrong_code

pytestmark = pytest.mark.django_db

LOCKED = "Tijdelijk geblokkeerd"


@pytest.fixture(autouse=True)
def _limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_COOLOFF_TIME = dt.timedelta(minutes=15)


@pytest.mark.parametrize("path", ["/inloggen/", "/beheer/login/"])
def test_five_wrong_passwords_lock_the_user_out_from_that_address(path, caseworker):
    client = Client()
    answers = [
        sign_in(client, caseworker.username, "fout", path=path).status_code for _ in range(5)
    ]
    assert answers == [200, 200, 200, 200, 429]
    # Now even the right password is refused, on both login pages.
    for login_page in ("/inloggen/", "/beheer/login/"):
        response = sign_in(Client(), caseworker.username, path=login_page)
        assert response.status_code == 429
        assert LOCKED in response.content.decode()
        assert "Inloggen kan weer over 15 minuten." in response.content.decode()
    # Another address is not locked out (per user and address) ...
    elsewhere = sign_in(Client(REMOTE_ADDR="10.0.0.9"), caseworker.username, path=path)
    assert elsewhere.status_code == 302


def test_after_the_cool_off_the_user_signs_in_again(caseworker):
    for _ in range(5):
        sign_in(Client(), caseworker.username, "fout")
    assert sign_in(Client(), caseworker.username).status_code == 429
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        assert sign_in(Client(), caseworker.username).status_code == 302


def test_failures_of_another_user_do_not_lock_this_one(caseworker, member):
    other = member(username="jobcoach-x")
    for _ in range(5):
        sign_in(Client(), other.username, "fout")
    assert sign_in(Client(), caseworker.username).status_code == 302


def test_wrong_codes_lock_out_and_sign_out(settings, caseworker):
    settings.TWO_FACTOR = "required"
    device = give_app(caseworker)
    client = Client()
    sign_in(client, caseworker.username)
    answers = [
        client.post("/inloggen/code/", {"code": wrong_code(device)}).status_code for _ in range(5)
    ]
    assert answers == [200, 200, 200, 200, 429]
    # Signed out: the half-finished session is gone.
    assert client.get("/")["Location"] == "/inloggen/?next=/"
    # And the right password and code do not get in during the cool-off.
    again = Client()
    assert sign_in(again, caseworker.username).status_code == 429
    assert AuditEntry.objects.filter(action=AuditAction.LOCKOUT).count() >= 1


def test_the_code_page_refuses_even_the_right_code_while_locked_out(settings, caseworker):
    settings.TWO_FACTOR = "required"
    device = give_app(caseworker)
    client = Client()
    sign_in(client, caseworker.username)  # signed in with the password before the lockout
    for _ in range(5):
        sign_in(Client(), caseworker.username, "fout")
    response = client.post("/inloggen/code/", {"code": code_now(device)})
    assert response.status_code == 429
    assert client.get("/")["Location"] == "/inloggen/?next=/"


def test_the_lockout_is_audited_in_the_users_municipality(caseworker, municipality):
    for _ in range(5):
        sign_in(Client(), caseworker.username, "fout")
    lockout = AuditEntry.objects.get(action=AuditAction.LOCKOUT)
    assert (lockout.actor, lockout.actor_label, lockout.municipality) == (
        None,
        caseworker.username,
        municipality,
    )
    assert lockout.changes == {"address": "127.0.0.1"}
