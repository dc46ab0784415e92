"""Splitting contract periods into calendar months (calc.months)."""

from __future__ import annotations

import calendar
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from basisbaan.calc.months import MonthSlice, month_slices, month_slices_of

D = dt.date


def test_half_year_period_from_the_16th():
    """16 July 2024 - 15 January 2025: July 16 of 31 days, August-December whole,
    January 15 of 31 days."""
    got = month_slices_of(D(2024, 7, 16), D(2025, 1, 15))
    assert got[0] == MonthSlice(2024, 7, 16, 31)
    assert [s.days == s.days_in_month for s in got[1:6]] == [True] * 5
    assert got[-1] == MonthSlice(2025, 1, 15, 31)
    assert len(got) == 7


def test_february_in_leap_and_common_years():
    assert month_slices_of(D(2024, 2, 1), D(2024, 2, 29)) == [MonthSlice(2024, 2, 29, 29)]
    assert month_slices_of(D(2025, 2, 10), D(2025, 2, 28)) == [MonthSlice(2025, 2, 19, 28)]


def test_one_day():
    assert month_slices_of(D(2025, 12, 31), D(2025, 12, 31)) == [MonthSlice(2025, 12, 1, 31)]


def test_many_ranges_keep_their_order_and_the_window_clips():
    slices = month_slices(
        [D(2024, 2, 10), D(2022, 1, 1), D(2025, 1, 1), D(2024, 5, 5)],
        [D(2024, 3, 5), D(2022, 12, 31), D(2025, 1, 1), D(2024, 5, 4)],  # last: end before start
        window_start=D(2024, 3, 1),
        window_end=D(2025, 12, 31),
    )
    assert slices.source.tolist() == [0, 2]
    assert slices.year.tolist() == [2024, 2025]
    assert slices.month.tolist() == [3, 1]
    assert slices.days.tolist() == [5, 1]
    assert slices.days_in_month.tolist() == [31, 31]


def test_no_ranges():
    assert len(month_slices([], [])) == 0


dates = st.dates(min_value=D(2020, 1, 1), max_value=D(2032, 12, 31))


@settings(max_examples=300, database=None)
@given(dates, dates)
def test_the_months_cover_every_day_once(a, b):
    start, end = sorted((a, b))
    got = month_slices_of(start, end)
    assert sum(s.days for s in got) == (end - start).days + 1
    assert all(1 <= s.days <= s.days_in_month for s in got)
    assert all(s.days_in_month == calendar.monthrange(s.year, s.month)[1] for s in got)
    months = [s.year * 12 + s.month for s in got]
    assert months == list(range(months[0], months[0] + len(months)))
    assert (got[0].year, got[0].month, got[-1].year, got[-1].month) == (
        start.year,
        start.month,
        end.year,
        end.month,
    )
