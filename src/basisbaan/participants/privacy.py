"""The personal-data policy: what one viewer may see of a participant, and the audit of it.

Every face asks this module, never the role matrix, what of a participant it may
show: pages (the ``{% participant_name %}`` and ``{% participant_bsn %}`` tags and
the ``privacy`` template variable), API serializers, exports, the command line
and the audit log page. One :class:`PersonalDataPolicy` per viewer answers it:

==============  =====================================  ================================
disclosure      granted by                             the viewer sees
==============  =====================================  ================================
``full``        ``participant.view_personal`` and      names, contact data, the whole
                ``participant.view_bsn``               BSN; may search by BSN
``masked_bsn``  ``participant.view_personal`` only     names and contact data, the BSN
                (the read-only role)                   as ``*****1234``; no BSN search
``pseudonym``   ``participant.view`` only              ``P-ABCD-...`` instead of any
                (the researcher)                       identity; no name search, no
                                                       ordering by name or BSN
==============  =====================================  ================================

What a face shows is recorded through :func:`audit_participant_view` and
:func:`audit_participant_list`, with the fields this viewer actually saw
(``bsn_masked`` where the BSN showed as its last four digits).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import F, QuerySet
from django.http import HttpRequest
from rest_framework.request import Request

from basisbaan.audit.display import HIDDEN
from basisbaan.audit.services import audit_access, audit_list_access
from basisbaan.core.api.viewsets import request_membership
from basisbaan.participants.constants import PERSONAL_FIELDS
from basisbaan.participants.models import Participant
from basisbaan.tenancy.models import Membership
from basisbaan.tenancy.roles import Perm, has_perm

__all__ = [
    "LIST_FIELDS",
    "MASKED_BSN_FIELD",
    "NAME_FIELDS",
    "NEUTRAL_ORDERING",
    "Disclosure",
    "PersonalDataPolicy",
    "audit_participant_list",
    "audit_participant_view",
    "mask_bsn",
    "policy_for",
    "policy_for_membership",
    "sees_personal_data",
]

# What a list of participants shows of each: name (and BSN on the participant list).
NAME_FIELDS = ["first_name", "name_prefix", "last_name"]
LIST_FIELDS = ["bsn", *NAME_FIELDS]

# The audit's name for a BSN shown as its last four digits only.
MASKED_BSN_FIELD = "bsn_masked"
# What a masked BSN looks like: five stars and the last four digits.
BSN_MASK = "*****"

# The order of a participant list for a viewer who sees pseudonyms: the status
# date (newest first), then the id. Neither says anything about who someone is.
NEUTRAL_ORDERING: tuple[Any, ...] = (F("status_changed_at").desc(nulls_last=True), "id")

# ``search_name`` is the name again, normalised for the search (participants/search.py).
_IDENTITY_FIELDS = frozenset({*PERSONAL_FIELDS, "search_name"})
# How far the audit page follows foreign keys to find that a record's label
# names a participant (a renewal decision -> contract period -> contract -> participant).
_LINK_DEPTH = 3

T = TypeVar("T")


class Disclosure(StrEnum):
    FULL = "full"
    MASKED_BSN = "masked_bsn"
    PSEUDONYM = "pseudonym"


def mask_bsn(bsn: str) -> str:
    """``*****1234``: the last four digits only ("" for no BSN)."""
    bsn = (bsn or "").strip()
    return BSN_MASK + bsn[-4:] if bsn else ""


@dataclass(frozen=True, slots=True)
class PersonalDataPolicy:
    """What one viewer may see of participants. Build it with :func:`policy_for`."""

    disclosure: Disclosure

    @classmethod
    def for_role(cls, role: str | None) -> PersonalDataPolicy:
        if not has_perm(role, Perm.PARTICIPANT_VIEW_PERSONAL):
            return cls(Disclosure.PSEUDONYM)
        if not has_perm(role, Perm.PARTICIPANT_VIEW_BSN):
            return cls(Disclosure.MASKED_BSN)
        return cls(Disclosure.FULL)

    # -- what the viewer sees ----------------------------------------------------------

    @property
    def sees_identity(self) -> bool:
        """Names, birth date, address and contact data (and some form of the BSN)."""
        return self.disclosure != Disclosure.PSEUDONYM

    @property
    def sees_full_bsn(self) -> bool:
        """The whole BSN, and searching or ordering by it."""
        return self.disclosure == Disclosure.FULL

    @property
    def masks_bsn(self) -> bool:
        """A BSN shows as ``*****1234``."""
        return self.disclosure == Disclosure.MASKED_BSN

    def name(self, participant: Participant) -> str:
        """The full name, or the pseudonym for a viewer who may not see identities."""
        return participant.full_name if self.sees_identity else participant.pseudonym

    def bsn(self, participant: Participant) -> str:
        return self.bsn_text(participant.bsn)

    def bsn_text(self, bsn: str) -> str:
        """The whole BSN, its last four digits, or "" (pseudonym viewers)."""
        if self.disclosure == Disclosure.FULL:
            return bsn
        if self.disclosure == Disclosure.MASKED_BSN:
            return mask_bsn(bsn)
        return ""

    def shown_fields(self, fields: Iterable[str]) -> list[str]:
        """Of a face's personal-data ``fields``, what this viewer saw (for the audit)."""
        if not self.sees_identity:
            return []
        if self.sees_full_bsn:
            return list(fields)
        return [MASKED_BSN_FIELD if name == "bsn" else name for name in fields]

    # -- what the viewer may ask -------------------------------------------------------

    def search_text(self, text: str) -> str:
        """The part of a name-or-BSN search this viewer may use ("" if none).

        A search tells who is behind a row: a pseudonym viewer may not search at
        all, a masked-BSN viewer not with digits (a BSN, whole or in part).
        """
        text = (text or "").strip()
        if not self.sees_identity:
            return ""
        if not self.sees_full_bsn and any(char.isdigit() for char in text):
            return ""
        return text

    def refuses_search(self, text: str) -> bool:
        """Whether a non-empty search was refused (to tell the user why)."""
        return bool((text or "").strip()) and not self.search_text(text)

    def may_order_by(self, model: type[models.Model], path: str) -> bool:
        """Whether rows of ``model`` may be sorted by ``path`` (``-participant__last_name``).

        The order of a list tells its identities as surely as a column does: a
        pseudonym viewer may not sort by a participant's name or other identity
        field, a masked-BSN viewer not by the BSN. A path that cannot be resolved
        is judged by its last part.
        """
        if self.disclosure == Disclosure.FULL:
            return True
        forbidden = _IDENTITY_FIELDS if not self.sees_identity else frozenset({"bsn"})
        found = _resolve(model, path.lstrip("-"))
        if found is None:
            return path.lstrip("-").rsplit("__", 1)[-1] not in forbidden
        target, name = found
        return not (issubclass(target, Participant) and name in forbidden)

    def order_participants(self, queryset: QuerySet[Participant]) -> QuerySet[Participant]:
        """A participant list's default order: unchanged, or :data:`NEUTRAL_ORDERING`
        for a pseudonym viewer (the model orders by surname)."""
        if self.sees_identity:
            return queryset
        return queryset.order_by(*NEUTRAL_ORDERING)

    def sort_rows(
        self, rows: Sequence[T], participant: Callable[[T], Participant | None]
    ) -> list[T]:
        """Rows made in Python, for a pseudonym viewer sorted by pseudonym
        (else as given): a list ordered by surname would tell who is who."""
        if self.sees_identity:
            return list(rows)

        def key(row: T) -> str:
            person = participant(row)
            return person.pseudonym if person is not None else ""

        return sorted(rows, key=key)

    # -- the audit log page ------------------------------------------------------------

    def record_label(self, model: type[models.Model] | None, object_id: str, label: str) -> str:
        """The label of an audited record: as stored, or without the participant's name.

        A participant shows as its pseudonym; a record whose label names a
        participant (a placement, contract, measurement) as "" for a viewer
        who may not see identities.
        """
        if self.sees_identity or model is None:
            return label
        if issubclass(model, Participant):
            return Participant(pk=int(object_id)).pseudonym if object_id.isdigit() else ""
        return "" if _names_a_participant(model) else label

    def field_value(self, model: type[models.Model] | None, field: str, value: Any) -> Any:
        """An audited value of ``model.field``: as stored, masked (a BSN), or :data:`HIDDEN`."""
        if model is None or not issubclass(model, Participant) or field not in _IDENTITY_FIELDS:
            return value
        if not self.sees_identity:
            return HIDDEN
        if field == "bsn" and isinstance(value, str):
            return self.bsn_text(value)
        return value


