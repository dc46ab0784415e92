"""The one task the queue knows: run a recorded job.

Only the job's id travels through the queue; what the job works on (an
uploaded file, a forecast's inputs) is in the database, scoped like
everything else.
"""

from __future__ import annotations

from django.tasks import task

from basisbaan.jobs.execution import execute_job


@task
def run_job(job_id: int) -> None:
    execute_job(job_id)
