"""``basisbaan purge [--apply] [--today DD-MM-JJJJ|YYYY-MM-DD] [--format text|json]``.

Applies the retention policy (settings ``RETENTION_*``, docs/privacy.md):
anonymises participants whose file closed more than ``RETENTION_PARTICIPANT_YEARS``
years ago, removes payroll preview files older than ``RETENTION_PAYROLL_PREVIEW_DAYS``
days and temporary files older than ``RETENTION_TEMP_FILE_DAYS`` days. Without
``--apply`` it is a dry run: it reports what it would do and changes nothing.
``--format json`` prints ``{"today", "applied", "participants": [ids],
"free_text_records", "payroll_previews": [ids], "temp_files": [paths]}``.
Run it daily (cron or a systemd timer); each change is in the audit log.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from basisbaan.calc.retention import RetentionPolicy
from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.privacy.services import purge


def parse_day(text: str) -> dt.date:
    """A day as 29-11-2026 or 2026-11-29."""
    day, month, year = (text.split("-") + ["", "", ""])[:3]
    if len(day) == 4:  # 2026-11-29
        day, year = year, day
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        pass
    raise CommandError(f"Onbekende datum: {text!r} (gebruik DD-MM-JJJJ).")


def settings_policy() -> RetentionPolicy:
    return RetentionPolicy(
        participant_years=settings.RETENTION_PARTICIPANT_YEARS,
        payroll_preview_days=settings.RETENTION_PAYROLL_PREVIEW_DAYS,
        temp_file_days=settings.RETENTION_TEMP_FILE_DAYS,
    )


class Command(BasisbaanCommand):
    help = (
        "Anonymise or delete what has been kept longer than the retention periods allow "
        "(a dry run unless --apply)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--apply",
            action="store_true",
            help="Apply the changes (without it: a dry run that changes nothing).",
        )
        parser.add_argument(
            "--today", help="The day to compute expiry on, YYYY-MM-DD (default: today)."
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="Report as Dutch text (default) or JSON.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = parse_day(options["today"]) if options["today"] else timezone.localdate()
        report = purge(
            today=today,
            policy=settings_policy(),
            temp_dir=settings.TEMP_DIR,
            apply=options["apply"],
        )
        if options["format"] == "json":
            self.stdout.write(json.dumps(report.as_dict(), indent=2))
        else:
            self.stdout.write("\n".join(report.lines()))
