"""Reads of jobs: a user sees the jobs they started, in the active municipality."""

from __future__ import annotations

import time
from typing import Any

from django.db.models import QuerySet

from basisbaan.jobs.constants import JobStatus
from basisbaan.jobs.models import Job
from basisbaan.jobs.progress import read_progress
from basisbaan.tenancy.models import Municipality, User


def job_list(*, municipality: Municipality, user: User) -> QuerySet[Job]:
    return Job.objects.filter(municipality=municipality, created_by=user).order_by(
        "-created_at", "-id"
    )


def latest_job_for(
    *, municipality: Municipality, kinds: tuple[str, ...], key: str, value: int
) -> Job | None:
    """The newest job of ``kinds`` whose parameter ``key`` is ``value`` (a record's id)."""
    return (
        Job.objects.filter(municipality=municipality, kind__in=kinds, **{f"params__{key}": value})
        .order_by("-created_at", "-id")
        .first()
    )


def job_context(job: Job) -> dict[str, Any]:
    """The figures the progress part shows (also for other apps' pages)."""
    started = job.started_at.timestamp() if job.started_at else None
    live = read_progress(job.pk, started, now=time.time()) if not job.finished else None
    return {"job": job, "live": live, "running": job.status == JobStatus.RUNNING}
