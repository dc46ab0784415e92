"""The second factor: who needs one, TOTP devices, recovery codes, and verifying a code.

A user *needs* a second factor when ``BASISBAAN_2FA`` is ``required`` and the user
sees personal data in any municipality (a role with ``participant.view_personal``)
or is staff (the admin, /beheer/). In ``optional`` mode (development, the demo)
only users who set up a device are asked for a code. A session is *verified* when
django-otp recorded the device that confirmed it (``otp_login``), or when an
OpenID Connect sign-in brought multi-factor proof from the municipality's own
identity provider (see :mod:`basisbaan.tenancy.oidc`).

Devices are django-otp's: one confirmed ``TOTPDevice`` (an authenticator app) and
one ``StaticDevice`` with single-use recovery codes per user.
"""

from __future__ import annotations

from base64 import b32decode, b32encode
from binascii import hexlify
from collections.abc import Iterable

from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from django.conf import settings
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext as _

from basisbaan.audit.models import AuditAction
from basisbaan.audit.services import (
    audit_second_factor,
    audit_security_key,
    audit_sign_in_reset,
)
from basisbaan.tenancy.models import Membership, User
from basisbaan.tenancy.roles import Perm, has_perm

__all__ = [
    "IDP_MFA_SESSION_KEY",
    "RECOVERY_CODE_COUNT",
    "confirmed_totp",
    "has_device",
    "has_security_key",
    "mark_verified_by_idp",
    "needs_second_factor",
    "recovery_codes_create",
    "security_key_added",
    "security_key_delete",
    "security_key_list",
    "security_key_verified",
    "session_verified",
    "sign_in_reset",
    "totp_confirm",
    "totp_pending",
    "totp_secret",
    "verify_code",
    "webauthn_enabled",
]

RECOVERY_CODE_COUNT = 10
# Set when the IdP vouched for a second factor (OIDC amr/acr or OIDC_TRUST_IDP_MFA).
IDP_MFA_SESSION_KEY = "bb_idp_mfa"
TOTP_NAME = "Authenticator-app"
RECOVERY_NAME = "Herstelcodes"


def required_mode() -> bool:
    return getattr(settings, "TWO_FACTOR", "optional") == "required"


def role_needs_second_factor(user: User, memberships: Iterable[Membership] | None = None) -> bool:
    """Whether ``user`` sees personal data in any municipality, or is staff.
    ``memberships`` may pass the user's memberships when already read."""
    if user.is_staff or user.is_superuser:
        return True
    roles = (
        [m.role for m in memberships]
        if memberships is not None
        else user.memberships.values_list("role", flat=True)
    )
    return any(has_perm(role, Perm.PARTICIPANT_VIEW_PERSONAL) for role in roles)


def has_device(user: User) -> bool:
    """Whether ``user`` has a confirmed authenticator app."""
    return bool(TOTPDevice.objects.filter(user=user, confirmed=True).exists())


def needs_second_factor(
    user: User,
    *,
    memberships: Iterable[Membership] | None = None,
    with_device: bool | None = None,
) -> bool:
    """Whether ``user`` must confirm a sign-in with a second factor.

    Required mode: everyone whose role sees personal data, and staff. Optional
    mode: whoever set up an authenticator app (so the demo shows the flow).
    ``memberships`` and ``with_device`` (whether the user has an app) may pass
    what is already known."""
    if not user.is_authenticated:
        return False
    if with_device is None:
        with_device = has_device(user)
    if with_device:
        return True
    return required_mode() and role_needs_second_factor(user, memberships)


def session_verified(request: HttpRequest) -> bool:
    """Whether this session's sign-in was confirmed with a second factor."""
    user = request.user
    if getattr(user, "is_verified", None) is not None and user.is_verified():  # type: ignore[union-attr]
        return True
    return bool(request.session.get(IDP_MFA_SESSION_KEY))


def mark_verified_by_idp(request: HttpRequest, user: User) -> None:
    """The municipality's identity provider confirmed a second factor for ``user``
    (OIDC), who is about to be signed in: the flag survives ``login()``, which
    keeps the session's data under a new key."""
    request.session[IDP_MFA_SESSION_KEY] = True
    audit_second_factor(actor=user, method="idp")


def confirmed_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("pk").first()


def totp_pending(user: User) -> TOTPDevice:
    """The user's unconfirmed authenticator device being set up (made when missing)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def totp_secret(device: TOTPDevice) -> str:
    """The device's secret as authenticator apps take it by hand: base32, in groups of 4."""
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_key_from_base32(secret: str) -> str:
    """A TOTPDevice key (hex) from a base32 secret (the demo's fixed secret)."""
    clean = secret.replace(" ", "").upper()
    clean += "=" * (-len(clean) % 8)
    return hexlify(b32decode(clean)).decode()