def _resolve(model: type[models.Model], path: str) -> tuple[type[models.Model], str] | None:
    """The model and field name at the end of ``path`` (``participant__last_name``)."""
    parts = path.split("__")
    current = model
    for part in parts[:-1]:
        try:
            field = current._meta.get_field(part)
        except FieldDoesNotExist:
            return None
        related = field.related_model
        if related is None or isinstance(related, str):
            return None
        current = related
    try:
        current._meta.get_field(parts[-1])
    except FieldDoesNotExist:
        return None
    return current, parts[-1]


def _names_a_participant(model: type[models.Model], depth: int = _LINK_DEPTH) -> bool:
    """Whether ``model`` reaches a participant through its foreign keys (its label may name one)."""
    if issubclass(model, Participant):
        return True
    if depth == 0:
        return False
    return any(
        (field.many_to_one or field.one_to_one)
        and isinstance(field.related_model, type)
        and field.related_model is not model
        and _names_a_participant(field.related_model, depth - 1)
        for field in model._meta.concrete_fields
    )


# -- the viewer of a request -----------------------------------------------------------


def _membership(request: HttpRequest | Request) -> Membership | None:
    """The membership of a page request, or of an API request (token and header)."""
    if isinstance(request, Request):
        return request_membership(request)
    return getattr(request, "membership", None)


