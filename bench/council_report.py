"""Benchmark of the council report: its figures, the document and the PDF, on PostgreSQL.

    .venv/bin/python -m bench.council_report [--participants 10000] [--repeat 3]
        [--database-url URL]

Data (made here, once, in its own database):

- the demo (``load_demo`` as of today) when the database has none;
- a municipality with ``--participants`` generated participants (``generate_data``,
  no neighbour) and a budget of EUR 60 million a year for 2024-2027.

Measured, each the first time (cold: the forecast's simulation and the outcome figures
not in the cache yet) and the best of ``--repeat`` runs after it (warm):

1. the demo's final report of 30-06-2025 (frozen figures: the document and the PDF);
2. a draft of the demo as of today (figures computed from live data);
3. a draft of the generated programme as of today: ``report_figures``, ``document``
   (with the figures already computed, so the two do not overlap) and the PDF
   (PDF/UA) timed separately.

Targets: the demo's PDF (figures + document + PDF) under 3 s, the generated
programme's under 10 s. WeasyPrint is imported before the timing (once per process).
Prints the figures and writes them to var/bench/council_report.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.web import database_info, ensure_database, git_commit, machine, setup_django

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/basisbaan_bench_report"
MUNICIPALITY = "bench-rapportage"
BUDGET = Decimal("60000000")
TARGETS = {"demo": 3.0, "large": 10.0}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_REPORT_DATABASE_URL", DEFAULT_URL)
    )
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", default=str(ROOT / "var" / "bench" / "council_report.json"))
    return parser.parse_args(argv)


def prepare(participants: int, today: dt.date) -> dict[str, Any]:
    """The demo and the generated municipality, made when missing."""
    from django.core.management import call_command

    from basisbaan.budgets.models import Budget
    from basisbaan.budgets.services import budget_create
    from basisbaan.demo.loader import demo_is_loaded, load_demo
    from basisbaan.participants.models import Participant
    from basisbaan.programmes.models import Programme

    print("Migreren ...")
    call_command("migrate", verbosity=0, interactive=False)
    if not demo_is_loaded():
        print(f"De demo laden, stand van {today:%d-%m-%Y} (dit duurt even) ...")
        started = time.perf_counter()
        load_demo(as_of=today)
        print(f"  geladen in {time.perf_counter() - started:.0f} s")
    have = Participant.objects.filter(municipality__slug=MUNICIPALITY).count()
    if have < participants:
        print(f"Gegevens genereren: {participants - have} deelnemers ...")
        args = ["--participants", str(participants - have), "--municipality", MUNICIPALITY]
        args += ["--neighbour-participants", "0"]
        if have:
            args += ["--append", "--seed", str(have + 1)]
        call_command("generate_data", *args, verbosity=0)
    programme = Programme.objects.get(municipality__slug=MUNICIPALITY)
    for year in range(programme.start_date.year, programme.end_date.year + 1):
        if not Budget.objects.filter(programme=programme, year=year).exists():
            budget_create(programme=programme, actor=None, year=year, amount=BUDGET)
    return {
        "participants": Participant.objects.filter(programme=programme).count(),
        "programme": programme.pk,
    }


def _draft(programme: Any, today: dt.date) -> Any:
    """A draft as of today, not saved (the data stays as it is)."""
    from basisbaan.reports.defaults import DEFAULT_TEXTS
    from basisbaan.reports.models import CouncilReport

    return CouncilReport(
        municipality_id=programme.municipality_id,
        programme=programme,
        title="Benchmark",
        as_of=today,
        period_start=today.replace(month=1, day=1),
        period_end=today,
        texts=dict(DEFAULT_TEXTS),
    )


def _clear_caches() -> None:
    from django.core.cache import caches

    for alias in ("default", "jobs"):
        caches[alias].clear()


def _seconds(function: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = function()
    return time.perf_counter() - started, result


def whole_pdf(report: Any, today: dt.date, repeat: int) -> dict[str, Any]:
    """Document + PDF of ``report`` (a draft computes its figures in ``document``):
    cold, then the best of ``repeat``."""
    from basisbaan.reports.outputs import render
    from basisbaan.reports.render import document

    def run() -> bytes:
        return render(document(report, today=today), "pdf")

    _clear_caches()
    cold, pdf = _seconds(run)
    warm = min(_seconds(run)[0] for _ in range(max(repeat, 1)))
    return {"cold_s": round(cold, 3), "warm_s": round(warm, 3), "pdf_bytes": len(pdf)}


def parts(report: Any, today: dt.date, repeat: int) -> dict[str, Any]:
    """``report_figures``, ``document`` and the PDF of a draft, each timed on its own."""
    from basisbaan.reports.figures import report_figures
    from basisbaan.reports.outputs import render
    from basisbaan.reports.render import document

    def figures() -> dict[str, Any]:
        return report_figures(
            report.programme, as_of=report.as_of, period_start=report.period_start
        )

    _clear_caches()
    cold_figures, computed = _seconds(figures)
    warm_figures = min(_seconds(figures)[0] for _ in range(max(repeat, 1)))
    # The document with these figures: a draft that holds figures does not compute them.
    report.figures = computed
    try:
        document_s, doc = min(
            (_seconds(lambda: document(report, today=today)) for _ in range(max(repeat, 1))),
            key=lambda pair: pair[0],
        )
    finally:
        report.figures = None
    pdf_s, pdf = min(
        (_seconds(lambda: render(doc, "pdf")) for _ in range(max(repeat, 1))),
        key=lambda pair: pair[0],
    )
    key = {
        row["key"]: row["cells"][0]["text"]
        for row in computed["blocks"]["key_figures"]["tables"][0]["rows"]
    }
    return {
        "figures_cold_s": round(cold_figures, 3),
        "figures_warm_s": round(warm_figures, 3),
        "document_s": round(document_s, 3),
        "pdf_s": round(pdf_s, 3),
        "pdf_bytes": len(pdf),
        "total_cold_s": round(cold_figures + document_s + pdf_s, 3),
        "key_figures": key,
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load = os.getloadavg()[0]
    ensure_database(args.database_url)
    # Its own cache folder: the cold runs clear the caches, and no one else's.
    os.environ["BASISBAAN_DATA_DIR"] = str(ROOT / "var" / "bench" / "council_report")
    setup_django(args.database_url)
    from django.utils import timezone

    from basisbaan.programmes.models import Programme
    from basisbaan.reports.constants import ReportStatus
    from basisbaan.reports.models import CouncilReport

    today = timezone.localdate()
    data = prepare(args.participants, today)
    import_s, _module = _seconds(lambda: __import__("weasyprint"))
    print(
        f"Raadsrapportage: {os.cpu_count()} CPUs, load average {load:.2f}; "
        f"WeasyPrint importeren {import_s:.2f} s (niet meegeteld)."
    )

    final = CouncilReport.objects.get(municipality__slug="leeuwarden", status=ReportStatus.FINAL)
    leeuwarden = Programme.objects.get(municipality__slug="leeuwarden")
    demo_final = whole_pdf(final, today, args.repeat)
    demo_draft = whole_pdf(_draft(leeuwarden, today), today, args.repeat)
    demo_parts = parts(_draft(leeuwarden, today), today, args.repeat)
    large = parts(_draft(Programme.objects.get(pk=data["programme"]), today), today, args.repeat)

    def line(label: str, r: dict[str, Any]) -> None:
        print(
            f"  {label}: cold {r['cold_s']:.2f} s, warm {r['warm_s']:.2f} s "
            f"(PDF {r['pdf_bytes'] / 1024:.0f} KiB)"
        )

    def split(label: str, r: dict[str, Any]) -> None:
        print(
            f"  {label}: report_figures cold {r['figures_cold_s']:.2f} s / warm "
            f"{r['figures_warm_s']:.2f} s, document {r['document_s']:.2f} s, PDF "
            f"{r['pdf_s']:.2f} s; cold total {r['total_cold_s']:.2f} s; kerncijfers "
            f"{r['key_figures']}"
        )

    line("demo, definitief 30-06-2025 (document + PDF)", demo_final)
    line(f"demo, concept per {today:%d-%m-%Y} (cijfers + document + PDF)", demo_draft)
    split("demo, concept in delen", demo_parts)
    split(f"{data['participants']:,} deelnemers, concept", large)
    results = {
        "demo": max(demo_final["cold_s"], demo_draft["cold_s"]),
        "large": large["total_cold_s"],
    }
    verdicts = {k: "PASS" if v < TARGETS[k] else "FAIL" for k, v in results.items()}
    for key, value in results.items():
        print(f"  target {key} < {TARGETS[key]:g} s: {value:.2f} s {verdicts[key]}")
    report = {
        "benchmark": "council_report",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),
        "database": database_info(),
        "load_average_start": round(load, 2),
        "participants": data["participants"],
        "weasyprint_import_s": round(import_s, 3),
        "demo_final": demo_final,
        "demo_draft": demo_draft,
        "demo_parts": demo_parts,
        "large": large,
        "targets_s": TARGETS,
        "result": verdicts,
    }
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"Resultaten: {out}")
    return 0 if all(v == "PASS" for v in verdicts.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
