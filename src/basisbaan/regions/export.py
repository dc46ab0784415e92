"""The regional comparison as CSV and Excel: one row per sharing municipality and
one for the region, suppressed cells empty with their mark beside them, and the
definition version and each municipality's data date."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.table import Table, TableStyleInfo

from django.utils.translation import gettext as _

from basisbaan.calc.regional import Row
from basisbaan.calc.suppression import Mark
from basisbaan.regions.definitions import COUNT_FIGURES, RATE_FIGURES, YEAR_FIGURES
from basisbaan.regions.selectors import RegionComparison

__all__ = ["comparison_csv", "comparison_rows", "comparison_workbook"]


def _mark_text(mark: str) -> str:
    if mark == Mark.PRIMARY:
        return _("klein aantal")
    if mark == Mark.SECONDARY:
        return _("afgeschermd")
    return ""


def _header() -> list[str]:
    head = [_("Gemeente"), _("Peildatum"), _("Versie definities")]
    for figure in (*COUNT_FIGURES, *RATE_FIGURES):
        head += [str(figure.label), _("%(figure)s: toelichting") % {"figure": figure.label}]
    head += [
        _("Kosten per deelnemerjaar (EUR)"),
        _("Kosten per deelnemerjaar: toelichting"),
        _("Begeleidingsuren per deelnemerjaar"),
        _("Begeleidingsuren per deelnemerjaar: toelichting"),
    ]
    return head


def comparison_rows(data: RegionComparison) -> list[list[Any]]:
    """The header and the rows: values as numbers (euros with cents as Decimal)."""
    rows: list[list[Any]] = [_header()]
    lines: list[tuple[str, dt.date | None, Row]] = [(c.name, c.as_of, r) for c, r in data.rows()]
    as_of = min((c.as_of for c in data.columns), default=None)
    lines.append(
        (_("Regio %(name)s (totaal)") % {"name": data.region.name}, as_of, data.comparison.total)
    )
    for name, day, row in lines:
        out: list[Any] = [name, day.isoformat() if day else "", data.version]
        for figure in COUNT_FIGURES:
            cell = row.counts[figure.key]
            out += [cell.value, _mark_text(cell.mark)]
        for figure in RATE_FIGURES:
            cell = row.rates[figure.key]
            out += [cell.value, _mark_text(cell.mark) if cell.value is None else ""]
        cost = row.cost_per_year
        out += [
            None if cost.value is None else Decimal(int(cost.value)) / 100,
            _mark_text(cost.mark) if cost.value is None else "",
            row.hours_per_year.value,
            _mark_text(row.hours_per_year.mark) if row.hours_per_year.value is None else "",
        ]
        rows.append(out)
    return rows


def comparison_csv(data: RegionComparison) -> str:
    """Semicolon-separated, decimal comma (as Dutch Excel opens it), UTF-8 with BOM."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for row in comparison_rows(data):
        writer.writerow(
            [
                "" if v is None else str(v).replace(".", ",") if isinstance(v, Decimal) else v
                for v in row
            ]
        )
    return buffer.getvalue()


def comparison_workbook(data: RegionComparison) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Vergelijking")[:31]
    rows = comparison_rows(data)
    for row in rows:
        sheet.append(row)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            if isinstance(cell.value, Decimal):
                cell.number_format = "#,##0.00" if cell.column == len(rows[0]) - 3 else "0.0"
    end = sheet.cell(row=len(rows), column=len(rows[0])).coordinate
    table = Table(displayName="Vergelijking", ref=f"A1:{end}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    sheet.add_table(table)
    about = book.create_sheet(_("Definities")[:31])
    about.append([_("Cijfer"), _("Definitie")])
    for figure in (*COUNT_FIGURES, *RATE_FIGURES, *YEAR_FIGURES):
        about.append([str(figure.label), str(figure.definition)])
    about.append([_("Versie"), data.version])
    about.append([_("Drempel kleine aantallen"), data.comparison.threshold])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
