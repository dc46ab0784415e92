"""The business-case model: hand-computed cases with the real bijstand norms of 2025,
and properties over random rows.

Norms (net, incl. holiday allowance, per month): single / single parent
EUR 1,345.45 from 01-01-2025 and EUR 1,369.06 from 01-07-2025; couple EUR 1,922.07
and EUR 1,955.80. Execution cost of one benefit (Berenschot 2018): EUR 2,883 a year,
EUR 240.25 a month.
"""

from __future__ import annotations

import ast
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import basisbaan.calc.business_case as bc
import basisbaan.calc.business_case_rows as bc_rows
from basisbaan.calc.business_case import (
    SUMMED,
    WATERFALL_STEPS,
    Assistance,
    Assumptions,
    CaseRows,
    Overheads,
    Result,
    State,
    YearLine,
    compute,
    per_participant_year,
    sensitivity,
    waterfall,
)
from basisbaan.calc.business_case_rows import allocate
from basisbaan.calc.fixed import PPM

SINGLE_H1, SINGLE_H2 = 134_545, 136_906  # single (and single parent), Jan / Jul 2025
COUPLE_H1, COUPLE_H2 = 192_207, 195_580
EXECUTION_YEAR = 288_300  # EUR 2,883 a year = 24_025 cents a month
DOORSTROOM, EINDBAAN = 0, 1
IN, WORK, OTHER = State.IN_BASISBAAN, State.WORK_AFTER, State.OTHER_AFTER
NO_OVERHEADS = Overheads(research={}, other={})

DEFAULTS: dict[str, int] = {
    "participant": 0,
    "month": 2025 * 12,
    "track": DOORSTROOM,
    "state": IN,
    "payroll": 0,
    "fees": 0,
    "lks": 0,
    "guidance_hours": 0,
    "norm": 0,
    "assistance": Assistance.NONE,
    "partial_amount": -1,
    "was_on_assistance": 1,
}


def month(year: int, number: int) -> int:
    return year * 12 + number - 1


def make_rows(specs: list[dict[str, int]]) -> CaseRows:
    columns = {
        name: np.array([spec.get(name, default) for spec in specs], dtype=np.int64)
        for name, default in DEFAULTS.items()
    }
    return CaseRows(**columns)


def assumptions(**changes: Any) -> Assumptions:
    values: dict[str, Any] = {
        "guidance_rate": 7_500,  # EUR 75 an hour
        "execution_cost_year": EXECUTION_YEAR,
        "deadweight_ppm": (100_000, 0),  # 10 % on doorstroom, 0 on eindbaan
        "partial_share_ppm": 300_000,
        "lks_is_programme_income": True,
    }
    values.update(changes)
    return Assumptions(**values)


def norm_2025(number: int, *, couple: bool = False) -> int:
    if couple:
        return COUPLE_H1 if number <= 6 else COUPLE_H2
    return SINGLE_H1 if number <= 6 else SINGLE_H2


def year_in_basisbaan(participant: int = 0, track: int = DOORSTROOM) -> list[dict[str, int]]:
    """12 months of 2025 in the basisbaan, single household, was on assistance.

    Payroll EUR 2,100 and fees EUR 25 a month, LKS EUR 900 a month, guidance
    200 hours in the year: 16.67 h in January-August, 16.66 h in September-December
    (8 × 1,667 + 4 × 1,666 = 20,000 hundredths).
    """
    return [
        {
            "participant": participant,
            "month": month(2025, m),
            "track": track,
            "payroll": 210_000,
            "fees": 2_500,
            "lks": 90_000,
            "guidance_hours": 1_667 if m <= 8 else 1_666,
            "norm": norm_2025(m),
        }
        for m in range(1, 13)
    ]


# -- one participant, a whole year ------------------------------------------------------


