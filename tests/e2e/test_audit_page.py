"""The functional administrator reads, filters and exports the audit log in the browser."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from playwright.sync_api import expect

from basisbaan.audit.context import set_channel
from basisbaan.audit.services import audit_access, audit_list_access
from basisbaan.participants.constants import HouseholdType, ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.participants.services import (
    participant_change_status,
    participant_create,
    participant_update,
)
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.e2e.test_participant_flow import log_in
from tests.factories import ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

UTC = dt.UTC


@pytest.fixture
def log(municipality):
    """A morning of work: two participants registered and changed, one viewed in the API,
    a list looked at."""
    programme = ProgrammeFactory(municipality=municipality, name="Pilot basisbanen 2023-2026")
    consulent = make_member(municipality, Role.CASEWORKER, username="sanne")
    consulent.first_name, consulent.last_name = "Sanne", "de Vries"
    consulent.save()
    admin = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheer")
    admin.first_name, admin.last_name = "Femke", "Bosma"
    admin.save()

    def at(hour: int, minute: int):
        return time_machine.travel(dt.datetime(2026, 11, 17, hour, minute, tzinfo=UTC), tick=False)

    set_channel("ui")
    people = []
    for hour, (first, last, bsn) in enumerate(
        [("Sjoukje", "Hiemstra", "123456782"), ("Fatima", "el Amrani", "111222333")], start=8
    ):
        with at(hour, 5):
            people.append(
                participant_create(
                    municipality=municipality,
                    actor=consulent,
                    programme=programme,
                    bsn=bsn,
                    first_name=first,
                    last_name=last,
                    date_of_birth=dt.date(1984, 3, 9),
                    household_type=HouseholdType.SINGLE,
                    city="Leeuwarden",
                    contact_person=consulent,
                )
            )
    with at(10, 12):
        participant_update(
            participant=people[0],
            actor=consulent,
            data={"city": "Grou", "household_type": HouseholdType.SINGLE_PARENT},
        )
    with at(10, 40):
        participant_change_status(
            participant=people[1], actor=consulent, status=ParticipantStatus.INTAKE
        )
    with at(11, 2):
        audit_access(
            actor=consulent, instance=people[0], fields=["bsn", "first_name"], channel="api"
        )
    with at(11, 30):
        audit_list_access(
            actor=consulent,
            municipality=municipality,
            model=Participant,
            ids=[p.pk for p in people],
            fields=["bsn", "first_name", "name_prefix", "last_name"],
            channel="ui",
        )
    return admin


def test_the_audit_page_reads_in_dutch_filters_and_exports(log, live_server, new_page, screenshots):
    page = new_page(1280)
    log_in(page, live_server.url, log.username)
    page.goto(f"{live_server.url}/audit/")

    assert "ingelogd" in page.locator("tbody tr").first.inner_text()  # this very login
    listed = page.locator("tbody tr", has_text="lijst bekeken")
    assert listed.locator("td").first.inner_text() == "17-11-2026 12:30"
    # Which fields changed, not the address itself.
    changed = page.locator("tbody tr", has_text="afgeschermd → afgeschermd")
    assert "Woonplaats" in changed.inner_text()
    assert "Sjoukje Hiemstra" in changed.inner_text()
    page.screenshot(path=str(screenshots / "audit-1280.png"), full_page=True)

    page.get_by_label("Actie").select_option(label="gewijzigd")
    page.get_by_label("Kanaal").select_option(label="Website")
    page.get_by_role("button", name="Filteren").click()
    expect(page.locator("tbody tr")).to_have_count(2)

    with page.expect_download() as download:
        page.get_by_role("link", name="Exporteren naar CSV").click()
    assert download.value.suggested_filename == "auditlog-leeuwarden-2026-11-18.csv"
    assert page.console_errors == []

    phone = new_page(390)
    log_in(phone, live_server.url, log.username)
    phone.goto(f"{live_server.url}/audit/")
    phone.screenshot(path=str(screenshots / "audit-390.png"), full_page=True)
    # Nothing sticks out sideways: the table scrolls inside its region.
    assert phone.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
