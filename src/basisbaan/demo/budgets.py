"""The Leeuwarden pilot's budget as the council letter gives it.

EUR 500,000 a year for 2023-2026 in Iv3 task field 6.5 Arbeidsparticipatie,
municipal programme Bestaanszekerheid. 2023 spent nothing (preparation);
2024 spent EUR 14,000 on research (NHL Stenden, a manual expenditure) and the
imported payroll costs (EUR 161,945.82: the letter's EUR 162,000). Both years
are closed, so the rest went to the accounts result: EUR 500,000 and
EUR 324,054.18 (the letter: EUR 324,000). No demo figure was tuned for this:
under "all contracts renewed" the demo's contracts cost EUR 506,900.87 in 2025
and EUR 500,875.95 in 2026 (tests/budgets/test_demo_budget.py).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from basisbaan.budgets.constants import IV3_LABOUR_PARTICIPATION, Category
from basisbaan.budgets.models import Budget
from basisbaan.budgets.services import budget_close, budget_create, expenditure_create
from basisbaan.programmes.models import Programme

__all__ = ["DEMO_BUDGETS", "load_demo_budget"]


@dataclass(frozen=True)
class DemoBudget:
    amount: Decimal
    municipal_programme: str
    closed: tuple[int, ...]
    expenditures: tuple[tuple[int, Category, dt.date, Decimal, str], ...]


DEMO_BUDGETS: Final = {
    "leeuwarden": DemoBudget(
        amount=Decimal("500000.00"),
        municipal_programme="Bestaanszekerheid",
        closed=(2023, 2024),
        expenditures=(
            (
                2024,
                Category.RESEARCH,
                dt.date(2024, 12, 15),
                Decimal("14000.00"),
                "Onderzoek NHL Stenden: literatuurstudie en interviews",
            ),
        ),
    ),
}


def load_demo_budget(slug: str, programme: Programme) -> list[Budget]:
    """The demo budget of municipality ``slug`` (none for a municipality without one)."""
    demo = DEMO_BUDGETS.get(slug)
    if demo is None:
        return []
    budgets = {
        year: budget_create(
            programme=programme,
            actor=None,
            year=year,
            amount=demo.amount,
            iv3_task_field=IV3_LABOUR_PARTICIPATION,
            municipal_programme=demo.municipal_programme,
        )
        for year in range(programme.start_date.year, programme.end_date.year + 1)
    }
    for year, category, booked_on, amount, description in demo.expenditures:
        expenditure_create(
            budget=budgets[year],
            actor=None,
            category=category,
            booked_on=booked_on,
            amount=amount,
            description=description,
        )
    for year in demo.closed:
        budgets[year] = budget_close(budget=budgets[year], actor=None)
    return list(budgets.values())
