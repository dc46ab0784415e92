"""The personal-data policy: who sees a participant's identity, and the audit of it.

Every face (pages, API, exports, command line) asks this module, not the role
matrix, whether the viewer sees names and BSNs or pseudonyms, and records what
it showed through :func:`audit_participant_view` and :func:`audit_participant_list`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.http import HttpRequest

from basisbaan.audit.services import audit_access, audit_list_access
from basisbaan.participants.constants import PERSONAL_FIELDS
from basisbaan.participants.models import Participant
from basisbaan.tenancy.roles import Perm, has_perm

__all__ = [
    "LIST_FIELDS",
    "NAME_FIELDS",
    "audit_participant_list",
    "audit_participant_view",
    "sees_personal_data",
]

# What a list of participants shows of each: name (and BSN on the participant list).
NAME_FIELDS = ["first_name", "name_prefix", "last_name"]
LIST_FIELDS = ["bsn", *NAME_FIELDS]


def sees_personal_data(request: HttpRequest) -> bool:
    """True when the request's role may see names, BSNs and contact data."""
    membership = getattr(request, "membership", None)
    return has_perm(membership.role if membership else None, Perm.PARTICIPANT_VIEW_PERSONAL)


def audit_participant_view(
    request: HttpRequest, participant: Participant, fields: list[str] = PERSONAL_FIELDS
) -> None:
    """Record that the user saw ``fields`` of one participant (if they may see them)."""
    if sees_personal_data(request):
        audit_access(actor=request.user, instance=participant, fields=list(fields))  # type: ignore[arg-type]


def audit_participant_list(
    request: HttpRequest, participant_ids: Iterable[Any], fields: list[str] = NAME_FIELDS
) -> None:
    """Record, in one entry, the participants whose ``fields`` a list page showed."""
    ids = sorted(set(participant_ids))
    if ids and sees_personal_data(request):
        audit_list_access(
            actor=request.user,  # type: ignore[arg-type]
            municipality=request.municipality,  # type: ignore[attr-defined]
            model=Participant,
            ids=ids,
            fields=list(fields),
        )
