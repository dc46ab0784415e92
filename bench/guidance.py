"""Benchmark of guidance: the week grid page and saving a week, on PostgreSQL.

Data (made here, once): one municipality with 1,000 participants, each placed
three years ago, 67 staff members (15 participants each as contact person), and
three years of hours: every participant about 200 hours a year in two or three
entries a week, about 300,000 entries.

Measured in-process with ``django.test.Client`` as one job coach:

- ``GET /begeleiding/?week=...`` over random weeks of the three years: median,
  p95, queries (target: median < 100 ms);
- one POST of a whole week (15 participants x 7 days = 105 cells) through the
  week-grid service (bulk writes, an audit entry per changed entry), against
  the straightforward loop: the same 105 cells saved one by one through
  ``hours_entry_create`` / ``hours_entry_update`` (each its own checks, save
  and audit entry). Prints the ratio.

    .venv/bin/python -m bench.guidance [--requests 200] [--database-url URL]

Results are printed and written to var/bench/guidance.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.web import database_info, ensure_database, git_commit, machine, percentile, setup_django

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/basisbaan_bench_guidance"
MUNICIPALITY = "bench-begeleiding"
PARTICIPANTS = 1000
PER_COACH = 15
YEARS = 3
TARGET_MEDIAN_MS = 100.0


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_URL))
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--saves", type=int, default=20)
    parser.add_argument("--json", default=str(ROOT / "var" / "bench" / "guidance.json"))
    return parser.parse_args(argv)


def prepare(today: dt.date) -> dict[str, int]:
    """Make the municipality, staff, participants, placements and hours once."""
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction

    from basisbaan.demo.data import random_bsn
    from basisbaan.guidance.constants import Activity
    from basisbaan.guidance.models import HoursEntry
    from basisbaan.hosts.models import Host, Position
    from basisbaan.participants.models import Participant
    from basisbaan.placements.models import Placement
    from basisbaan.programmes.models import Programme
    from basisbaan.tenancy.models import Membership, Municipality, User
    from basisbaan.tenancy.roles import Role

    print("Migreren ...")
    call_command("migrate", verbosity=0, interactive=False)
    municipality, created = Municipality.objects.get_or_create(
        slug=MUNICIPALITY, defaults={"name": "Bench Begeleiding"}
    )
    if created or not HoursEntry.objects.filter(municipality=municipality).exists():
        print("Gegevens maken: 1.000 deelnemers en drie jaar uren (dit duurt even) ...")
        rng = random.Random(5)
        start = today - dt.timedelta(days=365 * YEARS)
        with transaction.atomic():
            password = make_password(None)
            coaches = []
            for i in range(-(-PARTICIPANTS // PER_COACH)):
                user, _ = User.objects.get_or_create(
                    username=f"bench-coach-{i}",
                    defaults={"first_name": "Coach", "last_name": f"{i:03d}", "password": password},
                )
                role = Role.JOBCOACH if i % 2 == 0 else Role.CASEWORKER
                Membership.objects.get_or_create(
                    user=user, municipality=municipality, defaults={"role": role}
                )
                coaches.append(user)
            programme = Programme.objects.create(
                municipality=municipality,
                name="Bench",
                slug="bench",
                start_date=start - dt.timedelta(days=30),
                end_date=today + dt.timedelta(days=365),
            )
            host = Host.objects.create(municipality=municipality, name="Bench-werkgever")
            position = Position.objects.create(
                municipality=municipality,
                host=host,
                title="Medewerker",
                hours_per_week=32,
                places=PARTICIPANTS,
            )
            people = Participant.objects.bulk_create(
                Participant(
                    municipality=municipality,
                    programme=programme,
                    bsn=random_bsn(rng),
                    first_name=f"Deelnemer{i}",
                    last_name=f"Bench{i:04d}",
                    search_name=f" deelnemer{i} bench{i:04d}",
                    date_of_birth=dt.date(1980, 1, 1),
                    household_type="single",
                    status="placed",
                    contact_person=coaches[i // PER_COACH],
                )
                for i in range(PARTICIPANTS)
            )
            Placement.objects.bulk_create(
                Placement(
                    municipality=municipality,
                    participant=p,
                    position=position,
                    track="transition",
                    start_date=start,
                )
                for p in people
            )
            # No intake (only at the start) and no payroll-party contact (the save test's).
            activities = [
                a for a in Activity.values if a not in (Activity.INTAKE, Activity.PAYROLL_CONTACT)
            ]
            entries = []
            monday = start - dt.timedelta(days=start.weekday())
            while monday < today - dt.timedelta(days=7):
                for index, person in enumerate(people):
                    coach = coaches[index // PER_COACH]
                    # About 3.85 hours a week: 200 a year.
                    entries.append(
                        HoursEntry(
                            municipality=municipality,
                            participant=person,
                            staff=coach,
                            date=monday + dt.timedelta(days=rng.randrange(5)),
                            activity=Activity.COACHING,
                            hours=Decimal("2.50"),
                        )
                    )
                    entries.append(
                        HoursEntry(
                            municipality=municipality,
                            participant=person,
                            staff=coach,
                            date=monday + dt.timedelta(days=rng.randrange(5)),
                            activity=rng.choice(activities[1:]),
                            hours=Decimal("1.25"),
                        )
                    )
                if len(entries) >= 50_000:
                    HoursEntry.objects.bulk_create(entries, batch_size=10_000)
                    entries = []
                monday += dt.timedelta(weeks=1)
            HoursEntry.objects.bulk_create(entries, batch_size=10_000)
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {
        "participants": Participant.objects.filter(municipality=municipality).count(),
        "staff": Membership.objects.filter(municipality=municipality).count(),
        "hours_entries": HoursEntry.objects.filter(municipality=municipality).count(),
    }


def measure_page(user: Any, weeks: list[dt.date], requests: int) -> dict[str, Any]:
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(user)
    paths = [f"/begeleiding/?week={w:%Y-%m-%d}" for w in weeks]
    for path in paths[:20]:
        assert client.get(path).status_code == 200
    # Counted before the timed requests (and not during them: counting costs time).
    counted: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        counted.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(paths[0])
    body = client.get(paths[0]).content.decode()
    timings = []
    for i in range(requests):
        started = time.perf_counter()
        response = client.get(paths[i % len(paths)])
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return {
        "requests": requests,
        "median_ms": round(statistics.median(timings), 1),
        "p95_ms": round(percentile(timings, 95), 1),
        "queries": len(counted),
        "rows_on_page": body.count('name="p-'),
    }


def measure_norm(user: Any, requests: int) -> dict[str, Any]:
    """The norm page of the current year (a programme manager's view, here the coach's)."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    assert client.get("/begeleiding/norm/").status_code == 200
    timings = []
    for _ in range(requests):
        started = time.perf_counter()
        client.get("/begeleiding/norm/")
        timings.append((time.perf_counter() - started) * 1000)
    return {"requests": requests, "median_ms": round(statistics.median(timings), 1)}


