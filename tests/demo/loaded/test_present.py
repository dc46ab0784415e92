"""The demo as of the suite's day (18-11-2026) shows a plausible present: payroll up to
October, hours and sessions up to the day, a few things to act on."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.conftest import TODAY
from tests.demo.story import assert_a_plausible_present, take_snapshot

pytestmark = pytest.mark.django_db


def test_the_suites_day_shows_a_plausible_present(demo, demo_output):
    shot = take_snapshot(TODAY, demo_output)
    assert_a_plausible_present(shot)
    assert shot.last_month == dt.date(2026, 10, 1)
    assert "Demogegevens geladen, stand van 18-11-2026." in demo_output
    assert "Verloning juli 2024 t/m oktober 2026: 31 loonbestanden, 397 regels" in demo_output
    assert shot.closed_years == [2023, 2024, 2025]
    assert shot.running == {"leeuwarden": 14, "emmen": 6, "groningen": 172}
    # Leeuwarden: every contract permanent to the pilot's end, nothing to decide;
    # two placements behind with their sessions, three signals open, six LKS
    # participants never measured. Emmen: Anja Hemmes's renewal is due.
    assert shot.attention["leeuwarden"] == {
        "open_signals": 3,
        "overdue_sessions": 2,
        "decisions_due": 0,
        "decisions_late": 0,
        "below_minimum_wage": 0,
        "remeasurements_due": 6,
    }
    assert shot.due["emmen"] == [("Hemmes", dt.date(2027, 1, 4), "due")]
