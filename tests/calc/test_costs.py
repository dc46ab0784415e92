"""The cost model: hand-computed cases (arithmetic in each docstring) and helpers.

Premium rates used below (domain facts 2.3): 2024 AWf high 7.64 %, Aof high
7.54 %, childcare 0.50 %, Whk 1.22 %, Zvw 6.57 %; 2025 AWf low 2.74 %, high
7.74 %, Aof low 6.28 %, high 7.64 %, childcare 0.50 %, Whk 1.33 %, Zvw 6.51 %.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from basisbaan.calc.costs import (
    COST_FIELDS,
    CostInputs,
    FundingLine,
    compute_costs,
    employer_charges_rate,
    month_cost,
    month_cost_of,
    sum_by_contract_year,
)
from basisbaan.calc.costs_reference import reference_month_cost, reference_row
from basisbaan.calc.fixed import (
    INT64_MAX,
    MAX_HOURLY_CENTS,
    MAX_HOURS_TENTHS,
    MAX_MONTHLY_CENTS,
    MAX_YEARLY_CENTS,
    PPM,
    WORST_PRODUCT,
    mul_div_round,
    round_half_up,
    to_cents,
    to_ppm,
    to_tenths,
)

D = Decimal
RATES_2024 = {
    "awf_low": D("0.0264"),
    "awf_high": D("0.0764"),
    "aof_low": D("0.0618"),
    "aof_high": D("0.0754"),
    "childcare_surcharge": D("0.0050"),
    "whk": D("0.0122"),
    "zvw_employer": D("0.0657"),
    "ufo": D("0.0068"),
}
RATES_2025 = {
    "awf_low": D("0.0274"),
    "awf_high": D("0.0774"),
    "aof_low": D("0.0628"),
    "aof_high": D("0.0764"),
    "childcare_surcharge": D("0.0050"),
    "whk": D("0.0133"),
    "zvw_employer": D("0.0651"),
    "ufo": D("0.0068"),
}


def one_row(**overrides: object) -> CostInputs:
    """July 2024, full month, 32 h at 13.68, 8 % holiday, 23.47 % charges."""
    row: dict[str, object] = {
        "contract": [0],
        "year": 2024,
        "month": 7,
        "days": 31,
        "days_in_month": 31,
        "hourly_wage": 1368,
        "hours": 320,
        "holiday_ppm": 80_000,
        "charges_ppm": 234_700,
        "max_premium_wage": 7_162_800,
    }
    row.update(overrides)
    return CostInputs.build(**row)  # type: ignore[arg-type]


def cents_of(inputs: CostInputs) -> dict[str, int]:
    rows = compute_costs(inputs)
    return {name: int(getattr(rows, name)[0]) for name in COST_FIELDS}


# --- employer charges rate ---------------------------------------------------


@pytest.mark.parametrize(
    ("rates", "permanent", "large", "government", "expected"),
    [
        # 7.64 + 7.54 + 0.50 + 1.22 + 6.57 = 23.47
        (RATES_2024, False, True, False, D("0.2347")),
        # 2.74 + 6.28 + 0.50 + 1.33 + 6.51 = 17.36 (domain facts: "about 17.4 %")
        (RATES_2025, True, False, False, D("0.1736")),
        # 7.74 + 6.28 + 0.50 + 1.33 + 6.51 = 22.36 (domain facts: "about 22.4 %")
        (RATES_2025, False, False, False, D("0.2236")),
        # 7.74 + 7.64 + 0.50 + 1.33 + 6.51 + Ufo 0.68 = 24.40
        (RATES_2025, False, True, True, D("0.2440")),
    ],
)
def test_employer_charges_rate(rates, permanent, large, government, expected):
    got = employer_charges_rate(
        rates, permanent=permanent, large_employer=large, government_employer=government
    )
    assert got == expected


# --- hand-computed months ----------------------------------------------------


def test_full_month_july_2024_minimum_wage_32_hours():
    """13.68 × 32 × 52/12 = 1,896.96 gross;
    8 % holiday allowance = 151.7568 -> 151.76;
    charges 23.47 % × (1,896.96 + 151.76 = 2,048.72) = 480.834584 -> 480.83;
    no pension, no fee: total 1,896.96 + 151.76 + 480.83 = 2,529.55, all on the programme.
    """
    got = cents_of(one_row())
    assert got["gross"] == 189_696
    assert got["holiday_allowance"] == 15_176
    assert got["employer_charges"] == 48_083
    assert (got["pension"], got["monitoring_fee"], got["lks"]) == (0, 0, 0)
    assert got["total"] == 252_955
    assert got["funding_programme"] == got["budget_charge"] == 252_955


def test_partial_month_from_16_july_2024():
    """16 of 31 days of the full month of the case above:
    gross 1,896.96 × 16/31 = 979.0761... -> 979.08;
    holiday 151.76 × 16/31 = 78.3277... -> 78.33;
    charges 480.83 × 16/31 = 248.1703... -> 248.17;
    total 979.08 + 78.33 + 248.17 = 1,305.58.
    """
    got = cents_of(one_row(days=16))
    assert (got["gross"], got["holiday_allowance"], got["employer_charges"]) == (
        97_908,
        7_833,
        24_817,
    )
    assert got["total"] == 130_558


def test_pension_and_monitoring_fee_small_employer_permanent_2025():
    """14.40 × 36 × 52/12 = 2,246.40 gross; 8 % = 179.712 -> 179.71;
    base 2,246.40 + 179.71 = 2,426.11;
    charges 17.36 % (2.74 + 6.28 + 0.50 + 1.33 + 6.51) × 2,426.11 = 421.172696 -> 421.17;
    pension 10 % × 2,426.11 = 242.611 -> 242.61; monitoring fee 50.00;
    total 2,246.40 + 179.71 + 421.17 + 242.61 + 50.00 = 3,139.89.
    """
    got = cents_of(
        one_row(
            year=2025,
            hourly_wage=1440,
            hours=360,
            charges_ppm=173_600,
            max_premium_wage=7_586_400,
            pension_ppm=100_000,
            monitoring_fee=5_000,
        )
    )
    assert got["gross"] == 224_640
    assert got["holiday_allowance"] == 17_971
    assert got["employer_charges"] == 42_117
    assert got["pension"] == 24_261
    assert got["monitoring_fee"] == 5_000
    assert got["total"] == 313_989


def test_wage_subsidy_and_funding_lines_july_2025():
    """July 2025, 32 h at 14.40 (the minimum wage), wage value 60 %, fixed term, large employer.
    Cost: 14.40 × 32 × 52/12 = 1,996.80; 8 % = 159.744 -> 159.74; base 2,156.54;
    charges 23.72 % (7.74 + 7.64 + 0.50 + 1.33 + 6.51) × 2,156.54 = 511.531288 -> 511.53;
    total 1,996.80 + 159.74 + 511.53 = 2,668.07.
    LKS: minimum wage for the hours incl. 8 % = 2,156.54 (as above);
    40 % × 2,156.54 = 862.616 -> 862.62 (cap 70 % = 1,509.58 not reached);
    allowance 23.5 % × 862.62 = 202.7157 -> 202.72; LKS 1,065.34.
    Funding: BUIG 1,065.34; host pays 100.00 a month; ESF 0;
    programme 2,668.07 - 1,065.34 - 100.00 = 1,502.73 = the budget charge
    (with BUIG also charged to the budget: 1,502.73 + 1,065.34 = 2,568.07).
    """
    case = {
        "year": 2025,
        "hourly_wage": 1440,
        "charges_ppm": 237_200,
        "max_premium_wage": 7_586_400,
        "minimum_wage": 1440,
        "wage_value_ppm": 600_000,
        "lks_cap_ppm": 700_000,
        "lks_allowance_ppm": 235_000,
        "host_contribution": 10_000,
    }
    got = cents_of(one_row(**case))
    assert got["total"] == 266_807
    assert (got["lks_wage"], got["lks_allowance"], got["lks"]) == (86_262, 20_272, 106_534)
    assert got["funding_buig"] == 106_534
    assert got["funding_host"] == 10_000
    assert got["funding_esf"] == 0
    assert got["funding_programme"] == got["budget_charge"] == 150_273
    both = cents_of(one_row(**case, budget_lines=FundingLine.PROGRAMME | FundingLine.BUIG))
    assert both["budget_charge"] == 256_807


def test_host_share_and_esf_share_split_the_rest():
    """Total 2,529.55 (first case). Host pays 50 %: 1,264.775 -> 1,264.78;
    ESF 40 % of the total: 1,011.82, but only 2,529.55 - 1,264.78 = 1,264.77 is left,
    so ESF 1,011.82 and the programme 1,264.77 - 1,011.82 = 252.95.
    Budget lines PROGRAMME | HOST: 252.95 + 1,264.78 = 1,517.73.
    """
    got = cents_of(
        one_row(
            host_share_ppm=500_000,
            esf_share_ppm=400_000,
            budget_lines=FundingLine.PROGRAMME | FundingLine.HOST,
        )
    )
    assert (got["funding_host"], got["funding_esf"], got["funding_programme"]) == (
        126_478,
        101_182,
        25_295,
    )
    assert got["budget_charge"] == 151_773


def test_funding_lines_never_exceed_what_is_left():
    """Host 80 % of 2,529.55 = 2,023.64; ESF 40 % = 1,011.82 but only 505.91 is left:
    ESF 505.91, programme 0.00."""
    got = cents_of(one_row(host_share_ppm=800_000, esf_share_ppm=400_000))
    assert (got["funding_host"], got["funding_esf"], got["funding_programme"]) == (
        202_364,
        50_591,
        0,
    )


def test_charges_capped_at_the_monthly_maximum_premium_wage():
    """2025, 40 h at 50.00: 50 × 40 × 52/12 = 8,666.666... -> 8,666.67; 8 % = 693.3336 -> 693.33;
    base 9,360.00 exceeds 75,864 / 12 = 6,322.00, so charges are
    23.72 % × 6,322.00 = 1,499.5784 -> 1,499.58. Pension is not capped: 10 % × 9,360.00 = 936.00.
    """
    got = cents_of(
        one_row(
            year=2025,
            hourly_wage=5000,
            hours=400,
            charges_ppm=237_200,
            max_premium_wage=7_586_400,
            pension_ppm=100_000,
        )
    )
    assert (got["gross"], got["holiday_allowance"]) == (866_667, 69_333)
    assert got["employer_charges"] == 149_958
    assert got["pension"] == 93_600


def test_minimum_wage_jobs_never_reach_the_premium_cap():
    """40 h at 14.71 (2026): 14.71 × 40 × 52/12 = 2,549.73; × 1.08 ≈ 2,753.71 a month,
    far below 79,409 / 12 = 6,617.42: capped and uncapped charges are equal."""
    capped = cents_of(one_row(year=2026, hourly_wage=1471, hours=400, max_premium_wage=7_940_900))
    free = cents_of(one_row(year=2026, hourly_wage=1471, hours=400))
    assert capped == free


def test_decimal_convenience_is_the_same_computation():
    """The UI helper gives euros: the first case's 2,529.55."""
    got = month_cost(
        hourly_wage=D("13.68"),
        hours_per_week=D("32.0"),
        holiday_rate=D("0.08"),
        charges_rate=D("0.2347"),
        max_premium_wage=D("71628"),
    )
    assert got.gross == D("1896.96")
    assert got.total == D("2529.55")
    half = month_cost(
        hourly_wage=D("13.68"),
        hours_per_week=D("32"),
        holiday_rate=D("0.08"),
        charges_rate=D("0.2347"),
        days=16,
        days_in_month=31,
    )
    assert half.total == D("1305.58")
    assert month_cost_of(compute_costs(one_row(days=16)), 0) == half


