"""Helpers of the sign-in tests: a user's authenticator app and its current code."""

from __future__ import annotations

import time

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from django.test import Client

from basisbaan.tenancy.models import User

# A fixed secret (hex), so a test can compute the app's code.
KEY = "3132333435363738393031323334353637383930"


def give_app(user: User, key: str = KEY) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", key=key, confirmed=True)


def code_now(device: TOTPDevice, *, offset_steps: int = 0) -> str:
    """The code the app shows now (or ``offset_steps`` later)."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset_steps * device.step
    return f"{totp.token():0{device.digits}d}"


def wrong_code(device: TOTPDevice) -> str:
    """A six-digit code that is none of the codes the device accepts now."""
    accepted = {code_now(device, offset_steps=s) for s in (-1, 0, 1)}
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in accepted)


def sign_in(
    client: Client,
    username: str,
    password: str = "demo",  # noqa: S107 - the test users' password
    next_url: str = "",
    path: str = "/inloggen/",
    **extra: str,
):
    """Post the password step of ``path`` (the app's login or the admin's)."""
    data = {"username": username, "password": password}
    if next_url:
        data["next"] = next_url
    return client.post(path, data, **extra)
