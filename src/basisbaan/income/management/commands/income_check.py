"""``basisbaan income_check --household single --rent 650 --hours 32 --wage 14.71
--year 2026 [--children 5,13] [--partner-income N] [--start-month M]
[--pension-rate F] [--municipality SLUG] [--format json|table]``.

Does work pay? The household on assistance against the household in a basisbaan,
for given inputs (no person). ``--format json`` prints exactly the API's answer
of ``POST /api/v1/income-check/``; ``table`` the same figures as Dutch text
tables. ``--municipality`` adds that municipality's local schemes. Exit code 2
for a bad input, an unknown municipality or a year without rules.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.calc.income import MAX_CHILDREN, Household
from basisbaan.calc.income_rules import Kind
from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.income.selectors import comparison_for
from basisbaan.income.serialize import comparison_json
from basisbaan.income.texts import KIND_OF_CODE, NO_RULES_TEXT
from basisbaan.outcomes.management.common import USAGE_ERROR, dump, euro_text, text_table
from basisbaan.tenancy.models import Municipality

__all__ = ["Command", "check_text"]

HOURS_MAX = Decimal(40)
WAGE_MAX = Decimal(1000)


def _decimal(name: str, value: str, *, low: Decimal, high: Decimal) -> Decimal:
    try:
        number = Decimal(value.replace(",", "."))
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite() or not low <= number <= high:
        raise CommandError(
            _("Ongeldige waarde voor %(name)s: %(value)s (van %(low)s tot en met %(high)s).")
            % {"name": name, "value": value, "low": low, "high": high},
            returncode=USAGE_ERROR,
        )
    return number.quantize(Decimal("0.0001"))


def _children(value: str) -> tuple[int, ...]:
    parts = [p.strip() for p in value.split(",") if p.strip()]
    if len(parts) > MAX_CHILDREN or not all(p.isdigit() and int(p) <= 30 for p in parts):
        raise CommandError(
            _("Ongeldige leeftijden van kinderen: %(value)s. Bijvoorbeeld: 5,13.")
            % {"value": value},
            returncode=USAGE_ERROR,
        )
    return tuple(int(p) for p in parts)


def check_text(data: dict[str, Any]) -> str:
    """The comparison (the API's JSON) as Dutch text tables."""
    given = data["inputs"]
    on, work = data["on_assistance"], data["working"]

    def euro(value: str) -> str:
        return euro_text(Decimal(value))

    lines = [
        _("Loont werken? %(year)s: %(household)s, %(hours)s uur per week tegen %(wage)s bruto.")
        % {
            "year": given["year"],
            "household": given["household"],
            "hours": format(Decimal(given["hours_per_week"]).normalize(), "f").replace(".", ","),
            "wage": euro(given["hourly_wage"]),
        },
        "",
    ]
    rows = [
        (_("Netto loon"), "net_wage"),
        (_("Netto inkomen partner"), "partner_net"),
        (_("Aanvulling bijstand"), "assistance"),
        (_("Zorgtoeslag"), "healthcare"),
        (_("Huurtoeslag"), "rent"),
        (_("Kindgebonden budget"), "child"),
        (_("Lokale regelingen"), "local_total"),
        (_("Totaal"), "total"),
    ]
    lines += text_table(
        [_("Per maand"), _("Met bijstand"), _("Met basisbaan")],
        [[label, euro(on[key]), euro(work[key])] for label, key in rows],
    )
    lines += [
        "",
        _("Verschil per maand: %(value)s") % {"value": euro(data["gain_month"])},
        _("Verschil per jaar: %(value)s") % {"value": euro(data["gain_year"])},
        *(
            [
                _("Vrijlating: %(value)s per maand, de eerste %(months)s maanden")
                % {"value": euro(data["disregard_month"]), "months": data["disregard_months"]}
            ]
            if Decimal(data["disregard_month"]) > 0
            else []
        ),
        # A share as a Dutch percentage: 0.6080 is "60,8 %".
        _("Marginale druk: %(value)s")
        % {"value": f"{Decimal(data['marginal_pressure']) * 100:.1f} %".replace(".", ",")},
        _("Loont vanaf: %(value)s")
        % {
            "value": _("%(hours)s uur per week") % {"hours": data["pays_from_hours"]}
            if data["pays_from_hours"] is not None
            else _("niet tot 40 uur")
        },
        "",
        _("Vereenvoudigingen"),
        *(f"- {s['text']}" for s in data["simplifications"]),
        "",
        _("Gebruikte regels"),
    ]
    for use in data["parameters_used"]:
        mark = " " + _("(aanname)") if use["assumption"] else ""
        lines.append(
            f"- {use['label']}: {use['value']} ({use['valid_from']}){mark}. "
            + _("Bron: %(source)s") % {"source": use["source"]}
        )
    return "\n".join(lines)


class Command(BasisbaanCommand):
    help = (
        "Does work pay? Net household income on social assistance against a basisbaan "
        "(wage, assistance, allowances, local schemes) for given inputs, without a person."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--household",
            required=True,
            choices=sorted(KIND_OF_CODE),
            help="Household type: single, single_parent or couple.",
        )
        parser.add_argument(
            "--children", default="", help="Ages of the children at home, e.g. 5,13."
        )
        parser.add_argument("--rent", default="0", help="Rent per month in euro (default 0).")
        parser.add_argument(
            "--partner-income",
            dest="partner_income",
            default="0",
            help="The partner's gross yearly income from work in euro (couples; default 0).",
        )
        parser.add_argument("--hours", required=True, help="Hours per week, 0 to 40.")
        parser.add_argument("--wage", required=True, help="Gross hourly wage in euro.")
        parser.add_argument(
            "--year",
            type=int,
            default=None,
            help="The calendar year of the comparison (default: this year).",
        )
        parser.add_argument(
            "--start-month",
            dest="start_month",
            type=int,
            default=1,
            choices=range(1, 13),
            metavar="1-12",
            help="The month the job starts (default 1).",
        )
        parser.add_argument(
            "--pension-rate",
            dest="pension_rate",
            default="0",
            help="The employee's pension contribution as a fraction of gross, e.g. 0.075.",
        )
        parser.add_argument(
            "--municipality",
            default=None,
            help="Short name (slug) of a municipality, to include its local schemes.",
        )
        parser.add_argument(
            "--format",
            choices=["json", "table"],
            default="table",
            help="A table for people (default) or JSON for programs, the same as the API.",
        )

    def handle(self, *args: object, **options: Any) -> None:
        kind = KIND_OF_CODE[options["household"]]
        children = _children(options["children"])
        if kind == Kind.SINGLE and any(age < 18 for age in children):
            raise CommandError(
                _("Met kinderen onder de 18 thuis is het huishouden single_parent."),
                returncode=USAGE_ERROR,
            )
        municipality = None
        if options["municipality"]:
            municipality = Municipality.objects.filter(slug=options["municipality"]).first()
            if municipality is None:
                raise CommandError(
                    _("Onbekende gemeente: %(slug)s.") % {"slug": options["municipality"]},
                    returncode=USAGE_ERROR,
                )
        partner = _decimal(
            "--partner-income", options["partner_income"], low=Decimal(0), high=Decimal(10**6)
        )
        household = Household(
            kind=kind,
            children_ages=children,
            rent_month=_decimal("--rent", options["rent"], low=Decimal(0), high=Decimal(10**4)),
            partner_gross_year=partner if kind == Kind.COUPLE else Decimal(0),
        )
        year = options["year"] or timezone.localdate().year
        try:
            result = comparison_for(
                municipality=municipality,
                household=household,
                hours=_decimal("--hours", options["hours"], low=Decimal(0), high=HOURS_MAX),
                wage=_decimal("--wage", options["wage"], low=Decimal(0), high=WAGE_MAX),
                year=year,
                start_month=options["start_month"],
                pension_rate=_decimal(
                    "--pension-rate", options["pension_rate"], low=Decimal(0), high=Decimal("0.5")
                ),
            )
        except (LookupError, ValueError, OverflowError):
            raise CommandError(
                str(NO_RULES_TEXT % {"year": year}), returncode=USAGE_ERROR
            ) from None
        data = comparison_json(result)
        if options["format"] == "json":
            self.stdout.write(dump(data))
            return
        self.stdout.write(check_text(data))
