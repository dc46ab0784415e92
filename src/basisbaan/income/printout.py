"""The printed "does work pay?" for the conversation with a participant: one page
of plain Dutch (B1), a tagged PDF/UA-1 file.

Made as the research consent form is (research/consent_form.py): HTML from a
template in Dutch, rendered by WeasyPrint in the variant ``pdf/ua-1`` with tags,
the document language nl and the title in the metadata. It is for the
participant: their name is at the top, never their BSN.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby
from typing import Any

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify

from basisbaan.core.money import group_number
from basisbaan.income.charts import income_chart_svg
from basisbaan.income.rules import ParameterUse
from basisbaan.income.selectors import ParticipantComparison
from basisbaan.income.texts import KIND_TEXT, SIMPLIFICATION_TEXT
from basisbaan.participants.models import Participant

__all__ = ["printout_filename", "printout_html", "printout_pdf"]

ADULT = 18


@dataclass(frozen=True, slots=True)
class RuleLine:
    label: str
    value: str
    assumption: bool


@dataclass(frozen=True, slots=True)
class RuleGroup:
    """The values taken from one source, in force from one day."""

    source: str
    valid_from: dt.date
    lines: tuple[RuleLine, ...]


def rule_groups(uses: tuple[ParameterUse, ...]) -> list[RuleGroup]:
    """The values used, grouped by source and date (in the order first used)."""
    order = {
        key: i for i, key in enumerate(dict.fromkeys((u.source, u.effective_date) for u in uses))
    }
    ordered = sorted(uses, key=lambda u: order[(u.source, u.effective_date)])
    return [
        RuleGroup(
            source, day, tuple(RuleLine(u.label, value_text(u.value), u.assumption) for u in group)
        )
        for (source, day), group in groupby(ordered, key=lambda u: (u.source, u.effective_date))
    ]


def value_text(value: Decimal) -> str:
    """A rule's value in Dutch: ``38441.000`` -> ``38.441``, ``0.3582`` -> ``0,3582``."""
    normal = value.normalize()
    exponent = normal.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    return group_number(normal, places=places, decimal_sep=",", thousand_sep=".")


def printout_context(
    participant: Participant, result: ParticipantComparison, *, today: dt.date
) -> dict[str, Any]:
    c = result.comparison
    first = c.first_year
    working_months = [row for row in first if row.working]
    disregard_months = min(c.disregard_months, len(working_months))
    return {
        "participant": participant,
        "municipality": participant.municipality,
        "today": today,
        "c": c,
        "household": KIND_TEXT[c.household.kind],
        "children": sum(1 for age in c.household.children_ages if age < ADULT),
        "start": dt.date(c.year, c.job.start_month, 1),
        "local_assistance": sum((a for _n, a in c.on_assistance.local), Decimal(0)),
        "local_working": sum((a for _n, a in c.working.local), Decimal(0)),
        "gain_abs": abs(c.gain_month),
        "disregard_shown": c.disregard_month > 0 and disregard_months > 0,
        "disregard_count": disregard_months,
        "simplifications": [SIMPLIFICATION_TEXT[s] for s in c.simplifications],
        "groups": rule_groups(result.rules.used),
        "assumptions": bool(result.rules.assumptions),
        "chart": income_chart_svg(c, id_prefix="grafiek"),
    }


def printout_html(
    participant: Participant, result: ParticipantComparison, *, today: dt.date
) -> str:
    with translation.override("nl"):
        return render_to_string(
            "income/printout.html", printout_context(participant, result, today=today)
        )


def printout_pdf(
    participant: Participant, result: ParticipantComparison, *, today: dt.date
) -> bytes:
    from weasyprint import HTML  # imported here: slow to import, only needed for a PDF

    html = HTML(string=printout_html(participant, result, today=today), base_url=None)
    pdf: bytes = html.write_pdf(pdf_variant="pdf/ua-1", pdf_tags=True)
    return pdf


def printout_filename(result: ParticipantComparison) -> str:
    return f"{slugify(f'loont werken {result.comparison.year}')}.pdf"
