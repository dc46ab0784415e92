"""A caseworker registers a participant in the browser, mistypes the BSN first."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ParticipantFactory, ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ELEVEN_TEST = "Dit BSN klopt niet: het voldoet niet aan de elfproef. Controleer de cijfers."
NAMES = [
    ("Fatima", "el Amrani"),
    ("Dennis", "Bakker"),
    ("Geert", "Bosma"),
    ("Wietske", "Dijkstra"),
    ("Baukje", "Hoekstra"),
    ("Klaas", "Jansma"),
    ("Anneke", "Kuipers"),
    ("Jelle", "Postma"),
]


@pytest.fixture
def world(municipality):
    programme = ProgrammeFactory(
        municipality=municipality,
        name="Pilot basisbanen 2023-2026",
        intake_open=False,
        intake_closed_reason="Instroom gestopt om budgettaire redenen: de loonkosten stegen.",
    )
    caseworker = make_member(municipality, Role.CASEWORKER, username="consulent")
    statuses = [ParticipantStatus.PLACED, ParticipantStatus.WAITING, ParticipantStatus.INTAKE]
    for i, (first, last) in enumerate(NAMES):
        ParticipantFactory(
            programme=programme,
            first_name=first,
            last_name=last,
            status=statuses[i % 3],
            contact_person=caseworker,
        )
    return programme, caseworker


def log_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_url(f"{base}/")


def test_caseworker_registers_participant_after_fixing_bsn(
    world, live_server, new_page, screenshots
):
    programme, caseworker = world
    page = new_page(1280)
    log_in(page, live_server.url, caseworker.username)

    page.get_by_role("link", name="Nieuwe deelnemer").first.click()
    page.wait_for_url(f"{live_server.url}/deelnemers/nieuw/")
    page.get_by_label("Programma").select_option(label=programme.name)
    page.get_by_label("BSN").fill("123456789")
    page.get_by_label("Voornaam").fill("Sjoukje")
    page.get_by_label("Achternaam").fill("Hiemstra")
    page.get_by_label("Geboortedatum").fill("29-11-1980")
    page.get_by_label("Leefsituatie").select_option(label="Alleenstaand")
    page.get_by_role("button", name="Deelnemer aanmelden").click()

    error = page.locator("#id_bsn_error")
    error.wait_for()
    assert error.inner_text() == ELEVEN_TEST
    # The summary at the top took the focus and links to the field.
    # (app.js is deferred: wait for it rather than race it, without eval, which the CSP forbids.)
    expect(page.locator("[data-error-summary]")).to_be_focused()
    assert page.get_by_label("BSN").get_attribute("aria-invalid") == "true"
    assert Participant.objects.filter(last_name="Hiemstra").count() == 0

    page.get_by_label("BSN").fill("123456782")
    page.get_by_role("button", name="Deelnemer aanmelden").click()
    page.get_by_role("heading", level=1, name="Sjoukje Hiemstra").wait_for()

    participant = Participant.objects.get(last_name="Hiemstra")
    assert page.url == f"{live_server.url}/deelnemers/{participant.pk}/"
    assert page.get_by_role("status").first.inner_text() == "De deelnemer is aangemeld."
    assert "123456782" in page.content()
    page.screenshot(path=str(screenshots / "participant-create.png"), full_page=True)
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []


def test_search_updates_results_as_you_type(world, live_server, new_page):
    _programme, caseworker = world
    page = new_page(1280)
    log_in(page, live_server.url, caseworker.username)
    page.goto(f"{live_server.url}/deelnemers/")
    assert page.locator("#resultaten tbody tr").count() == 8

    page.get_by_label("Zoek op naam of BSN").press_sequentially("Bos", delay=50)

    # (wait_for_function would need eval, which the CSP rightly forbids)
    expect(page.locator("#resultaten tbody tr")).to_have_count(1)
    assert page.locator("#resultaten tbody tr th").inner_text() == "Geert Bosma"
    assert page.locator("#resultaat-aantal").inner_text() == "1 deelnemer gevonden"
    # The address bar follows, so the result can be shared or reloaded.
    assert page.url == f"{live_server.url}/deelnemers/?q=Bos&status=&programme=&contact="
    assert page.console_errors == []


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_dashboard_and_list(world, live_server, new_page, screenshots, width):
    _programme, caseworker = world
    page = new_page(width)
    log_in(page, live_server.url, caseworker.username)
    page.screenshot(path=str(screenshots / f"dashboard-{width}.png"), full_page=True)
    assert page.get_by_role("heading", level=1).inner_text() == "Overzicht"
    page.goto(f"{live_server.url}/deelnemers/")
    page.screenshot(path=str(screenshots / f"participant-list-{width}.png"), full_page=True)
    # Nothing sticks out sideways at phone width: tables scroll inside their region.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    assert page.console_errors == []
