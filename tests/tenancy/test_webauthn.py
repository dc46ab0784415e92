"""Security keys and passkeys (WebAuthn) beside the authenticator app: the settings,
the buttons only where they belong, adding from a verified session only, removing
(audited), and a failed key counting toward the lockout. The browser ceremony
itself is tested in tests/e2e/test_webauthn.py."""

from __future__ import annotations

import json
import re

import pytest
from django_otp_webauthn.models import WebAuthnCredential

from django.conf import settings as django_settings
from django.test import Client

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.tenancy import two_factor
from basisbaan.tenancy.models import User
from tests.tenancy.helpers import code_now, give_app, sign_in
from tests.test_deploy import PRODUCTION_ENV, _run
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

CODE_BUTTON = "Inloggen met beveiligingssleutel of passkey"
ADD_BUTTON = "Beveiligingssleutel of passkey toevoegen"
BEGIN_AUTH = "/sleutel/inloggen/begin/"
COMPLETE_AUTH = "/sleutel/inloggen/klaar/"
BEGIN_REGISTRATION = "/sleutel/registratie/begin/"


@pytest.fixture
def on(settings):
    settings.TWO_FACTOR = "required"
    settings.WEBAUTHN_ENABLED = True


def give_key(user: User, name: str = "Sleutel 1", raw_id: bytes = b"key-1") -> WebAuthnCredential:
    """A registered key (its public key is never checked by these tests)."""
    return WebAuthnCredential.objects.create(
        user=user,
        name=name,
        credential_id=raw_id,
        public_key=b"not-a-real-cose-key",
        aaguid="00000000-0000-0000-0000-000000000000",
        confirmed=True,
    )


def verified_client(user: User) -> Client:
    """Signed in with password and the app's code."""
    device = two_factor.confirmed_totp(user) or give_app(user)
    client = Client()
    sign_in(client, user.get_username())
    assert client.post("/inloggen/code/", {"code": code_now(device)}).status_code == 302
    return client


def password_only_client(user: User) -> Client:
    client = Client()
    assert sign_in(client, user.get_username()).status_code == 302
    return client


# -- settings -----------------------------------------------------------------------------


def test_development_offers_keys_for_localhost_as_a_second_factor_only():
    assert (
        django_settings.WEBAUTHN_ENABLED,
        django_settings.OTP_WEBAUTHN_RP_ID,
        django_settings.OTP_WEBAUTHN_RP_NAME,
        django_settings.OTP_WEBAUTHN_ALLOWED_ORIGINS,
        django_settings.OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN,
    ) == (True, "localhost", "Basisbaan", ["http://localhost:8000"], False)


_PRINT = (
    "from django.conf import settings as s; "
    "print(s.WEBAUTHN_ENABLED, s.OTP_WEBAUTHN_RP_ID, s.OTP_WEBAUTHN_ALLOWED_ORIGINS)"
)
_WEBAUTHN_VARS = {"BASISBAAN_WEBAUTHN": "", "WEBAUTHN_RP_ID": "", "WEBAUTHN_ALLOWED_ORIGINS": ""}


def _production(**extra: str):
    env = PRODUCTION_ENV | extra
    # An empty value would count as given: leave out what the test does not set.
    return _run("shell", "-c", _PRINT, env={k: v for k, v in (_WEBAUTHN_VARS | env).items() if v})


@pytest.mark.django_db(databases=[])
def test_production_leaves_keys_off_unless_asked():
    result = _production()
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].split()[0] == "False"


@pytest.mark.django_db(databases=[])
def test_production_with_keys_on_demands_the_domain_and_the_origins():
    missing = _production(BASISBAAN_WEBAUTHN="true")
    assert missing.returncode != 0
    assert "Environment variable WEBAUTHN_RP_ID is required" in missing.stderr
    given = _production(
        BASISBAAN_WEBAUTHN="true",
        WEBAUTHN_RP_ID="basisbaan.example.nl",
        WEBAUTHN_ALLOWED_ORIGINS="https://basisbaan.example.nl",
    )
    assert given.returncode == 0, given.stderr
    assert (
        given.stdout.splitlines()[-1]
        == "True basisbaan.example.nl ['https://basisbaan.example.nl']"
    )