def test_single_participant_year_in_basisbaan_doorstroom() -> None:
    result = compute(make_rows(year_in_basisbaan()), assumptions(), NO_OVERHEADS)
    line = result.total
    assert line.participant_months == 12
    assert line.payroll == 2_520_000  # 12 × 210,000
    assert line.fees == 30_000  # 12 × 2,500
    assert line.lks == 1_080_000  # 12 × 90,000
    # 8 × 1,667 × 75 + 4 × 1,666 × 75 = 1,000,200 + 499,800 = 1,500,000 (200 h × EUR 75)
    assert line.guidance == 1_500_000
    assert line.gross_cost == 4_050_000  # 2,520,000 + 30,000 + 1,500,000
    # Across the 1 July step: 6 × 134,545 + 6 × 136,906 = 807,270 + 821,436
    assert line.assistance_saved_gross == 1_628_706
    # 10 % deadweight per row: 134,545 × 0.9 = 121,090.5 -> 121,091;
    # 136,906 × 0.9 = 123,215.4 -> 123,215; 6 × 121,091 + 6 × 123,215 = 726,546 + 739,290
    assert line.assistance_saved_net == 1_465_836
    assert line.execution_saved_gross == 288_300  # 12 × 2,883 / 12 = 12 × 24,025
    # 24,025 × 0.9 = 21,622.5 -> 21,623; × 12
    assert line.execution_saved_net == 259_476
    assert line.net_cost_gross_effect == 2_132_994  # 4,050,000 − 1,628,706 − 288,300
    assert line.net_cost == 2_324_688  # 4,050,000 − 1,465,836 − 259,476
    assert line.deadweight_correction == 191_694  # 2,324,688 − 2,132,994
    # General fund: 4,050,000 − LKS 1,080,000 − execution 259,476; BUIG: LKS − 1,465,836
    assert line.general_fund == 2_710_524
    assert line.buig == -385_836
    assert line.general_fund_gross_effect == 2_681_700  # 4,050,000 − 1,080,000 − 288,300
    assert line.buig_gross_effect == -548_706  # 1,080,000 − 1,628,706
    assert result.net_cost_per_participant_year == 2_324_688  # 12 months = one year
    assert result.net_cost_per_placement(1) == 2_324_688
    assert result.net_cost_per_placement(7) == 332_098  # 2,324,688 / 7 = 332,098.29
    assert result.payback_years is None  # no month after an exit to work


def test_single_participant_year_in_basisbaan_eindbaan_has_no_deadweight() -> None:
    result = compute(make_rows(year_in_basisbaan(track=EINDBAAN)), assumptions(), NO_OVERHEADS)
    line = result.total
    assert line.assistance_saved_net == line.assistance_saved_gross == 1_628_706
    assert line.execution_saved_net == line.execution_saved_gross == 288_300
    assert line.net_cost == line.net_cost_gross_effect == 2_132_994
    assert result.track_totals[EINDBAAN] == line
    assert result.track_totals[EINDBAAN].net_cost == 2_132_994
    assert result.track_totals[DOORSTROOM].net_cost == 0
    assert result.track_totals[DOORSTROOM].participant_months == 0


def test_year_line_per_year_and_participant_totals() -> None:
    specs = year_in_basisbaan()
    # Two months of 2026 after an exit to work, no assistance, same norm given.
    specs += [
        {"month": month(2026, m), "state": WORK, "norm": SINGLE_H2, "track": DOORSTROOM}
        for m in (1, 2)
    ]
    result = compute(make_rows(specs), assumptions(), NO_OVERHEADS)
    assert [line.year for line in result.years] == [2025, 2026]
    first, second = result.years
    assert first.net_cost == 2_324_688  # as above
    # 2026: 2 × (123,215 + 21,623) = 289,676 saved net, no cost
    assert second.assistance_saved_net == 246_430  # 2 × 123,215
    assert second.execution_saved_net == 43_246  # 2 × 21,623
    assert second.net_cost == -289_676
    assert second.participant_months == 0
    assert result.total.net_cost == 2_035_012  # 2,324,688 − 289,676
    people = result.participants
    assert people.cost.tolist() == [4_050_000]
    assert people.savings_net.tolist() == [2_014_988]  # 1,465,836 + 259,476 + 289,676
    assert people.net_cost.tolist() == [2_035_012]
    assert people.lks.tolist() == [1_080_000]
    assert people.basisbaan_months.tolist() == [12]


