"""Sign-in auditing from Django's login signals, so every path is covered: the app's
login page, the admin's, OpenID Connect, and the second-factor code page; and the
session's sign-in bookkeeping (:mod:`basisbaan.tenancy.sessions`).

Thin receivers: they only hand the event to the audit services. A failure is
recorded with the user name as typed, never the password.
"""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out

from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from basisbaan.audit.services import audit_lockout, audit_login, audit_login_failed
from basisbaan.tenancy.lockout import CODE_SENDER, client_ip
from basisbaan.tenancy.models import User
from basisbaan.tenancy.sessions import session_started


def _from_network(request: HttpRequest | None) -> bool:
    """A request that came in over HTTP (every server sets REQUEST_METHOD; behind a
    unix socket REMOTE_ADDR may be empty). ``login()`` without one (a test's
    ``force_login``, a shell) is no sign-in by a person and is not audited."""
    return request is not None and "REQUEST_METHOD" in request.META


@receiver(user_logged_in, dispatch_uid="basisbaan_audit_login")
def _audit_logged_in(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if _from_network(request):
        audit_login(actor=user)


@receiver(user_logged_in, dispatch_uid="basisbaan_session_started")
def _session_started(sender: Any, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    if request is not None and hasattr(request, "session"):
        session_started(request, user)


@receiver(user_login_failed, dispatch_uid="basisbaan_audit_login_failed")
def _audit_login_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    if not _from_network(request):
        return
    assert request is not None
    audit_login_failed(
        username=str(credentials.get("username") or ""),
        stage="code" if sender == CODE_SENDER else "password",
        address=client_ip(request),
    )


@receiver(user_locked_out, dispatch_uid="basisbaan_audit_lockout")
def _audit_locked_out(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **kwargs: Any
) -> None:
    audit_lockout(username=username or "", address=ip_address or "")
