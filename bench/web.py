"""Benchmark of the HTML pages and the API: latency and SQL queries per request.

Measures the application in-process with ``django.test.Client`` (no network,
no web server), logged in as a caseworker of the benchmark municipality, on
PostgreSQL with 100,000 generated participants (``basisbaan generate_data``).
For every endpoint: a warm-up, then N requests over varied ids and search
terms; the median and 95th percentile of the wall time per request, and the
number of SQL queries per request (counted on separate requests with
``CaptureQueriesContext``, so counting does not slow the timed ones).

    .venv/bin/python -m bench.web [--participants 100000] [--requests 200]

The database (``--database-url``, else ``BENCH_DATABASE_URL``, else
postgres://postgres@127.0.0.1:5432/basisbaan_bench) is created, migrated and
filled when needed. Results are printed and written to var/bench/web.json.
An endpoint whose URL does not exist (yet) is reported as "not available".
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import time
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/basisbaan_bench"
MUNICIPALITY = "benchmark"
USERNAME = "bench-consulent"
TARGET_MEDIAN_MS = 50.0
TARGET_P95_MS = 150.0
# Starts of last names the generator uses, for ?q= searches.
SEARCH_TERMS = ("Bak", "Vis", "Dijk", "Mul", "Jans", "Smi", "Hoek", "Kui", "Post", "Ver", "Zij")


@dataclass
class Endpoint:
    name: str
    path: str  # may hold {pk} or {q}
    ids: str = ""  # "participant": fill {pk} with ids of those


ENDPOINTS = (
    Endpoint("Deelnemers, lijst", "/deelnemers/"),
    Endpoint("Deelnemers, zoeken ?q=", "/deelnemers/?q={q}"),
    Endpoint("Deelnemers, ?page=2000", "/deelnemers/?page=2000"),
    Endpoint("Deelnemer, detail", "/deelnemers/{pk}/", ids="participant"),
    Endpoint("API deelnemers, lijst", "/api/v1/participants/"),
    Endpoint("API deelnemer, detail", "/api/v1/participants/{pk}/", ids="participant"),
    Endpoint("Werkgevers, lijst", "/werkgevers/"),
    Endpoint("Plaatsingen, lijst", "/plaatsingen/"),
    Endpoint("Contracten, lijst", "/contracten/"),
    Endpoint("API contracten, lijst", "/api/v1/contracts/"),
)


@dataclass
class Row:
    name: str
    path: str
    available: bool = True
    status: int | None = None
    requests: int = 0
    median_ms: float | None = None
    p95_ms: float | None = None
    max_ms: float | None = None
    # CPU time of this (application) process per request, median: the Python
    # side without the database server and without waiting for a CPU.
    cpu_ms: float | None = None
    queries: int | None = None  # median over the counted requests
    queries_max: int | None = None
    result: str = ""
    note: str = ""
    slowest_sql: list[dict[str, Any]] = field(default_factory=list)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--count-queries-on", type=int, default=5, metavar="N")
    parser.add_argument("--only", default="", help="Only endpoints whose name contains this.")
    parser.add_argument("--json", default=str(ROOT / "var" / "bench" / "web.json"))
    parser.add_argument("--seed", type=int, default=42)
    return parser.parse_args(argv)


# -- database ------------------------------------------------------------------


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database of ``url`` when it does not exist."""
    if not url.startswith(("postgres://", "postgresql://")):
        return
    import psycopg
    from psycopg import sql

    base, name = url.rsplit("/", 1)
    name = name.split("?", 1)[0]
    conninfo = base.replace("postgres://", "postgresql://", 1) + "/postgres"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            print(f"Database {name} aanmaken ...")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "basisbaan.conf.settings")
    # Measure as in production: no debug mode (its query log and debug pages cost time).
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    # The benchmark measures speed, not the API's rate limit (one user, hundreds
    # of requests a minute): throttling stays on, with room for the run.
    os.environ.setdefault("API_THROTTLE_USER", "1000000/min")
    # WhiteNoise warns when collectstatic has not run; static files are not measured.
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    import logging

    logging.getLogger("django.request").setLevel(logging.CRITICAL)


