"""Signing in with the municipality's own identity provider (OpenID Connect).

Off unless ``OIDC_ENABLED``. A user is found by e-mail address (and created only
with ``OIDC_CREATE_USER``). Roles either stay in Basisbaan (the functional
administrator gives them; ``OIDC_ROLES_FROM_CLAIM`` empty) or follow a claim with
the user's groups, mapped by ``OIDC_ROLE_MAP`` (``group=municipality:role``) on
every sign-in. Whether the sign-in counts as two-factor follows
``OIDC_TRUST_IDP_MFA``: ``claim`` (the ID token's ``amr`` names a second factor,
or its ``acr`` is one of ``OIDC_MFA_ACR_VALUES``), ``always`` or ``never``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from django.conf import settings

from basisbaan.tenancy.models import User
from basisbaan.tenancy.roles import Role
from basisbaan.tenancy.services import memberships_sync_from_idp
from basisbaan.tenancy.two_factor import mark_verified_by_idp

__all__ = ["BasisbaanOIDCBackend", "mfa_from_claims", "parse_role_map", "roles_from_claims"]

# RFC 8176 authentication method references that mean more than a password.
MFA_AMR = frozenset({"mfa", "otp", "hwk", "swk", "sms", "fpt", "face", "iris", "sc", "pop"})


def parse_role_map(pairs: Iterable[str]) -> dict[str, tuple[str, str]]:
    """``["bb-consulent=leeuwarden:caseworker"]`` as ``{group: (slug, role)}``.

    Raises ValueError for a pair that is not ``group=slug:role`` or names no role."""
    mapping: dict[str, tuple[str, str]] = {}
    for pair in pairs:
        group, sep, target = pair.partition("=")
        slug, sep2, role = target.partition(":")
        if not (sep and sep2 and group.strip() and slug.strip()) or role not in Role.values:
            raise ValueError(f"OIDC_ROLE_MAP: {pair!r} is not group=municipality:role")
        mapping[group.strip()] = (slug.strip(), role)
    return mapping


def roles_from_claims(
    claims: Mapping[str, Any], claim: str, role_map: Mapping[str, tuple[str, str]]
) -> dict[str, str]:
    """The roles the claims give, ``{municipality slug: role}``. A user in two groups
    for one municipality gets the first group's role in the claim's order."""
    groups = claims.get(claim) or []
    if isinstance(groups, str):
        groups = [groups]
    roles: dict[str, str] = {}
    for group in groups:
        if group in role_map:
            slug, role = role_map[group]
            roles.setdefault(slug, role)
    return roles


def mfa_from_claims(claims: Mapping[str, Any], trust: str, acr_values: Iterable[str]) -> bool:
    """Whether the identity provider vouches for a second factor in this sign-in."""
    if trust == "always":
        return True
    if trust != "claim":
        return False
    amr = claims.get("amr") or []
    if isinstance(amr, str):
        amr = [amr]
    return bool(MFA_AMR.intersection(amr)) or claims.get("acr") in set(acr_values)


class BasisbaanOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """mozilla-django-oidc's backend with Basisbaan's user names, roles and MFA."""

    def get_userinfo(self, access_token: str, id_token: str, payload: dict[str, Any]) -> Any:
        # acr and amr are in the ID token, not in the userinfo answer.
        claims = dict(super().get_userinfo(access_token, id_token, payload))
        for key in ("acr", "amr"):
            if key in payload:
                claims[key] = payload[key]
        return claims

    def filter_users_by_claims(self, claims: dict[str, Any]) -> Any:
        email = claims.get("email")
        if not email:
            return self.UserModel.objects.none()
        return self.UserModel.objects.filter(email__iexact=email, is_active=True)

    def create_user(self, claims: dict[str, Any]) -> User:
        user = User.objects.create_user(
            username=claims["email"].lower()[:150],
            email=claims["email"],
            first_name=str(claims.get("given_name", ""))[:150],
            last_name=str(claims.get("family_name", ""))[:150],
        )
        return self.update_user(user, claims)

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        claim = settings.OIDC_ROLES_FROM_CLAIM
        if claim:
            wanted = roles_from_claims(claims, claim, parse_role_map(settings.OIDC_ROLE_MAP))
            memberships_sync_from_idp(user=user, wanted=wanted)
        request = getattr(self, "request", None)
        if request is not None and mfa_from_claims(
            claims, settings.OIDC_TRUST_IDP_MFA, settings.OIDC_MFA_ACR_VALUES
        ):
            mark_verified_by_idp(request, user)
        return user
