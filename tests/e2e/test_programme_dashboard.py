"""The programme dashboard in a browser: the controller filters by track, and the
page has no axe violations, no CSP errors and no sideways scrolling at 1280 and 390 px."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from basisbaan.hosts.constants import Track
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.e2e.test_accessibility import violations
from tests.e2e.test_participant_flow import log_in
from tests.factories import PlacementFactory, ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(municipality):
    programme = ProgrammeFactory(
        municipality=municipality, name="Basisbanen Klein", start_date=dt.date(2025, 7, 1)
    )
    for index in range(12):
        PlacementFactory(
            participant__programme=programme,
            start_date=dt.date(2025, 8, 1),
            track=Track.TRANSITION if index < 7 else Track.SOCIAL_VALUE,
        )
    make_member(municipality, Role.CONTROLLER, username="controller")
    return programme


@pytest.mark.parametrize("width", [1280, 390])
def test_the_controller_filters_by_track(world, live_server, new_page, browser, screenshots, width):
    base = live_server.url
    page = new_page(width)
    log_in(page, base, "controller")
    page.goto(f"{base}/programma-dashboard/{world.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Programmadashboard")
    page.get_by_role("combobox", name="Spoor").select_option(label="Maatschappelijke waarde")
    page.get_by_role("button", name="Toon").click()
    page.wait_for_url("**spoor=social_value**")
    tracks = page.locator("#tabel-tracks")
    expect(tracks.locator("thead th")).to_have_count(3)
    expect(tracks.locator("tr[data-row=working] td")).to_have_text(["12", "5"])
    assert page.evaluate("document.scrollingElement.scrollWidth") <= width
    page.screenshot(path=str(screenshots / f"programme-dashboard-{width}.png"), full_page=True)
    assert page.console_errors == []

    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="nl-NL", bypass_csp=True
    )
    axe_page = context.new_page()
    log_in(axe_page, base, "controller")
    found = {}
    for query in ("", "?spoor=transition", "?peildatum=01-01-2099&periode=x"):
        axe_page.goto(f"{base}/programma-dashboard/{world.pk}/{query}")
        if problems := violations(axe_page):
            found[query] = problems
    context.close()
    assert found == {}
