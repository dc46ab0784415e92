"""Payroll work in the background: checking an upload, importing a file.

A file of a million rows takes tens of seconds to check and write, longer
than a web request may last. The page and the API therefore keep the file
(:func:`~basisbaan.payroll.services.payroll_enqueue`) and start a job; the
worker runs the same services as the command line, with progress.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from basisbaan.jobs.models import Job
from basisbaan.jobs.registry import JobKind, JobOutcome, Progress, register
from basisbaan.jobs.services import start_job
from basisbaan.payroll import services
from basisbaan.payroll.models import PayrollImport
from basisbaan.tenancy.models import User

CHECK = "payroll.check"
IMPORT = "payroll.import"
CONFIRM = "payroll.confirm"
KINDS = (CHECK, IMPORT, CONFIRM)


def start_check(*, record: PayrollImport, actor: User) -> Job:
    return start_job(
        municipality=record.municipality,
        actor=actor,
        kind=CHECK,
        label=_("Loonbestand controleren: %(name)s") % {"name": record.file_name},
        params={"import": record.pk},
    )


def start_import(*, record: PayrollImport, actor: User | None) -> Job:
    label = _("Loonbestand inlezen: %(name)s")
    if record.dry_run:
        label = _("Loonbestand controleren (proefrun): %(name)s")
    return start_job(
        municipality=record.municipality,
        actor=actor,
        kind=IMPORT,
        label=label % {"name": record.file_name},
        params={"import": record.pk, "dry_run": record.dry_run},
    )


def start_confirm(*, record: PayrollImport, actor: User) -> Job:
    return start_job(
        municipality=record.municipality,
        actor=actor,
        kind=CONFIRM,
        label=_("Loonbestand inlezen: %(name)s") % {"name": record.file_name},
        params={"import": record.pk},
    )


def _record(job: Job) -> PayrollImport:
    return PayrollImport.objects.get(pk=job.params["import"], municipality=job.municipality)


def _outcome(result: services.ImportResult) -> JobOutcome:
    record = result.payroll_import
    if not result.ok:
        message = _("Het bestand is afgekeurd: %(count)s fouten. Er is niets ingelezen.") % {
            "count": result.error_count
        }
    elif record.status == "imported":
        message = _("Ingelezen: %(new)s nieuw, %(same)s ongewijzigd.") % {
            "new": result.imported,
            "same": result.unchanged,
        }
    else:
        message = _("Gecontroleerd: alle regels kloppen.")
    answer = result.as_json()
    answer["import"] = record.pk
    answer["status"] = record.status
    return JobOutcome(result=answer, url=record.get_absolute_url(), message=message)


def _run_check(job: Job, progress: Progress) -> JobOutcome:
    result = services.payroll_run_queued(
        payroll_import=_record(job), mode="preview", progress=progress
    )
    return _outcome(result)


def _run_import(job: Job, progress: Progress) -> JobOutcome:
    mode = "dry_run" if job.params.get("dry_run") else "import"
    result = services.payroll_run_queued(payroll_import=_record(job), mode=mode, progress=progress)
    return _outcome(result)


def _run_confirm(job: Job, progress: Progress) -> JobOutcome:
    result = services.payroll_run_queued(
        payroll_import=_record(job), mode="import", confirming=True, progress=progress
    )
    return _outcome(result)


def _failed(job: Job) -> None:
    services.payroll_queued_failed(payroll_import=_record(job))


def register_jobs() -> None:
    register(JobKind(CHECK, _run_check, _failed))
    register(JobKind(IMPORT, _run_import, _failed))
    register(JobKind(CONFIRM, _run_confirm, _failed))
