"""``scripts/prepare-demo`` (make run's database step) keeps the demo living: a new
database gets the demo, a demo from an earlier month is moved aside and loaded
again, a database without the demo's stamp (the user's own) is only migrated."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "prepare-demo"
# deduce's cache for the transcript pseudonymisation, built once (a no-op after).
DEDUCE = "deduce_cache --if-missing"


def run(tmp_path: Path, today: str) -> list[str]:
    """Run the script with a stub ``basisbaan`` that records its arguments and makes
    the database file, as migrate would; return the recorded calls."""
    log = tmp_path / "calls"
    stub = tmp_path / "basisbaan"
    stub.write_text(f'#!/bin/sh\necho "$*" >> {log}\ntouch {tmp_path / "basisbaan.sqlite3"}\n')
    stub.chmod(0o755)
    env = os.environ | {
        "BASISBAAN": str(stub),
        "DB": str(tmp_path / "basisbaan.sqlite3"),
        "TODAY": today,
    }
    subprocess.run([str(SCRIPT)], env=env, check=True, capture_output=True)  # noqa: S603
    calls = log.read_text().splitlines() if log.exists() else []
    log.unlink(missing_ok=True)
    return calls


def test_a_new_database_gets_the_demo_and_its_stamp(tmp_path):
    assert run(tmp_path, "2026-12-04") == ["migrate --noinput -v 0", "load_demo", DEDUCE]
    assert (tmp_path / "basisbaan.sqlite3.demo-loaded-on").read_text() == "2026-12-04\n"


def test_a_demo_of_this_month_is_only_migrated(tmp_path):
    run(tmp_path, "2026-12-01")
    assert run(tmp_path, "2026-12-31") == ["migrate --noinput -v 0", DEDUCE]
    assert (tmp_path / "basisbaan.sqlite3.demo-loaded-on").read_text() == "2026-12-01\n"


def test_a_demo_of_an_earlier_month_is_kept_aside_and_loaded_again(tmp_path):
    run(tmp_path, "2026-11-18")
    (tmp_path / "basisbaan.sqlite3").write_text("november")
    assert run(tmp_path, "2026-12-04") == ["migrate --noinput -v 0", "load_demo", DEDUCE]
    assert (tmp_path / "basisbaan-demo-2026-11-18.sqlite3").read_text() == "november"
    assert (tmp_path / "basisbaan.sqlite3.demo-loaded-on").read_text() == "2026-12-04\n"


def test_a_database_without_the_stamp_is_the_users_own(tmp_path):
    (tmp_path / "basisbaan.sqlite3").write_text("own")
    assert run(tmp_path, "2026-12-04") == ["migrate --noinput -v 0", DEDUCE]
    assert (tmp_path / "basisbaan.sqlite3").read_text() == "own"
    assert not (tmp_path / "basisbaan.sqlite3.demo-loaded-on").exists()
