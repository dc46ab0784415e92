"""The outcome report and the business case as plain data: one structure for the
API and the command line's JSON (so the two can never differ).

Everything here comes from the layout the pages use (:func:`outcome_tables`) and
from :class:`~basisbaan.outcomes.business.BusinessCase`; a suppressed cell keeps
its Dutch text and status but never its number. Amounts are ``Decimal`` euros.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from basisbaan.calc.business_case import YearLine, per_participant_year
from basisbaan.outcomes.business import DEADWEIGHTS, GUIDANCE_FACTORS, BusinessCase
from basisbaan.outcomes.charts import step_labels
from basisbaan.outcomes.figures import OutcomeReport
from basisbaan.outcomes.layout import Shown, Table, outcome_tables
from basisbaan.outcomes.presentation import line_fields

__all__ = [
    "YEAR_LINE_FIELDS",
    "business_case_data",
    "euros",
    "outcome_data",
    "ppm_fraction",
]

PPM = 1_000_000
# Every field of a YearLine but the year, in the order of the dataclass.
YEAR_LINE_FIELDS: tuple[str, ...] = tuple(
    name for name in YearLine.__dataclass_fields__ if name != "year"
)


def euros(cents: int | None) -> Decimal | None:
    """Cents as euros (exact, two decimals); None stays None."""
    if cents is None:
        return None
    return (Decimal(cents) / 100).quantize(Decimal("0.01"))


def ppm_fraction(ppm: int) -> Decimal:
    """Parts per million as a fraction: ``250_000`` -> ``Decimal("0.25")``."""
    return (Decimal(ppm) / PPM).normalize()


# -- outcomes ---------------------------------------------------------------------------


def _cell(cell: Shown) -> dict[str, Any]:
    # A suppressed cell shows its text only: value, part and whole stay empty.
    if cell.suppressed:
        return {
            "status": cell.status,
            "value": None,
            "text": cell.text,
            "part": None,
            "whole": None,
        }
    return {
        "status": cell.status,
        "value": cell.value,
        "text": cell.text,
        "part": cell.part,
        "whole": cell.whole,
    }


def _table(table: Table) -> dict[str, Any]:
    return {
        "key": table.key,
        "title": table.title,
        "note": table.note,
        "columns": list(table.columns),
        "rows": [
            {
                "key": row.key,
                "label": row.label,
                "definition": row.definition,
                "cells": [_cell(c) for c in row.cells],
            }
            for row in table.rows
        ],
    }


def outcome_data(report: OutcomeReport, tables: list[Table] | None = None) -> dict[str, Any]:
    """The report as the tables of the page: ``{programme, programme_slug, programme_name,
    as_of, threshold, tables: [...]}``."""
    programme = report.programme
    return {
        "programme": programme.pk,
        "programme_slug": programme.slug,
        "programme_name": programme.name,
        "as_of": report.as_of,
        "threshold": report.threshold,
        "tables": [_table(t) for t in (tables if tables is not None else outcome_tables(report))],
    }


# -- the business case ------------------------------------------------------------------


def _line(line: YearLine) -> dict[str, Any]:
    data: dict[str, Any] = {"year": line.year}
    for name in YEAR_LINE_FIELDS:
        value = getattr(line, name)
        data[name] = value if name == "participant_months" else euros(value)
    data["deadweight_correction"] = euros(line.deadweight_correction)
    return data


def _payback(years: Fraction | None) -> Decimal | None:
    if years is None:
        return None
    return (Decimal(years.numerator) / Decimal(years.denominator)).quantize(
        Decimal("0.1"), ROUND_HALF_UP
    )


def _month(day: dt.date) -> str:
    return f"{day:%Y-%m}"


def business_case_data(case: BusinessCase, threshold: int) -> dict[str, Any]:
    """The business case as the page shows it. The per-participant figures and the
    sensitivity table are None when the programme has fewer participants than the
    threshold (as on the page)."""
    result = case.result
    enough = case.participants >= threshold
    total = result.total
    per_year = result.net_cost_per_participant_year if enough else None
    # Whole cents, rounded half away from zero like the net figure.
    gross_per_year = (
        per_participant_year(total.net_cost_gross_effect, total.participant_months)
        if enough
        else None
    )
    per_placement = (
        result.net_cost_per_placement(case.placements) if enough and case.placements else None
    )
    labels = step_labels()
    line_labels = dict(line_fields())
    return {
        "programme": case.programme.pk,
        "programme_slug": case.programme.slug,
        "programme_name": case.programme.name,
        "as_of": case.as_of,
        "until": case.until,
        "threshold": threshold,
        "enough_participants": enough,
        "placements": case.placements,
        "line_labels": [{"key": k, "label": v} for k, v in line_labels.items()],
        "years": [_line(line) for line in result.years],
        "total": _line(total),
        "net_cost_per_participant_year": euros(per_year),
        "net_cost_gross_effect_per_participant_year": euros(gross_per_year),
        "net_cost_per_placement": euros(per_placement),
        "payback_years": _payback(result.payback_years),
        "lks_is_programme_income": result.lks_is_programme_income,
        "steps": [
            {"key": code, "label": labels.get(code, code), "amount": euros(amount)}
            for code, amount in case.steps
        ],
        "sensitivity": [
            {
                "deadweight": ppm_fraction(dw),
                "guidance_factor": ppm_fraction(gf),
                "net_cost_per_participant_year": euros(case.sensitivity.get((dw, gf)))
                if enough
                else None,
            }
            for dw in DEADWEIGHTS
            for gf in GUIDANCE_FACTORS
        ],
        "assumptions": [
            {
                "key": a.key,
                "label": a.label,
                "unit": a.unit,
                "value": a.value,
                "effective_date": a.effective_date,
                "source": a.source,
                "note": a.note,
                "is_default": a.is_default,
            }
            for a in case.assumptions.values()
        ],
        "guidance_rate": case.guidance_rate,
        "guidance_rate_source": case.guidance_rate_source,
        "norms": [
            {
                "month": _month(n.month),
                "single": n.single,
                "couple": n.couple,
                "since": n.since,
                "source": n.source,
                "assumed": n.assumed,
            }
            for n in case.norms
        ],
        "missing_norm_months": [_month(m) for m in case.missing_norm_months],
    }
