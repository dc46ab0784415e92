from __future__ import annotations

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from basisbaan.audit.context import (
    reset_channel,
    reset_request_id,
    set_channel,
    set_request_id,
)


class RequestIdMiddleware:
    """Give every request an id, echoed in the X-Request-ID response header."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request_id = uuid.uuid4()
        token = set_request_id(request_id)
        channel = set_channel("api" if request.path.startswith("/api/") else "ui")
        try:
            response = self.get_response(request)
        finally:
            # Both reset, so that work after the request (a test, a command in the
            # same thread) does not carry this request's id or channel.
            reset_channel(channel)
            reset_request_id(token)
        response["X-Request-ID"] = str(request_id)
        return response
