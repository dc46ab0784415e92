"""The subject-access page in the browser: search by BSN, errors, downloads; axe at phone width."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.e2e.test_accessibility import violations
from tests.e2e.test_participant_flow import log_in
from tests.factories import ParticipantFactory, ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 390])
def test_privacy_officer_finds_a_person_and_downloads_the_export(
    municipality, live_server, browser, new_page, screenshots, width
):
    programme = ProgrammeFactory(municipality=municipality)
    ParticipantFactory(programme=programme, bsn="111222333", first_name="Anna", last_name="Dijk")
    admin = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="fg-beheer")
    page = new_page(width)
    log_in(page, live_server.url, admin.username)
    page.goto(f"{live_server.url}/privacy/inzage/")

    page.get_by_label("BSN").fill("123456782")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.locator("[data-error-summary]")).to_contain_text(
        "Geen deelnemer met dit BSN in deze gemeente."
    )

    # The error page's deferred script moves the focus to the summary: let it, then search again.
    expect(page.locator("[data-error-summary]")).to_be_focused()
    page.get_by_label("BSN").fill("111222333")
    expect(page.get_by_label("BSN")).to_have_value("111222333")
    page.get_by_role("button", name="Zoeken").click()
    expect(page.get_by_role("heading", name="Gevonden")).to_be_visible()
    expect(page.locator("dd").first).to_have_text("Anna Dijk")
    page.screenshot(path=str(screenshots / f"subject-access-{width}.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert page.console_errors == []

    # The file is made in the background (at once in tests): the job page, then the file.
    page.get_by_role("button", name="Maak een JSON-bestand").click()
    page.wait_for_url("**/taken/*/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Inzageverzoek")
    page.get_by_role("link", name="Bekijk het resultaat").click()
    expect(page.get_by_text("Het bestand staat klaar.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download").click()
    content = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert content["participant"]["last_name"] == "Dijk"

    context = browser.new_context(
        viewport={"width": width, "height": 900}, locale="nl-NL", bypass_csp=True
    )
    axe_page = context.new_page()
    log_in(axe_page, live_server.url, admin.username)
    axe_page.goto(f"{live_server.url}/privacy/inzage/")
    assert violations(axe_page) == []
    context.close()
