"""Security keys and passkeys (WebAuthn) as a second factor beside the authenticator app.

django-otp-webauthn does the ceremonies (its views, its browser script); this
module wires them to Basisbaan's sign-in rules:

- only when ``WEBAUTHN_ENABLED`` (``BASISBAAN_WEBAUTHN``); otherwise every
  WebAuthn URL answers 404 and no page shows a button;
- a key is added from a *verified* session only (the password alone cannot add
  one), and adding or removing one is audited;
- signing in with a key is a second factor after the password, never instead of
  it (``OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False``); it verifies the session
  like a code (django-otp's ``login``) and is audited as ``tweede factor
  bevestigd`` with method ``webauthn``;
- a failed check of a key counts as a failed sign-in for the lockout, like a
  wrong code.
"""

from __future__ import annotations

from typing import Any

from django_otp_webauthn import exceptions
from django_otp_webauthn.models import WebAuthnCredential
from django_otp_webauthn.views import (
    BeginCredentialAuthenticationView,
    BeginCredentialRegistrationView,
    CompleteCredentialAuthenticationView,
    CompleteCredentialRegistrationView,
)

from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.i18n import JavaScriptCatalog

from basisbaan.tenancy.lockout import code_failed, is_locked_out, locked_out_message
from basisbaan.tenancy.models import User
from basisbaan.tenancy.two_factor import (
    has_device,
    security_key_added,
    security_key_verified,
    session_verified,
    webauthn_enabled,
)

__all__ = [
    "BeginAuthenticationView",
    "BeginRegistrationView",
    "CompleteAuthenticationView",
    "CompleteRegistrationView",
    "ScriptCatalogView",
]


class _LockedOut(exceptions.OTPWebAuthnApiError):  # type: ignore[misc]
    status_code = 429
    default_code = "locked_out"

    def __init__(self) -> None:
        super().__init__(detail=locked_out_message())


class _Disabled(exceptions.OTPWebAuthnApiError):  # type: ignore[misc]
    status_code = 404
    default_detail = gettext_lazy("Inloggen met een beveiligingssleutel staat uit.")
    default_code = "disabled"


class _EnabledOnly:
    """Every WebAuthn view answers 404 while ``BASISBAAN_WEBAUTHN`` is off."""

    def initial(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        if not webauthn_enabled():
            raise _Disabled()
        super().initial(request, *args, **kwargs)  # type: ignore[misc]


class _VerifiedSessionOnly:
    """A key is added beside the authenticator app, from a session confirmed with a
    second factor: a password alone cannot add one, and every user with a key still
    has the app (and its recovery codes) to fall back on."""

    request: HttpRequest

    def user_is_mfa_enrolled(self, user: User) -> bool:
        # The library's own check knows django-otp's devices only; check_can_register
        # asks for a verified session itself, the IdP's multi-factor sign-in included.
        return False

    def check_can_register(self) -> None:
        user = self.request.user
        if not (isinstance(user, User) and has_device(user) and session_verified(self.request)):
            raise exceptions.NotVerified(
                detail=_("Bevestig eerst het inloggen met uw authenticator-app.")
            )


class BeginRegistrationView(
    _EnabledOnly,
    _VerifiedSessionOnly,
    BeginCredentialRegistrationView,  # type: ignore[misc]
):
    pass


class CompleteRegistrationView(
    _EnabledOnly,
    _VerifiedSessionOnly,
    CompleteCredentialRegistrationView,  # type: ignore[misc]
):
    """The library saves the key; here it gets a name and the addition is audited."""

    def post(self, *args: Any, **kwargs: Any) -> HttpResponse:
        response: HttpResponse = super().post(*args, **kwargs)
        user = self.request.user
        assert isinstance(user, User)
        credential = security_key_added(user=user, pk=self._saved_id(response))
        # Shown after the script reloads the page (static/basisbaan/webauthn.js).
        messages.success(self.request, _("%(name)s is toegevoegd.") % {"name": credential.name})
        return response

    @staticmethod
    def _saved_id(response: HttpResponse) -> int:
        import json

        return int(json.loads(response.content)["id"])


class _SecondFactorOnly:
    """Authentication as the second step: a user who gave the password, is not
    locked out, and whose failed attempts count toward the lockout."""

    request: HttpRequest

    def check_can_authenticate(self) -> None:
        user = self.request.user
        if not isinstance(user, User) or not user.is_active:
            raise exceptions.NotAuthenticated()
        if is_locked_out(self.request, user.get_username()):
            logout(self.request)
            raise _LockedOut()


class BeginAuthenticationView(
    _EnabledOnly,
    _SecondFactorOnly,
    BeginCredentialAuthenticationView,  # type: ignore[misc]
):
    pass


class CompleteAuthenticationView(
    _EnabledOnly,
    _SecondFactorOnly,
    CompleteCredentialAuthenticationView,  # type: ignore[misc]
):
    """A key confirmed the sign-in: the session is verified like after a code."""

    def complete_auth(self, device: WebAuthnCredential) -> None:
        user = self.request.user
        assert isinstance(user, User) and device.user_id == user.pk
        security_key_verified(self.request, device)

    def handle_exception(self, exc: Exception) -> HttpResponse:
        user = self.request.user
        if (
            isinstance(exc, exceptions.OTPWebAuthnApiError)
            and not isinstance(exc, (_LockedOut, _Disabled, exceptions.NotAuthenticated))
            # A missing or reused challenge is no guess at a key.
            and not isinstance(exc, exceptions.InvalidState)
            and isinstance(user, User)
            and code_failed(self.request, user.get_username())
        ):
            logout(self.request)
            exc = _LockedOut()
        response: HttpResponse = super().handle_exception(exc)
        return response


class ScriptCatalogView(JavaScriptCatalog):
    """The library script's texts (Dutch or English), also before the second factor."""

    packages = ["django_otp_webauthn"]
