"""Calendar arithmetic and the domain's date ranges. Pure; no Django.

Two kinds of rule live here:

- **Arithmetic that holds at the edges.** A stored date may be anything a
  date can be (1 January of year 1 to 31 December 9999: an old import, a
  correction by hand). :func:`add_months`, :func:`add_days` and
  :func:`years_after` saturate at those ends instead of raising, and
  :func:`clip` keeps a calculation inside :data:`HORIZON` so that no loop over
  months or years runs for millennia.
- **The ranges a date entered today must lie in** (:func:`birth_date_problem`,
  :func:`within_problem`, :func:`day_hours_problem`): they return a
  :class:`DateProblem` code, or None, and the faces' validators
  (``basisbaan.core.dates``) turn the code into a Dutch message.
"""

from __future__ import annotations

import calendar
import datetime as dt
import enum
from decimal import Decimal
from typing import Final

FIRST_DAY: Final = dt.date.min
LAST_DAY: Final = dt.date.max

# What any calculation looks at: a stored date outside is clipped to this window.
# Wide enough for every participant alive and every contract of a programme
# (the law's six-month notice and 36-month chain, a forecast's years), narrow
# enough that a month loop over it stays under 4,000 steps.
HORIZON: Final = (dt.date(1900, 1, 1), dt.date(2199, 12, 31))

# A participant's age on the day the record is entered or changed: the
# Participatiewet reaches people from 15 (a school leaver in a practical
# training) up to well past the state pension age; outside is a typing error.
MIN_AGE: Final = 15
MAX_AGE: Final = 100

# Guidance hours of one staff member on one day: the Arbeidstijdenwet
# (art. 5:7) allows at most 12 hours of work in a shift.
MAX_HOURS_PER_DAY: Final = Decimal(12)

# One contract period lasts at most 36 months: the law's limit for a chain of
# fixed-term contracts (art. 7:668a BW); a longer period is a typing error.
MAX_PERIOD_MONTHS: Final = 36


class DateProblem(enum.StrEnum):
    """Why a date is refused (the faces give the message)."""

    BEFORE = "before"  # before the first allowed day
    AFTER = "after"  # after the last allowed day
    END_BEFORE_START = "end_before_start"
    TOO_YOUNG = "too_young"
    TOO_OLD = "too_old"
    TOO_MANY_HOURS = "too_many_hours"


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, clipped to the month's last day;
    saturates at 1 January of year 1 and 31 December 9999.

    >>> add_months(dt.date(2024, 8, 31), 6)
    datetime.date(2025, 2, 28)
    >>> add_months(dt.date(9999, 12, 31), 1)
    datetime.date(9999, 12, 31)
    """
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    if year > LAST_DAY.year:
        return LAST_DAY
    if year < FIRST_DAY.year:
        return FIRST_DAY
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def add_days(day: dt.date, days: int) -> dt.date:
    """``day`` plus ``days`` (may be negative), saturating at the ends of the calendar.

    >>> add_days(dt.date(9999, 12, 30), 7)
    datetime.date(9999, 12, 31)
    """
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return LAST_DAY if days > 0 else FIRST_DAY


def period_end(start: dt.date, months: int) -> dt.date:
    """Last day of a period of ``months`` months starting on ``start``.

    >>> period_end(dt.date(2024, 7, 1), 6)
    datetime.date(2024, 12, 31)
    """
    end = add_months(start, months)
    return end if end == LAST_DAY else add_days(end, -1)


def clip(day: dt.date, first: dt.date = HORIZON[0], last: dt.date = HORIZON[1]) -> dt.date:
    """``day`` kept inside ``first..last`` (by default the :data:`HORIZON`).

    >>> clip(dt.date(9999, 12, 31))
    datetime.date(2199, 12, 31)
    """
    return min(max(day, first), last)


# The longest stretch a page costs or lists month by month: ten years. A contract
# runs for months to a few years within its programme; one stored as ending in
# 2207 or 9999 is shown for its first ten years (and the page says so).
MAX_SPAN_MONTHS: Final = 120


def bounded_span(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """``first..last`` clipped to the :data:`HORIZON` and to :data:`MAX_SPAN_MONTHS`
    months from its (clipped) start: the window a month-by-month page works on.

    >>> bounded_span(dt.date(2025, 1, 1), dt.date(9999, 12, 31))
    (datetime.date(2025, 1, 1), datetime.date(2034, 12, 31))
    >>> bounded_span(dt.date(1, 1, 1), dt.date(1, 12, 31))
    (datetime.date(1900, 1, 1), datetime.date(1900, 1, 1))
    """
    start = clip(first)
    end = min(clip(last), period_end(start, MAX_SPAN_MONTHS))
    return start, max(start, end)


def years_after(day: dt.date, years: int) -> dt.date:
    """The same day ``years`` later (29 February: 1 March), saturating.

    >>> years_after(dt.date(2004, 2, 29), 1)
    datetime.date(2005, 3, 1)
    """
    year = day.year + years
    if year > LAST_DAY.year:
        return LAST_DAY
    if year < FIRST_DAY.year:
        return FIRST_DAY
    try:
        return day.replace(year=year)
    except ValueError:
        return dt.date(year, 3, 1)


# -- ranges of dates entered -------------------------------------------------------------


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Completed years on ``day``."""
    return (
        day.year - birth_date.year - int((day.month, day.day) < (birth_date.month, birth_date.day))
    )


