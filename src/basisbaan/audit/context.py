"""The request id of the work in progress, for audit entries and logs.

Set by :class:`~basisbaan.audit.middleware.RequestIdMiddleware` for web and API
requests; commands get a fresh id per run.
"""

from __future__ import annotations

import uuid
from contextvars import ContextVar

_request_id: ContextVar[uuid.UUID | None] = ContextVar("request_id", default=None)


def current_request_id() -> uuid.UUID:
    value = _request_id.get()
    if value is None:
        value = uuid.uuid4()
        _request_id.set(value)
    return value


def set_request_id(value: uuid.UUID | None) -> object:
    return _request_id.set(value)


def reset_request_id(token: object) -> None:
    _request_id.reset(token)  # type: ignore[arg-type]


_channel: ContextVar[str] = ContextVar("channel", default="")


def current_channel() -> str:
    """Where the work came from: ``ui``, ``api`` or ``cli``."""
    return _channel.get()


def set_channel(value: str) -> object:
    return _channel.set(value)


def reset_channel(token: object) -> None:
    _channel.reset(token)  # type: ignore[arg-type]
