"""The ESF+ reads as plain data for the API serializers: the indicator totals as
the page shows them, the worklist and the cost claim."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from basisbaan.esf.export import staff_name
from basisbaan.esf.selectors import COLUMNS, Claim, IndicatorReport, Problem
from basisbaan.outcomes.figures import suppressed_text
from basisbaan.participants.privacy import PersonalDataPolicy

__all__ = ["claim_data", "indicator_data", "worklist_data"]


def indicator_data(report: IndicatorReport) -> dict[str, Any]:
    rows = []
    for row in report.rows:
        indicator = row["indicator"]
        cells = [
            {
                "column": column,
                "value": cell.value,
                "status": cell.mark,
                "text": str(cell.value)
                if cell.shown
                else str(suppressed_text(cell, report.threshold)),
            }
            for column, cell in zip(COLUMNS, row["cells"], strict=True)
        ]
        rows.append(
            {
                "code": indicator.code,
                "label": str(indicator.label),
                "confidence": str(indicator.confidence),
                "confirmed": indicator.confirmed,
                "cells": cells,
            }
        )
    return {
        "operation": report.operation.pk,
        "programme": report.operation.programme_id,
        "as_of": report.as_of,
        "threshold": report.threshold,
        "registered": report.registered,
        "columns": list(COLUMNS),
        "rows": rows,
    }


def worklist_data(problems: list[Problem], policy: PersonalDataPolicy) -> list[dict[str, Any]]:
    return [
        {
            "kind": p.kind,
            "text": str(p.text),
            "participant": p.participant.pk if p.participant else None,
            "participant_name": policy.name(p.participant) if p.participant else None,
            "registration": p.registration.pk if p.registration else None,
            "staff": p.staff.pk if p.staff else None,
            "staff_name": staff_name(p.staff) if p.staff else None,
        }
        for p in problems
    ]


def claim_data(claim: Claim) -> dict[str, Any]:
    lines = [
        {**line, "staff": raw.staff, "staff_name": staff_name(line["staff"])}
        for line, raw in zip(claim.lines, claim.result.lines, strict=True)
    ]
    unrated = [
        {
            "staff": staff_id,
            "staff_name": staff_name(claim.staff.get(staff_id)),
            "hours": Decimal(hundredths) / 100,
        }
        for staff_id, hundredths in sorted(claim.result.unrated.items())
    ]
    return {
        "operation": claim.operation.pk,
        "programme": claim.operation.programme_id,
        "first": claim.first,
        "last": claim.last,
        "flat_rate": claim.operation.flat_rate,
        "lines": lines,
        "unrated": unrated,
        "direct": claim.direct,
        "flat": claim.flat,
        "total": claim.total,
        "standard_hours": {str(year): hours for year, hours in claim.standard_hours.items()},
        "sources": dict(claim.sources),
        "assumed": claim.assumed,
    }
