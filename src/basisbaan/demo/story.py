"""The demo's calendar: what has happened by the day the demo is loaded "as of".

The demo tells one story from the pilot's start to its end; ``load_demo
--as-of DAY`` writes the part of it that lies on or before DAY. Every event of
the story has its own date, fixed by the data and by generators seeded per
person and month, never by the as-of day: the data of an earlier as-of day is
(as far as a story that moves on can be) a prefix of the data of a later one.
The exceptions are listed where they are made: the last payroll month's
correction arrives with the next month's file, two placements are behind with
their feedback sessions relative to the as-of day, and signals close when their
follow-up is done.

Nothing in the demo reads the clock: the as-of day comes from the command,
which defaults to today.
"""

from __future__ import annotations

import argparse
import datetime as dt

from django.utils import timezone

from basisbaan.calc.dates import add_months, period_end
from basisbaan.calc.labour_law import notice_deadline
from basisbaan.demo.data import LETTER_DATE, DemoPlacement, DemoProgramme

__all__ = [
    "DemoDateError",
    "check_as_of",
    "decision_day",
    "first_of",
    "last_full_month",
    "month_range",
    "as_of_argument",
    "noon",
    "parse_day",
    "placement_end_day",
]


class DemoDateError(ValueError):
    """The as-of day lies before the council letter's situation."""


def check_as_of(as_of: dt.date) -> None:
    """Refuse a day before the letter: the story up to the letter is fixed."""
    if as_of < LETTER_DATE:
        raise DemoDateError(
            f"De demo begint bij de situatie van de raadsinformatiebrief "
            f"({LETTER_DATE:%d-%m-%Y}): kies een datum op of na die dag."
        )


def first_of(day: dt.date) -> dt.date:
    return day.replace(day=1)


def last_full_month(as_of: dt.date) -> dt.date:
    """The first day of the last calendar month that ended before ``as_of``:
    the month whose payroll file has arrived by then."""
    return add_months(first_of(as_of), -1)


def month_range(first: dt.date, last: dt.date) -> list[dt.date]:
    """First days of the months from ``first`` to ``last``, both included."""
    months = []
    month = first_of(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def noon(day: dt.date) -> dt.datetime:
    """Noon of ``day`` in the project's time zone: the time of a dated story event."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def decision_day(start: dt.date, end: dt.date, notice_weeks: int | None) -> dt.date:
    """The day the renewal of the period ``start..end`` is decided and the notice sent:
    ``notice_weeks`` before the end, or on the legal deadline (one month before the
    end; six weeks for a period too short to need notice)."""
    if notice_weeks is not None:
        return end - dt.timedelta(weeks=notice_weeks)
    return notice_deadline(start, end) or end - dt.timedelta(weeks=6)


def placement_end_day(placement: DemoPlacement, programme: DemoProgramme) -> dt.date:
    """The last day of a placement in the whole story: the end of the period after
    which the participant leaves, else the programme's end."""
    if placement.leave is None:
        return programme.end_date
    end = placement.start - dt.timedelta(days=1)
    for _period in range(placement.leave.after_period):
        start = end + dt.timedelta(days=1)
        end = min(period_end(start, programme.contract_period_months), programme.end_date)
    return end


def parse_day(text: str) -> dt.date:
    """``2025-06-30`` or ``30-06-2025`` (argparse type for ``--as-of``)."""
    text = text.strip()
    for layout in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return dt.datetime.strptime(text, layout).date()  # noqa: DTZ007 - a date, no time
        except ValueError:
            continue
    raise ValueError(f"Ongeldige datum '{text}': schrijf 2025-06-30 of 30-06-2025.")


def as_of_argument(text: str) -> dt.date:
    """The argparse type of ``--as-of`` (``load_demo`` and ``generate_data``)."""
    try:
        return parse_day(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc
