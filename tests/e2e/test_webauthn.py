"""A passkey as the second factor, in the browser: Chromium's virtual authenticator
(through the DevTools protocol) stands in for a security key or a phone.

A caseworker signed in with password and app adds a passkey on *Inloggen en
beveiliging*, signs out, signs in with the password and then the passkey, and
reaches the participant list; the audit log has both. Then removes the key."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.e2e.test_accessibility import violations
from tests.tenancy.helpers import code_now, give_app

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _localhost(url: str) -> str:
    """WebAuthn needs a secure context and a domain as relying party: localhost."""
    return url.replace("127.0.0.1", "localhost")


def virtual_authenticator(page) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
            }
        },
    )


def password_step(page, base: str, username: str, next_url: str = "%2F") -> None:
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/inloggen/code/?next={next_url}")


def test_a_passkey_added_on_the_security_page_confirms_the_next_sign_in(
    settings, municipality, live_server, new_page, screenshots
):
    from django_otp_webauthn.models import WebAuthnCredential

    base = _localhost(live_server.url)
    settings.TWO_FACTOR = "required"
    settings.WEBAUTHN_ENABLED = True
    settings.OTP_WEBAUTHN_RP_ID = "localhost"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = [base]
    caseworker = make_member(municipality, Role.CASEWORKER, username="anna")
    app = give_app(caseworker)
    page = new_page(390)
    virtual_authenticator(page)

    password_step(page, base, caseworker.username)
    # No key yet: the code page offers only the code.
    expect(
        page.get_by_role("button", name="Inloggen met beveiligingssleutel of passkey")
    ).to_have_count(0)
    page.get_by_label("Code", exact=True).fill(code_now(app))
    page.get_by_role("button", name="Bevestigen").click()
    page.wait_for_url(f"{base}/")

    page.goto(f"{base}/account/beveiliging/")
    page.get_by_role("button", name="Beveiligingssleutel of passkey toevoegen").click()
    expect(page.get_by_role("status").filter(has_text="Sleutel 1 is toegevoegd.")).to_be_visible()
    expect(page.get_by_role("list", name="Uw sleutels").locator("li")).to_have_count(1)
    expect(page.get_by_role("button", name="Sleutel 1 verwijderen")).to_be_visible()
    page.screenshot(path=str(screenshots / "webauthn-security-390.png"), full_page=True)
    assert violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    assert WebAuthnCredential.objects.filter(user=caseworker).count() == 1

    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{base}/inloggen/")
    page.goto(f"{base}/deelnemers/")
    page.get_by_label("Gebruikersnaam").fill(caseworker.username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/inloggen/code/?next=%2Fdeelnemers%2F")
    key_button = page.get_by_role("button", name="Inloggen met beveiligingssleutel of passkey")
    expect(key_button).to_be_visible()
    page.screenshot(path=str(screenshots / "webauthn-code-390.png"), full_page=True)
    assert violations(page) == []
    key_button.click()
    page.wait_for_url(f"{base}/deelnemers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Deelnemers")

    methods = list(
        AuditEntry.objects.filter(action=AuditAction.SECOND_FACTOR)
        .order_by("pk")
        .values_list("changes__method", flat=True)
    )
    assert methods == ["totp", "webauthn"]
    added = AuditEntry.objects.get(action=AuditAction.CREATE, object_id=str(caseworker.pk))
    assert added.changes == {"security_key": [None, "Sleutel 1"]}

    # Removed again (after the confirmation question): the list says so, and the
    # session confirmed with that key stays confirmed.
    page.goto(f"{base}/account/beveiliging/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Sleutel 1 verwijderen").click()
    expect(page.get_by_role("status").filter(has_text="De sleutel is verwijderd.")).to_be_visible()
    expect(page.get_by_text("U hebt nog geen sleutel toegevoegd.")).to_be_visible()
    assert WebAuthnCredential.objects.filter(user=caseworker).count() == 0
    assert page.console_errors == []
