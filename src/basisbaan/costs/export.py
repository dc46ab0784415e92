"""Actual against planned as an Excel workbook: a sheet per contract-month and one per month.

Amounts are written as numbers with a euro format, never as text, so the
controller can add them up in Excel; shares as percentages.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from django.utils.translation import gettext as _

from basisbaan.core.export import safe_row
from basisbaan.costs.comparison import CostComparison
from basisbaan.costs.labels import key_labels
from basisbaan.participants.models import Participant

__all__ = ["comparison_workbook"]

EURO_FORMAT = '"€" #,##0.00;"€" -#,##0.00'
PERCENT_FORMAT = "0.0%"


def _write(sheet: Any, header: list[str], rows: list[list[Any]], money: set[int]) -> None:
    """A header and rows; every text neutralised (:func:`safe_row`): no cell is a formula."""
    sheet.append(safe_row(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(safe_row(row))
    for index in range(1, len(header) + 1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(12, len(header[index - 1]) + 2)
        if index - 1 in money:
            for cell in sheet[letter][1:]:
                cell.number_format = EURO_FORMAT
    sheet.freeze_panes = "A2"


def comparison_workbook(comparison: CostComparison, *, name: Callable[[Participant], str]) -> bytes:
    """The workbook's bytes. ``name``: how the viewer may see a participant
    (:meth:`PersonalDataPolicy.name <basisbaan.participants.privacy.PersonalDataPolicy.name>`)."""
    book = Workbook()
    lines_sheet = book.active
    lines_sheet.title = _("Per contract en maand")
    header = [
        _("Deelnemer"),
        _("Contract"),
        _("Maand"),
        _("Gepland brutoloon"),
        _("Gepland vakantiegeld"),
        _("Geplande werkgeverslasten"),
        _("Gepland pensioen"),
        _("Geplande monitoringskosten"),
        _("Gepland totaal"),
        _("LKS"),
        _("Brutoloon"),
        _("Vakantiegeld"),
        _("Werkgeverslasten"),
        _("Pensioen"),
        _("Overige kosten"),
        _("Totaal"),
        _("Afwijking"),
        _("Afwijking (%)"),
        _("Boven drempel"),
        _("Geen verloningsregel"),
        _("Aanname"),
    ]
    yes, no = _("ja"), _("nee")
    rows = []
    for contract in comparison.contracts:
        participant = contract.contract.participant
        who = name(participant)
        for line in contract.lines:
            plan = line.planned
            actual = line.actual if line.actual is not None and not line.missing else None
            rows.append(
                [
                    who,
                    contract.contract.reference or str(contract.contract.pk),
                    f"{line.month:%Y-%m}",
                    *(
                        [
                            plan.gross,
                            plan.holiday_allowance,
                            plan.employer_charges,
                            plan.pension,
                            plan.monitoring_fee,
                            plan.total,
                            plan.lks,
                        ]
                        if plan is not None
                        else [None] * 7
                    ),
                    *(
                        [
                            actual.gross_wage,
                            actual.holiday_allowance,
                            actual.employer_charges,
                            actual.pension,
                            actual.other_costs,
                            actual.total,
                        ]
                        if actual is not None
                        else [None] * 6
                    ),
                    line.deviation,
                    line.deviation_share,
                    yes if line.over_threshold else no,
                    yes if line.missing else no,
                    ", ".join(key_labels(line.assumed_keys)) if line.assumed else "",
                ]
            )
    _write(lines_sheet, header, rows, money=set(range(3, 17)))
    for cell in lines_sheet["R"][1:]:
        cell.number_format = PERCENT_FORMAT

    months_sheet = book.create_sheet(_("Per maand"))
    month_rows = [
        [
            f"{m.month:%Y-%m}",
            m.contracts,
            m.planned.total,
            m.planned.lks,
            m.actual.total if m.actual is not None else None,
            m.deviation,
            m.deviation_share,
            m.over_count,
            ", ".join(key_labels(m.assumed_keys)) if m.assumed else "",
        ]
        for m in comparison.months
    ]
    _write(
        months_sheet,
        [
            _("Maand"),
            _("Contracten"),
            _("Gepland totaal"),
            _("LKS"),
            _("Werkelijk totaal"),
            _("Afwijking"),
            _("Afwijking (%)"),
            _("Boven drempel"),
            _("Aanname"),
        ],
        month_rows,
        money={2, 3, 4, 5},
    )
    for cell in months_sheet["G"][1:]:
        cell.number_format = PERCENT_FORMAT
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
