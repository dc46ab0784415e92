"""A payroll file for a later month must not zero the months that were never imported:
per contract and month the forecast counts the payroll where it was imported and the
cost model where not, and warns about the months that lack payroll."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.budgets.forecasting import merged_actuals, programme_forecast
from basisbaan.calc.actuals import month_key
from basisbaan.calc.fixed import euros
from basisbaan.contracts.models import ContractPeriod
from tests.costs.conftest import import_payroll

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal


def june_row(bsn: str) -> list[str]:
    return [bsn, "2025-06", "1000,00", "80,00", "200,00", "70,00", "50,00", "1400,00", "139"]


def test_one_row_for_a_later_month_keeps_the_earlier_months(programme):
    """The contract runs January to June 2025; only June is imported. January to May
    count the cost model (not zero), June its payroll, and the five months are listed."""
    before = programme_forecast(programme, draws=100, seed=1).years[0]
    june_model = euros(
        merged_actuals(programme, start=D(2025, 6, 1), until=D(2025, 7, 1)).modelled[
            month_key(D(2025, 6, 1))
        ]
    )
    import_payroll(
        programme.municipality, [june_row(ContractPeriod.objects.get().contract.participant.bsn)]
    )

    forecast = programme_forecast(programme, draws=100, seed=1)
    assert forecast.as_of == D(2025, 7, 1)
    year = forecast.years[0]
    assert year.spent.total == E("1400.00")  # what was imported
    assert year.modelled == before.no_renewals - june_model  # January to May, from the model
    assert year.no_renewals == before.no_renewals - june_model + E("1400.00")
    assert year.no_renewals > E("6000")  # the bug: 1,400.00, every other month zero
    assert [(m.day, m.contracts) for m in forecast.missing] == [
        (D(2025, month, 1), 1) for month in range(1, 6)
    ]
    # The chart's actual line ends the half year at the same total.
    june = next(p for p in forecast.months if p.month == D(2025, 6, 1))
    assert june.actual == year.no_renewals


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
