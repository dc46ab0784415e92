"""Load benchmark: the production server (gunicorn) under 1 and 16 concurrent clients.

    .venv/bin/python -m bench.load [--participants 1000000] [--duration 60]
        [--clients 1,16] [--database-url postgres://...] [--quick]

Starts gunicorn (gthread, 2 workers of 4 threads, on 127.0.0.1) with the
application and, beside it, the *floor*: bare Django views that read the same
rows with ``values()`` and answer with ``JsonResponse`` (``bench/load_urls.py``,
served through ``bench/load_settings.py``). For every endpoint and number of
clients, N client processes send GET requests over keep-alive connections for
``--duration`` seconds (after a warm-up); the report gives the median, p95 and
p99 latency, the requests per second and the server's CPU time per request (the
gunicorn master and workers, user + system, before and after), each also as a
ratio to its floor measured in the same run. The API is called with an API
token, the HTML page with a signed-in session, both of a caseworker of the
benchmark municipality; the read audit writes its rows as in real use.

The PostgreSQL database (default ``bb_load``) is created, migrated and filled
with ``basisbaan generate_data`` when it holds fewer participants than asked
(1,000,000 take several minutes; the database is kept for the next run).
Results are printed and written to var/bench/load.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import http.client
import json
import multiprocessing
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bb_load"
HOST = "127.0.0.1"
USERNAME = "bench-programmamanager"
WORKERS = 2
THREADS = 4
MAX_REQUESTS_PER_CLIENT = 200_000  # a bound besides the time
# Targets of issue 12, at the highest number of clients for the ratios.
TARGET_API_CPU_RATIO = 2.0
TARGET_API_THROUGHPUT_RATIO = 0.5
TARGET_SINGLE_MEDIAN_MS = 30.0
TARGET_HTML_CPU_RATIO = 4.0


@dataclass(frozen=True)
class Endpoint:
    key: str
    name: str
    path: str  # may hold {pk} (a participant) or {programme}
    auth: str  # "token", "session" or "" (a floor)
    floor: str = ""  # key of the floor endpoint
    kind: str = ""  # "api" or "html": which targets apply
    # Measured with at most this many clients (0: every number asked).
    max_clients: int = 0


FLOORS = (
    Endpoint("floor-list", "Vloer: deelnemers, lijst", "/bench-floor/participants/", ""),
    Endpoint("floor-detail", "Vloer: deelnemer", "/bench-floor/participants/{pk}/", ""),
    Endpoint("floor-budgets", "Vloer: budgetten", "/bench-floor/budgets/", ""),
    Endpoint(
        "floor-forecast",
        "Vloer: prognose (rijen)",
        "/bench-floor/programmes/{programme}/forecast/",
        "",
        max_clients=1,
    ),
)
ENDPOINTS = (
    Endpoint(
        "api-list",
        "API deelnemers, lijst",
        "/api/v1/participants/",
        "token",
        "floor-list",
        "api",
    ),
    Endpoint(
        "api-detail",
        "API deelnemer, detail",
        "/api/v1/participants/{pk}/",
        "token",
        "floor-detail",
        "api",
    ),
    Endpoint("api-budgets", "API budgetten, lijst", "/api/v1/budgets/", "token", "floor-budgets"),
    # One forecast of a programme of 1,000,000 participants takes seconds of CPU:
    # 16 at once on 2 cores queue for minutes, so the forecast gets one client.
    Endpoint(
        "api-forecast",
        "API prognose",
        "/api/v1/programmes/{programme}/forecast/",
        "token",
        "floor-forecast",
        max_clients=1,
    ),
    Endpoint(
        "html-list", "Deelnemers, lijst (HTML)", "/deelnemers/", "session", "floor-list", "html"
    ),
)


@dataclass
class Row:
    key: str
    name: str
    path: str
    clients: int
    floor: str = ""
    requests: int = 0
    errors: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    median_ms: float | None = None
    p95_ms: float | None = None
    p99_ms: float | None = None
    max_ms: float | None = None
    throughput: float | None = None  # requests per second
    cpu_ms: float | None = None  # server CPU per request
    note: str = ""
    # Ratios to the floor of the same kind, same number of clients, same run.
    ratio_median: float | None = None
    ratio_p95: float | None = None
    ratio_p99: float | None = None
    ratio_throughput: float | None = None
    ratio_cpu: float | None = None
    targets: dict[str, bool] = field(default_factory=dict)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_LOAD_DATABASE_URL", DEFAULT_URL),
        help="PostgreSQL database of the run (created and filled when needed).",
    )
    parser.add_argument(
        "--participants", type=int, default=1_000_000, help="Participants in the municipality."
    )
    parser.add_argument("--duration", type=float, default=60.0, help="Seconds per measurement.")
    parser.add_argument("--warmup", type=float, default=None, help="Seconds (default 5, quick 1).")
    parser.add_argument("--clients", default="1,16", help="Numbers of concurrent clients.")
    parser.add_argument(
        "--only",
        default="",
        help="Only the endpoints whose key contains this, with their floors: "
        + ", ".join(e.key for e in ENDPOINTS)
        + ".",
    )
    parser.add_argument(
        "--skip", default="", help="Not the endpoints whose key contains this (e.g. forecast)."
    )
    parser.add_argument(
        "--quick", action="store_true", help="A smoke run: 3 s per measurement, 1 s warm-up."
    )
    parser.add_argument(
        "--json", default=str(ROOT / "var" / "bench" / "load.json"), help="Where the results go."
    )
    parser.add_argument("--seed", type=int, default=42, help="Seed of the participant sample.")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration = min(args.duration, 3.0)
    if args.warmup is None:
        args.warmup = 1.0 if args.quick else 5.0
    args.client_counts = sorted({int(n) for n in args.clients.split(",") if n.strip()})
    if not args.client_counts or min(args.client_counts) < 1:
        parser.error("--clients: whole numbers of 1 or more, comma-separated")
    return args


# -- data, user, token, session ----------------------------------------------------


def prepare(args: argparse.Namespace) -> dict[str, Any]:
    """Fill the database when needed; the token, session and ids of the run."""
    from bench import web

    web.ensure_database(args.database_url)
    web.setup_django(args.database_url)
    data = web.prepare_data(args.participants)

    from django.conf import settings
    from django.test import Client

    from basisbaan.budgets.models import Budget
    from basisbaan.budgets.services import budget_create
    from basisbaan.core.tokens import token_create
    from basisbaan.participants.models import Participant
    from basisbaan.programmes.models import Programme
    from basisbaan.tenancy.models import Membership, Municipality, User
    from basisbaan.tenancy.roles import Role

    # A programme manager sees participants (with their identity: every read is
    # audited) and budgets; the web benchmark's caseworker does not see budgets.
    user, _created = User.objects.get_or_create(
        username=USERNAME, defaults={"first_name": "Bench", "last_name": "Programmamanager"}
    )
    Membership.objects.get_or_create(
        user=user,
        municipality=Municipality.objects.get(slug=web.MUNICIPALITY),
        defaults={"role": Role.PROGRAMME_MANAGER},
    )
    programme = Programme.objects.filter(municipality__slug=web.MUNICIPALITY).order_by("pk")[0]
    # The generator makes no budgets: one a year, about what the contracts cost.
    amount = Decimal(max(1, data["contracts"])) * 12 * 2_200
    for year in range(programme.start_date.year, programme.end_date.year + 1):
        if not Budget.objects.filter(programme=programme, year=year).exists():
            budget_create(programme=programme, actor=None, year=year, amount=amount)
    data["budgets"] = Budget.objects.filter(programme=programme).count()

    token = token_create(actor=None, owner=user, days=1)
    client = Client()
    client.force_login(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value

    pks = list(
        Participant.objects.filter(municipality__slug=web.MUNICIPALITY).values_list("pk", flat=True)
    )
    sample = random.Random(args.seed).sample(pks, min(2_000, len(pks)))
    return {
        "data": data,
        "database": web.database_info(),
        "token": token,
        "session_cookie": f"{settings.SESSION_COOKIE_NAME}={session}",
        "participant_ids": sample,
        "programme_id": programme.pk,
    }


def revoke(token: Any) -> None:
    from knox.models import AuthToken

    from basisbaan.core.tokens import revoke_token

    for instance in AuthToken.objects.filter(token_key=token.token_key):
        revoke_token(actor=None, token=instance, reason="einde loadbenchmark")


# -- the server -------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def server_env(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "bench.load_settings",
            "DATABASE_URL": database_url,
            "PYTHONPATH": os.pathsep.join([str(ROOT), str(ROOT / "src")]),
            "DEBUG": "0",
            "LOG_LEVEL": "ERROR",
            # One user sends thousands of requests a minute: throttling stays on
            # (its cost is measured), with room for the run.
            "API_THROTTLE_USER": "1000000/min",
            # Development mode with DEBUG off: production mode demands a second
            # factor at every sign-in, which a benchmark cannot give.
            "BASISBAAN_ENV": "development",
            "BASISBAAN_2FA": "optional",
        }
    )
    return env


def start_server(database_url: str, port: int, log: Path) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "basisbaan.wsgi:application",
        "--worker-class",
        "gthread",
        "--workers",
        str(WORKERS),
        "--threads",
        str(THREADS),
        "--bind",
        f"{HOST}:{port}",
        "--timeout",
        "300",
        "--error-logfile",
        str(log),
    ]
    log.parent.mkdir(parents=True, exist_ok=True)
    server = subprocess.Popen(command, env=server_env(database_url), cwd=ROOT)  # noqa: S603
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {server.returncode}); see {log}")
        try:
            status = get_once(port, "/bench-floor/budgets/", {})[0]
        except OSError:
            time.sleep(0.3)
            continue
        if status == 200 and len(server_processes(server.pid)) > WORKERS:
            return server
        time.sleep(0.3)
    stop_server(server)
    raise RuntimeError(f"gunicorn did not answer within 60 s; see {log}")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def server_processes(pid: int) -> list[Any]:
    import psutil

    try:
        master = psutil.Process(pid)
        return [master, *master.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def server_cpu(pid: int) -> dict[int, float]:
    """CPU seconds (user + system) per process of the server: master and workers."""
    import psutil

    seconds: dict[int, float] = {}
    for process in server_processes(pid):
        try:
            times = process.cpu_times()
        except psutil.NoSuchProcess:
            continue
        seconds[process.pid] = times.user + times.system
    return seconds


def wait_until_idle(pid: int, limit: float = 300.0) -> None:
    """Until the server used less than 5 % of a CPU over half a second: requests
    still running after a measurement must not slow the next one."""
    deadline = time.monotonic() + limit
    before = sum(server_cpu(pid).values())
    while time.monotonic() < deadline:
        time.sleep(0.5)
        after = sum(server_cpu(pid).values())
        if after - before < 0.025:
            return
        before = after


def get_once(port: int, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection(HOST, port, timeout=300)
    try:
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


# -- the clients ------------------------------------------------------------------


def run_client(spec: dict[str, Any]) -> dict[str, Any]:
    """One client process: GET the paths in turn over one keep-alive connection
    from ``start`` until ``stop`` (wall clock); latencies of the requests that
    end within [``measure_from``, ``stop``]."""
    port, paths, headers = spec["port"], spec["paths"], spec["headers"]
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    errors = 0
    index = spec["offset"]
    while time.time() < spec["start"]:
        time.sleep(0.001)
    conn = http.client.HTTPConnection(HOST, port, timeout=300)
    sent = 0
    while sent < spec["max_requests"] and time.time() < spec["stop"]:
        path = paths[index % len(paths)]
        index += 1
        sent += 1
        started = time.perf_counter()
        try:
            conn.request("GET", path, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=300)
            errors += 1
            continue
        elapsed = time.perf_counter() - started
        if response.will_close:
            conn.close()
            conn = http.client.HTTPConnection(HOST, port, timeout=300)
        ended = time.time()
        if spec["measure_from"] <= ended <= spec["stop"]:
            latencies.append(elapsed * 1000)
            statuses[status] += 1
    conn.close()
    return {"latencies": latencies, "statuses": dict(statuses), "errors": errors}


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = max(0, min(len(ordered) - 1, round(pct / 100 * len(ordered) + 0.5) - 1))
    return ordered[index]


def measure(
    endpoint: Endpoint,
    paths: list[str],
    headers: dict[str, str],
    clients: int,
    port: int,
    server_pid: int,
    args: argparse.Namespace,
) -> Row:
    row = Row(endpoint.key, endpoint.name, endpoint.path, clients, floor=endpoint.floor)
    # The first request checks the answer; on the idle server, timed.
    first_cpu = server_cpu(server_pid)
    first_started = time.perf_counter()
    status, body = get_once(port, paths[0], headers)
    first = ((time.perf_counter() - first_started) * 1000, first_cpu, server_cpu(server_pid))
    if status != 200:
        row.note = f"HTTP {status}: {body[:200].decode(errors='replace')}"
        return row
    start = time.time() + 0.5
    measure_from = start + args.warmup
    stop = measure_from + args.duration
    specs = [
        {
            "port": port,
            "paths": paths,
            "headers": headers,
            "offset": i * max(1, len(paths) // clients),
            "start": start,
            "measure_from": measure_from,
            "stop": stop,
            "max_requests": MAX_REQUESTS_PER_CLIENT,
        }
        for i in range(clients)
    ]
    context = multiprocessing.get_context("fork")
    with context.Pool(clients) as pool:
        pending = pool.map_async(run_client, specs)
        time.sleep(max(0.0, measure_from - time.time()))
        cpu_before = server_cpu(server_pid)
        time.sleep(max(0.0, stop - time.time()))
        cpu_after = server_cpu(server_pid)
        results = pending.get()
    wait_until_idle(server_pid)
    latencies = [ms for result in results for ms in result["latencies"]]
    statuses: Counter[int] = Counter()
    for result in results:
        statuses.update(result["statuses"])
    row.errors = sum(result["errors"] for result in results)
    row.statuses = {str(code): count for code, count in sorted(statuses.items())}
    row.seconds = args.duration
    if set(cpu_before) != set(cpu_after):
        row.note = "server processes changed during the run (a worker restarted?)"
    if bad := {code: n for code, n in statuses.items() if code != 200}:
        row.note = (row.note + " " if row.note else "") + f"HTTP {bad}"
    if not latencies and not statuses and not row.errors:
        # Slower than the measurement (the forecast at 1,000,000 participants):
        # the figures of the first request, alone on the idle server.
        latencies, cpu_before, cpu_after = [first[0]], first[1], first[2]
        row.seconds = round(first[0] / 1000, 1)
        row.statuses = {"200": 1}
        row.note = f"no request finished within {args.duration:g} s: the first request alone"
    if not latencies:
        row.note = row.note or "no request finished within the measurement"
        return row
    row.requests = len(latencies)
    used = sum(cpu_after[pid] - cpu_before.get(pid, 0.0) for pid in cpu_after)
    row.median_ms = round(statistics.median(latencies), 2)
    row.p95_ms = round(percentile(latencies, 95), 2)
    row.p99_ms = round(percentile(latencies, 99), 2)
    row.max_ms = round(max(latencies), 2)
    row.throughput = round(len(latencies) / (row.seconds or args.duration), 2)
    row.cpu_ms = round(used * 1000 / len(latencies), 2)
    return row


def selected(only: str, skip: str) -> list[Endpoint]:
    """The endpoints whose key contains ``only`` and not ``skip``, after the floors they need."""
    endpoints = [
        e
        for e in ENDPOINTS
        if (not only or only in e.key or only in e.floor)
        and not (skip and (skip in e.key or skip in e.floor))
    ]
    floors = [f for f in FLOORS if any(e.floor == f.key for e in endpoints)]
    return [*floors, *endpoints]


def paths_for(endpoint: Endpoint, context: dict[str, Any]) -> list[str]:
    if "{pk}" in endpoint.path:
        return [endpoint.path.format(pk=pk) for pk in context["participant_ids"]]
    return [endpoint.path.format(programme=context["programme_id"])]


def headers_for(endpoint: Endpoint, context: dict[str, Any]) -> dict[str, str]:
    headers = {"Host": HOST, "Accept-Language": "nl"}
    if endpoint.auth == "token":
        headers["Authorization"] = f"Token {context['token'].secret}"
        headers["Accept"] = "application/json"
    elif endpoint.auth == "session":
        headers["Cookie"] = context["session_cookie"]
    return headers


# -- comparing and reporting ---------------------------------------------------------


def ratio(value: float | None, floor: float | None) -> float | None:
    if value is None or not floor:
        return None
    return round(value / floor, 2)


def compare(rows: list[Row], most_clients: int) -> None:
    """Ratios to the floor of the same kind and number of clients; the targets."""
    floors = {(row.key, row.clients): row for row in rows if not row.floor}
    for row in rows:
        floor = floors.get((row.floor, row.clients))
        if not row.floor or floor is None:
            continue
        row.ratio_median = ratio(row.median_ms, floor.median_ms)
        row.ratio_p95 = ratio(row.p95_ms, floor.p95_ms)
        row.ratio_p99 = ratio(row.p99_ms, floor.p99_ms)
        row.ratio_throughput = ratio(row.throughput, floor.throughput)
        row.ratio_cpu = ratio(row.cpu_ms, floor.cpu_ms)
        kind = next((e.kind for e in ENDPOINTS if e.key == row.key), "")
        if kind == "api" and row.clients == most_clients:
            if row.ratio_cpu is not None:
                row.targets["cpu_ratio_max_2"] = row.ratio_cpu <= TARGET_API_CPU_RATIO
            if row.ratio_throughput is not None:
                row.targets["throughput_ratio_min_0.5"] = (
                    row.ratio_throughput >= TARGET_API_THROUGHPUT_RATIO
                )
        if kind == "api" and row.clients == 1 and row.median_ms is not None:
            row.targets["median_max_30ms"] = row.median_ms <= TARGET_SINGLE_MEDIAN_MS
        if kind == "html" and row.ratio_cpu is not None:
            row.targets["cpu_ratio_max_4"] = row.ratio_cpu <= TARGET_HTML_CPU_RATIO


def fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def print_table(rows: list[Row]) -> None:
    header = (
        f"{'endpoint':<27} {'cl':>3} {'req':>6} {'med ms':>7} {'p95':>7} {'p99':>7} "
        f"{'req/s':>7} {'cpu ms':>7} │ {'x med':>5} {'x p95':>5} {'x p99':>5} "
        f"{'x req/s':>7} {'x cpu':>5}  targets"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        targets = " ".join(f"{k}:{'PASS' if ok else 'FAIL'}" for k, ok in row.targets.items())
        line = (
            f"{row.name:<27} {row.clients:>3} {row.requests:>6} {fmt(row.median_ms):>7} "
            f"{fmt(row.p95_ms):>7} {fmt(row.p99_ms):>7} {fmt(row.throughput):>7} "
            f"{fmt(row.cpu_ms, 2):>7} │ {fmt(row.ratio_median, 2):>5} {fmt(row.ratio_p95, 2):>5} "
            f"{fmt(row.ratio_p99, 2):>5} {fmt(row.ratio_throughput, 2):>7} "
            f"{fmt(row.ratio_cpu, 2):>5}  {targets}"
        )
        print(line + (f"  ({row.note})" if row.note else ""))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if "django.apps" in sys.modules and sys.modules["django.apps"].apps.ready:
        # Called by ``python -m bench`` after another benchmark set Django up
        # (with its own database): run in a process of its own.
        command = [sys.executable, "-m", "bench.load", *(argv or [])]
        return subprocess.run(command, cwd=ROOT, check=False).returncode  # noqa: S603
    sys.path.insert(0, str(ROOT / "src"))
    context = prepare(args)
    data, db = context["data"], context["database"]
    print(
        f"\nLoadbenchmark: {db['vendor']} {db['version']}, {data['participants']} deelnemers in "
        f"'benchmark' ({data['participants_all_municipalities']} in totaal); gunicorn gthread, "
        f"{WORKERS} workers x {THREADS} threads; {args.duration:g} s per meting na "
        f"{args.warmup:g} s opwarmen; clients: {', '.join(map(str, args.client_counts))}.\n"
    )
    load_start = os.getloadavg()
    if load_start[0] > 0.5 * (os.cpu_count() or 1):
        print(f"Let op: de machine is bezig (load {load_start[0]:.1f}); vergelijk de ratio's.\n")

    from django.db import connections

    connections.close_all()  # the client processes are forked from this one
    port = free_port()
    server = start_server(args.database_url, port, ROOT / "var" / "bench" / "load-gunicorn.log")
    rows: list[Row] = []
    started = time.monotonic()
    try:
        for clients in args.client_counts:
            for endpoint in selected(args.only, args.skip):
                if endpoint.max_clients and clients > endpoint.max_clients:
                    continue
                print(f"  {endpoint.name}, {clients} client(s) ...", end="", flush=True)
                row = measure(
                    endpoint,
                    paths_for(endpoint, context),
                    headers_for(endpoint, context),
                    clients,
                    port,
                    server.pid,
                    args,
                )
                print(f" {row.requests} requests" + (f" ({row.note})" if row.note else ""))
                rows.append(row)
    finally:
        stop_server(server)
        revoke(context["token"])
    compare(rows, max(args.client_counts))
    print()
    print_table(rows)
    print(
        "\nx: verhouding tot de vloer (een kale Django-view met dezelfde rijen) in dezelfde run. "
        "cpu ms: CPU-tijd van gunicorn (master en workers) per request."
    )
    from bench.web import git_commit, machine

    report = {
        "benchmark": "load",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),  # load_average as at the end of the run
        "load_average_start": [round(x, 2) for x in load_start],
        "database": db,
        "data": data,
        "server": {"program": "gunicorn", "worker_class": "gthread", "workers": WORKERS}
        | {"threads": THREADS},
        "duration_s": args.duration,
        "warmup_s": args.warmup,
        "clients": args.client_counts,
        "run_seconds": round(time.monotonic() - started, 1),
        "targets": {
            "api_cpu_ratio_max": TARGET_API_CPU_RATIO,
            "api_throughput_ratio_min": TARGET_API_THROUGHPUT_RATIO,
            "api_single_client_median_ms_max": TARGET_SINGLE_MEDIAN_MS,
            "html_cpu_ratio_max": TARGET_HTML_CPU_RATIO,
        },
        "rows": [asdict(row) for row in rows],
    }
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"Resultaten: {out}")
    failed = [row for row in rows if row.note.startswith("HTTP") or row.requests == 0]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
