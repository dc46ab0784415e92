"""A job coach logs a week of hours in the grid (with the keyboard) and records
a feedback session; screenshots of the guidance pages at desktop and phone width."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.guidance.models import FeedbackSession, HoursEntry
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.e2e.test_participant_flow import log_in
from tests.factories import (
    HostContactFactory,
    ParticipantFactory,
    PlacementFactory,
    ProgrammeFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(municipality):
    programme = ProgrammeFactory(municipality=municipality, name="Pilot basisbanen")
    coach = make_member(municipality, Role.JOBCOACH, username="jobcoach")
    coach.first_name, coach.last_name = "Pieter", "Wouda"
    coach.save()
    people = []
    for first, last in [("Geert", "Bosma"), ("Wietske", "Dijkstra"), ("Klaas", "Jansma")]:
        person = ParticipantFactory(
            programme=programme,
            first_name=first,
            last_name=last,
            status=ParticipantStatus.PLACED,
            contact_person=coach,
        )
        people.append(person)
    placement = PlacementFactory(participant=people[0], start_date=dt.date(2025, 1, 6))
    HostContactFactory(host=placement.position.host, name="Harm de Vries")
    return coach, people, placement


def test_job_coach_logs_a_week_and_records_a_feedback_session(
    world, live_server, new_page, screenshots
):
    coach, people, placement = world
    base = live_server.url
    page = new_page(1280)
    log_in(page, base, coach.username)

    page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name="Begeleiding").click()
    page.get_by_role("heading", level=1).filter(has_text="Urenweek").wait_for()
    # Monday of the first participant, then Tab through the days: a keyboard-only week.
    first = page.get_by_label("Uren Geert Bosma, maandag", exact=False)
    first.click()
    for hours in ("1,5", "2", "", "0,75", "1"):
        page.keyboard.type(hours)
        page.keyboard.press("Tab")
    page.get_by_label("Uren Klaas Jansma, woensdag", exact=False).fill("3")
    page.get_by_label("Activiteit voor Klaas Jansma").select_option(
        label="Contact met de werkgever"
    )
    page.get_by_role("button", name="Week opslaan").click()
    page.get_by_role("status").filter(has_text="De week is opgeslagen").wait_for()

    entries = HoursEntry.objects.filter(staff=coach)
    assert sorted(entries.values_list("participant__last_name", "activity", "hours")) == [
        ("Bosma", "coaching", Decimal("0.75")),
        ("Bosma", "coaching", Decimal("1.00")),
        ("Bosma", "coaching", Decimal("1.50")),
        ("Bosma", "coaching", Decimal("2.00")),
        ("Jansma", "host_contact", Decimal("3.00")),
    ]
    assert page.get_by_label("Uren Geert Bosma, dinsdag", exact=False).input_value() == "2"
    page.screenshot(path=str(screenshots / "guidance-week-1280.png"), full_page=True)

    # The feedback session: plan it from the cadence list, then record it.
    page.get_by_role("link", name="Feedbacksessies").first.click()
    page.get_by_role("link", name="Sessie plannen: Geert Bosma").click()
    today = dt.date.today()
    page.get_by_label("Geplande datum").fill(f"{today:%d-%m-%Y}")
    page.get_by_label("Contactpersoon werkgever").select_option(label="Harm de Vries")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", level=1).filter(has_text="Feedbacksessie").wait_for()
    page.get_by_role("link", name="Verslag vastleggen").click()
    page.get_by_label("Werk", exact=True).select_option("4")
    page.get_by_label("Welzijn").select_option("3")
    page.get_by_label("Financiën").select_option("2")
    page.get_by_label("Relatie met de werkgever").select_option("5")
    page.get_by_label("Aantekeningen").fill("Gaat goed; budgetcoach ingeschakeld.")
    page.get_by_role("button", name="Verslag opslaan").click()
    page.get_by_role("status").filter(has_text="Het verslag is opgeslagen.").wait_for()
    page.get_by_label("Actie", exact=True).fill("Afspraak met budgetcoach")
    page.get_by_label("Eigenaar").select_option(label="Pieter Wouda")
    page.get_by_label("Uiterlijk").fill(f"{today + dt.timedelta(days=14):%d-%m-%Y}")
    page.get_by_role("button", name="Actie toevoegen").click()
    page.get_by_role("cell", name="Afspraak met budgetcoach").wait_for()

    session = FeedbackSession.objects.get()
    assert (session.status, session.held_on, session.score_work, session.score_host) == (
        "held",
        today,
        4,
        5,
    )
    assert session.host_contact.name == "Harm de Vries"
    assert session.actions.get().description == "Afspraak met budgetcoach"
    page.screenshot(path=str(screenshots / "guidance-session-1280.png"), full_page=True)
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []


@pytest.mark.parametrize("width", [1280, 390])
def test_screenshots_of_guidance_pages(world, live_server, new_page, screenshots, width):
    coach, _people, _placement = world
    page = new_page(width)
    log_in(page, live_server.url, coach.username)
    for name, path in [
        ("week", "/begeleiding/"),
        ("norm", "/begeleiding/norm/"),
        ("feedback", "/begeleiding/feedback/"),
        ("hours", "/begeleiding/uren/"),
        ("sessions", "/begeleiding/feedback/sessies/"),
        ("signals", "/begeleiding/signalen/nieuw/"),
        ("feed", "/begeleiding/agenda/"),
    ]:
        page.goto(f"{live_server.url}{path}")
        page.screenshot(path=str(screenshots / f"guidance-{name}-{width}.png"), full_page=True)
        # Nothing sticks out sideways: wide tables scroll inside their region.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, path
    assert page.console_errors == []
