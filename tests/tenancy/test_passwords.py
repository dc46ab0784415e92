"""Passwords: Dutch common words refused; the user changes or resets their own."""

from __future__ import annotations

import re

import pytest

from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client

from basisbaan.tenancy.passwords import DutchCommonPasswordValidator, is_common_dutch

pytestmark = pytest.mark.django_db

PRODUCTION_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "basisbaan.tenancy.passwords.DutchCommonPasswordValidator"},
]


@pytest.mark.parametrize(
    "password",
    [
        "wachtwoord",
        "Welkom2025!",
        "zomer2025",
        "Leeuwarden1",
        "GRONINGEN",
        "emmen-123",
        "basisbaan",
        "w3lk0m",
        "Gemeente01",
    ],
)
def test_common_dutch_passwords_are_refused(password):
    assert is_common_dutch(password)
    with pytest.raises(ValidationError) as refused:
        DutchCommonPasswordValidator().validate(password)
    assert refused.value.messages == [
        "Dit wachtwoord is te gangbaar (een bekend woord of plaatsnaam)."
    ]


@pytest.mark.parametrize(
    "password", ["Fietsenstalling-Oranjegracht-47", "lange zin met drie bomen", "x7#Qpz!r2LmW"]
)
def test_other_passwords_pass(password):
    assert not is_common_dutch(password)
    DutchCommonPasswordValidator().validate(password)


def test_with_the_production_validators_django_and_dutch_lists_both_apply(settings):
    settings.AUTH_PASSWORD_VALIDATORS = PRODUCTION_VALIDATORS
    for password in ("password123", "Wachtwoord2026"):
        with pytest.raises(ValidationError):
            validate_password(password)


def test_production_refuses_common_passwords_and_requires_the_second_factor():
    from tests.test_deploy import PRODUCTION_ENV, _run

    code = (
        "from django.conf import settings; "
        "from django.contrib.auth.password_validation import validate_password; "
        "print(settings.TWO_FACTOR); "
        "validate_password('Fietsenstalling-Oranjegracht-47'); print('ok'); "
        "validate_password('Leeuwarden2026!')"
    )
    result = _run("shell", "--no-imports", "-c", code, env=PRODUCTION_ENV)
    assert result.stdout.splitlines() == ["required", "ok"]
    assert "Dit wachtwoord is te gangbaar" in result.stderr


def test_a_signed_in_user_changes_their_password(settings, caseworker, client_as):
    settings.AUTH_PASSWORD_VALIDATORS = PRODUCTION_VALIDATORS
    client = client_as(caseworker)
    page = client.get("/account/wachtwoord/")
    assert page.status_code == 200
    refused = client.post(
        "/account/wachtwoord/",
        {"old_password": "demo", "new_password1": "Zomer2026", "new_password2": "Zomer2026"},
    )
    assert refused.status_code == 200
    assert "te gangbaar" in refused.content.decode()
    new = "Fietsenstalling-Oranjegracht-47"
    response = client.post(
        "/account/wachtwoord/",
        {"old_password": "demo", "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == "/account/wachtwoord/gewijzigd/"
    caseworker.refresh_from_db()
    assert caseworker.check_password(new)


def test_a_forgotten_password_is_reset_through_a_link_by_email(caseworker):
    caseworker.email = "anna@example.nl"
    caseworker.save()
    client = Client()
    response = client.post("/wachtwoord-vergeten/", {"email": "anna@example.nl"})
    assert response["Location"] == "/wachtwoord-vergeten/verstuurd/"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == "Nieuw wachtwoord voor Basisbaan"
    link = re.search(r"http://testserver(/wachtwoord-vergeten/\S+/\S+/)", mail.outbox[0].body)
    form_page = client.get(link.group(1), follow=True)
    assert "Nieuw wachtwoord kiezen" in form_page.content.decode()
    new = "Fietsenstalling-Oranjegracht-47"
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": new, "new_password2": new}
    )
    assert done["Location"] == "/wachtwoord-vergeten/klaar/"
    caseworker.refresh_from_db()
    assert caseworker.check_password(new)


def test_an_unknown_address_gets_the_same_answer_and_no_mail(db):
    response = Client().post("/wachtwoord-vergeten/", {"email": "onbekend@example.nl"})
    assert response["Location"] == "/wachtwoord-vergeten/verstuurd/"
    assert mail.outbox == []


def test_production_refuses_an_optional_second_factor():
    from tests.test_deploy import PRODUCTION_ENV, _run

    result = _run("check", env={**PRODUCTION_ENV, "BASISBAAN_2FA": "optional"})
    assert result.returncode != 0
    assert "production requires the second factor" in result.stderr
