"""The Leeuwarden demo reproduces the council letter's money (issue 4, item 6).

2023: spent 0, EUR 500,000 to the accounts result. 2024: EUR 14,000 research and
EUR 162,000 basisbaan costs, EUR 324,000 to the accounts result. 2025 and 2026
under "all contracts renewed" use the full budget (within 3 % of EUR 500,000).
The demo is loaded once for this module (in a transaction rolled back at its end).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO

import pytest

from django.core.management import call_command
from django.db import transaction
from django.test.utils import override_settings

from basisbaan.budgets.capacity import programme_capacity
from basisbaan.budgets.models import Budget
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality
from tests.demo.test_load_demo import FAST_HASHER

pytestmark = pytest.mark.django_db

FULL_BUDGET = Decimal("500000")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[Municipality]:
    with (
        django_db_blocker.unblock(),
        override_settings(DEBUG=True, PASSWORD_HASHERS=FAST_HASHER),
        transaction.atomic(),
    ):
        call_command("load_demo", stdout=StringIO())
        yield Municipality.objects.get(slug="leeuwarden")
        transaction.set_rollback(True)


@pytest.fixture
def report(demo) -> dict:
    out = StringIO()
    call_command(
        "budget_report",
        municipality="leeuwarden",
        programme="pilot-2023-2026",
        format="json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    return {year["year"]: year for year in data["years"]} | {"programme": data["programme"]}


def test_the_report_has_the_shape_of_the_issue(report):
    assert report["programme"] == "pilot-2023-2026"
    assert report[2023] == {
        "year": 2023,
        "budget": "500000.00",
        "spent": {
            "payroll": "0.00",
            "monitoring": "0.00",
            "research": "0.00",
            "other": "0.00",
            "total": "0.00",
        },
        "to_accounts_result": "500000.00",
        "forecast": {"all_renewed": "0.00", "no_renewals": "0.00", "observed_p50": "0.00"},
    }


def test_2024_spent_research_and_basisbaan_costs_and_324000_to_the_accounts_result(report):
    year = report[2024]
    spent = year["spent"]
    assert spent["research"] == "14000.00"
    basisbaan = Decimal(spent["payroll"]) + Decimal(spent["monitoring"])
    assert basisbaan == Decimal("161945.82")  # the letter: EUR 162,000
    assert abs(basisbaan - Decimal(162_000)) <= 162_000 * Decimal("0.01")
    assert spent["total"] == "175945.82"
    assert year["to_accounts_result"] == "324054.18"  # the letter: EUR 324,000
    assert abs(Decimal(year["to_accounts_result"]) - 324_000) <= 324_000 * Decimal("0.01")
    assert year["forecast"] == {
        "all_renewed": "175945.82",
        "no_renewals": "175945.82",
        "observed_p50": "175945.82",
    }


def test_2025_and_2026_use_the_full_budget_when_all_contracts_are_renewed(report):
    print(  # noqa: T201 (the figures the report quotes)
        "All renewed:",
        report[2025]["forecast"]["all_renewed"],
        report[2026]["forecast"]["all_renewed"],
    )
    for year, exact in ((2025, "506900.87"), (2026, "500875.95")):
        forecast = Decimal(report[year]["forecast"]["all_renewed"])
        assert forecast == Decimal(exact)
        assert abs(forecast - FULL_BUDGET) <= FULL_BUDGET * Decimal("0.03")
        assert report[year]["to_accounts_result"] is None  # open years


def test_other_scenarios_spend_less_and_the_simulation_is_reproducible(report, demo):
    for year in (2025, 2026):
        forecast = {k: Decimal(v) for k, v in report[year]["forecast"].items()}
        assert forecast["no_renewals"] < forecast["observed_p50"] < forecast["all_renewed"]
    assert report[2025]["forecast"]["no_renewals"] == "91748.60"
    out = StringIO()
    call_command(
        "budget_report",
        municipality="leeuwarden",
        programme="pilot-2023-2026",
        format="json",
        stdout=out,
    )
    again = {y["year"]: y for y in json.loads(out.getvalue())["years"]}
    assert again[2025]["forecast"] == report[2025]["forecast"]


def test_the_years_2023_and_2024_are_closed(demo):
    closed = Budget.objects.filter(municipality=demo, closed_at__isnull=False)
    assert sorted(closed.values_list("year", flat=True)) == [2023, 2024]
    budgets = Budget.objects.filter(municipality=demo).order_by("year")
    assert [(b.iv3_task_field, b.municipal_programme) for b in budgets] == [
        ("6.5 Arbeidsparticipatie", "Bestaanszekerheid")
    ] * 4


def test_the_table_is_dutch(demo):
    out = StringIO()
    call_command(
        "budget_report", municipality="leeuwarden", programme="pilot-2023-2026", stdout=out
    )
    text = out.getvalue()
    assert "2024 (afgesloten)" in text
    assert "€ 324.054,18" in text
    assert "€ 506.900,87" in text


def test_no_room_for_intake_in_january_2025_as_the_letter_says(demo):
    """The pilot stopped intake for budget reasons: with 90 % certainty nobody more fits."""
    programme = Programme.objects.get(municipality=demo, slug="pilot-2023-2026")
    answer = programme_capacity(programme)
    assert answer.month.isoformat() == "2025-01-01"
    assert answer.years == [2025, 2026]
    assert answer.count == 0
    assert answer.result is not None and answer.result.probability_next < 0.9


def test_unknown_programme_is_a_usage_error(demo):
    with pytest.raises(Exception, match="geen programma") as raised:
        call_command("budget_report", municipality="leeuwarden", programme="x", stdout=StringIO())
    assert getattr(raised.value, "returncode", None) == 2
