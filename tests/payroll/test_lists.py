"""The payroll entries export: amounts as numbers with two decimals (a Dutch Excel
shows 2.000,00), the month as a real date, in the list's filter and sort; the
payroll files list sorts and exports too (no personal data in it)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.payroll.services import payroll_import
from tests.payroll.conftest import ANNA_MARCH, BART_MARCH, csv_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def imported(world, municipality):
    april = list(ANNA_MARCH)
    april[1] = "2024-04"
    payroll_import(
        municipality=municipality,
        actor=None,
        file_name="=loon.csv",
        content=csv_bytes([ANNA_MARCH, BART_MARCH, april]),
    )


def test_entries_export_money_as_numbers_in_the_lists_order(imported, controller, client_as):
    response = client_as(controller).get(
        "/verloning/", {"periode": "2024-03", "sort": "-gross_wage", "export": "xlsx"}
    )

    sheet = load_workbook(io.BytesIO(response.content))["Verloningsregels"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == [
        "Deelnemer",
        "Maand",
        "Brutoloon",
        "Vakantiegeld",
        "Werkgeverslasten",
        "Pensioen",
        "Overige kosten",
        "Totaal",
        "Uren",
        "Import",
    ]
    source = values[1][9]
    assert values[1:] == [
        ["Anna Bakker", dt.datetime(2024, 3, 1), 2000, 160, 500, 100, 40, 2800, 138.67, source],
        ["Bart Visser", dt.datetime(2024, 3, 1), 1000, 80, 250, 50, 0, 1380, 69.33, source],
    ]
    assert sheet["B2"].number_format == "mmmm yyyy"
    assert {sheet.cell(row=2, column=c).number_format for c in range(3, 10)} == {"#,##0.00"}
    assert all(sheet.cell(row=2, column=c).data_type == "n" for c in range(3, 11))
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.object_type, entry.changes["rows"]) == (
        AuditAction.EXPORT,
        "payroll.payrollentry",
        2,
    )
    assert entry.changes["filters"] == {"periode": "2024-03", "sort": "-gross_wage"}


def test_entries_csv_has_decimal_commas(imported, controller, client_as):
    response = client_as(controller).get("/verloning/", {"periode": "2024-04", "export": "csv"})

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[1][:9] == [
        "Anna Bakker",
        "april 2024",
        "2000,00",
        "160,00",
        "500,00",
        "100,00",
        "40,00",
        "2800,00",
        "138,67",
    ]


def test_the_payroll_files_list_sorts_and_neutralises_a_file_name(imported, controller, client_as):
    client = client_as(controller)

    page = client.get("/verloning/importen/", {"sort": "-row_count"}).content.decode()
    response = client.get("/verloning/importen/", {"export": "csv"})

    assert 'aria-sort="descending"' in page
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:5] == ["Bestand", "Begonnen op", "Door", "Status", "Regels"]
    assert rows[1][0] == "'=loon.csv"
    assert rows[1][4] == "3"
