"""The one list exporter: exact cells in Excel and CSV, real dates, numbers with
Dutch formats, and no formula that a spreadsheet would run."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook

from basisbaan.core.export import (
    ExportColumn,
    Kind,
    csv_bytes,
    export_filename,
    safe_text,
    xlsx_bytes,
)

COLUMNS = [
    ExportColumn("name", "Naam", lambda r: r["name"]),
    ExportColumn("day", "Datum", lambda r: r["day"], Kind.DATE),
    ExportColumn("at", "Tijdstip", lambda r: r["at"], Kind.DATETIME),
    ExportColumn("month", "Maand", lambda r: r["month"], Kind.MONTH),
    ExportColumn("amount", "Bedrag", lambda r: r["amount"], Kind.MONEY),
    ExportColumn("share", "Aandeel", lambda r: r["share"], Kind.PERCENT),
    ExportColumn("count", "Aantal", lambda r: r["count"], Kind.INTEGER),
]

ROWS = [
    {
        "name": '=HYPERLINK("http://x")',
        "day": dt.date(2026, 11, 29),
        # 09:30 UTC is 10:30 in Amsterdam: the file shows the local time.
        "at": dt.datetime(2026, 11, 18, 9, 30, tzinfo=ZoneInfo("UTC")),
        "month": dt.date(2025, 1, 1),
        "amount": Decimal("1234.56"),
        "share": Decimal("0.022"),
        "count": 3,
    },
    {
        "name": "-2+3",
        "day": None,
        "at": None,
        "month": dt.date(2025, 2, 1),
        "amount": Decimal("-12.50"),
        "share": None,
        "count": 0,
    },
]


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+2", "'=1+2"),
        ("+31 6", "'+31 6"),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Piet de Jong", "Piet de Jong"),
        ("", ""),
    ],
)
def test_text_a_spreadsheet_would_calculate_is_neutralised(text, safe):
    assert safe_text(text) == safe


def test_excel_holds_real_dates_numbers_and_neutralised_text(settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    book = load_workbook(io.BytesIO(xlsx_bytes("Deelnemers", COLUMNS, ROWS)))
    sheet = book["Deelnemers"]

    values = [[cell.value for cell in row] for row in sheet.iter_rows()]

    assert values == [
        ["Naam", "Datum", "Tijdstip", "Maand", "Bedrag", "Aandeel", "Aantal"],
        [
            '\'=HYPERLINK("http://x")',
            dt.datetime(2026, 11, 29, 0, 0),
            dt.datetime(2026, 11, 18, 10, 30),
            dt.datetime(2025, 1, 1, 0, 0),
            1234.56,
            0.022,
            3,
        ],
        ["'-2+3", None, None, dt.datetime(2025, 2, 1, 0, 0), -12.5, None, 0],
    ]
    assert sheet["A2"].data_type == "s"
    assert [sheet[f"{c}2"].number_format for c in "BCDEFG"] == [
        "dd-mm-yyyy",
        "dd-mm-yyyy hh:mm",
        "mmmm yyyy",
        "#,##0.00",  # Dutch Excel shows it as #.##0,00: 1.234,56
        "0.0#%",
        "0",
    ]
    assert sheet["B2"].is_date and sheet["E2"].data_type == "n"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold


def test_csv_is_what_dutch_excel_opens(settings):
    settings.TIME_ZONE = "Europe/Amsterdam"
    content = csv_bytes(COLUMNS, ROWS)

    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows == [
        ["Naam", "Datum", "Tijdstip", "Maand", "Bedrag", "Aandeel", "Aantal"],
        [
            '\'=HYPERLINK("http://x")',
            "29-11-2026",
            "18-11-2026 10:30",
            "januari 2025",
            "1234,56",
            "2,2",
            "3",
        ],
        ["'-2+3", "", "", "februari 2025", "-12,50", "", "0"],
    ]


def test_the_file_name_has_the_list_the_municipality_and_the_day():
    assert (
        export_filename("deelnemers", "leeuwarden", dt.date(2026, 11, 18), "xlsx")
        == "deelnemers-leeuwarden-2026-11-18.xlsx"
    )


def test_a_long_sheet_title_is_cut_to_what_excel_accepts():
    book = load_workbook(io.BytesIO(xlsx_bytes("Lijst: [a/b] " + "x" * 40, COLUMNS[:1], [])))
    assert book.sheetnames == ["Lijst ab " + "x" * 22]


def test_safe_cell_neutralises_text_only():
    """Text that would calculate gets an apostrophe; numbers, dates and None stay
    what they are (a negative amount is a number, not a formula)."""
    from basisbaan.core.export import safe_cell, safe_row

    day = dt.date(2026, 11, 29)
    assert safe_row(["=1+2", "@SUM(A1)", "\tx", "\rx", "-3", "+3", "Jan", "", None]) == [
        "'=1+2",
        "'@SUM(A1)",
        "'\tx",
        "'\rx",
        "'-3",
        "'+3",
        "Jan",
        "",
        None,
    ]
    assert safe_cell(Decimal("-12.50")) == Decimal("-12.50")
    assert safe_cell(-3) == -3
    assert safe_cell(day) is day
