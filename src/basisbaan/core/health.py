"""``/health/live`` and ``/health/ready``: for a load balancer or Kubernetes probes.

live: the process answers (nothing else is touched, not even the database).
ready: the process can serve: the database answers, every migration is applied,
the task queue answers, the cache answers, and the disk where uploads and temporary
files go has room. 200 when every check passes, else 503; each check says ``ok`` or
a short reason, never a secret nor a traceback (those go to the log).

No sign-in, no session, no audit entry, no throttling, never cached.
See docs/operations.md, "Health, logs and errors".
"""

from __future__ import annotations

import shutil
import uuid
from collections.abc import Callable
from pathlib import Path

import redis
import structlog

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

logger = structlog.get_logger(__name__)

REDIS_TIMEOUT = 1.0  # seconds, to connect and to answer
MB = 1024 * 1024


class CheckFailedError(Exception):
    """A check's short, safe reason for the answer."""


def check_database() -> str:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


# Once every migration is applied it stays so for the life of the process: the
# migration files do not change under a running server. Only then is it remembered.
_migrations_applied = False


def check_migrations() -> str:
    global _migrations_applied
    if _migrations_applied:
        return "ok"
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        raise CheckFailedError(f"{len(plan)} migration(s) not applied")
    _migrations_applied = True
    return "ok"


def _ping_redis(url: str) -> None:
    client = redis.Redis.from_url(
        url, socket_timeout=REDIS_TIMEOUT, socket_connect_timeout=REDIS_TIMEOUT
    )
    try:
        client.ping()
    finally:
        client.close()


def check_tasks() -> str:
    backend: str = settings.TASKS["default"]["BACKEND"]  # type: ignore[index]
    if backend == "django_tasks_db.DatabaseBackend":
        from django_tasks_db.models import DBTaskResult

        list(DBTaskResult.objects.values_list("pk", flat=True)[:1])
    elif backend == "django_tasks_rq.RQBackend":
        _ping_redis(settings.RQ_QUEUES["default"]["URL"])
    return "ok"


def check_cache() -> str:
    key = f"health:{uuid.uuid4().hex}"
    for alias, config in settings.CACHES.items():
        if config["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
            # First with a short timeout: a cache call waits for Redis much longer.
            location = config["LOCATION"]
            _ping_redis(location if isinstance(location, str) else location[0])
        cache = caches[alias]
        cache.set(key, "ok", timeout=10)
        if cache.get(key) != "ok":
            raise CheckFailedError(f"cache {alias!r} did not keep a value")
        cache.delete(key)
    return "ok"


def _existing(path: Path) -> Path:
    """``path`` or its nearest folder that exists (TEMP_DIR is made on first use)."""
    while not path.exists() and path != path.parent:
        path = path.parent
    return path


def check_disk() -> str:
    minimum = settings.HEALTH_MIN_FREE_MB * MB
    folders = {
        _existing(Path(folder))
        for folder in (settings.DATA_DIR, settings.TEMP_DIR, settings.MEDIA_ROOT)
    }
    for folder in sorted(folders):
        free = shutil.disk_usage(folder).free
        if free < minimum:
            raise CheckFailedError(
                f"{free // MB} MB free, below the minimum of {settings.HEALTH_MIN_FREE_MB} MB"
            )
    return "ok"


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "migrations": check_migrations,
    "tasks": check_tasks,
    "cache": check_cache,
    "disk": check_disk,
}


def run_checks() -> tuple[bool, dict[str, str]]:
    results: dict[str, str] = {}
    healthy = True
    for name, check in CHECKS.items():
        try:
            results[name] = check()
        except CheckFailedError as exc:
            healthy = False
            results[name] = str(exc)
            logger.warning("health_check_failed", check=name, reason=str(exc))
        except Exception as exc:
            healthy = False
            # The answer says the class only: the message may name hosts or users.
            results[name] = f"unreachable ({type(exc).__name__})"
            logger.warning("health_check_failed", check=name, reason=f"{type(exc).__name__}: {exc}")
    return healthy, results


@require_safe
@never_cache
@login_not_required
def live(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@require_safe
@never_cache
@login_not_required
def ready(request: HttpRequest) -> JsonResponse:
    healthy, results = run_checks()
    response = JsonResponse(
        {"status": "ok" if healthy else "fail", "checks": results},
        status=200 if healthy else 503,
    )
    # The failed checks are logged above; Django's own "Service Unavailable" error
    # would also mail ADMINS on every probe while the database is down.
    response._has_been_logged = True  # type: ignore[attr-defined]
    return response
