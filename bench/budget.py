"""Benchmark of the budget page, the forecast and the room for intake at scale, on PostgreSQL.

    .venv/bin/python -m bench.budget [--contracts 10000,100000] [--draws 1000]
        [--repeat 2] [--memory-contracts 500000] [--profile DIR] [--database-url URL]
        [--source OTHER/src]

Data (made here, once per size, in its own database, default ``bb_bench_budget``):
per size N a municipality ``bench-budget-<N>`` with one programme (2024-2027, six-month
periods) of at least N contracts (``generate_data`` with about 1.8 participants per
contract, no neighbour), payroll imported for every contract-month of 2026 up to last
month (one SQL statement), a budget for each year (2024 and 2025 closed, with what was
spent), and a wage-cost advantage (LKV) for one participant in ten.

Measured per size, each in a fresh process (so the peak memory, ``ru_maxrss``, is that
size's alone; the Django process itself is about 120 MB of it):

1. ``budgets.forecasting.build`` split into its parts (the top-level calls it makes:
   as of, merged actuals, spent, periods, segments, planned starts, cost matrix,
   exit facts, late notices, commitments; "other" is the rest);
2. ``simulation`` with ``--draws`` draws and ``assemble``;
3. the engine alone on the same input: ``calc.forecast.deterministic`` and ``simulate``;
4. the room for intake: ``capacity_problem`` (the page's default question) and ``solve``;
5. the LKV per year (``lkv_income``, what the page's ``programme_lkv`` reads);
6. the budget page's whole computation without any cache: what ``ProgrammeBudgetView``
   and ``budgets.jobs.page_results`` compute (build once, simulation, assemble, year
   rows, charts, capacity, LKV): cold (the first in the process) and the best of
   ``--repeat``.

Targets (issue 19): page cold <= 300 ms at 10,000 contracts and <= 1 s at 100,000;
forecast with 1,000 draws <= 1 s and capacity <= 2 s at 100,000; peak memory
<= 1 GB at 500,000 (``--memory-contracts``: only the whole page, once; filling that
size takes a long time). ``--profile DIR`` writes a cProfile of the page per size;
``--source`` measures the code of another checkout's ``src`` (before and after a change,
on the same data). Times are wall clock; on a busy machine the page's CPU time of the
process (without the database server's) is the steadier figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.web import database_info, ensure_database, git_commit, machine, setup_django

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bb_bench_budget"
PARTICIPANTS_PER_CONTRACT = 1.8
BUDGET = Decimal("30000")  # per contract per year
PAYROLL_YEAR = 2026
TARGETS = {
    10_000: {"page": 0.3},
    100_000: {"page": 1.0, "forecast": 1.0, "capacity": 2.0},
}
MEMORY_TARGET_MB = 1024
BUILD_PARTS = (
    "_as_of",
    "merged_actuals",
    "_paid_cells",
    "_spent",
    "_periods",
    "_counts",
    "_segments",
    "_planned",
    "_exit_facts",
    "cost_matrix",
    "_late_notices",
    "commitments_after_end",
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_BUDGET_DATABASE_URL", DEFAULT_URL)
    )
    parser.add_argument("--contracts", default="10000,100000", help="sizes, comma-separated")
    parser.add_argument("--memory-contracts", type=int, default=0, help="e.g. 500000 (slow fill)")
    parser.add_argument("--draws", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--profile", default="", help="directory for a cProfile per size")
    parser.add_argument("--json", default=str(ROOT / "var" / "bench" / "budget.json"))
    parser.add_argument("--source", default="", help="the src directory of the code to measure")
    parser.add_argument("--child", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--page-only", action="store_true", help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def slug_of(contracts: int) -> str:
    return f"bench-budget-{contracts}"


# -- data ----------------------------------------------------------------------


def prepare(contracts: int, today: dt.date) -> dict[str, Any]:
    """The municipality of this size, filled when it is not yet."""
    from django.core.management import call_command

    from basisbaan.contracts.models import Contract
    from basisbaan.participants.models import Participant
    from basisbaan.programmes.models import Programme

    slug = slug_of(contracts)
    have = Contract.objects.filter(municipality__slug=slug).count()
    seed = 1
    while have < contracts:
        missing = contracts - have
        people = max(20, int(missing * PARTICIPANTS_PER_CONTRACT) + 10)
        print(f"  {slug}: {people:,} deelnemers genereren ...", flush=True)
        started = time.perf_counter()
        args = ["--participants", str(people), "--municipality", slug]
        args += ["--neighbour-participants", "0", "--as-of", today.isoformat()]
        if have or Participant.objects.filter(municipality__slug=slug).exists():
            seed += Participant.objects.filter(municipality__slug=slug).count()
            args += ["--append", "--seed", str(seed)]
        call_command("generate_data", *args, verbosity=0)
        have = Contract.objects.filter(municipality__slug=slug).count()
        print(f"    {have:,} contracten ({time.perf_counter() - started:.0f} s)", flush=True)
    programme = Programme.objects.get(municipality__slug=slug)
    _payroll(programme, today)
    _budgets(programme, have)
    _lkv(programme)
    return {"contracts": have, "programme": programme.pk}


def _payroll(programme: Any, today: dt.date) -> None:
    """Payroll for every contract-month of the payroll year up to last month (SQL)."""
    from django.db import connection
    from django.utils import timezone

    from basisbaan.payroll.models import PayrollEntry, PayrollImport

    if PayrollEntry.objects.filter(municipality_id=programme.municipality_id).exists():
        return
    first = dt.date(PAYROLL_YEAR, 1, 1)
    last = min(today.replace(day=1) - dt.timedelta(days=1), dt.date(PAYROLL_YEAR, 12, 31))
    print(f"  payroll {first:%Y-%m} .. {last:%Y-%m} ...", flush=True)
    started = time.perf_counter()
    source = PayrollImport.objects.create(
        municipality_id=programme.municipality_id,
        file_name="bench-budget.csv",
        sha256="0" * 64,
        status="done",
        started_at=timezone.now(),
    )
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO payroll_payrollentry (municipality_id, participant_id, contract_id,
                period, gross_wage, holiday_allowance, employer_charges, pension,
                other_costs, total, hours, source_import_id, created_at, updated_at)
            SELECT c.municipality_id, c.participant_id, c.id, x.month, x.gross,
                round(x.gross * 0.08, 2), round(x.gross * 0.2, 2), 0, 25,
                x.gross + round(x.gross * 0.08, 2) + round(x.gross * 0.2, 2) + 25,
                x.hours, %s, now(), now()
            FROM (
                SELECT DISTINCT ON (cp.contract_id, m.month) cp.contract_id,
                    m.month::date AS month, round(cp.hours_per_week * 13 / 3, 2) AS hours,
                    round(cp.hours_per_week * 13 / 3 * cp.hourly_wage, 2) AS gross
                FROM contracts_contractperiod cp
                JOIN generate_series(%s::date, %s::date, interval '1 month') AS m(month)
                    ON cp.start_date < m.month + interval '1 month' AND cp.end_date >= m.month
                WHERE cp.municipality_id = %s
                ORDER BY cp.contract_id, m.month, cp.start_date
            ) x JOIN contracts_contract c ON c.id = x.contract_id
            """,
            [source.pk, first, last.replace(day=1), programme.municipality_id],
        )
        count = cursor.rowcount
        cursor.execute("ANALYZE payroll_payrollentry")
    print(f"    {count:,} regels ({time.perf_counter() - started:.0f} s)", flush=True)


