"""Starting and running background jobs.

:func:`start_job` records a job and puts it in the task queue; the worker
calls :func:`execute_job`, which runs the job's kind (its own transaction: all
or nothing) and records how it ended. A failure is recorded with a message in
Dutch for the user; what the job was writing is rolled back, and the kind's
``on_failure`` tidies up what the start left.

Call :func:`start_job` outside a transaction: a worker on another connection
must find the job row when it picks the task up.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.audit.context import (
    current_channel,
    current_request_id,
    reset_channel,
    reset_request_id,
    set_channel,
    set_request_id,
)
from basisbaan.jobs.constants import JobStatus
from basisbaan.jobs.models import Job
from basisbaan.jobs.progress import JobProgress
from basisbaan.jobs.registry import JobError, JobOutcome, get_kind
from basisbaan.tenancy.models import Municipality, User

__all__ = ["execute_job", "fail_stale_jobs", "start_job"]

logger = logging.getLogger(__name__)

# A job that waits this long for a worker is given up (housekeeping).
QUEUE_TIMEOUT = dt.timedelta(days=1)


def start_job(
    *,
    municipality: Municipality,
    actor: User | None,
    kind: str,
    label: str,
    params: dict[str, Any] | None = None,
) -> Job:
    """Record a job of ``kind`` and queue it; returns the job as it stands after queueing.

    With the immediate backend (tests) the job has run by then. When the queue
    cannot be reached, the job is recorded as failed, with the reason.
    """
    get_kind(kind)  # an unknown kind is a programming error: fail before recording
    job = Job.objects.create(
        municipality=municipality,
        created_by=actor if actor is not None and actor.pk else None,
        kind=kind,
        label=label[:200],
        params=params or {},
        request_id=current_request_id(),
        channel=current_channel(),
    )
    from basisbaan.jobs.tasks import run_job  # the task module imports the backend

    try:
        result = run_job.enqueue(job.pk)
    except Exception:
        logger.exception("job %s could not be queued", job.pk)
        _fail(
            job,
            _(
                "De taak kon niet in de wachtrij worden gezet: de takenwachtrij is niet "
                "bereikbaar. Er is niets verwerkt; probeer het later opnieuw."
            ),
        )
    else:
        Job.objects.filter(pk=job.pk).update(task_id=str(result.id)[:64])
    job.refresh_from_db()
    return job


def execute_job(job_id: int) -> None:
    """Run job ``job_id`` (in the worker); a job already started or finished is left alone."""
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, started_at=timezone.now()
    )
    if not claimed:
        return
    job = Job.objects.select_related("municipality", "created_by").get(pk=job_id)
    started = job.started_at.timestamp() if job.started_at else None
    progress = JobProgress(job.pk, started=started)
    channel = set_channel(job.channel or "job")
    request_id = set_request_id(job.request_id or uuid.uuid4())
    try:
        outcome = _run(job, progress)
    except JobError as exc:
        _fail(job, str(exc))
    except (ValidationError, PermissionDenied) as exc:
        _fail(job, " ".join(getattr(exc, "messages", None) or [str(exc)]))
    except MemoryError:
        logger.exception("job %s ran out of memory", job.pk)
        _fail(
            job,
            _(
                "Deze taak had meer geheugen nodig dan de verwerking mag gebruiken. Er is "
                "niets opgeslagen. Vraag de beheerder het geheugen (WORKER_MEMORY_MB) te "
                "vergroten, of lever het werk in kleinere delen aan."
            ),
        )
    except Exception:
        logger.exception("job %s (%s) failed", job.pk, job.kind)
        _fail(
            job,
            _(
                "Er ging iets mis bij het verwerken. Er is niets opgeslagen. De beheerder "
                "vindt de oorzaak in het log onder verzoek-id %(id)s."
            )
            % {"id": job.request_id},
        )
    else:
        job.status = JobStatus.DONE
        job.result = outcome.result
        job.result_url = outcome.url[:300]
        job.message = outcome.message
        job.done, job.total = progress.done, progress.total
        job.finished_at = timezone.now()
        job.save(
            update_fields=[
                "status",
                "result",
                "result_url",
                "message",
                "done",
                "total",
                "finished_at",
                "updated_at",
            ]
        )
    finally:
        progress.clear()
        reset_request_id(request_id)
        reset_channel(channel)


def _run(job: Job, progress: JobProgress) -> JobOutcome:
    kind = get_kind(job.kind)
    with transaction.atomic():
        return kind.run(job, progress)


def _fail(job: Job, message: str) -> None:
    """Record ``job`` as failed with ``message``, after the kind tidied up."""
    try:
        kind = get_kind(job.kind)
        if kind.on_failure is not None:
            with transaction.atomic():
                kind.on_failure(job)
    except Exception:
        logger.exception("tidying up after job %s failed", job.pk)
    job.status = JobStatus.FAILED
    job.message = message
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "message", "finished_at", "updated_at"])


def fail_stale_jobs(*, now: dt.datetime | None = None) -> list[int]:
    """Give up jobs that ran longer than ``JOB_TIMEOUT`` or waited a day for a worker.

    Their worker died or was stopped; their work was rolled back with it.
    Returns the ids of the jobs given up.
    """
    now = now or timezone.now()
    running_since = now - dt.timedelta(seconds=settings.JOB_TIMEOUT)
    stale = list(
        Job.objects.filter(status=JobStatus.RUNNING, started_at__lt=running_since)
        | Job.objects.filter(status=JobStatus.QUEUED, created_at__lt=now - QUEUE_TIMEOUT)
    )
    for job in stale:
        _fail(
            job,
            _(
                "Deze taak is afgebroken: de verwerking stopte of kwam niet aan de beurt. "
                "Er is niets opgeslagen; start het opnieuw."
            ),
        )
    return [job.pk for job in stale]
