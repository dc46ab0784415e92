"""A regional user sees Leeuwarden's row in the northern table's comparison; the
programme manager of Leeuwarden withdraws the sharing on /regio/delen/; the regional
user reloads and Leeuwarden's row is gone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from basisbaan.regions import services
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import MunicipalityFactory, ProgrammeFactory
from tests.regions.conftest import TODAY, make_region, make_regional_user, set_figures

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FIGURES = {
    "started": 20,
    "started_transition": 12,
    "started_social": 8,
    "active": 14,
    "working": 8,
    "exited": 6,
    "exits_work": 6,
    "ret12_eligible": 15,
    "ret12_retained": 10,
    "fu6_measured": 6,
    "fu6_working": 6,
    "placements_running": 14,
    "cadence_kept": 9,
}


def sign_in(page, base: str, username: str) -> None:
    page.goto(f"{base}/inloggen/")
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill("demo")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state()


def northern_table():
    leeuwarden = MunicipalityFactory(name="Leeuwarden", slug="leeuwarden")
    groningen = MunicipalityFactory(name="Groningen", slug="groningen")
    region = make_region("noord", "Arbeidsmarkttafel Noord", leeuwarden, groningen)
    for town in (leeuwarden, groningen):
        programme = ProgrammeFactory(municipality=town, name=f"Basisbanen {town.name}")
        services.sharing_start(
            actor=None, municipality=town, programme=programme, region=region, as_of=TODAY
        )
        set_figures(
            programme,
            cost_cents=12_000_000,
            participant_months=120,
            guidance_hundredths=30_000,
            **FIGURES,
        )
    manager = make_member(leeuwarden, Role.PROGRAMME_MANAGER, username="manager-leeuwarden")
    return region, manager


def test_withdrawing_removes_the_row_from_the_regions_comparison(
    live_server, new_page, screenshots
):
    region, manager = northern_table()
    regional = make_regional_user(region)
    base = live_server.url

    viewer = new_page(1280)
    sign_in(viewer, base, regional.username)
    viewer.goto(f"{base}/regio/noord/")
    counts = viewer.get_by_role("table", name="Deelnemers en uitstroom")
    expect(counts.get_by_role("row", name="Leeuwarden")).to_be_visible()
    expect(counts.get_by_role("row", name="Groningen")).to_be_visible()
    viewer.screenshot(path=str(screenshots / "region-comparison-1280.png"), full_page=True)

    sharer = new_page(1280)
    sign_in(sharer, base, manager.username)
    sharer.goto(f"{base}/regio/delen/")
    sharer.get_by_role(
        "button", name="Delen intrekken Basisbanen Leeuwarden – Arbeidsmarkttafel Noord"
    ).click()
    expect(sharer.get_by_role("status")).to_contain_text(
        "Basisbanen Leeuwarden wordt niet meer gedeeld met Arbeidsmarkttafel Noord."
    )

    viewer.reload()
    counts = viewer.get_by_role("table", name="Deelnemers en uitstroom")
    expect(counts.get_by_role("row", name="Groningen")).to_be_visible()
    expect(counts.get_by_role("row", name="Leeuwarden")).to_have_count(0)
    expect(viewer.get_by_text("Leden die geen cijfers delen: Leeuwarden")).to_be_visible()
    assert viewer.console_errors == []
    assert sharer.console_errors == []
