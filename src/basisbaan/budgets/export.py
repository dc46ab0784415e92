"""The budget page as an Excel workbook: the same year table, the same figures.

The first sheet has the page's year table column for column (the rows come from
:func:`basisbaan.budgets.report.year_rows`, which the page renders too), so the
workbook and the page cannot disagree. Amounts are numbers, the chance a
percentage.
"""

from __future__ import annotations

import io

from openpyxl import Workbook

from django.utils.translation import gettext as _

from basisbaan.budgets.constants import SCENARIO_LABELS
from basisbaan.budgets.forecasting import ProgrammeForecast
from basisbaan.budgets.report import year_rows
from basisbaan.calc.forecast import Scenario
from basisbaan.core.export import safe_row
from basisbaan.core.formatting import month_text
from basisbaan.costs.export import PERCENT_FORMAT, _write

__all__ = ["forecast_workbook", "year_header"]


def year_header(scenario: Scenario) -> list[str]:
    return [
        _("Jaar"),
        _("Afgesloten"),
        _("Budget"),
        _("Besteed"),
        _("Verplicht"),
        _("Prognose (%(scenario)s)") % {"scenario": SCENARIO_LABELS[scenario]},
        _("Naar rekeningresultaat"),
        _("80 % kans: vanaf"),
        _("80 % kans: tot"),
        _("Kans boven budget"),
    ]


def forecast_workbook(forecast: ProgrammeForecast, scenario: Scenario) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = _("Budget per jaar")
    rows = [
        [
            row.year,
            _("ja") if row.closed else _("nee"),
            row.budget,
            row.spent,
            row.committed,
            row.forecast,
            row.rest,
            row.low,
            row.high,
            row.p_overspend,
        ]
        for row in year_rows(forecast, scenario)
    ]
    _write(sheet, year_header(scenario), rows, money={2, 3, 4, 5, 6, 7, 8})
    for cell in sheet["J"][1:]:
        cell.number_format = PERCENT_FORMAT
    sheet.append(safe_row([]))
    sheet.append(
        safe_row(
            [
                _(
                    "De onzekerheid (80 %% kans, kans boven budget) komt uit de simulatie van het "
                    "waargenomen verloop, voor elk scenario dezelfde. Prognose vanaf %(month)s."
                )
                % {"month": month_text(forecast.as_of)}
            ]
        )
    )
    kinds = book.create_sheet(_("Besteding per soort"))
    _write(
        kinds,
        [_("Jaar"), _("Verloning"), _("Monitoring"), _("Onderzoek"), _("Overig")],
        [
            [y.year, y.spent.payroll, y.spent.monitoring, y.spent.research, y.spent.other]
            for y in forecast.years
        ],
        money={1, 2, 3, 4},
    )
    months = book.create_sheet(_("Cumulatief per maand"))
    _write(
        months,
        [
            _("Maand"),
            _("Budget"),
            _("Werkelijk"),
            str(SCENARIO_LABELS[scenario]),
            _("Simulatie: 10 % kans lager dan"),
            _("Simulatie: middelste uitkomst"),
            _("Simulatie: 10 % kans hoger dan"),
        ],
        [
            [month_text(p.month), p.budget, p.actual, p.forecast, p.p10, p.p50, p.p90]
            for p in forecast.months
        ],
        money={1, 2, 3, 4, 5, 6},
    )
    notes = book.create_sheet(_("Uitgangspunten"))
    notes.append(safe_row([_("Prognose vanaf"), month_text(forecast.as_of)]))
    notes.append(safe_row([_("Kans op verlenging (verwachting)"), forecast.rates.renewal]))
    notes.append(safe_row([_("Kans op uitstroom per maand (verwachting)"), forecast.rates.exit]))
    notes.append(safe_row([_("Aantal gesimuleerde toekomsten"), forecast.draws]))
    notes.append(safe_row([_("Startgetal van de simulatie"), forecast.seed]))
    for cell in notes["B"][1:3]:
        cell.number_format = PERCENT_FORMAT
    if forecast.missing:
        notes.append(
            safe_row(
                [
                    _("Verloning ontbreekt (kostenmodel telt mee)"),
                    ", ".join(month_text(m.day) for m in forecast.missing),
                ]
            )
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
