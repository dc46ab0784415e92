"""A small programme for the outcome faces: three participants placed on
1 July 2024, one of whom left the programme for an education on 30 June 2025."""

from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.outcomes.services import exit_record
from basisbaan.participants.constants import ExitReason
from tests.factories import PlacementFactory, ProgrammeFactory

EXIT_DATE = dt.date(2025, 6, 30)


@pytest.fixture
def small(municipality):
    """(programme, placements, the exit); the suite's today is 18 November 2026."""
    programme = ProgrammeFactory(municipality=municipality, name="Basisbanen Klein", slug="klein")
    placements = [
        PlacementFactory(participant__programme=programme, start_date=dt.date(2024, 7, 1))
        for _ in range(3)
    ]
    exit = exit_record(
        municipality=municipality,
        actor=None,
        participant=placements[0].participant,
        exit_date=EXIT_DATE,
        reason=ExitReason.EDUCATION,
        leaves_programme=True,
    )
    return programme, placements, exit
