"""Checking the hash chain of the audit log (``basisbaan audit_verify``).

Walks every entry in the order of its id, streaming, and stops at the first
broken link: an entry whose own hash no longer matches its values (altered), an
entry whose ``previous_hash`` is not the hash of the entry before it (one or more
entries removed in between), or a head that does not point at the newest entry
(the newest entries removed). See :mod:`basisbaan.audit.chain`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from basisbaan.audit.chain import compute_hash, values_of
from basisbaan.audit.models import AuditChainHead, AuditEntry

__all__ = ["Break", "ChainReport", "verify_chain"]


class Break(StrEnum):
    ALTERED = "altered"
    LINK = "link"
    HEAD = "head"


@dataclass(frozen=True, slots=True)
class ChainReport:
    """The outcome: how many entries were checked, and the first break if any.

    ``entry_id`` is the entry at the break (for ``HEAD``: the newest entry
    found, or ``None`` for an empty log); ``previous_id`` the entry before it.
    """

    checked: int
    broken: Break | None = None
    entry_id: int | None = None
    previous_id: int | None = None

    @property
    def ok(self) -> bool:
        return self.broken is None


def verify_chain(*, chunk_size: int = 2000) -> ChainReport:
    """Check the whole chain; the first break found ends the walk."""
    head = AuditChainHead.objects.filter(pk=1).first()
    # After a retention clean-up the oldest remaining entry links to a removed one.
    previous_hash = head.start_hash if head else ""
    previous_id: int | None = None
    checked = 0
    entries = AuditEntry.objects.order_by("id").iterator(chunk_size=chunk_size)
    for entry in entries:
        if entry.previous_hash != previous_hash:
            return ChainReport(checked, Break.LINK, entry.pk, previous_id)
        if entry.entry_hash != compute_hash(values_of(entry), entry.previous_hash):
            return ChainReport(checked, Break.ALTERED, entry.pk, previous_id)
        previous_hash, previous_id = entry.entry_hash, entry.pk
        checked += 1
    head_hash, head_length = (head.last_hash, head.length - head.pruned) if head else ("", 0)
    if head_hash != previous_hash or head_length != checked:
        return ChainReport(checked, Break.HEAD, previous_id, None)
    return ChainReport(checked)