# -- households ------------------------------------------------------------------------


def test_couple_and_single_parent_use_the_norm_the_caller_gives() -> None:
    """June and July 2025 for a couple (participant 0) and a single parent (1), eindbaan."""
    specs = [
        {"participant": 0, "month": month(2025, m), "norm": norm_2025(m, couple=True)}
        for m in (6, 7)
    ] + [{"participant": 1, "month": month(2025, m), "norm": norm_2025(m)} for m in (6, 7)]
    for spec in specs:
        spec["track"] = EINDBAAN
    result = compute(make_rows(specs), assumptions(), NO_OVERHEADS)
    # couple: 192,207 + 195,580 = 387,787 and 2 × 24,025 execution = 48,050
    # single parent (the single norm): 134,545 + 136,906 = 271,451 and 48,050
    assert result.participants.savings_net.tolist() == [435_837, 319_501]
    assert result.total.assistance_saved_gross == 659_238  # 387,787 + 271,451


# -- partial assistance, other states ---------------------------------------------------


def test_partial_assistance_after_exit_known_and_unknown_amount() -> None:
    specs = [
        # Known: 400.00 still paid of 1,369.06: 136,906 − 40,000 = 96,906 saved.
        {"state": WORK, "month": month(2025, 8), "norm": SINGLE_H2, "partial_amount": 40_000},
        # Unknown: 30 % of 136,906 = 41,071.8 -> 41,072 still paid; 95,834 saved.
        {"state": WORK, "month": month(2025, 9), "norm": SINGLE_H2, "partial_amount": -1},
        # More paid than the norm: never below 0.
        {"state": WORK, "month": month(2025, 10), "norm": SINGLE_H2, "partial_amount": 150_000},
        # The full benefit again: nothing saved.
        {"state": WORK, "month": month(2025, 11), "norm": SINGLE_H2, "assistance": 2},
    ]
    for spec in specs[:3]:
        spec["assistance"] = Assistance.PARTIAL
    for spec in specs:
        spec["track"] = EINDBAAN
    line = compute(make_rows(specs), assumptions(), NO_OVERHEADS).total
    assert line.assistance_saved_gross == 192_740  # 96,906 + 95,834 + 0 + 0
    # A partial benefit still has to be executed: no execution saved in any month.
    assert line.execution_saved_gross == 0
    assert line.net_cost == -192_740


def test_other_after_and_not_on_assistance_give_nothing() -> None:
    specs = [
        {"state": OTHER, "month": month(2025, 3), "norm": SINGLE_H1},
        {"state": OTHER, "month": month(2025, 4), "norm": SINGLE_H1, "assistance": 1},
        # In the basisbaan but not on assistance before: costs, no savings.
        {"participant": 1, "month": month(2025, 3), "norm": SINGLE_H1, "payroll": 200_000,
         "was_on_assistance": 0},
        {"participant": 1, "state": WORK, "month": month(2025, 4), "norm": SINGLE_H1,
         "was_on_assistance": 0},
    ]  # fmt: skip
    result = compute(make_rows(specs), assumptions(), NO_OVERHEADS)
    line = result.total
    assert line.assistance_saved_gross == line.execution_saved_gross == 0
    assert line.net_cost == 200_000
    assert result.participants.net_cost.tolist() == [0, 200_000]
    assert result.participants.basisbaan_months.tolist() == [0, 1]


def test_a_cost_given_on_an_other_after_month_still_counts() -> None:
    specs = [{"state": OTHER, "month": month(2025, 5), "norm": SINGLE_H1, "fees": 1_000}]
    line = compute(make_rows(specs), assumptions(), NO_OVERHEADS).total
    assert (line.gross_cost, line.net_cost, line.participant_months) == (1_000, 1_000, 0)


# -- overheads -------------------------------------------------------------------------


