"""``basisbaan worker``: the right worker for TASK_BACKEND, with a memory limit.

No worker really starts and the test process's own limits are never changed:
``resource.setrlimit`` and the underlying commands are replaced.
"""

from __future__ import annotations

import resource
from typing import Any
from unittest import mock

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from basisbaan.jobs.management.commands import worker
from tests.unchanged import unchanged

MB = 1024 * 1024
UNLIMITED = (resource.RLIM_INFINITY, resource.RLIM_INFINITY)


@pytest.fixture(autouse=True)
def no_memory_limit_env(monkeypatch):
    monkeypatch.delenv("WORKER_MEMORY_MB", raising=False)


@pytest.fixture
def calls(monkeypatch) -> list[tuple[str, Any]]:
    """What the command did, in order: limits set and commands called."""
    done: list[tuple[str, Any]] = []
    monkeypatch.setattr(worker.resource, "getrlimit", lambda which: UNLIMITED)
    monkeypatch.setattr(
        worker.resource, "setrlimit", lambda which, limits: done.append(("limit", (which, limits)))
    )
    monkeypatch.setattr(
        worker, "call_command", lambda name, *a, **kw: done.append(("command", (name, a, kw)))
    )
    return done


def test_database_runs_db_worker_after_the_memory_limit(calls, settings):
    settings.TASK_BACKEND = "database"

    call_command("worker")

    assert calls == [
        ("limit", (resource.RLIMIT_DATA, (3072 * MB, resource.RLIM_INFINITY))),
        (
            "command",
            (
                "db_worker",
                (),
                {"queue_name": "default", "batch": False, "reload": False, "verbosity": 1},
            ),
        ),
    ]


def test_database_burst_and_max_jobs(calls, settings):
    settings.TASK_BACKEND = "database"

    call_command("worker", "--burst", "--max-jobs", "5")

    assert calls[-1] == (
        "command",
        (
            "db_worker",
            (),
            {
                "queue_name": "default",
                "batch": True,
                "reload": False,
                "verbosity": 1,
                "max_tasks": 5,
            },
        ),
    )


def test_redis_runs_rqworker_with_the_tasks_job_class(calls, settings):
    settings.TASK_BACKEND = "redis"

    call_command("worker", "--burst", "--max-jobs", "7")

    assert calls == [
        ("limit", (resource.RLIMIT_DATA, (3072 * MB, resource.RLIM_INFINITY))),
        (
            "command",
            (
                "rqworker",
                ("default",),
                {"job_class": "django_tasks_rq.Job", "burst": True, "verbosity": 1, "max_jobs": 7},
            ),
        ),
    ]


def test_redis_without_burst_keeps_running(calls, settings):
    settings.TASK_BACKEND = "redis"

    call_command("worker")

    assert calls[-1] == (
        "command",
        (
            "rqworker",
            ("default",),
            {"job_class": "django_tasks_rq.Job", "burst": False, "verbosity": 1},
        ),
    )


def test_the_memory_limit_comes_from_the_environment(calls, settings, monkeypatch):
    settings.TASK_BACKEND = "database"
    monkeypatch.setenv("WORKER_MEMORY_MB", "512")

    call_command("worker")

    assert calls[0] == ("limit", (resource.RLIMIT_DATA, (512 * MB, resource.RLIM_INFINITY)))


def test_the_option_overrides_the_environment(calls, settings, monkeypatch):
    settings.TASK_BACKEND = "database"
    monkeypatch.setenv("WORKER_MEMORY_MB", "512")

    call_command("worker", "--memory-mb", "1024")

    assert calls[0] == ("limit", (resource.RLIMIT_DATA, (1024 * MB, resource.RLIM_INFINITY)))


def test_zero_is_no_limit(calls, settings, monkeypatch):
    settings.TASK_BACKEND = "database"
    monkeypatch.setenv("WORKER_MEMORY_MB", "0")

    call_command("worker")

    assert [kind for kind, _ in calls] == ["command"]


def test_the_limit_stays_below_a_hard_limit_already_set(calls, settings, monkeypatch):
    settings.TASK_BACKEND = "database"
    monkeypatch.setattr(worker.resource, "getrlimit", lambda which: (1000 * MB, 2000 * MB))

    call_command("worker")

    assert calls[0] == ("limit", (resource.RLIMIT_DATA, (2000 * MB, 2000 * MB)))


@pytest.mark.django_db
def test_the_immediate_backend_is_refused(calls, settings):
    settings.TASK_BACKEND = "immediate"

    with pytest.raises(CommandError, match="TASK_BACKEND=immediate"), unchanged():
        call_command("worker")

    assert calls == []


# -- the underlying commands take those options (their own parsers; no worker runs) --


def test_db_worker_takes_the_options(calls, settings):
    from django_tasks_db.management.commands import db_worker

    settings.TASK_BACKEND = "database"
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    call_command("worker", "--burst", "--max-jobs", "3")
    name, args, keywords = calls[-1][1]

    with (
        mock.patch.object(db_worker.Worker, "run") as run,
        mock.patch.object(db_worker.Worker, "configure_signals"),
        mock.patch.object(db_worker.Worker, "__init__", return_value=None) as init,
    ):
        call_command(name, *args, **keywords)

    run.assert_called_once_with()
    given = init.call_args.kwargs
    assert (given["queue_names"], given["batch"], given["max_tasks"]) == (["default"], True, 3)


def test_rqworker_takes_the_options(calls, settings):
    from django_rq.management.commands import rqworker

    settings.TASK_BACKEND = "redis"
    call_command("worker", "--burst", "--max-jobs", "3")
    name, args, keywords = calls[-1][1]

    with (
        mock.patch.object(rqworker, "get_worker") as get_worker,
        mock.patch.object(rqworker, "setup_loghandlers"),
    ):
        call_command(name, *args, **keywords)

    assert get_worker.call_args.args == ("default",)
    assert get_worker.call_args.kwargs["job_class"] == "django_tasks_rq.Job"
    work = get_worker.return_value.work.call_args.kwargs
    assert (work["burst"], work["max_jobs"]) == (True, 3)
