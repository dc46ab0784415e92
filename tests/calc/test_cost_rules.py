"""The cost rules (calc.cost_rules): exact cases per rule, and each vectorised rule
against the scalar rule it must equal, with hypothesis.

Rates as in test_calc_costs: 2024 AWf high 7.64 %, Aof high 7.54 %, childcare
0.50 %, Whk 1.22 %, Zvw 6.57 %; 2025 AWf low 2.74 %, high 7.74 %, Aof low
6.28 %, high 7.64 %, Whk 1.33 %, Zvw 6.51 %; Ufo 0.68 %.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from basisbaan.calc.cost_rules import (
    CHARGE_KEYS,
    YOUTH_AGES,
    age_on_first_day,
    employer_charges_ppm,
    last_day_covered,
    lks_applies,
    lks_minimum_wage,
    personal_minimum_wage,
    wage_following_minimum,
    wage_value_in_force,
    youth_share_ppm,
)
from basisbaan.calc.costs import employer_charges_rate
from basisbaan.calc.fixed import PPM, to_ppm
from basisbaan.calc.labour_law import MinimumWageTable, Rate, age_on

D = Decimal


def ints(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def flags(*values: bool) -> np.ndarray:
    return np.array(values, dtype=np.bool_)


def days(*values: str) -> np.ndarray:
    return np.array(values, dtype="datetime64[D]")


RATES_2024 = dict(
    zip(CHARGE_KEYS, [26_400, 76_400, 61_800, 75_400, 5_000, 12_200, 65_700, 6_800], strict=True)
)
RATES_2025 = dict(
    zip(CHARGE_KEYS, [27_400, 77_400, 62_800, 76_400, 5_000, 13_300, 65_100, 6_800], strict=True)
)


def test_charge_keys_are_the_parameter_keys():
    from basisbaan.parameters.constants import ParameterKey

    assert {str(ParameterKey(key)) for key in CHARGE_KEYS} == set(CHARGE_KEYS)


# --- employer charges -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rates", "permanent", "awf_high_setting", "large", "government", "expected"),
    [
        # 7.64 + 7.54 + 0.50 + 1.22 + 6.57 = 23.47
        (RATES_2024, False, True, True, False, 234_700),
        # permanent: 2.74 + 6.28 + 0.50 + 1.33 + 6.51 = 17.36
        (RATES_2025, True, True, False, False, 173_600),
        # fixed term: 7.74 + 6.28 + 0.50 + 1.33 + 6.51 = 22.36
        (RATES_2025, False, True, False, False, 223_600),
        # fixed term under the documented exception pays AWf low: 17.36
        (RATES_2025, False, False, False, False, 173_600),
        # 7.74 + 7.64 + 0.50 + 1.33 + 6.51 + Ufo 0.68 = 24.40
        (RATES_2025, False, True, True, True, 244_000),
    ],
)
def test_employer_charges(rates, permanent, awf_high_setting, large, government, expected):
    got = employer_charges_ppm(
        {key: ints(value) for key, value in rates.items()},
        permanent=flags(permanent),
        fixed_term_awf_high=flags(awf_high_setting),
        large_employer=flags(large),
        government_employer=flags(government),
    )
    assert got.tolist() == [expected]


rate_ppm = st.integers(0, 200_000)


@given(
    rows=st.lists(
        st.tuples(
            st.lists(rate_ppm, min_size=8, max_size=8),
            st.booleans(),
            st.booleans(),
            st.booleans(),
            st.booleans(),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_employer_charges_equal_the_scalar_rule(rows):
    rates = {key: ints(*(row[0][i] for row in rows)) for i, key in enumerate(CHARGE_KEYS)}

    got = employer_charges_ppm(
        rates,
        permanent=flags(*(row[1] for row in rows)),
        fixed_term_awf_high=flags(*(row[2] for row in rows)),
        large_employer=flags(*(row[3] for row in rows)),
        government_employer=flags(*(row[4] for row in rows)),
    )

    expected = [
        to_ppm(
            employer_charges_rate(
                {key: D(value) / PPM for key, value in zip(CHARGE_KEYS, values, strict=True)},
                permanent=permanent or not awf_high,
                large_employer=large,
                government_employer=government,
            )
        )
        for values, permanent, awf_high, large, government in rows
    ]
    assert got.tolist() == expected


# --- youth minimum wage -----------------------------------------------------------------------


def test_age_on_the_first_day_of_the_month():
    # Born 15-07-2004: 19 on 01-07-2024, 20 on 01-08-2024. Born 01-07-2004: 20 on 01-07-2024.
    # Born 29-02-2004: 19 on 01-02-2024 and 20 on 01-03-2024.
    got = age_on_first_day(
        ints(2004, 2004, 2004, 2004, 2004),
        ints(7, 7, 7, 2, 2),
        ints(15, 15, 1, 29, 29),
        ints(2024, 2024, 2024, 2024, 2024),
        ints(7, 8, 7, 2, 3),
    )
    assert got.tolist() == [19, 20, 20, 19, 20]


@given(
    birth=st.dates(dt.date(1950, 1, 1), dt.date(2020, 12, 31)),
    year=st.integers(1990, 2100),
    month=st.integers(1, 12),
)
def test_age_on_the_first_day_equals_the_labour_law_rule(birth, year, month):
    got = age_on_first_day(
        ints(birth.year), ints(birth.month), ints(birth.day), ints(year), ints(month)
    )
    assert got.tolist() == [age_on(birth, dt.date(year, month, 1))]


SHARES_2024 = {15: 300_000, 16: 345_000, 17: 395_000, 18: 500_000, 19: 600_000, 20: 800_000}


def test_youth_share_by_age():
    ages = ints(13, 15, 16, 17, 18, 19, 20, 21, 67)
    shares = {age: np.full(len(ages), SHARES_2024[age], dtype=np.int64) for age in YOUTH_AGES}

    got = youth_share_ppm(ages, shares)

    assert got.tolist() == [
        300_000,
        300_000,
        345_000,
        395_000,
        500_000,
        600_000,
        800_000,
        PPM,
        PPM,
    ]


def test_personal_minimum_wage_rounds_half_up_to_a_cent():
    # 13.68 x 0.80 = 10.944 -> 10.94; 13.68 x 0.345 = 4.7196 -> 4.72; 13.27 x 0.5 = 6.635 -> 6.64
    got = personal_minimum_wage(ints(1368, 1368, 1327, 1368), ints(800_000, 345_000, 500_000, PPM))
    assert got.tolist() == [1094, 472, 664, 1368]


@given(
    birth=st.dates(dt.date(1990, 1, 1), dt.date(2015, 12, 31)),
    year=st.integers(2024, 2030),
    month=st.integers(1, 12),
    adult=st.integers(1, 5_000),
    shares=st.lists(st.integers(1, PPM), min_size=6, max_size=6),
)
def test_youth_minimum_wage_equals_the_minimum_wage_check(birth, year, month, adult, shares):
    """The cost model plans a young person at what the minimum-wage check demands."""
    start = dt.date(2024, 1, 1)
    table = MinimumWageTable(
        hourly=(Rate(start, D(adult) / 100),),
        youth={
            age: (Rate(start, D(share) / PPM),)
            for age, share in zip(YOUTH_AGES, shares, strict=True)
        },
    )
    age = age_on_first_day(
        ints(birth.year), ints(birth.month), ints(birth.day), ints(year), ints(month)
    )
    share = youth_share_ppm(age, {a: ints(s) for a, s in zip(YOUTH_AGES, shares, strict=True)})

    got = personal_minimum_wage(ints(adult), share)

    step = table.step_on(dt.date(year, month, 1), birth_date=birth)
    assert step is not None
    assert D(int(got[0])) / 100 == step.value.quantize(D("0.01"), ROUND_HALF_UP)


def test_the_wage_follows_the_minimum_wage_only_where_set_and_higher():
    wage, raised = wage_following_minimum(
        ints(1300, 1300, 1368, 1500), ints(1368, 1368, 1368, 1368), flags(True, False, True, True)
    )
    assert wage.tolist() == [1368, 1300, 1368, 1500]
    assert raised.tolist() == [True, False, False, False]


@given(
    st.lists(st.tuples(st.integers(0, 10_000), st.integers(0, 10_000), st.booleans()), min_size=1)
)
def test_the_planned_wage_is_the_higher_of_the_two_where_it_follows(rows):
    wage, raised = wage_following_minimum(
        ints(*(r[0] for r in rows)), ints(*(r[1] for r in rows)), flags(*(r[2] for r in rows))
    )
    assert wage.tolist() == [max(w, m) if f else w for w, m, f in rows]
    assert raised.tolist() == [f and m > w for w, m, f in rows]


# --- LKS applicability ------------------------------------------------------------------------


def test_lks_applies_below_a_wage_value_of_100_percent():
    applies = lks_applies(ints(0, 550_000, 999_999, PPM))
    assert applies.tolist() == [True, True, True, False]
    assert lks_minimum_wage(ints(1368, 1368, 1094, 1368), applies).tolist() == [1368, 1368, 1094, 0]


def test_last_day_covered_is_the_earliest_end():
    got = last_day_covered(
        ints(2024, 2024, 2024, 2024),
        ints(2, 2, 2, 12),
        ints(29, 29, 29, 31),
        days("2024-12-31", "2024-02-10", "2024-12-31", "9999-12-31"),
        days("2024-12-31"),
    )
    assert got.tolist() == [
        dt.date(2024, 2, 29),
        dt.date(2024, 2, 10),
        dt.date(2024, 2, 29),
        dt.date(2024, 12, 31),
    ]


def test_the_wage_value_in_force_per_row():
    # Person 7 measured 60 % on 10-02-2024 and 45 % on 01-04-2024; person 8 never.
    value, missing = wage_value_in_force(
        subsidised=flags(True, True, True, True, True, False),
        override_ppm=ints(-1, -1, -1, -1, 550_000, -1),
        people=ints(7, 7, 7, 8, 8, 7),
        last_day=days(
            "2024-01-31", "2024-02-29", "2024-04-30", "2024-04-30", "2024-04-30", "2024-04-30"
        ),
        measured_people=ints(7, 7),
        measured_days=days("2024-02-10", "2024-04-01"),
        measured_ppm=ints(600_000, 450_000),
    )
    assert value.tolist() == [PPM, 600_000, 450_000, PPM, 550_000, PPM]
    assert missing.tolist() == [True, False, False, True, False, False]


def test_without_measurements_every_subsidised_row_without_override_is_missing():
    value, missing = wage_value_in_force(
        subsidised=flags(True, False),
        override_ppm=ints(-1, -1),
        people=ints(1, 1),
        last_day=days("2024-01-31", "2024-01-31"),
        measured_people=ints(),
        measured_days=days(),
        measured_ppm=ints(),
    )
    assert value.tolist() == [PPM, PPM]
    assert missing.tolist() == [True, False]


@given(
    measurements=st.lists(
        st.tuples(
            st.integers(1, 4),
            st.dates(dt.date(2023, 1, 1), dt.date(2025, 12, 31)),
            st.integers(0, PPM),
        ),
        unique_by=lambda m: (m[0], m[1]),
    ),
    rows=st.lists(
        st.tuples(
            st.integers(1, 5),
            st.dates(dt.date(2023, 1, 1), dt.date(2025, 12, 31)),
            st.booleans(),
            st.one_of(st.just(-1), st.integers(0, PPM)),
        ),
        min_size=1,
    ),
)
def test_the_wage_value_in_force_equals_a_search_row_by_row(measurements, rows):
    measurements = sorted(measurements)

    value, missing = wage_value_in_force(
        subsidised=flags(*(r[2] for r in rows)),
        override_ppm=ints(*(r[3] for r in rows)),
        people=ints(*(r[0] for r in rows)),
        last_day=np.array([r[1] for r in rows], dtype="datetime64[D]"),
        measured_people=ints(*(m[0] for m in measurements)),
        measured_days=np.array([m[1] for m in measurements], dtype="datetime64[D]"),
        measured_ppm=ints(*(m[2] for m in measurements)),
    )

    expected_value, expected_missing = [], []
    for person, last, subsidised, override in rows:
        in_force = [m[2] for m in measurements if m[0] == person and m[1] <= last]
        if not subsidised:
            expected_value.append(PPM)
            expected_missing.append(False)
        elif override >= 0:
            expected_value.append(override)
            expected_missing.append(False)
        else:
            expected_value.append(in_force[-1] if in_force else PPM)
            expected_missing.append(not in_force)
    assert value.tolist() == expected_value
    assert missing.tolist() == expected_missing
