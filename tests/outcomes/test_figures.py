"""The outcome figures of a programme whose small cohorts make the suppression
fall back on its coarse rule (many small numbers in one web of relations)."""

from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.calc.suppression import Mark
from basisbaan.outcomes.figures import outcome_report
from tests.factories import PlacementFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_one_late_starter_beside_seven_still_gives_safe_figures(municipality):
    """Seven started in July 2024 and one in January 2025. The coarse rule once
    looped for ever here: every neighbour of an exposed cell was hidden already,
    so a round hid nothing and the same cell came back (now it hides around the
    cell's component, or settles it)."""
    programme = ProgrammeFactory(
        municipality=municipality, start_date=dt.date(2024, 1, 1), end_date=dt.date(2026, 12, 31)
    )
    for day in range(1, 8):
        PlacementFactory(participant__programme=programme, start_date=dt.date(2024, 7, day))
    PlacementFactory(participant__programme=programme, start_date=dt.date(2025, 1, 6))

    report = outcome_report(programme, as_of=dt.date(2026, 11, 18))

    assert report.cell("started", 0).value == 8
    assert report.cell("working", 0).value == 8
    # The lone starter of 2025 is a cohort of one: never published.
    small = [key for key, value in report.cube.values.items() if 0 < value < 5]
    assert small
    assert all(report.marks.get(report.cube.resolve(key)) != Mark.PUBLISHED for key in small)