@transaction.atomic
def recovery_codes_create(user: User) -> list[str]:
    """New single-use recovery codes for ``user`` (the old ones stop working).
    Returned once, to be shown once: they are not readable afterwards."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


@transaction.atomic
def totp_confirm(request: HttpRequest, device: TOTPDevice, code: str) -> list[str] | None:
    """Confirm the authenticator app being set up with its first ``code``.

    On success the device counts, any older app of the user is removed, the
    session is verified and new recovery codes are returned (to show once);
    ``None`` when the code is wrong."""
    if not device.verify_token(_digits(code)):
        return None
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    otp_login(request, device)
    audit_second_factor(actor=device.user, method="totp")
    return recovery_codes_create(device.user)


def verify_code(request: HttpRequest, code: str) -> bool:
    """Check a code from the authenticator app, or a recovery code (used up), for the
    signed-in user; on success the session counts as verified."""
    user = request.user
    assert isinstance(user, User)
    totp = confirmed_totp(user)
    method = ""
    device: TOTPDevice | StaticDevice | None = None
    with transaction.atomic():
        if totp is not None and totp.verify_token(_digits(code)):
            device, method = totp, "totp"
        else:
            for static in StaticDevice.objects.filter(user=user, confirmed=True):
                if static.verify_token(code.strip().lower().replace(" ", "")):
                    device, method = static, "recovery"
                    break
        if device is None:
            return False
        otp_login(request, device)
        audit_second_factor(actor=user, method=method)
    return True


def _digits(code: str) -> str:
    """A code as typed ('123 456', '123-456') as its digits."""
    return "".join(ch for ch in code if ch.isdigit()) or code.strip()


@transaction.atomic
def sign_in_reset(*, user: User, actor: User | None = None) -> tuple[int, int]:
    """Remove ``user``'s authenticator apps, recovery codes and security keys and forget the
    failed sign-ins that locked them out (a lost phone, a forgotten lockout): the
    next sign-in sets up a new app. Audited. Returns (devices, failures) removed."""
    from axes.utils import reset as axes_reset

    devices = TOTPDevice.objects.filter(user=user).delete()[1].get(TOTPDevice._meta.label, 0)
    devices += StaticDevice.objects.filter(user=user).delete()[1].get(StaticDevice._meta.label, 0)
    # Security keys and passkeys too: a lost phone may have been the passkey.
    devices += (
        WebAuthnCredential.objects.filter(user=user)
        .delete()[1]
        .get(WebAuthnCredential._meta.label, 0)
    )
    failures = axes_reset(username=user.get_username())
    audit_sign_in_reset(actor=actor, user=user, devices=devices, failures=failures)
    return devices, failures


# -- Security keys and passkeys (WebAuthn; the ceremonies in tenancy/webauthn.py) -------


def webauthn_enabled() -> bool:
    """Whether security keys and passkeys are offered (``BASISBAAN_WEBAUTHN``)."""
    return bool(getattr(settings, "WEBAUTHN_ENABLED", False))


def security_key_list(user: User) -> QuerySet[WebAuthnCredential]:
    """``user``'s confirmed security keys and passkeys, oldest first."""
    keys: QuerySet[WebAuthnCredential] = WebAuthnCredential.objects.filter(
        user=user, confirmed=True
    ).order_by("created_at", "pk")
    return keys


def has_security_key(user: User) -> bool:
    """Whether ``user`` can confirm a sign-in with a security key or passkey now."""
    return webauthn_enabled() and security_key_list(user).exists()


@transaction.atomic
def security_key_added(*, user: User, pk: int) -> WebAuthnCredential:
    """The key ``pk`` the library just saved for ``user`` gets a name the user tells
    their keys apart by ('Sleutel 2'); audited."""
    credential = WebAuthnCredential.objects.get(user=user, pk=pk)
    credential.name = _("Sleutel %(number)s") % {"number": security_key_list(user).count()}
    credential.save(update_fields=["name"])
    audit_security_key(actor=user, user=user, name=credential.name, action=AuditAction.CREATE)
    return credential


@transaction.atomic
def security_key_delete(request: HttpRequest, *, pk: int) -> bool:
    """Remove the signed-in user's own key ``pk`` (audited); False when it is not theirs.

    A session confirmed with that very key stays confirmed: django-otp forgets a
    session's confirmation when its device is gone, so the confirmation is moved to
    the user's app (every user with a key has one); nothing new is audited."""
    user = request.user
    assert isinstance(user, User)
    credential = WebAuthnCredential.objects.filter(user=user, pk=pk).first()
    if credential is None:
        return False
    this_session = getattr(getattr(user, "otp_device", None), "persistent_id", None) == (
        credential.persistent_id
    )
    name = credential.name
    credential.delete()
    app = confirmed_totp(user)
    if this_session and app is not None:
        otp_login(request, app)
    audit_security_key(actor=user, user=user, name=name, action=AuditAction.DELETE)
    return True


@transaction.atomic
def security_key_verified(request: HttpRequest, credential: WebAuthnCredential) -> None:
    """A security key or passkey confirmed the sign-in: the session counts as
    verified, as after a code."""
    otp_login(request, credential)
    audit_second_factor(actor=credential.user, method="webauthn")
