"""The signal form in a browser: choosing a participant reloads the host-contact
choice with only the contacts of that participant's host (htmx)."""

from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.participants.constants import ParticipantStatus
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.e2e.test_participant_flow import log_in
from tests.factories import (
    HostContactFactory,
    ParticipantFactory,
    PlacementFactory,
    PositionFactory,
    ProgrammeFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_choosing_a_participant_lists_only_the_contacts_of_their_host(
    municipality, live_server, new_page, screenshots
):
    programme = ProgrammeFactory(municipality=municipality, name="Pilot basisbanen")
    coach = make_member(municipality, Role.JOBCOACH, username="jobcoach")
    library = PositionFactory(host__municipality=municipality, host__name="Bibliotheek")
    pool = PositionFactory(host__municipality=municipality, host__name="Zwembad De Blauwe Golf")
    HostContactFactory(host=library.host, name="Harm de Vries")
    HostContactFactory(host=library.host, name="Anke Postma")
    HostContactFactory(host=pool.host, name="Sjoerd Zwart")
    person = ParticipantFactory(
        programme=programme,
        first_name="Geert",
        last_name="Bosma",
        status=ParticipantStatus.PLACED,
        contact_person=coach,
    )
    PlacementFactory(participant=person, position=library, start_date=dt.date(2025, 1, 6))

    page = new_page(1280)
    log_in(page, live_server.url, coach.username)
    page.goto(f"{live_server.url}/begeleiding/signalen/nieuw/")
    contact = page.get_by_label("Gemeld door contactpersoon van de werkgever")
    assert contact.locator("option").all_inner_texts() == ["Kies…"]

    with page.expect_response(lambda r: "participant=" in r.url):
        page.get_by_label("Deelnemer").select_option(label="Geert Bosma")
    contact = page.get_by_label("Gemeld door contactpersoon van de werkgever")
    contact.locator("option", has_text="Harm de Vries").wait_for(state="attached")

    assert contact.locator("option").all_inner_texts() == [
        "Kies…",
        "Anke Postma (Bibliotheek)",
        "Harm de Vries (Bibliotheek)",
    ]
    contact.select_option(label="Harm de Vries (Bibliotheek)")
    page.get_by_label("Soort signaal").select_option(label="Verzuim")
    page.get_by_label("Omschrijving").fill("Twee dagen niet gekomen, niet afgemeld.")
    assert page.console_errors == []
    page.screenshot(path=str(screenshots / "guidance-signal-contacts.png"), full_page=True)
