"""Running a background job, in the worker.

:func:`execute_job` runs the job's kind (its own transaction: all or nothing)
and records how it ended. A failure is recorded with a message in Dutch for
the user; what the job was writing is rolled back, and the kind's
``on_failure`` tidies up what the start left.
"""

from __future__ import annotations

import logging
import uuid

import structlog

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.audit.context import reset_channel, reset_request_id, set_channel, set_request_id
from basisbaan.jobs.constants import JobStatus
from basisbaan.jobs.models import Job
from basisbaan.jobs.progress import JobProgress
from basisbaan.jobs.registry import JobError, JobOutcome, get_kind

__all__ = ["execute_job", "fail"]

logger = logging.getLogger(__name__)


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
    # The worker's log lines of this job carry the id of the request that started it.
    with structlog.contextvars.bound_contextvars(
        request_id=str(job.request_id or ""),
        job_id=job.pk,
        job_kind=job.kind,
        municipality=job.municipality.slug,
        user_id=job.created_by_id,
    ):
        try:
            outcome = _run(job, progress)
        except JobError as exc:
            fail(job, str(exc))
        except (ValidationError, PermissionDenied) as exc:
            fail(job, " ".join(getattr(exc, "messages", None) or [str(exc)]))
        except MemoryError:
            logger.exception("job %s ran out of memory", job.pk)
            fail(
                job,
                _(
                    "Deze taak had meer geheugen nodig dan de verwerking mag gebruiken. Er is "
                    "niets opgeslagen. Vraag de beheerder het geheugen (WORKER_MEMORY_MB) te "
                    "vergroten, of lever het werk in kleinere delen aan."
                ),
            )
        except Exception:
            logger.exception("job %s (%s) failed", job.pk, job.kind)
            fail(
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


def fail(job: Job, message: str) -> None:
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