# -- the code page --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("enabled", "with_key", "shown"),
    [(True, True, True), (True, False, False), (False, True, False)],
)
def test_the_code_page_offers_the_key_only_when_on_and_the_user_has_one(
    settings, caseworker, enabled, with_key, shown
):
    settings.TWO_FACTOR = "required"
    settings.WEBAUTHN_ENABLED = enabled
    give_app(caseworker)
    if with_key:
        give_key(caseworker)
    client = password_only_client(caseworker)
    body = client.get("/inloggen/code/?next=%2F").content.decode()
    assert (CODE_BUTTON in body, 'id="otp_webauthn_config"' in body) == (shown, shown)
    assert "Code" in body  # the app's code stays the other way


def test_the_pages_run_no_inline_script(on, caseworker):
    """CSP script-src 'self': the library's configuration is a JSON data block,
    every script is a file."""
    give_key(caseworker)
    pages = [password_only_client(caseworker).get("/inloggen/code/").content.decode()]
    pages.append(verified_client(caseworker).get("/account/beveiliging/").content.decode())
    for body in pages:
        for tag in re.findall(r"<script[^>]*>", body):
            assert 'src="' in tag or 'type="application/json"' in tag, tag


# -- the security page ------------------------------------------------------------------------


def test_a_verified_user_sees_their_keys_and_the_add_button(on, caseworker):
    give_key(caseworker, "Sleutel 1", b"key-1")
    give_key(caseworker, "Sleutel 2", b"key-2")
    body = verified_client(caseworker).get("/account/beveiliging/").content.decode()
    assert ADD_BUTTON in body
    assert re.findall(r">(Sleutel \d) verwijderen<", body) == ["Sleutel 1", "Sleutel 2"]
    assert "otp_webauthn_register.js" in body


def test_without_webauthn_the_security_page_has_no_key_section(settings, caseworker):
    settings.TWO_FACTOR = "required"
    settings.WEBAUTHN_ENABLED = False
    give_key(caseworker)
    body = verified_client(caseworker).get("/account/beveiliging/").content.decode()
    assert (ADD_BUTTON in body, "Sleutel 1" in body) == (False, False)


def test_in_optional_mode_a_password_alone_cannot_add_a_key(settings, caseworker):
    settings.TWO_FACTOR = "optional"
    settings.WEBAUTHN_ENABLED = True
    client = password_only_client(caseworker)  # no app: signed in with the password alone
    body = client.get("/account/beveiliging/").content.decode()
    assert ADD_BUTTON not in body
    assert "Log eerst in met uw authenticator-app" in body
    response = client.post(BEGIN_REGISTRATION)
    assert response.status_code == 403
    assert response.json()["code"] == "user_not_verified"


def test_a_session_verified_by_the_idp_without_an_app_cannot_add_a_key(on, caseworker):
    """Keys come beside the app (and its recovery codes), not instead of it."""
    client = Client()
    client.force_login(caseworker)
    session = client.session
    session[two_factor.IDP_MFA_SESSION_KEY] = True
    session.save()
    assert ADD_BUTTON not in client.get("/account/beveiliging/").content.decode()
    with unchanged():
        response = client.post(BEGIN_REGISTRATION)
    assert (response.status_code, response.json()["code"]) == (403, "user_not_verified")


def test_a_session_verified_by_the_idp_with_an_app_may_add_a_key(on, caseworker):
    give_app(caseworker)
    client = Client()
    client.force_login(caseworker)
    session = client.session
    session[two_factor.IDP_MFA_SESSION_KEY] = True
    session.save()
    assert ADD_BUTTON in client.get("/account/beveiliging/").content.decode()
    assert client.post(BEGIN_REGISTRATION).status_code == 200


def test_a_verified_user_may_begin_adding_a_key(on, caseworker):
    response = verified_client(caseworker).post(BEGIN_REGISTRATION)
    assert response.status_code == 200
    assert response.json()["rp"] == {"id": "localhost", "name": "Basisbaan"}


def test_every_key_url_answers_404_when_off(settings, caseworker):
    settings.WEBAUTHN_ENABLED = False
    client = verified_client(caseworker)
    answers = [client.post(url).status_code for url in (BEGIN_REGISTRATION, BEGIN_AUTH)]
    assert answers == [404, 404]


def test_removing_a_key_is_audited(on, caseworker, municipality):
    key = give_key(caseworker)
    client = verified_client(caseworker)
    response = client.post(f"/account/beveiliging/sleutel/{key.pk}/verwijderen/")
    assert (response.status_code, response["Location"]) == (302, "/account/beveiliging/")
    assert WebAuthnCredential.objects.filter(user=caseworker).count() == 0
    entry = AuditEntry.objects.get(action=AuditAction.DELETE)
    assert (entry.actor, entry.municipality, entry.changes) == (
        caseworker,
        municipality,
        {"security_key": ["Sleutel 1", None]},
    )


