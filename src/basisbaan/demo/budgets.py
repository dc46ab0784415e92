"""The Leeuwarden pilot's budget as the council letter gives it.

EUR 500,000 a year for 2023-2026 in Iv3 task field 6.5 Arbeidsparticipatie,
municipal programme Bestaanszekerheid. 2023 spent nothing (preparation);
2024 spent EUR 14,000 on research (NHL Stenden, a manual expenditure) and the
imported payroll costs (EUR 161,945.82: the letter's EUR 162,000). Both years
are closed, so the rest went to the accounts result: EUR 500,000 and
EUR 324,054.18 (the letter: EUR 324,000). No demo figure was tuned for this:
at the letter's date, under "all contracts renewed", the demo's contracts use
the full budget in 2025 and 2026 (tests/demo/test_demo_over_time.py).

After the letter every year the story has passed is closed too, in January
(once its December payroll is in): 2025 from an as-of day in 2026 on, 2026
from 2027 on.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from basisbaan.budgets.constants import IV3_LABOUR_PARTICIPATION, Category
from basisbaan.budgets.models import Budget
from basisbaan.budgets.services import budget_close, budget_create, expenditure_create
from basisbaan.demo.story import noon
from basisbaan.programmes.models import Programme

__all__ = ["DEMO_BUDGETS", "load_demo_budget"]


@dataclass(frozen=True)
class DemoBudget:
    amount: Decimal
    municipal_programme: str
    expenditures: tuple[tuple[int, Category, dt.date, Decimal, str], ...]


DEMO_BUDGETS: Final = {
    "leeuwarden": DemoBudget(
        amount=Decimal("500000.00"),
        municipal_programme="Bestaanszekerheid",
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


CLOSING_DAY: Final = (1, 31)  # (month, day) of the year after: the year is closed in January


def load_demo_budget(slug: str, programme: Programme, as_of: dt.date) -> list[Budget]:
    """The demo budget of municipality ``slug`` (none for a municipality without one),
    with every year before ``as_of``'s year closed (call it after the payroll of
    those years is imported: a closed year refuses payroll)."""
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
    for year in sorted(budgets):
        if year >= as_of.year:
            break
        closed = budget_close(budget=budgets[year], actor=None, today=as_of)
        # Dated by the story (in January of the next year), not by the load.
        closed.closed_at = noon(min(dt.date(year + 1, *CLOSING_DAY), as_of))
        closed.save(update_fields=["closed_at"])
        budgets[year] = closed
    return list(budgets.values())