def test_allocate_is_exact_largest_remainder() -> None:
    # 10 over three equal cells: 3, 3, 3 and one left: ties go to the lowest index.
    assert allocate(10, np.array([1, 1, 1], dtype=np.int64)).tolist() == [4, 3, 3]
    # 100 × 2/3 = 66.67, 100 × 1/3 = 33.33: 66 + 33, the cent left to the larger remainder.
    assert allocate(100, np.array([0, 2, 1], dtype=np.int64)).tolist() == [0, 67, 33]
    assert allocate(7, np.array([0, 0], dtype=np.int64)).tolist() == [0, 0]
    assert allocate(0, np.array([5], dtype=np.int64)).tolist() == [0]


def test_overheads_allocated_by_basisbaan_months_and_kept_at_programme_level() -> None:
    specs = [{"participant": 0, "month": month(2025, m)} for m in range(1, 10)]
    specs += [{"participant": 1, "month": month(2025, m), "track": EINDBAAN} for m in (1, 2, 3)]
    # Participant 1 after the exit: not a basisbaan month, gets no overhead.
    specs += [{"participant": 1, "month": month(2025, 4), "state": WORK, "track": EINDBAAN}]
    for spec in specs:
        spec["was_on_assistance"] = 0  # only the overheads here
    overheads = Overheads(
        research={2025: 100_000, 2026: 50_000},  # 2026: no basisbaan months at all
        other={2025: 10},
    )
    result = compute(make_rows(specs), assumptions(), overheads)
    # research 2025: 100,000 × 9/12 = 75,000 and × 3/12 = 25,000
    # other 2025: 10 × 9/12 = 7.5, 10 × 3/12 = 2.5: 7 + 2, the tie goes to participant 0
    assert result.participants.cost.tolist() == [75_008, 25_002]
    doorstroom, eindbaan = result.tracks
    assert [line.year for line in doorstroom] == [2025, 2026]
    assert (doorstroom[0].research, doorstroom[0].other) == (75_000, 8)
    assert (eindbaan[0].research, eindbaan[0].other) == (25_000, 2)
    assert doorstroom[1].research == eindbaan[1].research == 0
    year_2025, year_2026 = result.years
    assert (year_2025.research, year_2025.other) == (100_000, 10)
    assert year_2026.research == year_2026.gross_cost == year_2026.net_cost == 50_000
    assert result.total.research == 150_000
    assert result.total.gross_cost == 150_010
    assert result.total.participant_months == 12
    # 150,010 over 12 basisbaan months = one participant-year
    assert result.net_cost_per_participant_year == 150_010


# -- who pays, waterfall -----------------------------------------------------------------


def test_waterfall_adds_up_to_net_cost() -> None:
    result = compute(make_rows(year_in_basisbaan()), assumptions(), NO_OVERHEADS)
    steps = waterfall(result)
    assert [code for code, _ in steps] == list(WATERFALL_STEPS)
    assert steps == [
        ("gross_cost", 4_050_000),
        ("lks_income", -1_080_000),
        ("lks_paid_by_buig", 1_080_000),
        ("assistance_saved_gross", -1_628_706),
        ("execution_saved_gross", -288_300),
        ("deadweight_correction", 191_694),  # (1,628,706 − 1,465,836) + (288,300 − 259,476)
        ("net_cost", 2_324_688),
    ]
    assert sum(cents for _, cents in steps[:-1]) == steps[-1][1]


def test_lks_not_programme_income_leaves_both_budget_lines() -> None:
    rows = make_rows(year_in_basisbaan())
    income = compute(rows, assumptions(), NO_OVERHEADS).total
    outside = compute(rows, assumptions(lks_is_programme_income=False), NO_OVERHEADS)
    line = outside.total
    assert line.general_fund == 3_790_524  # 4,050,000 − 259,476 (no LKS relief)
    assert line.buig == -1_465_836  # only the assistance saved
    assert line.general_fund == income.general_fund + 1_080_000
    assert line.buig == income.buig - 1_080_000
    # The municipality's total is the same: the LKS is a transfer between its budgets.
    assert line.general_fund + line.buig == income.general_fund + income.buig == line.net_cost
    assert line.lks == 1_080_000  # still reported
    assert dict(waterfall(outside))["lks_income"] == 0
    assert dict(waterfall(outside))["lks_paid_by_buig"] == 0


