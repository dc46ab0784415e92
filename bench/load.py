"""Load benchmark: the production server (gunicorn) under 1 and 16 concurrent clients.

    .venv/bin/python -m bench.load [--participants 100000,1000000] [--duration 60]
        [--clients 1,16] [--workers 3 --threads 2] [--database-url postgres://...] [--quick]

Starts gunicorn (gthread, 3 workers of 2 threads, on 127.0.0.1) with the
application and, beside it, the *floor*: bare Django views that read the same
rows with ``values()`` and answer with ``JsonResponse`` (``bench/load_urls.py``,
served through ``bench/load_settings.py``), and the background-job worker
(``basisbaan worker``) for the forecasts. For every endpoint and number of
clients, N client processes send GET requests over keep-alive connections for
``--duration`` seconds (after a warm-up); the report gives the median, p95 and
p99 latency, the requests per second and the server's CPU time per request (the
gunicorn master and workers, user + system, before and after), each also as a
ratio to its floor measured in the same run. The API is called with an API
token, the HTML pages with a signed-in session, both of a programme manager of
the benchmark municipality; the read audit writes its rows as in real use.

Each size of ``--participants`` has a PostgreSQL database of its own (default
``bb_load`` for 1,000,000, ``bb_load_100k`` for 100,000), created, migrated and
filled with ``basisbaan generate_data`` when it holds fewer participants than
asked (1,000,000 take several minutes; the database is kept for the next run).
Several sizes run one after the other, each in a process of its own. Results are
printed and written to var/bench/load.json (several sizes: one file per size
beside it, and load.json with all of them).
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
DEFAULT_PARTICIPANTS = "100000,1000000"
FULL_SIZE = 1_000_000  # the size whose database is --database-url itself
HOST = "127.0.0.1"
USERNAME = "bench-programmamanager"
WORKERS = 3
THREADS = 2
MAX_REQUESTS_PER_CLIENT = 200_000  # a bound besides the time
# A common surname of the generated data, late in the alphabet (the search the
# name index serves worst; see participants/selectors.py).
SEARCH = "Visser"
# Mark the budget page while its forecast is computed in the background, and
# when that failed (the page asks Dutch: Accept-Language nl).
PAGE_MARKERS = ((b"bb-computing", "200 berekenen"), (b"De berekening is mislukt", "200 mislukt"))
# Targets of issues 12 and 19: the ratios at the highest number of clients.
TARGET_API_CPU_RATIO = 2.0
TARGET_API_THROUGHPUT_RATIO = 0.5
TARGET_API_P95_RATIO = 3.0
TARGET_SINGLE_MEDIAN_MS = 30.0
TARGET_HTML_CPU_RATIO = 4.0


@dataclass(frozen=True)
class Endpoint:
    key: str
    name: str
    path: str  # may hold {pk} (a participant), {programme} or {search}
    auth: str  # "token", "session" or "" (a floor)
    floor: str = ""  # key of the floor endpoint
    kind: str = ""  # "api" or "html": which targets apply
    # Measured with at most this many clients (0: every number asked).
    max_clients: int = 0
    # The single-client median target applies (issue 19: API list and detail).
    single_median: bool = False
    # Answered by a background job when big: 202 (API) or the page's "Wordt
    # berekend" until the job is done; measured warm, once the answer is cached.
    background: bool = False
    # A list that counts its rows: its floor counts the way the API does (--floor-count).
    counted: bool = False


FLOORS = (
    Endpoint(
        "floor-list", "Vloer: deelnemers, lijst", "/bench-floor/participants/", "", counted=True
    ),
    Endpoint(
        "floor-search",
        "Vloer: deelnemers, zoeken",
        "/bench-floor/participants/?search={search}",
        "",
        counted=True,
    ),
    Endpoint("floor-detail", "Vloer: deelnemer", "/bench-floor/participants/{pk}/", ""),
    Endpoint(
        "floor-contracts", "Vloer: contracten, lijst", "/bench-floor/contracts/", "", counted=True
    ),
    Endpoint("floor-budgets", "Vloer: budgetten", "/bench-floor/budgets/", "", counted=True),
    Endpoint(
        "floor-forecast",
        "Vloer: prognose (rijen)",
        "/bench-floor/programmes/{programme}/forecast/",
        "",
        max_clients=1,
    ),
)
# Every request of the forecast, the capacity and the budget page reads the
# programme's contract periods (the floor-forecast rows: seconds at 1,000,000
# participants) before it finds its answer in the cache: one client each.
ENDPOINTS = (
    Endpoint(
        "api-list",
        "API deelnemers, lijst",
        "/api/v1/participants/",
        "token",
        "floor-list",
        "api",
        single_median=True,
    ),
    Endpoint(
        "api-search",
        "API deelnemers, zoeken",
        "/api/v1/participants/?search={search}",
        "token",
        "floor-search",
        "api",
    ),
    Endpoint(
        "api-detail",
        "API deelnemer, detail",
        "/api/v1/participants/{pk}/",
        "token",
        "floor-detail",
        "api",
        single_median=True,
    ),
    Endpoint(
        "api-contracts",
        "API contracten, lijst",
        "/api/v1/contracts/",
        "token",
        "floor-contracts",
        "api",
    ),
    Endpoint("api-budgets", "API budgetten, lijst", "/api/v1/budgets/", "token", "floor-budgets"),
    Endpoint(
        "api-forecast",
        "API prognose",
        "/api/v1/programmes/{programme}/forecast/",
        "token",
        "floor-forecast",
        max_clients=1,
        background=True,
    ),
    Endpoint(
        "api-capacity",
        "API ruimte voor instroom",
        "/api/v1/programmes/{programme}/capacity/",
        "token",
        "floor-forecast",
        max_clients=1,
        background=True,
    ),
    Endpoint(
        "html-list", "Deelnemers, lijst (HTML)", "/deelnemers/", "session", "floor-list", "html"
    ),
    Endpoint(
        "html-contracts",
        "Contracten, lijst (HTML)",
        "/contracten/",
        "session",
        "floor-contracts",
        "html",
    ),
    Endpoint(
        "html-budget",
        "Budgetpagina (HTML)",
        "/budget/{programme}/",
        "session",
        "floor-forecast",
        "html",
        max_clients=1,
        background=True,
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
    load_average: float | None = None  # of the machine, 1 minute, at the end
    # A background endpoint: the first answer (e.g. "202") and the seconds until
    # the answer was ready (cached); None when it never was within --compute-wait.
    first_status: str = ""
    ready_after_s: float | None = None
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
        default=os.environ.get("BENCH_LOAD_DATABASE_URL"),
        help=f"PostgreSQL database (created and filled when needed; default {DEFAULT_URL}). "
        "With one size it is that size's database; with several, the database of "
        "1,000,000 participants, the others named after it (bb_load_100k).",
    )
    parser.add_argument(
        "--participants",
        default=DEFAULT_PARTICIPANTS,
        help="Participants in the municipality; several sizes comma-separated, each run "
        "in a database of its own.",
    )
    parser.add_argument("--workers", type=int, default=WORKERS, help="gunicorn worker processes.")
    parser.add_argument("--threads", type=int, default=THREADS, help="Threads per worker.")
    parser.add_argument(
        "--compute-wait",
        type=float,
        default=1800.0,
        help="Seconds to wait for a background forecast before its warm measurement.",
    )
    parser.add_argument(
        "--floor-count",
        choices=("auto", "exact", "bounded"),
        default="auto",
        help="How the list floors count: exact (COUNT(*)), bounded (exact up to 10,000, "
        "else the planner's estimate) or auto (bounded when the API list answers count_exact).",
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
    try:
        args.sizes = sorted({int(n) for n in str(args.participants).split(",") if n.strip()})
    except ValueError:
        args.sizes = []
    if not args.sizes or min(args.sizes) < 1:
        parser.error("--participants: whole numbers of 1 or more, comma-separated")
    if args.workers < 1 or args.threads < 1:
        parser.error("--workers and --threads: 1 or more")
    args.explicit_database = args.database_url is not None
    args.database_url = args.database_url or DEFAULT_URL
    if args.quick:
        args.duration = min(args.duration, 3.0)
    if args.warmup is None:
        args.warmup = 1.0 if args.quick else 5.0
    args.client_counts = sorted({int(n) for n in args.clients.split(",") if n.strip()})
    if not args.client_counts or min(args.client_counts) < 1:
        parser.error("--clients: whole numbers of 1 or more, comma-separated")
    return args


def size_label(participants: int) -> str:
    """100000 -> "100k", 1000000 -> "1m", 12345 -> "12345"."""
    if participants % 1_000_000 == 0:
        return f"{participants // 1_000_000}m"
    if participants % 1_000 == 0:
        return f"{participants // 1_000}k"
    return str(participants)


def database_url_for(participants: int, args: argparse.Namespace) -> str:
    """The database of a size: ``--database-url`` itself for 1,000,000 participants,
    or for the only size when it was given; else its name with the size appended
    (bb_load -> bb_load_100k), so that sizes never share a database (the data
    generator only adds participants)."""
    url: str = args.database_url
    if participants == FULL_SIZE or (args.explicit_database and len(args.sizes) == 1):
        return url
    base, _slash, name = url.rpartition("/")
    name, question, query = name.partition("?")
    return f"{base}/{name}_{size_label(participants)}{question}{query}"


# -- data, user, token, session ----------------------------------------------------


def prepare(args: argparse.Namespace, participants: int, database_url: str) -> dict[str, Any]:
    """Fill the database when needed; the token, session and ids of the run."""
    from bench import web

    web.ensure_database(database_url)
    web.setup_django(database_url)
    data = web.prepare_data(participants)

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
        "municipality_id": programme.municipality_id,
        "floor_count": "exact",  # set once the server answers (--floor-count)
    }


def job_state(municipality_id: int, since: dt.datetime) -> str:
    """ "running" while a background job of the municipality is queued or running,
    "failed" when one created since ``since`` failed, else "idle"."""
    from django.db import connections

    from basisbaan.jobs.constants import FINISHED, JobStatus
    from basisbaan.jobs.models import Job

    try:
        jobs = Job.objects.filter(municipality_id=municipality_id)
        if jobs.exclude(status__in=FINISHED).exists():
            return "running"
        if jobs.filter(created_at__gte=since, status=JobStatus.FAILED).exists():
            return "failed"
        return "idle"
    finally:
        connections.close_all()  # the client processes are forked from this one


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


def start_server(
    database_url: str, port: int, log: Path, workers: int, threads: int
) -> subprocess.Popen[bytes]:
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "basisbaan.wsgi:application",
        "--worker-class",
        "gthread",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
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
        if status == 200 and len(server_processes(server.pid)) > workers:
            return server
        time.sleep(0.3)
    stop_server(server)
    raise RuntimeError(f"gunicorn did not answer within 60 s; see {log}")


def start_job_worker(database_url: str, log: Path) -> subprocess.Popen[bytes]:
    """``basisbaan worker`` beside the server, as in production: it computes the
    forecasts too big for a request. Its CPU is not in the server's figures."""
    command = [sys.executable, "-m", "basisbaan", "worker"]
    with log.open("ab") as out:
        return subprocess.Popen(  # noqa: S603
            command, env=server_env(database_url), cwd=ROOT, stdout=out, stderr=out
        )


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
    page: bool = spec.get("page", False)
    latencies: list[float] = []
    statuses: Counter[str] = Counter()
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
            body = response.read()
            status = answer_status(response.status, body, page=page)
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


