"""Invariants of the cost model, checked with hypothesis over the whole input range.

Tolerance for split months: a month split into two parts (k days and the rest)
costs, per amount, the whole month plus 0 or 1 cent: each part is rounded half
up once from the same full-month amount, so the two roundings add at most one
cent and never take one away.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from basisbaan.calc.costs import COST_FIELDS, CostInputs, CostRows, compute_costs
from basisbaan.calc.costs_reference import reference_month_cost, reference_row
from basisbaan.calc.fixed import (
    MAX_HOURLY_CENTS,
    MAX_HOURS_TENTHS,
    MAX_MONTHLY_CENTS,
    MAX_YEARLY_CENTS,
    PPM,
)

PRO_RATA_FIELDS = (
    "gross",
    "holiday_allowance",
    "employer_charges",
    "pension",
    "monitoring_fee",
    "lks_wage",
    "lks_allowance",
)
MONOTONE_IN_HOURS = (
    "gross",
    "holiday_allowance",
    "employer_charges",
    "pension",
    "total",
    "lks_wage",
    "lks_allowance",
    "lks",
)


def wide(limit: int, realistic: int) -> st.SearchStrategy[int]:
    """Mostly realistic values, sometimes anything up to the model's limit."""
    return st.one_of(st.integers(0, realistic), st.integers(0, limit))


rate = st.one_of(st.integers(0, 300_000), st.integers(0, PPM), st.sampled_from([0, PPM]))


@st.composite
def rows(draw: st.DrawFn) -> dict[str, int]:
    days_in_month = draw(st.integers(28, 31))
    return {
        "contract": 0,
        "year": draw(st.integers(2023, 2030)),
        "month": draw(st.integers(1, 12)),
        "days": draw(st.integers(0, days_in_month)),
        "days_in_month": days_in_month,
        "hourly_wage": draw(wide(MAX_HOURLY_CENTS, 5_000)),
        "hours": draw(wide(MAX_HOURS_TENTHS, 400)),
        "holiday_ppm": draw(st.one_of(st.just(80_000), rate)),
        "charges_ppm": draw(rate),
        "max_premium_wage": draw(wide(MAX_YEARLY_CENTS, 10_000_000)),
        "pension_ppm": draw(rate),
        "monitoring_fee": draw(wide(MAX_MONTHLY_CENTS, 20_000)),
        "minimum_wage": draw(wide(MAX_HOURLY_CENTS, 1_500)),
        "wage_value_ppm": draw(st.one_of(rate, st.just(PPM))),
        "lks_cap_ppm": draw(st.one_of(st.just(700_000), rate)),
        "lks_allowance_ppm": draw(st.one_of(st.just(235_000), rate)),
        "host_share_ppm": draw(rate),
        "host_contribution": draw(wide(MAX_MONTHLY_CENTS, 50_000)),
        "esf_share_ppm": draw(rate),
        "budget_lines": draw(st.integers(0, 15)),
    }


def build(many: list[dict[str, int]]) -> CostInputs:
    return CostInputs.build(**{key: [row[key] for row in many] for key in many[0]})


def column(costs: CostRows, name: str) -> list[int]:
    values: list[int] = getattr(costs, name).tolist()
    return values


@settings(max_examples=100, database=None)
@given(st.lists(rows(), min_size=1, max_size=8))
def test_vectorised_equals_the_decimal_reference_to_the_cent(many):
    inputs = build(many)
    costs = compute_costs(inputs, block_rows=7)
    for i in range(len(many)):
        expected = reference_month_cost(reference_row(inputs, i))
        got = {name: Decimal(column(costs, name)[i]) / 100 for name in COST_FIELDS}
        assert got == expected


@settings(max_examples=100, database=None)
@given(st.lists(rows(), min_size=1, max_size=8))
def test_no_negative_amounts_and_the_funding_lines_add_up(many):
    costs = compute_costs(build(many))
    for name in COST_FIELDS:
        assert min(column(costs, name)) >= 0, name
    lines = costs.funding_programme + costs.funding_buig + costs.funding_host + costs.funding_esf
    assert np.array_equal(lines, costs.total)
    assert np.all(costs.funding_programme <= costs.budget_charge)
    assert np.all(costs.budget_charge <= costs.total)
    assert np.array_equal(
        costs.total,
        costs.gross
        + costs.holiday_allowance
        + costs.employer_charges
        + costs.pension
        + costs.monitoring_fee,
    )
    assert np.array_equal(costs.lks, costs.lks_wage + costs.lks_allowance)


@settings(max_examples=200, database=None)
@given(rows(), st.data())
def test_two_parts_of_a_month_add_up_to_the_whole_within_one_cent(row, data):
    dim = row["days_in_month"]
    split = data.draw(st.integers(0, dim))
    parts = build([row | {"days": split}, row | {"days": dim - split}, row | {"days": dim}])
    costs = compute_costs(parts)
    for name in PRO_RATA_FIELDS:
        first, second, whole = column(costs, name)
        assert first + second - whole in (0, 1), name


@settings(max_examples=200, database=None)
@given(rows(), st.integers(0, MAX_HOURS_TENTHS), st.integers(0, MAX_HOURS_TENTHS))
def test_more_hours_never_cost_less(row, hours_a, hours_b):
    low, high = sorted((hours_a, hours_b))
    costs = compute_costs(build([row | {"hours": low}, row | {"hours": high}]))
    for name in MONOTONE_IN_HOURS:
        fewer, more = column(costs, name)
        assert fewer <= more, name


@settings(max_examples=200, database=None)
@given(rows(), st.integers(0, MAX_HOURLY_CENTS), st.integers(0, MAX_HOURLY_CENTS))
def test_a_higher_wage_never_costs_less(row, wage_a, wage_b):
    """Issue 18: monotone in the hourly wage too (a wage line raises, never lowers, the
    month's wage costs)."""
    low, high = sorted((wage_a, wage_b))
    costs = compute_costs(build([row | {"hourly_wage": low}, row | {"hourly_wage": high}]))
    for name in ("gross", "holiday_allowance", "employer_charges", "pension", "total"):
        lower, higher = column(costs, name)
        assert lower <= higher, name


@settings(max_examples=100, database=None)
@given(st.lists(rows(), min_size=1, max_size=8))
def test_whole_months_are_never_rescaled(many):
    """A whole month's amounts do not depend on the number of days in the month."""
    whole = [row | {"days": row["days_in_month"]} for row in many]
    as_31 = [row | {"days": 31, "days_in_month": 31} for row in many]
    a, b = compute_costs(build(whole)), compute_costs(build(as_31))
    for name in COST_FIELDS:
        assert column(a, name) == column(b, name)
