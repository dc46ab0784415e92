"""Whether the signed-in user is a regional user without a municipality: the menu
then shows the region only."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from basisbaan.regions.selectors import is_regional_user


def regions(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or getattr(request, "membership", None):
        return {"regional_user": False}
    return {"regional_user": is_regional_user(user)}
