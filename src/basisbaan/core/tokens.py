"""API tokens: made, listed and ended here, audited in the same transaction.

Tokens are django-rest-knox tokens: the database holds a SHA-512 digest and a
short public key (``token_key``, the first characters, used to find the row and
to name the token in lists and the audit log), never the token itself. Every
token expires (``API_TOKEN_TTL_DAYS``); a password change ends every token
made before it (:class:`basisbaan.core.api.authentication.TokenAuthentication`
refuses them, and :func:`revoke_stale_tokens` removes them).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from knox.models import AuthToken
from knox.settings import knox_settings

from django.db import transaction
from django.db.models import QuerySet

from basisbaan.audit.models import AuditAction
from basisbaan.audit.services import audit_token
from basisbaan.tenancy.models import User

__all__ = [
    "NewToken",
    "is_stale",
    "revoke_all_tokens",
    "revoke_stale_tokens",
    "revoke_token",
    "token_create",
    "token_list",
]


@dataclass(frozen=True, slots=True)
class NewToken:
    """A token just made: ``secret`` is shown once and stored nowhere."""

    token_key: str
    secret: str
    expiry: dt.datetime | None


def token_list(user: User) -> QuerySet[AuthToken]:
    """The user's own tokens, newest first (expired ones included until used or cleaned)."""
    tokens: QuerySet[AuthToken] = AuthToken.objects.filter(user=user)
    return tokens.order_by("-created", "token_key")


def token_create(*, actor: User | None, owner: User, days: int | None = None) -> NewToken:
    """Make a token for ``owner`` that works ``days`` days (default API_TOKEN_TTL_DAYS)."""
    ttl = dt.timedelta(days=days) if days is not None else knox_settings.TOKEN_TTL
    with transaction.atomic():
        instance, secret = AuthToken.objects.create(user=owner, expiry=ttl)
        audit_token(
            actor=actor,
            owner=owner,
            token_key=instance.token_key,
            action=AuditAction.CREATE,
            expiry=instance.expiry,
        )
    return NewToken(token_key=instance.token_key, secret=secret, expiry=instance.expiry)


def revoke_token(*, actor: User | None, token: AuthToken, reason: str = "ingetrokken") -> None:
    """End one token now."""
    with transaction.atomic():
        owner = token.user
        token_key = token.token_key
        token.delete()
        audit_token(
            actor=actor, owner=owner, token_key=token_key, action=AuditAction.DELETE, reason=reason
        )


def revoke_all_tokens(*, actor: User | None, owner: User, reason: str) -> int:
    """End every token of ``owner``; the number ended."""
    count = 0
    with transaction.atomic():
        for token in list(AuthToken.objects.filter(user=owner)):
            revoke_token(actor=actor, token=token, reason=reason)
            count += 1
    return count


def is_stale(token: AuthToken) -> bool:
    """Whether ``token`` was made before its owner's last password change."""
    changed = token.user.password_changed_at
    return changed is not None and token.created < changed


def revoke_stale_tokens(owner: User) -> int:
    """Remove the tokens made before ``owner``'s last password change."""
    changed = owner.password_changed_at
    if changed is None:
        return 0
    count = 0
    with transaction.atomic():
        for token in list(AuthToken.objects.filter(user=owner, created__lt=changed)):
            revoke_token(actor=owner, token=token, reason="wachtwoord gewijzigd")
            count += 1
    return count
