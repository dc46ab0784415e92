"""At phone width (390 px) the main menu folds behind a menu button that opens it,
by mouse and by keyboard, and says so (aria-expanded); a list stays usable (a
focusable scroll region, sortable headers); and axe finds nothing, open or closed.
Screenshots: docs/img/menu-390.png, docs/img/list-390.png and docs/img/list-print.png."""

from __future__ import annotations

from pathlib import Path

import pytest

from basisbaan.participants.constants import ParticipantStatus
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.e2e.test_accessibility import violations
from tests.e2e.test_participant_flow import NAMES, log_in
from tests.factories import ParticipantFactory, ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"


@pytest.fixture
def people(municipality):
    programme = ProgrammeFactory(municipality=municipality, name="Pilot basisbanen 2023-2026")
    return [
        ParticipantFactory(
            programme=programme, first_name=first, last_name=last, status=ParticipantStatus.WAITING
        )
        for first, last in NAMES
    ]


def test_the_menu_button_opens_the_menu_at_390_px(municipality, people, live_server, browser):
    caseworker = make_member(municipality, Role.CASEWORKER, username="consulent-menu")
    context = browser.new_context(
        viewport={"width": 390, "height": 844}, locale="nl-NL", bypass_csp=True
    )
    page = context.new_page()
    log_in(page, live_server.url, caseworker.username)
    page.goto(f"{live_server.url}/deelnemers/")

    button = page.get_by_role("button", name="Menu")
    menu_link = page.locator("#hoofdmenu").get_by_role("link", name="Deelnemers")
    assert button.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    assert not menu_link.is_visible()
    assert violations(page) == []

    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert menu_link.is_visible()
    assert violations(page) == []
    page.screenshot(path=str(DOCS_IMG / "menu-390.png"))

    # Escape closes it and the focus is back on the button; Enter opens it again.
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('bb-nav__toggle')")
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('#hoofdmenu') !== null")

    # The list: a scroll region a keyboard can reach, headers that sort.
    page.keyboard.press("Escape")
    region = page.locator(".bb-table-wrap[role=region]")
    assert region.get_attribute("tabindex") == "0"
    page.locator("thead").get_by_role("link", name="Naam").click()
    page.wait_for_url("**/deelnemers/?sort=participant")
    header = page.locator("thead th[aria-sort]")
    assert header.get_attribute("aria-sort") == "ascending"
    page.screenshot(path=str(DOCS_IMG / "list-390.png"), full_page=True)
    context.close()


def test_at_desktop_width_the_menu_is_open_and_the_button_hidden(
    municipality, live_server, new_page
):
    caseworker = make_member(municipality, Role.CASEWORKER, username="consulent-breed")
    page = new_page(1280)
    log_in(page, live_server.url, caseworker.username)

    assert not page.get_by_role("button", name="Menu").is_visible()
    assert page.locator("#hoofdmenu").get_by_role("link", name="Deelnemers").is_visible()
    assert page.console_errors == []


def test_print_shows_the_table_without_navigation_or_buttons(
    municipality, people, live_server, new_page
):
    caseworker = make_member(municipality, Role.CASEWORKER, username="consulent-print")
    page = new_page(1280)
    log_in(page, live_server.url, caseworker.username)
    page.goto(f"{live_server.url}/deelnemers/")

    page.emulate_media(media="print")

    for selector in (".bb-nav", ".bb-filters", ".bb-actions", ".bb-footer", ".bb-pagination"):
        for element in page.locator(selector).all():
            assert not element.is_visible(), selector
    assert page.locator("table.bb-table").is_visible()
    assert page.locator("thead th").filter(has_text="Status sinds").is_visible()
    after = page.evaluate("getComputedStyle(document.querySelector('tbody a'), '::after').content")
    assert after in ("none", "normal")
    width = page.evaluate(
        "[document.querySelector('table.bb-table').getBoundingClientRect().width,"
        " document.querySelector('main').getBoundingClientRect().width]"
    )
    assert width[0] >= width[1] * 0.95
    page.screenshot(path=str(DOCS_IMG / "list-print.png"), full_page=True)
