"""``basisbaan business_case --municipality SLUG --programme SLUG [--as-of YYYY-MM-DD]
[--format json|table]``.

The business case of a programme as its page shows it: the lines per year and in
total, the steps from gross to net cost, the figures per participant-year and per
placement (not below the threshold of participants), the payback time, the
sensitivity table and every assumption with its source. ``--format json`` prints
exactly the API's answer of ``GET /api/v1/business-case/{id}/``. Exit code 2 for
an unknown municipality or programme or a bad date.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.management.base import CommandParser
from django.utils import timezone

from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.core.money import group_number
from basisbaan.outcomes.api.data import business_case_data
from basisbaan.outcomes.api.serializers import BusinessCaseSerializer
from basisbaan.outcomes.business import business_case
from basisbaan.outcomes.management.common import (
    add_programme_arguments,
    as_of_of,
    audit_run,
    dump,
    euro_text,
    programme_of,
    text_table,
)
from basisbaan.outcomes.models import Assumption
from basisbaan.outcomes.presentation import line_fields
from basisbaan.outcomes.selectors import threshold_of


def _percent(fraction: Decimal) -> str:
    return group_number(fraction * 100, places=0, decimal_sep=",", thousand_sep=".") + "%"


def case_text(data: dict[str, Any]) -> str:
    """The business case (the data of :func:`business_case_data`) as Dutch text tables."""
    threshold = data["threshold"]
    few = f"minder dan {threshold} deelnemers"
    lines = [
        f"Business case van {data['programme_name']} ({data['programme_slug']}) op "
        f"{data['as_of']:%d-%m-%Y}: de volle maanden vóór {data['until']:%m-%Y}.",
        "",
    ]
    years = [*data["years"], data["total"]]
    header = ["", *[str(y["year"]) for y in data["years"]], "Totaal"]
    lines += text_table(
        header,
        [[label] + [euro_text(y[key]) for y in years] for key, label in line_fields()],
    )
    payback = data["payback_years"]
    lines += [
        "",
        "Netto kosten per deelnemerjaar: "
        + (
            euro_text(data["net_cost_per_participant_year"]) if data["enough_participants"] else few
        ),
        "Netto kosten per plaatsing: "
        + (euro_text(data["net_cost_per_placement"]) if data["enough_participants"] else few)
        + f" (over {data['placements']} plaatsingen)",
        "Terugverdientijd: "
        + (
            f"{str(payback).replace('.', ',')} jaar"
            if payback is not None
            else "niet binnen de gemeten periode"
        ),
        "",
        "Van bruto naar netto kosten",
    ]
    lines += text_table(["", ""], [[s["label"], euro_text(s["amount"])] for s in data["steps"]])[1:]
    factors = sorted({s["guidance_factor"] for s in data["sensitivity"]})
    deadweights = sorted({s["deadweight"] for s in data["sensitivity"]})
    cell = {(s["deadweight"], s["guidance_factor"]): s for s in data["sensitivity"]}
    lines += ["", "Gevoeligheid: netto kosten per deelnemerjaar (deadweight × begeleiding)"]
    lines += text_table(
        ["Deadweight", *[f"begeleiding {_percent(f)}" for f in factors]],
        [
            [_percent(dw)]
            + [
                euro_text(cell[(dw, f)]["net_cost_per_participant_year"])
                if data["enough_participants"]
                else few
                for f in factors
            ]
            for dw in deadweights
        ],
    )
    lines += ["", "Aannames"]
    for a in data["assumptions"]:
        since = "standaard" if a["is_default"] else f"vanaf {a['effective_date']:%d-%m-%Y}"
        value = str(a["value"].normalize()).replace(".", ",")
        lines.append(f"- {a['label']}: {value} ({since}). Bron: {a['source']}")
    rate = data["guidance_rate"]
    lines.append(
        "Intern uurtarief begeleiding: "
        + (euro_text(rate) if rate is not None else "niet vastgelegd")
        + (f" ({data['guidance_rate_source']})" if data["guidance_rate_source"] else "")
    )
    if data["missing_norm_months"]:
        lines.append(
            "Let op: geen bijstandsnorm vastgelegd voor " + ", ".join(data["missing_norm_months"])
        )
    return "\n".join(lines)


class Command(BasisbaanCommand):
    help = (
        "Business case of a programme on a reporting date: costs against savings per year, "
        "the steps from gross to net cost, sensitivity and every assumption with its source."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        add_programme_arguments(parser)

    def handle(self, *args: object, **options: Any) -> None:
        programme = programme_of(options)
        as_of = as_of_of(options, timezone.localdate())
        case = business_case(programme, as_of=as_of)
        data = business_case_data(case, threshold_of(programme.municipality))
        audit_run(
            programme,
            model=Assumption,
            as_of=as_of,
            rows=len(case.result.years),
            fmt=str(options["format"]),
        )
        if options["format"] == "json":
            self.stdout.write(dump(BusinessCaseSerializer(data).data))
            return
        self.stdout.write(case_text(data))
