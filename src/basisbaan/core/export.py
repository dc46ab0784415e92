"""The one writer of list exports: Excel (openpyxl) and CSV, the same columns.

A list describes its columns once (:class:`ExportColumn`: title, how to get the
value of a row, what kind of value it is) and hands its rows here. What the
files hold:

- **Excel**: dates and times as real dates (``dd-mm-jjjj``), amounts of money
  as numbers with two decimals and thousands grouped, percentages as numbers
  with a percent format, whole numbers as numbers. Number formats in an .xlsx
  file are always written in the file format's own notation (``#,##0.00``);
  Excel shows them with the reader's separators, so a Dutch Excel shows
  ``1.234,56`` (the ``#.##0,00`` a Dutch user sees in the format dialog).
- **CSV**: semicolon-separated UTF-8 with a byte-order mark, as Dutch Excel
  opens it; dates as ``29-11-2026``, amounts as ``1234,56`` (a decimal comma, no
  grouping, so the spreadsheet reads them as numbers).
- In both, **text** that a spreadsheet would run as a formula (it starts with
  ``=``, ``+``, ``-``, ``@``, a tab or a carriage return) gets an apostrophe in
  front: the cell shows the text, it never calculates. Every export, also the
  workbooks of costs and budgets, writes its cells through :func:`safe_cell`
  (docs/security.md#input-imports-and-exports).

The file name carries the list's name, the municipality and the day:
``deelnemers-leeuwarden-2026-11-18.xlsx``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from django.http import HttpResponse
from django.utils import timezone

from basisbaan.core.formatting import month_text

__all__ = [
    "CONTENT_TYPES",
    "FORMULA_PREFIXES",
    "Kind",
    "ExportColumn",
    "csv_bytes",
    "export_filename",
    "export_response",
    "safe_cell",
    "safe_row",
    "safe_text",
    "xlsx_bytes",
]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class Kind(StrEnum):
    """What a column holds, which decides its cell type and number format."""

    TEXT = "text"
    DATE = "date"
    DATETIME = "datetime"
    MONEY = "money"
    INTEGER = "integer"
    DECIMAL = "decimal"
    PERCENT = "percent"  # a fraction: 0.022 is 2,2 %
    MONTH = "month"  # a date that stands for its month: shown as januari 2025


# The Excel number format of each kind (the file's notation; see the module docstring).
NUMBER_FORMATS = {
    Kind.DATE: "dd-mm-yyyy",
    Kind.DATETIME: "dd-mm-yyyy hh:mm",
    Kind.MONEY: "#,##0.00",
    Kind.INTEGER: "0",
    Kind.DECIMAL: "#,##0.00",
    Kind.PERCENT: "0.0#%",
    Kind.MONTH: "mmmm yyyy",
}

DATE_KINDS = (Kind.DATE, Kind.DATETIME, Kind.MONTH)


@dataclass(frozen=True, slots=True)
class ExportColumn:
    """One column of an export: its title, how to read a row, its kind and width."""

    key: str
    title: str
    value: Callable[[Any], Any]
    kind: Kind = Kind.TEXT
    width: int = 18


def safe_text(value: str) -> str:
    """``value``, with an apostrophe before anything a spreadsheet would calculate."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def safe_cell(value: Any) -> Any:
    """A cell value for any export: text neutralised by :func:`safe_text`, numbers,
    dates and empty cells as they are (a negative amount stays a number).

    openpyxl writes a string that starts with ``=`` as a formula: every cell an
    export writes goes through here (or :func:`safe_row`), so none can be one.
    """
    return safe_text(value) if isinstance(value, str) else value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """:func:`safe_cell` of every value: a row for ``sheet.append`` or ``csv.writer``."""
    return [safe_cell(value) for value in values]


def _cell_value(column: ExportColumn, row: Any) -> Any:
    """The value for Excel: a date, a number, or neutralised text ("" for none)."""
    value = column.value(row)
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime) and column.kind in DATE_KINDS:
        # Excel has no time zones: the local time (or day) as the page shows it.
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(tzinfo=None) if column.kind == Kind.DATETIME else value.date()
    if column.kind in DATE_KINDS and isinstance(value, dt.date):
        return value
    if column.kind in (Kind.MONEY, Kind.DECIMAL, Kind.PERCENT) and isinstance(
        value, Decimal | int | float
    ):
        # openpyxl writes a Decimal as its exact decimal text, a real number in Excel.
        return value if isinstance(value, Decimal) else Decimal(str(value))
    if column.kind == Kind.INTEGER and isinstance(value, int):
        return value
    return safe_text(str(value))


def _csv_text(column: ExportColumn, row: Any) -> str:
    value = _cell_value(column, row)
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return f"{value:%d-%m-%Y %H:%M}"
    if isinstance(value, dt.date) and column.kind == Kind.MONTH:
        return month_text(value)
    if isinstance(value, dt.date):
        return f"{value:%d-%m-%Y}"
    if isinstance(value, Decimal):
        if column.kind == Kind.PERCENT:
            value = value * 100
        places = 2 if column.kind in (Kind.MONEY, Kind.DECIMAL) else None
        text = f"{value:.{places}f}" if places is not None else f"{value.normalize():f}"
        return text.replace(".", ",")
    return str(value)


def csv_bytes(columns: Sequence[ExportColumn], rows: Iterable[Any]) -> bytes:
    """Semicolon-separated UTF-8 with a byte-order mark, as Dutch Excel opens it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(safe_row(column.title for column in columns))
    for row in rows:
        writer.writerow([_csv_text(column, row) for column in columns])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(title: str, columns: Sequence[ExportColumn], rows: Iterable[Any]) -> bytes:
    """One sheet called ``title``: a bold, frozen header row, then a row per record."""
    book = Workbook(write_only=True)
    # A sheet name may hold at most 31 characters and none of []:*?/\
    sheet = book.create_sheet("".join(c for c in title if c not in "[]:*?/\\")[:31])
    for index, column in enumerate(columns, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for column in columns:
        cell = WriteOnlyCell(sheet, value=safe_cell(column.title))
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        cells = []
        for column in columns:
            cell = WriteOnlyCell(sheet, value=_cell_value(column, row))
            if column.kind in NUMBER_FORMATS and cell.value is not None:
                cell.number_format = NUMBER_FORMATS[column.kind]
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def export_filename(name: str, municipality_slug: str, day: dt.date, file_format: str) -> str:
    """``deelnemers-leeuwarden-2026-11-18.xlsx``."""
    return f"{name}-{municipality_slug}-{day:%Y-%m-%d}.{file_format}"


def export_response(
    *,
    file_format: str,
    title: str,
    filename: str,
    columns: Sequence[ExportColumn],
    rows: Iterable[Any],
) -> HttpResponse:
    """The file as a download (``file_format`` is ``"csv"`` or ``"xlsx"``)."""
    csv_file = file_format == "csv"
    content = csv_bytes(columns, rows) if csv_file else xlsx_bytes(title, columns, rows)
    response = HttpResponse(content, content_type=CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
