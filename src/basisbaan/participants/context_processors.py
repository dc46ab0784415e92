"""``privacy`` in every template: the viewer's personal-data policy.

Templates decide layout with it (``{% if privacy.sees_identity %}`` for a name
column, ``privacy.masks_bsn`` for a hint) and show values through the
``participant_name`` and ``participant_bsn`` tags, which ask the same policy.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from basisbaan.participants.privacy import policy_for


def privacy(request: HttpRequest) -> dict[str, Any]:
    return {"privacy": policy_for(request)}
