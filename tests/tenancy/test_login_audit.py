"""Sign-ins are audited from Django's login signals: every path (the app's login,
the admin's, the code page) and every outcome, never with the password."""

from __future__ import annotations

import json

import pytest

from django.test import Client

from basisbaan.audit.models import AuditAction, AuditEntry
from tests.tenancy.helpers import give_app, sign_in, wrong_code

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/inloggen/", "/beheer/login/"])
def test_a_successful_sign_in_is_audited_on_every_login_page(path, caseworker, municipality):
    assert sign_in(Client(), caseworker.username, path=path).status_code == 302
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN)
    assert (entry.actor, entry.municipality, entry.channel) == (caseworker, municipality, "ui")


@pytest.mark.parametrize("path", ["/inloggen/", "/beheer/login/"])
def test_a_failed_password_is_audited_with_the_user_name_never_the_password(
    path, caseworker, municipality
):
    sign_in(Client(), caseworker.username, "Geheim-Wachtwoord-99", path=path)
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (entry.actor, entry.actor_label, entry.municipality, entry.object_id) == (
        None,
        caseworker.username,
        municipality,
        str(caseworker.pk),
    )
    assert entry.changes == {"stage": "password", "address": "127.0.0.1"}
    stored = json.dumps([e.changes for e in AuditEntry.objects.all()])
    assert "Geheim-Wachtwoord-99" not in stored


def test_an_unknown_user_name_is_audited_without_a_municipality(db):
    sign_in(Client(), "niemand", "fout")
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (entry.actor_label, entry.municipality, entry.object_id, entry.object_repr) == (
        "niemand",
        None,
        "",
        "gebruikers",  # the log names no person, not even an unknown one (audit/masking.py)
    )


def test_a_wrong_code_is_audited_as_a_failed_second_step(settings, caseworker):
    settings.TWO_FACTOR = "required"
    device = give_app(caseworker)
    client = Client()
    sign_in(client, caseworker.username)
    client.post("/inloggen/code/", {"code": wrong_code(device)})
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert (entry.actor_label, entry.changes) == (
        caseworker.username,
        {"stage": "code", "address": "127.0.0.1"},
    )


def test_the_address_comes_from_the_proxy_header_when_configured(settings, caseworker):
    settings.LOGIN_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    sign_in(Client(), caseworker.username, "fout", HTTP_X_REAL_IP="192.0.2.7")
    entry = AuditEntry.objects.get(action=AuditAction.LOGIN_FAILED)
    assert entry.changes["address"] == "192.0.2.7"


def test_a_test_helpers_force_login_is_no_audited_sign_in(caseworker, client_as):
    client_as(caseworker)
    assert not AuditEntry.objects.filter(action=AuditAction.LOGIN).exists()


def test_a_sign_in_behind_a_unix_socket_without_an_address_is_audited_too(caseworker):
    assert sign_in(Client(REMOTE_ADDR=""), caseworker.username).status_code == 302
    assert AuditEntry.objects.filter(action=AuditAction.LOGIN, actor=caseworker).count() == 1
