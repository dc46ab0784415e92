"""The web process's settings: gunicorn, configured from the environment.

``basisbaan serve`` runs gunicorn with these; every variable goes through
:func:`~basisbaan.conf.env.config`, so ``basisbaan show_config`` lists them.
No Django here: the settings of a process, not of the application.
See docs/operations.md, "Running in production".
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Final

from basisbaan.conf.env import config
from basisbaan.conf.logs import gunicorn_logconfig

# More processes than this rarely help one machine and each holds a copy of the
# application (and, per thread, a database connection): scale out instead.
MAX_DEFAULT_WORKERS: Final = 8


@dataclass(frozen=True, slots=True)
class WebConfig:
    bind: str
    workers: int
    threads: int
    timeout: int
    graceful_timeout: int
    keepalive: int
    max_requests: int
    max_requests_jitter: int


def cpu_count() -> int:
    """The cores this process may use (a container's CPU set, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def default_workers(cores: int) -> int:
    """Gunicorn's rule of thumb, 2 x cores + 1, at most :data:`MAX_DEFAULT_WORKERS`."""
    return min(2 * max(cores, 1) + 1, MAX_DEFAULT_WORKERS)


def web_config() -> WebConfig:
    """The web process's settings from the environment, read now."""
    return WebConfig(
        bind=config(
            "WEB_BIND",
            "127.0.0.1:8000",
            help_text="Address basisbaan serve listens on: host:port (0.0.0.0:8000 in a "
            "container) or unix:/path/to/socket.",
        ),
        workers=config(
            "WEB_WORKERS",
            default_workers(cpu_count()),
            cast=int,
            help_text=f"Web processes of basisbaan serve (default 2 x cores + 1, at most "
            f"{MAX_DEFAULT_WORKERS}).",
        ),
        threads=config(
            "WEB_THREADS",
            4,
            cast=int,
            help_text="Threads per web process; each thread can hold a database connection.",
        ),
        timeout=config(
            "WEB_TIMEOUT",
            30,
            cast=int,
            help_text="Seconds a web process may be silent before gunicorn restarts it.",
        ),
        graceful_timeout=config(
            "WEB_GRACEFUL_TIMEOUT",
            30,
            cast=int,
            help_text="Seconds running requests get to finish on a stop or restart (SIGTERM).",
        ),
        keepalive=config(
            "WEB_KEEPALIVE",
            5,
            cast=int,
            help_text="Seconds an idle keep-alive connection is held open; behind a proxy that "
            "keeps connections open, longer than the proxy's idle timeout.",
        ),
        max_requests=config(
            "WEB_MAX_REQUESTS",
            1000,
            cast=int,
            help_text="Requests after which a web process is replaced (0: never); guards "
            "against slow memory growth.",
        ),
        max_requests_jitter=config(
            "WEB_MAX_REQUESTS_JITTER",
            100,
            cast=int,
            help_text="Random extra requests per process before that replacement, so that "
            "not all processes restart at once.",
        ),
    )


def gunicorn_settings(web: WebConfig, *, log_level: str, log_format: str) -> dict[str, Any]:
    """Gunicorn's settings (its own names) for ``web``.

    Its log goes through the application's renderer (``LOG_FORMAT``); its access
    log stays off: it would hold the client's address and the query string (a
    search can hold a name or a BSN), and each request's ``request_finished``
    line says what is needed.
    """
    settings: dict[str, Any] = {
        "bind": [web.bind],
        "workers": web.workers,
        "worker_class": "gthread",
        "threads": web.threads,
        "timeout": web.timeout,
        "graceful_timeout": web.graceful_timeout,
        "keepalive": web.keepalive,
        "max_requests": web.max_requests,
        "max_requests_jitter": web.max_requests_jitter,
        "accesslog": None,
        "logconfig_dict": gunicorn_logconfig(level=log_level, log_format=log_format),
        "proc_name": "basisbaan-web",
        # No control socket (gunicornc): two servers on one machine would share
        # its default path, and a container's home may not be writable.
        "control_socket_disable": True,
    }
    if os.path.isdir("/dev/shm"):  # noqa: S108 - memory, not disk, for the heartbeat files
        settings["worker_tmp_dir"] = "/dev/shm"  # noqa: S108
    return settings
