"""Lockout after repeated failed sign-ins, per user and address (django-axes).

Every failure counts: a wrong password on any login page (the app's and the
admin's both go through ``authenticate()``, which axes watches through Django's
``user_login_failed`` signal), and a wrong second-factor code, which is reported
through the same signal by :func:`code_failed`. After ``LOGIN_FAILURE_LIMIT``
failures the user from that address waits ``LOGIN_COOLOFF_MINUTES``.
"""

from __future__ import annotations

from typing import Any

from axes.handlers.proxy import AxesProxyHandler

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import ngettext

__all__ = ["client_ip", "code_failed", "is_locked_out", "locked_out_message", "lockout_response"]

# The ``sender`` of a failed code: the audit receiver tells a code from a password by it.
CODE_SENDER = "basisbaan.tenancy.two_factor"


def client_ip(request: HttpRequest) -> str:
    """The client's address: ``LOGIN_CLIENT_IP_HEADER`` (set by the proxy; its last
    value, the one the proxy added) or REMOTE_ADDR."""
    header = getattr(settings, "LOGIN_CLIENT_IP_HEADER", "")
    if header and request.META.get(header):
        return str(request.META[header]).split(",")[-1].strip()
    return str(request.META.get("REMOTE_ADDR", ""))


def is_locked_out(request: HttpRequest, username: str) -> bool:
    """Whether ``username`` from this request's address is locked out now."""
    return not AxesProxyHandler.is_allowed(request, {"username": username})


def code_failed(request: HttpRequest, username: str) -> bool:
    """Count a wrong second-factor code as a failed sign-in; True when it locked out."""
    user_login_failed.send(sender=CODE_SENDER, credentials={"username": username}, request=request)
    return bool(getattr(request, "axes_locked_out", False))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: Any = None
) -> HttpResponse:
    """The Dutch lockout page (429), for every login path (axes' AXES_LOCKOUT_CALLABLE).

    Whoever was half signed in (password given, code not) is signed out. A script's
    request (the security key's, which asks for JSON) gets the message as JSON, which
    the script shows in its status message."""
    if request.user.is_authenticated:
        logout(request)
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    if _wants_json(request):
        return JsonResponse({"detail": locked_out_message(), "code": "locked_out"}, status=429)
    return render(
        request,
        "registration/lockout.html",
        {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT},
        status=429,
    )


def locked_out_message() -> str:
    """The lockout in one sentence, for a script's status message."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return ngettext(
        "Te vaak een verkeerde code of sleutel: u bent uitgelogd. Inloggen kan weer over "
        "%(minutes)s minuut.",
        "Te vaak een verkeerde code of sleutel: u bent uitgelogd. Inloggen kan weer over "
        "%(minutes)s minuten.",
        minutes,
    ) % {"minutes": minutes}


def _wants_json(request: HttpRequest) -> bool:
    return request.content_type == "application/json" or "application/json" in request.headers.get(
        "Accept", ""
    )
