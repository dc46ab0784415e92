"""Choosing a participant on the contract form in a browser: the list follows the
typing (at most 20 rows), and without JavaScript the "Zoeken" button does the same."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from basisbaan.contracts.models import Contract
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.e2e.test_participant_flow import log_in
from tests.factories import ParticipantFactory, PlacementFactory, ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"


@pytest.fixture
def world(municipality, other_municipality):
    programme = ProgrammeFactory(municipality=municipality, name="Basisbanen Leeuwarden")
    manager = make_member(municipality, Role.PROGRAMME_MANAGER, username="programmamanager")
    for i in range(30):
        ParticipantFactory(
            programme=programme,
            first_name="Anna",
            last_name=f"Achterberg{i:02d}",
            date_of_birth=dt.date(1980, 5, 17),
        )
    fatima = ParticipantFactory(
        programme=programme,
        first_name="Fatima",
        name_prefix="el",
        last_name="Amrani",
        date_of_birth=dt.date(1985, 3, 2),
    )
    PlacementFactory(participant=fatima, start_date=dt.date(2025, 7, 1))  # the contract's
    ParticipantFactory(
        programme=programme,
        first_name="Fatima",
        last_name="Öztürk",
        date_of_birth=dt.date(1990, 1, 1),
    )
    ParticipantFactory(
        programme__municipality=other_municipality, first_name="Fatima", last_name="Amrani"
    )
    return manager, fatima


def test_choosing_a_participant_through_the_search(world, live_server, new_page):
    manager, fatima = world
    page = new_page(1280)
    log_in(page, live_server.url, manager.username)
    page.goto(f"{live_server.url}/contracten/nieuw/")

    choice = page.get_by_label("Kies de deelnemer", exact=True)
    assert choice.locator("option").count() == 21  # "Kies…" and the first 20
    assert page.locator("#id_participant_status").inner_text() == (
        "De eerste 20 getoond. Typ meer van de naam om verder te zoeken."
    )
    assert page.locator("[data-search-select-button]").count() == 0  # the script searches

    with page.expect_response(lambda r: r.request.method == "POST" and r.ok):
        page.get_by_label("Zoek de deelnemer op naam").fill("amrani fat")
    page.locator("#id_participant_status", has_text="1 gevonden.").wait_for()
    assert choice.locator("option").all_inner_texts() == [
        "Kies…",
        "Fatima el Amrani (Basisbanen Leeuwarden)",
    ]
    choice.select_option(label="Fatima el Amrani (Basisbanen Leeuwarden)")
    page.get_by_label("Juridisch werkgever").fill("Caparis")
    page.get_by_label("Startdatum eerste periode").fill("01-01-2026")
    page.get_by_label("Uren per week").fill("32")
    page.get_by_label("Uurloon (bruto, in euro)").fill("14,71")
    page.get_by_label("Zoek de deelnemer op naam").focus()
    DOCS_IMG.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(DOCS_IMG / "participant-choice.png"), full_page=True)

    page.get_by_label("Uurloon (bruto, in euro)").press("Enter")  # Enter saves, not searches
    page.wait_for_url(f"{live_server.url}/contracten/*/")
    assert Contract.objects.get().participant_id == fatima.pk
    assert page.console_errors == []


def test_without_javascript_the_button_searches(world, live_server, browser):
    manager, _fatima = world
    context = browser.new_context(java_script_enabled=False, locale="nl-NL")
    try:
        page = context.new_page()
        log_in(page, live_server.url, manager.username)
        page.goto(f"{live_server.url}/contracten/nieuw/")
        page.get_by_label("Kenmerk").fill("K-12")
        page.get_by_label("Zoek de deelnemer op naam").fill("ozturk")
        page.get_by_role("button", name="Zoeken").first.click()
        page.wait_for_load_state()

        choice = page.get_by_label("Kies de deelnemer", exact=True)
        assert choice.locator("option").all_inner_texts() == [
            "Kies…",
            "Fatima Öztürk (Basisbanen Leeuwarden)",
        ]
        assert page.get_by_label("Kenmerk").input_value() == "K-12"
    finally:
        context.close()
