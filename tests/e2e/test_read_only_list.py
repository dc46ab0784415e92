"""The read-only role in the browser: names, and of the BSN only the last four digits."""

from __future__ import annotations

import pytest

from basisbaan.participants.constants import ParticipantStatus
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.e2e.test_participant_flow import NAMES, log_in
from tests.factories import ParticipantFactory, ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_read_only_list_shows_masked_bsns(municipality, live_server, new_page, screenshots):
    programme = ProgrammeFactory(municipality=municipality, name="Pilot basisbanen 2023-2026")
    people = [
        ParticipantFactory(
            programme=programme, first_name=first, last_name=last, status=ParticipantStatus.WAITING
        )
        for first, last in NAMES
    ]
    reader = make_member(municipality, Role.READ_ONLY, username="lezer")
    page = new_page(1280)
    log_in(page, live_server.url, reader.username)

    page.goto(f"{live_server.url}/deelnemers/")

    cells = page.locator("#resultaten tbody td.bb-mono").all_inner_texts()
    assert sorted(cells) == sorted(f"*****{p.bsn[-4:]}" for p in people)
    body = page.content()
    assert not any(p.bsn in body for p in people)
    page.screenshot(path=str(screenshots / "participants-read-only-1280.png"), full_page=True)
    assert page.console_errors == []
