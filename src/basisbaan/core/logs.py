"""The fields of a request's log lines, with django-structlog's request middleware.

django-structlog logs ``request_started`` and ``request_finished`` (and
``request_failed`` with the traceback) and binds a request id and the user id. Its
receivers here adjust that to Basisbaan:

- the request id is Basisbaan's own (:mod:`basisbaan.audit.context`), the one in
  the ``X-Request-ID`` header and in the audit entries;
- ``method`` and ``path`` replace ``request``: never the query string (search
  terms are names); no user agent; no address (``DJANGO_STRUCTLOG_IP_LOGGING_ENABLED``
  is off);
- ``request_finished`` also says the active municipality (slug) and the duration.

:class:`LogContextMiddleware` binds the user id and the municipality for the lines
logged while the view runs; :func:`bind_request_context` does so for an API
request once DRF has authenticated it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import structlog
from django_structlog import signals

from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from basisbaan.audit.context import current_request_id

_STARTED = "_basisbaan_log_started"


def bind_request_context(*, user: Any = None, municipality: Any = None) -> None:
    """Bind the user id and the municipality's slug to the lines still to come."""
    values: dict[str, Any] = {}
    if user is not None and getattr(user, "is_authenticated", False):
        values["user_id"] = user.pk
    if municipality is not None:
        values["municipality"] = municipality.slug
    if values:
        structlog.contextvars.bind_contextvars(**values)


def _request_fields(request: HttpRequest, log_kwargs: dict[str, Any]) -> None:
    """``method`` and ``path`` instead of django-structlog's ``request`` (with the
    query string); no user agent."""
    log_kwargs.pop("request", None)
    log_kwargs.pop("user_agent", None)
    log_kwargs["method"] = request.method
    log_kwargs["path"] = request.path


@receiver(signals.bind_extra_request_metadata)
def _request_started(request: HttpRequest, log_kwargs: dict[str, Any], **kwargs: Any) -> None:
    setattr(request, _STARTED, time.perf_counter())
    structlog.contextvars.bind_contextvars(request_id=str(current_request_id()))
    _request_fields(request, log_kwargs)


@receiver(signals.bind_extra_request_finished_metadata)
def _request_finished(
    request: HttpRequest,
    log_kwargs: dict[str, Any],
    response: HttpResponse | None = None,
    **kwargs: Any,
) -> None:
    _request_fields(request, log_kwargs)
    if response is not None:
        # This line says it (status, path, request id); Django's own "Not Found:
        # /path" would come after the request's fields were cleared. An exception
        # is still logged by Django (with its traceback, to ADMINS and Sentry).
        response._has_been_logged = True  # type: ignore[attr-defined]
    started = getattr(request, _STARTED, None)
    if started is not None:
        log_kwargs["duration_ms"] = round((time.perf_counter() - started) * 1000, 1)
    municipality = getattr(request, "municipality", None)
    if municipality is not None:
        structlog.contextvars.bind_contextvars(municipality=municipality.slug)


@receiver(signals.bind_extra_request_failed_metadata)
def _request_failed(request: HttpRequest, log_kwargs: dict[str, Any], **kwargs: Any) -> None:
    _request_finished(request, log_kwargs)


class LogContextMiddleware:
    """After authentication and the active municipality: bind the user id and the
    municipality, so that every line the view logs carries them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        bind_request_context(
            user=getattr(request, "user", None),
            municipality=getattr(request, "municipality", None),
        )
        return self.get_response(request)
