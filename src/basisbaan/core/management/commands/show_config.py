"""``basisbaan show_config``: every environment variable the settings read."""

from __future__ import annotations

from typing import Any

from basisbaan.conf.env import REGISTRY
from basisbaan.conf.gunicorn import web_config
from basisbaan.conf.worker import worker_memory_mb
from basisbaan.core.management.base import BasisbaanCommand


class Command(BasisbaanCommand):
    help = "List the environment variables Basisbaan reads, with defaults and meaning."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--markdown", action="store_true", help="Print a Markdown table.")

    def handle(self, *args: Any, markdown: bool = False, **options: Any) -> None:
        # The settings read, but the processes' own (basisbaan serve, basisbaan
        # worker) only when those start: read them here too, to list them.
        web_config()
        worker_memory_mb()
        if markdown:
            self.stdout.write("| variable | default (development) | meaning |")
            self.stdout.write("|---|---|---|")
        for var in sorted(REGISTRY.values(), key=lambda v: v.name):
            default = "(secret)" if var.secret and var.default else repr(var.default)
            if markdown:
                self.stdout.write(f"| `{var.name}` | `{default}` | {var.help_text} |")
            else:
                self.stdout.write(f"{var.name:24} {default:40} {var.help_text}")
