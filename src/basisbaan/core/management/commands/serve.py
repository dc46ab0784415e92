"""``basisbaan serve``: the production web server (gunicorn), configured from the environment.

Gunicorn runs in this process: the master process listens and starts the web
processes (pre-fork, ``gthread`` workers), replaces one that hangs or has
served ``WEB_MAX_REQUESTS``, and on SIGTERM lets running requests finish
(``WEB_GRACEFUL_TIMEOUT``) before it exits with 0. WhiteNoise serves the
static files from ``STATIC_ROOT``: run ``basisbaan collectstatic`` after each
upgrade (or give ``--collectstatic``). See docs/operations.md, "Running in production".
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from gunicorn.app.base import BaseApplication

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandParser
from django.db import connections

from basisbaan.conf.gunicorn import WebConfig, gunicorn_settings, web_config
from basisbaan.core.management.base import BasisbaanCommand, positive


class WebApplication(BaseApplication):  # type: ignore[misc]
    """Gunicorn with the given settings and Basisbaan's WSGI application."""

    def __init__(self, options: dict[str, Any]) -> None:
        self.options = options
        super().__init__(prog="basisbaan serve")

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self) -> Any:
        from basisbaan.wsgi import application

        return application


class Command(BasisbaanCommand):
    help = (
        "Serve Basisbaan in production with gunicorn: several processes with threads, "
        "graceful stop on SIGTERM. Configured by the WEB_* environment variables "
        "(basisbaan show_config lists them); the options below override them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--bind",
            metavar="ADDRESS",
            help="Address to listen on, host:port or unix:/path (default: WEB_BIND, "
            "127.0.0.1:8000).",
        )
        parser.add_argument(
            "--workers",
            type=positive,
            metavar="N",
            help="Number of web processes (default: WEB_WORKERS, 2 x cores + 1 at most 8).",
        )
        parser.add_argument(
            "--threads",
            type=positive,
            metavar="N",
            help="Threads in each web process (default: WEB_THREADS, 4).",
        )
        parser.add_argument(
            "--collectstatic",
            action="store_true",
            help="Run collectstatic --noinput first (a container image does it when it is built).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        web = self.web_config(options)
        if options["collectstatic"]:
            call_command("collectstatic", interactive=False, verbosity=options["verbosity"])
        # The web processes are forked from this one: none may share its connections.
        connections.close_all()
        log_level = settings.LOGGING["root"]["level"]
        WebApplication(
            gunicorn_settings(web, log_level=log_level, log_format=settings.LOG_FORMAT)
        ).run()

    def web_config(self, options: dict[str, Any]) -> WebConfig:
        """The environment's settings, with the options given on the command line."""
        web = web_config()
        given = {
            name: options[name]
            for name in ("bind", "workers", "threads")
            if options.get(name) is not None
        }
        return replace(web, **given)
