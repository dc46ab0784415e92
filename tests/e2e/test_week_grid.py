"""The week grid in a browser: totals follow the hours as they are typed, a
refused week shows each error at its own cell, and the grid works at 390 px.
Screenshots: docs/img/week-grid.png (1280) and docs/img/week-grid-390.png."""

from __future__ import annotations

from pathlib import Path

import pytest

from basisbaan.guidance.models import HoursEntry
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.e2e.test_participant_flow import log_in
from tests.factories import ParticipantFactory, ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"


@pytest.fixture
def coach(municipality):
    programme = ProgrammeFactory(municipality=municipality, name="Pilot basisbanen")
    coach = make_member(municipality, Role.JOBCOACH, username="jobcoach")
    coach.first_name, coach.last_name = "Pieter", "Wouda"
    coach.save()
    for first, last in [("Geert", "Bosma"), ("Wietske", "Dijkstra"), ("Klaas", "Jansma")]:
        ParticipantFactory(
            programme=programme,
            first_name=first,
            last_name=last,
            status=ParticipantStatus.PLACED,
            contact_person=coach,
        )
    return coach


def _total(page, selector: str) -> str:
    return page.locator(selector).inner_text().strip()


def test_totals_follow_the_hours_and_errors_show_at_their_cell(coach, live_server, new_page):
    page = new_page(1280)
    log_in(page, live_server.url, coach.username)
    page.goto(f"{live_server.url}/begeleiding/")
    page.get_by_role("heading", level=1).filter(has_text="Urenweek").wait_for()

    page.get_by_label("Uren Geert Bosma, maandag", exact=False).fill("1,5")
    page.get_by_label("Uren Geert Bosma, dinsdag", exact=False).fill("2")
    page.get_by_label("Uren Wietske Dijkstra, maandag", exact=False).fill("0,75")
    rows = page.locator("tr[data-row]")
    bosma = rows.filter(has_text="Geert Bosma").locator("[data-row-total]")
    assert bosma.inner_text() == "3,50"
    assert _total(page, '[data-day-total="0"]') == "2,25"
    assert _total(page, "[data-week-total]") == "4,25"

    # A day over twelve hours is marked in the totals while typing.
    page.get_by_label("Uren Klaas Jansma, woensdag", exact=False).fill("13")
    assert "bb-total--over" in (page.locator('[data-day-total="2"]').get_attribute("class") or "")
    # And a text that is no number: both refused by the server, each at its own place.
    bad = page.get_by_label("Uren Wietske Dijkstra, donderdag", exact=False)
    bad.fill("veel")
    page.get_by_role("button", name="Week opslaan").click()
    page.locator("[data-error-summary]").wait_for()
    assert "niet opgeslagen: 1 fout." in page.locator("[data-error-summary]").inner_text()
    assert bad.get_attribute("aria-invalid") == "true"
    described = bad.get_attribute("aria-describedby")
    error = page.locator(f"#{described}")
    assert "‘veel’ is geen aantal uren." in error.inner_text()
    # The summary names participant and day and links to the cell.
    link = page.locator("[data-error-summary] a").filter(has_text="Wietske Dijkstra, donderdag")
    assert link.get_attribute("href") == f"#{bad.get_attribute('id')}"
    # The typed hours are kept, with their totals rendered by the server.
    assert page.get_by_label("Uren Geert Bosma, maandag", exact=False).input_value() == "1,5"
    assert _total(page, "[data-week-total]") == "17,25"
    assert HoursEntry.objects.count() == 0
    page.screenshot(path=str(DOCS_IMG / "week-grid.png"), full_page=True)

    # With the text removed, the 13 hours in one cell are refused at that cell ...
    page.get_by_label("Uren Wietske Dijkstra, donderdag", exact=False).fill("")
    page.get_by_role("button", name="Week opslaan").click()
    klaas = page.get_by_label("Uren Klaas Jansma, woensdag", exact=False)
    page.locator(f"#{klaas.get_attribute('id')}-fout").wait_for()
    assert (
        "Meer dan 12 uur op één dag kan niet."
        in page.locator(f"#{klaas.get_attribute('aria-describedby')}").inner_text()
    )
    # ... and 8 + 5 hours on one Wednesday at the day's total.
    klaas.fill("5")
    page.get_by_label("Uren Geert Bosma, woensdag", exact=False).fill("8")
    page.get_by_role("button", name="Week opslaan").click()
    page.locator("#dag-2-fout").wait_for()
    assert "meer dan 12 uur op één dag kan niet" in page.locator("#dag-2-fout").inner_text()
    assert HoursEntry.objects.count() == 0
    page.get_by_label("Uren Klaas Jansma, woensdag", exact=False).fill("3")
    page.get_by_role("button", name="Week opslaan").click()
    page.get_by_role("status").filter(has_text="De week is opgeslagen").wait_for()
    assert HoursEntry.objects.count() == 5
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []


def test_the_week_grid_at_phone_width(coach, live_server, new_page):
    page = new_page(390)
    log_in(page, live_server.url, coach.username)
    page.goto(f"{live_server.url}/begeleiding/")
    page.get_by_label("Uren Geert Bosma, maandag", exact=False).fill("1,5")
    page.get_by_label("Uren Geert Bosma, dinsdag", exact=False).fill("veel")
    page.get_by_role("button", name="Week opslaan").click()
    page.locator("[data-error-summary]").wait_for()
    # Nothing sticks out sideways: the grid scrolls in its own region, names stay in view.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    name = page.locator("tr[data-row] th").first
    position = page.evaluate("el => getComputedStyle(el).position", name.element_handle())
    assert position == "sticky"
    page.screenshot(path=str(DOCS_IMG / "week-grid-390.png"), full_page=True)
    assert page.console_errors == [] or all("400" in e for e in page.console_errors)