def answer_status(status: int, body: bytes, *, page: bool = False) -> str:
    """The HTTP status as text; for the budget ``page`` "200 berekenen" while its
    forecast is computed in the background, "200 mislukt" when that failed."""
    if status == 200 and page:
        for marker, label in PAGE_MARKERS:
            if marker in body:
                return label
    return str(status)


def ready(status: str) -> bool:
    return status == "200"


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
    municipality_id: int | None = None,
) -> Row:
    row = Row(endpoint.key, endpoint.name, endpoint.path, clients, floor=endpoint.floor)
    page = endpoint.background and endpoint.auth == "session"
    # The first request checks the answer; on the idle server, timed.
    since = dt.datetime.now(dt.UTC)
    first_cpu = server_cpu(server_pid)
    first_started = time.perf_counter()
    code, body = get_once(port, paths[0], headers)
    first = ((time.perf_counter() - first_started) * 1000, first_cpu, server_cpu(server_pid))
    status = answer_status(code, body, page=page)
    if endpoint.background:
        row.first_status = status
        if ready(status):
            row.ready_after_s = round(first[0] / 1000, 1)
            waited = None
        else:
            waited = wait_for_answer(port, paths[0], headers, page, municipality_id, args, since)
        if waited is not None:
            row.ready_after_s = round(waited + first[0] / 1000, 1)
            # The first warm answer, alone on the idle server: the fallback figures.
            first_cpu = server_cpu(server_pid)
            first_started = time.perf_counter()
            code, body = get_once(port, paths[0], headers)
            first = (
                (time.perf_counter() - first_started) * 1000,
                first_cpu,
                server_cpu(server_pid),
            )
            status = answer_status(code, body, page=page)
        if not ready(status):
            row.note = (
                f"first answer {row.first_status}; not ready (its job failed, or not done "
                f"within {args.compute_wait:g} s): measured as it answers"
            )
        elif not ready(row.first_status):
            row.note = (
                f"first answer {row.first_status} (computed in the background), "
                f"ready after {row.ready_after_s:g} s; measured warm (cached)"
            )
        else:
            row.note = "first answer 200 (computed in the request, or cached by an earlier one)"
    if code not in (200, 202):
        row.note = f"HTTP {code}: {body[:200].decode(errors='replace')}"
        return row
    if code == 202 and not endpoint.background:
        row.note = f"HTTP {code}: {body[:200].decode(errors='replace')}"
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
            "page": page,
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
    row.load_average = round(os.getloadavg()[0], 2)
    latencies = [ms for result in results for ms in result["latencies"]]
    statuses: Counter[str] = Counter()
    for result in results:
        statuses.update(result["statuses"])
    row.errors = sum(result["errors"] for result in results)
    row.statuses = dict(sorted(statuses.items()))
    row.seconds = args.duration
    notes = [row.note] if row.note else []
    if set(cpu_before) != set(cpu_after):
        notes.append("server processes changed during the run (a worker restarted?)")
    if bad := {code: n for code, n in statuses.items() if code != "200"}:
        # A background endpoint still computing answers 202 / "200 berekenen":
        # recorded, not an error of the application.
        computing = endpoint.background and set(bad) <= {"202", PAGE_MARKERS[0][1]}
        notes.append(("answers while computing " if computing else "HTTP ") + str(bad))
    row.note = "; ".join(notes)
    if not latencies and not statuses and not row.errors:
        # Slower than the measurement (the forecast at 1,000,000 participants):
        # the figures of the first request, alone on the idle server.
        latencies, cpu_before, cpu_after = [first[0]], first[1], first[2]
        row.seconds = round(first[0] / 1000, 1)
        row.statuses = {status: 1}
        notes.append(f"no request finished within {args.duration:g} s: the first request alone")
        row.note = "; ".join(notes)
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


