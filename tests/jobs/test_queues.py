"""The two real queues: the database backend (embedded default) and RQ on Redis.

The rest of the suite runs jobs at once (tests/conftest.py); here a job waits
in the queue until a worker picks it up, as in production.
"""

from __future__ import annotations

import pytest
import redis

from django.core.management import call_command

from basisbaan.jobs.constants import JobStatus
from basisbaan.jobs.services import start_job

pytestmark = pytest.mark.django_db

REDIS_URL = "redis://127.0.0.1:6379/14"


def test_the_database_queue_holds_a_job_until_a_worker_runs_it(
    municipality, controller, settings, monkeypatch
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # The worker closes connections it thinks stale: the test's own, inside its transaction.
    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections", lambda: None
    )

    job = start_job(
        municipality=municipality,
        actor=controller,
        kind="test.count",
        label="Tellen",
        params={"total": 2},
    )
    assert job.status == JobStatus.QUEUED

    call_command("db_worker", batch=True, startup_delay=False, verbosity=0)

    job.refresh_from_db()
    assert (job.status, job.result) == (JobStatus.DONE, {"counted": 2})


def _redis_or_skip() -> redis.Redis:
    connection = redis.Redis.from_url(REDIS_URL, socket_timeout=1)
    try:
        connection.ping()
    except redis.RedisError:  # pragma: no cover - CI starts Redis (.ci/run)
        pytest.skip("Redis does not answer at 127.0.0.1:6379")
    connection.flushdb()
    return connection


def test_the_redis_queue_holds_a_job_until_a_worker_runs_it(municipality, controller, settings):
    connection = _redis_or_skip()
    settings.RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 60}}
    settings.TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    import django_rq
    from django_tasks_rq.backend import Job as RQJob
    from rq import SimpleWorker

    job = start_job(
        municipality=municipality,
        actor=controller,
        kind="test.count",
        label="Tellen",
        params={"total": 3},
    )
    assert job.status == JobStatus.QUEUED

    queue = django_rq.get_queue("default", job_class=RQJob)
    # In this process: the test's database is not visible to a forked work horse.
    worker = SimpleWorker([queue], connection=queue.connection, job_class=RQJob)
    worker.work(burst=True)

    job.refresh_from_db()
    assert (job.status, job.result) == (JobStatus.DONE, {"counted": 3})
    connection.flushdb()
