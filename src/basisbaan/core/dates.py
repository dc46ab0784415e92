"""The Dutch face of the domain's date ranges (the rules are in :mod:`basisbaan.calc.dates`).

Services call these checks, so a page, the API and an import refuse the same
dates with the same words. Each raises a ``ValidationError`` keyed by the
field at fault (the forms and serializers put it on that field).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from basisbaan.calc.dates import (
    MAX_AGE,
    MAX_HOURS_PER_DAY,
    MIN_AGE,
    DateProblem,
    birth_date_problem,
    range_problem,
)

__all__ = [
    "birth_date_message",
    "check_birth_date",
    "check_within",
    "day_hours_message",
    "hours_text",
    "within_message",
]


def _day(day: dt.date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


def hours_text(hours: Decimal) -> str:
    """``Decimal("12.5")`` -> ``"12,5"``."""
    return f"{hours.normalize():f}".replace(".", ",")


def birth_date_message(problem: DateProblem) -> str:
    if problem == DateProblem.TOO_YOUNG:
        return _(
            "Met deze geboortedatum is de deelnemer jonger dan %(age)s jaar; controleer de datum."
        ) % {"age": MIN_AGE}
    return _(
        "Met deze geboortedatum is de deelnemer ouder dan %(age)s jaar; controleer de datum."
    ) % {"age": MAX_AGE}


def check_birth_date(
    birth_date: dt.date | None, today: dt.date, field: str = "date_of_birth"
) -> None:
    """Refuse a birth date that makes the participant younger than 15 or older than 100 today."""
    if birth_date is None:
        return
    if problem := birth_date_problem(birth_date, today):
        raise ValidationError({field: birth_date_message(problem)})


def within_message(problem: DateProblem, first: dt.date, last: dt.date, what: str) -> str:
    """A date before or after ``first..last``, the period of ``what`` (e.g. "het programma")."""
    if problem == DateProblem.END_BEFORE_START:
        return _("De einddatum ligt vóór de startdatum.")
    if problem == DateProblem.BEFORE:
        return _("Deze datum ligt vóór de start van %(what)s (%(first)s).") % {
            "what": what,
            "first": _day(first),
        }
    return _("Deze datum ligt na het einde van %(what)s (%(last)s).") % {
        "what": what,
        "last": _day(last),
    }


def check_within(
    start: dt.date,
    end: dt.date | None,
    first: dt.date,
    last: dt.date,
    *,
    what: str,
    fields: tuple[str, str] = ("start_date", "end_date"),
) -> None:
    """Refuse a range ``start..end`` (open end: None) that does not lie in ``first..last``."""
    if found := range_problem(start, end, first, last):
        side, problem = found
        field = fields[0] if side == "start" else fields[1]
        raise ValidationError({field: within_message(problem, first, last, what)})


def day_hours_message(day: dt.date, total: Decimal) -> str:
    return _(
        "Op %(day)s staan dan %(total)s uur; meer dan %(max)s uur op één dag kan niet "
        "(Arbeidstijdenwet)."
    ) % {"day": _day(day), "total": hours_text(total), "max": hours_text(MAX_HOURS_PER_DAY)}