def prepare_data(participants: int) -> dict[str, int]:
    from django.core.management import call_command

    from basisbaan.contracts.models import Contract, ContractPeriod
    from basisbaan.hosts.models import Host
    from basisbaan.participants.models import Participant
    from basisbaan.placements.models import Placement
    from basisbaan.tenancy.models import Membership, Municipality, User
    from basisbaan.tenancy.roles import Role

    print("Migreren ...")
    call_command("migrate", verbosity=0, interactive=False)
    have = Participant.objects.filter(municipality__slug=MUNICIPALITY).count()
    if have < participants:
        print(f"Gegevens genereren: {participants - have} deelnemers (dit duurt even) ...")
        args = ["--participants", str(participants - have), "--municipality", MUNICIPALITY]
        if have:
            args += ["--append", "--seed", str(have + 1)]
        call_command("generate_data", *args)
    municipality = Municipality.objects.get(slug=MUNICIPALITY)
    user, _created = User.objects.get_or_create(
        username=USERNAME, defaults={"first_name": "Bench", "last_name": "Consulent"}
    )
    Membership.objects.get_or_create(
        user=user, municipality=municipality, defaults={"role": Role.CASEWORKER}
    )
    scoped = {"municipality": municipality}
    return {
        "participants": Participant.objects.filter(**scoped).count(),
        "participants_all_municipalities": Participant.objects.count(),
        "hosts": Host.objects.filter(**scoped).count(),
        "placements": Placement.objects.filter(**scoped).count(),
        "contracts": Contract.objects.filter(**scoped).count(),
        "contract_periods": ContractPeriod.objects.filter(**scoped).count(),
    }


# -- measuring -------------------------------------------------------------------


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def availability(path: str) -> str:
    """Empty when ``path`` resolves to a view, else why not."""
    from django.urls import Resolver404, resolve

    try:
        resolve(path.split("?", 1)[0])
    except Resolver404:
        return "not available (no URL)"
    except Exception as exc:  # a half-built URLconf of a helper at work
        return f"not available ({type(exc).__name__}: {exc})"[:200]
    return ""


def measure(endpoint: Endpoint, paths: list[str], args: argparse.Namespace) -> Row:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from basisbaan.tenancy.models import User

    row = Row(endpoint.name, endpoint.path)
    why = availability(paths[0])
    if why:
        row.available, row.result, row.note = False, "n/a", why
        return row
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=USERNAME))

    def get(path: str) -> int:
        response = client.get(path)
        if hasattr(response, "streaming_content"):
            b"".join(response.streaming_content)
        return response.status_code

    status = get(paths[0])
    row.status = status
    if status != 200:
        row.result, row.note = "FAIL", f"HTTP {status}"
        if status == 404 and "{pk}" not in endpoint.path:
            row.available, row.result, row.note = False, "n/a", "not available (HTTP 404)"
        return row
    for i in range(args.warmup):
        get(paths[i % len(paths)])

    timings: list[float] = []
    cpu: list[float] = []
    statuses: set[int] = set()
    for i in range(args.requests):
        path = paths[i % len(paths)]
        started, cpu_started = time.perf_counter(), time.process_time()
        statuses.add(get(path))
        timings.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)

    counts: list[int] = []
    slowest: list[dict[str, Any]] = []
    for i in range(args.count_queries_on):
        with CaptureQueriesContext(connection) as ctx:
            get(paths[i % len(paths)])
        counts.append(len(ctx.captured_queries))
        slowest.extend(
            {"ms": round(float(q["time"]) * 1000, 1), "sql": q["sql"][:600]}
            for q in ctx.captured_queries
        )
    row.requests = len(timings)
    row.median_ms = round(statistics.median(timings), 1)
    row.p95_ms = round(percentile(timings, 95), 1)
    row.max_ms = round(max(timings), 1)
    row.cpu_ms = round(statistics.median(cpu), 1)
    row.queries = round(statistics.median(counts))
    row.queries_max = max(counts)
    row.slowest_sql = sorted(slowest, key=lambda q: -q["ms"])[:3]
    ok = row.median_ms < TARGET_MEDIAN_MS and row.p95_ms < TARGET_P95_MS and statuses == {200}
    row.result = "PASS" if ok else "FAIL"
    if statuses != {200}:
        row.note = "HTTP " + ", ".join(str(s) for s in sorted(statuses))
    return row