def test_decimal_convenience_refuses_fractions_of_a_cent():
    with pytest.raises(ValueError, match="cents"):
        month_cost(
            hourly_wage=D("13.685"),
            hours_per_week=D("32"),
            holiday_rate=D("0.08"),
            charges_rate=D("0.2347"),
        )


# --- sums per contract and year -----------------------------------------------


def test_sum_by_contract_and_year_in_any_row_order():
    """Contract 1: Dec 2024 and Jan 2025 (2,529.55 each, from the first case's inputs);
    contract 0: Jul 2024 half (1,305.58) and Aug 2024 whole (2,529.55) = 3,835.13."""
    inputs = CostInputs.build(
        contract=[1, 0, 1, 0],
        year=[2025, 2024, 2024, 2024],
        month=[1, 8, 12, 7],
        days=[31, 31, 31, 16],
        days_in_month=31,
        hourly_wage=1368,
        hours=320,
        holiday_ppm=80_000,
        charges_ppm=234_700,
    )
    totals = sum_by_contract_year(inputs, compute_costs(inputs))
    assert totals.contract.tolist() == [0, 1, 1]
    assert totals.year.tolist() == [2024, 2024, 2025]
    assert totals.amounts.total.tolist() == [383_513, 252_955, 252_955]


def test_sum_of_nothing_is_empty():
    inputs = one_row().take(np.zeros(0, dtype=np.int64))
    totals = sum_by_contract_year(inputs, compute_costs(inputs))
    assert len(totals.contract) == 0
    assert len(totals.amounts) == 0


