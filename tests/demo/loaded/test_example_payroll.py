"""The example payroll file (docs/examples and the upload page) is November 2026's file
of the demo as loaded on the suite's day, and imports into it."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from basisbaan.demo.payroll_months import EXAMPLE_MONTH, example_files, generated_files
from basisbaan.payroll.models import PayrollEntry
from basisbaan.payroll.services import payroll_import

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "docs" / "examples"
SHIPPED = ROOT / "src" / "basisbaan" / "payroll" / "static" / "payroll"
NAMES = ("loonbestand-voorbeeld.csv", "loonbestand-voorbeeld.xlsx")


def test_the_committed_examples_are_what_the_demo_makes(demo):
    """Regenerate with ``basisbaan demo_payroll --example DIR`` on a demo loaded as of
    18-11-2026 when this fails, and copy to docs/examples and the upload page's static."""
    made = example_files(demo)
    assert EXAMPLE_MONTH.isoformat() == "2026-11-01"
    assert (EXAMPLES / NAMES[0]).read_bytes() == made[NAMES[0]]
    # The workbook carries its save time: compare what it holds.
    committed = load_workbook(io.BytesIO((EXAMPLES / NAMES[1]).read_bytes())).active
    fresh = load_workbook(io.BytesIO(made[NAMES[1]])).active
    assert committed is not None and fresh is not None
    assert committed.title == "Loonkosten"
    assert list(committed.values) == list(fresh.values)
    for name in NAMES:
        assert (SHIPPED / name).read_bytes() == (EXAMPLES / name).read_bytes(), name


@pytest.mark.parametrize("name", NAMES)
def test_the_example_imports_as_novembers_file(demo, name):
    """14 rows, the participants at work in November 2026 (one named by the employee
    number only); a new month for the demo, so every row is new."""
    content = (EXAMPLES / name).read_bytes()
    before = PayrollEntry.objects.count()

    result = payroll_import(municipality=demo, actor=None, file_name=name, content=content)

    assert result.as_json() == {"rows": 14, "imported": 14, "unchanged": 0, "errors": []}
    novembers = PayrollEntry.objects.filter(municipality=demo, period=EXAMPLE_MONTH)
    assert novembers.count() == 14
    assert PayrollEntry.objects.count() == before + 14


def test_the_example_is_the_demos_own_november_file(demo):
    """So a demo loaded in December 2026, which imported November itself, finds every
    row of the example unchanged: the same amounts for the same people."""
    own = {f.name: f for f in generated_files(demo, EXAMPLE_MONTH)}["leeuwarden-2026-11.csv"]
    own_rows = [line.split(";") for line in own.content.decode("utf-8-sig").splitlines()[1:]]
    example = (EXAMPLES / NAMES[0]).read_bytes().decode("utf-8-sig").splitlines()[1:]
    example_rows = [line.split(";") for line in example]
    assert len(own_rows) == len(example_rows) == 14
    for mine, theirs in zip(own_rows, example_rows, strict=True):
        assert theirs[2:] == mine[1:]  # name, month and amounts; the example adds a column
        assert theirs[0] in (mine[0], "")
