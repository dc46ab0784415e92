from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from basisbaan.tenancy.roles import Perm, perms_for
from basisbaan.tenancy.selectors import membership_list


class _PermView:
    """Template access to permissions: ``{% if perms_of.participant_manage %}``."""

    def __init__(self, granted: frozenset[Perm]) -> None:
        self._granted = {p.value for p in granted}

    def __getattr__(self, name: str) -> bool:
        return name.replace("_", ".", 1) in self._granted


def tenancy(request: HttpRequest) -> dict[str, Any]:
    membership = getattr(request, "membership", None)
    user = getattr(request, "user", None)
    others = []
    if user is not None and user.is_authenticated and membership is not None:
        memberships = getattr(request, "memberships", None)
        if memberships is None:
            memberships = list(membership_list(user=user))
        others = [m for m in memberships if m.pk != membership.pk]
    return {
        "membership": membership,
        "municipality": getattr(request, "municipality", None),
        "can": _PermView(perms_for(membership.role if membership else None)),
        "other_memberships": others,
    }
