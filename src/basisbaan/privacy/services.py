"""Writes of the privacy app: ``purge`` (the retention policy applied) and the
audit of a subject-access export.

Anonymising a participant empties identity, contact data and free text
(:mod:`basisbaan.privacy.constants`) and cuts the birth date back to 1 January
of its year; placements, contracts, periods, wage values, hours and payroll
cost lines stay, so budget figures, actuals and research statistics still add
up. One audit entry per anonymised record names the fields, never a value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.audit.context import current_channel, current_request_id
from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.audit.services import audit_access
from basisbaan.calc.retention import RetentionPolicy
from basisbaan.participants.models import Participant
from basisbaan.payroll.constants import ImportStatus
from basisbaan.payroll.models import PayrollImport, PayrollUpload
from basisbaan.privacy.constants import (
    ANONYMISED_NAME,
    FREE_TEXT,
    HOUSEHOLD_EMPTY,
    IDENTITY_FIELDS,
)
from basisbaan.privacy.export import as_json, as_pdf
from basisbaan.privacy.models import ExportFile
from basisbaan.privacy.selectors import (
    expired_participants,
    expired_payroll_previews,
    expired_temp_files,
    subject_access,
)
from basisbaan.tenancy.models import User

__all__ = [
    "EXPORT_KEEP",
    "PurgeReport",
    "audit_subject_access",
    "drop_payroll_file",
    "participant_anonymise",
    "purge",
    "purge_expired_exports",
    "subject_access_export",
]

# How long a subject-access export made in the background waits for its download.
EXPORT_KEEP = dt.timedelta(hours=24)
CONTENT_TYPES = {"pdf": "application/pdf", "json": "application/json"}


@dataclass
class PurgeReport:
    """What ``purge`` did (or, without ``apply``, would do)."""

    today: dt.date
    applied: bool
    participants: list[int] = field(default_factory=list)
    free_text_records: int = 0
    payroll_previews: list[int] = field(default_factory=list)
    temp_files: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report in Dutch, one line per record type."""
        verb = "geanonimiseerd" if self.applied else "te anonimiseren"
        gone = "verwijderd" if self.applied else "te verwijderen"
        head = "Opgeschoond" if self.applied else "Proefrun (niets gewijzigd; --apply voert uit)"
        return [
            f"{head} op {self.today:%d-%m-%Y}:",
            f"  deelnemers {verb}: {len(self.participants)}",
            f"  records met vrije tekst {'geleegd' if self.applied else 'te legen'}: "
            f"{self.free_text_records}",
            f"  verloningsvoorbeelden {gone}: {len(self.payroll_previews)}",
            f"  tijdelijke bestanden {gone}: {len(self.temp_files)}",
        ]

    def as_dict(self) -> dict[str, Any]:
        return {
            "today": self.today.isoformat(),
            "applied": self.applied,
            "participants": self.participants,
            "free_text_records": self.free_text_records,
            "payroll_previews": self.payroll_previews,
            "temp_files": self.temp_files,
        }


def _entry(actor: User | None, record: Any, label: str, changes: dict[str, Any]) -> None:
    """An audit entry without personal data (the label is a pseudonym or a kind)."""
    AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor.get_username() if actor is not None and actor.pk else "systeem",
        municipality_id=getattr(record, "municipality_id", None),
        action=AuditAction.UPDATE,
        object_type=record._meta.label_lower,
        object_id=str(record.pk),
        object_repr=label[:200],
        changes=changes,
        request_id=current_request_id(),
        channel=current_channel(),
    )


def _free_text(participant: Participant) -> list[Any]:
    """The records about ``participant`` with free text still filled in."""
    found = []
    for label, path, fields in FREE_TEXT:
        model = apps.get_model(label)
        rows = model._default_manager.filter(
            municipality_id=participant.municipality_id, **{path: participant}
        ).order_by("pk")
        found += [(row, fields) for row in rows if any(getattr(row, name) for name in fields)]
    return found


