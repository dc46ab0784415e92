"""Production mode: no secret defaults, and Django's deployment checks pass."""

from __future__ import annotations

import os
import subprocess
import sys

PRODUCTION_ENV = {
    "BASISBAAN_ENV": "production",
    "SECRET_KEY": "k" * 20 + "Zq8#vR2!mP5@xL9$wN3^tB7&yC1*uH4%jF6",
    "ALLOWED_HOSTS": "basisbaan.example.nl",
    "DATABASE_URL": "sqlite:////tmp/basisbaan-deploy-check.sqlite3",
}


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a deployment never does.
    unset = {*PRODUCTION_ENV, "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in unset}
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, "-m", "basisbaan", *args],
        env=clean | env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_in_production_mode():
    result = _run("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_mode_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _run("check", env=env)
    assert result.returncode != 0
    assert "Environment variable SECRET_KEY is required" in result.stderr


def test_show_config_lists_the_variables():
    result = _run("show_config", env={})
    assert result.returncode == 0
    for name in ("DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "BASISBAAN_ENV"):
        assert name in result.stdout