# --- integer helpers and input checks ------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "c", "expected"),
    [(5, 1, 10, 1), (15, 1, 10, 2), (4, 1, 10, 0), (14, 1, 10, 1), (1, 1, 3, 0), (2, 1, 3, 1)],
)
def test_mul_div_round_is_half_up(a, b, c, expected):
    assert int(mul_div_round(a, b, c)) == expected
    assert round_half_up(a * b, c) == expected


def test_round_half_up_away_from_zero_for_negative_amounts():
    assert round_half_up(-5, 10) == -1
    assert round_half_up(-4, 10) == 0


@pytest.mark.parametrize(
    ("convert", "value", "expected"),
    [
        (to_cents, D("13.68"), 1368),
        (to_ppm, D("0.08"), 80_000),
        (to_ppm, D("0.235"), 235_000),
        (to_tenths, D("32.5"), 325),
    ],
)
def test_conversions_are_exact(convert, value, expected):
    assert convert(value) == expected


def test_conversions_refuse_to_round():
    with pytest.raises(ValueError):
        to_ppm(D("0.0000005"))
    with pytest.raises(ValueError):
        to_tenths(D("32.25"))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"hours": -1}, "hours"),
        ({"days": 32}, "days"),
        ({"days_in_month": 30}, "days must not exceed"),
        ({"holiday_ppm": PPM + 1}, "holiday_ppm"),
        ({"hourly_wage": MAX_HOURLY_CENTS + 1}, "hourly_wage"),
        ({"month": 13}, "month"),
    ],
)
def test_inputs_out_of_range_are_refused(overrides, message):
    with pytest.raises(ValueError, match=message):
        one_row(**overrides)