def wait_for_answer(
    port: int,
    path: str,
    headers: dict[str, str],
    page: bool,
    municipality_id: int | None,
    args: argparse.Namespace,
    since: dt.datetime,
) -> float | None:
    """Seconds until ``path`` answers a plain 200 (its background job done and its
    answer cached), or None after ``--compute-wait`` or when the job failed. While
    jobs of the municipality run, only the job table is read (asking the endpoint
    itself reads every contract period of the programme again)."""
    started = time.monotonic()
    while True:
        code, body = get_once(port, path, headers)
        status = answer_status(code, body, page=page)
        if ready(status):
            return time.monotonic() - started
        if status not in ("202", PAGE_MARKERS[0][1]):
            return None
        state = "running"
        while municipality_id is not None and state == "running":
            if time.monotonic() - started > args.compute_wait:
                return None
            time.sleep(2)
            state = job_state(municipality_id, since)
        if state == "failed" or time.monotonic() - started > args.compute_wait:
            return None
        time.sleep(1)


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
    path = endpoint.path.format(programme=context["programme_id"], search=SEARCH)
    if endpoint.counted and not endpoint.auth:
        path += ("&" if "?" in path else "?") + f"count={context['floor_count']}"
    return [path]


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
    for row in rows:
        endpoint = next((e for e in ENDPOINTS if e.key == row.key), None)
        if endpoint is None:
            continue
        if endpoint.kind == "api" and row.clients == most_clients:
            if row.ratio_cpu is not None:
                row.targets["cpu_ratio_max_2"] = row.ratio_cpu <= TARGET_API_CPU_RATIO
            if row.ratio_throughput is not None:
                row.targets["throughput_ratio_min_0.5"] = (
                    row.ratio_throughput >= TARGET_API_THROUGHPUT_RATIO
                )
            if row.ratio_p95 is not None:
                row.targets["p95_ratio_max_3"] = row.ratio_p95 <= TARGET_API_P95_RATIO
        if endpoint.single_median and row.clients == 1 and row.median_ms is not None:
            row.targets["median_max_30ms"] = row.median_ms <= TARGET_SINGLE_MEDIAN_MS
        if endpoint.kind == "html" and row.ratio_cpu is not None:
            row.targets["cpu_ratio_max_4"] = row.ratio_cpu <= TARGET_HTML_CPU_RATIO


