"""The iCalendar feed: a secret per-user address, parsed back with icalendar."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Timezone

from django.test import Client

from basisbaan.audit.models import AuditEntry
from basisbaan.guidance import services
from basisbaan.guidance.models import CalendarFeed
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

D = dt.date
AMS = ZoneInfo("Europe/Amsterdam")


def _feed_url(client) -> str:
    client.post("/begeleiding/agenda/", {"action": "renew"})
    page = client.get("/begeleiding/agenda/").content.decode()
    start = page.index("http://testserver/begeleiding/agenda/")
    return page[start : page.index(".ics", start) + 4].removeprefix("http://testserver")


def test_the_feed_lists_my_planned_sessions_without_names(
    placed, coach, caseworker_user, host_contact, client_as
):
    mine = placed(first_name="Jan", last_name="Vries")
    other = placed(contact_person=caseworker_user, first_name="Piet", last_name="Bos")
    timed = services.feedback_session_plan(
        placement=mine,
        actor=coach,
        planned_date=D(2027, 1, 12),
        planned_time=dt.time(10, 30),
        location="Bibliotheek Oldehove",
    )
    all_day = services.feedback_session_plan(
        placement=other, actor=coach, planned_date=D(2027, 2, 1), jobcoach=coach
    )
    services.feedback_session_plan(
        placement=other, actor=coach, planned_date=D(2027, 3, 1)
    )  # not mine
    cancelled = services.feedback_session_plan(
        placement=mine, actor=coach, planned_date=D(2027, 4, 1)
    )
    services.feedback_session_cancel(session=cancelled, actor=coach)

    url = _feed_url(client_as(coach))
    response = Client().get(url)  # a calendar client: no login
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = Calendar.from_ical(response.content)
    events = sorted(calendar.walk("VEVENT"), key=lambda e: str(e["UID"]))
    assert [str(e["UID"]) for e in events] == [
        f"feedbacksessie-{timed.pk}@testserver",
        f"feedbacksessie-{all_day.pk}@testserver",
    ]
    first, second = events
    assert str(first["SUMMARY"]) == f"Feedbacksessie J.V. ({mine.participant.pseudonym})"
    assert first.decoded("DTSTART") == dt.datetime(2027, 1, 12, 10, 30, tzinfo=AMS)
    assert first.decoded("DTEND") == dt.datetime(2027, 1, 12, 11, 30, tzinfo=AMS)
    assert str(first["LOCATION"]) == "Bibliotheek Oldehove"
    assert second.decoded("DTSTART") == D(2027, 2, 1)
    assert second.decoded("DTEND") == D(2027, 2, 2)
    assert str(second["LOCATION"]) == "Bibliotheek"
    body = response.content.decode()
    for secret in ("Vries", "Piet", mine.participant.bsn):
        assert secret not in body
    access = AuditEntry.objects.get(channel="ics")
    assert (access.actor, access.action) == (coach, "list")
    assert sorted(access.changes["ids"]) == sorted([str(timed.pk), str(all_day.pk)])


def test_a_new_address_revokes_the_old_and_only_a_digest_is_stored(coach, client_as):
    client = client_as(coach)
    first = _feed_url(client)
    second = _feed_url(client)
    assert first != second
    with unchanged(CalendarFeed.objects.get()):
        assert Client().get(first).status_code == 404
    assert Client().get(second).status_code == 200
    token = second.rsplit("/", 1)[1].removesuffix(".ics")
    feed = CalendarFeed.objects.get()
    assert feed.token_digest == services.token_digest(token)
    assert token not in feed.token_digest
    client.post("/begeleiding/agenda/", {"action": "revoke"})
    with unchanged():
        assert Client().get(second).status_code == 404
    assert CalendarFeed.objects.count() == 0


def test_an_unknown_token_is_404(client):
    with unchanged():
        assert client.get("/begeleiding/agenda/onbekend.ics").status_code == 404


def test_the_address_stops_working_when_the_user_leaves(coach, client_as):
    url = _feed_url(client_as(coach))
    assert Client().get(url).status_code == 200
    coach.memberships.update(role="researcher")
    with unchanged():
        assert Client().get(url).status_code == 404
    coach.memberships.all().delete()
    with unchanged():
        assert Client().get(url).status_code == 404


def test_the_feed_carries_the_amsterdam_vtimezone_its_times_refer_to(placed, coach, client_as):
    """RFC 5545: every TZID used needs its VTIMEZONE, or Outlook shows the wrong hour."""
    summer = services.feedback_session_plan(
        placement=placed(),
        actor=coach,
        planned_date=D(2027, 6, 14),
        planned_time=dt.time(9, 0),
    )
    response = Client().get(_feed_url(client_as(coach)))

    body = response.content.decode()
    calendar = Calendar.from_ical(response.content)
    (zone,) = calendar.walk("VTIMEZONE")
    (event,) = calendar.walk("VEVENT")
    assert str(zone["TZID"]) == "Europe/Amsterdam"
    assert body.index("BEGIN:VTIMEZONE") < body.index("BEGIN:VEVENT")
    assert "DTSTART;TZID=Europe/Amsterdam:20270614T090000" in body
    assert event["DTSTART"].params["TZID"] == "Europe/Amsterdam"
    assert str(event["UID"]) == f"feedbacksessie-{summer.pk}@testserver"
    assert calendar.get_missing_tzids() == set()
    # Outlook reads only yearly rules: one RRULE per change, no RDATE lists.
    rules = sorted(str(part["RRULE"].to_ical(), "ascii") for part in zone.subcomponents)
    assert rules == ["FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3"]
    assert "RDATE" not in body


def test_the_vtimezone_matches_the_time_zone_database_at_every_change():
    """The written rule, read back on its own (not looked up by its TZID), gives
    the same UTC offset as zoneinfo around every change from 1996 to 2040."""
    from basisbaan.guidance.ics import amsterdam_vtimezone

    written = Timezone.from_ical(amsterdam_vtimezone().to_ical()).to_tz(lookup_tzid=False)
    differ = [
        moment
        for year in range(1996, 2041)
        for month in (3, 10)
        for day in range(24, 32)
        for hour in range(24)
        for moment in [dt.datetime(year, month, day, hour, tzinfo=dt.UTC)]
        if moment.astimezone(written).utcoffset() != moment.astimezone(AMS).utcoffset()
    ]
    assert differ == []
    assert dt.datetime(2027, 3, 28, 0, 59, tzinfo=dt.UTC).astimezone(written).hour == 1
    assert dt.datetime(2027, 3, 28, 1, 0, tzinfo=dt.UTC).astimezone(written).hour == 3
