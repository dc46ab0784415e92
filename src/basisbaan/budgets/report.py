"""The budget report as plain data: the CLI's JSON, and the rows of the page and export."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from basisbaan.budgets.forecasting import ProgrammeForecast, YearForecast
from basisbaan.calc.forecast import Scenario

__all__ = ["YearRow", "amount", "report_data", "year_rows"]

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
    commitments = [
        {"year": c.year, "permanent_contracts": c.contracts, "cost": amount(c.cost)}
        for c in forecast.commitments
    ]
    return {
        "programme": forecast.programme.slug,
        "years": years,
        "commitments_after_end": commitments,
    }


@dataclass(frozen=True, slots=True)
class YearRow:
    """One row of the budget page's year table; the Excel export writes the same rows.

    ``forecast`` is the chosen scenario's figure. ``low``/``high`` (80 % of the
    simulated futures lie between them: P10 and P90) and ``p_overspend`` always
    come from the simulation of the *observed* course (renewals and exits as seen
    so far), whichever scenario is chosen; None for a closed year.
    """

    year: int
    closed: bool
    budget: Decimal | None
    spent: Decimal
    committed: Decimal
    forecast: Decimal
    rest: Decimal | None  # to the accounts result: recorded (closed) or expected
    low: Decimal | None
    high: Decimal | None
    p_overspend: float | None
    source: YearForecast
    transition_payments: Decimal = Decimal("0.00")  # within ``forecast``

    @property
    def outside_band(self) -> bool:
        """The scenario's figure lies outside the simulation's 80 % band."""
        if self.low is None or self.high is None:
            return False
        return not self.low <= self.forecast <= self.high


def year_rows(forecast: ProgrammeForecast, scenario: Scenario) -> list[YearRow]:
    rows = []
    for y in forecast.years:
        open_year = not y.closed
        rows.append(
            YearRow(
                year=y.year,
                closed=y.closed,
                budget=y.amount,
                spent=y.spent.total,
                committed=y.committed,
                forecast=y.forecast(scenario),
                rest=y.to_accounts_result if y.closed else y.expected_rest(scenario),
                low=y.p10 if open_year else None,
                high=y.p90 if open_year else None,
                p_overspend=y.p_overspend if open_year and y.budget is not None else None,
                source=y,
                transition_payments=y.exit_cost(scenario),
            )
        )
    return rows
