"""The forecast books a transition payment once per ending employment (issue 18)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from basisbaan.calc.forecast import ForecastInput, Rates, Scenario, deterministic, monte_carlo

CERTAIN_RENEWAL = Rates(1e12, 1e-12, 1e-12, 1e12)  # r = 1, h = 0
NO_RENEWAL = Rates(1e-12, 1e12, 1e-12, 1e12)  # r = 0, h = 0


def two_contracts() -> ForecastInput:
    """A: committed 3 months, then a renewal of 3; B: committed 2 months only."""
    return ForecastInput.build(
        years=[2026, 2027],
        year_of_month=[0, 0, 0, 0, 1, 1],
        fixed=[0, 0],
        budget=[-1, -1],
        cost=[[100] * 6, [100, 100, 0, 0, 0, 0]],
        segment=[[0, 0, 0, 1, 1, 1], [0, 0, -1, -1, -1, -1]],
        exit_cost=[[0, 0, 7_000, 0, 0, 9_000], [0, 5_000, 0, 0, 0, 0]],
    )


def test_no_renewals_pays_at_the_end_of_the_committed_part():
    """A ends after month 3 (7,000), B after month 2 (5,000), both in 2026; costs 300 + 200."""
    result = deterministic(two_contracts(), CERTAIN_RENEWAL)
    assert result[Scenario.NO_RENEWALS].tolist() == [12_500, 0]


def test_all_renewed_pays_at_the_end_of_the_last_segment():
    """A ends after month 6 (9,000, in 2027), B after month 2 (5,000, 2026)."""
    result = deterministic(two_contracts(), CERTAIN_RENEWAL)
    assert result[Scenario.ALL_RENEWED].tolist() == [400 + 200 + 5_000, 200 + 9_000]


def test_observed_weighs_each_end_by_its_chance():
    """r = 1/2 (Beta(1, 1)), h = 0: A ends after month 3 with 1/2 (3,500), after 6 with
    1/2 (4,500); its renewal months count half (150). B: 5,000 and 200."""
    rates = Rates(1.0, 1.0, 1e-12, 1e12)
    result = deterministic(two_contracts(), rates)
    assert result[Scenario.OBSERVED].tolist() == [300 + 50 + 3_500 + 200 + 5_000, 100 + 4_500]


def test_monte_carlo_matches_the_certain_scenarios():
    inp = two_contracts()
    renewed = monte_carlo(inp, CERTAIN_RENEWAL, draws=20, seed=1)
    assert (
        renewed.p50.tolist() == deterministic(inp, CERTAIN_RENEWAL)[Scenario.ALL_RENEWED].tolist()
    )
    ended = monte_carlo(inp, NO_RENEWAL, draws=20, seed=1)
    assert ended.p50.tolist() == deterministic(inp, NO_RENEWAL)[Scenario.NO_RENEWALS].tolist()


def test_a_participant_who_leaves_gets_no_payment():
    """h = 1: everyone leaves after their first month: only the first month's cost."""
    inp = two_contracts()
    left = monte_carlo(inp, Rates(1e12, 1e-12, 1e12, 1e-12), draws=10, seed=3)
    assert left.p50.tolist() == [200, 0]


@st.composite
def matrices(draw):
    c = draw(st.integers(1, 8))
    m = draw(st.integers(1, 12))
    rows_seg, rows_exit = [], []
    for _ in range(c):
        start = draw(st.integers(0, m))
        cuts = sorted(draw(st.lists(st.integers(start, m), max_size=3)))
        stop = draw(st.integers(start, m))
        seg = [-1] * m
        for month in range(start, stop):
            seg[month] = sum(1 for cut in cuts if cut <= month and cut > start)
        rows_seg.append(seg)
        rows_exit.append([draw(st.integers(1, 10**6)) for _ in range(m)])
    return c, m, rows_seg, rows_exit


@settings(max_examples=60, deadline=None)
@given(matrices())
def test_no_renewals_has_exactly_one_payment_per_ending_employment(data):
    c, m, segments, exits = data
    inp = ForecastInput.build(
        years=[2026],
        year_of_month=[0] * m,
        fixed=[0],
        budget=[-1],
        cost=np.zeros((c, m), dtype=np.int64),
        segment=segments,
        exit_cost=exits,
    )
    expected = 0
    for seg, exit_cost in zip(segments, exits, strict=True):
        committed = [i for i, s in enumerate(seg) if s == 0]
        if committed:
            expected += exit_cost[committed[-1]]
    assert deterministic(inp, CERTAIN_RENEWAL)[Scenario.NO_RENEWALS].tolist() == [expected]
