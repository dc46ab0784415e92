"""``basisbaan import_hours FILE --municipality SLUG``: read a CSV of guidance hours.

Exit codes like ``import_payroll``: 0 imported (or, with ``--dry-run``, no
errors), 1 rows refused (nothing imported), 2 usage error (file, municipality,
user, unreadable file or missing columns). ``--format json`` prints
``{"ok", "dry_run", "rows", "created", "updated", "unchanged", "errors": [{"row", "column", "message"}]}``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser

from basisbaan.core.imports import more_errors_lines
from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.guidance.importing import hours_import
from basisbaan.payroll.management.commands.import_payroll import REFUSED, USAGE_ERROR
from basisbaan.payroll.parsing import PayrollFileError
from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.roles import Perm, has_perm


class Command(BasisbaanCommand):
    help = (
        "Import guidance hours (CSV) for a municipality. Every row is checked; with one "
        "error, nothing is imported. Exit code 0: imported, 1: rows refused, 2: usage error."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="The hours file (.csv).")
        parser.add_argument(
            "--municipality", required=True, help="Short name (slug) of the municipality."
        )
        parser.add_argument("--dry-run", action="store_true", help="Only check; save nothing.")
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="Text for people (default) or JSON for programs.",
        )
        parser.add_argument(
            "--user",
            help="Username for the audit log (a programme manager). Without: 'systeem'.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError(
                f"Onbekende gemeente: {options['municipality']}", returncode=USAGE_ERROR
            )
        actor = self._actor(options.get("user"), municipality)
        path = Path(options["file"])
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                f"Kan {path} niet lezen: {exc.strerror or exc}", returncode=USAGE_ERROR
            ) from exc
        try:
            result = hours_import(
                municipality=municipality, actor=actor, content=content, dry_run=options["dry_run"]
            )
        except PayrollFileError as exc:
            raise CommandError(str(exc), returncode=USAGE_ERROR) from exc
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))
        elif result.ok:
            verb = "gecontroleerd (niets opgeslagen)" if result.dry_run else "ingelezen"
            self.stdout.write(
                f"{path.name} {verb}: {result.rows} regels, {result.created} nieuw, "
                f"{result.updated} gewijzigd, {result.unchanged} ongewijzigd."
            )
        else:
            self.stdout.write(f"{path.name} is afgekeurd; er is niets ingelezen.")
            for error in result.errors:
                self.stdout.write(f"regel {error.row}, kolom {error.column}: {error.message}")
            for line in more_errors_lines(result.more_errors):
                self.stdout.write(line)
        if not result.ok:
            sys.exit(REFUSED)

    def _actor(self, username: str | None, municipality: Municipality) -> User | None:
        if not username:
            return None
        membership = (
            Membership.objects.filter(user__username=username, municipality=municipality)
            .select_related("user")
            .first()
        )
        if membership is None or not has_perm(membership.role, Perm.GUIDANCE_MANAGE):
            raise CommandError(
                f"Gebruiker {username} mag in {municipality.name} geen uren inlezen.",
                returncode=USAGE_ERROR,
            )
        return membership.user
