"""Housekeeping: remove temporary data that nobody needs any more, on a schedule.

``basisbaan housekeeping`` runs this every hour or day (cron, a systemd
timer, a Kubernetes CronJob, or ``--every`` in a scheduler container). It
touches only temporary data, never a participant's file (that is ``basisbaan
purge``, the retention policy):

- background jobs whose worker died are given up (their work was rolled back),
- payroll previews nobody confirmed (uploaded files with BSNs and wages),
  and temporary files, past their retention days,
- finished jobs after ``JOB_RETENTION_DAYS`` (their results may quote rows),
  and the task queue's own finished records,
- expired sessions and expired API tokens.

Each payroll file dropped has its audit entry; the run itself leaves one
audit entry with the counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import transaction
from django.utils import timezone

from basisbaan.audit.context import current_channel, current_request_id
from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.calc.retention import RetentionPolicy
from basisbaan.jobs.constants import FINISHED
from basisbaan.jobs.models import Job
from basisbaan.jobs.services import fail_stale_jobs
from basisbaan.privacy.selectors import expired_payroll_previews, expired_temp_files
from basisbaan.privacy.services import drop_payroll_file, purge_expired_exports

__all__ = ["HousekeepingReport", "housekeeping"]


@dataclass
class HousekeepingReport:
    at: dt.datetime
    stale_jobs: list[int] = field(default_factory=list)
    payroll_previews: list[int] = field(default_factory=list)
    temp_files: list[str] = field(default_factory=list)
    old_jobs: int = 0
    task_results: int = 0
    sessions: int = 0
    api_tokens: int = 0
    exports: int = 0

    def counts(self) -> dict[str, int]:
        return {
            "stale_jobs": len(self.stale_jobs),
            "payroll_previews": len(self.payroll_previews),
            "temp_files": len(self.temp_files),
            "old_jobs": self.old_jobs,
            "task_results": self.task_results,
            "sessions": self.sessions,
            "api_tokens": self.api_tokens,
            "exports": self.exports,
        }

    def lines(self) -> list[str]:
        names = {
            "stale_jobs": "afgebroken taken",
            "payroll_previews": "niet-bevestigde loonbestanden verwijderd",
            "temp_files": "tijdelijke bestanden verwijderd",
            "old_jobs": "oude taken verwijderd",
            "task_results": "afgehandelde wachtrijrecords verwijderd",
            "sessions": "verlopen sessies verwijderd",
            "api_tokens": "verlopen API-sleutels verwijderd",
            "exports": "verlopen exportbestanden verwijderd",
        }
        head = f"Onderhoud op {timezone.localtime(self.at):%d-%m-%Y %H:%M}:"
        return [head, *(f"  {names.get(k, k)}: {v}" for k, v in self.counts().items())]

    def as_dict(self) -> dict[str, Any]:
        return {
            "at": self.at.isoformat(),
            **self.counts(),
            "stale_job_ids": self.stale_jobs,
            "payroll_preview_ids": self.payroll_previews,
        }


def _policy() -> RetentionPolicy:
    return RetentionPolicy(
        participant_years=settings.RETENTION_PARTICIPANT_YEARS,
        payroll_preview_days=settings.RETENTION_PAYROLL_PREVIEW_DAYS,
        temp_file_days=settings.RETENTION_TEMP_FILE_DAYS,
    )


def _task_results(before: dt.datetime) -> int:
    from django_tasks_db.models import DBTaskResult

    done = DBTaskResult.objects.filter(finished_at__lt=before)
    return int(done.delete()[0])


def _api_tokens(now: dt.datetime) -> int:
    from knox.models import AuthToken

    return int(AuthToken.objects.filter(expiry__lt=now).delete()[0])


def housekeeping(*, now: dt.datetime | None = None) -> HousekeepingReport:
    """Remove what is temporary and past its time; the report says what went."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    report = HousekeepingReport(at=now)
    report.stale_jobs = fail_stale_jobs(now=now)
    for record in expired_payroll_previews(today=today, policy=_policy()):
        drop_payroll_file(record, None)
        report.payroll_previews.append(record.pk)
    for path in expired_temp_files(directory=settings.TEMP_DIR, today=today, policy=_policy()):
        report.temp_files.append(str(path.relative_to(settings.TEMP_DIR)))
        path.unlink(missing_ok=True)
    keep_jobs = now - dt.timedelta(days=settings.JOB_RETENTION_DAYS)
    report.old_jobs = int(
        Job.objects.filter(status__in=FINISHED, finished_at__lt=keep_jobs).delete()[0]
    )
    report.task_results = _task_results(now - dt.timedelta(days=1))
    report.sessions = int(Session.objects.filter(expire_date__lt=now).delete()[0])
    report.api_tokens = _api_tokens(now)
    report.exports = purge_expired_exports(now)
    _audit(report)
    return report


def _audit(report: HousekeepingReport) -> None:
    with transaction.atomic():
        AuditEntry.objects.create(
            actor=None,
            actor_label="systeem",
            municipality_id=None,
            action=AuditAction.DELETE,
            object_type="housekeeping",
            object_id="",
            object_repr="onderhoud",
            changes={"purged": report.counts()},
            request_id=current_request_id(),
            channel=current_channel(),
        )
