"""The forecast engine against hand-computed cases, and its properties."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from basisbaan.calc.forecast import (
    NO_BUDGET,
    ForecastInput,
    Rates,
    Scenario,
    deterministic,
    monte_carlo,
    segment_ends,
)

RATES = Rates(renew_a=8, renew_b=2, exit_a=1, exit_b=99)  # 80 % renewal, 1 % exit a month
# Near-certain rates: the Beta posteriors are so tight that every draw renews, nobody leaves.
SURE = Rates(renew_a=1e12, renew_b=1e-12, exit_a=1e-12, exit_b=1e12)


def two_contracts() -> ForecastInput:
    """Two years of three future months each.

    A: 100 cents a month; months 0-2 committed, 3-5 the first renewal.
    B: starts in month 2 at 200 cents; months 2-3 committed, month 4 a renewal.
    """
    return ForecastInput.build(
        years=[2025, 2026],
        year_of_month=[0, 0, 0, 1, 1, 1],
        fixed=[50, 0],
        budget=[1000, 600],
        cost=[[100] * 6, [0, 0, 200, 200, 200, 0]],
        segment=[[0, 0, 0, 1, 1, 1], [-1, -1, 0, 0, 1, -1]],
    )


def test_deterministic_scenarios_by_hand():
    result = deterministic(two_contracts(), RATES)
    # All renewed: 50 + 300 + 200 = 550; 300 + 400 = 700.
    assert result[Scenario.ALL_RENEWED].tolist() == [550, 700]
    # No renewals: year 2 keeps only B's committed month 3: 200.
    assert result[Scenario.NO_RENEWALS].tolist() == [550, 200]
    # Observed, year 1: 50 + 100 (1 + .99 + .9801) + 200 = 547.01 -> 547.
    # Year 2: A 100 x .8 x (.99^3 + .99^4 + .99^5) = 230.55; B 200 x .99 = 198 and
    # 200 x .8 x .99^2 = 156.816: 585.37 -> 585.
    assert result[Scenario.OBSERVED].tolist() == [547, 585]


def test_rates_posterior_adds_counts_to_the_prior():
    posterior = Rates.posterior(RATES, renewals=6, non_renewals=2, exits=3, exposure_months=200)
    assert (posterior.renew_a, posterior.renew_b) == (14, 4)
    assert (posterior.exit_a, posterior.exit_b) == (4, 296)
    assert posterior.renewal == pytest.approx(14 / 18)
    assert posterior.exit == pytest.approx(4 / 300)
    with pytest.raises(ValueError, match="exits cannot exceed"):
        Rates.posterior(RATES, renewals=0, non_renewals=0, exits=5, exposure_months=4)


def test_segment_ends_are_cumulative():
    seg = np.array([[0, 0, 0, 1, 1, 1], [-1, -1, 0, 0, 1, -1]], dtype=np.int8)
    assert segment_ends(seg).tolist() == [[3, 6], [4, 5]]


def test_monte_carlo_is_reproducible_and_ordered():
    first = monte_carlo(two_contracts(), RATES, draws=2_000, seed=11)
    again = monte_carlo(two_contracts(), RATES, draws=2_000, seed=11)
    other = monte_carlo(two_contracts(), RATES, draws=2_000, seed=12)
    assert np.array_equal(first.totals, again.totals)
    assert not np.array_equal(first.totals, other.totals)
    assert (first.p10 <= first.p50).all() and (first.p50 <= first.p90).all()
    # No draw can exceed the all-renewed scenario, nor fall below what is fixed.
    assert (first.totals <= np.array([550, 700])).all()
    assert (first.totals >= np.array([50, 0])).all()
    # Year 2's budget is 600: only draws where both renew and nobody leaves reach 700.
    assert 0 < first.p_overspend[1] < 1
    assert first.p_overspend[0] == 0


def test_monte_carlo_with_certain_rates_is_the_all_renewed_scenario():
    result = monte_carlo(two_contracts(), SURE, draws=50, seed=1)
    assert result.p10.tolist() == result.p90.tolist() == [550, 700]
    assert result.p_overspend.tolist() == [0.0, 1.0]


def test_monte_carlo_mean_matches_the_observed_expectation():
    """With tight posteriors at 80 % and 1 %, the draws' mean is the expectation."""
    tight = Rates(renew_a=8e6, renew_b=2e6, exit_a=1e5, exit_b=99e5)
    result = monte_carlo(two_contracts(), tight, draws=100_000, seed=5)
    expected = deterministic(two_contracts(), tight)[Scenario.OBSERVED]
    assert np.abs(result.mean - expected).max() <= 3