def test_removing_the_key_this_session_was_confirmed_with_keeps_it_confirmed(on, caseworker):
    from django_otp import DEVICE_ID_SESSION_KEY

    give_app(caseworker)
    key = give_key(caseworker)
    client = Client()
    client.force_login(caseworker)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = key.persistent_id  # as after signing in with the key
    session.save()
    assert client.get("/").status_code == 200
    response = client.post(f"/account/beveiliging/sleutel/{key.pk}/verwijderen/")
    assert response["Location"] == "/account/beveiliging/"
    assert client.get("/").status_code == 200  # not sent back to the code page


def test_nobody_removes_another_users_key(on, caseworker, member):
    other = member(username="jobcoach-x")
    key = give_key(other)
    client = verified_client(caseworker)
    with unchanged():
        response = client.post(f"/account/beveiliging/sleutel/{key.pk}/verwijderen/")
    assert response.status_code == 404
    assert WebAuthnCredential.objects.filter(pk=key.pk).exists()


def test_a_password_alone_cannot_remove_a_key(on, caseworker):
    give_app(caseworker)
    key = give_key(caseworker)
    client = password_only_client(caseworker)
    with unchanged():
        response = client.post(f"/account/beveiliging/sleutel/{key.pk}/verwijderen/")
    assert response.status_code == 302  # to the code page first
    assert response["Location"].startswith("/inloggen/code/")


def test_reset_sign_in_removes_the_keys_too(on, caseworker):
    give_app(caseworker)
    give_key(caseworker)
    devices, _failures = two_factor.sign_in_reset(user=caseworker)
    assert devices == 2
    assert WebAuthnCredential.objects.filter(user=caseworker).count() == 0


# -- signing in with a key ------------------------------------------------------------------


def _b64(data: bytes) -> str:
    from webauthn.helpers import bytes_to_base64url

    return bytes_to_base64url(data)


def _assertion(raw_id: bytes) -> str:
    """A well-formed answer of a key the server does not know."""
    return json.dumps(
        {
            "id": _b64(raw_id),
            "rawId": _b64(raw_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": _b64(b'{"type":"webauthn.get"}'),
                "authenticatorData": _b64(b"\x00" * 37),
                "signature": _b64(b"\x00" * 8),
            },
            "clientExtensionResults": {},
        }
    )


def test_the_key_ceremony_is_reachable_between_password_and_code(on, caseworker):
    give_app(caseworker)
    key = give_key(caseworker)
    client = password_only_client(caseworker)
    response = client.post(BEGIN_AUTH)
    assert response.status_code == 200
    assert [c["id"] for c in response.json()["allowCredentials"]] == [
        _b64(bytes(key.credential_id))
    ]
    # ... but no other page yet, adding a key included.
    assert client.post(BEGIN_REGISTRATION).status_code == 302


def test_without_a_password_first_the_key_ceremony_is_refused(on):
    assert Client().post(BEGIN_AUTH).status_code == 302  # to the login page


def test_a_failed_key_counts_toward_the_lockout(on, caseworker):
    give_app(caseworker)
    give_key(caseworker)
    client = password_only_client(caseworker)
    answers = []
    for _attempt in range(5):
        client.post(BEGIN_AUTH)
        answers.append(
            client.post(COMPLETE_AUTH, _assertion(b"unknown"), content_type="application/json")
        )
    assert [a.status_code for a in answers] == [404, 404, 404, 404, 429]
    # JSON, which the key's script shows in its status message.
    assert answers[-1].json() == {
        "detail": "Te vaak een verkeerde code of sleutel: u bent uitgelogd. "
        "Inloggen kan weer over 15 minuten.",
        "code": "locked_out",
    }
    # Signed out, and the failures were audited as a second-factor failure.
    assert client.get("/")["Location"] == "/inloggen/?next=/"
    failed = AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED)
    assert [e.changes["stage"] for e in failed] == ["code"] * 5
    assert not AuditEntry.objects.filter(action=AuditAction.SECOND_FACTOR).exists()


def test_a_lost_challenge_is_no_attempt_at_a_key(on, caseworker):
    """Completing without beginning (a reload, a double click) does not count."""
    give_app(caseworker)
    give_key(caseworker)
    client = password_only_client(caseworker)
    answers = [
        client.post(
            COMPLETE_AUTH, _assertion(b"unknown"), content_type="application/json"
        ).status_code
        for _attempt in range(6)
    ]
    assert answers == [400] * 6
    assert not AuditEntry.objects.filter(action=AuditAction.LOGIN_FAILED).exists()
