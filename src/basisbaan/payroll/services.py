"""Importing payroll files: the one way payroll costs enter the books.

The UI, the API and the CLI all call these services, so they cannot drift
apart. The contract of an import:

- The file must be readable and have every column; otherwise
  :class:`~basisbaan.payroll.parsing.PayrollFileError` is raised and nothing
  at all is recorded (a usage error).
- Every row is checked; if any row fails, no entry is written (all or
  nothing). The import is still recorded, with status "refused" and its errors,
  so the controller can see what was offered.
- A row identical to the stored entry of that person and month counts as
  unchanged: importing a file twice changes nothing.
- A row that differs from the stored entry is an error, unless the import is
  a correction: then it replaces the entry, and each replacement is audited
  with its values before and after.
- A dry run checks and counts (what *would* be imported) and writes no entry.
- Writes happen in one transaction, one import per municipality at a time.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.audit.models import AuditAction
from basisbaan.audit.services import audit_change, snapshot
from basisbaan.core import versions
from basisbaan.payroll.checking import validate_rows
from basisbaan.payroll.constants import ImportStatus
from basisbaan.payroll.models import PayrollEntry, PayrollImport, PayrollUpload
from basisbaan.payroll.parsing import PayrollFile, PayrollFileError, read_payroll_file
from basisbaan.payroll.validation import (
    VALUE_FIELDS,
    Outcome,
    Progress,
    Replacement,
    RowError,
    cents_to_decimal,
)
from basisbaan.payroll.writing import entry_sink, lock_municipality
from basisbaan.tenancy.models import Municipality, User

__all__ = [
    "ImportResult",
    "PayrollFileError",
    "payroll_enqueue",
    "payroll_enqueue_confirm",
    "payroll_import",
    "payroll_queued_failed",
    "payroll_run_queued",
    "payroll_preview",
    "payroll_preview_cancel",
    "payroll_preview_confirm",
]

# A preview older than this must be uploaded again: the data may have moved on.
PREVIEW_MAX_AGE = dt.timedelta(hours=24)
REPLACE_BATCH = 1_000


class PayrollImportConflictError(PayrollFileError):
    """Another import wrote the same person and month at the same time."""


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or preview, would do)."""

    payroll_import: PayrollImport
    rows: int
    imported: int
    unchanged: int
    replaced: int
    # The first IMPORT_MAX_ERRORS errors in detail ...
    errors: list[RowError]
    # ... how many there were in all, and the others counted per column and reason.
    error_count: int = 0
    more_errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.error_count

    def as_json(self) -> dict[str, Any]:
        """The CLI's ``--format json`` and the API's answer.

        ``rows``, ``imported``, ``unchanged`` and ``errors``; when there were
        more errors than are kept in detail, also ``error_count`` (all of them)
        and ``more_errors`` (the others, per column and reason).
        """
        answer: dict[str, Any] = {
            "rows": self.rows,
            "imported": self.imported,
            "unchanged": self.unchanged,
            "errors": [error.as_dict() for error in self.errors],
        }
        if self.more_errors:
            answer["error_count"] = self.error_count
            answer["more_errors"] = self.more_errors
        return answer


