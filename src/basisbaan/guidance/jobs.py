"""The hours import in the background (kind ``guidance.hours_import``).

A file of many rows takes longer to check and write than a web request may
last. The page and the API keep the file
(:func:`~basisbaan.guidance.importing.hours_enqueue`) and start a job; the
worker runs the same import as the command line (``basisbaan import_hours``,
which stays synchronous), with progress.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from basisbaan.guidance.importing import hours_queued_failed, hours_run_queued
from basisbaan.guidance.models import HoursImport
from basisbaan.jobs.models import Job
from basisbaan.jobs.registry import JobKind, JobOutcome, Progress, register
from basisbaan.jobs.services import start_job
from basisbaan.tenancy.models import User

__all__ = ["HOURS_IMPORT", "register_jobs", "start_hours_import"]

HOURS_IMPORT = "guidance.hours_import"


def start_hours_import(*, record: HoursImport, actor: User | None) -> Job:
    label = _("Urenbestand inlezen: %(name)s")
    if record.dry_run:
        label = _("Urenbestand controleren: %(name)s")
    return start_job(
        municipality=record.municipality,
        actor=actor,
        kind=HOURS_IMPORT,
        label=label % {"name": record.file_name},
        params={"import": record.pk, "dry_run": record.dry_run},
    )


def _record(job: Job) -> HoursImport:
    return HoursImport.objects.get(pk=job.params["import"], municipality=job.municipality)


def _run(job: Job, progress: Progress) -> JobOutcome:
    record = _record(job)
    result = hours_run_queued(hours_import_record=record, progress=progress)
    if not result.ok:
        message = _("Het bestand is afgekeurd: %(count)s fouten. Er is niets ingelezen.") % {
            "count": result.error_count
        }
    elif result.dry_run:
        message = _("Gecontroleerd: alle regels kloppen. Er is nog niets ingelezen.")
    else:
        message = _(
            "Ingelezen: %(created)s nieuw, %(updated)s gewijzigd, %(same)s ongewijzigd."
        ) % {
            "created": result.created,
            "updated": result.updated,
            "same": result.unchanged,
        }
    answer = result.as_dict()
    answer["import"] = record.pk
    return JobOutcome(result=answer, url=record.get_absolute_url(), message=message)


def _failed(job: Job) -> None:
    hours_queued_failed(hours_import_record=_record(job))


def register_jobs() -> None:
    register(JobKind(HOURS_IMPORT, _run, _failed))
