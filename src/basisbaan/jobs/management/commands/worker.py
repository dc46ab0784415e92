"""``basisbaan worker``: run the background jobs, from the queue TASK_BACKEND names.

One command for both queues: ``database`` runs django-tasks-db's ``db_worker``,
``redis`` runs django-rq's ``rqworker`` with django-tasks-rq's job class. With
``immediate`` the jobs run in the request itself and there is nothing to do.

Before it starts, the process limits the memory it may allocate
(``WORKER_MEMORY_MB``): a job that wants more gets a MemoryError, which the
jobs service records as a failed job, instead of the machine swapping or the
kernel killing a random process. The limit is inherited by RQ's per-job child.
See docs/operations.md, "Running in production".
"""

from __future__ import annotations

import resource
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError, CommandParser

from basisbaan.conf.worker import worker_memory_mb
from basisbaan.core.management.base import BasisbaanCommand, non_negative, positive

QUEUE = "default"
RQ_JOB_CLASS = "django_tasks_rq.Job"
MB = 1024 * 1024


def limit_memory(megabytes: int) -> None:
    """Limit the data this process (and its children) may allocate; 0: no limit."""
    if megabytes <= 0:
        return
    limit = megabytes * MB
    _soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))


class Command(BasisbaanCommand):
    help = (
        "Run the background jobs (payroll imports and other long work) from the queue "
        "TASK_BACKEND names: database or redis. Stops gracefully on SIGTERM after the "
        "running job. Memory is limited by WORKER_MEMORY_MB."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--burst",
            action="store_true",
            help="Run the jobs waiting now, then exit (for tests and CI).",
        )
        parser.add_argument(
            "--max-jobs",
            type=positive,
            metavar="N",
            help="Exit after this many jobs (a supervisor starts a fresh worker).",
        )
        parser.add_argument(
            "--memory-mb",
            type=non_negative,
            metavar="MB",
            help="Memory limit of the worker in MB, 0 for none (default: WORKER_MEMORY_MB, 3072).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        backend = settings.TASK_BACKEND
        if backend == "immediate":
            raise CommandError(
                "TASK_BACKEND=immediate: taken lopen in het verzoek zelf, een worker heeft "
                "niets te doen. Zet TASK_BACKEND=database of redis om taken in een worker "
                "te laten lopen."
            )
        memory = options["memory_mb"]
        limit_memory(worker_memory_mb() if memory is None else memory)
        name, arguments, keywords = self.worker_command(backend, options)
        call_command(name, *arguments, **keywords)

    def worker_command(
        self, backend: str, options: dict[str, Any]
    ) -> tuple[str, list[str], dict[str, Any]]:
        """The underlying command for ``backend``: its name, arguments and options."""
        verbosity = options["verbosity"]
        if backend == "database":
            keywords: dict[str, Any] = {
                "queue_name": QUEUE,
                "batch": options["burst"],
                "reload": False,
                "verbosity": verbosity,
            }
            if options["max_jobs"] is not None:
                keywords["max_tasks"] = options["max_jobs"]
            return "db_worker", [], keywords
        if backend == "redis":
            keywords = {
                "job_class": RQ_JOB_CLASS,
                "burst": options["burst"],
                "verbosity": verbosity,
            }
            if options["max_jobs"] is not None:
                keywords["max_jobs"] = options["max_jobs"]
            return "rqworker", [QUEUE], keywords
        raise CommandError(f"TASK_BACKEND={backend}: daarvoor is er geen worker.")