def test_a_year_without_budget_is_never_overspent():
    inp = two_contracts()
    no_budget = ForecastInput.build(
        years=inp.years,
        year_of_month=inp.year_of_month,
        fixed=inp.fixed,
        budget=[NO_BUDGET, NO_BUDGET],
        cost=inp.cost,
        segment=inp.segment,
    )
    assert monte_carlo(no_budget, SURE, draws=10, seed=1).p_overspend.tolist() == [0.0, 0.0]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"fixed": [1]}, "one value per year"),
        ({"year_of_month": [1, 0, 0, 1, 1, 1]}, "non-decreasing"),
        ({"cost": [[-1] * 6, [0] * 6]}, "must not be negative"),
        ({"cost": [[100] * 6, [5, 0, 200, 200, 200, 0]]}, "must cost nothing"),
        ({"segment": [[1, 0, 0, 1, 1, 1], [-1, -1, 0, 0, 1, -1]]}, "back in time"),
    ],
)
def test_input_is_checked(change, message):
    base = {
        "years": [2025, 2026],
        "year_of_month": [0, 0, 0, 1, 1, 1],
        "fixed": [50, 0],
        "budget": [1000, 600],
        "cost": [[100] * 6, [0, 0, 200, 200, 200, 0]],
        "segment": [[0, 0, 0, 1, 1, 1], [-1, -1, 0, 0, 1, -1]],
    }
    with pytest.raises(ValueError, match=message):
        ForecastInput.build(**{**base, **change})


@st.composite
def inputs(draw):
    contracts = draw(st.integers(1, 6))
    months = draw(st.integers(1, 14))
    cost = np.zeros((contracts, months), dtype=np.int64)
    seg = np.full((contracts, months), -1, dtype=np.int8)
    for c in range(contracts):
        start = draw(st.integers(0, months - 1))
        length = draw(st.integers(1, months - start))
        period = draw(st.integers(1, 6))
        for i in range(length):
            seg[c, start + i] = i // period
            cost[c, start + i] = draw(st.integers(0, 300_000))
    year_of_month = np.arange(months) // 6
    years = np.arange(year_of_month[-1] + 1) + 2025
    return ForecastInput.build(
        years=years,
        year_of_month=year_of_month,
        fixed=np.zeros(len(years), dtype=np.int64),
        budget=np.full(len(years), 1_000_000),
        cost=cost,
        segment=seg,
    )


@settings(max_examples=60, deadline=None)
@given(inp=inputs(), seed=st.integers(0, 2**32 - 1))
def test_properties(inp, seed):
    result = deterministic(inp, RATES)
    everything = inp.cost.sum()
    assert result[Scenario.ALL_RENEWED].sum() == everything
    assert (result[Scenario.NO_RENEWALS] <= result[Scenario.ALL_RENEWED]).all()
    assert (result[Scenario.OBSERVED] <= result[Scenario.ALL_RENEWED]).all()
    mc = monte_carlo(inp, RATES, draws=50, seed=seed)
    assert (mc.totals <= result[Scenario.ALL_RENEWED]).all()
    assert (mc.p10 <= mc.p50).all() and (mc.p50 <= mc.p90).all()
