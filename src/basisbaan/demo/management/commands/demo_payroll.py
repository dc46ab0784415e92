"""``basisbaan demo_payroll``: the demo's 2024 payroll files, and the costs they add up to;
the example payroll file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from basisbaan.demo.payroll_files import (
    PAYROLL_MUNICIPALITIES,
    PAYROLL_YEAR,
    payroll_rows,
    payroll_total,
    planned_total,
    write_payroll_files,
)
from basisbaan.demo.payroll_months import EXAMPLE_MONTH, example_files
from basisbaan.tenancy.models import Municipality


class Command(BaseCommand):
    help = (
        "Toon wat de loonbestanden 2024 van de demo optellen tot, naast de planning van het "
        "kostenmodel; met --write maak de bestanden in basisbaan/demo/payroll/ opnieuw "
        "(na een wijziging van de contracten of kosteninstellingen van de demo); met "
        "--example MAP schrijf het voorbeeldloonbestand (CSV en Excel) in die map. "
        "Vereist een database met de demo (basisbaan load_demo)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--write", action="store_true", help="Schrijf de bestanden opnieuw.")
        parser.add_argument(
            "--example",
            type=Path,
            metavar="MAP",
            help=f"Schrijf het voorbeeldloonbestand ({EXAMPLE_MONTH:%m-%Y}) in deze map "
            "(docs/examples en src/basisbaan/payroll/static/payroll).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for slug in PAYROLL_MUNICIPALITIES:
            municipality = Municipality.objects.filter(slug=slug).first()
            if municipality is None:
                raise CommandError(
                    f"Gemeente '{slug}' bestaat niet: laad eerst de demo (basisbaan load_demo)."
                )
            rows = payroll_rows(municipality)
            self.stdout.write(
                f"{municipality.name} {PAYROLL_YEAR}: {len(rows)} regels, "
                f"verloning totaal € {payroll_total(rows)}, "
                f"planning kostenmodel € {planned_total(municipality)}."
            )
            if options["write"]:
                for path in write_payroll_files(municipality):
                    self.stdout.write(f"  geschreven: {path.name}")
            if options["example"] is not None:
                folder: Path = options["example"]
                if not folder.is_dir():
                    raise CommandError(f"De map {folder} bestaat niet.")
                for name, content in example_files(municipality).items():
                    (folder / name).write_bytes(content)
                    self.stdout.write(f"  geschreven: {folder / name}")
