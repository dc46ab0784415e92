"""A caseworker records an exit to regular work and, a month later, the first
follow-up measurement; the outcome page shows it, protected as "minder dan 5"."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from playwright.sync_api import expect

from basisbaan.hosts.constants import Track
from basisbaan.outcomes.models import Exit, FollowUp
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.e2e.test_participant_flow import log_in
from tests.factories import ParticipantFactory, PlacementFactory, ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

UTC = dt.UTC


def test_caseworker_records_an_exit_and_a_follow_up(
    municipality, live_server, new_page, screenshots
):
    programme = ProgrammeFactory(
        municipality=municipality,
        name="Pilot basisbanen",
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2026, 12, 31),
    )
    caseworker = make_member(municipality, Role.CASEWORKER, username="consulent")
    person = ParticipantFactory(
        programme=programme,
        first_name="Sietske",
        last_name="Hoekstra",
        status=ParticipantStatus.PLACED,
        contact_person=caseworker,
        social_assistance_start=dt.date(2020, 5, 1),
    )
    placement = PlacementFactory(
        participant=person, start_date=dt.date(2025, 1, 6), track=Track.TRANSITION
    )
    base = live_server.url

    with time_machine.travel(dt.datetime(2026, 1, 30, 9, 0, tzinfo=UTC), tick=True):
        page = new_page(1280)
        log_in(page, base, caseworker.username)
        page.goto(f"{base}/plaatsingen/{placement.pk}/beeindigen/")
        page.get_by_label("Einddatum").fill("31-01-2026")
        page.get_by_label("Reden").select_option(label="Regulier werk elders")
        page.get_by_label("De deelnemer verlaat het programma").check()
        page.get_by_label("Nieuwe werkgever").fill("Bakkerij Van der Meer")
        page.get_by_label("Uren per week").fill("32")
        page.get_by_label("Soort contract").select_option(label="Onbepaalde tijd")
        page.locator("select[name=wage_band]").select_option(label="Tot 110% van het minimumloon")
        page.screenshot(path=str(screenshots / "outcomes-exit-form-1280.png"), full_page=True)
        page.locator("main button[type=submit]").click()
        expect(page.get_by_role("status")).to_contain_text("De plaatsing is beëindigd")

    exit = Exit.objects.get()
    person.refresh_from_db()
    assert (exit.kind, exit.reason, exit.employer, exit.hours_per_week) == (
        "programme",
        "regular_work_elsewhere",
        "Bakkerij Van der Meer",
        Decimal("32.0"),
    )
    assert (person.status, person.exit_date) == (ParticipantStatus.EXITED, dt.date(2026, 1, 31))
    assert list(exit.follow_ups.values_list("months", "due_date")) == [
        (1, dt.date(2026, 2, 28)),
        (3, dt.date(2026, 4, 30)),
        (6, dt.date(2026, 7, 31)),
        (12, dt.date(2027, 1, 31)),
        (18, dt.date(2027, 7, 31)),
    ]

    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=True):
        # A month later the session has ended: sign in again.
        log_in(page, base, caseworker.username)
        page.goto(f"{base}/uitkomsten/nametingen/")
        row = page.get_by_role("row").filter(has_text="Sietske Hoekstra")
        expect(row).to_contain_text("1 maand")
        row.get_by_role("link", name="Vastleggen").click()
        page.get_by_label("Werkt de persoon?").select_option(label="Ja")
        page.get_by_label("Uren per week").fill("32")
        page.get_by_label("Bij dezelfde werkgever als bij de uitstroom?").select_option(label="Ja")
        page.locator("select[name=assistance]").select_option(label="Geen bijstand")
        page.locator("main button[type=submit]").click()
        expect(page.get_by_role("status")).to_contain_text("De nameting is vastgelegd")

        measured = FollowUp.objects.get(months=1)
        assert (measured.status, measured.works, measured.measured_on, measured.assistance) == (
            "measured",
            True,
            dt.date(2026, 3, 2),
            "none",
        )

        page.goto(f"{base}/uitkomsten/{programme.pk}/")
        work = page.get_by_role("row").filter(has_text="Aan het werk 1 maand na uitstroom")
        expect(work.get_by_role("cell").first).to_have_text("minder dan 5")
        exited = (
            page.locator("#tabel-key")
            .get_by_role("row")
            .filter(has_text="Uit het programma op of vóór de peildatum")
        )
        expect(exited.get_by_role("cell").first).to_have_text("minder dan 5")
        page.screenshot(path=str(screenshots / "outcomes-page-1280.png"), full_page=True)
        phone = new_page(390)
        log_in(phone, base, caseworker.username)
        phone.goto(f"{base}/uitkomsten/{programme.pk}/")
        phone.screenshot(path=str(screenshots / "outcomes-page-390.png"), full_page=True)
