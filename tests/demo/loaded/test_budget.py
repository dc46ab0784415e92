"""The Leeuwarden demo's money as of 18-11-2026 (the letter's day itself is in
``tests/demo/test_demo_over_time.py``).

2023: spent 0, EUR 500,000 to the accounts result. 2024: EUR 14,000 research and
EUR 162,000 basisbaan costs, EUR 324,000 to the accounts result (the letter).
2025: closed in January 2026 with its twelve payroll months: the full budget spent.
2026: ten months imported, November and December forecast.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest

from django.core.management import call_command
from django.utils import timezone

from basisbaan.budgets.capacity import programme_capacity
from basisbaan.budgets.models import Budget
from basisbaan.programmes.models import Programme
from tests.conftest import TODAY
from tests.demo.story import budget_report

pytestmark = pytest.mark.django_db

FULL_BUDGET = Decimal("500000")


@pytest.fixture
def report(demo) -> dict:
    return budget_report()


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


def test_2025_is_closed_with_its_twelve_payroll_months(report):
    """2025 spent EUR 502,024.39 on basisbaan costs (the sum of its imported payroll
    totals: payroll 486,319.39 + monitoring 15,705.00): EUR 2,024.39 over budget, as
    the letter expected the full budget to be used."""
    year = report[2025]
    assert year["spent"] == {
        "payroll": "486319.39",
        "monitoring": "15705.00",
        "research": "0.00",
        "other": "0.00",
        "total": "502024.39",
    }
    assert year["to_accounts_result"] == "-2024.39"
    assert year["forecast"] == {
        "all_renewed": "502024.39",
        "no_renewals": "502024.39",
        "observed_p50": "502024.39",
    }


def test_2026_counts_ten_months_and_forecasts_two(report):
    """January to October 2026 imported (EUR 371,909.03: Emre Yıldız paid to April,
    when he left); November and December costed. Every running contract is permanent
    by now (the chain rule), so nothing is left to renew and the three scenarios agree."""
    year = report[2026]
    assert year["spent"]["total"] == "371909.03"
    assert year["to_accounts_result"] is None
    assert year["forecast"] == {
        "all_renewed": "442776.15",
        "no_renewals": "442776.15",
        "observed_p50": "442776.15",
    }
    assert Decimal(year["forecast"]["all_renewed"]) < FULL_BUDGET


def test_the_simulation_is_reproducible(report):
    assert budget_report()[2026]["forecast"] == report[2026]["forecast"]


def test_the_years_2023_to_2025_are_closed_in_january_of_the_next(demo):
    closed = Budget.objects.filter(municipality=demo, closed_at__isnull=False).order_by("year")
    assert [(b.year, timezone.localtime(b.closed_at).date()) for b in closed] == [
        (2023, dt.date(2024, 1, 31)),
        (2024, dt.date(2025, 1, 31)),
        (2025, dt.date(2026, 1, 31)),
    ]
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
    assert "2025 (afgesloten)" in text
    assert "€ 324.054,18" in text
    assert "€ 442.776,15" in text


def test_room_for_intake_is_asked_from_the_month_after_today(demo):
    """On 18-11-2026 the question is about December 2026 (the month after today) and the
    one year left; the answer is about the future, not about the past (the letter's day,
    when the answer was 0, is in test_demo_over_time.py). With EUR 57,224 left in 2026
    (500,000 - 442,776.15), nineteen more could work its last month."""
    programme = Programme.objects.get(municipality=demo, slug="pilot-2023-2026")
    answer = programme_capacity(programme, today=TODAY)
    assert answer.month == dt.date(2026, 12, 1)
    assert answer.years == [2026]
    assert answer.count == 19


def test_unknown_programme_is_a_usage_error(demo):
    with pytest.raises(Exception, match="geen programma") as raised:
        call_command("budget_report", municipality="leeuwarden", programme="x", stdout=StringIO())
    assert getattr(raised.value, "returncode", None) == 2
