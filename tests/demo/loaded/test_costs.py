"""The demo's 2024 costs: the letter's EUR 162,000 within 1 %, from imported payroll files;
and every month after it, imported from a generated file, up to October 2026.

The demo is the package's, loaded as of 18-11-2026 (``tests/demo/loaded/conftest.py``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest

from django.core.management import call_command
from django.db.models import Count, Sum

from basisbaan.costs.comparison import programme_comparison
from basisbaan.costs.selectors import cost_settings_of
from basisbaan.demo.payroll_files import (
    CORRECTION_MONTHS,
    DEMO_COST_SETTINGS,
    LATE_HOURS,
    committed_files,
    payroll_files,
    payroll_rows,
    planned_total,
)
from basisbaan.demo.payroll_months import generated_files
from basisbaan.payroll.models import PayrollEntry, PayrollImport
from basisbaan.programmes.models import Programme

pytestmark = pytest.mark.django_db

LETTER_2024 = Decimal("162000")
CENT = Decimal("0.01")


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


def test_each_month_of_2024_was_imported_from_a_committed_file(demo):
    imports = PayrollImport.objects.filter(municipality=demo, file_name__contains="-2024-")
    names = [path.name for path in committed_files("leeuwarden")]
    assert names == [f"leeuwarden-2024-{m:02d}.csv" for m in range(7, 13)]
    assert list(imports.order_by("file_name").values_list("file_name", "status")) == [
        (n, "imported") for n in names
    ]
    assert not PayrollEntry.objects.filter(municipality__slug="emmen").exists()


def test_every_month_after_2024_was_imported_from_a_generated_file(demo):
    """January 2025 to October 2026 (the month before 18-11-2026), each file dated on
    its arrival on the 3rd of the next month, with the three corrections."""
    imports = PayrollImport.objects.filter(municipality=demo).exclude(file_name__contains="-2024-")
    rows = list(imports.order_by("started_at", "pk").values_list("file_name", "is_correction"))
    months = [f"2025-{m:02d}" for m in range(1, 13)] + [f"2026-{m:02d}" for m in range(1, 11)]
    corrections = {f"{m:%Y-%m}" for m in CORRECTION_MONTHS}
    expected = []
    for before, month in zip(["2024-12", *months], months, strict=False):
        expected.append((f"leeuwarden-{month}.csv", False))
        if before in corrections:
            expected.append((f"leeuwarden-{before}-correctie.csv", True))
    assert rows == expected
    assert set(imports.values_list("status", flat=True)) == {"imported"}
    first = imports.get(file_name="leeuwarden-2025-01.csv")
    assert first.started_at.date() == dt.date(2025, 2, 3)
    last = PayrollEntry.objects.filter(municipality=demo).latest("period")
    assert last.period == dt.date(2026, 10, 1)


def test_a_correction_replaces_a_row_that_missed_late_hours(demo):
    """The first file of March 2025 paid one participant eight hours too few; the
    correction, imported with April's file, replaced the row with the generated one."""
    correction = PayrollImport.objects.get(file_name="leeuwarden-2025-03-correctie.csv")
    assert (correction.row_count, correction.replaced_count) == (1, 1)
    files = {f.name: f for f in generated_files(demo, dt.date(2025, 4, 1))}
    corrected = files["leeuwarden-2025-03-correctie.csv"].content.decode("utf-8-sig")
    bsn = corrected.splitlines()[1].split(";")[0]
    stored = PayrollEntry.objects.get(municipality=demo, participant__bsn=bsn, period="2025-03-01")
    generated = next(
        r for r in payroll_rows(demo, 2025) if r.bsn == bsn and r.month == dt.date(2025, 3, 1)
    )
    assert (stored.total, stored.hours) == (generated.total, generated.hours)
    first = files["leeuwarden-2025-03.csv"].content.decode("utf-8-sig")
    short = next(line for line in first.splitlines() if line.startswith(bsn)).split(";")
    assert Decimal(short[-1].replace(",", ".")) == generated.hours - LATE_HOURS


def test_the_payroll_of_2025_and_2026_follows_the_contracts(demo):
    """Every participant-month under a contract up to October 2026 has its row: 16 a
    month until Dennis Bakker left (September 2025), then 15, and 14 after Emre Yıldız
    left (April 2026); the sum is what the generator makes (the cost model plus leave,
    sickness and extra hours)."""
    entries = PayrollEntry.objects.filter(municipality=demo, period__year__gte=2025)
    per_month = dict(entries.values_list("period").annotate(Count("id")).order_by())
    assert set(per_month.values()) == {16, 15, 14}
    assert per_month[dt.date(2025, 9, 1)] == 16 and per_month[dt.date(2025, 10, 1)] == 15
    assert per_month[dt.date(2026, 4, 1)] == 15 and per_month[dt.date(2026, 5, 1)] == 14
    totals = {
        year: entries.filter(period__year=year).aggregate(t=Sum("total"))["t"].quantize(CENT)
        for year in (2025, 2026)
    }
    assert totals[2025] == Decimal("502024.39")
    assert totals[2026] == Decimal("371909.03")  # January to October
    made = sum((r.total for r in payroll_rows(demo, 2025)), Decimal(0))
    assert made == totals[2025]


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