def measure_saves(user: Any, municipality: Any, saves: int) -> dict[str, Any]:
    """A week of 15 participants x 7 days: the service in bulk, then one by one."""
    from django.db import transaction

    from basisbaan.guidance import services
    from basisbaan.guidance.models import HoursEntry
    from basisbaan.participants.models import Participant

    people = list(Participant.objects.filter(municipality=municipality, contact_person=user)[:15])
    # A future-free week in which nothing is closed: this week's Monday.
    today = dt.date.today()
    monday = today - dt.timedelta(days=today.weekday() + 7)
    # Payroll-party contact: an activity the generated data does not use.
    HoursEntry.objects.filter(staff=user, date__gte=monday, activity="payroll_contact").delete()

    def cells(hours: Decimal) -> list[services.WeekCell]:
        return [
            services.WeekCell(p.pk, "payroll_contact", monday + dt.timedelta(days=d), hours)
            for p in people
            for d in range(7)
        ]

    bulk: list[float] = []
    for i in range(saves):
        started = time.perf_counter()
        result = services.hours_week_save(
            municipality=municipality,
            actor=user,
            staff=user,
            week_start=monday,
            cells=cells(Decimal("0.25") * (1 + i % 2)),
        )
        bulk.append((time.perf_counter() - started) * 1000)
        assert result.changed == 105
    loop: list[float] = []
    for i in range(saves):
        hours = Decimal("0.25") * (3 + i % 2)
        started = time.perf_counter()
        with transaction.atomic():
            existing = {
                (e.participant_id, e.date): e
                for e in HoursEntry.objects.filter(
                    staff=user, date__gte=monday, activity="payroll_contact"
                )
            }
            for cell in cells(hours):
                entry = existing.get((cell.participant_id, cell.date))
                if entry is None:
                    services.hours_entry_create(
                        municipality=municipality,
                        actor=user,
                        participant=Participant.objects.get(pk=cell.participant_id),
                        staff=user,
                        date=cell.date,
                        activity="payroll_contact",
                        hours=hours,
                    )
                else:
                    services.hours_entry_update(entry=entry, actor=user, data={"hours": hours})
        loop.append((time.perf_counter() - started) * 1000)
    HoursEntry.objects.filter(staff=user, date__gte=monday, activity="payroll_contact").delete()
    bulk_ms, loop_ms = statistics.median(bulk), statistics.median(loop)
    return {
        "cells": 105,
        "saves": saves,
        "bulk_median_ms": round(bulk_ms, 1),
        "loop_median_ms": round(loop_ms, 1),
        "ratio": round(loop_ms / bulk_ms, 1),
    }


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    ensure_database(args.database_url)
    setup_django(args.database_url)
    from basisbaan.tenancy.models import Municipality, User

    today = dt.date.today()
    data = prepare(today)
    municipality = Municipality.objects.get(slug=MUNICIPALITY)
    user = User.objects.get(username="bench-coach-0")
    rng = random.Random(7)
    first = today - dt.timedelta(days=365 * YEARS)
    weeks = [first + dt.timedelta(days=rng.randrange(365 * YEARS)) for _ in range(args.requests)]
    db = database_info()
    print(
        f"\nBenchmark begeleiding: {db['vendor']} {db['version']}, {data['participants']} "
        f"deelnemers, {data['hours_entries']} urenregels over drie jaar.\n"
    )
    page = measure_page(user, weeks, args.requests)
    saves = measure_saves(user, municipality, args.saves)
    norm = measure_norm(user, max(args.requests // 10, 5))
    ok = page["median_ms"] < TARGET_MEDIAN_MS
    print(
        f"{'urenweek (GET)':<34} mediaan {page['median_ms']:>6.1f} ms  p95 {page['p95_ms']:>6.1f} ms  "
        f"{page['queries']} queries, {page['rows_on_page']} rijen  {'PASS' if ok else 'FAIL'}"
    )
    print(f"{'week opslaan, 105 cellen (service)':<34} mediaan {saves['bulk_median_ms']:>6.1f} ms")
    print(f"{'week opslaan, cel voor cel (lus)':<34} mediaan {saves['loop_median_ms']:>6.1f} ms")
    print(f"verhouding lus / service: {saves['ratio']:g}x")
    print(f"{'norm en kosten (GET, 1.000 deeln.)':<34} mediaan {norm['median_ms']:>6.1f} ms")
    print(f"\nDoel: urenweek mediaan < {TARGET_MEDIAN_MS:g} ms.")
    report = {
        "benchmark": "guidance",
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "commit": git_commit(),
        "machine": machine(),
        "database": db,
        "data": data,
        "week_page": page,
        "week_save": saves,
        "norm_page": norm,
        "target_median_ms": TARGET_MEDIAN_MS,
    }
    out = Path(args.json)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    print(f"Resultaten: {out}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
