"""The business case shows the employer's expected wage-cost advantage (LKV) as a
line of its own, outside the municipality's net cost, and only when one is recorded."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.contracts.lkv import lkv_record
from basisbaan.outcomes.business import business_case
from basisbaan.outcomes.presentation import business_context
from tests.factories import ContractFactory, ContractPeriodFactory

pytestmark = pytest.mark.django_db
LABEL = "Loonkostenvoordeel voor de werkgever (verwacht, niet in de netto kosten)"


def test_no_lkv_no_line(small):
    programme, _placements, _exit = small
    case = business_case(programme, as_of=dt.date(2026, 1, 1), with_sensitivity=False)
    assert case.lkv == {}
    assert LABEL not in [row["label"] for row in business_context(case, 1)["year_rows"]]


def test_the_lkv_line_counts_the_months_before_the_as_of_day(small):
    """32 h a week from 1 July 2024: 2024 6 × 138 2/3 = 832 h × 2.00 = 1,664.00; 2025
    1,664 h × 2.00 = 3,328.00; the as-of day 1 January 2026 counts nothing of 2026."""
    programme, placements, _exit = small
    participant = placements[1].participant
    ContractPeriodFactory(
        contract=ContractFactory(participant=participant, placement=placements[1]),
        start_date=dt.date(2024, 7, 1),
        end_date=dt.date(2026, 6, 30),
        hours_per_week=Decimal("32.0"),
    )
    lkv_record(
        municipality=programme.municipality,
        actor=None,
        participant=participant,
        kind="banenafspraak",
        start_date=dt.date(2024, 7, 1),
    )
    case = business_case(programme, as_of=dt.date(2026, 1, 1), with_sensitivity=False)
    assert case.lkv == {2024: 166_400, 2025: 332_800}
    rows = {row["label"]: row["cells"] for row in business_context(case, 1)["year_rows"]}
    assert rows[LABEL][-3:] == ["€ 1.664,00", "€ 3.328,00", "€ 4.992,00"]
