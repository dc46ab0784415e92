"""Import of guidance hours kept elsewhere (a spreadsheet, another system), as CSV.

The same rules as the payroll import, with its file reading
(:mod:`basisbaan.payroll.parsing`: encodings, delimiters, Dutch numbers):

- every row is checked first; one refused row refuses the whole file, with
  every reason listed by row number and column;
- then everything is written in one transaction;
- a file imported twice changes nothing the second time: a row is keyed by
  participant, staff member, date and activity; the same hours are
  "unchanged", other hours replace the stored ones (audited).

Columns (header on row 1, case and spaces ignored): ``bsn``, ``medewerker``
(user name), ``datum`` (29-11-2025 or 2025-11-29), ``activiteit`` (code or
Dutch label), ``uren`` (1,5), optional ``toelichting``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.audit.models import AuditAction
from basisbaan.audit.services import snapshot
from basisbaan.core.dates import day_hours_message
from basisbaan.core.imports import ErrorCollector
from basisbaan.guidance.constants import STAFF_ROLES, Activity, HoursImportStatus
from basisbaan.guidance.models import HoursEntry, HoursImport
from basisbaan.guidance.services import (
    audit_hours_rows,
    check_hours,
    closed_months,
    days_over_limit,
)
from basisbaan.participants.models import Participant
from basisbaan.participants.validators import normalise_bsn
from basisbaan.payroll.parsing import (
    CellError,
    PayrollFileError,
    canonical_header,
    decode_text,
    parse_cents,
    sniff_delimiter,
)
from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.roles import Perm, has_perm

__all__ = [
    "HoursImportResult",
    "RowError",
    "hours_enqueue",
    "hours_import",
    "hours_queued_failed",
    "hours_run_queued",
]

Progress = Callable[[str, int, int], None]

REQUIRED = ("bsn", "medewerker", "datum", "activiteit", "uren")
OPTIONAL = ("toelichting",)
MAX_ROWS = 200_000
_DMY = re.compile(r"(\d{1,2})-(\d{1,2})-(\d{4})")
_YMD = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


@dataclass(frozen=True, slots=True)
class RowError:
    row: int
    column: str
    message: str


@dataclass
class HoursImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    dry_run: bool = False
    # The first IMPORT_MAX_ERRORS errors in detail, counts per column and reason beyond.
    problems: ErrorCollector[RowError] = field(default_factory=ErrorCollector)

    @property
    def errors(self) -> list[RowError]:
        return self.problems.detail

    @property
    def error_count(self) -> int:
        return self.problems.count

    @property
    def more_errors(self) -> list[dict[str, object]]:
        return self.problems.more

    @property
    def ok(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict[str, object]:
        """The command's JSON; ``error_count`` and ``more_errors`` only when
        there were more errors than are kept in detail."""
        answer: dict[str, object] = {
            "ok": self.ok,
            "dry_run": self.dry_run,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "errors": [
                {"row": e.row, "column": e.column, "message": e.message} for e in self.errors
            ],
        }
        if self.problems.more_count:
            answer["error_count"] = self.error_count
            answer["more_errors"] = self.more_errors
        return answer


def _activity_lookup() -> dict[str, str]:
    lookup = {}
    for value, label in Activity.choices:
        lookup[value] = value
        lookup[str(label).strip().lower()] = value
    return lookup


def parse_date(text: str) -> dt.date:
    text = text.strip()
    try:
        if match := _DMY.fullmatch(text):
            return dt.date(int(match[3]), int(match[2]), int(match[1]))
        if match := _YMD.fullmatch(text):
            return dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        pass
    raise ValueError(text)


def _read(content: bytes) -> tuple[dict[str, int], list[tuple[int, list[str]]]]:
    if not content.strip():
        raise PayrollFileError(_("Het bestand is leeg."))
    text, _encoding = decode_text(content)
    delimiter = sniff_delimiter(text.split("\n", 1)[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
        rows = [
            (number, row)
            for number, row in enumerate(reader, start=2)
            if any(cell.strip() for cell in row)
        ]
    except (StopIteration, csv.Error) as exc:
        raise PayrollFileError(_("Het bestand is geen geldige CSV.")) from exc
    columns = {canonical_header(name): i for i, name in enumerate(header) if name.strip()}
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise PayrollFileError(
            _("De kopregel mist de kolommen: %(missing)s. Nodig zijn: %(required)s.")
            % {"missing": ", ".join(missing), "required": ", ".join(REQUIRED)}
        )
    if len(rows) > MAX_ROWS:
        raise PayrollFileError(_("Het bestand heeft meer dan 200.000 regels."))
    return columns, rows


def hours_import(
    *,
    municipality: Municipality,
    actor: User | None,
    content: bytes,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> HoursImportResult:
    """Check the whole file, then (unless ``dry_run`` or refused) write it in
    one transaction. Raises :class:`PayrollFileError` when the file as a whole
    cannot be read. ``progress(phase, done, total)``: rows checked, then written."""
    columns, rows = _read(content)
    result = HoursImportResult(rows=len(rows), dry_run=dry_run)
    bsns = {normalise_bsn(_cell(r, columns, "bsn")) for _n, r in rows}
    people = dict(
        Participant.objects.filter(municipality=municipality, bsn__in=bsns).values_list("bsn", "pk")
    )
    staff = dict(
        Membership.objects.filter(municipality=municipality, role__in=STAFF_ROLES).values_list(
            "user__username", "user_id"
        )
    )
    actor_role = (
        Membership.objects.filter(user=actor, municipality=municipality)
        .values_list("role", flat=True)
        .first()
        if actor is not None and actor.pk
        else None
    )
    manages = actor is None or has_perm(actor_role, Perm.GUIDANCE_MANAGE)
    activities = _activity_lookup()
    latest = timezone.localdate() + dt.timedelta(days=7)
    wanted: dict[tuple[int, int, dt.date, str], tuple[int, Decimal, str]] = {}
    checking = _("Regels controleren")
    for done, (number, row) in enumerate(rows):
        if progress is not None:
            progress(checking, done, len(rows))
        errors = result.problems
        before = len(errors)
        bsn = normalise_bsn(_cell(row, columns, "bsn"))
        participant_id = people.get(bsn)
        if participant_id is None:
            errors.add(RowError(number, "bsn", _("Geen deelnemer met dit BSN in uw gemeente.")))
        username = _cell(row, columns, "medewerker").strip()
        staff_id = staff.get(username)
        if staff_id is None:
            errors.add(
                RowError(
                    number,
                    "medewerker",
                    _("Geen consulent, jobcoach of programmamanager met deze gebruikersnaam."),
                )
            )
        elif not manages and (actor is None or staff_id != actor.pk):
            errors.add(RowError(number, "medewerker", _("U kunt alleen uw eigen uren inlezen.")))
        try:
            day = parse_date(_cell(row, columns, "datum"))
            if day > latest:
                errors.add(RowError(number, "datum", _("De datum ligt te ver in de toekomst.")))
        except ValueError:
            day = None
            errors.add(RowError(number, "datum", _("Vul de datum in als 29-11-2025.")))
        activity = activities.get(_cell(row, columns, "activiteit").strip().lower())
        if activity is None:
            errors.add(
                RowError(
                    number,
                    "activiteit",
                    _("Onbekende activiteit. Kies uit: %(list)s.")
                    % {"list": ", ".join(Activity.values)},
                )
            )
        hours = _hours(row, columns, number, errors)
        note = _cell(row, columns, "toelichting").strip()[:200] if "toelichting" in columns else ""
        if len(errors) > before or participant_id is None or staff_id is None:
            continue
        assert day is not None and activity is not None and hours is not None
        key = (participant_id, staff_id, day, activity)
        if key in wanted:
            errors.add(
                RowError(
                    number,
                    "datum",
                    _(
                        "Dubbel: regel %(row)s heeft dezelfde deelnemer, medewerker, datum en activiteit."
                    )
                    % {"row": wanted[key][0]},
                )
            )
            continue
        wanted[key] = (number, hours, note)
    for month in sorted(closed_months(municipality.pk, [k[2] for k in wanted])):
        for key, (number, _h, _n) in wanted.items():
            if key[2].replace(day=1) == month:
                result.problems.add(RowError(number, "datum", _("Deze maand is afgesloten.")))
    over = days_over_limit(municipality.pk, {k: v[1] for k, v in wanted.items()})
    for key, (number, _h, _n) in wanted.items():
        if (total := over.get((key[1], key[2]))) is not None:
            result.problems.add(RowError(number, "uren", day_hours_message(key[2], total)))
    result.errors.sort(key=lambda e: (e.row, e.column))
    if progress is not None:
        progress(checking, len(rows), len(rows))
    if result.problems:
        return result
    if progress is not None:
        progress(_("Uren opslaan"), 0, len(wanted))
    _write(municipality, actor, wanted, result)
    if progress is not None:
        progress(_("Uren opslaan"), len(wanted), len(wanted))
    return result


# -- in the background ---------------------------------------------------------------


def hours_enqueue(
    *,
    municipality: Municipality,
    actor: User | None,
    file_name: str,
    content: bytes,
    dry_run: bool = False,
) -> HoursImport:
    """Keep ``content`` for a background import (status ``queued``).

    The file is read now, so an unreadable file or a missing column is refused
    at once (:class:`PayrollFileError`) and nothing is kept.
    """
    _read(content)
    return HoursImport.objects.create(
        municipality=municipality,
        file_name=(file_name or "uren.csv")[-255:],
        uploaded_by=actor if actor is not None and actor.pk else None,
        dry_run=dry_run,
        content=content,
    )


def hours_run_queued(
    *, hours_import_record: HoursImport, progress: Progress | None = None
) -> HoursImportResult:
    """Check and (unless a dry run) import a queued file, in the job's transaction;
    record the answer and drop the file."""
    record = HoursImport.objects.select_for_update().get(pk=hours_import_record.pk)
    if record.status != HoursImportStatus.QUEUED:
        raise ValidationError(_("Dit bestand wacht niet (meer) op verwerking."))
    result = hours_import(
        municipality=record.municipality,
        actor=record.uploaded_by,
        content=bytes(record.content),
        dry_run=record.dry_run,
        progress=progress,
    )
    if not result.ok:
        record.status = HoursImportStatus.REFUSED
    elif record.dry_run:
        record.status = HoursImportStatus.CHECKED
    else:
        record.status = HoursImportStatus.IMPORTED
    record.result = result.as_dict()
    record.content = b""
    record.finished_at = timezone.now()
    record.save(update_fields=["status", "result", "content", "finished_at", "updated_at"])
    return result


def hours_queued_failed(*, hours_import_record: HoursImport) -> None:
    """After a background job broke off: status ``failed``, the file dropped."""
    record = HoursImport.objects.select_for_update().get(pk=hours_import_record.pk)
    if record.status != HoursImportStatus.QUEUED:
        return
    record.status = HoursImportStatus.FAILED
    record.content = b""
    record.finished_at = timezone.now()
    record.save(update_fields=["status", "content", "finished_at", "updated_at"])


def _cell(row: list[str], columns: dict[str, int], name: str) -> str:
    index = columns.get(name)
    if index is None or index >= len(row):
        return ""
    return row[index]


def _hours(
    row: list[str], columns: dict[str, int], number: int, errors: ErrorCollector[RowError]
) -> Decimal | None:
    try:
        cents = parse_cents(_cell(row, columns, "uren"))
    except CellError:
        cents = -1
    if cents is None or cents < 0:
        errors.add(RowError(number, "uren", _("Vul het aantal uren in als 1,5.")))
        return None
    hours = Decimal(cents).scaleb(-2)
    if message := check_hours(hours):
        errors.add(RowError(number, "uren", message))
        return None
    return hours


class _DryRunError(Exception):
    pass


def _write(
    municipality: Municipality,
    actor: User | None,
    wanted: dict[tuple[int, int, dt.date, str], tuple[int, Decimal, str]],
    result: HoursImportResult,
) -> None:
    try:
        with transaction.atomic():
            _upsert(municipality, actor, wanted, result)
            if result.dry_run:
                raise _DryRunError
    except _DryRunError:
        pass


def _upsert(
    municipality: Municipality,
    actor: User | None,
    wanted: dict[tuple[int, int, dt.date, str], tuple[int, Decimal, str]],
    result: HoursImportResult,
) -> None:
    if not wanted:
        return
    days = [k[2] for k in wanted]
    existing = {
        (e.participant_id, e.staff_id, e.date, e.activity): e
        for e in HoursEntry.objects.select_for_update().filter(
            municipality=municipality,
            participant_id__in={k[0] for k in wanted},
            date__range=(min(days), max(days)),
        )
    }
    create, update, changes = [], [], []
    now = timezone.now()
    for key, (_number, hours, note) in wanted.items():
        current = existing.get(key)
        if current is None:
            create.append(
                HoursEntry(
                    municipality=municipality,
                    participant_id=key[0],
                    staff_id=key[1],
                    date=key[2],
                    activity=key[3],
                    hours=hours,
                    note=note,
                )
            )
        elif current.hours != hours or current.note != note:
            diff = {}
            if current.hours != hours:
                diff["hours"] = [str(current.hours), str(hours)]
            if current.note != note:
                diff["note"] = [current.note, note]
            current.hours, current.note, current.updated_at = hours, note, now
            update.append(current)
            changes.append((current, diff))
        else:
            result.unchanged += 1
    created = HoursEntry.objects.bulk_create(create, batch_size=5000)
    if update:
        HoursEntry.objects.bulk_update(update, ["hours", "note", "updated_at"], batch_size=5000)
    result.created, result.updated = len(created), len(update)
    audit_hours_rows(
        actor=actor,
        municipality_id=municipality.pk,
        action=AuditAction.CREATE,
        rows=[(e, {k: [None, v] for k, v in snapshot(e).items()}) for e in created],
    )
    audit_hours_rows(
        actor=actor, municipality_id=municipality.pk, action=AuditAction.UPDATE, rows=changes
    )
