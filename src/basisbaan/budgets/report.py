"""The budget report as plain data: the CLI's JSON, and the rows of the page and export."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from basisbaan.budgets.forecasting import ProgrammeForecast
from basisbaan.calc.forecast import Scenario

__all__ = ["amount", "report_data"]

CENT = Decimal("0.01")


def amount(value: Decimal | None) -> str | None:
    """A decimal string with two decimals (``"500000.00"``); None stays None."""
    return None if value is None else str(value.quantize(CENT))


def report_data(forecast: ProgrammeForecast) -> dict[str, Any]:
    """``{"programme": SLUG, "years": [...]}``, the shape of issue 4, amounts as strings.

    A year without a budget has ``"budget": null``.
    """
    years = []
    for year in forecast.years:
        spent = year.spent
        years.append(
            {
                "year": year.year,
                "budget": amount(year.amount),
                "spent": {
                    "payroll": amount(spent.payroll),
                    "monitoring": amount(spent.monitoring),
                    "research": amount(spent.research),
                    "other": amount(spent.other),
                    "total": amount(spent.total),
                },
                "to_accounts_result": amount(year.to_accounts_result),
                "forecast": {
                    "all_renewed": amount(year.forecast(Scenario.ALL_RENEWED)),
                    "no_renewals": amount(year.forecast(Scenario.NO_RENEWALS)),
                    "observed_p50": amount(year.forecast(Scenario.OBSERVED)),
                },
            }
        )
    return {"programme": forecast.programme.slug, "years": years}
