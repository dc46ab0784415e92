"""``basisbaan demo_payroll``: the demo's 2024 payroll files, and the costs they add up to;
the example payroll file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from basisbaan.core.management.base import BasisbaanCommand
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


class Command(BasisbaanCommand):
    help = (
        "Show what the demo's 2024 payroll files add up to, beside the cost model's plan; "
        "with --write, make the files in basisbaan/demo/payroll/ again (after a change of "
        "the demo's contracts or cost settings); with --example FOLDER, write the example "
        "payroll file (CSV and Excel) in that folder. Needs a database with the demo loaded "
        "(basisbaan load_demo)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--write", action="store_true", help="Write the files again.")
        parser.add_argument(
            "--example",
            type=Path,
            metavar="FOLDER",
            help=f"Write the example payroll file ({EXAMPLE_MONTH:%m-%Y}) in this folder "
            "(docs/examples and src/basisbaan/payroll/static/payroll).",
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