def participant_anonymise(
    *, participant: Participant, actor: User | None, reason: str = "bewaartermijn verstreken"
) -> int:
    """Anonymise one participant and the free text about them; the number of other
    records emptied. Idempotent: an anonymised participant is left as it is."""
    with transaction.atomic():
        person = Participant.objects.select_for_update().get(pk=participant.pk)
        if person.anonymised_at is not None:
            return 0
        emptied = 0
        for row, fields in _free_text(person):
            for name in fields:
                setattr(row, name, "")
            row.save(update_fields=list(fields))
            _entry(actor, row, row._meta.verbose_name, {"anonymised": list(fields)})
            emptied += 1
        for name in IDENTITY_FIELDS:
            setattr(person, name, "")
        for name, empty in HOUSEHOLD_EMPTY.items():
            setattr(person, name, list(empty) if isinstance(empty, list) else empty)
        person.last_name = ANONYMISED_NAME
        person.date_of_birth = dt.date(person.date_of_birth.year, 1, 1)
        person.anonymised_at = timezone.now()
        cleared = [*IDENTITY_FIELDS, *HOUSEHOLD_EMPTY]
        person.save(update_fields=[*cleared, "date_of_birth", "anonymised_at", "search_name"])
        _entry(
            actor,
            person,
            person.pseudonym,
            {"anonymised": [*cleared, "date_of_birth"], "reason": reason},
        )
    return emptied


def drop_payroll_file(record: PayrollImport, actor: User | None) -> None:
    """Delete the uploaded file of ``record``; a waiting preview is cancelled, a
    queued one failed (its job is gone). Audited, without personal data."""
    with transaction.atomic():
        PayrollUpload.objects.filter(payroll_import=record).delete()
        changes: dict[str, Any] = {"upload": ["bestand", None]}
        ends: dict[str, str] = {
            ImportStatus.PREVIEW: ImportStatus.CANCELLED,
            ImportStatus.QUEUED: ImportStatus.FAILED,
        }
        if record.status in ends:
            changes["status"] = [record.status, ends[record.status]]
            record.status = ends[record.status]
            record.finished_at = record.finished_at or timezone.now()
            record.save(update_fields=["status", "finished_at"])
        _entry(actor, record, f"verloningsimport {record.pk}", changes)


def purge(
    *,
    today: dt.date,
    policy: RetentionPolicy,
    temp_dir: Path,
    apply: bool = False,
    actor: User | None = None,
) -> PurgeReport:
    """Remove or anonymise what has been kept longer than ``policy`` allows on ``today``.

    Without ``apply`` nothing changes: the report says what would happen.
    """
    report = PurgeReport(today=today, applied=apply)
    for participant in expired_participants(today=today, policy=policy):
        report.participants.append(participant.pk)
        if apply:
            report.free_text_records += participant_anonymise(participant=participant, actor=actor)
        else:
            report.free_text_records += len(_free_text(participant))
    for record in expired_payroll_previews(today=today, policy=policy):
        report.payroll_previews.append(record.pk)
        if apply:
            drop_payroll_file(record, actor)
    for path in expired_temp_files(directory=temp_dir, today=today, policy=policy):
        report.temp_files.append(str(path.relative_to(temp_dir)))
        if apply:
            path.unlink(missing_ok=True)
    return report


def audit_subject_access(*, actor: User | None, participant: Participant, file_format: str) -> None:
    """Record that ``actor`` exported everything held about ``participant``."""
    audit_access(
        actor=actor,
        instance=participant,
        fields=[f"inzageverzoek:{file_format}"],
        action=AuditAction.EXPORT,
    )


def subject_access_export(
    *,
    participant: Participant,
    actor: User,
    file_format: str,
    today: dt.date,
    job_id: int | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> ExportFile:
    """Make the subject-access export of ``participant`` (``pdf`` or ``json``) and keep it
    for ``actor`` for :data:`EXPORT_KEEP` (the background job's work; the download is
    audited, see :func:`audit_subject_access`)."""
    if file_format not in CONTENT_TYPES:
        raise ValueError(file_format)

    def report(phase: str, done: int) -> None:
        if progress is not None:
            progress(phase, done, 3)

    report(_("Gegevens verzamelen"), 0)
    data = subject_access(participant=participant, today=today)
    report(_("Bestand maken"), 1)
    content = as_pdf(data) if file_format == "pdf" else as_json(data)
    report(_("Bestand bewaren"), 2)
    export = ExportFile.objects.create(
        municipality_id=participant.municipality_id,
        job_id=job_id,
        created_by=actor,
        participant=participant,
        file_format=file_format,
        file_name=f"inzageverzoek-{participant.pseudonym}-{data['made_on']}.{file_format}",
        content_type=CONTENT_TYPES[file_format],
        content=content,
        expires_at=timezone.now() + EXPORT_KEEP,
    )
    report(_("Klaar"), 3)
    return export


def purge_expired_exports(now: dt.datetime | None = None) -> int:
    """Remove the subject-access exports whose time has passed; returns how many."""
    now = now or timezone.now()
    deleted, _per_model = ExportFile.objects.filter(expires_at__lte=now).delete()
    return deleted
