"""``basisbaan housekeeping [--every SECONDS] [--format text|json]``.

Removes temporary data past its time (see
:mod:`basisbaan.privacy.housekeeping`): jobs whose worker died, unconfirmed
payroll files, temporary files and exports, old jobs and queue records,
expired sessions and API tokens. Run it hourly from cron, a systemd timer or
a Kubernetes CronJob; or keep it running with ``--every 3600`` (the compose
file's scheduler does that).
"""

from __future__ import annotations

import json
import signal
import threading
from typing import Any

from django.core.management.base import CommandError, CommandParser
from django.db import close_old_connections

from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.privacy.housekeeping import housekeeping


class Command(BasisbaanCommand):
    help = (
        "Remove temporary data past its time: stale background jobs, unconfirmed payroll "
        "files, temporary files and exports, expired sessions and tokens."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--every",
            type=int,
            default=0,
            metavar="SECONDS",
            help="Keep running and repeat every SECONDS seconds (for a scheduler process).",
        )
        parser.add_argument(
            "--format",
            choices=["text", "json"],
            default="text",
            help="Report as Dutch text (default) or JSON.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        every = options["every"]
        if every < 0:
            raise CommandError("--every moet 0 of meer seconden zijn.")
        stop = threading.Event()
        if every:
            for sig in (signal.SIGTERM, signal.SIGINT):
                signal.signal(sig, lambda *_: stop.set())
        while True:
            report = housekeeping()
            if options["format"] == "json":
                self.stdout.write(json.dumps(report.as_dict()))
            else:
                self.stdout.write("\n".join(report.lines()))
            if not every or stop.wait(every):
                return
            # An hour later: a connection the database dropped meanwhile is not reused.
            close_old_connections()