# -- key figures -------------------------------------------------------------------------


def test_per_participant_year_rounds_half_away_from_zero() -> None:
    assert per_participant_year(1_000_000, 7) == 1_714_286  # 12,000,000 / 7 = 1,714,285.71
    assert per_participant_year(-1_000_000, 7) == -1_714_286
    assert per_participant_year(1, 24) == 1  # 12 / 24 = 0.5 -> 1
    assert per_participant_year(5, 0) is None


def test_net_cost_per_placement_refuses_no_placements() -> None:
    result = compute(make_rows(year_in_basisbaan()), assumptions(), NO_OVERHEADS)
    with pytest.raises(ValueError, match="placements"):
        result.net_cost_per_placement(0)


def test_payback_years() -> None:
    specs = year_in_basisbaan()
    specs += [{"month": month(2026, m), "state": WORK, "norm": SINGLE_H2} for m in range(1, 13)]
    # A second participant exits to something else: not in the payback.
    specs += [{"participant": 1, "month": month(2025, 1), "payroll": 999_999}]
    specs += [{"participant": 1, "month": month(2025, 2), "state": OTHER}]
    result = compute(make_rows(specs), assumptions(), NO_OVERHEADS)
    # Net cost during the basisbaan of the participant who went to work: 2,324,688.
    # Saved per month after: 123,215 + 21,623 = 144,838 (doorstroom, 10 %); a year: × 12.
    assert result.payback_years == Fraction(2_324_688, 144_838 * 12)
    assert float(result.payback_years) == pytest.approx(1.3375, abs=1e-4)


def test_payback_none_when_work_months_save_nothing() -> None:
    specs = year_in_basisbaan()
    specs += [{"month": month(2026, 1), "state": WORK, "norm": SINGLE_H2, "assistance": 2}]
    assert compute(make_rows(specs), assumptions(), NO_OVERHEADS).payback_years is None


def test_payback_zero_when_the_basisbaan_already_saved_more_than_it_cost() -> None:
    specs = [{"month": month(2025, 1), "norm": SINGLE_H1}]  # no cost, saves the norm
    specs += [{"month": month(2025, 2), "state": WORK, "norm": SINGLE_H1}]
    assert compute(make_rows(specs), assumptions(), NO_OVERHEADS).payback_years == 0


# -- sensitivity -------------------------------------------------------------------------


def test_sensitivity_two_deadweights_two_factors() -> None:
    rows = make_rows(year_in_basisbaan())
    overheads = Overheads(research={2025: 120_000}, other={})
    table = sensitivity(rows, assumptions(), overheads, [0, 200_000], [PPM, 1_500_000])
    # Fixed: payroll 2,520,000 + fees 30,000 + research 120,000 = 2,670,000.
    # Guidance × 1.5: 1,667 × 1.5 × 75 = 187,537.5 -> 187,538; 1,666 × 1.5 × 75 = 187,425;
    #   8 × 187,538 + 4 × 187,425 = 1,500,304 + 749,700 = 2,250,004. × 1.0: 1,500,000.
    # Saved, deadweight 0: 1,628,706 + 288,300 = 1,917,006.
    # Saved, deadweight 20 %: 134,545 × 0.8 = 107,636; 136,906 × 0.8 = 109,524.8 -> 109,525;
    #   6 × 107,636 + 6 × 109,525 = 1,302,966; 24,025 × 0.8 = 19,220, × 12 = 230,640;
    #   1,302,966 + 230,640 = 1,533,606. 12 basisbaan months: per year = the total.
    assert table == {
        (0, PPM): 2_252_994,  # 2,670,000 + 1,500,000 − 1,917,006
        (0, 1_500_000): 3_002_998,  # 2,670,000 + 2,250,004 − 1,917,006
        (200_000, PPM): 2_636_394,  # 2,670,000 + 1,500,000 − 1,533,606
        (200_000, 1_500_000): 3_386_398,  # 2,670,000 + 2,250,004 − 1,533,606
    }


