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
import an .xlsx zip bomb (0.8 MB whose sheet unpacks to 404 MB) and prints how it fared.

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


def resident_mb() -> float:
    """The resident memory of this process now, in MB."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1024 / 1024


def payroll_file(bsns: list[str], rows: int) -> Path:
    """The file on disk, written a block at a time: making it must not raise the
    process's peak memory above what the import itself needs."""
    path = ROOT / "var" / "bench" / f"fouten-{rows}.csv"
    line = f";{WRONG_MONTH};2000,00;160,00;500,00;100,00;40,00;2800,00;138,67\r\n"
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("\ufeff" + HEADER + "\r\n")
        for start in range(0, rows, 10_000):
            stop = min(start + 10_000, rows)
            out.write("".join(bsns[n % len(bsns)] + line for n in range(start, stop)))
    return path


def zip_bomb() -> bytes:
    """A real .xlsx whose sheet unpacks to 404 MB: the header, then one row of
    27 million cells (15 bytes each). openpyxl would build that row in memory; packed, it is
    about 0.8 MB. Written a block at a time: making it costs no memory."""
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(HEADER.split(";"))
    normal = io.BytesIO()
    book.save(normal)
    sheet = "xl/worksheets/sheet1.xml"
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>bsn</t></is></c></row><row r="2">'
    )
    tail = b"</row></sheetData></worksheet>"
    block = b"<c><v>1</v></c>" * 65_536  # 0.98 MB
    out = io.BytesIO()
    with (
        zipfile.ZipFile(normal) as source,
        zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as bomb,
    ):
        for item in source.infolist():
            if item.filename != sheet:
                bomb.writestr(item, source.read(item.filename))
        with bomb.open(sheet, "w", force_zip64=True) as part:
            part.write(head)
            for _block in range(411):
                part.write(block)
            part.write(tail)
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
    content = payroll_file(bsns, args.rows).read_bytes()
    print(
        f"Loonbestand: {args.rows:,} regels, elk met de maand als {WRONG_MONTH!r} "
        f"({len(content) / 1e6:.0f} MB); IMPORT_MAX_ERRORS = {settings.IMPORT_MAX_ERRORS:,}"
    )
    before = resident_mb()
    peak_before = rss_mb()
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
    print(
        f"  geheugen: {before:.0f} MB voor de import (het bestand ingelezen), piek tijdens de "
        f"import {peak:.0f} MB: {peak - before:.0f} MB erbij"
        + (f" (de piek was al {peak_before:.0f} MB)" if peak_before >= peak else "")
    )
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
        "import_added_mb": round(peak - before),
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
