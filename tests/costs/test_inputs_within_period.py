"""Issue 18: what changes within a period is costed from its day (wage lines,
permanent by law mid-period), with hand-computed amounts."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as E

import pytest

from basisbaan.calc.costs import compute_costs
from basisbaan.contracts.models import ContractWageLine
from basisbaan.costs.inputs import build_cost_inputs
from basisbaan.parameters.selectors import parameter_value
from tests.factories import ContractFactory, ContractPeriodFactory

pytestmark = pytest.mark.django_db
D = dt.date


def one_period(municipality, start, end, wage="14.71", **contract):
    contract.setdefault("participant__date_of_birth", D(1980, 5, 17))
    made = ContractFactory(participant__programme__municipality=municipality, **contract)
    period = ContractPeriodFactory(
        contract=made,
        sequence=1,
        start_date=start,
        end_date=end,
        hours_per_week=E("32"),
        hourly_wage=E(wage),
    )
    return made, period


def line(period, day, wage):
    return ContractWageLine.objects.create(
        municipality_id=period.municipality_id, period=period, start_date=day, hourly_wage=E(wage)
    )


def test_a_wage_line_on_1_july_costs_the_new_wage_from_july(municipality):
    """14.71 until June, 15.00 from 1 July: no month is cut. July's gross:
    15.00 × 32 × 52/12 = 2,080.00; June's: 14.71 × 32 × 52/12 = 2,039.79 (2,039.7867)."""
    _contract, period = one_period(municipality, D(2026, 1, 1), D(2026, 12, 31))
    line(period, D(2026, 7, 1), "15.00")
    built = build_cost_inputs(municipality=municipality, start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert built.inputs.hourly_wage.tolist() == [1471] * 6 + [1500] * 6
    gross = compute_costs(built.inputs).gross.tolist()
    assert (gross[5], gross[6]) == (203_979, 208_000)


def test_a_wage_line_mid_month_cuts_the_month(municipality):
    """15.00 from 16 March: 1-15 March at 14.71, 16-31 March at 15.00, each pro rata:
    2,039.79 × 15/31 = 986.995 -> 987.00; 2,080.00 × 16/31 = 1,073.548 -> 1,073.55."""
    _contract, period = one_period(municipality, D(2026, 1, 1), D(2026, 6, 30))
    line(period, D(2026, 3, 16), "15.00")
    built = build_cost_inputs(municipality=municipality, start=D(2026, 3, 1), end=D(2026, 3, 31))
    assert built.inputs.days.tolist() == [15, 16]
    assert built.inputs.hourly_wage.tolist() == [1471, 1500]
    assert compute_costs(built.inputs).gross.tolist() == [98_700, 107_355]
    assert built.period_ids.tolist() == [period.pk, period.pk]


def test_two_lines_and_a_line_outside_the_window(municipality):
    _contract, period = one_period(municipality, D(2026, 1, 1), D(2026, 12, 31))
    line(period, D(2026, 4, 10), "15.00")
    line(period, D(2026, 4, 20), "15.50")
    line(period, D(2026, 9, 1), "16.00")
    built = build_cost_inputs(municipality=municipality, start=D(2026, 4, 1), end=D(2026, 5, 31))
    assert built.inputs.days.tolist() == [9, 10, 11, 31]
    assert built.inputs.hourly_wage.tolist() == [1471, 1500, 1550, 1550]


def test_permanent_by_law_mid_period_pays_the_low_awf_from_that_day(municipality):
    """Permanent from 16 April 2026 (36 months and a day): April is cut, the high AWf
    until the 15th, the low one from the 16th."""
    _contract, _period = one_period(
        municipality,
        D(2026, 1, 1),
        D(2026, 12, 31),
        is_permanent=True,
        permanent_from=D(2026, 4, 16),
    )
    built = build_cost_inputs(municipality=municipality, start=D(2026, 3, 1), end=D(2026, 5, 31))
    charges = built.inputs.charges_ppm.tolist()
    assert built.inputs.days.tolist() == [31, 15, 15, 31]
    assert charges[0] == charges[1]
    assert charges[2] == charges[3]
    # The difference is exactly AWf high minus AWf low of 2026.
    high = parameter_value("awf_high", D(2026, 4, 1)).value
    low = parameter_value("awf_low", D(2026, 4, 1)).value
    assert charges[1] - charges[2] == int((high - low) * 1_000_000)
