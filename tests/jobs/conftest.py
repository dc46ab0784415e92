"""Test job kinds: registered for the tests of the jobs app only."""

from __future__ import annotations

import pytest

from basisbaan.jobs.registry import JobError, JobKind, JobOutcome, register
from basisbaan.programmes.models import Programme

CALLS: list[str] = []


def _count(job, progress):
    total = int(job.params.get("total", 3))
    for done in range(1, total + 1):
        progress("tellen", done, total)
    return JobOutcome(result={"counted": total}, url="/programmas/", message="Geteld.")


def _write_then_break(job, progress):
    """Writes a row, then breaks: the job's transaction must take the row back."""
    Programme.objects.filter(pk=job.params["programme"]).update(name="half geschreven")
    if job.params.get("error") == "job":
        raise JobError("Het bestand past niet bij dit programma.")
    if job.params.get("error") == "memory":
        raise MemoryError
    raise RuntimeError("kapot: 123456782")


def _log_context(job, progress):
    import structlog

    bound = structlog.contextvars.get_contextvars()
    keys = ("request_id", "job_id", "job_kind", "municipality", "user_id")
    return JobOutcome(result={key: bound.get(key) for key in keys})


def _tidy(job):
    CALLS.append(f"tidy {job.pk}")


@pytest.fixture(autouse=True)
def _test_kinds():
    register(JobKind("test.count", _count))
    register(JobKind("test.break", _write_then_break, _tidy))
    register(JobKind("test.context", _log_context))
    CALLS.clear()
