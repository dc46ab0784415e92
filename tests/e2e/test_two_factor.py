"""Signing in like government software, in the browser: a caseworker signs in with
password and a code from the authenticator app, is locked out after repeated wrong
codes, and the functional administrator sees it in the audit log."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.tenancy.helpers import code_now, give_app, wrong_code

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def people(settings, municipality):
    settings.TWO_FACTOR = "required"
    settings.AXES_FAILURE_LIMIT = 5
    caseworker = make_member(municipality, Role.CASEWORKER, username="anna")
    admin = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheer")
    return (caseworker, give_app(caseworker)), (admin, give_app(admin))


def password_step(page, base: str, username: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/inloggen/code/?next=%2F")


def code_step(page, code: str) -> None:
    page.get_by_label("Code", exact=True).fill(code)
    page.get_by_role("button", name="Bevestigen").click()


def test_password_and_code_then_lockout_after_wrong_codes_seen_in_the_audit_log(
    people, live_server, new_page, screenshots
):
    (caseworker, app), (admin, admin_app) = people
    base = live_server.url
    page = new_page(390)

    password_step(page, base, caseworker.username)
    page.screenshot(path=str(screenshots / "two-factor-code-390.png"), full_page=True)
    code_step(page, code_now(app))
    page.wait_for_url(f"{base}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Overzicht")
    page.get_by_role("button", name="Uitloggen").click()
    page.wait_for_url(f"{base}/inloggen/")

    password_step(page, base, caseworker.username)
    for _attempt in range(4):
        code_step(page, wrong_code(app))
        expect(page.locator("[data-error-summary]")).to_contain_text("Deze code klopt niet.")
    code_step(page, wrong_code(app))
    expect(page.get_by_role("heading", level=1)).to_have_text("Tijdelijk geblokkeerd")
    expect(page.get_by_role("alert")).to_contain_text("Inloggen kan weer over 15 minuten.")
    page.screenshot(path=str(screenshots / "two-factor-lockout-390.png"), full_page=True)
    # Signed out, and the password alone does not get back in during the cool-off.
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(caseworker.username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tijdelijk geblokkeerd")

    desk = new_page(1280)
    password_step(desk, base, admin.username)
    code_step(desk, code_now(admin_app))
    desk.wait_for_url(f"{base}/")
    desk.goto(f"{base}/audit/")
    blocked = desk.locator("tbody tr", has_text="geblokkeerd na mislukte pogingen")
    expect(blocked.first).to_contain_text(caseworker.username)
    failed = desk.locator("tbody tr", has_text="inloggen mislukt")
    expect(failed).to_have_count(6)  # five wrong codes, then the refused password
    expect(desk.locator("tbody tr", has_text="tweede factor bevestigd")).to_have_count(2)
    desk.screenshot(path=str(screenshots / "two-factor-audit-1280.png"), full_page=True)
    # The lockout page is a 429 answer, which the browser reports; nothing else.
    assert [e for e in page.console_errors if "429 (Too Many Requests)" not in e] == []
    assert desk.console_errors == []


def test_a_new_user_sets_up_the_app_at_390_px_and_gets_recovery_codes(
    settings, municipality, live_server, new_page, screenshots
):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.TWO_FACTOR = "required"
    jobcoach = make_member(municipality, Role.JOBCOACH, username="pieter")
    base = live_server.url
    page = new_page(390)
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(jobcoach.username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/inloggen/tweede-factor/?next=%2F")
    expect(page.get_by_role("img", name="QR-code voor de authenticator-app")).to_be_visible()
    page.screenshot(path=str(screenshots / "two-factor-setup-390.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

    device = TOTPDevice.objects.get(user=jobcoach)
    page.get_by_label("Code uit de app").fill(code_now(device))
    page.get_by_role("button", name="App koppelen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Herstelcodes")
    expect(page.get_by_role("list", name="Herstelcodes").locator("li")).to_have_count(10)
    page.get_by_role("link", name="Verder").click()
    page.wait_for_url(f"{base}/")
    assert page.console_errors == []
