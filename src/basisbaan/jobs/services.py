"""Starting background jobs, and giving up the ones whose worker died.

:func:`start_job` records a job and puts it in the task queue; the worker
runs it (:mod:`basisbaan.jobs.execution`).

Call :func:`start_job` outside a transaction: a worker on another connection
must find the job row when it picks the task up.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.audit.context import current_channel, current_request_id
from basisbaan.jobs.constants import JobStatus
from basisbaan.jobs.execution import fail
from basisbaan.jobs.models import Job
from basisbaan.jobs.registry import get_kind
from basisbaan.jobs.tasks import run_job
from basisbaan.tenancy.models import Municipality, User

__all__ = ["fail_stale_jobs", "start_job"]

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
    try:
        result = run_job.enqueue(job.pk)
    except Exception:
        logger.exception("job %s could not be queued", job.pk)
        fail(
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
        fail(
            job,
            _(
                "Deze taak is afgebroken: de verwerking stopte of kwam niet aan de beurt. "
                "Er is niets opgeslagen; start het opnieuw."
            ),
        )
    return [job.pk for job in stale]
