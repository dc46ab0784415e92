"""The demo's 2024 costs: the letter's EUR 162,000 within 1 %, from imported payroll files.

The demo is loaded once for this module (in a transaction rolled back at its end).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from io import StringIO

import pytest

from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Sum
from django.test.utils import override_settings

from basisbaan.costs.comparison import programme_comparison
from basisbaan.costs.selectors import cost_settings_of
from basisbaan.demo.payroll_2024 import (
    DEMO_COST_SETTINGS,
    committed_files,
    payroll_files,
    planned_total,
)
from basisbaan.payroll.models import PayrollEntry, PayrollImport
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality
from tests.demo.test_load_demo import FAST_HASHER

pytestmark = pytest.mark.django_db

LETTER_2024 = Decimal("162000")


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


def test_the_2024_costs_are_the_letters_162000_within_one_percent(demo):
    """2024 basisbaan costs = the sum of the imported payroll totals of 2024, which hold
    Caparis's monitoring fees (in ``overige_kosten``) besides wages, holiday allowance,
    employer charges and pension: EUR 161,945.82, 0.03 % below EUR 162,000."""
    entries = PayrollEntry.objects.filter(
        municipality=demo, period__gte=dt.date(2024, 1, 1), period__lte=dt.date(2024, 12, 1)
    )
    figures = entries.aggregate(rows=Count("id"), total=Sum("total"), other=Sum("other_costs"))
    total = figures["total"].quantize(Decimal("0.01"))
    print(f"Demo 2024 basisbaan costs: EUR {total} ({figures['rows']} payroll rows)")  # noqa: T201 (the figure the report quotes)
    assert abs(total - LETTER_2024) <= LETTER_2024 / 100
    assert total == Decimal("161945.82")
    assert figures["rows"] == 64  # 16 participants, July to December
    assert entries.values("participant_id").distinct().count() == 16
    assert figures["other"] > 0  # the monitoring fees are in the totals


def test_each_month_was_imported_from_a_committed_file(demo):
    imports = PayrollImport.objects.filter(municipality=demo).order_by("file_name")
    names = [path.name for path in committed_files("leeuwarden")]
    assert names == [f"leeuwarden-2024-{m:02d}.csv" for m in range(7, 13)]
    assert list(imports.values_list("file_name", "status")) == [(n, "imported") for n in names]
    assert not PayrollEntry.objects.filter(municipality__slug="emmen").exists()


def test_the_committed_files_are_what_the_generator_makes(demo):
    """Regenerate with ``basisbaan demo_payroll --write`` when this fails."""
    generated = payroll_files(demo)
    committed = {path.name: path.read_bytes() for path in committed_files("leeuwarden")}
    assert generated == committed
    first = committed["leeuwarden-2024-07.csv"]
    assert first.startswith("\ufeffbsn;naam;periode;brutoloon".encode())
    assert b"\r\n" in first and b"1.896,96" in first  # Dutch Excel: CRLF, decimal comma


def test_the_demos_cost_settings_and_the_plan_beside_the_actuals(demo):
    """The plan (the cost model with the demo's settings) is EUR 159,646.41; Caparis's
    deviations (working days in a first month, its own Whk, extra hours, start costs)
    add EUR 2,299.41, and some contract-months pass the 5 % and EUR 50 threshold."""
    programme = Programme.objects.get(municipality=demo)
    settings = cost_settings_of(programme)
    assert settings.pk is not None
    assert settings.pension_rate == DEMO_COST_SETTINGS["leeuwarden"]["pension_rate"]
    assert settings.monitoring_fee == DEMO_COST_SETTINGS["leeuwarden"]["monitoring_fee"]
    assert planned_total(demo) == Decimal("159646.41")
    comparison = programme_comparison(municipality=demo, programme=programme, year=2024)
    assert comparison.planned.total == Decimal("159646.41")
    assert comparison.actual is not None
    assert comparison.actual.total == Decimal("161945.82")
    assert comparison.deviation == Decimal("2299.41")
    assert 0 < comparison.over_count < 64
    assert not any(line.missing for line in comparison.lines)


def test_the_demo_payroll_command_reports_the_figures(demo):
    out = StringIO()
    call_command("demo_payroll", stdout=out)
    assert "Leeuwarden 2024: 64 regels, verloning totaal € 161945.82" in out.getvalue()
    assert "planning kostenmodel € 159646.41" in out.getvalue()