def sample_paths(endpoint: Endpoint, ids: dict[str, list[int]], count: int) -> list[str]:
    if endpoint.ids:
        return [endpoint.path.format(pk=pk) for pk in ids[endpoint.ids][:count]]
    if "{q}" in endpoint.path:
        return [endpoint.path.format(q=term) for term in SEARCH_TERMS]
    return [endpoint.path]


def sample_ids(count: int, seed: int) -> dict[str, list[int]]:
    from basisbaan.participants.models import Participant

    pks = list(
        Participant.objects.filter(municipality__slug=MUNICIPALITY).values_list("pk", flat=True)
    )
    return {"participant": random.Random(seed).sample(pks, min(count, len(pks)))}


# -- reporting -------------------------------------------------------------------


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
    }
    try:
        with open("/proc/meminfo") as meminfo:
            kb = int(meminfo.readline().split()[1])
        info["memory_gib"] = round(kb / 1024 / 1024, 1)
    except OSError:
        pass
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    info["cpu"] = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return info


def database_info() -> dict[str, str]:
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
        else:
            version = connection.Database.sqlite_version
    return {
        "vendor": connection.vendor,
        "version": str(version),
        "name": str(connection.settings_dict["NAME"]),
    }


def git_commit() -> str:
    try:
        return subprocess.run(  # noqa: S603
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        return ""


def fmt(value: float | int | None) -> str:
    return "-" if value is None else f"{value:g}" if isinstance(value, int) else f"{value:.1f}"


def print_table(rows: list[Row]) -> None:
    header = f"{'endpoint':<26} {'median ms':>9} {'p95 ms':>8} {'cpu ms':>7} {'queries':>7}  result"
    print(header)
    print("-" * len(header))
    for row in rows:
        queries = "-" if row.queries is None else str(row.queries)
        if row.queries_max is not None and row.queries_max != row.queries:
            queries += f"-{row.queries_max}"
        line = (
            f"{row.name:<26} {fmt(row.median_ms):>9} {fmt(row.p95_ms):>8} "
            f"{fmt(row.cpu_ms):>7} {queries:>7}  {row.result}"
        )
        print(line + (f"  ({row.note})" if row.note else ""))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    ensure_database(args.database_url)
    setup_django(args.database_url)
    data = prepare_data(args.participants)
    ids = sample_ids(args.requests, args.seed)
    db = database_info()
    print(
        f"\nBenchmark: {db['vendor']} {db['version']}, {data['participants']} deelnemers in "
        f"'{MUNICIPALITY}' ({data['participants_all_municipalities']} in totaal), "
        f"{args.requests} requests per endpoint na {args.warmup} om op te warmen.\n"
    )
    load = os.getloadavg()[0]
    if load > 0.5 * (os.cpu_count() or 1):
        print(f"Let op: de machine is bezig (load {load:.1f}); de tijden worden hoger.\n")
    rows = []
    for endpoint in ENDPOINTS:
        if args.only and args.only.lower() not in endpoint.name.lower():
            continue
        paths = sample_paths(endpoint, ids, args.requests)
        print(f"  {endpoint.name} ...", end="", flush=True)
        row = measure(endpoint, paths, args)
        print(f" {row.result}")
        rows.append(row)
    print()
    print_table(rows)
    print(
        f"\nDoel: mediaan < {TARGET_MEDIAN_MS:g} ms en p95 < {TARGET_P95_MS:g} ms per request. "
        "cpu ms: CPU-tijd van de applicatie (zonder de database) per request, mediaan."
    )

    report = {
        "benchmark": "web",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),  # load_average as at the end of the run
        "database": db,
        "data": data,
        "load_average_start": round(load, 2),
        "requests_per_endpoint": args.requests,
        "warmup": args.warmup,
        "targets_ms": {"median": TARGET_MEDIAN_MS, "p95": TARGET_P95_MS},
        "rows": [asdict(row) for row in rows],
    }
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"Resultaten: {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