TARGET_LABELS = {
    "median_max_30ms": ("mediaan 1 client <= 30 ms", "median_ms", "ms"),
    "cpu_ratio_max_2": ("CPU/request <= 2x vloer", "ratio_cpu", "x"),
    "throughput_ratio_min_0.5": ("req/s >= 0,5x vloer", "ratio_throughput", "x"),
    "p95_ratio_max_3": ("p95 <= 3x vloer", "ratio_p95", "x"),
    "cpu_ratio_max_4": ("CPU/request <= 4x vloer", "ratio_cpu", "x"),
}


def print_targets(rows: list[Row], participants: int) -> None:
    """The targets of issue 19, one line per endpoint, number of clients and target."""
    lines = [
        (row, key, ok) for row in rows for key, ok in row.targets.items() if key in TARGET_LABELS
    ]
    if not lines:
        return
    print(f"\nDoelen bij {participants:,} deelnemers".replace(",", "."))
    header = f"{'endpoint':<27} {'cl':>3}  {'doel':<27} {'gemeten':>9}  uitkomst"
    print(header)
    print("-" * len(header))
    for row, key, ok in lines:
        label, attribute, unit = TARGET_LABELS[key]
        value = getattr(row, attribute)
        measured = f"{fmt(value, 1 if unit == 'ms' else 2)} {unit}"
        print(
            f"{row.name:<27} {row.clients:>3}  {label:<27} {measured:>9}  "
            + ("PASS" if ok else "FAIL")
        )


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
    if len(args.sizes) > 1:
        return run_sizes(args)
    if "django.apps" in sys.modules and sys.modules["django.apps"].apps.ready:
        # Called by ``python -m bench`` after another benchmark set Django up
        # (with its own database): run in a process of its own.
        command = [sys.executable, "-m", "bench.load", *(argv or [])]
        return subprocess.run(command, cwd=ROOT, check=False).returncode  # noqa: S603
    return run_size(args, args.sizes[0])


