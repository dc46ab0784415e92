"""The iCalendar feed of a user's planned feedback sessions.

The feed leaves the application (it sits in a phone's calendar), so an event
names the participant by initials and pseudonym only (``J.V. (D-1A2B3C)``),
and the host by name: no BSN, no full name, no notes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.guidance.models import FeedbackSession
from basisbaan.participants.models import Participant

SESSION_MINUTES = 60
PRODID = "-//Basisbaan//Feedbacksessies//NL"


def initials(participant: Participant) -> str:
    """``Jan de Vries`` -> ``J.V.``: enough for the coach, little for anyone else."""
    return "".join(
        f"{part[0].upper()}." for part in (participant.first_name, participant.last_name) if part
    )


def sessions_calendar(sessions: Iterable[FeedbackSession], *, host: str) -> bytes:
    """An iCalendar (RFC 5545) document with one event per planned session.

    A session with a time is an hour in Europe/Amsterdam; without a time it is
    an all-day event. UIDs are stable, so clients update events in place.
    """
    zone = ZoneInfo(settings.TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Feedbacksessies basisbaan"))
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
