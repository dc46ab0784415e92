"""Benchmark of the payroll import: a million rows, fully validated, into PostgreSQL.

    .venv/bin/python -m bench.payroll [--rows 1000000] [--orm-sample 10000] [--naive-sample 1000]

1. Makes sure the benchmark municipality has enough participants with contracts
   (``basisbaan generate_data``, appended until there are ``--rows`` participant
   months under a contract up to the current month).
2. Writes a payroll file of ``--rows`` rows as Dutch Excel saves it (semicolon,
   decimal comma, BOM, CRLF) to var/bench/.
3. Imports it with :func:`basisbaan.payroll.services.payroll_import` (every row
   checked: person, contract in the month, period, amounts, total, duplicates,
   against the stored entries) into an empty payroll table, and prints rows per
   second; then imports the same file again (every row unchanged).
4. Before that, on the empty table, saves rows one by one through the ORM (rolled
   back), extrapolated to ``--rows``, and prints the ratios: ``--orm-sample`` rows
   with one ``save()`` each (resolved beforehand), and ``--naive-sample`` rows the
   way a first import script would (per row: find the participant, the contract
   and an earlier entry with queries, then ``full_clean()`` and ``save()``).

The database (``--database-url``, else ``BENCH_PAYROLL_DATABASE_URL``, else
postgres://postgres@127.0.0.1:5432/basisbaan_payroll) is created and migrated when
needed. Results are printed and written to var/bench/payroll.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import sys
import time
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/basisbaan_payroll"
MUNICIPALITY = "loonbench"
TARGET_ROWS_PER_SECOND = 50_000
HEADER = "bsn;periode;brutoloon;vakantiegeld;werkgeverslasten;pensioen;overige_kosten;totaal;uren"


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument(
        "--orm-sample", type=int, default=10_000, help="Rijen voor save() per regel (0: niet)."
    )
    parser.add_argument(
        "--naive-sample",
        type=int,
        default=1_000,
        help="Rijen voor opzoeken, full_clean en save per regel (0: niet).",
    )
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_PAYROLL_DATABASE_URL", DEFAULT_URL),
    )
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args(argv)


# -- database -----------------------------------------------------------------------


def ensure_database(url: str) -> None:
    """Create the PostgreSQL database of ``url`` when it does not exist."""
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
    os.environ.setdefault("DEBUG", "0")  # no query log: measure as in production
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    warnings.filterwarnings("ignore", message="No directory at")
    import django

    django.setup()


def covered_months(municipality: Any, last: dt.date) -> list[tuple[str, dt.date, int, int]]:
    """(bsn, month, hours per week x 10, hourly wage in cents) for every participant
    month under a contract period, up to ``last``."""
    from basisbaan.contracts.models import ContractPeriod

    rows = (
        ContractPeriod.objects.filter(municipality=municipality, start_date__lte=last)
        .order_by("contract__participant_id", "start_date")
        .values_list(
            "contract__participant__bsn", "start_date", "end_date", "hours_per_week", "hourly_wage"
        )
    )
    found: dict[tuple[str, dt.date], tuple[int, int]] = {}
    for bsn, start, end, hours, wage in rows.iterator(chunk_size=20_000):
        month = start.replace(day=1)
        while month <= min(end, last):
            found.setdefault((bsn, month), (int(hours * 10), int(wage * 100)))
            month = (month + dt.timedelta(days=32)).replace(day=1)
    return [(bsn, month, h, w) for (bsn, month), (h, w) in found.items()]


def prepare_data(rows: int) -> tuple[Any, list[tuple[str, dt.date, int, int]]]:
    from django.core.management import call_command
    from django.utils import timezone

    from basisbaan.participants.models import Participant
    from basisbaan.tenancy.models import Municipality

    print("Migreren ...")
    call_command("migrate", verbosity=0, interactive=False)
    last = timezone.localdate().replace(day=1)
    while True:
        have = Participant.objects.filter(municipality__slug=MUNICIPALITY).count()
        municipality = Municipality.objects.filter(slug=MUNICIPALITY).first()
        months = covered_months(municipality, last) if municipality else []
        if len(months) >= rows:
            return municipality, months
        # About five participant months per participant; ask a little more.
        extra = max(10_000, int((rows - len(months)) / max(len(months) / max(have, 1), 1) * 1.1))
        print(
            f"{len(months):,} deelnemermaanden met contract; {extra:,} deelnemers erbij "
            "genereren (dit duurt even) ..."
        )
        args = ["--participants", str(extra), "--municipality", MUNICIPALITY]
        args += ["--neighbour-participants", "0"]
        if have:
            args += ["--append", "--seed", str(have + 1)]
        call_command("generate_data", *args, verbosity=0)


# -- the file -----------------------------------------------------------------------


def _nl(cents: int) -> str:
    return f"{cents // 100},{cents % 100:02d}"


def payroll_csv(months: list[tuple[str, dt.date, int, int]], rows: int, seed: int) -> bytes:
    """A Dutch Excel CSV of ``rows`` rows; the parts add up to the total."""
    rng = random.Random(seed)
    chosen = rng.sample(months, rows)
    lines = [HEADER]
    for bsn, month, hours10, wage in chosen:
        hours = round(hours10 * 52 * 10 / 12)  # hundredths of an hour a month
        gross = hours * wage // 100
        holiday = gross * 8 // 100
        charges = (gross + holiday) * 215 // 1000
        pension = gross * 5 // 100
        other = 4500 if rng.random() < 0.9 else 0
        total = gross + holiday + charges + pension + other
        lines.append(
            f"{bsn};{month:%Y-%m};{_nl(gross)};{_nl(holiday)};{_nl(charges)};{_nl(pension)};"
            f"{_nl(other)};{_nl(total)};{_nl(hours)}"
        )
    return ("\r\n".join(lines) + "\r\n").encode("utf-8-sig")


# -- measuring ----------------------------------------------------------------------


def empty_payroll_tables() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE payroll_payrollentry, payroll_payrollupload, payroll_payrollimport"
        )
    vacuum()


def vacuum() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE payroll_payrollentry")


def timed_import(municipality: Any, content: bytes, label: str) -> dict[str, Any]:
    from basisbaan.payroll.services import payroll_import

    started = time.perf_counter()
    result = payroll_import(
        municipality=municipality, actor=None, file_name="loonbestand-bench.csv", content=content
    )
    seconds = time.perf_counter() - started
    assert result.ok, result.errors[:5]
    figures = {
        "label": label,
        "rows": result.rows,
        "imported": result.imported,
        "unchanged": result.unchanged,
        "seconds": round(seconds, 2),
        "rows_per_second": round(result.rows / seconds),
    }
    print(
        f"{label:<44} {result.rows:>9,} rijen {seconds:7.1f} s  "
        f"{figures['rows_per_second']:>8,} rijen/s   (nieuw {result.imported:,}, "
        f"ongewijzigd {result.unchanged:,})"
    )
    return figures


class RollbackError(Exception):
    """Raised to undo a timed sample."""


def _sample_rows(municipality: Any, content: bytes, sample: int) -> list[tuple[Any, ...]]:
    """The first ``sample`` rows, resolved (not timed): participant, contract, month, amounts."""
    from decimal import Decimal

    from basisbaan.payroll.lookups import Lookups
    from basisbaan.payroll.validation import Month

    lookups = Lookups(municipality)
    rows = []
    for line in content.decode("utf-8-sig").splitlines()[1 : sample + 1]:
        bsn, period, *amounts = line.split(";")
        first = dt.date(int(period[:4]), int(period[5:7]), 1)
        last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
        month = Month(first, first.toordinal(), last.toordinal(), period, "", False)
        participant = lookups.bsn[bsn]
        contract = lookups.contract_for(participant, month, None)
        values = [Decimal(a.replace(".", "").replace(",", ".")) for a in amounts]
        rows.append((bsn, participant, contract, first, values))
    return rows


def _entry(
    municipality: Any, record: Any, participant: int, contract: int, month: Any, values: list[Any]
) -> Any:
    from basisbaan.payroll.models import PayrollEntry

    gross, holiday, charges, pension, other, total, hours = values
    return PayrollEntry(
        municipality=municipality,
        participant_id=participant,
        contract_id=contract,
        period=month,
        gross_wage=gross,
        holiday_allowance=holiday,
        employer_charges=charges,
        pension=pension,
        other_costs=other,
        total=total,
        hours=hours,
        source_import=record,
    )


def orm_one_by_one(
    municipality: Any, content: bytes, sample: int, total: int, *, naive: bool
) -> dict[str, Any]:
    """Save the first ``sample`` rows one by one through the ORM, rolled back.

    ``naive=False``: the rows are resolved beforehand and each is saved with
    ``save()``, one INSERT per row. ``naive=True``: per row, as a first import
    script would: find the participant, the contract period and an earlier
    entry with queries, then ``full_clean()`` and ``save()``.
    """
    from django.db import transaction
    from django.utils import timezone

    from basisbaan.contracts.models import ContractPeriod
    from basisbaan.participants.models import Participant
    from basisbaan.payroll.constants import ImportStatus
    from basisbaan.payroll.models import PayrollEntry, PayrollImport

    rows = _sample_rows(municipality, content, sample)
    started = time.perf_counter()
    try:
        with transaction.atomic():
            record = PayrollImport.objects.create(
                municipality=municipality,
                file_name="orm.csv",
                sha256="0" * 64,
                status=ImportStatus.IMPORTED,
                started_at=timezone.now(),
            )
            for bsn, participant_id, contract_id, month, values in rows:
                if naive:
                    participant_id = Participant.objects.get(municipality=municipality, bsn=bsn).pk
                    period_row = (
                        ContractPeriod.objects.filter(
                            municipality=municipality,
                            contract__participant_id=participant_id,
                            start_date__lt=(month + dt.timedelta(days=31)).replace(day=1),
                            end_date__gte=month,
                        )
                        .order_by("-start_date")
                        .first()
                    )
                    assert period_row is not None
                    contract_id = period_row.contract_id
                    PayrollEntry.objects.filter(
                        municipality=municipality, participant_id=participant_id, period=month
                    ).first()
                entry = _entry(municipality, record, participant_id, contract_id, month, values)
                if naive:
                    entry.full_clean()
                entry.save()
            raise RollbackError
    except RollbackError:
        pass
    seconds = time.perf_counter() - started
    rate = sample / seconds
    label = (
        "ORM rij voor rij: opzoeken, full_clean, save"
        if naive
        else "ORM rij voor rij: save() per regel"
    )
    print(
        f"{label:<44} {sample:>9,} rijen {seconds:7.1f} s  {round(rate):>8,} rijen/s   "
        f"(voor {total:,} rijen: ~{total / rate / 60:.0f} min)"
    )
    return {
        "label": label,
        "rows": sample,
        "seconds": round(seconds, 2),
        "rows_per_second": round(rate),
        "extrapolated_seconds": round(total / rate),
    }


def machine() -> dict[str, Any]:
    info: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "load_average": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
    }
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        info["postgresql"] = cursor.fetchone()[0]
    return info


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not args.database_url.startswith(("postgres://", "postgresql://")):
        print("Deze benchmark meet op PostgreSQL; geef een postgres://-URL.")
        return 2
    ensure_database(args.database_url)
    setup_django(args.database_url)
    municipality, months = prepare_data(args.rows)
    print(f"Loonbestand maken: {args.rows:,} rijen uit {len(months):,} deelnemermaanden ...")
    content = payroll_csv(months, args.rows, args.seed)
    path = ROOT / "var" / "bench" / f"loonbestand-{args.rows}.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    print(f"  {path.relative_to(ROOT)} ({len(content) / 1e6:.0f} MB)")
    empty_payroll_tables()

    print()
    orm = naive = None
    if args.orm_sample:
        sample = min(args.orm_sample, args.rows)
        orm = orm_one_by_one(municipality, content, sample, args.rows, naive=False)
    if args.naive_sample:
        sample = min(args.naive_sample, args.rows)
        naive = orm_one_by_one(municipality, content, sample, args.rows, naive=True)
    first = timed_import(municipality, content, "Import, lege tabel (volledige controle)")
    vacuum()
    second = timed_import(municipality, content, "Zelfde bestand opnieuw (alles ongewijzigd)")
    ratio = first["rows_per_second"] / orm["rows_per_second"] if orm else None
    ratio_naive = first["rows_per_second"] / naive["rows_per_second"] if naive else None
    verdict = "gehaald" if first["rows_per_second"] >= TARGET_ROWS_PER_SECOND else "NIET gehaald"
    print()
    if ratio is not None:
        print(f"Import tegenover save() per regel: {ratio:.0f}x zo snel.")
    if ratio_naive is not None:
        print(
            f"Import tegenover opzoeken, full_clean en save per regel: {ratio_naive:.0f}x zo snel."
        )
    print(f"Doel {TARGET_ROWS_PER_SECOND:,} rijen/s: {verdict}.")

    report = {
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        "file_bytes": len(content),
        "import": first,
        "reimport": second,
        "orm_one_by_one": orm,
        "orm_naive": naive,
        "ratio": round(ratio, 1) if ratio is not None else None,
        "ratio_naive": round(ratio_naive, 1) if ratio_naive is not None else None,
        "target_rows_per_second": TARGET_ROWS_PER_SECOND,
    }
    out = ROOT / "var" / "bench" / "payroll.json"
    out.write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
