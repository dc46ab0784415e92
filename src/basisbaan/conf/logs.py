"""Structured logs: one line per event, JSON in production, readable on a console.

structlog renders both its own events and those of the standard-library loggers
(Django, gunicorn, axes, the jobs) through one :class:`ProcessorFormatter`, so every
line has the same shape and passes the same filters:

- the fields that could identify a person (address, user agent, user name, e-mail,
  query string) are dropped (:func:`drop_personal_fields`);
- anything that looks like a BSN (nine digits passing the elfproef) is replaced by
  ``[BSN]`` in the rendered line, tracebacks included (:func:`scrub_bsn`): the
  last safety net, not the first.

The request fields (request id, user id, municipality, method, path without query
string, status, duration) are bound by ``basisbaan.core.logs``. See
docs/operations.md, "Health, logs and errors".
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import MutableMapping
from typing import Any

import structlog
from stdnum.nl import bsn

# Fields never written: they identify a person (or carry search terms, which are names).
PERSONAL_FIELDS = frozenset(
    {
        "ip",
        "ip_address",
        "remote_addr",
        "user_agent",
        "username",
        "user_name",
        "email",
        "query_string",
        "correlation_id",
    }
)

# Nine digits (optionally grouped 4-2-3 by a space or a dot) not inside a longer
# word or number: a request id's hexadecimal groups are not touched.
_BSN_LIKE = re.compile(r"(?<![0-9A-Za-z])\d{4}[ .]?\d{2}[ .]?\d{3}(?![0-9A-Za-z])")
BSN_MASK = "[BSN]"


def scrub_text(text: str) -> str:
    """``text`` with every BSN (a number that passes the elfproef) replaced by ``[BSN]``."""

    def _mask(match: re.Match[str]) -> str:
        return BSN_MASK if bsn.is_valid(match.group()) else match.group()

    return _BSN_LIKE.sub(_mask, text)


def scrub_bsn(logger: Any, method_name: str, event: Any) -> Any:
    """A processor for the end of the chain: scrub the rendered line (or, before a
    renderer, every string value of the event)."""
    if isinstance(event, str):
        return scrub_text(event)
    if isinstance(event, bytes):
        return scrub_text(event.decode("utf-8", "replace"))
    return {
        key: scrub_text(value) if isinstance(value, str) else value for key, value in event.items()
    }


def drop_personal_fields(
    logger: Any, method_name: str, event_dict: MutableMapping[str, Any]
) -> MutableMapping[str, Any]:
    for name in PERSONAL_FIELDS.intersection(event_dict):
        del event_dict[name]
    return event_dict


def _shared_processors() -> list[Any]:
    """Run on every event, structlog's and the standard library's alike."""
    return [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
    ]


def formatter(log_format: str) -> structlog.stdlib.ProcessorFormatter:
    """The formatter of the console handler: ``json`` or ``console``."""
    renderer: Any
    if log_format == "json":
        renderer = structlog.processors.JSONRenderer(ensure_ascii=False)
    else:
        renderer = structlog.dev.ConsoleRenderer(colors=False)
    return structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=_shared_processors(),
        processors=[
            structlog.stdlib.ProcessorFormatter.remove_processors_meta,
            drop_personal_fields,
            # Tracebacks as text, so that the scrubber below sees them too.
            structlog.processors.format_exc_info,
            renderer,
            scrub_bsn,
        ],
    )


LOG_FORMATS = ("json", "console")


def logging_config(*, level: str, log_format: str, debug: bool) -> dict[str, Any]:
    """The ``LOGGING`` setting."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"structured": {"()": formatter, "log_format": log_format}},
        "filters": {
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
            "quiet_health_probes": {"()": QuietHealthProbes},
        },
        "handlers": {
            "console": {
                "()": StderrHandler,
                "formatter": "structured",
                "filters": ["quiet_health_probes"],
            },
            # Sends only when ADMINS is set; the report goes through
            # basisbaan.core.reporting (no request data, no personal data).
            "mail_admins": {
                "class": "django.utils.log.AdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false"],
            },
        },
        "loggers": {
            # Instead of Django's default (a plain console handler besides ours).
            "django": {"handlers": ["mail_admins"], "level": "INFO", "propagate": True},
            # The development server's access lines carry the query string (search
            # terms are names); the request_finished line of each request replaces them.
            "django.server": {"handlers": [], "level": "CRITICAL", "propagate": False},
            # SQL with its parameters is personal data: only for a developer (DEBUG).
            "django.db.backends": {"level": "DEBUG" if debug else "INFO"},
            # axes says INFO on every sign-in; the audit log has those. Its WARNINGs
            # (failures) stay. WeasyPrint and fontTools say INFO on every page of a PDF.
            "axes": {"level": "WARNING"},
            "weasyprint": {"level": "WARNING"},
            "fontTools": {"level": "WARNING"},
        },
        "root": {"handlers": ["console"], "level": level},
    }


def configure_structlog() -> None:
    """structlog's own loggers hand their events to the standard library's handlers."""
    structlog.configure(
        processors=[
            structlog.stdlib.filter_by_level,
            *_shared_processors(),
            structlog.stdlib.PositionalArgumentsFormatter(),
            structlog.processors.StackInfoRenderer(),
            structlog.stdlib.ProcessorFormatter.wrap_for_formatter,
        ],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )


class StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """A console handler that writes to the ``sys.stderr`` of the moment.

    ``logging.StreamHandler`` keeps the stream it was given; a test runner that
    captures output swaps ``sys.stderr`` and later closes its stand-in, and a
    thread still logging (a live test server) then hits a closed file.
    """

    @property
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, value: Any) -> None:
        pass


class QuietHealthProbes:
    """A handler filter: no request lines for answered health probes (a probe every
    few seconds would drown the log); a failing probe (503) is still logged."""

    events = frozenset({"request_started", "request_finished"})

    def filter(self, record: Any) -> bool:
        event = record.msg
        if not isinstance(event, dict) or event.get("event") not in self.events:
            return True
        path = str(event.get("path", ""))
        return not (path.startswith("/health/") and event.get("code", 200) < 400)


def gunicorn_logconfig(*, level: str, log_format: str) -> dict[str, Any]:
    """gunicorn's ``logconfig_dict``: its error log through the same renderer, its
    access log off (it has the client's address and the query string; the
    ``request_finished`` line of each request replaces it)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {"structured": {"()": formatter, "log_format": log_format}},
        "filters": {"quiet_health_probes": {"()": QuietHealthProbes}},
        "handlers": {
            "console": {
                "class": "logging.StreamHandler",
                "formatter": "structured",
                "filters": ["quiet_health_probes"],
                "stream": "ext://sys.stderr",
            }
        },
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": [], "propagate": True},
            "gunicorn.access": {"level": "CRITICAL", "handlers": [], "propagate": False},
        },
        "root": {"handlers": ["console"], "level": level},
    }
