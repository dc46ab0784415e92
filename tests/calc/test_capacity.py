"""The capacity search against hand-computed cases: monotone, reproducible, exact when certain."""

from __future__ import annotations

import numpy as np
import pytest

from basisbaan.calc.capacity import capacity
from basisbaan.calc.forecast import ForecastInput, Rates

SURE = Rates(renew_a=1e12, renew_b=1e-12, exit_a=1e-12, exit_b=1e12)
RATES = Rates(renew_a=8, renew_b=2, exit_a=1, exit_b=99)


def programme(budget: list[int]) -> ForecastInput:
    """Two years of 12 months; one existing contract at 1,000 cents a month all along."""
    return ForecastInput.build(
        years=[2025, 2026],
        year_of_month=np.arange(24) // 12,
        fixed=[0, 0],
        budget=budget,
        cost=np.full((1, 24), 1_000),
        segment=(np.arange(24) // 6).reshape(1, 24),
    )


def template(start: int = 0, cost: int = 500) -> tuple[np.ndarray, np.ndarray]:
    months = np.arange(24)
    seg = np.where(months >= start, (months - start) // 6, -1)
    return np.where(months >= start, cost, 0), seg


def certain_room(budget: list[int], *, start: int = 0, counted=(True, True), draws: int = 100):
    """Capacity at certain rates (everyone renewed, nobody leaves), p = 0.9."""
    cost, seg = template(start=start)
    return capacity(
        programme(budget),
        SURE,
        template_cost=cost,
        template_segment=seg,
        count_years=list(counted),
        probability=0.9,
        draws=draws,
        seed=1,
    )


def test_certain_rates_give_the_exact_room():
    """Existing: 12,000 a year. Budget 2025: 20,000, so 8,000 room; a new participant
    from January costs 6,000 a year: 1 fits in 2025 (2 would cost 12,000)."""
    result = certain_room([20_000, 50_000], draws=200)
    assert result.count == 1
    assert result.probability == 1.0
    assert result.probability_next == 0.0


def test_a_start_in_july_costs_half_a_year_in_the_first_year():
    """From July a new participant costs 3,000 in 2025 and 6,000 in 2026: 2025 leaves
    room for 2 (8,000 / 3,000), 2026 (budget 26,000) for 2 (14,000 / 6,000)."""
    result = certain_room([20_000, 26_000], start=6)
    assert result.count == 2


def test_uncounted_years_do_not_limit():
    result = certain_room([20_000, 12_000], counted=(True, False))
    assert result.count == 1


def test_overspending_already_leaves_no_room():
    result = certain_room([10_000, 10_000])
    assert result.count == 0
    assert result.base_probability == 0.0


def test_uncertain_answer_is_reproducible_and_monotone_in_p():
    cost, seg = template()
    inp = programme([60_000, 60_000])
    kwargs = {
        "template_cost": cost,
        "template_segment": seg,
        "count_years": [True, True],
        "draws": 500,
        "seed": 3,
    }
    answers = [capacity(inp, RATES, probability=p, **kwargs).count for p in (0.5, 0.8, 0.95)]
    assert answers == [
        capacity(inp, RATES, probability=p, **kwargs).count for p in (0.5, 0.8, 0.95)
    ]
    assert answers[0] >= answers[1] >= answers[2] >= 0
    result = capacity(inp, RATES, probability=0.8, **kwargs)
    assert result.probability >= 0.8 > result.probability_next


def test_probability_must_be_a_probability():
    cost, seg = template()
    with pytest.raises(ValueError, match="probability"):
        capacity(
            programme([1, 1]),
            SURE,
            template_cost=cost,
            template_segment=seg,
            count_years=[True, True],
            probability=1.5,
            draws=10,
            seed=1,
        )


def test_the_answer_says_when_it_reached_the_limit():
    cost, seg = template()
    result = capacity(
        programme([10**9, 10**9]),
        SURE,
        template_cost=cost,
        template_segment=seg,
        count_years=[True, True],
        probability=0.9,
        draws=20,
        seed=1,
        max_new=5,
    )
    assert (result.count, result.at_limit) == (5, True)
