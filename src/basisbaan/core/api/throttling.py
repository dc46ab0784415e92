"""Throttling that counts refused requests too.

DRF checks throttles after authentication and permissions, so a request with a
wrong token (401) or without the right (403) is never counted: guessing tokens
or probing ids would be free. :class:`ThrottleFirstMixin` checks the throttles
first; a request whose token is refused is counted as anonymous, by address.
The rates are ``API_THROTTLE_USER`` and ``API_THROTTLE_ANON`` (settings).
"""

from __future__ import annotations

from typing import Any

from rest_framework.exceptions import APIException
from rest_framework.request import Request


class ThrottleFirstMixin:
    """Throttle before authentication failures and permission checks answer."""

    def perform_authentication(self, request: Request) -> None:
        try:
            request.user  # noqa: B018 -- authenticates
        except APIException:
            # DRF left the request anonymous: count the failed attempt by address.
            self.check_throttles(request)
            raise

    def check_permissions(self, request: Request) -> None:
        self.check_throttles(request)
        super().check_permissions(request)  # type: ignore[misc]

    def check_throttles(self, request: Request) -> None:
        # Once per request: initial() calls it again after the permissions.
        if getattr(request, "_basisbaan_throttled", False):
            return
        request._basisbaan_throttled = True  # type: ignore[attr-defined]
        parent: Any = super()
        parent.check_throttles(request)