def size_json(args: argparse.Namespace, participants: int) -> Path:
    out = Path(args.json)
    return out.with_name(f"{out.stem}-{size_label(participants)}{out.suffix}")


def size_argv(args: argparse.Namespace, participants: int) -> list[str]:
    """The options of one size's run: this run's, with that size's database and file."""
    return [
        *("--participants", str(participants)),
        *("--database-url", database_url_for(participants, args)),
        *("--duration", f"{args.duration:g}", "--warmup", f"{args.warmup:g}"),
        *("--clients", ",".join(map(str, args.client_counts))),
        *("--only", args.only, "--skip", args.skip, "--seed", str(args.seed)),
        *("--workers", str(args.workers), "--threads", str(args.threads)),
        *("--compute-wait", f"{args.compute_wait:g}", "--floor-count", args.floor_count),
        *("--json", str(size_json(args, participants))),
    ]


def run_sizes(args: argparse.Namespace) -> int:
    """Each size in a process of its own (Django holds one database per process),
    smallest first; then the targets per size and one file with every run."""
    code = 0
    reports = []
    for participants in args.sizes:
        print(f"\n=== {participants:,} deelnemers\n".replace(",", "."), flush=True)
        command = [sys.executable, "-m", "bench.load", *size_argv(args, participants)]
        code = max(code, subprocess.run(command, cwd=ROOT, check=False).returncode)  # noqa: S603
        out = size_json(args, participants)
        if out.exists():
            reports.append(json.loads(out.read_text()))
    for report in reports:
        rows = [Row(**row) for row in report["rows"]]
        print_targets(rows, report["data"]["participants"])
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    combined = {"benchmark": "load", "sizes": args.sizes, "runs": reports}
    out.write_text(json.dumps(combined, indent=2, ensure_ascii=False) + "\n")
    print(
        f"\nResultaten: {out} (per grootte: {', '.join(str(size_json(args, n)) for n in args.sizes)})"
    )
    return code


