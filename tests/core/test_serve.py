"""``basisbaan serve``: the environment and the options become gunicorn's settings.

Gunicorn itself does not start: ``WebApplication.run`` is replaced by one that
keeps the application, whose ``cfg`` is what gunicorn would run with.
"""

from __future__ import annotations

import io
from typing import Any

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from basisbaan.conf import gunicorn as web_conf
from basisbaan.core.management.commands import serve

WEB_VARIABLES = (
    "WEB_BIND",
    "WEB_WORKERS",
    "WEB_THREADS",
    "WEB_TIMEOUT",
    "WEB_GRACEFUL_TIMEOUT",
    "WEB_KEEPALIVE",
    "WEB_MAX_REQUESTS",
    "WEB_MAX_REQUESTS_JITTER",
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch):
    for name in WEB_VARIABLES:
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def started(monkeypatch) -> list[serve.WebApplication]:
    """The applications ``serve`` would have run."""
    apps: list[serve.WebApplication] = []
    monkeypatch.setattr(serve.WebApplication, "run", lambda self: apps.append(self))
    monkeypatch.setattr(web_conf, "cpu_count", lambda: 2)
    return apps


def run_serve(started: list[serve.WebApplication], *args: str) -> Any:
    call_command("serve", *args)
    assert len(started) == 1
    return started[0].cfg


def test_the_defaults(started):
    cfg = run_serve(started)

    assert cfg.bind == ["127.0.0.1:8000"]
    assert cfg.workers == 5  # 2 x 2 cores + 1
    assert cfg.worker_class_str == "gthread"
    assert cfg.threads == 4
    assert cfg.timeout == 30
    assert cfg.graceful_timeout == 30
    assert cfg.keepalive == 5
    assert cfg.max_requests == 1000
    assert cfg.max_requests_jitter == 100
    assert cfg.accesslog is None
    assert cfg.control_socket_disable is True


def test_the_environment_sets_every_value(started, monkeypatch):
    for name, value in {
        "WEB_BIND": "0.0.0.0:9000",
        "WEB_WORKERS": "3",
        "WEB_THREADS": "6",
        "WEB_TIMEOUT": "45",
        "WEB_GRACEFUL_TIMEOUT": "20",
        "WEB_KEEPALIVE": "75",
        "WEB_MAX_REQUESTS": "500",
        "WEB_MAX_REQUESTS_JITTER": "50",
    }.items():
        monkeypatch.setenv(name, value)

    cfg = run_serve(started)

    assert cfg.bind == ["0.0.0.0:9000"]  # noqa: S104 - the value under test
    assert (cfg.workers, cfg.threads) == (3, 6)
    assert (cfg.timeout, cfg.graceful_timeout, cfg.keepalive) == (45, 20, 75)
    assert (cfg.max_requests, cfg.max_requests_jitter) == (500, 50)


def test_the_options_override_the_environment(started, monkeypatch):
    monkeypatch.setenv("WEB_BIND", "0.0.0.0:9000")
    monkeypatch.setenv("WEB_WORKERS", "3")
    monkeypatch.setenv("WEB_THREADS", "6")

    cfg = run_serve(started, "--bind", "unix:/tmp/bb.sock", "--workers", "2", "--threads", "1")

    assert cfg.bind == ["unix:/tmp/bb.sock"]
    assert (cfg.workers, cfg.threads) == (2, 1)


def test_an_option_not_given_keeps_the_environment(started, monkeypatch):
    monkeypatch.setenv("WEB_WORKERS", "3")

    cfg = run_serve(started, "--threads", "2")

    assert (cfg.workers, cfg.threads) == (3, 2)


@pytest.mark.parametrize("option", ["--workers", "--threads"])
def test_zero_processes_or_threads_is_refused(started, option):
    with pytest.raises(CommandError, match=f"argument {option}: invalid positive value: '0'"):
        call_command("serve", option, "0")
    assert started == []


@pytest.mark.parametrize(("cores", "workers"), [(1, 3), (2, 5), (3, 7), (4, 8), (64, 8), (0, 3)])
def test_default_workers_is_twice_the_cores_plus_one_at_most_eight(cores, workers):
    assert web_conf.default_workers(cores) == workers


def test_gunicorn_logs_through_the_application_renderer_without_an_access_log(started, settings):
    settings.LOG_FORMAT = "json"
    settings.LOGGING = {**settings.LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}

    cfg = run_serve(started)

    logging = cfg.logconfig_dict
    assert logging["formatters"]["structured"]["log_format"] == "json"
    assert logging["root"]["level"] == "WARNING"
    # The access log would hold the client's address and the query string (a name).
    assert cfg.accesslog is None
    assert logging["loggers"]["gunicorn.access"] == {
        "level": "CRITICAL",
        "handlers": [],
        "propagate": False,
    }


def test_collectstatic_only_when_asked(started, monkeypatch):
    calls: list[tuple[str, dict[str, Any]]] = []
    monkeypatch.setattr(serve, "call_command", lambda name, **kw: calls.append((name, kw)))

    run_serve(started)
    assert calls == []

    started.clear()
    run_serve(started, "--collectstatic")
    assert calls == [("collectstatic", {"interactive": False, "verbosity": 1})]


def test_gunicorn_loads_the_wsgi_application(started):
    from basisbaan.wsgi import application

    run_serve(started)

    assert started[0].load() is application


def test_show_config_lists_the_process_variables():
    out = io.StringIO()
    call_command("show_config", stdout=out)

    listed = {line.split()[0] for line in out.getvalue().splitlines() if line.strip()}
    assert {*WEB_VARIABLES, "WORKER_MEMORY_MB"} <= listed
