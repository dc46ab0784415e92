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
from django.utils.translation import gettext as _

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


def _decimal_text(value: Decimal) -> str:
    """``Decimal("2900.000000")`` -> ``"2900"``, ``Decimal("0.100000")`` -> ``"0,1"``."""
    return format(value.normalize(), "f").replace(".", ",")


def case_text(data: dict[str, Any]) -> str:
    """The business case (the data of :func:`business_case_data`) as Dutch text tables."""
    enough = data["enough_participants"]
    few = _("minder dan %(n)s deelnemers") % {"n": data["threshold"]}

    def per(value: Decimal | None) -> str:
        return euro_text(value) if enough else few

    lines = [
        _("Business case van %(name)s (%(slug)s) op %(day)s: de volle maanden vóór %(month)s.")
        % {
            "name": data["programme_name"],
            "slug": data["programme_slug"],
            "day": f"{data['as_of']:%d-%m-%Y}",
            "month": f"{data['until']:%m-%Y}",
        },
        "",
    ]
    years = [*data["years"], data["total"]]
    header = ["", *[str(y["year"]) for y in data["years"]], _("Totaal")]
    lines += text_table(
        header,
        [[label] + [euro_text(y[key]) for y in years] for key, label in line_fields()],
    )
    payback = data["payback_years"]
    payback_text = (
        _("%(years)s jaar") % {"years": _decimal_text(payback)}
        if payback is not None
        else _("niet binnen de gemeten periode")
    )
    lines += [
        "",
        _("Netto kosten per deelnemerjaar: %(value)s")
        % {"value": per(data["net_cost_per_participant_year"])},
        _("Netto kosten per plaatsing: %(value)s (over %(n)s plaatsingen)")
        % {"value": per(data["net_cost_per_placement"]), "n": data["placements"]},
        _("Terugverdientijd: %(value)s") % {"value": payback_text},
        "",
        _("Van bruto naar netto kosten"),
    ]
    lines += text_table(["", ""], [[s["label"], euro_text(s["amount"])] for s in data["steps"]])[1:]
    factors = sorted({s["guidance_factor"] for s in data["sensitivity"]})
    deadweights = sorted({s["deadweight"] for s in data["sensitivity"]})
    cell = {(s["deadweight"], s["guidance_factor"]): s for s in data["sensitivity"]}
    lines += ["", _("Gevoeligheid: netto kosten per deelnemerjaar (deadweight × begeleiding)")]
    lines += text_table(
        [_("Deadweight"), *[_("begeleiding %(pct)s") % {"pct": _percent(f)} for f in factors]],
        [
            [_percent(dw)] + [per(cell[(dw, f)]["net_cost_per_participant_year"]) for f in factors]
            for dw in deadweights
        ],
    )
    lines += ["", _("Aannames")]
    for a in data["assumptions"]:
        since = (
            _("standaard")
            if a["is_default"]
            else _("vanaf %(day)s") % {"day": f"{a['effective_date']:%d-%m-%Y}"}
        )
        lines.append(
            _("- %(label)s: %(value)s (%(since)s). Bron: %(source)s")
            % {
                "label": a["label"],
                "value": _decimal_text(a["value"]),
                "since": since,
                "source": a["source"],
            }
        )
    rate = data["guidance_rate"]
    rate_text = euro_text(rate) if rate is not None else _("niet vastgelegd")
    if data["guidance_rate_source"]:
        rate_text += f" ({data['guidance_rate_source']})"
    lines.append(_("Intern uurtarief begeleiding: %(value)s") % {"value": rate_text})
    if data["missing_norm_months"]:
        lines.append(
            _("Let op: geen bijstandsnorm vastgelegd voor %(months)s.")
            % {"months": ", ".join(data["missing_norm_months"])}
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
