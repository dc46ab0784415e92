"""What a signed-in session remembers about signing in, set when it starts.

Set at sign-in (from the ``user_logged_in`` signal, so every path, ``force_login``
included) because the session is written then anyway: a page request then need
not write the session or ask the database whether the user has an authenticator app.
"""

from __future__ import annotations

import time

from django.http import HttpRequest

from basisbaan.tenancy.models import User

__all__ = ["HAS_DEVICE_KEY", "IDLE_SIGNED_OUT_KEY", "LAST_ACTIVITY_KEY", "session_started"]

LAST_ACTIVITY_KEY = "bb_last_activity"
IDLE_SIGNED_OUT_KEY = "bb_idle_signed_out"
# Whether the user had a confirmed authenticator app when the session started.
HAS_DEVICE_KEY = "bb_has_device"


def session_started(request: HttpRequest, user: User) -> None:
    """Start the idle clock and note whether ``user`` has an authenticator app."""
    from basisbaan.tenancy.two_factor import has_device

    request.session[LAST_ACTIVITY_KEY] = int(time.time())
    request.session[HAS_DEVICE_KEY] = has_device(user)
