"""The programme manager writes a section of the council report, previews it,
finalises it and downloads the PDF; the frozen version no longer changes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import time_machine
from playwright.sync_api import expect

from basisbaan.reports.constants import ReportStatus
from basisbaan.reports.models import CouncilReport
from basisbaan.reports.services import report_create
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.e2e.test_participant_flow import log_in
from tests.factories import PlacementFactory, ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TODAY = dt.date(2025, 6, 30)


def test_programme_manager_edits_previews_finalises_and_downloads(
    municipality, live_server, new_page, screenshots
):
    programme = ProgrammeFactory(
        municipality=municipality,
        name="Pilot basisbanen",
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    for day in range(1, 8):
        PlacementFactory(participant__programme=programme, start_date=dt.date(2024, 7, day))
    manager = make_member(municipality, Role.PROGRAMME_MANAGER, username="manager")
    report = report_create(
        programme=programme,
        actor=manager,
        title="Voortgang basisbanen juni 2025",
        as_of=TODAY,
        period_start=dt.date(2025, 1, 1),
        period_end=TODAY,
        today=TODAY,
    )
    base = live_server.url

    with time_machine.travel(dt.datetime(2025, 6, 30, 9, 0, tzinfo=dt.UTC), tick=True):
        page = new_page(1280)
        log_in(page, base, manager.username)
        page.goto(f"{base}/raadsrapportages/{report.pk}/bewerken/")
        page.get_by_label("Stand van zaken").fill(
            "Op {peildatum} werken {aantal_deelnemers} mensen in een basisbaan."
        )
        page.get_by_role("button", name="Opslaan en bekijken").click()
        expect(page.locator(".rb-preview")).to_contain_text(
            "Op 30 juni 2025 werken 7 mensen in een basisbaan."
        )
        page.screenshot(path=str(screenshots / "council-report-preview-1280.png"))

        page.get_by_role("link", name="Definitief maken").click()
        page.get_by_role("button", name="Definitief maken").click()
        expect(page.get_by_role("status")).to_contain_text("De rapportage is definitief")

        with page.expect_download() as info:
            page.get_by_role("link", name="PDF (toegankelijk)").click()
        download = info.value
        assert download.suggested_filename == ("raadsrapportage-pilot-basisbanen-2025-06-30-v1.pdf")
        assert Path(download.path()).read_bytes()[:5] == b"%PDF-"

    report.refresh_from_db()
    assert report.status == ReportStatus.FINAL
    assert report.filled_texts["state"] == "Op 30 juni 2025 werken 7 mensen in een basisbaan."
    assert report.figures["facts"]["aantal_deelnemers"] == "7"
    assert len(report.content_hash) == 64
    assert CouncilReport.objects.count() == 1
