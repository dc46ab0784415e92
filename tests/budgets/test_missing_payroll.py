"""A payroll file for a later month must not zero the months that were never imported:
per contract and month the forecast counts the payroll where it was imported and the
cost model where not, and warns about the months that lack payroll."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest

from django.core.management import call_command
from rest_framework.test import APIClient

from basisbaan.budgets.forecasting import merged_actuals, programme_forecast
from basisbaan.calc.actuals import month_key
from basisbaan.calc.fixed import euros
from basisbaan.calc.forecast import Scenario
from basisbaan.contracts.models import ContractPeriod
from tests.costs.conftest import contract_with, import_payroll

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal


def june_row(bsn: str) -> list[str]:
    return [bsn, "2025-06", "1000,00", "80,00", "200,00", "70,00", "50,00", "1400,00", "139"]


def test_one_row_for_a_later_month_keeps_the_earlier_months(programme):
    """The contract runs January to June 2025; only June is imported. January to May
    count the cost model (not zero), June its payroll, and the five months are listed.

    Seen from July, the period ended without a recorded notice: the modelled June also
    holds the late-notice compensation, one month's wage 14.06 × 32 × 52/12 = 1,949.65
    (issue 18); the June payroll replaces both."""
    before = programme_forecast(programme, draws=100, seed=1).years[0]
    june_model = euros(
        merged_actuals(programme, start=D(2025, 6, 1), until=D(2025, 7, 1)).modelled[
            month_key(D(2025, 6, 1))
        ]
    ) - E("1949.65")
    import_payroll(
        programme.municipality, [june_row(ContractPeriod.objects.get().contract.participant.bsn)]
    )

    forecast = programme_forecast(programme, draws=100, seed=1, scenario=Scenario.NO_RENEWALS)
    assert forecast.as_of == D(2025, 1, 1)  # the first month without payroll
    assert forecast.last_imported == D(2025, 6, 1)
    year = forecast.years[0]
    assert year.spent.total == E("1400.00")  # what was imported
    assert year.no_renewals == before.no_renewals - june_model + E("1400.00")
    assert year.no_renewals > E("6000")  # the bug: 1,400.00, every other month zero
    for scenario in (year.all_renewed, year.observed, year.p10, year.p90):
        assert scenario >= year.no_renewals
    assert [(m.day, m.contracts) for m in forecast.missing] == [
        (D(2025, month, 1), 1) for month in range(1, 6)
    ]
    # The chart ends the half year at the same total.
    june = next(p for p in forecast.months if p.month == D(2025, 6, 1))
    assert june.forecast == year.no_renewals


def test_the_page_warns_about_the_months_without_payroll(client_as, controller, programme):
    import_payroll(
        programme.municipality, [june_row(ContractPeriod.objects.get().contract.participant.bsn)]
    )
    html = client_as(controller).get(f"/budget/{programme.pk}/").content.decode()
    assert "Verloning ontbreekt" in html
    assert "januari 2025 (1 contract)" in html
    assert "mei 2025 (1 contract)" in html
    assert "juni 2025 (1 contract)" not in html


def test_no_warning_when_every_month_was_imported(client_as, controller, programme):
    html = client_as(controller).get(f"/budget/{programme.pk}/").content.decode()
    assert "Verloning ontbreekt" not in html


def test_a_row_for_the_next_year_leaves_this_year_as_it_was(programme):
    """The issue's case: one payroll row for a month of the next year. Before, every month
    never imported counted zero (2025 fell to what was imported); now 2025 keeps every
    scenario, and 2026 swaps that one contract-month's model for its payroll."""
    long = contract_with(programme, [(D(2025, 1, 1), D(2026, 3, 31), "24", "14.06")])
    before = programme_forecast(programme, draws=200, seed=3)
    february = euros(
        merged_actuals(programme, start=D(2026, 2, 1), until=D(2026, 3, 1)).modelled[
            month_key(D(2026, 2, 1))
        ]
    )
    row = [long.participant.bsn, "2026-02", "900,00", "72,00", "180,00", "63,00", "75,00"]
    import_payroll(programme.municipality, [[*row, "1290,00", "104"]])

    after = programme_forecast(programme, draws=200, seed=3)
    assert after.as_of == D(2025, 1, 1)
    old, new = before.years[0], after.years[0]
    assert (new.all_renewed, new.no_renewals, new.observed) == (
        old.all_renewed,
        old.no_renewals,
        old.observed,
    )
    assert after.years[1].all_renewed == before.years[1].all_renewed - february + E("1290.00")
    assert after.years[1].spent.total == E("1290.00")
    assert after.missing[0].day == D(2025, 1, 1) and after.missing[-1].day == D(2026, 1, 1)


def test_the_api_and_the_command_line_warn_too(programme, controller):
    import_payroll(
        programme.municipality, [june_row(ContractPeriod.objects.get().contract.participant.bsn)]
    )
    client = APIClient()
    client.force_authenticate(controller)
    data = client.get(f"/api/v1/programmes/{programme.pk}/forecast/?draws=100").json()
    assert (data["as_of"], data["last_imported"]) == ("2025-01-01", "2025-06-01")
    assert [m["month"] for m in data["missing_payroll"]] == [f"2025-0{m}" for m in range(1, 6)]
    assert all(m["contracts"] == 1 for m in data["missing_payroll"])
    out = StringIO()
    call_command(
        "budget_report",
        municipality=programme.municipality.slug,
        programme=programme.slug,
        draws=100,
        stdout=out,
    )
    assert (
        "Let op: verloning ontbreekt voor een of meer contracten in januari 2025, februari 2025"
        in (out.getvalue())
    )
