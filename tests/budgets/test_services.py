"""Budget services: audited writes, closing to the accounts result, the lock; and the
forecast's reading of the database (as-of month, segments, planned starts)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditEntry
from basisbaan.budgets.forecasting import programme_forecast
from basisbaan.budgets.models import Budget, Expenditure
from basisbaan.budgets.services import (
    budget_close,
    budget_create,
    budget_update,
    expenditure_create,
    expenditure_delete,
    planned_start_create,
)
from basisbaan.calc.forecast import Scenario
from basisbaan.contracts.models import ContractPeriod
from tests.costs.conftest import import_payroll
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal


def budget_of(programme, year: int) -> Budget:
    return Budget.objects.get(programme=programme, year=year)


def test_create_is_audited_and_a_year_once(programme):
    entry = AuditEntry.objects.filter(object_type__icontains="budget").order_by("-id").first()
    assert entry is not None and entry.action == "create"
    with pytest.raises(ValidationError, match="al een budget"), unchanged():
        budget_create(programme=programme, actor=None, year=2025, amount=E(1))
    with pytest.raises(ValidationError, match="looptijd"), unchanged():
        budget_create(programme=programme, actor=None, year=2027, amount=E(1))


def test_closing_records_the_accounts_result_and_locks_the_year(programme, controller):
    budget = budget_of(programme, 2025)
    expenditure_create(
        budget=budget,
        actor=controller,
        category="research",
        booked_on=D(2025, 5, 1),
        amount=E("1234.56"),
        description="Onderzoek",
    )
    with pytest.raises(ValidationError, match="nog niet voorbij"), unchanged():
        budget_close(budget=budget, actor=controller, today=D(2025, 12, 31))
    with pytest.raises(ValidationError, match="eerst de jaren"), unchanged():
        budget_close(budget=budget_of(programme, 2026), actor=controller, today=D(2027, 1, 1))
    closed = budget_close(
        budget=budget,
        actor=controller,
        today=D(2026, 1, 2),
        missing_confirmed=True,
        reason="Loonbestanden volgen",
    )
    assert closed.spent_at_close == E("1234.56")
    assert closed.accounts_result == E("48765.44")
    assert closed.closed_by == controller
    entry = AuditEntry.objects.filter(action="update").order_by("-id").first()
    assert entry is not None and "accounts_result" in entry.changes
    with pytest.raises(ValidationError, match="afgesloten"), unchanged():
        budget_update(budget=closed, actor=controller, data={"amount": E(1)})
    with pytest.raises(ValidationError, match="afgesloten"), unchanged():
        expenditure_create(
            budget=closed,
            actor=controller,
            category="other",
            booked_on=D(2025, 6, 1),
            amount=E(1),
            description="Te laat",
        )
    with pytest.raises(ValidationError, match="afgesloten"), unchanged():
        expenditure_delete(expenditure=Expenditure.objects.get(), actor=controller)
    with pytest.raises(ValidationError, match="afgesloten"), unchanged():
        budget_close(budget=closed, actor=controller, today=D(2026, 1, 2))


def test_an_expenditure_lies_in_its_year(programme):
    with pytest.raises(ValidationError) as raised, unchanged():
        expenditure_create(
            budget=budget_of(programme, 2025),
            actor=None,
            category="other",
            booked_on=D(2026, 1, 1),
            amount=E(0),
            description="x",
        )
    assert set(raised.value.message_dict) == {"booked_on", "amount"}


def test_renewals_follow_the_last_period_to_the_programmes_end(programme):
    """One stored period (Jan-Jun 2025, committed); renewals Jul-Dec 2025 (1), then
    Jan-Jun 2026 (2) and Jul-Dec 2026 (3) are generated at the same hours.

    The employer ending the employment owes a transition payment, booked in the month
    it ends. Not renewed: after 6 months, in June 2025, on the monthly wage 14.06 × 32
    × 52/12 = 1,949.65 + 8 % 155.97 = 2,105.62: × 6/36 = 350.936 -> 350.94. All
    renewed: at the programme's end, December 2026, after 24 months, on 14.71 × 32 ×
    52/12 = 2,039.79 + 163.18 = 2,202.97: × 24/36 = 1,468.647 -> 1,468.65."""
    forecast = programme_forecast(programme, draws=200, seed=1)
    assert forecast.as_of == D(2025, 1, 1)  # nothing imported: from the programme's start
    exits = forecast.built.inp.exit_cost
    assert exits is not None
    assert (int(exits[0, 5]), int(exits[0, 23])) == (35_094, 146_865)
    y2025, y2026 = forecast.years
    half_2025 = y2025.no_renewals - E("350.94")
    assert half_2025 > 0
    assert y2025.committed == y2025.no_renewals
    assert y2026.no_renewals == 0
    # A second half year at the July 2025 minimum wage costs a little more.
    assert half_2025 < y2025.all_renewed - half_2025 < half_2025 * E("1.05")
    assert y2026.all_renewed > y2025.all_renewed
    assert y2025.no_renewals < y2025.observed < y2025.all_renewed
    assert forecast.counts.exposure_months == 0


def test_actuals_move_the_as_of_month_and_count_as_spent(programme):
    participant = ContractPeriod.objects.get().contract.participant
    import_payroll(
        programme.municipality,
        [
            [
                participant.bsn,
                "2025-01",
                "1000,00",
                "80,00",
                "200,00",
                "70,00",
                "50,00",
                "1400,00",
                "139",
            ]
        ],
    )
    forecast = programme_forecast(programme, draws=100, seed=1)
    assert forecast.as_of == D(2025, 2, 1)
    year = forecast.years[0]
    assert (year.spent.payroll, year.spent.monitoring) == (E("1350.00"), E("50.00"))
    assert year.no_renewals == E("1400.00") + year.committed
    assert forecast.counts.exposure_months == 1


def test_a_planned_start_adds_contracts(programme):
    before = programme_forecast(programme, draws=100, seed=1)
    planned_start_create(
        programme=programme,
        actor=None,
        month=D(2026, 1, 15),
        count=2,
        hours_per_week=E("32"),
        track="transition",
    )
    after = programme_forecast(programme, draws=100, seed=1)
    assert after.planned == 2
    assert after.years[0].all_renewed == before.years[0].all_renewed
    extra = after.years[1].all_renewed - before.years[1].all_renewed
    # Two people at 32 hours for all of 2026 cost about what the existing contract does.
    assert abs(extra - 2 * before.years[1].all_renewed) < before.years[1].all_renewed / 10
    assert after.years[1].no_renewals > 0  # their first period is committed
    with pytest.raises(ValidationError, match="looptijd"), unchanged():
        planned_start_create(
            programme=programme,
            actor=None,
            month=D(2027, 1, 1),
            count=1,
            hours_per_week=E(32),
            track="transition",
        )


def test_scenario_lines_of_the_chart_end_at_the_year_totals(programme):
    forecast = programme_forecast(programme, draws=100, seed=1, scenario=Scenario.ALL_RENEWED)
    last = forecast.months[-1]  # cumulative within its year
    assert last.forecast == forecast.years[-1].all_renewed
    assert last.budget == E("50000")
    assert forecast.months[5].budget == E("25000")
    assert last.p10 <= last.p50 <= last.p90
