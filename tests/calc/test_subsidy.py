"""Wage-cost subsidy (LKS): hand-computed cases (arithmetic in each docstring) and invariants.

LKS per month = min((1 - wage value), cap 70 %) × minimum wage for the hours incl. 8 %
holiday allowance, plus the 23.5 % employer-charges allowance on that; pro rata by days.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from basisbaan.calc.fixed import MAX_HOURLY_CENTS, MAX_HOURS_TENTHS, PPM, mul_div_round
from basisbaan.calc.subsidy import lks_month, wage_subsidy

D = Decimal
LEGAL = {"holiday_rate": D("0.08"), "cap": D("0.70"), "allowance_rate": D("0.235")}


def test_wage_value_60_percent_july_2025():
    """14.40 × 32 × 52/12 = 1,996.80; 8 % = 159.744 -> 159.74; base 2,156.54;
    (1 - 0.60) × 2,156.54 = 862.616 -> 862.62 (below the cap 70 % = 1,509.578 -> 1,509.58);
    allowance 23.5 % × 862.62 = 202.7157 -> 202.72; LKS 862.62 + 202.72 = 1,065.34.
    """
    got = lks_month(minimum_wage=D("14.40"), hours_per_week=D("32"), wage_value=D("0.60"), **LEGAL)
    assert got.base == D("2156.54")
    assert (got.wage_part, got.allowance, got.total) == (D("862.62"), D("202.72"), D("1065.34"))


def test_low_wage_value_is_capped_at_70_percent():
    """Base 2,156.54 (as above); (1 - 0.20) × 2,156.54 = 1,725.232 exceeds the cap
    70 % × 2,156.54 = 1,509.578 -> 1,509.58; allowance 23.5 % × 1,509.58 = 354.7513 -> 354.75;
    LKS 1,509.58 + 354.75 = 1,864.33. A wage value of 0 % gives the same.
    """
    got = lks_month(minimum_wage=D("14.40"), hours_per_week=D("32"), wage_value=D("0.20"), **LEGAL)
    assert (got.wage_part, got.allowance, got.total) == (D("1509.58"), D("354.75"), D("1864.33"))
    nothing = lks_month(minimum_wage=D("14.40"), hours_per_week=D("32"), wage_value=D("0"), **LEGAL)
    assert nothing.total == got.total


def test_wage_value_100_percent_gives_no_subsidy():
    got = lks_month(minimum_wage=D("14.40"), hours_per_week=D("32"), wage_value=D("1"), **LEGAL)
    assert got.total == D("0.00")


def test_half_month_september_2025():
    """15 of 30 days of the first case: 862.62 × 15/30 = 431.31; 202.72 × 15/30 = 101.36;
    LKS 532.67."""
    got = lks_month(
        minimum_wage=D("14.40"),
        hours_per_week=D("32"),
        wage_value=D("0.60"),
        days=15,
        days_in_month=30,
        **LEGAL,
    )
    assert (got.wage_part, got.allowance, got.total) == (D("431.31"), D("101.36"), D("532.67"))


def test_july_2023_minimum_wage_of_a_38_hour_week():
    """Before 2024 the hourly minimum wage depends on the full-time week: 12.12 at 38 h.
    12.12 × 38 × 52/12 = 1,995.76; 8 % = 159.6608 -> 159.66; base 2,155.42;
    50 % = 1,077.71; allowance 23.5 % × 1,077.71 = 253.26185 -> 253.26; LKS 1,330.97.
    """
    got = lks_month(minimum_wage=D("12.12"), hours_per_week=D("38"), wage_value=D("0.50"), **LEGAL)
    assert got.base == D("2155.42")
    assert (got.wage_part, got.allowance, got.total) == (D("1077.71"), D("253.26"), D("1330.97"))


def test_vectorised_rows_with_broadcast_scalars():
    """The three cases above in one call: cents 106,534, 186,433 and 0."""
    rows = wage_subsidy(
        minimum_wage=1440,
        hours=320,
        wage_value_ppm=[600_000, 200_000, PPM],
        holiday_ppm=80_000,
        cap_ppm=700_000,
        allowance_ppm=235_000,
        days=30,
        days_in_month=30,
    )
    assert rows.total.tolist() == [106_534, 186_433, 0]


@pytest.mark.parametrize(
    "bad",
    [
        {"wage_value_ppm": PPM + 1},
        {"hours": -10},
        {"days": 31},
        {"minimum_wage": MAX_HOURLY_CENTS + 1},
    ],
)
def test_out_of_range_is_refused(bad):
    args = {
        "minimum_wage": 1440,
        "hours": 320,
        "wage_value_ppm": 600_000,
        "holiday_ppm": 80_000,
        "cap_ppm": 700_000,
        "allowance_ppm": 235_000,
        "days": 30,
        "days_in_month": 30,
    } | bad
    with pytest.raises(ValueError):
        wage_subsidy(**args)


# --- invariants ---------------------------------------------------------------

ppm = st.integers(0, PPM)


@st.composite
def cases(draw: st.DrawFn) -> dict[str, int]:
    dim = draw(st.integers(28, 31))
    return {
        "minimum_wage": draw(st.one_of(st.integers(0, 2_000), st.integers(0, MAX_HOURLY_CENTS))),
        "hours": draw(st.integers(0, MAX_HOURS_TENTHS)),
        "wage_value_ppm": draw(ppm),
        "holiday_ppm": draw(st.one_of(st.just(80_000), ppm)),
        "cap_ppm": draw(st.one_of(st.just(700_000), ppm)),
        "allowance_ppm": draw(st.one_of(st.just(235_000), ppm)),
        "days": draw(st.integers(0, dim)),
        "days_in_month": dim,
    }


def run(*many: dict[str, int]):
    return wage_subsidy(**{key: [case[key] for case in many] for key in many[0]})


@settings(max_examples=300, database=None)
@given(cases())
def test_cap_holds_and_nothing_is_negative(case):
    """LKS before the allowance is at most cap × (minimum wage incl. holiday allowance),
    rounded half up, pro rata: never more than 70 % + half a cent."""
    rows = run(case)
    wage_part, allowance, base = int(rows.wage_part[0]), int(rows.allowance[0]), int(rows.base[0])
    cap_full = int(mul_div_round(base, case["cap_ppm"], PPM))
    cap_part = int(mul_div_round(cap_full, case["days"], case["days_in_month"]))
    assert 0 <= wage_part <= cap_part
    assert D(wage_part) <= D(base) * case["cap_ppm"] / PPM * case["days"] / case[
        "days_in_month"
    ] + D("1")
    assert allowance >= 0


@settings(max_examples=200, database=None)
@given(cases())
def test_full_wage_value_gives_zero(case):
    rows = run(case | {"wage_value_ppm": PPM})
    assert int(rows.total[0]) == 0


@settings(max_examples=300, database=None)
@given(cases(), ppm, ppm, st.integers(0, MAX_HOURS_TENTHS), st.integers(0, MAX_HOURS_TENTHS))
def test_monotone_in_wage_value_and_hours(case, wv_a, wv_b, hours_a, hours_b):
    """A higher wage value never raises the LKS; more hours never lower it."""
    low_wv, high_wv = sorted((wv_a, wv_b))
    few, many = sorted((hours_a, hours_b))
    rows = run(
        case | {"wage_value_ppm": low_wv},
        case | {"wage_value_ppm": high_wv},
        case | {"hours": few},
        case | {"hours": many},
    )
    total = rows.total.tolist()
    assert total[0] >= total[1]
    assert total[2] <= total[3]


@settings(max_examples=300, database=None)
@given(cases(), st.data())
def test_two_parts_of_a_month_add_up_to_the_whole_within_one_cent(case, data):
    dim = case["days_in_month"]
    split = data.draw(st.integers(0, dim))
    rows = run(case | {"days": split}, case | {"days": dim - split}, case | {"days": dim})
    for amounts in (rows.wage_part, rows.allowance):
        first, second, whole = amounts.tolist()
        assert first + second - whole in (0, 1)


@settings(max_examples=100, database=None)
@given(st.lists(cases(), min_size=1, max_size=10))
def test_scalar_helper_equals_the_vector(many):
    rows = run(*many)
    for i, case in enumerate(many):
        got = lks_month(
            minimum_wage=D(case["minimum_wage"]) / 100,
            hours_per_week=D(case["hours"]) / 10,
            wage_value=D(case["wage_value_ppm"]) / PPM,
            holiday_rate=D(case["holiday_ppm"]) / PPM,
            cap=D(case["cap_ppm"]) / PPM,
            allowance_rate=D(case["allowance_ppm"]) / PPM,
            days=case["days"],
            days_in_month=case["days_in_month"],
        )
        assert got.total == D(int(rows.total[i])) / 100
        assert np.int64(rows.base[i]) == int(got.base * 100)