def floor_count_of(args: argparse.Namespace, port: int, context: dict[str, Any]) -> str:
    """How the list floors count: as asked, or (auto) as the API list does: bounded
    when its answer says whether its count is exact."""
    if args.floor_count != "auto":
        return str(args.floor_count)
    api = next(e for e in ENDPOINTS if e.key == "api-list")
    status, body = get_once(port, api.path, headers_for(api, context))
    try:
        answer = json.loads(body) if status == 200 else {}
    except ValueError:
        answer = {}
    return "bounded" if isinstance(answer, dict) and "count_exact" in answer else "exact"


def run_size(args: argparse.Namespace, participants: int) -> int:
    sys.path.insert(0, str(ROOT / "src"))
    database_url = database_url_for(participants, args)
    context = prepare(args, participants, database_url)
    data, db = context["data"], context["database"]
    endpoints = selected(args.only, args.skip)
    background = any(e.background for e in endpoints)
    print(
        f"\nLoadbenchmark: {db['vendor']} {db['version']} ({db['name']}), {data['participants']} "
        f"deelnemers in 'benchmark' ({data['participants_all_municipalities']} in totaal); "
        f"gunicorn gthread, {args.workers} workers x {args.threads} threads"
        + (", met worker voor achtergrondtaken" if background else "")
        + f"; {args.duration:g} s per meting na {args.warmup:g} s opwarmen; clients: "
        f"{', '.join(map(str, args.client_counts))}.\n"
    )
    load_start = os.getloadavg()
    if load_start[0] > 0.5 * (os.cpu_count() or 1):
        print(f"Let op: de machine is bezig (load {load_start[0]:.1f}); vergelijk de ratio's.\n")

    from django.db import connections

    connections.close_all()  # the client processes are forked from this one
    port = free_port()
    logs = ROOT / "var" / "bench"
    server = start_server(
        database_url, port, logs / "load-gunicorn.log", args.workers, args.threads
    )
    worker = start_job_worker(database_url, logs / "load-worker.log") if background else None
    rows: list[Row] = []
    started = time.monotonic()
    try:
        context["floor_count"] = floor_count_of(args, port, context)
        for clients in args.client_counts:
            for endpoint in endpoints:
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
                    context["municipality_id"],
                )
                print(f" {row.requests} requests" + (f" ({row.note})" if row.note else ""))
                rows.append(row)
    finally:
        if worker is not None:
            stop_server(worker)
        stop_server(server)
        revoke(context["token"])
    compare(rows, max(args.client_counts))
    print()
    print_table(rows)
    print(
        "\nx: verhouding tot de vloer (een kale Django-view met dezelfde rijen) in dezelfde run. "
        "cpu ms: CPU-tijd van gunicorn (master en workers) per request. "
        f"Vloeren tellen: {context['floor_count']}."
    )
    print_targets(rows, data["participants"])
    from bench.web import git_commit, machine

    report = {
        "benchmark": "load",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),  # load_average as at the end of the run
        "load_average_start": [round(x, 2) for x in load_start],
        "database": db,
        "data": data,
        "server": {"program": "gunicorn", "worker_class": "gthread", "workers": args.workers}
        | {"threads": args.threads, "job_worker": background},
        "floor_count": context["floor_count"],
        "search": SEARCH,
        "duration_s": args.duration,
        "warmup_s": args.warmup,
        "clients": args.client_counts,
        "run_seconds": round(time.monotonic() - started, 1),
        "targets": {
            "api_cpu_ratio_max": TARGET_API_CPU_RATIO,
            "api_throughput_ratio_min": TARGET_API_THROUGHPUT_RATIO,
            "api_p95_ratio_max": TARGET_API_P95_RATIO,
            "api_single_client_median_ms_max": TARGET_SINGLE_MEDIAN_MS,
            "html_cpu_ratio_max": TARGET_HTML_CPU_RATIO,
        },
        "rows": [asdict(row) for row in rows],
    }
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"Resultaten: {out}")
    return 1 if any(failed(row) for row in rows) else 0


def failed(row: Row) -> bool:
    """No answer measured, or an answer other than 200 (202 and the page's "Wordt
    berekend" only of an endpoint computed in the background)."""
    background = any(e.background for e in ENDPOINTS if e.key == row.key)
    fine = {"200", "202", PAGE_MARKERS[0][1]} if background else {"200"}
    return row.requests == 0 or row.note.startswith("HTTP") or not set(row.statuses) <= fine


if __name__ == "__main__":
    sys.exit(main())
