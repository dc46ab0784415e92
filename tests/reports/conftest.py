"""A small programme for the council report tests, and its first draft.

The suite's today is 18 November 2026. The small programme has seven
participants placed on 1 July 2024 (one of them Dennis Bakker, one Anja de
Vries), two of whom left the programme for an education on 30 June 2025; three
of the five still at work have a running contract with wage-cost subsidy.
"""

from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.outcomes.services import exit_record
from basisbaan.participants.constants import ExitReason
from basisbaan.reports.services import report_create
from tests.factories import ContractPeriodFactory, PlacementFactory, ProgrammeFactory

AS_OF = dt.date(2026, 10, 31)
PERIOD_START = dt.date(2026, 1, 1)
PERIOD_END = dt.date(2026, 12, 31)
EXIT_DATE = dt.date(2025, 6, 30)
NAMES = [
    ("Dennis", "", "Bakker"),
    ("Anja", "de", "Vries"),
    ("Fatima", "", "Amrani"),
    ("Joost", "", "Hoekstra"),
    ("Sanne", "van der", "Meer"),
    ("Piet", "", "Dijkstra"),
    ("Emre", "", "Yildiz"),
]


def place(programme, first="Kees", prefix="", last="Jansen", start=dt.date(2024, 7, 1)):
    return PlacementFactory(
        participant__programme=programme,
        participant__first_name=first,
        participant__name_prefix=prefix,
        participant__last_name=last,
        start_date=start,
    )


def with_subsidy(placement, start=dt.date(2026, 7, 1), end=dt.date(2026, 12, 31)):
    """A running contract period with wage-cost subsidy for ``placement``'s participant."""
    return ContractPeriodFactory(
        contract__participant=placement.participant,
        contract__placement=placement,
        contract__wage_subsidy=True,
        start_date=start,
        end_date=end,
    )


@pytest.fixture
def small(municipality):
    """(programme, placements): seven placed, the last two exited on 30 June 2025."""
    programme = ProgrammeFactory(
        municipality=municipality,
        name="Basisbanen Klein",
        slug="klein",
        start_date=dt.date(2023, 1, 1),
        end_date=dt.date(2027, 12, 31),
    )
    placements = [place(programme, *name) for name in NAMES]
    for placement in placements[:3]:
        with_subsidy(placement)
    for placement in placements[5:]:
        exit_record(
            municipality=municipality,
            actor=None,
            participant=placement.participant,
            exit_date=EXIT_DATE,
            reason=ExitReason.EDUCATION,
            leaves_programme=True,
        )
    return programme, placements


@pytest.fixture
def draft(small, manager, today):
    """A draft report on the small programme, as of 31 October 2026, with the default texts."""
    programme = small[0]
    return report_create(
        programme=programme,
        actor=manager,
        title="Voortgang basisbanen",
        as_of=AS_OF,
        period_start=PERIOD_START,
        period_end=PERIOD_END,
        today=today,
    )
