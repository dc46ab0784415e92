"""Token authentication of the API: knox's hashed, expiring tokens, ended by a
password change.

knox checks the digest and the expiry (an expired token is deleted on use);
this class also refuses a token made before the user's last password change
(:attr:`basisbaan.tenancy.models.User.password_changed_at`) and removes it,
so that whoever changes a password also ends every token that may have leaked
with it, whichever way the password was changed.
"""

from __future__ import annotations

from typing import Any

from knox.auth import TokenAuthentication as KnoxTokenAuthentication

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.plumbing import build_bearer_security_scheme_object
from rest_framework import exceptions

from basisbaan.core.tokens import is_stale, revoke_stale_tokens


class TokenAuthentication(KnoxTokenAuthentication):  # type: ignore[misc]
    """``Authorization: Token <token>``; 401 for an unknown, expired or stale token."""

    def validate_user(self, auth_token: Any) -> tuple[Any, Any]:
        user, token = super().validate_user(auth_token)
        if is_stale(token):
            revoke_stale_tokens(user)
            raise exceptions.AuthenticationFailed(
                _("Dit token is ongeldig: het wachtwoord is na het maken ervan gewijzigd.")
            )
        return user, token


class TokenScheme(OpenApiAuthenticationExtension):  # type: ignore[no-untyped-call]
    """The schema's name for the token: ``Authorization: Token <token>``."""

    target_class = "basisbaan.core.api.authentication.TokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return build_bearer_security_scheme_object(
            header_name="Authorization",
            token_prefix=self.target.authenticate_header(None),
        )
