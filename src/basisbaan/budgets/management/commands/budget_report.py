"""``basisbaan budget_report --municipality SLUG --programme SLUG [--format json|table]``.

Per year: budget, spent per category, the amount to the accounts result (closed
years) and the forecast under each scenario. ``--format json`` prints exactly
``{"programme": SLUG, "years": [{"year", "budget", "spent": {...}, "to_accounts_result",
"forecast": {"all_renewed", "no_renewals", "observed_p50"}}]}`` with amounts as
decimal strings. Exit code 2 for an unknown municipality or programme.
"""

from __future__ import annotations

import json
from decimal import Decimal

from django.core.management.base import CommandError, CommandParser

from basisbaan.budgets.constants import DEFAULT_DRAWS, DEFAULT_SEED, MAX_DRAWS
from basisbaan.budgets.forecasting import ProgrammeForecast, programme_forecast
from basisbaan.budgets.report import report_data
from basisbaan.core.formatting import month_text
from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.core.money import format_euro
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality

USAGE_ERROR = 2


def _euro(value: Decimal | None) -> str:
    return "-" if value is None else format_euro(value)


def table(forecast: ProgrammeForecast) -> str:
    """The report as a Dutch text table."""
    header = (
        "Jaar",
        "Budget",
        "Besteed",
        "waarvan verloning",
        "monitoring",
        "onderzoek",
        "overig",
        "Rekeningresultaat",
        "Alle verlengd",
        "Geen verlenging",
        "Waargenomen P50",
    )
    rows = [header]
    rows += [
        (
            str(y.year) + (" (afgesloten)" if y.closed else ""),
            _euro(y.amount),
            _euro(y.spent.total),
            _euro(y.spent.payroll),
            _euro(y.spent.monitoring),
            _euro(y.spent.research),
            _euro(y.spent.other),
            _euro(y.to_accounts_result),
            _euro(y.all_renewed),
            _euro(y.no_renewals),
            _euro(y.p50),
        )
        for y in forecast.years
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        f"Programma {forecast.programme.name} ({forecast.programme.slug}); "
        f"prognose vanaf {month_text(forecast.as_of)}, {forecast.draws} gesimuleerde toekomsten, startgetal {forecast.seed}."
    ]
    lines += [
        "  ".join(
            cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)
        )
        for row in rows
    ]
    if forecast.missing:
        months = ", ".join(month_text(m.day) for m in forecast.missing)
        lines.append(
            f"Let op: verloning ontbreekt voor een of meer contracten in {months}; "
            "de prognose rekent daar met het kostenmodel."
        )
    return "\n".join(lines)


class Command(BasisbaanCommand):
    help = (
        "Budget report of a programme: per year the budget, spending per category, the amount "
        "to the accounts result and the forecast per scenario."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--municipality", required=True, help="Short name (slug) of the municipality."
        )
        parser.add_argument(
            "--programme", required=True, help="Short name (slug) of the programme."
        )
        parser.add_argument(
            "--format",
            choices=["json", "table"],
            default="table",
            help="A table for people (default) or JSON for programs.",
        )
        parser.add_argument(
            "--draws",
            type=int,
            default=DEFAULT_DRAWS,
            help=f"Number of simulated futures of the forecast (1 to {MAX_DRAWS}).",
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help="Seed of the simulation: the same seed gives the same report.",
        )

    def handle(self, *args: object, **options: object) -> None:
        draws = int(options["draws"])  # type: ignore[call-overload]
        if not 1 <= draws <= MAX_DRAWS:
            raise CommandError(
                f"--draws moet tussen 1 en {MAX_DRAWS} liggen.", returncode=USAGE_ERROR
            )
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError(
                f"Onbekende gemeente: {options['municipality']}.", returncode=USAGE_ERROR
            )
        programme = Programme.objects.filter(
            municipality=municipality, slug=options["programme"]
        ).first()
        if programme is None:
            raise CommandError(
                f"Gemeente {municipality.slug} heeft geen programma {options['programme']}.",
                returncode=USAGE_ERROR,
            )
        forecast = programme_forecast(programme, draws=draws, seed=int(options["seed"]))  # type: ignore[call-overload]
        if options["format"] == "json":
            self.stdout.write(json.dumps(report_data(forecast), ensure_ascii=False))
        else:
            self.stdout.write(table(forecast))
