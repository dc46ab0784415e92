"""The budget report as an Excel workbook: one sheet per year, amounts as numbers."""

from __future__ import annotations

import io

from openpyxl import Workbook

from django.utils.translation import gettext as _

from basisbaan.budgets.forecasting import ProgrammeForecast
from basisbaan.calc.forecast import Scenario
from basisbaan.costs.export import PERCENT_FORMAT, _write

__all__ = ["forecast_workbook"]


def forecast_workbook(forecast: ProgrammeForecast) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Budget per jaar")
    header = [
        _("Jaar"),
        _("Budget"),
        _("Verloning"),
        _("Monitoringskosten"),
        _("Onderzoek"),
        _("Overig"),
        _("Besteed"),
        _("Verplicht (lopende contracten)"),
        _("Prognose alle contracten verlengd"),
        _("Prognose geen verlengingen"),
        _("Prognose waargenomen (verwachting)"),
        _("P10"),
        _("P50"),
        _("P90"),
        _("Kans op overschrijding"),
        _("Naar rekeningresultaat"),
        _("Afgesloten"),
    ]
    rows = [
        [
            y.year,
            y.amount,
            y.spent.payroll,
            y.spent.monitoring,
            y.spent.research,
            y.spent.other,
            y.spent.total,
            y.committed,
            y.forecast(Scenario.ALL_RENEWED),
            y.forecast(Scenario.NO_RENEWALS),
            y.observed,
            y.p10,
            y.p50,
            y.p90,
            y.p_overspend,
            y.to_accounts_result,
            _("ja") if y.closed else _("nee"),
        ]
        for y in forecast.years
    ]
    _write(sheet, header, rows, money=set(range(1, 14)) | {15})
    for cell in sheet["O"][1:]:
        cell.number_format = PERCENT_FORMAT
    months = book.create_sheet(_("Cumulatief per maand"))
    _write(
        months,
        [_("Maand"), _("Budget"), _("Werkelijk"), _("Scenario"), _("P10"), _("P50"), _("P90")],
        [
            [f"{p.month:%Y-%m}", p.budget, p.actual, p.forecast, p.p10, p.p50, p.p90]
            for p in forecast.months
        ],
        money={1, 2, 3, 4, 5, 6},
    )
    notes = book.create_sheet(_("Uitgangspunten"))
    notes.append([_("Prognose vanaf"), f"{forecast.as_of:%m-%Y}"])
    notes.append([_("Trekkingen"), forecast.draws])
    notes.append([_("Seed"), forecast.seed])
    notes.append([_("Kans op verlenging (verwachting)"), forecast.rates.renewal])
    notes.append([_("Kans op uitstroom per maand (verwachting)"), forecast.rates.exit])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
