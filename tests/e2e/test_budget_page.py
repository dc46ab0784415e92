"""The budget page in the browser at 1280 and 390 px: the Leeuwarden demo on the day
of the council letter, scenario "all renewed". At phone width the year table becomes
one card per year and nothing scrolls sideways; the screenshots go to docs/img/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.demo.story import load_demo_as_of
from tests.e2e.test_participant_flow import log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
DOCS_IMG = Path(__file__).resolve().parents[2] / "docs" / "img"
LETTER = dt.date(2025, 6, 30)


def test_budget_page_at_desktop_and_phone_width(live_server, new_page, screenshots):
    load_demo_as_of(LETTER)
    municipality = Municipality.objects.get(slug="leeuwarden")
    programme = Programme.objects.get(municipality=municipality, slug="pilot-2023-2026")
    controller = make_member(municipality, Role.CONTROLLER, username="controleur-e2e")
    url = f"{live_server.url}/budget/{programme.pk}/?scenario=all_renewed"
    for width, name in ((1280, "budget-programme.png"), (390, "budget-programme-390.png")):
        page = new_page(width)
        log_in(page, live_server.url, controller.username)
        page.goto(url)
        assert page.get_by_role("heading", name="Budget en prognose").is_visible()
        details = page.locator("summary", has_text="Hoe is dit berekend?")
        assert details.is_visible()
        assert not page.get_by_text("voorkennis Beta(8, 2)", exact=False).is_visible()
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{width}px: {overflow}px sideways"
        first_row = page.locator("#jaren tbody tr").first
        display = first_row.evaluate("row => getComputedStyle(row).display")
        assert display == ("table-row" if width == 1280 else "block")
        if width == 390:  # each value keeps its label on the card
            label = first_row.locator("td").first.evaluate(
                "td => getComputedStyle(td, '::before').content"
            )
            assert label == '"Budget"'
        page.screenshot(path=str(DOCS_IMG / name), full_page=True)
        page.locator("#kop-jaren").locator("..").screenshot(
            path=str(screenshots / f"budget-years-{width}.png")
        )
        assert page.console_errors == []
