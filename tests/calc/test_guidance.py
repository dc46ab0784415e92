"""The guidance arithmetic: pro-rata norm, participation days, quarters, cost,
and the feedback-session cadence. Hand-computed cases plus properties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from basisbaan.calc import guidance as calc

D = dt.date
Y25 = (D(2025, 1, 1), D(2025, 12, 31))


def test_whole_year_gets_the_whole_norm():
    days = calc.participation_days([(D(2024, 7, 1), None)], *Y25)
    assert days == 365
    assert calc.norm_hundredths(Decimal(200), days, 2025) == 20000


def test_part_year_from_july_is_184_days_of_365():
    """1 July to 31 December 2025: 184 days; 200 x 184 / 365 = 100.8219 -> 100.82 h."""
    days = calc.participation_days([(D(2025, 7, 1), None)], *Y25)
    assert days == 184
    assert calc.norm_hundredths(Decimal(200), days, 2025) == 10082


def test_leap_year_divides_by_366():
    """2024 from 1 July: 184 of 366 days; 200 x 184 / 366 = 100.5464 -> 100.55 h."""
    days = calc.participation_days(
        [(D(2024, 7, 1), D(2024, 12, 31))], D(2024, 1, 1), D(2024, 12, 31)
    )
    assert days == 184
    assert calc.norm_hundredths(Decimal(200), days, 2024) == 10055


def test_overlapping_and_touching_placements_count_once():
    ranges = [
        (D(2025, 1, 1), D(2025, 3, 31)),  # 90 days
        (D(2025, 3, 15), D(2025, 4, 30)),  # overlaps: adds April, 30 days
        (D(2025, 5, 1), D(2025, 5, 31)),  # touches: 31 days
        (D(2025, 10, 1), D(2026, 6, 30)),  # clipped to 92 days
    ]
    assert calc.participation_days(ranges, *Y25) == 90 + 30 + 31 + 92


def test_to_date_norm_counts_days_until_the_as_of_date():
    """Placed from 1 March, as of 31 March: 31 days; 200 x 31 / 365 = 16.9863 -> 16.99 h."""
    days = calc.participation_days([(D(2025, 3, 1), None)], D(2025, 1, 1), D(2025, 3, 31))
    assert days == 31
    assert calc.norm_hundredths(Decimal(200), days, 2025) == 1699


def test_no_days_no_norm_and_impossible_days_refused():
    assert calc.participation_days([], *Y25) == 0
    assert calc.participation_days([(D(2026, 1, 1), None)], *Y25) == 0
    assert calc.norm_hundredths(Decimal(200), 0, 2025) == 0
    with pytest.raises(ValueError):
        calc.norm_hundredths(Decimal(200), 366, 2025)


def test_cost_rounds_half_up_to_the_cent():
    assert calc.hours_cost(12550, Decimal("62.50")) == Decimal("7843.75")
    # 0.01 h x 62.50 = 0.625 -> 0.63
    assert calc.hours_cost(1, Decimal("62.50")) == Decimal("0.63")
    assert calc.hours_cost(0, Decimal("62.50")) == Decimal("0.00")


def test_quarter_totals_group_per_key():
    quarters = [1, 1, 2, 4, 3]
    keys = [7, 7, 7, 3, 3]
    hours = [150, 25, 100, 800, 200]
    distinct, totals = calc.quarter_totals(
        np.array(quarters, dtype=np.int64),
        np.array(hours, dtype=np.int64),
        np.array(keys, dtype=np.int64),
    )
    assert distinct.tolist() == [3, 7]
    assert totals.tolist() == [[0, 0, 200, 800], [175, 100, 0, 0]]
    empty = np.array([], dtype=np.int64)
    assert calc.quarter_totals(empty, empty, empty)[1].shape == (0, 4)
    with pytest.raises(ValueError):
        calc.quarter_totals(np.array([5]), np.array([1]), np.array([1]))


def test_quarter_days_of_a_part_year():
    assert calc.quarter_days([(D(2025, 2, 15), D(2025, 8, 15))], 2025) == [
        45,
        91,
        46,
        0,
    ]  # 14 + 31; 30 + 31 + 30; 31 + 15


def test_next_due_from_start_then_from_last_held():
    start = D(2025, 1, 6)
    assert calc.next_due(placement_start=start, last_held=None, cadence_weeks=6) == D(2025, 2, 17)
    assert calc.next_due(placement_start=start, last_held=D(2025, 3, 3), cadence_weeks=6) == D(
        2025, 4, 14
    )
    # A session held before the placement (an earlier one) does not count.
    assert calc.next_due(placement_start=start, last_held=D(2024, 12, 1), cadence_weeks=4) == D(
        2025, 2, 3
    )
    with pytest.raises(ValueError):
        calc.next_due(placement_start=start, last_held=None, cadence_weeks=0)


def test_overdue_only_after_the_due_date_and_not_after_the_placement_ended():
    kwargs = {"placement_start": D(2025, 1, 6), "last_held": None, "cadence_weeks": 6}
    assert not calc.placement_overdue(placement_end=None, today=D(2025, 2, 17), **kwargs)
    assert calc.placement_overdue(placement_end=None, today=D(2025, 2, 18), **kwargs)
    # Ended before the due date: the session fell away with the placement.
    assert not calc.placement_overdue(placement_end=D(2025, 2, 1), today=D(2025, 3, 1), **kwargs)
    # Holding a session resets the clock.
    kwargs["last_held"] = D(2025, 2, 10)
    assert not calc.placement_overdue(placement_end=None, today=D(2025, 3, 20), **kwargs)
    assert calc.placement_overdue(placement_end=None, today=D(2025, 3, 25), **kwargs)


def test_session_state():
    today = D(2025, 5, 1)
    state = calc.session_state
    assert (
        state(planned_date=D(2025, 5, 2), held_on=None, cancelled=False, today=today) == "planned"
    )
    assert (
        state(planned_date=D(2025, 5, 1), held_on=None, cancelled=False, today=today) == "planned"
    )
    assert (
        state(planned_date=D(2025, 4, 30), held_on=None, cancelled=False, today=today) == "overdue"
    )
    assert (
        state(planned_date=D(2025, 4, 30), held_on=D(2025, 4, 30), cancelled=False, today=today)
        == "held"
    )
    assert (
        state(planned_date=D(2025, 4, 30), held_on=None, cancelled=True, today=today) == "cancelled"
    )


def test_norm_line_ratio():
    line = calc.NormLine(
        hours=11000, norm_to_date=10000, norm_year=20000, quarters=(5000, 6000, 0, 0)
    )
    assert line.ratio == Decimal("1.10")
    assert calc.NormLine(hours=5, norm_to_date=0, norm_year=0, quarters=(5, 0, 0, 0)).ratio is None


dates = st.dates(min_value=D(2023, 1, 1), max_value=D(2027, 12, 31))


@given(st.lists(st.tuples(dates, st.one_of(st.none(), dates)), max_size=6))
def test_participation_days_within_the_year_and_norm_within_bounds(raw):
    ranges = [(a, b) for a, b in raw if b is None or b >= a]
    days = calc.participation_days(ranges, *Y25)
    assert 0 <= days <= 365
    # Counting the days one by one gives the same number.
    covered = {
        D(2025, 1, 1) + dt.timedelta(days=i)
        for i in range(365)
        if any(a <= D(2025, 1, 1) + dt.timedelta(days=i) <= (b or D(9999, 1, 1)) for a, b in ranges)
    }
    assert days == len(covered)
    assert 0 <= calc.norm_hundredths(Decimal(200), days, 2025) <= 20000


@given(st.integers(min_value=0, max_value=365), st.integers(min_value=0, max_value=365))
def test_norm_is_monotonic_in_days(a, b):
    low, high = sorted((a, b))
    assert calc.norm_hundredths(Decimal(200), low, 2025) <= calc.norm_hundredths(
        Decimal(200), high, 2025
    )