def test_sensitivity_applies_the_deadweight_to_both_tracks() -> None:
    specs = year_in_basisbaan(track=EINDBAAN)  # eindbaan: 0 in the assumptions
    table = sensitivity(make_rows(specs), assumptions(), NO_OVERHEADS, [200_000], [PPM])
    # 2,550,000 + 1,500,000 − 1,533,606 (20 % deadweight, as on doorstroom above)
    assert table == {(200_000, PPM): 2_516_394}


# -- validation ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("state", 3),
        ("track", 2),
        ("assistance", -1),
        ("payroll", -1),
        ("norm", -5),
        ("partial_amount", -2),
        ("was_on_assistance", 2),
        ("participant", -1),
        ("guidance_hours", 74_401),
    ],
)
def test_out_of_range_values_are_refused(column: str, value: int) -> None:
    rows = make_rows([{column: value}])
    with pytest.raises(ValueError, match=column):
        compute(rows, assumptions(), NO_OVERHEADS)


def test_columns_of_different_lengths_are_refused() -> None:
    rows = make_rows([{}, {}])
    short = CaseRows(**{**{f: getattr(rows, f) for f in DEFAULTS}, "fees": np.zeros(1, np.int64)})
    with pytest.raises(ValueError, match="same length"):
        compute(short, assumptions(), NO_OVERHEADS)


def test_float_columns_are_refused() -> None:
    rows = make_rows([{}])
    floats = CaseRows(**{**{f: getattr(rows, f) for f in DEFAULTS}, "payroll": np.array([0.5])})
    with pytest.raises(TypeError):
        compute(floats, assumptions(), NO_OVERHEADS)


