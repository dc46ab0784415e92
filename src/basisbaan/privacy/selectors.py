"""Reads of the privacy app: what has expired, and everything held about a person."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.audit.selectors import audit_entry_list
from basisbaan.audit.services import snapshot
from basisbaan.calc.retention import (
    RetentionPolicy,
    days_expired,
    file_closed_on,
    participant_expires_on,
)
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.payroll.constants import ImportStatus
from basisbaan.payroll.models import PayrollImport, PayrollUpload
from basisbaan.privacy.constants import HELD
from basisbaan.privacy.models import ExportFile
from basisbaan.tenancy.models import Municipality, User

__all__ = [
    "export_files",
    "EXPORT_FORMAT",
    "expired_participants",
    "expired_payroll_previews",
    "expired_temp_files",
    "participant_by_bsn",
    "participant_closed_on",
    "subject_access",
]

# The name and version of the subject-access export's JSON layout.
EXPORT_FORMAT = "basisbaan-inzage/1"


def participant_closed_on(participant: Participant) -> dt.date | None:
    """The day the participant's file closed (see :func:`calc.retention.file_closed_on`).

    Left: the exit date of an exited participant, the day of the decision of one
    not admitted. The programme's end counts too (the earlier of the two).
    """
    left_on: dt.date | None = None
    if participant.status == ParticipantStatus.EXITED:
        left_on = participant.exit_date
    elif participant.status == ParticipantStatus.REJECTED and participant.status_changed_at:
        left_on = timezone.localdate(participant.status_changed_at)
    return file_closed_on(left_on=left_on, programme_end=participant.programme.end_date)


def expired_participants(*, today: dt.date, policy: RetentionPolicy) -> list[Participant]:
    """Participants not yet anonymised whose retention period has ended ``today``, by id."""
    rows = (
        Participant.objects.filter(anonymised_at__isnull=True)
        .select_related("programme", "municipality")
        .order_by("pk")
    )
    expired = []
    for participant in rows.iterator(chunk_size=2000):
        expires = participant_expires_on(
            participant_closed_on(participant), policy.participant_years
        )
        if expires is not None and today >= expires:
            expired.append(participant)
    return expired


def expired_payroll_previews(*, today: dt.date, policy: RetentionPolicy) -> list[PayrollImport]:
    """Payroll imports whose uploaded file is kept longer than the policy allows.

    A preview waiting for confirmation, or any other import that still has a
    file (an interrupted run), started more than ``payroll_preview_days`` ago.
    """
    with_file = PayrollUpload.objects.values("payroll_import_id")
    rows = PayrollImport.objects.filter(
        models.Q(status=ImportStatus.PREVIEW) | models.Q(pk__in=with_file)
    ).order_by("pk")
    return [
        row
        for row in rows
        if days_expired(timezone.localdate(row.started_at), policy.payroll_preview_days, today)
    ]


def expired_temp_files(*, directory: Path, today: dt.date, policy: RetentionPolicy) -> list[Path]:
    """Files under ``directory`` last changed more than ``temp_file_days`` before ``today``."""
    if not directory.is_dir():
        return []
    found = []
    for path in sorted(directory.rglob("*")):
        if path.is_file() and not path.is_symlink():
            changed = dt.datetime.fromtimestamp(path.stat().st_mtime, tz=dt.UTC)
            if days_expired(timezone.localdate(changed), policy.temp_file_days, today):
                found.append(path)
    return found


def participant_by_bsn(*, municipality: Municipality, bsn: str) -> Participant | None:
    """The participant of ``municipality`` with this BSN (the privacy officer's search)."""
    bsn = (bsn or "").strip()
    if not bsn:
        return None
    return (
        Participant.objects.filter(municipality=municipality, bsn=bsn)
        .select_related("programme", "contact_person")
        .first()
    )


# -- the subject-access export -------------------------------------------------------


def _rows(label: str, path: str, participant: Participant) -> QuerySet[Any]:
    model = apps.get_model(label)
    rows: QuerySet[Any] = model._default_manager.filter(
        municipality_id=participant.municipality_id, **{path: participant}
    )
    return rows.order_by("pk")


def _record(instance: models.Model) -> dict[str, Any]:
    values = snapshot(instance)
    values.pop("municipality", None)
    for name in ("created_at", "updated_at"):
        value = getattr(instance, name, None)
        if value is not None:
            values[name] = value.isoformat()
    return values


def _audit_line(entry: AuditEntry) -> dict[str, Any]:
    changes = dict(entry.changes) if isinstance(entry.changes, dict) else {}
    # A list entry names the other people on the page too: theirs is not this export's.
    changes.pop("ids", None)
    return {
        "timestamp": entry.timestamp.isoformat(),
        "actor": entry.actor_label,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "channel": entry.channel,
        "changes": changes,
    }


def _audit(participant: Participant, held: dict[str, list[dict[str, Any]]]) -> list[AuditEntry]:
    """Entries about the participant, their records, and the lists that showed them."""
    municipality = participant.municipality
    wanted: dict[str, set[str]] = {"participants.participant": {str(participant.pk)}}
    for key, label, _path in HELD:
        ids = {str(row["id"]) for row in held[key]}
        if ids:
            wanted.setdefault(label.lower(), set()).update(ids)
    entries: list[AuditEntry] = []
    for object_type, ids in wanted.items():
        entries += audit_entry_list(municipality=municipality, object_type=object_type).filter(
            object_id__in=ids
        )
    # A list view of participants is one entry with the ids shown (no JSON
    # containment on SQLite): read the municipality's list entries and pick.
    lists = audit_entry_list(
        municipality=municipality,
        object_type="participants.participant",
        action=AuditAction.LIST,
    )
    for entry in lists.iterator(chunk_size=2000):
        ids = entry.changes.get("ids", []) if isinstance(entry.changes, dict) else []
        if str(participant.pk) in {str(i) for i in ids}:
            entries.append(entry)
    unique = {entry.pk: entry for entry in entries}
    return sorted(unique.values(), key=lambda entry: (entry.timestamp, entry.pk))


def subject_access(*, participant: Participant, today: dt.date) -> dict[str, Any]:
    """Everything the application holds about ``participant`` (an inzageverzoek).

    ``{"format", "made_on", "municipality", "pseudonym", "participant": {field: value},
    "records": {kind: [{field: value}]}, "audit": [{timestamp, actor, action,
    object_type, object_id, channel, changes}]}``: values as the audit stores
    them (ids for relations, ISO dates, decimals as strings), records by id,
    audit entries oldest first.
    """
    person = _record(participant)
    person.pop("search_name", None)
    person["programme_name"] = participant.programme.name
    held = {
        key: [_record(row) for row in _rows(label, path, participant)] for key, label, path in HELD
    }
    return {
        "format": EXPORT_FORMAT,
        "made_on": today.isoformat(),
        "municipality": participant.municipality.name,
        "pseudonym": participant.pseudonym,
        "participant": person,
        "records": held,
        "audit": [_audit_line(entry) for entry in _audit(participant, held)],
    }


def export_files(
    *, municipality: Municipality, user: User, now: dt.datetime
) -> QuerySet[ExportFile]:
    """The exports ``user`` made in ``municipality`` that have not expired: only the
    user who asked for an export may download it."""
    return ExportFile.objects.filter(
        municipality=municipality, created_by=user, expires_at__gt=now
    ).select_related("participant")
