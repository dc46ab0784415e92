"""``basisbaan import_payroll FILE --municipality SLUG``: read a payroll file.

Exit codes: 0 imported (or, with ``--dry-run``, no errors), 1 rows refused
(nothing imported), 2 usage error (missing file, unknown municipality or user,
unreadable format, missing columns). ``--format json`` prints exactly
``{"rows": N, "imported": N, "unchanged": N, "errors": [{"row", "column", "message"}]}``.
"""

from __future__ import annotations

import json
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, CommandParser, OutputWrapper

from basisbaan.core.imports import more_errors_lines
from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.core.money import group_number
from basisbaan.payroll.parsing import PayrollFileError
from basisbaan.payroll.services import ImportResult, payroll_import
from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.roles import Perm, has_perm

USAGE_ERROR = 2
REFUSED = 1


def _n(value: int) -> str:
    """``1234567`` -> ``1.234.567``."""
    return group_number(Decimal(value), places=0, decimal_sep=",", thousand_sep=".")


class ProgressBar:
    """A one-line progress bar on a terminal: ``controleren [#####.....] 52% 520.000/1.000.000``."""

    WIDTH = 30

    def __init__(self, stream: OutputWrapper) -> None:
        self.stream = stream
        self.phase = ""
        self.last = 0.0
        self.started = time.monotonic()

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if phase == self.phase and done < total and now - self.last < 0.2:
            return
        if phase != self.phase and self.phase:
            self.stream.write("")
        self.phase, self.last = phase, now
        share = done / total if total else 1.0
        filled = int(self.WIDTH * share)
        bar = "#" * filled + "." * (self.WIDTH - filled)
        self.stream.write(
            f"\r{phase:<12} [{bar}] {share:4.0%} {_n(done)}/{_n(total)} regels "
            f"({now - self.started:.1f} s)",
            ending="",
        )
        self.stream.flush()

    def close(self) -> None:
        if self.phase:
            self.stream.write("")
            self.stream.flush()


class Command(BasisbaanCommand):
    help = (
        "Import a payroll file (CSV or Excel .xlsx) for a municipality. Every row is checked; "
        "with one error, nothing is imported. Exit code 0: imported, 1: rows refused, "
        "2: usage error (file, municipality, format or columns)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE", help="The payroll file (.csv or .xlsx).")
        parser.add_argument(
            "--municipality", required=True, help="Short name (slug) of the municipality."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Only check and count; save nothing."
        )
        parser.add_argument(
            "--correction",
            action="store_true",
            help="Replace differing rows imported before (every replacement is audited).",
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="Text for people (default) or JSON for programs.",
        )
        parser.add_argument(
            "--user",
            help="Username for the audit log; they must be allowed to import in the "
            "municipality. Without: 'systeem'.",
        )
        parser.add_argument(
            "--progress",
            choices=["auto", "always", "never"],
            default="auto",
            help="Progress bar on stderr: auto (only on a terminal), always or never.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        municipality = Municipality.objects.filter(slug=options["municipality"]).first()
        if municipality is None:
            raise CommandError(
                f"Onbekende gemeente: {options['municipality']}", returncode=USAGE_ERROR
            )
        actor = self._actor(options.get("user"), municipality)
        try:
            content = path.read_bytes()
        except OSError as exc:
            raise CommandError(
                f"Kan {path} niet lezen: {exc.strerror or exc}", returncode=USAGE_ERROR
            ) from exc
        bar = self._bar(options["progress"])
        try:
            result = payroll_import(
                municipality=municipality,
                actor=actor,
                file_name=path.name,
                content=content,
                correction=options["correction"],
                dry_run=options["dry_run"],
                progress=bar,
            )
        except PayrollFileError as exc:
            raise CommandError(str(exc), returncode=USAGE_ERROR) from exc
        finally:
            if bar is not None:
                bar.close()
        if options["format"] == "json":
            self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
        else:
            self._report(result, municipality, options["dry_run"])
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
        if membership is None or not has_perm(membership.role, Perm.PAYROLL_IMPORT):
            raise CommandError(
                f"Gebruiker {username} mag in {municipality.name} geen loonbestanden inlezen.",
                returncode=USAGE_ERROR,
            )
        return membership.user

    def _bar(self, mode: str) -> ProgressBar | None:
        if mode == "never" or (mode == "auto" and not self.stderr.isatty()):
            return None
        return ProgressBar(self.stderr)

    def _report(self, result: ImportResult, municipality: Municipality, dry_run: bool) -> None:
        name = result.payroll_import.file_name
        if not result.ok:
            self.stdout.write(
                f"{name} is afgekeurd: {_n(result.error_count)} fout(en) in "
                f"{_n(result.rows)} regels. Er is niets ingelezen."
            )
            for error in result.errors:
                self.stdout.write(f"regel {error.row}, kolom {error.column}: {error.message}")
            for line in more_errors_lines(result.more_errors):
                self.stdout.write(line)
            return
        counts = (
            f"{_n(result.rows)} regels: {_n(result.imported)} nieuw, "
            f"{_n(result.unchanged)} ongewijzigd, {_n(result.replaced)} vervangen."
        )
        if dry_run:
            self.stdout.write(
                f"Proefrun van {name} voor gemeente {municipality.name}: geen fouten. "
                f"Er is niets opgeslagen. Bij inlezen: {counts}"
            )
        else:
            self.stdout.write(
                self.style.SUCCESS(
                    f"{name} ingelezen voor gemeente {municipality.name} "
                    f"(import {result.payroll_import.pk}). {counts}"
                )
            )
