"""The iCalendar feed of a user's planned feedback sessions.

The feed leaves the application (it sits in a phone's calendar), so an event
names the participant by initials and pseudonym only (``J.V. (P-ABCD-EFGH-IJKL-MNOP)``),
and the host by name: no BSN, no full name, no notes.

Times are local to Europe/Amsterdam (``DTSTART;TZID=Europe/Amsterdam:…``), and
the feed carries that zone's VTIMEZONE, as RFC 5545 demands for every TZID
used. The VTIMEZONE is the EU summer-time rule written as two yearly RRULEs,
not the list of RDATEs icalendar's ``add_missing_timezones`` generates from
zoneinfo: Outlook reads only TZID, DTSTART, RRULE and the two offsets of a
VTIMEZONE and ignores RDATE ([MS-STANOICAL] 2.2.47), so the RDATE form would
show every session at the wrong hour half the year. A test checks the rule
against zoneinfo for every transition from 1996 to 2040.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.guidance.models import FeedbackSession
from basisbaan.participants.models import Participant

SESSION_MINUTES = 60
PRODID = "-//Basisbaan//Feedbacksessies//NL"
TZID = "Europe/Amsterdam"
CET, CEST = dt.timedelta(hours=1), dt.timedelta(hours=2)


def amsterdam_vtimezone() -> Timezone:
    """Europe/Amsterdam since 1996: summer time from the last Sunday of March,
    02:00 CET, to the last Sunday of October, 03:00 CEST (DTSTART is local time
    before each change, in the zone's TZOFFSETFROM)."""
    summer = TimezoneDaylight()
    summer.add("tzname", "CEST")
    summer.add("tzoffsetfrom", CET)
    summer.add("tzoffsetto", CEST)
    summer.add("dtstart", dt.datetime(1996, 3, 31, 2, 0))  # noqa: DTZ001 - local by definition
    summer.add("rrule", {"freq": "yearly", "bymonth": 3, "byday": "-1su"})
    winter = TimezoneStandard()
    winter.add("tzname", "CET")
    winter.add("tzoffsetfrom", CEST)
    winter.add("tzoffsetto", CET)
    winter.add("dtstart", dt.datetime(1996, 10, 27, 3, 0))  # noqa: DTZ001 - local by definition
    winter.add("rrule", {"freq": "yearly", "bymonth": 10, "byday": "-1su"})
    zone = Timezone()
    zone.add("tzid", TZID)
    zone.add("x-lic-location", TZID)
    zone.add_component(summer)
    zone.add_component(winter)
    return zone


def initials(participant: Participant) -> str:
    """``Jan de Vries`` -> ``J.V.``: enough for the coach, little for anyone else."""
    return "".join(
        f"{part[0].upper()}." for part in (participant.first_name, participant.last_name) if part
    )


def sessions_calendar(sessions: Iterable[FeedbackSession], *, host: str) -> bytes:
    """An iCalendar (RFC 5545) document with one event per planned session.

    A session with a time is an hour in Europe/Amsterdam (the VTIMEZONE comes
    first); without a time it is an all-day event. UIDs are stable, so clients
    update events in place.
    """
    zone = ZoneInfo(TZID)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Feedbacksessies basisbaan"))
    calendar.add("x-wr-timezone", TZID)
    calendar.add_component(amsterdam_vtimezone())
    stamp = timezone.now()
    for session in sessions:
        placement = session.placement
        event = Event()
        event.add("uid", f"feedbacksessie-{session.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add(
            "summary",
            _("Feedbacksessie %(initials)s (%(pseudonym)s)")
            % {
                "initials": initials(placement.participant),
                "pseudonym": placement.participant.pseudonym,
            },
        )
        if session.planned_time is not None:
            start = dt.datetime.combine(session.planned_date, session.planned_time, tzinfo=zone)
            event.add("dtstart", start)
            event.add("dtend", start + dt.timedelta(minutes=SESSION_MINUTES))
        else:
            event.add("dtstart", session.planned_date)
            event.add("dtend", session.planned_date + dt.timedelta(days=1))
        event.add("location", session.location or placement.position.host.name)
        event.add(
            "description",
            _("Werkgever: %(host)s. Gegevens en verslag staan in Basisbaan.")
            % {"host": placement.position.host.name},
        )
        calendar.add_component(event)
    return bytes(calendar.to_ical())