def birth_date_problem(birth_date: dt.date, today: dt.date) -> DateProblem | None:
    """A birth date makes the participant :data:`MIN_AGE` to :data:`MAX_AGE` today.

    >>> birth_date_problem(dt.date(1, 1, 1), dt.date(2026, 11, 18))
    <DateProblem.TOO_OLD: 'too_old'>
    >>> birth_date_problem(dt.date(2011, 11, 18), dt.date(2026, 11, 18)) is None
    True
    """
    age = age_on(birth_date, today)
    if age < MIN_AGE:
        return DateProblem.TOO_YOUNG
    if age > MAX_AGE:
        return DateProblem.TOO_OLD
    return None


def birth_date_range(today: dt.date) -> tuple[dt.date, dt.date]:
    """The earliest and latest birth date allowed today (for a form's min and max)."""
    return add_days(years_after(today, -(MAX_AGE + 1)), 1), years_after(today, -MIN_AGE)


def within_problem(day: dt.date, first: dt.date, last: dt.date) -> DateProblem | None:
    """``day`` lies in ``first..last`` (inclusive).

    >>> within_problem(dt.date(2027, 1, 1), dt.date(2023, 1, 1), dt.date(2026, 12, 31))
    <DateProblem.AFTER: 'after'>
    """
    if day < first:
        return DateProblem.BEFORE
    if day > last:
        return DateProblem.AFTER
    return None


def range_problem(
    start: dt.date, end: dt.date | None, first: dt.date, last: dt.date
) -> tuple[str, DateProblem] | None:
    """A range ``start..end`` (open end: None) inside ``first..last``.

    Returns the field at fault (``"start"`` or ``"end"``) and the problem.

    >>> range_problem(dt.date(2026, 7, 1), dt.date(2027, 6, 30),
    ...               dt.date(2023, 1, 1), dt.date(2026, 12, 31))
    ('end', <DateProblem.AFTER: 'after'>)
    """
    if end is not None and end < start:
        return "end", DateProblem.END_BEFORE_START
    if problem := within_problem(start, first, last):
        return "start", problem
    if end is not None and (problem := within_problem(end, first, last)):
        return "end", problem
    return None


def day_hours_problem(hours: Decimal) -> DateProblem | None:
    """One staff member's hours on one day: at most :data:`MAX_HOURS_PER_DAY`.

    >>> day_hours_problem(Decimal(24))
    <DateProblem.TOO_MANY_HOURS: 'too_many_hours'>
    """
    return DateProblem.TOO_MANY_HOURS if hours > MAX_HOURS_PER_DAY else None


def week_start(day: dt.date) -> dt.date:
    """The Monday of ``day``'s week, kept inside the :data:`HORIZON` (a week grid
    for 31 December 9999 would run past the calendar).

    >>> week_start(dt.date(9999, 12, 31)), week_start(dt.date(1, 1, 1))
    (datetime.date(2199, 12, 23), datetime.date(1900, 1, 1))
    """
    day = clip(day, HORIZON[0], HORIZON[1] - dt.timedelta(days=6))
    return day - dt.timedelta(days=day.weekday())