def payroll_import(
    *,
    municipality: Municipality,
    actor: User | None,
    file_name: str,
    content: bytes,
    correction: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Check ``content`` and, when every row passes and it is no dry run, import it."""
    parsed = read_payroll_file(content, file_name)
    record = _new_record(municipality, actor, file_name, content, parsed, correction, dry_run)
    return _run(record, parsed, mode="dry_run" if dry_run else "import", progress=progress)


def payroll_preview(
    *,
    municipality: Municipality,
    actor: User,
    file_name: str,
    content: bytes,
    correction: bool = False,
) -> ImportResult:
    """Check ``content`` like a dry run; without errors, keep it for confirmation.

    The user's earlier previews that still wait are cancelled: one at a time.
    """
    parsed = read_payroll_file(content, file_name)
    with transaction.atomic():
        for waiting in PayrollImport.objects.filter(
            municipality=municipality, uploaded_by=actor, status=ImportStatus.PREVIEW
        ):
            _cancel(waiting)
        record = _new_record(municipality, actor, file_name, content, parsed, correction, False)
        result = _run(record, parsed, mode="preview")
        if result.ok:
            PayrollUpload.objects.create(
                municipality=municipality, payroll_import=record, content=content
            )
    return result


def payroll_preview_confirm(
    *, payroll_import: PayrollImport, actor: User, progress: Progress | None = None
) -> ImportResult:
    """Import the file of a preview; the rows are checked again against today's data.

    A preview older than :data:`PREVIEW_MAX_AGE` is cancelled instead
    (``ValidationError``): the file must be uploaded again.
    """
    with transaction.atomic():
        record = PayrollImport.objects.select_for_update().get(pk=payroll_import.pk)
        _check_waiting(record, actor)
        expired = timezone.now() - record.started_at > PREVIEW_MAX_AGE
        if expired:
            _cancel(record)
        else:
            upload = PayrollUpload.objects.get(payroll_import=record)
            content = bytes(upload.content)
            upload.delete()
            parsed = read_payroll_file(content, record.file_name)
            record.started_at = timezone.now()
            return _run(record, parsed, mode="import", progress=progress)
    raise ValidationError(_("Deze controle is ouder dan een dag. Upload het bestand opnieuw."))


def payroll_preview_cancel(*, payroll_import: PayrollImport, actor: User) -> PayrollImport:
    """Drop a preview and its file; nothing is imported."""
    with transaction.atomic():
        record = PayrollImport.objects.select_for_update().get(pk=payroll_import.pk)
        _check_waiting(record, actor)
        _cancel(record)
    return record


# -- in the background (basisbaan.payroll.jobs) ---------------------------------------


def payroll_enqueue(
    *,
    municipality: Municipality,
    actor: User | None,
    file_name: str,
    content: bytes,
    correction: bool = False,
    mode: str = "preview",
) -> PayrollImport:
    """Keep ``content`` for a background check (``mode`` ``preview``) or import
    (``import``, ``dry_run``): an import record with status ``queued`` and its file.

    The header is read now, so an unreadable file or a missing column is
    refused at once (:class:`PayrollFileError`) and nothing is recorded. For a
    preview, the user's earlier previews that still wait are cancelled.
    """
    if mode not in ("preview", "import", "dry_run"):
        raise ValueError(mode)
    parsed = read_payroll_file(content, file_name)
    with transaction.atomic():
        if mode == "preview" and actor is not None:
            for waiting in PayrollImport.objects.filter(
                municipality=municipality,
                uploaded_by=actor,
                status__in=[ImportStatus.PREVIEW],
            ):
                _cancel(waiting)
        record = _new_record(
            municipality, actor, file_name, content, parsed, correction, mode == "dry_run"
        )
        record.status = ImportStatus.QUEUED
        record.save()
        PayrollUpload.objects.create(
            municipality=municipality, payroll_import=record, content=content
        )
    return record


def payroll_enqueue_confirm(*, payroll_import: PayrollImport, actor: User) -> PayrollImport:
    """Mark a waiting preview for import in the background (status ``queued``).

    Only its uploader may; a preview older than :data:`PREVIEW_MAX_AGE` is
    cancelled instead (``ValidationError``).
    """
    with transaction.atomic():
        record = PayrollImport.objects.select_for_update().get(pk=payroll_import.pk)
        _check_waiting(record, actor)
        if timezone.now() - record.started_at > PREVIEW_MAX_AGE:
            _cancel(record)
            expired = True
        else:
            record.status = ImportStatus.QUEUED
            record.save(update_fields=["status", "updated_at"])
            expired = False
    if expired:
        raise ValidationError(_("Deze controle is ouder dan een dag. Upload het bestand opnieuw."))
    return record


def payroll_run_queued(
    *,
    payroll_import: PayrollImport,
    mode: str,
    confirming: bool = False,
    progress: Progress | None = None,
) -> ImportResult:
    """Check (``preview``) or import (``import``, ``dry_run``) a queued file.

    Called by the background job, in its transaction. The rows are checked
    against the data of this moment. The file is dropped afterwards, except
    after a preview without errors (it waits for the confirmation).
    ``confirming``: the import of a confirmed preview (audited as a change of
    that record, not as a new one).
    """
    record = PayrollImport.objects.select_for_update().get(pk=payroll_import.pk)
    if record.status != ImportStatus.QUEUED:
        raise ValidationError(_("Dit bestand wacht niet (meer) op verwerking."))
    upload = PayrollUpload.objects.get(payroll_import=record)
    parsed = read_payroll_file(bytes(upload.content), record.file_name)
    record.started_at = timezone.now()
    result = _run(record, parsed, mode=mode, progress=progress, audit_as_new=not confirming)
    if mode != "preview" or not result.ok:
        upload.delete()
    return result


def payroll_queued_failed(*, payroll_import: PayrollImport) -> None:
    """After a background job broke off: status ``failed``, the file dropped."""
    record = PayrollImport.objects.select_for_update().get(pk=payroll_import.pk)
    if record.status != ImportStatus.QUEUED:
        return
    PayrollUpload.objects.filter(payroll_import=record).delete()
    record.status = ImportStatus.FAILED
    record.finished_at = timezone.now()
    record.save(update_fields=["status", "finished_at", "updated_at"])


# -- internals ----------------------------------------------------------------------


def _new_record(
    municipality: Municipality,
    actor: User | None,
    file_name: str,
    content: bytes,
    parsed: PayrollFile,
    correction: bool,
    dry_run: bool,
) -> PayrollImport:
    return PayrollImport(
        municipality=municipality,
        file_name=(file_name or "loonbestand")[-255:],
        file_format=parsed.description[:80],
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=actor if actor is not None and actor.pk else None,
        is_correction=correction,
        dry_run=dry_run,
        status=ImportStatus.REFUSED,
        started_at=timezone.now(),
    )


def _check_waiting(record: PayrollImport, actor: User) -> None:
    if record.status != ImportStatus.PREVIEW:
        raise ValidationError(_("Dit bestand wacht niet (meer) op bevestiging."))
    if record.uploaded_by_id != actor.pk:
        raise PermissionDenied(_("Alleen wie het bestand uploadde, kan het bevestigen."))


def _cancel(record: PayrollImport) -> None:
    PayrollUpload.objects.filter(payroll_import=record).delete()
    record.status = ImportStatus.CANCELLED
    record.finished_at = timezone.now()
    record.save(update_fields=["status", "finished_at", "updated_at"])


def _run(
    record: PayrollImport,
    parsed: PayrollFile,
    *,
    mode: str,
    progress: Progress | None = None,
    audit_as_new: bool | None = None,
) -> ImportResult:
    """Check ``parsed`` and, in ``import`` mode without errors, write it.

    ``mode``: ``import``, ``dry_run`` or ``preview``. One transaction: a
    refused file leaves its record and nothing else.
    """
    try:
        with transaction.atomic():
            new = not record.pk if audit_as_new is None else audit_as_new
            before = None if new else snapshot(record)
            if mode == "import":
                lock_municipality(record.municipality_id)
                record.save()  # the entries refer to it
                outcome = _check_and_write(record, parsed, progress)
                # The entries are streamed (COPY / bulk_create): no signal says so.
                versions.changed(record.municipality_id)
            else:
                outcome = validate_rows(
                    parsed,
                    municipality=record.municipality,
                    correction=record.is_correction,
                    progress=progress,
                )
            _fill(record, outcome, mode)
            record.save()
            if record.status == ImportStatus.IMPORTED:
                _finish(record, outcome, before)
    except IntegrityError as exc:
        raise PayrollImportConflictError(
            _(
                "Tegelijk is een ander loonbestand voor dezelfde personen en maanden "
                "ingelezen. Er is niets opgeslagen; probeer het opnieuw."
            )
        ) from exc
    return _result(record, outcome)


class _RefusedError(Exception):
    def __init__(self, outcome: Outcome) -> None:
        super().__init__("refused")
        self.outcome = outcome


def _check_and_write(
    record: PayrollImport, parsed: PayrollFile, progress: Progress | None
) -> Outcome:
    """Check the rows while new ones stream into the table; undo it all if any fails."""
    try:
        with transaction.atomic():  # a savepoint around the entries
            with entry_sink(record, progress) as sink:
                outcome = validate_rows(
                    parsed,
                    municipality=record.municipality,
                    correction=record.is_correction,
                    sink=sink,
                    progress=progress,
                )
            if outcome.error_count:
                raise _RefusedError(outcome)
    except _RefusedError as refused:
        return refused.outcome
    return outcome


def _fill(record: PayrollImport, outcome: Outcome, mode: str) -> None:
    statuses = {
        "import": ImportStatus.IMPORTED,
        "dry_run": ImportStatus.CHECKED,
        "preview": ImportStatus.PREVIEW,
    }
    refused = bool(outcome.error_count)
    record.status = ImportStatus.REFUSED if refused else statuses[mode]
    record.row_count = outcome.rows
    record.imported_count = 0 if refused else outcome.imported
    record.unchanged_count = 0 if refused else outcome.unchanged
    record.replaced_count = 0 if refused else len(outcome.replacements)
    record.error_count = outcome.error_count
    record.errors = [error.as_dict() for error in outcome.errors]
    record.more_errors = outcome.problems.more
    record.summary = [] if refused else outcome.summary()
    record.finished_at = timezone.now()


def _finish(record: PayrollImport, outcome: Outcome, before: dict[str, Any] | None) -> None:
    """After the new entries: replace what a correction replaces, audit the import."""
    actor = record.uploaded_by
    for batch in _batches(outcome.replacements, REPLACE_BATCH):
        _replace(record, batch, actor)
    if before is None:
        audit_change(actor=actor, instance=record, action=AuditAction.CREATE)
    else:
        audit_change(actor=actor, instance=record, action=AuditAction.UPDATE, before=before)


def _replace(record: PayrollImport, batch: Sequence[Replacement], actor: User | None) -> None:
    """Overwrite stored entries with a correction's values; audit each one."""
    entries = PayrollEntry.objects.in_bulk([r.entry_id for r in batch])
    now = timezone.now()
    changed: list[tuple[PayrollEntry, dict[str, Any]]] = []
    for replacement in batch:
        entry = entries[replacement.entry_id]
        before = snapshot(entry)
        entry.contract_id = replacement.contract_id
        entry.source_import = record
        entry.updated_at = now
        for name, cents in zip(VALUE_FIELDS, replacement.values, strict=True):
            setattr(entry, name, cents_to_decimal(cents))
        changed.append((entry, before))
    PayrollEntry.objects.bulk_update(
        [entry for entry, _before in changed],
        ["contract", "source_import", "updated_at", *VALUE_FIELDS],
    )
    for entry, before in changed:
        audit_change(actor=actor, instance=entry, action=AuditAction.UPDATE, before=before)


def _batches[T](items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _result(record: PayrollImport, outcome: Outcome) -> ImportResult:
    return ImportResult(
        payroll_import=record,
        rows=record.row_count,
        imported=record.imported_count,
        unchanged=record.unchanged_count,
        replaced=record.replaced_count,
        errors=outcome.errors,
        error_count=outcome.error_count,
        more_errors=record.more_errors,
    )
