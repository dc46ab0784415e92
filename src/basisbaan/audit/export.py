"""The filtered audit log as CSV or Excel: the same Dutch rows as the page.

Kept inside the audit app on purpose (openpyxl and :mod:`csv` directly), so it
can later give way to the generic list export of the base list view. Text that
a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``) is prefixed
with an apostrophe; the time is a real date-time in Excel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from django.utils.translation import gettext as _

from basisbaan.audit.display import AuditRow

__all__ = ["FORMULA_PREFIXES", "csv_bytes", "header", "safe_text", "xlsx_bytes"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
DATETIME_FORMAT = "dd-mm-yyyy hh:mm"


def safe_text(value: str) -> str:
    """``value``, with an apostrophe before anything a spreadsheet would calculate."""
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def header() -> list[str]:
    return [
        _("Tijdstip"),
        _("Gebruiker"),
        _("Actie"),
        _("Soort record"),
        _("Record-id"),
        _("Record"),
        _("Wijzigingen of gegevens"),
        _("Kanaal"),
        _("Request-id"),
    ]


def _texts(row: AuditRow) -> list[str]:
    return [
        safe_text(text)
        for text in (
            row.actor,
            row.action,
            row.record_type,
            row.record_id,
            row.record,
            row.details,
            row.channel,
            str(row.entry.request_id),
        )
    ]


def csv_bytes(rows: Iterable[AuditRow]) -> bytes:
    """Semicolon-separated UTF-8 with a byte-order mark, as Dutch Excel opens it."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header())
    for row in rows:
        writer.writerow([row.time_text, *_texts(row)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_bytes(rows: Iterable[AuditRow]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_("Auditlog"))
    widths = [17, 28, 14, 22, 10, 32, 80, 14, 38]
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    titles = []
    for title in header():
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        titles.append(cell)
    sheet.append(titles)
    for row in rows:
        when = WriteOnlyCell(sheet, value=row.time.replace(tzinfo=None))
        when.number_format = DATETIME_FORMAT
        sheet.append([when, *_texts(row)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
