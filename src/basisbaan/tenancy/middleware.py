"""Attach the active municipality and the user's role in it to every request; and
the sign-in rules that hold on every request: login required, the second factor,
the idle timeout and no caching of what a signed-in user sees."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as BaseLoginRequiredMiddleware
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from basisbaan.tenancy.selectors import (
    MUNICIPALITY_HEADER,
    SESSION_KEY,
    membership_list,
    membership_resolve,
)
from basisbaan.tenancy.sessions import HAS_DEVICE_KEY, IDLE_SIGNED_OUT_KEY, LAST_ACTIVITY_KEY


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
    """Django's login-required default, except for the API, the language switch and
    the OpenID Connect sign-in (which is how an anonymous visitor signs in).

    The API authenticates itself (token or session) and answers 401/403 in JSON
    instead of redirecting to the login page.
    """

    open_prefixes = ("/api/", "/i18n/", "/oidc/")

    def process_view(self, request, view_func, view_args, view_kwargs):  # type: ignore[no-untyped-def]
        if request.path.startswith(self.open_prefixes):
            return None
        return super().process_view(request, view_func, view_args, view_kwargs)


# The pages a signed-in user reaches before the second factor: the steps of signing
# in (and out), the language switch, and the static files.
_BEFORE_SECOND_FACTOR = (
    "tenancy:login",
    "tenancy:logout",
    "tenancy:two_factor_code",
    "tenancy:two_factor_setup",
    # Confirming the sign-in with a security key or passkey (not adding one).
    "otp_webauthn:credential-authentication-begin",
    "otp_webauthn:credential-authentication-complete",
    "otp_webauthn:js-i18n-catalog",
)
_OPEN_PREFIXES = ("/i18n/", "/static/")


class TwoFactorMiddleware:
    """No page (nor the API through a session) before the second factor.

    A signed-in user who needs a second factor (see
    :func:`basisbaan.tenancy.two_factor.needs_second_factor`) and whose session is
    not verified yet is sent to the code page (or, without an authenticator app
    yet, to the page that sets one up); the API answers 403. This covers every
    way in: the app's login, the admin's (/beheer/), a remembered session.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from basisbaan.tenancy import two_factor

        user = request.user
        if (
            user.is_authenticated
            and not request.path.startswith(_OPEN_PREFIXES)
            and request.path not in _exempt_paths()
            and not two_factor.session_verified(request)
        ):
            has_device = request.session.get(HAS_DEVICE_KEY)
            if has_device is None:  # a session from before this was remembered
                has_device = two_factor.has_device(user)
            memberships = getattr(request, "memberships", None)
            if has_device or two_factor.needs_second_factor(
                user,
                memberships=memberships,
                with_device=False,
            ):
                return self._second_factor_first(request, has_device=has_device)
        return self.get_response(request)

    @staticmethod
    def _second_factor_first(request: HttpRequest, *, has_device: bool) -> HttpResponse:
        """403 for the API; the code page (or the set-up page) for a page, then back."""
        if request.path.startswith("/api/"):
            return JsonResponse(
                {"detail": _("Bevestig eerst het inloggen met de tweede factor.")}, status=403
            )
        step = "tenancy:two_factor_code" if has_device else "tenancy:two_factor_setup"
        target = reverse(step)
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(target)


@cache
def _exempt_paths() -> set[str]:
    return {reverse(name) for name in _BEFORE_SECOND_FACTOR}


class IdleTimeoutMiddleware:
    """Sign out after ``SESSION_IDLE_TIMEOUT`` minutes without a request.

    The time of the last request is kept in the session (written at most every
    15 seconds, not on every request). After a sign-out for idleness the login
    page says why."""

    # Writing the session on every request costs a write per request for nothing.
    resolution = 15

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            now = int(time.time())
            last = request.session.get(LAST_ACTIVITY_KEY)
            idle = settings.SESSION_IDLE_TIMEOUT * 60
            if isinstance(last, int) and now - last > idle:
                logout(request)
                request.session[IDLE_SIGNED_OUT_KEY] = True
            elif not isinstance(last, int) or now - last >= self.resolution:
                request.session[LAST_ACTIVITY_KEY] = now
        return self.get_response(request)


class NoStoreMiddleware:
    """``Cache-Control: no-store, private`` on every response to a signed-in user
    (pages, exports and API answers alike): no browser, proxy or shared computer
    keeps a copy of personal data."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # After the view: DRF's token authentication has set request.user by now.
        if request.user.is_authenticated or "HTTP_AUTHORIZATION" in request.META:
            response["Cache-Control"] = "no-store, private"
        return response
