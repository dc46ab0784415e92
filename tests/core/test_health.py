"""/health/live and /health/ready (issue 12): each failing check makes ready 503."""

from __future__ import annotations

import shutil
from unittest import mock

import pytest

from django.db import OperationalError, connection
from django.db.migrations.executor import MigrationExecutor

from basisbaan.core import health

pytestmark = pytest.mark.django_db

ALL_OK = {"database": "ok", "migrations": "ok", "tasks": "ok", "cache": "ok", "disk": "ok"}
RQ = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
UNUSED_REDIS = "redis://127.0.0.1:1/0"
LOCAL_REDIS = "redis://127.0.0.1:6379/15"


@pytest.fixture(autouse=True)
def _migrations_not_yet_checked(monkeypatch):
    monkeypatch.setattr(health, "_migrations_applied", False)


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_live_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_the_answers_pass_the_security_middleware_and_are_never_stored(client):
    response = client.get("/health/live")

    assert response["Cache-Control"] == "max-age=0, no-cache, no-store, must-revalidate, private"
    assert response["Content-Security-Policy"].startswith("default-src 'self'")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "X-Request-ID" in response
    # No session for a probe.
    assert response.cookies == {}


def test_a_signed_in_user_gets_the_same_answer(client_as, caseworker):
    response = client_as(caseworker).get("/health/live")

    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_live_takes_head_but_no_post(client):
    assert client.head("/health/live").status_code == 200
    assert client.post("/health/live").status_code == 405


def test_the_https_redirect_spares_the_probes(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/health/ready").status_code == 200
    assert client.get("/inloggen/").status_code == 301


def test_ready_when_everything_answers(client, database_tasks):
    response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": ALL_OK}


def test_ready_is_503_when_the_database_is_down(client, database_tasks):
    down = OperationalError('connection to server at "db" failed: password=geheim')
    with mock.patch.object(connection, "cursor", side_effect=down):
        response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json() == {
        "status": "fail",
        "checks": {
            "database": "unreachable (OperationalError)",
            "migrations": "unreachable (OperationalError)",
            "tasks": "unreachable (OperationalError)",
            "cache": "ok",
            "disk": "ok",
        },
    }
    assert b"geheim" not in response.content
    assert b"Traceback" not in response.content


def test_ready_is_503_with_a_migration_not_applied(client, database_tasks, monkeypatch):
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [(None, False)])

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json() == {
        "status": "fail",
        "checks": {**ALL_OK, "migrations": "1 migration(s) not applied"},
    }


def test_applied_migrations_are_checked_once(database_tasks, monkeypatch):
    assert health.check_migrations() == "ok"
    monkeypatch.setattr(MigrationExecutor, "__init__", mock.Mock(side_effect=AssertionError))

    assert health.check_migrations() == "ok"


def test_ready_is_503_when_the_task_queue_is_unreachable(client, settings):
    settings.TASKS = RQ
    settings.RQ_QUEUES = {"default": {"URL": UNUSED_REDIS}}

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json() == {
        "status": "fail",
        "checks": {**ALL_OK, "tasks": "unreachable (ConnectionError)"},
    }


def test_ready_with_the_task_queue_on_a_running_redis(client, settings):
    settings.TASKS = RQ
    settings.RQ_QUEUES = {"default": {"URL": LOCAL_REDIS}}

    response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": ALL_OK}


def test_ready_with_immediate_tasks(client, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}

    assert client.get("/health/ready").json() == {"status": "ok", "checks": ALL_OK}


def _redis_caches(url: str) -> dict:
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "jobs": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "basisbaan-test-health",
        },
    }


def test_ready_is_503_when_the_cache_is_unreachable(client, settings, database_tasks):
    settings.CACHES = _redis_caches(UNUSED_REDIS)

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json() == {
        "status": "fail",
        "checks": {**ALL_OK, "cache": "unreachable (ConnectionError)"},
    }


def test_ready_with_the_cache_on_a_running_redis(client, settings, database_tasks):
    settings.CACHES = _redis_caches(LOCAL_REDIS)

    response = client.get("/health/ready")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "checks": ALL_OK}


def test_ready_is_503_when_the_disk_is_nearly_full(client, database_tasks, monkeypatch):
    usage = shutil._ntuple_diskusage(
        total=10_000 * health.MB, used=9_900 * health.MB, free=100 * health.MB
    )  # type: ignore[attr-defined]
    monkeypatch.setattr(health.shutil, "disk_usage", lambda path: usage)

    response = client.get("/health/ready")

    assert response.status_code == 503
    assert response.json() == {
        "status": "fail",
        "checks": {**ALL_OK, "disk": "100 MB free, below the minimum of 500 MB"},
    }


def test_the_minimum_free_space_is_a_setting(client, database_tasks, settings, monkeypatch):
    usage = shutil._ntuple_diskusage(
        total=10_000 * health.MB, used=9_900 * health.MB, free=100 * health.MB
    )  # type: ignore[attr-defined]
    monkeypatch.setattr(health.shutil, "disk_usage", lambda path: usage)
    settings.HEALTH_MIN_FREE_MB = 50

    assert client.get("/health/ready").status_code == 200


def test_a_failing_probe_mails_no_admin(client, database_tasks, settings, mailoutbox, monkeypatch):
    settings.ADMINS = ["Beheer <beheer@example.nl>"]
    monkeypatch.setattr(MigrationExecutor, "migration_plan", lambda self, targets: [(None, False)])

    assert client.get("/health/ready").status_code == 503
    assert mailoutbox == []
