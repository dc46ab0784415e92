"""File formats: Dutch Excel CSV, comma CSV, UTF-16, XLSX, and amount notations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.payroll.models import PayrollEntry
from basisbaan.payroll.parsing import CellError, parse_cents, parse_month, read_payroll_file
from basisbaan.payroll.services import payroll_import
from tests.payroll.conftest import ANNA, BART, HEADER, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db

EXPECTED = {
    "gross_wage": Decimal("2345.67"),
    "holiday_allowance": Decimal("187.65"),
    "employer_charges": Decimal("586.42"),
    "pension": Decimal("117.28"),
    "other_costs": Decimal("0.00"),
    "total": Decimal("3237.02"),
    "hours": Decimal("138.67"),
}


def imported(municipality, content, file_name="loon.csv"):
    result = payroll_import(
        municipality=municipality, actor=None, file_name=file_name, content=content
    )
    assert result.errors == []
    return result


def stored(participant):
    entry = PayrollEntry.objects.get(participant=participant)
    return {name: getattr(entry, name) for name in EXPECTED}


def test_dutch_excel_csv_semicolon_decimal_comma_bom_and_windows_1252(world, municipality):
    """What Dutch Excel saves as "CSV (gescheiden door lijstscheidingsteken)": a
    semicolon, decimal comma, thousands points, Windows-1252 (a name with ü), CRLF;
    headers in capitals with spaces; an extra column is ignored."""
    header = [
        "Naam",
        "BSN",
        "Periode",
        "Brutoloon",
        "Vakantiegeld",
        "Werkgeverslasten",
        "Pensioen",
        "Overige kosten",
        "Totaal",
        "Uren",
    ]
    row = [
        "Jürgen Müller",
        ANNA,
        "2024-03",
        "2.345,67",
        "187,65",
        "586,42",
        "117,28",
        "",
        "3.237,02",
        "138,67",
    ]
    content = csv_bytes([row], header=header, encoding="cp1252")
    assert "ü".encode("cp1252") in content

    result = imported(municipality, content)

    assert stored(world.anna) == EXPECTED
    assert result.payroll_import.file_format == "CSV (puntkomma, Windows-1252)"


def test_utf8_csv_with_bom(world, municipality):
    row = [ANNA, "2024-03", "2345,67", "187,65", "586,42", "117,28", "0", "3237,02", "138,67"]

    result = imported(municipality, csv_bytes([row], bom=True))

    assert stored(world.anna) == EXPECTED
    assert result.payroll_import.file_format == "CSV (puntkomma, UTF-8)"


def test_comma_csv_with_decimal_points(world, municipality):
    row = [ANNA, "2024-03", "2,345.67", "187.65", "586.42", "117.28", "0.00", "3237.02", "138.67"]

    result = imported(municipality, csv_bytes([row], delimiter=","))

    assert stored(world.anna) == EXPECTED
    assert result.payroll_import.file_format == "CSV (komma, UTF-8)"


def test_comma_csv_with_quoted_decimal_commas(world, municipality):
    row = [ANNA, "2024-03", "2345,67", "187,65", "586,42", "117,28", "0", "3237,02", "138,67"]
    content = csv_bytes([row], delimiter=",")
    assert b'"2345,67"' in content

    imported(municipality, content)

    assert stored(world.anna) == EXPECTED


def test_utf16_tab_separated_as_excel_unicode_text(world, municipality):
    row = [ANNA, "2024-03", "2345,67", "187,65", "586,42", "117,28", "0", "3237,02", "138,67"]
    content = b"\xff\xfe" + csv_bytes([row], delimiter="\t").decode().encode("utf-16-le")

    result = imported(municipality, content)

    assert stored(world.anna) == EXPECTED
    assert result.payroll_import.file_format == "CSV (tab, UTF-16)"


def test_xlsx_with_numbers_text_and_a_date_cell(world, municipality):
    """Excel makes 2024-03 a date cell; numbers are floats; a BSN may be a number."""
    rows = [
        [
            int(ANNA),
            dt.datetime(2024, 3, 1),
            2345.67,
            187.65,
            586.42,
            117.28,
            None,
            3237.02,
            138.67,
        ],
        [BART, "2024-03", "1000,00", 80, 250, 50, 0, 1380, "69,33"],
    ]

    result = imported(municipality, xlsx_bytes(rows), file_name="loon.xlsx")

    assert stored(world.anna) == EXPECTED
    assert PayrollEntry.objects.get(participant=world.bart).total == Decimal("1380.00")
    assert result.payroll_import.file_format == "Excel (.xlsx), werkblad 'Loonkosten'"


def test_xlsx_errors_carry_the_sheet_row_number(world, municipality):
    rows = [
        [ANNA, "2024-03", 2000, 160, 500, 100, 40, 2800, 138.67],
        [None] * 9,
        [BART, "2024-03", -5, 0, 0, 0, 0, 0, 10],
    ]

    result = payroll_import(
        municipality=municipality, actor=None, file_name="loon.xlsx", content=xlsx_bytes(rows)
    )

    assert [(e.row, e.column) for e in result.errors] == [(4, "brutoloon")]


def test_the_header_is_case_and_space_insensitive():
    header = [
        "  BSN ",
        "PERIODE",
        "BrutoLoon",
        "vakantiegeld",
        "Werkgeverslasten",
        "pensioen",
        "Overige-Kosten",
        "TOTAAL",
        "Uren",
    ]

    parsed = read_payroll_file(csv_bytes([], header=header))

    assert parsed.columns == {name: index for index, name in enumerate(HEADER)}


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("1234,56", 123456),
        ("1.234,56", 123456),
        ("1,234.56", 123456),
        ("1 234,56", 123456),
        ("€ 1.234,56", 123456),
        ("1234.5", 123450),
        ("1.234", 123400),
        ("1.234.567,89", 123456789),
        ("0", 0),
        ("-0,00", 0),
        (" 12 ", 1200),
        ("", None),
        (12.34, 1234),
        (1234.56, 123456),
        (7, 700),
    ],
)
def test_amount_notations(text, cents):
    assert parse_cents(text) == cents


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("12,3x", "format"),
        ("1.23.4", "format"),
        ("-5,00", "negative"),
        ("(5,00)", "negative"),
        ("1234,567", "decimals"),
        (1.005, "decimals"),
        (True, "format"),
    ],
)
def test_bad_amounts(text, code):
    with pytest.raises(CellError) as raised:
        parse_cents(text)
    assert raised.value.code == code


@pytest.mark.parametrize(
    "text", ["2024-03", "2024-3", "2024-03-01", "1-3-2024", "01-03-2024", "mrt-24", "maart 2024"]
)
def test_period_notations_excel_makes(text):
    assert parse_month(text) == dt.date(2024, 3, 1)
