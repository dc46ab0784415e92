"""Attach the active municipality and the user's role in it to every request."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.auth.middleware import LoginRequiredMiddleware as BaseLoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse

from basisbaan.tenancy.selectors import (
    MUNICIPALITY_HEADER,
    SESSION_KEY,
    membership_list,
    membership_resolve,
)


class ActiveMunicipalityMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        requested = request.META.get(MUNICIPALITY_HEADER) or request.session.get(SESSION_KEY)
        user = request.user
        # Read once per request; the context processor reuses the list.
        memberships = list(membership_list(user=user)) if user.is_authenticated else []
        request.memberships = memberships  # type: ignore[attr-defined]
        membership = membership_resolve(
            user=user,  # type: ignore[arg-type]
            requested_slug=requested,
            memberships=memberships,
        )
        if membership is None and requested and request.META.get(MUNICIPALITY_HEADER) is None:
            # A stale session choice (membership removed): fall back to the default.
            membership = memberships[0] if memberships else None
        request.membership = membership  # type: ignore[attr-defined]
        request.municipality = membership.municipality if membership else None  # type: ignore[attr-defined]
        return self.get_response(request)


class LoginRequiredMiddleware(BaseLoginRequiredMiddleware):
    """Django's login-required default, except for the API and language switch.

    The API authenticates itself (token or session) and answers 401/403 in JSON
    instead of redirecting to the login page.
    """

    open_prefixes = ("/api/", "/i18n/")

    def process_view(self, request, view_func, view_args, view_kwargs):  # type: ignore[no-untyped-def]
        if request.path.startswith(self.open_prefixes):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)