def test_float_columns_are_refused():
    with pytest.raises(TypeError):
        one_row(hourly_wage=13.68)


def test_columns_of_different_lengths_are_refused():
    with pytest.raises(ValueError):
        one_row(contract=[0, 1], hours=[320, 320, 320])


def test_worst_case_stays_within_int64_and_matches_the_reference():
    """Every input at its limit: no intermediate product overflows (checked statically
    in calc.fixed, and here by comparing with the Decimal reference)."""
    assert WORST_PRODUCT < INT64_MAX // 50
    inputs = one_row(
        hourly_wage=MAX_HOURLY_CENTS,
        hours=MAX_HOURS_TENTHS,
        holiday_ppm=PPM,
        charges_ppm=PPM,
        pension_ppm=PPM,
        max_premium_wage=MAX_YEARLY_CENTS,
        monitoring_fee=MAX_MONTHLY_CENTS,
        host_contribution=MAX_MONTHLY_CENTS,
        host_share_ppm=PPM,
        esf_share_ppm=PPM,
        minimum_wage=MAX_HOURLY_CENTS,
        wage_value_ppm=0,
        lks_cap_ppm=PPM,
        lks_allowance_ppm=PPM,
        days=17,
        budget_lines=15,
    )
    got = cents_of(inputs)
    expected = reference_month_cost(reference_row(inputs, 0))
    assert {k: D(v) / 100 for k, v in got.items()} == expected
    assert min(got.values()) >= 0


def test_blocks_give_the_same_result_as_one_pass():
    rng = np.random.default_rng(7)
    n = 1_000
    inputs = CostInputs.build(
        contract=np.arange(n) // 12,
        year=2025,
        month=np.arange(n) % 12 + 1,
        days=rng.integers(0, 29, n),
        days_in_month=28,
        hourly_wage=rng.integers(1300, 3000, n),
        hours=rng.integers(0, 401, n),
        holiday_ppm=80_000,
        charges_ppm=rng.integers(0, 300_000, n),
        max_premium_wage=rng.integers(0, 10_000_000, n),
        pension_ppm=np.where(np.arange(n) % 2, 0, 120_000),
        minimum_wage=1440,
        wage_value_ppm=rng.choice([200_000, 600_000, PPM], n),
        lks_cap_ppm=700_000,
        lks_allowance_ppm=235_000,
        budget_lines=rng.integers(0, 16, n),
    )
    whole = compute_costs(inputs, block_rows=10**9)
    blocked = compute_costs(inputs, block_rows=37)
    for name in COST_FIELDS:
        assert np.array_equal(getattr(whole, name), getattr(blocked, name)), name
