"""The outcome cube counted by hand for four spells, and its relations hold."""

from __future__ import annotations

import datetime as dt

import numpy as np

from basisbaan.calc.outcomes import NO_END, FollowUps, Spells, Stints, add_months, build_cube

D = dt.date


def o(day: dt.date) -> int:
    return day.toordinal()


def arr(values: list[int]) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def test_four_spells_counted_by_hand():
    # A: transition, 01-01-2024, exits 30-06-2024 (reason 0) after one placement.
    # B: transition, 01-04-2024, running; placement ends 31-03-2025 (between placements).
    # C: social value, 01-07-2024, running, at work.
    # D: social value, 01-01-2026, after the as-of day: not counted.
    spells = Spells(
        start=arr([o(D(2024, 1, 1)), o(D(2024, 4, 1)), o(D(2024, 7, 1)), o(D(2026, 1, 1))]),
        end=arr([o(D(2024, 6, 30)), NO_END, NO_END, NO_END]),
        track=arr([0, 0, 1, 1]),
        reason=arr([0, -1, -1, -1]),
        hours=arr([0, 320, 240, 0]),
    )
    stints = Stints(
        spell=arr([0, 1, 2, 3]),
        start=arr([o(D(2024, 1, 1)), o(D(2024, 4, 1)), o(D(2024, 7, 1)), o(D(2026, 1, 1))]),
        end=arr([o(D(2024, 6, 30)), o(D(2025, 3, 31)), NO_END, NO_END]),
    )
    # A's one-month measurement: works, no assistance; its 3-month one not reachable.
    follow_ups = FollowUps(
        spell=arr([0, 0]),
        months=arr([1, 3]),
        status=arr([1, 2]),
        works=arr([1, -1]),
        assistance=arr([0, -1]),
        due=arr([o(D(2024, 7, 30)), o(D(2024, 9, 30))]),
    )

    cube = build_cube(spells, stints, follow_ups, as_of=D(2025, 6, 30), first_year=2024, reasons=9)
    v = cube.values

    assert [v[("started", c)] for c in (0, 1, 2)] == [3, 2, 1]
    assert [v[("active", c)] for c in (0, 1, 2)] == [2, 1, 1]
    assert [v[("exited", c)] for c in (0, 1, 2)] == [1, 1, 0]
    assert [v[("working", c)] for c in (0, 1, 2)] == [1, 0, 1]
    assert [v[("between", c)] for c in (0, 1, 2)] == [1, 1, 0]
    # Six months after the start: A's mark 01-07-2024 (exited), B's 01-10-2024 (at work),
    # C's 01-01-2025 (at work): 2 of 3. Twelve months: A no, B 01-04-2025 (placement
    # ended 31-03) no, C not yet eligible (01-07-2025 > as-of): 0 of 2.
    assert (v[("ret_yes", 6, 0)], v[("ret_eligible", 6, 0)]) == (2, 3)
    assert (v[("ret_yes", 12, 0)], v[("ret_eligible", 12, 0)]) == (0, 2)
    assert (v[("fu_works", 1, 0)], v[("fu_measured", 1, 0)]) == (1, 1)
    assert (v[("fu_unreachable", 3, 0)], v[("fu_due", 3, 0)]) == (1, 1)
    assert cube.hours_sum[0] == 240  # only C is at work: 24.0 hours
    assert [v[("y_started", y, 0)] for y in (2024, 2025)] == [3, 0]
    assert [v[("y_active", y, 0)] for y in (2024, 2025)] == [2, 2]
    # Every relation holds (the suppression refuses a system that does not).
    values, constraints, _hidden = cube.system()
    for c in constraints:
        assert values[c.total] == sum(values[p] for p in c.parts), c


def test_add_months_clips_to_the_month_end_and_keeps_open_ends():
    days = arr([o(D(2024, 8, 31)), o(D(2024, 1, 31)), NO_END])
    assert add_months(days, 6).tolist() == [o(D(2025, 2, 28)), o(D(2024, 7, 31)), NO_END]
    assert add_months(days, 1).tolist()[1] == o(D(2024, 2, 29))