def _budgets(programme: Any, contracts: int) -> None:
    """A budget per year; the years before the payroll year closed with what they spent."""
    from django.utils import timezone

    from basisbaan.budgets.models import Budget

    for year in range(programme.start_date.year, programme.end_date.year + 1):
        if Budget.objects.filter(programme=programme, year=year).exists():
            continue
        amount = BUDGET * contracts
        closed = year < PAYROLL_YEAR
        Budget.objects.create(
            municipality_id=programme.municipality_id,
            programme=programme,
            year=year,
            amount=amount,
            closed_at=timezone.now() if closed else None,
            spent_at_close=(amount * Decimal("0.9")).quantize(Decimal("0.01")) if closed else None,
        )


def _lkv(programme: Any) -> None:
    """A banenafspraak LKV for one contract in ten, from its first period on."""
    from basisbaan.contracts.constants import LkvKind
    from basisbaan.contracts.models import ContractPeriod, LkvEntitlement

    if LkvEntitlement.objects.filter(municipality_id=programme.municipality_id).exists():
        return
    firsts = ContractPeriod.objects.filter(
        municipality_id=programme.municipality_id, sequence=1
    ).values_list("contract__participant_id", "start_date")
    LkvEntitlement.objects.bulk_create(
        [
            LkvEntitlement(
                municipality_id=programme.municipality_id,
                participant_id=participant,
                kind=LkvKind.BANENAFSPRAAK,
                start_date=start,
                end_date=start + dt.timedelta(days=3 * 365),
                employment_start=start,
                declaration_reference="bench",
            )
            for i, (participant, start) in enumerate(firsts.order_by("contract_id"))
            if i % 10 == 0
        ],
        batch_size=5_000,
    )


