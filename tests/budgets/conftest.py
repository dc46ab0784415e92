"""A programme with one contract and a budget per year, for the budget tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.budgets.services import budget_create
from basisbaan.programmes.models import Programme
from tests.costs.conftest import contract_with
from tests.factories import ProgrammeFactory

D = dt.date


@pytest.fixture
def programme(municipality) -> Programme:
    """2025-2026, six-month periods; one contract of 32 hours from January 2025."""
    made = ProgrammeFactory(
        municipality=municipality,
        slug="pilot",
        start_date=D(2025, 1, 1),
        end_date=D(2026, 12, 31),
        contract_period_months=6,
    )
    contract_with(made, [(D(2025, 1, 1), D(2025, 6, 30), "32", "14.06")])
    for year in (2025, 2026):
        budget_create(programme=made, actor=None, year=year, amount=Decimal("50000"))
    return made
