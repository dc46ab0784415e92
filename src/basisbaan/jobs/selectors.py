"""Reads of jobs: a user sees the jobs they started, in the active municipality."""

from __future__ import annotations

from django.db.models import QuerySet

from basisbaan.jobs.models import Job
from basisbaan.tenancy.models import Municipality, User


def job_list(*, municipality: Municipality, user: User) -> QuerySet[Job]:
    return Job.objects.filter(municipality=municipality, created_by=user).order_by(
        "-created_at", "-id"
    )