# -- measuring -------------------------------------------------------------------


class PartTimer:
    """Wraps the forecasting module's functions: the time of each top-level call."""

    def __init__(self, module: Any, names: tuple[str, ...]) -> None:
        self.times: dict[str, float] = {}
        self.depth = 0
        self.originals: dict[str, Any] = {}
        for name in names:
            if hasattr(module, name):
                self.originals[name] = getattr(module, name)
                setattr(module, name, self._wrap(name, getattr(module, name)))
        self.module = module

    def _wrap(self, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(function)
        def timed(*args: Any, **kwargs: Any) -> Any:
            self.depth += 1
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.depth -= 1
                if self.depth == 0:
                    self.times[name] = self.times.get(name, 0.0) + time.perf_counter() - started

        return timed

    def restore(self) -> None:
        for name, function in self.originals.items():
            setattr(self.module, name, function)


def _seconds(function: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def page(programme: Any, today: dt.date, draws: int) -> dict[str, Any]:
    """What the budget page computes without the cache (see the module docstring)."""
    from basisbaan.budgets import jobs
    from basisbaan.budgets.capacity import answer_of, capacity_problem, solve
    from basisbaan.budgets.chart import charts_of
    from basisbaan.budgets.constants import DEFAULT_SEED
    from basisbaan.budgets.forecasting import assemble, build, simulation
    from basisbaan.budgets.report import year_rows
    from basisbaan.calc.forecast import Scenario

    built = build(programme)
    sim = simulation(built, draws=draws, seed=DEFAULT_SEED)
    forecast = assemble(built, sim, draws=draws, seed=DEFAULT_SEED, scenario=Scenario.OBSERVED)
    rows = year_rows(forecast, Scenario.OBSERVED)
    charts = charts_of(forecast.months)
    problem = capacity_problem(programme, built=built, today=today, draws=draws)
    answer = answer_of(problem, solve(problem))
    lkv = jobs.programme_lkv(programme)
    return {"rows": rows, "charts": charts, "capacity": answer, "lkv": lkv, "forecast": forecast}


def http_page(programme: Any, draws: int) -> dict[str, float]:
    """The budget page as a user gets it (Django's test client, in this process, with
    the page cache): cold (nothing cached: the page starts the background job and
    answers at once), the job itself, then warm (the answer from the cache). The
    job queue is the dummy backend; the job is run here with ``execute_job``."""
    from django.core.cache import caches
    from django.test import Client, override_settings

    from basisbaan.jobs.execution import execute_job
    from basisbaan.jobs.models import Job
    from basisbaan.tenancy.models import Membership, User
    from basisbaan.tenancy.roles import Role

    user, _made = User.objects.get_or_create(username=f"bench-budget-{programme.pk}")
    Membership.objects.get_or_create(
        user=user,
        municipality=programme.municipality,
        defaults={"role": Role.PROGRAMME_MANAGER},
    )
    client = Client()
    client.force_login(user)
    url = f"/budget/{programme.pk}/?scenario=observed&draws={draws}&seed=2023"
    caches["jobs"].clear()
    Job.objects.filter(municipality=programme.municipality, kind="budgets.forecast").delete()
    out: dict[str, float] = {}
    dummy = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    with override_settings(TASKS=dummy, ALLOWED_HOSTS=["*"]):
        client.get("/")  # the process's first request (templates, URLs) is not the page's
        out["http_cold_s"], response = _seconds(lambda: client.get(url))
        assert response.status_code == 200, response.status_code
        job = Job.objects.filter(
            municipality=programme.municipality, kind="budgets.forecast", status="queued"
        ).first()
        if job is not None:
            out["http_job_s"], _r = _seconds(lambda: execute_job(job.pk))
        warm = []
        for _ in range(5):
            seconds, response = _seconds(lambda: client.get(url))
            assert response.status_code == 200, response.status_code
            assert "Wordt berekend" not in response.content.decode(), "not cached"
            warm.append(seconds)
        out["http_warm_s"] = statistics.median(warm)
    return out


def child(args: argparse.Namespace) -> dict[str, Any]:
    """Measure one size in this process; the result as a dict."""
    import numpy as np

    from basisbaan.budgets import forecasting
    from basisbaan.budgets.capacity import capacity_problem, solve
    from basisbaan.budgets.constants import DEFAULT_SEED
    from basisbaan.calc.forecast import deterministic, simulate
    from basisbaan.contracts.lkv import lkv_income
    from basisbaan.programmes.models import Programme

    today = dt.date.today()
    programme = Programme.objects.select_related("municipality").get(
        municipality__slug=slug_of(args.child)
    )
    base_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out: dict[str, Any] = {"size": args.child, "base_mb": round(base_mb)}

    cpu = time.process_time()
    cold, result = _seconds(lambda: page(programme, today, args.draws))
    out["page_cold_s"] = cold
    out["page_cold_cpu_s"] = time.process_time() - cpu
    forecast = result["forecast"]
    out["contracts"] = forecast.contracts
    out["months"] = forecast.built.inp.months
    out["capacity_count"] = result["capacity"].count
    out["p50"] = [str(y.p50) for y in forecast.years]
    if args.page_only:
        out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        return out
    warm, cpus = [], []
    for _ in range(args.repeat):
        cpu = time.process_time()
        warm.append(_seconds(lambda: page(programme, today, args.draws))[0])
        cpus.append(time.process_time() - cpu)
    out["page_best_s"] = min(warm)
    out["page_best_cpu_s"] = min(cpus)
    out.update(http_page(programme, args.draws))

    timer = PartTimer(forecasting, BUILD_PARTS)
    try:
        build_s, built = _seconds(lambda: forecasting.build(programme))
    finally:
        timer.restore()
    out["build_s"] = build_s
    out["build_parts"] = timer.times
    inp, rates = built.inp, built.rates
    out["simulation_s"], sim = _seconds(
        lambda: forecasting.simulation(built, draws=args.draws, seed=DEFAULT_SEED)
    )
    out["assemble_s"], _f = _seconds(
        lambda: forecasting.assemble(built, sim, draws=args.draws, seed=DEFAULT_SEED)
    )
    out["deterministic_s"], _d = _seconds(lambda: deterministic(inp, rates))
    out["simulate_s"], _s = _seconds(
        lambda: simulate(
            inp, rates, draws=args.draws, rng=np.random.default_rng(DEFAULT_SEED), paths=False
        )
    )
    out["capacity_problem_s"], problem = _seconds(
        lambda: capacity_problem(programme, built=built, today=today, draws=args.draws)
    )
    out["solve_s"], _r = _seconds(lambda: solve(problem))
    out["lkv_s"], _l = _seconds(
        lambda: lkv_income(
            programme.municipality,
            programme_ids=[programme.pk],
            start=programme.start_date,
            end=programme.end_date,
        )
    )
    if args.profile:
        import cProfile

        directory = Path(args.profile)
        directory.mkdir(parents=True, exist_ok=True)
        profiler = cProfile.Profile()
        profiler.runcall(page, programme, today, args.draws)
        profiler.dump_stats(str(directory / f"page-{args.child}.prof"))
    out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return out


def run_child(args: argparse.Namespace, size: int, *, page_only: bool = False) -> dict[str, Any]:
    command = [sys.executable, "-m", "bench.budget", "--child", str(size)]
    command += ["--database-url", args.database_url, "--draws", str(args.draws)]
    command += ["--repeat", str(args.repeat)]
    if args.profile:
        command += ["--profile", args.profile]
    if page_only:
        command.append("--page-only")
    env = dict(os.environ)
    if args.source:  # measure another checkout's code (e.g. the one before a change)
        env["PYTHONPATH"] = os.pathsep.join([args.source, str(ROOT)])
    done = subprocess.run(  # noqa: S603 (this interpreter, our own arguments)
        command, cwd=ROOT, capture_output=True, text=True, check=False, env=env
    )
    if done.returncode != 0:
        print(done.stdout, done.stderr)
        raise SystemExit(f"Meting van {size} contracten mislukt")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def ms(seconds: float | None) -> str:
    if seconds is None:
        return "-"
    return f"{seconds * 1000:,.0f} ms" if seconds < 10 else f"{seconds:,.1f} s"


def print_table(results: list[dict[str, Any]]) -> None:
    head = ["What"] + [f"{r['contracts']:,} contracts" for r in results]
    lines = [head, ["---"] + ["---:"] * len(results)]

    def row(label: str, values: list[str]) -> None:
        lines.append([label, *values])

    full = [r for r in results if "build_s" in r]
    if full:
        row("build (the forecast's input)", [ms(r.get("build_s")) for r in results])
        for part in BUILD_PARTS:
            if any(part in r.get("build_parts", {}) for r in full):
                row(f"  {part}", [ms(r.get("build_parts", {}).get(part)) for r in results])
        row(
            "  other",
            [
                ms(r["build_s"] - sum(r["build_parts"].values())) if "build_s" in r else "-"
                for r in results
            ],
        )
        row("simulation (draws)", [ms(r.get("simulation_s")) for r in results])
        row("assemble", [ms(r.get("assemble_s")) for r in results])
        row("engine alone: deterministic", [ms(r.get("deterministic_s")) for r in results])
        row("engine alone: simulate", [ms(r.get("simulate_s")) for r in results])
        row(
            "forecast (build + simulation + assemble)",
            [
                ms(r["build_s"] + r["simulation_s"] + r["assemble_s"]) if "build_s" in r else "-"
                for r in results
            ],
        )
        row("capacity_problem", [ms(r.get("capacity_problem_s")) for r in results])
        row("solve", [ms(r.get("solve_s")) for r in results])
        row("lkv_income", [ms(r.get("lkv_s")) for r in results])
    row("page, cold", [ms(r.get("page_cold_s")) for r in results])
    row("page, cold: CPU of this process", [ms(r.get("page_cold_cpu_s")) for r in results])
    row("page, best warm", [ms(r.get("page_best_s")) for r in results])
    row("page, best warm: CPU of this process", [ms(r.get("page_best_cpu_s")) for r in results])
    row("HTTP page, cold (starts the job)", [ms(r.get("http_cold_s")) for r in results])
    row("HTTP page: the background job", [ms(r.get("http_job_s")) for r in results])
    row("HTTP page, warm (cached), median", [ms(r.get("http_warm_s")) for r in results])
    row("peak memory (ru_maxrss)", [f"{r['peak_mb']:,} MB" for r in results])
    for line in lines:
        print("| " + " | ".join(line) + " |")


WARM_TARGET_S = 0.1  # issue 19: a repeat view of the budget page


def verdicts(results: list[dict[str, Any]]) -> list[str]:
    found = []
    for r in results:
        size = r["size"]
        wanted = TARGETS.get(size, {})
        if "page" in wanted:
            ok = r["page_cold_s"] <= wanted["page"]
            found.append(f"page cold at {size:,}: {ms(r['page_cold_s'])} ({_pf(ok)})")
        if "http_warm_s" in r:
            ok = r["http_warm_s"] <= WARM_TARGET_S
            found.append(f"HTTP page warm at {size:,}: {ms(r['http_warm_s'])} ({_pf(ok)})")
            ok = r["http_cold_s"] <= wanted.get("page", 1.0)
            found.append(
                f"HTTP page cold (job in the background) at {size:,}: "
                f"{ms(r['http_cold_s'])} ({_pf(ok)})"
            )
        if "forecast" in wanted and "build_s" in r:
            forecast = r["build_s"] + r["simulation_s"] + r["assemble_s"]
            ok = forecast <= wanted["forecast"]
            found.append(f"forecast at {size:,}: {ms(forecast)} ({_pf(ok)})")
        if "capacity" in wanted and "build_s" in r:
            capacity = r["build_s"] + r["capacity_problem_s"] + r["solve_s"]
            ok = capacity <= wanted["capacity"]
            found.append(
                f"capacity (build + problem + solve) at {size:,}: {ms(capacity)} ({_pf(ok)})"
            )
        if size >= 500_000:
            ok = r["peak_mb"] <= MEMORY_TARGET_MB
            found.append(f"peak memory at {size:,}: {r['peak_mb']:,} MB ({_pf(ok)})")
    return found


def _pf(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        setup_django(args.database_url)
        print(json.dumps(child(args), default=str))
        return 0
    ensure_database(args.database_url)
    setup_django(args.database_url)
    from django.core.management import call_command

    print("Migreren ...", flush=True)
    call_command("migrate", verbosity=0, interactive=False)
    sizes = [int(s) for s in args.contracts.split(",") if s.strip()]
    today = dt.date.today()
    for size in [*sizes, *([args.memory_contracts] if args.memory_contracts else [])]:
        prepare(size, today)
    results = []
    for size in sizes:
        print(f"Meten: {size:,} contracten ...", flush=True)
        results.append(run_child(args, size))
    if args.memory_contracts:
        print(f"Meten (alleen de pagina): {args.memory_contracts:,} contracten ...", flush=True)
        results.append(run_child(args, args.memory_contracts, page_only=True))
    print()
    print_table(results)
    print()
    for line in verdicts(results):
        print(line)
    report = {
        "when": dt.datetime.now().isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),
        "database": database_info(),
        "draws": args.draws,
        "results": results,
    }
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(report, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
