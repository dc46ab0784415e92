"""The business case laid out for the page and the export: lines per year with
their labels, the per-participant figures (hidden below the threshold), the
sensitivity table, who pays and who gains, and every input with its source."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext as _

from basisbaan.calc.business_case import YearLine, per_participant_year
from basisbaan.core.money import format_euro
from basisbaan.outcomes.anchors import AMSTELVEEN
from basisbaan.outcomes.business import DEADWEIGHTS, GUIDANCE_FACTORS, BusinessCase
from basisbaan.outcomes.charts import step_labels

__all__ = ["business_context", "euro", "line_fields"]


def euro(cents: int | None) -> str:
    if cents is None:
        return "—"
    return format_euro(Decimal(cents) / 100)


# The lines of the year table: field of YearLine, label, sign shown (+ cost, − saving).
def line_fields() -> list[tuple[str, str]]:
    return [
        ("payroll", _("Loonkosten (verloning, anders het kostenmodel)")),
        ("fees", _("Kosten verloningspartij")),
        ("guidance", _("Begeleiding (uren × intern tarief)")),
        ("research", _("Onderzoek")),
        ("other", _("Overige uitgaven")),
        ("gross_cost", _("Bruto kosten")),
        ("lks", _("Loonkostensubsidie (uit de BUIG)")),
        ("assistance_saved_gross", _("Bespaarde bijstand, bruto")),
        ("execution_saved_gross", _("Bespaarde uitvoeringskosten, bruto")),
        ("assistance_saved_net", _("Bespaarde bijstand, na deadweight")),
        ("execution_saved_net", _("Bespaarde uitvoeringskosten, na deadweight")),
        ("net_cost_gross_effect", _("Netto kosten, bruto effect (zonder deadweight)")),
        ("net_cost", _("Netto kosten, netto effect")),
        ("general_fund", _("waarvan algemene middelen (programmabudget)")),
        ("buig", _("waarvan BUIG (bijstandsbudget)")),
    ]


def _year_rows(case: BusinessCase) -> list[dict[str, Any]]:
    lines: list[YearLine] = [*case.result.years, case.result.total]
    rows = []
    for name, label in line_fields():
        rows.append(
            {
                "key": name,
                "label": label,
                "cells": [euro(getattr(line, name)) for line in lines],
                "strong": name in ("gross_cost", "net_cost"),
            }
        )
    if any(case.lkv.values()):
        years = [line.year for line in case.result.years if line.year is not None]
        rows.append(
            {
                "key": "lkv",
                "label": _(
                    "Loonkostenvoordeel voor de werkgever (verwacht, niet in de netto kosten)"
                ),
                "cells": [euro(case.lkv.get(year, 0)) for year in years]
                + [euro(sum([case.lkv.get(year, 0) for year in years]))],
                "strong": False,
            }
        )
    return rows


def _per_year(cents: int | None, threshold_ok: bool) -> str:
    if not threshold_ok:
        return ""
    return euro(cents)


def business_context(case: BusinessCase, threshold: int) -> dict[str, Any]:
    result = case.result
    enough = case.participants >= threshold
    per_year_net = result.net_cost_per_participant_year if enough else None
    gross_per_year = (
        per_participant_year(result.total.net_cost_gross_effect, result.total.participant_months)
        if enough
        else None
    )
    per_placement = (
        result.net_cost_per_placement(case.placements) if enough and case.placements else None
    )
    payback = result.payback_years
    payback_text = _("niet binnen de gemeten periode")
    if payback is not None:
        value = (Decimal(payback.numerator) / Decimal(payback.denominator)).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )
        payback_text = _("%(years)s jaar") % {"years": str(value).replace(".", ",")}
    labels = step_labels()
    steps = [
        {"label": labels.get(code, code), "amount": euro(amount)} for code, amount in case.steps
    ]
    sensitivity = [
        {
            "deadweight": f"{dw // 10_000}%",
            "cells": [
                euro(case.sensitivity.get((dw, gf)))
                if enough
                else _("minder dan %(n)s") % {"n": threshold}
                for gf in GUIDANCE_FACTORS
            ],
        }
        for dw in DEADWEIGHTS
    ]
    return {
        "year_headers": [str(line.year) for line in result.years] + [_("Totaal")],
        "year_rows": _year_rows(case),
        "enough": enough,
        "per_participant_year": euro(per_year_net) if enough else None,
        "gross_per_participant_year": euro(gross_per_year) if enough else None,
        "per_placement": euro(per_placement) if enough else None,
        "payback_text": payback_text,
        "steps": steps,
        "sensitivity_headers": [f"{gf // 10_000}%" for gf in GUIDANCE_FACTORS],
        "sensitivity_rows": sensitivity,
        "amstelveen": AMSTELVEEN,
        "total": result.total,
        "total_general_fund": euro(result.total.general_fund),
        "total_buig": euro(result.total.buig),
    }
