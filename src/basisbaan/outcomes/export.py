"""The outcome and business-case pages as Excel workbooks: the same tables, the
same figures (from :mod:`basisbaan.outcomes.layout` and
:mod:`basisbaan.outcomes.presentation`), suppressed cells as their text."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from openpyxl import Workbook

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from basisbaan.costs.export import _write
from basisbaan.outcomes.business import DEADWEIGHTS, GUIDANCE_FACTORS, BusinessCase
from basisbaan.outcomes.charts import step_labels
from basisbaan.outcomes.figures import OutcomeReport
from basisbaan.outcomes.layout import Shown, Table
from basisbaan.outcomes.presentation import line_fields

__all__ = ["business_case_workbook", "outcomes_workbook"]


def _value(cell: Shown) -> Any:
    """A published count or share as a number, anything else as its text."""
    if cell.suppressed or cell.value is None:
        return cell.text
    return cell.value


def _euros(cents: int | None) -> Decimal | None:
    return None if cents is None else Decimal(cents) / 100


def outcomes_workbook(report: OutcomeReport, tables: list[Table]) -> bytes:
    book = Workbook()
    info = book.active
    info.title = _("Toelichting")
    _write(
        info,
        [_("Onderwerp"), _("Waarde")],
        [
            [_("Programma"), report.programme.name],
            [_("Peildatum"), date_format(report.as_of, "SHORT_DATE_FORMAT")],
            [_("Drempel kleine aantallen"), report.threshold],
            [
                _("Afscherming"),
                _(
                    "‘minder dan %(n)s’: gebaseerd op minder dan %(n)s mensen; ‘afgeschermd’: "
                    "verborgen omdat het kleine aantal anders uit andere cijfers te herleiden is. "
                    "Percentages: aandeel van wie gemeten of lang genoeg gestart is."
                )
                % {"n": report.threshold},
            ],
        ],
        set(),
    )
    for table in tables:
        sheet = book.create_sheet(str(table.title)[:31])
        header = ["", *table.columns, _("Definitie")]
        rows = [[row.label, *(_value(c) for c in row.cells), row.definition] for row in table.rows]
        _write(sheet, header, rows, set())
        if table.note:
            sheet.append([table.note])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def business_case_workbook(case: BusinessCase, threshold: int) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Per jaar")
    lines = [*case.result.years, case.result.total]
    header = ["", *(str(line.year) for line in case.result.years), _("Totaal")]
    rows = [
        [label, *(_euros(getattr(line, name)) for line in lines)] for name, label in line_fields()
    ]
    _write(sheet, header, rows, set(range(1, len(header))))
    steps = book.create_sheet(_("Van bruto naar netto"))
    labels = step_labels()
    _write(
        steps,
        [_("Stap"), _("Bedrag")],
        [[labels.get(code, code), _euros(amount)] for code, amount in case.steps],
        {1},
    )
    table = book.create_sheet(_("Gevoeligheid"))
    enough = case.participants >= threshold
    _write(
        table,
        [_("Deadweight / begeleidingsuren"), *(f"{gf // 10_000}%" for gf in GUIDANCE_FACTORS)],
        [
            [
                f"{dw // 10_000}%",
                *(
                    _euros(case.sensitivity.get((dw, gf)))
                    if enough
                    else _("minder dan %(n)s") % {"n": threshold}
                    for gf in GUIDANCE_FACTORS
                ),
            ]
            for dw in DEADWEIGHTS
        ],
        set(range(1, len(GUIDANCE_FACTORS) + 1)),
    )
    inputs = book.create_sheet(_("Aannames en bronnen"))
    _write(
        inputs,
        [_("Aanname"), _("Waarde"), _("Geldig vanaf"), _("Bron"), _("Standaard")],
        [
            [
                value.label,
                value.value,
                date_format(value.effective_date, "SHORT_DATE_FORMAT"),
                value.source,
                _("ja") if value.is_default else _("nee"),
            ]
            for value in case.assumptions.values()
        ]
        + [
            [
                _("Intern uurtarief begeleiding"),
                case.guidance_rate,
                "",
                case.guidance_rate_source,
                "",
            ]
        ]
        + [
            [
                _("Bijstandsnorm alleenstaande / gehuwden %(month)s")
                % {"month": date_format(n.month, "YEAR_MONTH_FORMAT")},
                f"{n.single} / {n.couple}",
                date_format(n.since, "SHORT_DATE_FORMAT") if n.since else "",
                n.source + (" " + _("(doorgetrokken: aanname)") if n.assumed else ""),
                "",
            ]
            for n in case.norms
        ],
        set(),
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
