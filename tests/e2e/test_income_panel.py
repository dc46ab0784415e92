"""A caseworker opens a participant, reads "Loont werken?", changes the hours and
sees the amounts change (issue 16); at phone width nothing scrolls sideways.
The printed comparison (``income:participant_pdf``) is downloaded from the same
page."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from django.urls import reverse

from basisbaan.participants.constants import HouseholdType
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.e2e.test_participant_flow import log_in
from tests.factories import ParticipantFactory, ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(municipality):
    programme = ProgrammeFactory(municipality=municipality, name="Basisbanen Leeuwarden")
    caseworker = make_member(municipality, Role.CASEWORKER, username="consulent")
    participant = ParticipantFactory(
        programme=programme,
        first_name="Sanne",
        name_prefix="",
        last_name="Hoekstra",
        household_type=HouseholdType.SINGLE_PARENT,
        children_birth_months=["2016-05"],
        rent_month=Decimal("650.00"),
        contact_person=caseworker,
    )
    return caseworker, participant


@pytest.mark.parametrize("width", [1280, 390])
def test_caseworker_changes_the_hours_and_sees_the_amounts_change(
    world, live_server, new_page, screenshots, width
):
    caseworker, participant = world
    page = new_page(width)
    log_in(page, live_server.url, caseworker.username)

    page.goto(f"{live_server.url}/deelnemers/{participant.pk}/")
    panel = page.locator("#loont-werken")
    expect(panel.get_by_role("heading", name="Loont werken?")).to_be_visible()
    headline = panel.locator(".bb-income__headline")
    expect(headline).to_contain_text("Met 32 uur per week heeft het huishouden ongeveer €")
    total = panel.get_by_role("row", name="Totaal per maand")
    before = total.inner_text()
    expect(panel.get_by_role("img", name="Netto inkomen van het huishouden")).to_be_visible()

    panel.get_by_label("Uren per week").fill("20")
    panel.get_by_role("button", name="Opnieuw berekenen").click()

    expect(page.locator("#loont-werken .bb-income__headline")).to_contain_text(
        "Met 20 uur per week heeft het huishouden"
    )
    after = page.locator("#loont-werken").get_by_role("row", name="Totaal per maand")
    expect(after).not_to_have_text(before)
    expect(page.locator("#loont-werken").get_by_label("Uren per week")).to_have_value("20")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.console_errors == []
    page.screenshot(path=str(screenshots / f"loont-werken-{width}.png"), full_page=True)


def test_the_hours_form_works_without_script(world, live_server, browser):
    caseworker, participant = world
    context = browser.new_context(locale="nl-NL", java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server.url, caseworker.username)

    page.goto(f"{live_server.url}/deelnemers/{participant.pk}/")
    page.get_by_label("Uren per week").fill("36")
    page.get_by_role("button", name="Opnieuw berekenen").click()

    assert "uren=36" in page.url
    expect(page.locator(".bb-income__headline")).to_contain_text("Met 36 uur per week")
    context.close()


def test_caseworker_downloads_pdf(world, live_server, new_page):
    caseworker, participant = world
    page = new_page(1280)
    log_in(page, live_server.url, caseworker.username)
    page.goto(f"{live_server.url}/deelnemers/{participant.pk}/")

    link = page.locator("#loont-werken").get_by_role("link", name="Afdrukken (PDF)")
    path = reverse("income:participant_pdf", args=[participant.pk])
    expect(link).to_have_attribute("href", re.compile("^" + re.escape(path)))
    # Fetched with the page's session: the file, whether shown inline or downloaded.
    response = page.request.get(f"{live_server.url}{link.get_attribute('href')}")
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"
