"""Follow-up measurements in the demo: what the caseworker heard when calling a
person who left, some months after the exit.

A measurement is planned by :func:`basisbaan.outcomes.services.exit_record`; the
demo records it a week after its date (``measured_on = due + 7 days``), but only
once the as-of day is more than :data:`OPEN_FOR` past its date: the latest
measurement that has come due stays open for a while, so the caseworker's
worklist shows it. (So a measurement open on an earlier as-of day is on record
on a later one: one more place where the story moves on by design.)

Every answer here is invented (docs/demo.md, "Outcomes in the demo").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from basisbaan.outcomes.constants import Assistance
from basisbaan.outcomes.models import Exit
from basisbaan.outcomes.services import follow_up_record

__all__ = [
    "LEEUWARDEN_ANSWERS",
    "MEASURED_AFTER",
    "OPEN_FOR",
    "Answer",
    "is_recorded",
    "record_follow_ups",
]

MEASURED_AFTER: Final = dt.timedelta(days=7)  # the call is made a week after the date
OPEN_FOR: Final = dt.timedelta(days=35)  # the latest due one stays open this long
NOT_REACHED: Final = "Twee keer gebeld, geen gehoor."


@dataclass(frozen=True, slots=True)
class Answer:
    """One measurement's answer; ``reachable=False`` records only the day and a note."""

    reachable: bool = True
    works: bool | None = None
    hours_per_week: Decimal | None = None
    same_employer: bool | None = None
    assistance: str = ""
    assistance_amount: Decimal | None = None
    note: str = ""


UNREACHABLE: Final = Answer(reachable=False, note=NOT_REACHED)


def _at_host(hours: str) -> Answer:
    return Answer(
        works=True,
        hours_per_week=Decimal(hours),
        same_employer=True,
        assistance=Assistance.NONE,
    )


# Per participant (last name) and month of the measurement. Dennis Bakker works
# for his host (32 hours, no assistance), once not reached; Emre Yıldız, who
# stopped on his own choice, first lives on assistance, then finds part-time
# work elsewhere with supplementary assistance.
LEEUWARDEN_ANSWERS: Final[dict[str, dict[int, Answer]]] = {
    "Bakker": {
        1: _at_host("32"),
        3: UNREACHABLE,
        6: _at_host("32"),
        12: _at_host("32"),
        18: _at_host("32"),
    },
    "Yıldız": {
        1: Answer(works=False, assistance=Assistance.FULL),
        3: UNREACHABLE,
        6: Answer(
            works=True,
            hours_per_week=Decimal("16"),
            same_employer=False,
            assistance=Assistance.PARTIAL,
            assistance_amount=Decimal("412.50"),
            note="Werkt 16 uur per week in een supermarkt; aanvullende bijstand.",
        ),
        12: Answer(
            works=True,
            hours_per_week=Decimal("20"),
            same_employer=False,
            assistance=Assistance.PARTIAL,
            assistance_amount=Decimal("298.40"),
        ),
        18: Answer(works=False, assistance=Assistance.FULL),
    },
}


def is_recorded(due: dt.date, as_of: dt.date) -> bool:
    """Whether the measurement due on ``due`` is on record on ``as_of``."""
    return as_of > due + OPEN_FOR


def record_follow_ups(exit: Exit, answers: Mapping[int, Answer], as_of: dt.date) -> int:
    """Record the exit's measurements that are on record by ``as_of`` (those
    without an answer stay open); the number recorded."""
    recorded = 0
    for follow_up in exit.follow_ups.order_by("months"):
        answer = answers.get(follow_up.months)
        if answer is None or not is_recorded(follow_up.due_date, as_of):
            continue
        follow_up_record(
            follow_up=follow_up,
            actor=None,
            today=as_of,
            measured_on=follow_up.due_date + MEASURED_AFTER,
            reachable=answer.reachable,
            works=answer.works,
            hours_per_week=answer.hours_per_week,
            same_employer=answer.same_employer,
            assistance=answer.assistance,
            assistance_amount=answer.assistance_amount,
            note=answer.note,
        )
        recorded += 1
    return recorded