def policy_for_membership(membership: Membership | None) -> PersonalDataPolicy:
    return PersonalDataPolicy.for_role(membership.role if membership else None)


def policy_for(request: HttpRequest | Request | None) -> PersonalDataPolicy:
    """The policy of a request's viewer (a pseudonym policy without a membership)."""
    return policy_for_membership(_membership(request) if request is not None else None)


def sees_personal_data(request: HttpRequest | Request) -> bool:
    """True when the request's viewer may see names and contact data."""
    return policy_for(request).sees_identity


# -- the audit of what was shown -------------------------------------------------------


def audit_participant_view(
    request: HttpRequest | Request,
    participant: Participant,
    fields: list[str] = PERSONAL_FIELDS,
) -> None:
    """Record that the viewer saw ``fields`` of one participant (as far as they may)."""
    shown = policy_for(request).shown_fields(fields)
    if shown:
        audit_access(actor=request.user, instance=participant, fields=shown)  # type: ignore[arg-type]


def audit_participant_list(
    request: HttpRequest | Request, participant_ids: Iterable[Any], fields: list[str] = NAME_FIELDS
) -> None:
    """Record, in one entry, the participants whose ``fields`` a list showed."""
    ids = sorted(set(participant_ids))
    if not ids:
        return
    membership = _membership(request)
    shown = policy_for_membership(membership).shown_fields(fields)
    if shown and membership is not None:
        audit_list_access(
            actor=request.user,  # type: ignore[arg-type]
            municipality=membership.municipality,
            model=Participant,
            ids=ids,
            fields=shown,
        )