@pytest.mark.parametrize(
    "changes",
    [
        {"deadweight_ppm": (PPM + 1, 0)},
        {"deadweight_ppm": (0,)},
        {"partial_share_ppm": -1},
        {"guidance_rate": -1},
        {"execution_cost_year": -1},
        {"guidance_factor_ppm": 10 * PPM + 1},
    ],
)
def test_assumptions_out_of_range_are_refused(changes: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        assumptions(**changes)


def test_negative_overhead_is_refused() -> None:
    with pytest.raises(ValueError):
        Overheads(research={2025: -1}, other={})


def test_amounts_at_the_limits_stay_exact() -> None:
    """The largest allowed inputs do not overflow int64 anywhere."""
    top = 10_000_000_000  # MAX_MONTHLY_CENTS
    spec = {"payroll": top, "fees": top, "lks": top, "norm": top, "guidance_hours": 74_400}
    rows = make_rows([dict(spec, month=month(2025, m)) for m in (1, 2, 3)])
    assumed = assumptions(
        guidance_rate=1_000_000,
        guidance_factor_ppm=10 * PPM,
        execution_cost_year=12 * top,
        deadweight_ppm=(1, 1),
    )
    overheads = Overheads(research={2025: 10**12}, other={2025: 10**12})
    line = compute(rows, assumed, overheads).total
    # guidance per month: 74,400 × 10 × 1,000,000 / 100 = 7,440,000,000
    assert line.guidance == 3 * 7_440_000_000
    assert line.gross_cost == 3 * (2 * top + 7_440_000_000) + 2 * 10**12
    # net per month: 10**10 × 999,999 / 1,000,000 = 9,999,990,000 (assistance and execution)
    assert line.net_cost == line.gross_cost - 6 * 9_999_990_000


def test_no_rows_gives_zero_lines() -> None:
    result = compute(make_rows([]), assumptions(), Overheads(research={2025: 500}, other={}))
    assert result.total.net_cost == 500
    assert result.net_cost_per_participant_year is None
    assert result.participants.cost.tolist() == []


def test_input_arrays_are_not_changed() -> None:
    rows = make_rows(year_in_basisbaan())
    before = {name: getattr(rows, name).copy() for name in DEFAULTS}
    compute(rows, assumptions(), Overheads(research={2025: 999}, other={}))
    sensitivity(rows, assumptions(), NO_OVERHEADS, [100_000], [2 * PPM])
    for name, values in before.items():
        assert np.array_equal(getattr(rows, name), values), name


# -- properties ------------------------------------------------------------------------


@st.composite
def random_rows(draw: st.DrawFn) -> dict[str, int]:
    assistance = draw(st.sampled_from(list(Assistance)))
    return {
        "participant": draw(st.integers(0, 4)),
        "month": month(2025, 1) + draw(st.integers(0, 30)),
        "track": draw(st.integers(0, 1)),
        "state": draw(st.sampled_from(list(State))),
        "payroll": draw(st.integers(0, 400_000)),
        "fees": draw(st.integers(0, 10_000)),
        "lks": draw(st.integers(0, 200_000)),
        "guidance_hours": draw(st.integers(0, 5_000)),
        "norm": draw(st.sampled_from([SINGLE_H1, SINGLE_H2, COUPLE_H1, COUPLE_H2, 0])),
        "assistance": assistance,
        "partial_amount": draw(st.one_of(st.just(-1), st.integers(0, 250_000))),
        "was_on_assistance": draw(st.integers(0, 1)),
    }


ppm = st.integers(0, PPM)
overhead = st.dictionaries(st.integers(2024, 2028), st.integers(0, 5_000_000), max_size=3)
random_assumptions = st.builds(
    Assumptions,
    guidance_rate=st.integers(0, 20_000),
    execution_cost_year=st.integers(0, 1_000_000),
    deadweight_ppm=st.tuples(ppm, ppm),
    partial_share_ppm=ppm,
    lks_is_programme_income=st.booleans(),
    guidance_factor_ppm=st.integers(0, 3 * PPM),
)


def line_values(line: YearLine) -> list[int]:
    return [getattr(line, name) for name in SUMMED]


def check_line(line: YearLine) -> None:
    savings_net = line.assistance_saved_net + line.execution_saved_net
    assert line.general_fund + line.buig == line.gross_cost - savings_net == line.net_cost
    savings_gross = line.assistance_saved_gross + line.execution_saved_gross
    assert line.general_fund_gross_effect + line.buig_gross_effect == line.net_cost_gross_effect
    assert line.net_cost_gross_effect == line.gross_cost - savings_gross
    assert line.gross_cost == (
        line.payroll + line.fees + line.guidance + line.research + line.other
    )
    assert 0 <= line.assistance_saved_net <= line.assistance_saved_gross
    assert 0 <= line.execution_saved_net <= line.execution_saved_gross


def check_result(result: Result, overheads: Overheads) -> None:
    for line in (*result.years, result.total, *result.track_totals):
        check_line(line)
    for track in result.tracks:
        for line in track:
            check_line(line)
    # The year lines are the two tracks plus the overheads of years without basisbaan months.
    for i, line in enumerate(result.years):
        tracks = np.add(line_values(result.tracks[0][i]), line_values(result.tracks[1][i]))
        rest = np.subtract(line_values(line), tracks)
        research, other = SUMMED.index("research"), SUMMED.index("other")
        assert all(v == 0 for j, v in enumerate(rest) if j not in (research, other))
        if line.participant_months:
            assert rest[research] == rest[other] == 0
    by_year = [line_values(line) for line in result.years]
    summed = [sum(column) for column in zip(*by_year, strict=True)] or [0] * len(SUMMED)
    assert summed == line_values(result.total)
    total_overhead = sum(overheads.research.values()) + sum(overheads.other.values())
    assert result.total.research + result.total.other == total_overhead
    # The participants add up to the tracks (allocated overheads included).
    people, tracks_total = result.participants, result.track_totals
    track_cost = sum(t.payroll + t.fees + t.guidance + t.research + t.other for t in tracks_total)
    assert int(people.cost.sum()) == track_cost
    assert int(people.savings_net.sum()) == result.total.assistance_saved_net + (
        result.total.execution_saved_net
    )
    assert int(people.basisbaan_months.sum()) == result.total.participant_months
    steps = waterfall(result)
    assert sum(cents for _, cents in steps[:-1]) == steps[-1][1] == result.total.net_cost


@settings(max_examples=200, deadline=None)
@given(
    specs=st.lists(random_rows(), max_size=40),
    assumed=random_assumptions,
    research=overhead,
    other=overhead,
)
def test_property_who_pays_adds_up_and_lks_cancels(
    specs: list[dict[str, int]],
    assumed: Assumptions,
    research: dict[int, int],
    other: dict[int, int],
) -> None:
    overheads = Overheads(research=research, other=other)
    result = compute(make_rows(specs), assumed, overheads)
    check_result(result, overheads)


@settings(max_examples=200, deadline=None)
@given(
    specs=st.lists(random_rows(), min_size=1, max_size=40),
    assumed=random_assumptions,
    research=overhead,
    deadweights=st.lists(ppm, min_size=1, max_size=3),
    factors=st.lists(st.integers(0, 3 * PPM), min_size=1, max_size=3),
)
def test_property_sensitivity_equals_compute(
    specs: list[dict[str, int]],
    assumed: Assumptions,
    research: dict[int, int],
    deadweights: list[int],
    factors: list[int],
) -> None:
    rows = make_rows(specs)
    overheads = Overheads(research=research, other={})
    table = sensitivity(rows, assumed, overheads, deadweights, factors)
    for deadweight in deadweights:
        for factor in factors:
            changed = Assumptions(
                guidance_rate=assumed.guidance_rate,
                execution_cost_year=assumed.execution_cost_year,
                deadweight_ppm=(deadweight, deadweight),
                partial_share_ppm=assumed.partial_share_ppm,
                lks_is_programme_income=assumed.lks_is_programme_income,
                guidance_factor_ppm=factor,
            )
            expected = compute(rows, changed, overheads).net_cost_per_participant_year
            assert table[deadweight, factor] == expected


@settings(max_examples=200, deadline=None)
@given(
    specs=st.lists(random_rows(), max_size=40),
    assumed=random_assumptions,
    research=overhead,
    seed=st.integers(0, 2**32 - 1),
)
def test_property_row_order_does_not_matter(
    specs: list[dict[str, int]], assumed: Assumptions, research: dict[int, int], seed: int
) -> None:
    """Sorted rows (as the database gives them) and shuffled rows give the same figures."""
    overheads = Overheads(research=research, other={})
    ordered = sorted(specs, key=lambda spec: (spec["participant"], spec["month"]))
    shuffled = list(ordered)
    np.random.default_rng(seed).shuffle(shuffled)  # type: ignore[arg-type]
    first = compute(make_rows(ordered), assumed, overheads)
    second = compute(make_rows(shuffled), assumed, overheads)
    assert (first.years, first.total, first.tracks) == (second.years, second.total, second.tracks)
    assert first.payback_years == second.payback_years
    for name in ("cost", "lks", "savings_net", "net_cost", "basisbaan_months"):
        assert np.array_equal(getattr(first.participants, name), getattr(second.participants, name))


@settings(max_examples=200, deadline=None)
@given(amount=st.integers(0, 10**12), weights=st.lists(st.integers(0, 1_000), max_size=30))
def test_property_allocate_adds_up_and_stays_within_a_cent(amount: int, weights: list[int]) -> None:
    array = np.array(weights, dtype=np.int64)
    share = allocate(amount, array)
    total = sum(weights)
    if total == 0:
        assert not share.any()
        return
    assert int(share.sum()) == amount
    for cents, weight in zip(share.tolist(), weights, strict=True):
        exact = Fraction(amount * weight, total)
        assert exact - 1 < cents < exact + 1


# -- purity ----------------------------------------------------------------------------


@pytest.mark.parametrize("module", [bc, bc_rows])
def test_module_imports_no_django(module: Any) -> None:
    tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    assert "numpy" in names  # the walk sees the imports
    assert not {name for name in names if name.split(".")[0] == "django"}
    assert all(name.startswith("basisbaan.calc") for name in names if name.startswith("basisbaan"))
