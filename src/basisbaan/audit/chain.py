"""The hash chain over the audit log: a removed or altered entry is detected.

Every entry stores the hash of the entry before it (``previous_hash``; the first
entry has ``""``) and its own hash (``entry_hash``): SHA-256 over a canonical
JSON of its fields and ``previous_hash``. The hash of the newest entry is kept
in the one-row :class:`~basisbaan.audit.models.AuditChainHead`, which is also
the lock that keeps two inserts from forking the chain.

- an altered entry no longer matches its own hash;
- a removed entry breaks the link of the entry after it;
- a removed newest entry no longer matches the head.

Whoever can rewrite every later entry and the head (the table's owner) can
forge a consistent chain: the chain detects tampering by a stray script or a
role that can delete, and the database roles (``docs/security.md#audit``) keep
the application from doing either.

Pure functions of plain values, used by the model, the backfill migration and
``basisbaan audit_verify``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

__all__ = ["HASHED_FIELDS", "canonical", "compute_hash"]

# The fields a hash covers, as stored (``actor_id``: the column, not the user).
HASHED_FIELDS = (
    "timestamp",
    "actor_id",
    "actor_label",
    "municipality_id",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "request_id",
    "channel",
)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        # One spelling of an instant, whatever zone the database returned it in.
        return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    return str(value)  # a UUID


def canonical(values: dict[str, Any], previous_hash: str) -> str:
    """The text a hash is taken over: sorted keys, no spaces, UTF-8 as is."""
    payload = {name: _plain(values.get(name)) for name in HASHED_FIELDS}
    payload["previous_hash"] = previous_hash
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def compute_hash(values: dict[str, Any], previous_hash: str) -> str:
    """The SHA-256 (hex) of an entry's ``values`` chained to ``previous_hash``."""
    return hashlib.sha256(canonical(values, previous_hash).encode()).hexdigest()


def values_of(entry: Any) -> dict[str, Any]:
    """The hashed values of an entry (a model instance or a migration's historical one)."""
    return {name: getattr(entry, name) for name in HASHED_FIELDS}
