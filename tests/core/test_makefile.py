"""``make run`` takes a port and host, says what it installs, and installs only what
running needs; ``make test`` and ``make lint`` add the test tools. Checked with
``make -n`` (print the commands, run nothing) against a scratch venv path."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def dry_run(*args: str, tmp_path: Path) -> list[str]:
    """The commands ``make -n`` would run for a fresh clone (an empty venv path)."""
    venv = tmp_path / "venv"
    result = subprocess.run(  # noqa: S603 - make with fixed arguments
        ["make", "-n", "-B", "--no-print-directory", f"VENV={venv}", *args],  # noqa: S607
        cwd=ROOT,
        # Run under `make test` too: not as a sub-make of it.
        env={k: v for k, v in os.environ.items() if k not in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS")},
        capture_output=True,
        text=True,
        check=True,
    )
    return [line.replace(str(venv), ".venv") for line in result.stdout.splitlines()]


def pip_installs(lines: list[str]) -> list[str]:
    return [line for line in lines if " install " in line and "/pip " in line]


def test_run_serves_on_the_given_port_and_host(tmp_path):
    lines = dry_run("run", "PORT=8080", "HOST=0.0.0.0", tmp_path=tmp_path)

    assert lines[-1] == (
        "BASISBAAN=.venv/bin/basisbaan scripts/run-with-worker runserver 0.0.0.0:8080"
    )
    assert any("HOST=0.0.0.0 PORT=8080 scripts/demo-logins" in line for line in lines)


def test_run_serves_on_localhost_8000_by_default(tmp_path):
    assert dry_run("run", tmp_path=tmp_path)[-1] == (
        "BASISBAAN=.venv/bin/basisbaan scripts/run-with-worker runserver 127.0.0.1:8000"
    )


def test_serve_collects_the_static_files_then_serves_with_gunicorn(tmp_path):
    lines = dry_run("serve", "PORT=8080", tmp_path=tmp_path)

    assert lines[-3:] == [
        ".venv/bin/basisbaan collectstatic --noinput -v 0",
        "HOST=127.0.0.1 PORT=8080 scripts/demo-logins",
        "BASISBAAN=.venv/bin/basisbaan scripts/run-with-worker serve --bind 127.0.0.1:8080",
    ]


FAKE_BASISBAAN = """#!/usr/bin/env bash
# Stands in for basisbaan: a worker that waits for SIGTERM, a server that stops at once.
if [ "$1" = worker ]; then
  trap 'echo "worker stopped" >> "$LOG"; exit 0' TERM
  echo "worker started" >> "$LOG"
  while true; do sleep 0.05; done
fi
sleep 0.3  # the worker has started meanwhile
echo "server $*" >> "$LOG"
exit 3
"""


def run_with_worker(tmp_path: Path, **env: str) -> tuple[int, list[str]]:
    fake = tmp_path / "basisbaan"
    fake.write_text(FAKE_BASISBAAN)
    fake.chmod(0o755)
    log = tmp_path / "log"
    result = subprocess.run(  # noqa: S603 - our own script
        ["bash", "scripts/run-with-worker", "runserver", "127.0.0.1:8000"],  # noqa: S607
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "BASISBAAN": str(fake), "LOG": str(log), **env},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    return result.returncode, log.read_text().splitlines()


def test_run_with_worker_stops_the_worker_when_the_server_stops(tmp_path):
    status, log = run_with_worker(tmp_path)

    assert status == 3  # the server's
    assert log == ["worker started", "server runserver 127.0.0.1:8000", "worker stopped"]


def test_run_with_worker_starts_no_worker_for_the_immediate_backend(tmp_path):
    status, log = run_with_worker(tmp_path, TASK_BACKEND="immediate")

    assert status == 3
    assert log == ["server runserver 127.0.0.1:8000"]


def test_run_installs_only_what_running_needs_and_says_so(tmp_path):
    lines = dry_run("run", tmp_path=tmp_path)

    assert pip_installs(lines) == [
        ".venv/bin/pip --disable-pip-version-check install --upgrade pip",
        ".venv/bin/pip --disable-pip-version-check install --progress-bar on -e .",
    ]
    assert not any("--quiet" in line or " -q " in line for line in lines)
    assert any("Installing Basisbaan and what it needs to run" in line for line in lines)


@pytest.mark.parametrize("target", ["test", "lint"])
def test_test_and_lint_install_the_dev_tools_as_well(tmp_path, target):
    lines = dry_run(target, tmp_path=tmp_path)

    assert pip_installs(lines)[-2:] == [
        ".venv/bin/pip --disable-pip-version-check install --progress-bar on -e .",
        ".venv/bin/pip --disable-pip-version-check install --progress-bar on -e '.[dev]'",
    ]
    assert any("Installing the test and lint tools" in line for line in lines)


def test_the_demo_logins_name_the_address_served():
    result = subprocess.run(  # noqa: S603 - our own script
        ["bash", "scripts/demo-logins"],  # noqa: S607 - bash from the PATH
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"HOST": "0.0.0.0", "PORT": "8123", "PATH": "/usr/bin:/bin"},  # noqa: S104
    )
    assert "Basisbaan draait op http://0.0.0.0:8123 " in result.stdout
