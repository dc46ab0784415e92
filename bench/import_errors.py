"""Benchmark: a payroll file with one systematic mistake in every row stays in bounds.

    .venv/bin/python -m bench.import_errors [--rows 500000] [--max-errors N] [--database-url ...]

Issue 11 measured a file of 500,000 rows with one mistake in every row: the server
used 3 GB and answered 496 MB of JSON. This benchmark builds such a file (every
row names a known participant, but writes the month as ``03/2024``: one error a
row), imports it with :func:`basisbaan.payroll.services.payroll_import`, and
prints the peak memory of the process (``ru_maxrss``), what the import added to
it, and the size of the JSON answer (the API's and ``--format json``'s).
``--max-errors`` sets ``IMPORT_MAX_ERRORS`` (default: the setting, 1000); a very
large value shows the old behaviour, every error in detail. It then hands the
import an .xlsx zip bomb (1.9 MB that unpacks to 411 MB) and prints how it fared.

The database (``--database-url``, default a SQLite file in var/bench/) gets 200
generated participants the first time. Results go to var/bench/import_errors.json.
Memory is measured, not asserted: the test suite does not time or weigh things.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import resource
import sys
import time
import warnings
import zipfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MUNICIPALITY = "foutenbench"
HEADER = "bsn;periode;brutoloon;vakantiegeld;werkgeverslasten;pensioen;overige_kosten;totaal;uren"
# The systematic mistake: a month as a bookkeeping program might write it.
WRONG_MONTH = "03/2024"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument(
        "--max-errors", type=int, default=None, help="IMPORT_MAX_ERRORS for this run."
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_IMPORT_DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'bench' / 'import.sqlite3'}"
        ),
    )
    return parser.parse_args(argv)


def rss_mb() -> float:
    """The peak resident memory of this process so far, in MB (Linux: KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def setup(url: str, max_errors: int | None) -> Any:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "basisbaan.conf.settings")
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    if max_errors is not None:
        os.environ["IMPORT_MAX_ERRORS"] = str(max_errors)
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()
    from django.core.management import call_command

    from basisbaan.tenancy.models import Municipality

    (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
    call_command("migrate", verbosity=0, interactive=False)
    municipality = Municipality.objects.filter(slug=MUNICIPALITY).first()
    if municipality is None:
        print("200 deelnemers genereren ...")
        call_command(
            "generate_data",
            "--participants",
            "200",
            "--municipality",
            MUNICIPALITY,
            "--neighbour-participants",
            "0",
            verbosity=0,
        )
        municipality = Municipality.objects.get(slug=MUNICIPALITY)
    return municipality


def payroll_csv(bsns: list[str], rows: int) -> bytes:
    line = f";{WRONG_MONTH};2000,00;160,00;500,00;100,00;40,00;2800,00;138,67"
    lines = [HEADER, *(bsns[n % len(bsns)] + line for n in range(rows))]
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


def zip_bomb() -> bytes:
    """A real .xlsx with one more part: 411 MB of zeros, packed to about 0.4 MB."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(HEADER.split(";"))
    out = io.BytesIO()
    book.save(out)
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/image1.bin", bytes(411 * 1024 * 1024))
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    municipality = setup(args.database_url, args.max_errors)
    from django.conf import settings

    from basisbaan.participants.models import Participant
    from basisbaan.payroll.parsing import PayrollFileError
    from basisbaan.payroll.services import payroll_import

    bsns = list(
        Participant.objects.filter(municipality=municipality).values_list("bsn", flat=True)[:200]
    )
    content = payroll_csv(bsns, args.rows)
    print(
        f"Loonbestand: {args.rows:,} regels, elk met de maand als {WRONG_MONTH!r} "
        f"({len(content) / 1e6:.0f} MB); IMPORT_MAX_ERRORS = {settings.IMPORT_MAX_ERRORS:,}"
    )
    before = rss_mb()
    started = time.perf_counter()
    result = payroll_import(
        municipality=municipality, actor=None, file_name="fouten.csv", content=content
    )
    seconds = time.perf_counter() - started
    peak = rss_mb()
    answer = json.dumps(result.as_json(), ensure_ascii=False)
    del content
    print(
        f"  {result.error_count:,} fouten, {len(result.errors):,} in detail, "
        f"{len(result.more_errors)} teller(s) per kolom en reden; {seconds:.1f} s"
    )
    print(f"  piekgeheugen van het proces: {peak:.0f} MB (voor de import {before:.0f} MB)")
    print(f"  JSON-antwoord: {len(answer.encode()) / 1e3:,.0f} kB")

    bomb = zip_bomb()
    unpacked = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(bomb)).infolist())
    before_bomb = rss_mb()
    started = time.perf_counter()
    try:
        payroll_import(municipality=municipality, actor=None, file_name="bom.xlsx", content=bomb)
        refusal = "NIET geweigerd"
    except PayrollFileError as exc:
        refusal = str(exc)
    bomb_seconds = time.perf_counter() - started
    print(
        f"Zip-bom: {len(bomb) / 1e6:.1f} MB, uitgepakt {unpacked / 1e6:.0f} MB: {refusal} "
        f"({bomb_seconds * 1000:.0f} ms, piekgeheugen {rss_mb():.0f} MB, "
        f"was {before_bomb:.0f} MB)"
    )
    results = {
        "rows": args.rows,
        "max_errors": settings.IMPORT_MAX_ERRORS,
        "errors": result.error_count,
        "errors_in_detail": len(result.errors),
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak),
        "rss_before_import_mb": round(before),
        "json_bytes": len(answer.encode()),
        "zip_bomb_bytes": len(bomb),
        "zip_bomb_unpacked_bytes": unpacked,
        "zip_bomb_refused": refusal != "NIET geweigerd",
        "python": platform.python_version(),
    }
    path = ROOT / "var" / "bench" / "import_errors.json"
    path.write_text(json.dumps(results, indent=2) + "\n")
    return 0 if results["zip_bomb_refused"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
