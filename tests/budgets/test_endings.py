"""Issue 18 in the budget: transition payments where employment ends, none for a
permanent contract or a resignation, and the permanent contracts' cost after the
programme's end."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest

from basisbaan.budgets.forecasting import programme_forecast
from basisbaan.budgets.jobs import programme_lkv
from basisbaan.budgets.report import report_data
from basisbaan.calc.costs import compute_costs
from basisbaan.calc.fixed import euros
from basisbaan.calc.forecast import Scenario
from basisbaan.contracts.constants import EndReason
from basisbaan.contracts.lkv import lkv_record
from basisbaan.contracts.models import Contract, ContractPeriod
from basisbaan.costs.inputs import build_cost_inputs

pytestmark = pytest.mark.django_db
D = dt.date


def test_the_years_show_the_payments_within_each_scenario(programme):
    """As in test_services: 350.94 in June 2025 without renewals, 1,468.65 in December
    2026 with every renewal; the observed scenario weighs them (Beta(8, 2): r = 0.8)."""
    forecast = programme_forecast(programme, draws=50, seed=1)
    y2025, y2026 = forecast.years
    assert y2025.exit_cost(Scenario.NO_RENEWALS) == Decimal("350.94")
    assert y2026.exit_cost(Scenario.NO_RENEWALS) == Decimal("0.00")
    assert y2025.exit_cost(Scenario.ALL_RENEWED) == Decimal("0.00")
    assert y2026.exit_cost(Scenario.ALL_RENEWED) == Decimal("1468.65")
    assert report_data(forecast)["commitments_after_end"] == []


def test_a_resignation_owes_nothing(programme):
    Contract.objects.update(end_reason=EndReason.RESIGNED)
    forecast = programme_forecast(programme, draws=50, seed=1)
    assert forecast.built.inp.exit_cost is not None
    assert int(forecast.built.inp.exit_cost.sum()) == 0
    assert [y.exit_cost(Scenario.NO_RENEWALS) for y in forecast.years] == [0, 0]


def test_a_permanent_contract_pays_nothing_and_keeps_costing_after_the_end(programme):
    """Permanent from the start, running to the programme's end: no transition payment,
    and in each of the five years after 2026 twelve months at December 2026's cost (no
    parameter is known past 2026 and no indexation is set, so the months are equal)."""
    contract = Contract.objects.get()
    Contract.objects.update(is_permanent=True, permanent_from=D(2025, 1, 1))
    ContractPeriod.objects.update(end_date=D(2026, 12, 31))
    forecast = programme_forecast(programme, draws=50, seed=1)
    assert forecast.built.inp.exit_cost is not None
    assert int(forecast.built.inp.exit_cost.sum()) == 0
    december = build_cost_inputs(
        municipality=programme.municipality, start=D(2026, 12, 1), end=D(2026, 12, 31)
    )
    month = int(compute_costs(december.inputs).budget_charge.sum())
    assert [(c.year, c.contracts, c.cost) for c in forecast.commitments] == [
        (year, 1, euros(12 * month)) for year in range(2027, 2032)
    ]
    assert contract.end_reason == ""
    assert np.all(forecast.built.inp.segment[0][forecast.built.inp.segment[0] >= 0] == 0)


def test_a_permanent_contract_with_an_end_reason_is_no_commitment(programme):
    """A permanent contract runs on (as the forecast runs it to the programme's end)
    unless the employment ended: an end reason stops it."""
    Contract.objects.update(is_permanent=True, permanent_from=D(2025, 1, 1))
    running = programme_forecast(programme, draws=50, seed=1)
    assert [c.year for c in running.commitments] == [2027, 2028, 2029, 2030, 2031]
    Contract.objects.update(end_reason=EndReason.DISMISSAL)
    ended = programme_forecast(programme, draws=50, seed=1)
    assert ended.commitments == []
    assert [y.no_renewals for y in ended.years][1] == Decimal("0.00")
    # Dismissed after six months: the employer owes 350.94 (as in test_services).
    assert ended.years[0].exit_cost(Scenario.ALL_RENEWED) == Decimal("350.94")


def test_the_budget_page_lists_the_expected_wage_cost_advantages(programme):
    """Disabled-worker LKV from 1 January 2025 for the contract of January to June 2025,
    32 hours: 32 × 52/12 × 6 = 832 paid hours × EUR 3.05 = 2,537.60 (below 6,000)."""
    participant = Contract.objects.get().participant
    lkv_record(
        municipality=programme.municipality,
        actor=None,
        participant=participant,
        kind="disabled",
        start_date=D(2025, 1, 1),
        declaration_reference="DV-1",
        declaration_date=D(2024, 12, 1),
    )
    assert programme_lkv(programme) == [(2025, Decimal("2537.60"))]
