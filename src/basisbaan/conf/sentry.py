"""Optional error reporting to Sentry (or a compatible service), without personal data.

Only when ``SENTRY_DSN`` is set. The SDK sends no personal data of its own accord
(``send_default_pii=False``, no local variables); :func:`before_send` then removes
what could still hold some: the request's query string, body, cookies and headers
(but a few harmless ones), every user field but the id, the extra data of log
records and breadcrumbs, and any BSN left in a message or exception text.
"""

from __future__ import annotations

from typing import Any

from basisbaan.conf.logs import scrub_text

# Request headers that say nothing about the person sending them.
SAFE_HEADERS = frozenset({"accept", "content-length", "content-type", "x-request-id"})
# The request fields kept; the rest (query_string, data, cookies, env) is dropped.
SAFE_REQUEST_FIELDS = frozenset({"method", "url"})


def _scrub(value: Any) -> Any:
    """``value`` with every BSN in its strings replaced, however deeply nested."""
    if isinstance(value, str):
        return scrub_text(value)
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_scrub(item) for item in value]
    return value


def _clean_request(request: dict[str, Any]) -> dict[str, Any]:
    cleaned = {key: value for key, value in request.items() if key in SAFE_REQUEST_FIELDS}
    if isinstance(cleaned.get("url"), str):
        cleaned["url"] = cleaned["url"].split("?", 1)[0]
    headers = request.get("headers")
    if isinstance(headers, dict):
        cleaned["headers"] = {
            name: value for name, value in headers.items() if name.lower() in SAFE_HEADERS
        }
    return cleaned


def before_send(event: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    """Strip an event of request data and personal data before it leaves the server."""
    if isinstance(event.get("request"), dict):
        event["request"] = _clean_request(event["request"])
    if isinstance(event.get("user"), dict):
        user_id = event["user"].get("id")
        event["user"] = {"id": user_id} if user_id is not None else {}
    # A log record's extra data (Django passes the request object).
    event.pop("extra", None)
    event.pop("server_name", None)
    for exception in (event.get("exception") or {}).get("values") or []:
        for frame in (exception.get("stacktrace") or {}).get("frames") or []:
            frame.pop("vars", None)
    breadcrumbs = event.get("breadcrumbs")
    if isinstance(breadcrumbs, dict):
        for crumb in breadcrumbs.get("values") or []:
            before_breadcrumb(crumb, {})
    return _scrub(event)  # type: ignore[no-any-return]


def before_breadcrumb(crumb: dict[str, Any], hint: dict[str, Any]) -> dict[str, Any]:
    """Keep a breadcrumb's message (BSN scrubbed), never its data (SQL parameters,
    log record fields, URLs with query strings)."""
    crumb.pop("data", None)
    if isinstance(crumb.get("message"), str):
        crumb["message"] = scrub_text(crumb["message"])
    return crumb


def init_sentry(*, dsn: str, environment: str, release: str, traces_sample_rate: float) -> None:
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import LoggingIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release,
        send_default_pii=False,
        include_local_variables=False,
        max_request_body_size="never",
        traces_sample_rate=traces_sample_rate,
        # Only what is named here: no integration switched on because its package
        # happens to be installed (the Redis one would send commands and keys).
        auto_enabling_integrations=False,
        integrations=[DjangoIntegration(), LoggingIntegration()],
        before_send=before_send,  # type: ignore[arg-type]
        before_breadcrumb=before_breadcrumb,
    )
