"""Building the cost model's input from the database (seeded parameter tables).

Hand-computed figures use the seeded premiums: 2024 fixed term, large employer
7.64 + 7.54 + 0.50 + 1.22 + 6.57 = 23.47 %; 2025 7.74 + 7.64 + 0.50 + 1.33 + 6.51 = 23.72 %.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest

from basisbaan.calc.costs import FundingLine, compute_costs, month_cost_of, sum_by_contract_year
from basisbaan.calc.fixed import PPM
from basisbaan.contracts.services import wage_value_record
from basisbaan.costs.inputs import CostSettings, build_cost_inputs
from basisbaan.parameters.services import parameter_value_set
from tests.factories import ContractFactory, ContractPeriodFactory

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal


def contract_with(municipality, periods, **contract):
    """A contract with ``periods`` = [(start, end, hours, wage), ...].

    The participant is an adult on every date used here (born 1980), unless the
    test gives a birth date: a random one could make them a youth in 2023.
    """
    contract.setdefault("participant__date_of_birth", D(1980, 5, 17))
    made = ContractFactory(participant__programme__municipality=municipality, **contract)
    for sequence, (start, end, hours, wage) in enumerate(periods, 1):
        ContractPeriodFactory(
            contract=made,
            sequence=sequence,
            start_date=start,
            end_date=end,
            hours_per_week=E(hours),
            hourly_wage=E(wage),
        )
    return made


FIRST_YEAR = [
    (D(2024, 7, 16), D(2024, 12, 31), "32.0", "13.68"),
    (D(2025, 1, 1), D(2025, 6, 30), "32.0", "14.06"),
]


def test_periods_become_calendar_months_with_each_years_figures(municipality):
    """July 2024 from the 16th: 13.68 × 32 × 52/12 = 1,896.96 a full month;
    16/31 of gross 1,896.96, holiday 151.76 and charges 23.47 % × 2,048.72 = 480.83
    gives 979.08 + 78.33 + 248.17 = 1,305.58.
    January 2025: 14.06 × 32 × 52/12 = 1,949.6533 -> 1,949.65; 8 % = 155.972 -> 155.97;
    charges 23.72 % × 2,105.62 = 499.453064 -> 499.45; total 2,605.07.
    """
    contract = contract_with(municipality, FIRST_YEAR)
    built = build_cost_inputs(municipality=municipality, start=D(2024, 1, 1), end=D(2025, 12, 31))
    x = built.inputs
    assert len(built) == 12
    assert built.contract_ids.tolist() == [contract.pk]
    assert list(zip(x.year.tolist(), x.month.tolist(), strict=True))[:2] == [(2024, 7), (2024, 8)]
    assert (int(x.days[0]), int(x.days_in_month[0])) == (16, 31)
    assert x.charges_ppm.tolist() == [234_700] * 6 + [237_200] * 6
    assert x.holiday_ppm.tolist() == [80_000] * 12
    assert x.max_premium_wage.tolist() == [7_162_800] * 6 + [7_586_400] * 6
    costs = compute_costs(x)
    assert month_cost_of(costs, 0).total == E("1305.58")
    assert month_cost_of(costs, 6).total == E("2605.07")
    assert not built.assumed.any()
    assert built.assumptions == {}
    totals = sum_by_contract_year(x, costs)
    assert totals.year.tolist() == [2024, 2025]


def test_the_window_clips_the_periods(municipality):
    contract_with(municipality, FIRST_YEAR)
    built = build_cost_inputs(municipality=municipality, start=D(2024, 12, 10), end=D(2025, 1, 20))
    x = built.inputs
    assert list(zip(x.month.tolist(), x.days.tolist(), strict=True)) == [(12, 22), (1, 20)]


def test_few_queries_whatever_the_number_of_contracts(municipality, django_assert_num_queries):
    """Periods, wage lines and parameters; with LKS contracts also the wage-value
    measurements."""
    contract_with(municipality, FIRST_YEAR)
    with django_assert_num_queries(3):
        build_cost_inputs(municipality=municipality, start=D(2024, 1, 1), end=D(2025, 12, 31))
    contract_with(municipality, FIRST_YEAR, wage_subsidy=True)
    with django_assert_num_queries(4):
        two = build_cost_inputs(municipality=municipality, start=D(2024, 1, 1), end=D(2025, 12, 31))
    for _ in range(5):
        contract_with(municipality, FIRST_YEAR, wage_subsidy=True)
    with django_assert_num_queries(4):
        seven = build_cost_inputs(
            municipality=municipality, start=D(2024, 1, 1), end=D(2025, 12, 31)
        )
    assert (len(two), len(seven)) == (24, 84)
    assert len(seven.contract_ids) == 7


def test_no_contracts_one_query_and_no_rows(municipality, django_assert_num_queries):
    with django_assert_num_queries(1):
        built = build_cost_inputs(
            municipality=municipality, start=D(2024, 1, 1), end=D(2024, 12, 31)
        )
    assert len(built) == 0
    assert len(compute_costs(built.inputs)) == 0


def test_only_the_municipalitys_and_the_chosen_contracts(municipality, other_municipality):
    mine = contract_with(municipality, FIRST_YEAR)
    contract_with(municipality, FIRST_YEAR)
    contract_with(other_municipality, FIRST_YEAR)
    built = build_cost_inputs(
        municipality=municipality,
        start=D(2024, 1, 1),
        end=D(2025, 12, 31),
        contract_ids=[mine.pk],
    )
    assert built.contract_ids.tolist() == [mine.pk]
    assert len(built.rows_of(mine.pk)) == 12
    everything = build_cost_inputs(
        municipality=municipality, start=D(2024, 1, 1), end=D(2025, 12, 31)
    )
    assert len(everything.contract_ids) == 2


def test_wage_subsidy_with_a_wage_value(municipality):
    """July 2025, 32 h at 14.40, wage value 60 %: LKS 862.62 + 202.72 = 1,065.34 (see the
    unit test), paid from BUIG; the programme pays the rest of 2,668.07: 1,602.73."""
    contract = contract_with(
        municipality, [(D(2025, 7, 1), D(2025, 12, 31), "32", "14.40")], wage_subsidy=True
    )
    built = build_cost_inputs(
        municipality=municipality,
        start=D(2025, 7, 1),
        end=D(2025, 7, 31),
        wage_values={contract.pk: E("0.60")},
    )
    assert built.inputs.minimum_wage.tolist() == [1440]
    cost = month_cost_of(compute_costs(built.inputs), 0)
    assert (cost.lks, cost.funding_buig) == (E("1065.34"), E("1065.34"))
    assert cost.total == E("2668.07")
    assert cost.funding_programme == cost.budget_charge == E("1602.73")
    assert not built.wage_value_missing.any()


def test_wage_subsidy_without_a_wage_value_is_flagged_and_not_paid(municipality):
    contract_with(
        municipality, [(D(2025, 7, 1), D(2025, 12, 31), "32", "14.40")], wage_subsidy=True
    )
    built = build_cost_inputs(municipality=municipality, start=D(2025, 7, 1), end=D(2025, 8, 31))
    assert built.wage_value_missing.tolist() == [True, True]
    assert compute_costs(built.inputs).lks.tolist() == [0, 0]


def test_measured_wage_values_count_from_their_day(municipality, caseworker):
    """Measured 20 July 2025 at 60 %, again 10 September at 50 %: each counts from its
    own day, so July and September are cut there; 1-19 July has no value yet.
    An override for the contract beats the measurements.

    Whole months: July at 60 %: LKS wage part 862.62 + allowance 202.72 = 1,065.34 (see
    the unit test); September at 50 %: 32 h × 14.40 × 52/12 = 1,996.80 + 8 % = 2,156.54;
    × 0.5 = 1,078.27 + 23.5 % 253.39. Each part pro rata per calendar day, half up:
    20-31 July (12/31): 862.62 × 12/31 = 333.92 + 202.72 × 12/31 = 78.47 -> 412.39;
    1-9 September (9/30): 258.79 + 60.82 = 319.61;
    10-30 September (21/30): 754.79 + 177.37 = 932.16."""
    contract = contract_with(
        municipality, [(D(2025, 7, 1), D(2025, 10, 31), "32", "14.40")], wage_subsidy=True
    )
    participant = contract.participant
    for day, percentage in ((D(2025, 7, 20), "60"), (D(2025, 9, 10), "50")):
        wage_value_record(
            municipality=municipality,
            actor=caseworker,
            participant=participant,
            measured_on=day,
            percentage=E(percentage),
            assessor="R. de Boer",
        )
    built = build_cost_inputs(municipality=municipality, start=D(2025, 6, 1), end=D(2025, 12, 31))
    assert built.inputs.days.tolist() == [19, 12, 31, 9, 21, 31]
    assert built.inputs.wage_value_ppm.tolist() == [
        PPM,
        600_000,
        600_000,
        600_000,
        500_000,
        500_000,
    ]
    assert built.wage_value_missing.tolist() == [True, False, False, False, False, False]
    lks = compute_costs(built.inputs).lks.tolist()
    assert lks == [0, 41_239, 106_534, 31_961, 93_216, 133_166]

    early = build_cost_inputs(municipality=municipality, start=D(2025, 7, 1), end=D(2025, 7, 19))
    assert early.inputs.wage_value_ppm.tolist() == [PPM]
    assert early.wage_value_missing.tolist() == [True]
    whole_july = build_cost_inputs(
        municipality=municipality, start=D(2025, 7, 1), end=D(2025, 7, 31)
    )
    assert whole_july.first_day.astype(str).tolist() == ["2025-07-01", "2025-07-20"]
    assert whole_july.last_day.astype(str).tolist() == ["2025-07-19", "2025-07-31"]

    overridden = build_cost_inputs(
        municipality=municipality,
        start=D(2025, 7, 1),
        end=D(2025, 10, 31),
        wage_values={contract.pk: E("0.7")},
    )
    assert overridden.inputs.wage_value_ppm.tolist() == [700_000] * 4  # no cuts needed


def test_measurements_of_another_participant_do_not_count(municipality, caseworker):
    mine = contract_with(
        municipality, [(D(2025, 7, 1), D(2025, 7, 31), "32", "14.40")], wage_subsidy=True
    )
    other = contract_with(
        municipality, [(D(2025, 7, 1), D(2025, 7, 31), "32", "14.40")], wage_subsidy=True
    )
    wage_value_record(
        municipality=municipality,
        actor=caseworker,
        participant=other.participant,
        measured_on=D(2025, 1, 1),
        percentage=E("40"),
        assessor="R. de Boer",
    )
    built = build_cost_inputs(municipality=municipality, start=D(2025, 7, 1), end=D(2025, 7, 31))
    rows = {
        int(built.contract_ids[c]): (int(v), bool(m))
        for c, v, m in zip(
            built.inputs.contract,
            built.inputs.wage_value_ppm,
            built.wage_value_missing,
            strict=True,
        )
    }
    assert rows == {mine.pk: (PPM, True), other.pk: (400_000, False)}


def test_a_contract_recorded_as_permanent_pays_awf_low_from_its_date(municipality):
    """Fixed-term in the first half of 2025 (AWf high 7.74 %), permanent from 1 July
    (AWf low 2.74 %): 23.72 % and then 18.72 % with a large employer."""
    contract = contract_with(
        municipality,
        [
            (D(2025, 1, 1), D(2025, 6, 30), "32", "14.06"),
            (D(2025, 7, 1), D(2025, 12, 31), "32", "14.40"),
        ],
        is_permanent=True,
        permanent_from=D(2025, 7, 1),
    )
    built = build_cost_inputs(municipality=municipality, start=D(2025, 6, 1), end=D(2025, 7, 31))
    assert built.inputs.charges_ppm.tolist() == [237_200, 187_200]
    assert contract.pk in built.contract_ids


def test_programme_settings_and_permanent_contracts(municipality):
    """2025, 36 h at 14.40, small employer, permanent, pension 10 %, fee 50.00:
    2,246.40 + 179.71 + charges 17.36 % × 2,426.11 = 421.17 + pension 242.61 + fee 50.00
    = 3,139.89 (see the unit test)."""
    contract = contract_with(municipality, [(D(2025, 3, 1), D(2025, 8, 31), "36", "14.40")])
    programme_id = contract.participant.programme_id
    built = build_cost_inputs(
        municipality=municipality,
        start=D(2025, 3, 1),
        end=D(2025, 3, 31),
        settings={
            programme_id: CostSettings(
                pension_rate=E("0.10"),
                monitoring_fee=E("50"),
                large_employer=False,
                budget_lines=FundingLine.BUIG,
            )
        },
        permanent_contract_ids={contract.pk},
    )
    x = built.inputs
    assert x.charges_ppm.tolist() == [173_600]
    assert x.budget_lines.tolist() == [int(FundingLine.PROGRAMME | FundingLine.BUIG)]
    assert month_cost_of(compute_costs(x), 0).total == E("3139.89")


def test_government_employer_pays_ufo(municipality):
    contract = contract_with(municipality, [(D(2025, 3, 1), D(2025, 8, 31), "36", "14.40")])
    built = build_cost_inputs(
        municipality=municipality,
        start=D(2025, 3, 1),
        end=D(2025, 3, 31),
        default_settings=CostSettings(government_employer=True),
    )
    assert contract.pk in built.contract_ids
    assert built.inputs.charges_ppm.tolist() == [237_200 + 6_800]


def test_months_past_the_known_figures_are_marked_as_assumptions(municipality):
    """Premiums are known for 2026; January 2027 is past the expected yearly change.
    The minimum wage is known from 1 January 2026; July 2026 is an assumption, but
    only a contract with LKS uses it."""
    plain = contract_with(municipality, [(D(2026, 6, 1), D(2027, 1, 31), "32", "15.00")])
    subsidised = contract_with(
        municipality, [(D(2026, 6, 1), D(2027, 1, 31), "32", "15.00")], wage_subsidy=True
    )
    built = build_cost_inputs(
        municipality=municipality,
        start=D(2026, 6, 1),
        end=D(2027, 1, 31),
        wage_values={subsidised.pk: E("0.5")},
        indexation={"minimum_wage_hourly": E("0.02")},
    )
    plain_rows = built.rows_of(plain.pk)
    lks_rows = built.rows_of(subsidised.pk)
    assert [built.assumed[i] for i in plain_rows] == [False] * 7 + [True]
    assert [built.assumed[i] for i in lks_rows] == [False] + [True] * 7
    assert "awf_high" in built.assumptions[(2027, 1)]
    assert "minimum_wage_38" in built.assumptions[(2026, 7)]
    assert "awf_high" not in built.assumptions[(2026, 7)]
    # 14.71 indexed by 2 % once in July 2026: 15.0042 -> 15.00; twice in January 2027:
    # 14.71 × 1.0404 = 15.304284 -> 15.30. The contract without LKS needs no minimum wage.
    assert built.inputs.minimum_wage[lks_rows].tolist() == [1471] + [1500] * 6 + [1530]
    assert built.inputs.minimum_wage[plain_rows].tolist() == [0] * 8


def test_a_value_entered_as_an_assumption_is_marked(municipality, national_admin):
    parameter_value_set(
        actor=national_admin,
        key="whk",
        effective_date=D(2026, 1, 1),
        value=E("0.0160"),
        source="",
        is_assumption=True,
    )
    contract_with(municipality, [(D(2025, 12, 1), D(2026, 1, 31), "32", "14.71")])
    built = build_cost_inputs(municipality=municipality, start=D(2025, 12, 1), end=D(2026, 1, 31))
    assert built.assumed.tolist() == [False, True]
    assert built.assumptions == {(2026, 1): ("whk",)}


def test_youth_minimum_wage_rises_on_the_birthday(municipality):
    """Born 10 March 2005: 19 until 9 March 2025 (60 %), 20 from 10 March (80 %):
    March is cut on the birthday. 14.06 × 0.60 = 8.436 -> 8.44; × 0.80 = 11.248 -> 11.25."""
    contract = contract_with(
        municipality,
        [(D(2025, 3, 1), D(2025, 4, 30), "32", "14.06")],
        wage_subsidy=True,
        participant__date_of_birth=D(2005, 3, 10),
    )
    built = build_cost_inputs(
        municipality=municipality,
        start=D(2025, 3, 1),
        end=D(2025, 4, 30),
        wage_values={contract.pk: E("0.5")},
    )
    assert built.inputs.minimum_wage.tolist() == [844, 1125, 1125]
    assert built.inputs.days.tolist() == [9, 22, 30]


def test_before_2024_the_minimum_wage_follows_the_fulltime_week(municipality):
    contract = contract_with(
        municipality, [(D(2023, 7, 1), D(2023, 12, 31), "32", "13.00")], wage_subsidy=True
    )
    programme_id = contract.participant.programme_id
    by_week = {}
    for week in (36, 38, 40, 37):
        built = build_cost_inputs(
            municipality=municipality,
            start=D(2023, 7, 1),
            end=D(2023, 7, 31),
            settings={programme_id: CostSettings(fulltime_hours=week)},
            wage_values={contract.pk: E("0.5")},
        )
        by_week[week] = int(built.inputs.minimum_wage[0])
    # 37 is not a published week length: the 38-hour amount.
    assert by_week == {36: 1279, 38: 1212, 40: 1151, 37: 1212}


def test_a_month_before_the_first_known_figure_is_refused(municipality):
    contract_with(municipality, [(D(2022, 11, 1), D(2023, 2, 28), "32", "12.00")])
    with pytest.raises(LookupError):
        build_cost_inputs(municipality=municipality, start=D(2022, 1, 1), end=D(2023, 12, 31))


def test_rows_are_in_contract_and_date_order(municipality):
    second = contract_with(municipality, FIRST_YEAR)
    first = contract_with(municipality, FIRST_YEAR)
    built = build_cost_inputs(municipality=municipality, start=D(2024, 1, 1), end=D(2025, 12, 31))
    key = built.inputs.contract * 10_000 + built.inputs.year * 12 + built.inputs.month
    assert np.all(np.diff(key) > 0)
    assert sorted([first.pk, second.pk]) == built.contract_ids.tolist()
