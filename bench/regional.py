"""Benchmark of the regional comparison: 40 municipalities, 100,000 participants, on PostgreSQL.

    .venv/bin/python -m bench.regional [--municipalities 40] [--participants 100000]
        [--repeat 10] [--database-url URL]

Data (made here, once, in its own database): ``--municipalities`` municipalities
with ``generate_data`` participants each (sizes from one large city to a few
villages, ``--participants`` in total), one region with all of them as members,
every programme sharing with it, and a regional user.

Measured:
1. refreshing every programme's shared figures (``figures_refresh_shared``: the
   outcome counts, the business case, hours and feedback cadence of each
   programme; the nightly or background work, not what a reader waits for);
2. the comparison (``dangerously_region_comparison``: the shared figures read,
   suppression across every municipality and the region at once), best and
   median of ``--repeat``;
3. the page ``/regio/<slug>/`` and the API ``/api/v1/regions/<slug>/comparison/``
   as the regional user (Django's test client, DEBUG off), best and median.

Target (issue 17): the comparison over 40 municipalities with 100,000 participants
under 500 ms. Prints the figures and writes them to var/bench/regional.json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.web import database_info, ensure_database, git_commit, machine, setup_django

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/basisbaan_bench_region"
REGION = "bench-regio"
USER = "bench-regio"
TARGET_SECONDS = 0.5


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_REGION_DATABASE_URL", DEFAULT_URL)
    )
    parser.add_argument("--municipalities", type=int, default=40)
    parser.add_argument("--participants", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--json", default=str(ROOT / "var" / "bench" / "regional.json"))
    return parser.parse_args(argv)


def sizes(municipalities: int, participants: int) -> list[int]:
    """One large city, a few towns, many villages: weights 1/rank, at least 8 each."""
    weights = [1 / (rank + 1) for rank in range(municipalities)]
    total = sum(weights)
    out = [max(8, int(participants * w / total)) for w in weights]
    out[0] += participants - sum(out)
    return out


def prepare(args: argparse.Namespace, today: dt.date) -> dict[str, Any]:
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    from basisbaan.demo.generator import generate
    from basisbaan.participants.models import Participant
    from basisbaan.programmes.models import Programme
    from basisbaan.regions.models import Region, RegionalAccess, RegionMember, Sharing
    from basisbaan.regions.services import region_create
    from basisbaan.tenancy.models import Municipality, User

    print("Migreren ...")
    call_command("migrate", verbosity=0, interactive=False)
    made = 0
    started = time.perf_counter()
    for number, size in enumerate(sizes(args.municipalities, args.participants), start=1):
        slug = f"regio-{number:02d}"
        if Participant.objects.filter(municipality__slug=slug).exists():
            continue
        generate(participants=size, as_of=today, slug=slug, neighbour_participants=0, seed=number)
        made += size
    if made:
        print(f"  {made:,} deelnemers gegenereerd in {time.perf_counter() - started:.0f} s")
    region = Region.objects.filter(slug=REGION).first() or region_create(
        actor=None, name="Benchmarkregio", slug=REGION
    )
    towns = Municipality.objects.filter(slug__startswith="regio-")
    for town in towns:
        RegionMember.objects.get_or_create(region=region, municipality=town)
        for programme in Programme.objects.filter(municipality=town):
            if not Sharing.objects.filter(programme=programme, region=region).exists():
                Sharing.objects.create(
                    municipality=town,
                    programme=programme,
                    region=region,
                    shared_at=dt.datetime.now(dt.UTC),
                )
    user, _ = User.objects.get_or_create(
        username=USER, defaults={"password": make_password("bench")}
    )
    RegionalAccess.objects.get_or_create(region=region, user=user)
    return {
        "municipalities": towns.count(),
        "participants": Participant.objects.filter(municipality__in=towns).count(),
    }


def _times(function: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    walls, result = [], None
    for _ in range(max(repeat, 1)):
        started = time.perf_counter()
        result = function()
        walls.append(time.perf_counter() - started)
    return walls, result


def _ms(walls: list[float]) -> dict[str, float]:
    return {
        "best_ms": round(min(walls) * 1000, 1),
        "median_ms": round(statistics.median(walls) * 1000, 1),
    }


def _heavy(municipalities: int, repeat: int) -> dict[str, Any]:
    """calc.regional.compare alone on synthetic figures full of small numbers (the
    generated data has few): the suppression's worst case at this size."""
    import random

    from basisbaan.calc.regional import Shared, compare

    rnd = random.Random(7)

    def split(n: int) -> tuple[int, int]:
        part = rnd.randint(0, n)
        return part, n - part

    items = []
    for number in range(municipalities):
        n = rnd.choice([3, 6, 9, 16, 40, 250, 2500])
        transition, social = split(n)
        active, exited = split(n)
        working, between = split(active)
        to_work, other = split(exited)
        eligible = rnd.randint(0, n)
        retained, not_retained = split(eligible)
        measured = rnd.randint(0, exited)
        works, not_working = split(measured)
        kept, overdue = split(working)
        counts = {
            "started": n,
            "started_transition": transition,
            "started_social": social,
            "active": active,
            "working": working,
            "between": between,
            "exited": exited,
            "exits_work": to_work,
            "exits_other": other,
            "ret12_eligible": eligible,
            "ret12_retained": retained,
            "ret12_not": not_retained,
            "fu6_measured": measured,
            "fu6_working": works,
            "fu6_not": not_working,
            "placements_running": working,
            "cadence_kept": kept,
            "cadence_overdue": overdue,
        }
        items.append(Shared(number, counts, n * 300_000, n * 10, n * 700, 5))
    walls, result = _times(lambda: compare(items, threshold=5), repeat)
    hidden = sum(
        1 for row in [*result.rows, result.total] for c in row.counts.values() if c.value is None
    )
    return {**_ms(walls), "suppressed": hidden}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    ensure_database(args.database_url)
    setup_django(args.database_url)
    from django.test import Client
    from django.utils import timezone

    from basisbaan.regions.models import Region
    from basisbaan.regions.selectors import dangerously_region_comparison
    from basisbaan.regions.services import figures_refresh_shared
    from basisbaan.tenancy.models import User

    today = timezone.localdate()
    data = prepare(args, today)
    print(
        f"Regionale vergelijking: {data['municipalities']} gemeenten, "
        f"{data['participants']:,} deelnemers; {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.2f}."
    )
    refresh_walls, rows = _times(lambda: figures_refresh_shared(actor=None, as_of=today), 1)
    print(f"  gedeelde cijfers van {len(rows)} programma's bijwerken: {refresh_walls[0]:.1f} s")

    region = Region.objects.get(slug=REGION)
    dangerously_region_comparison(region=region, today=today)  # warm-up (imports)
    walls, result = _times(
        lambda: dangerously_region_comparison(region=region, today=today), args.repeat
    )
    comparison = _ms(walls)
    suppressed = sum(
        1
        for row in [*result.comparison.rows, result.comparison.total]
        for cell in row.counts.values()
        if cell.value is None
    )
    print(
        f"  vergelijking: best {comparison['best_ms']} ms, mediaan {comparison['median_ms']} ms "
        f"({len(result.columns)} gemeenten, {suppressed} cellen afgeschermd)"
    )

    heavy = _heavy(args.municipalities, args.repeat)
    print(
        f"  alleen de onderdrukking, {args.municipalities} gemeenten met veel kleine aantallen: "
        f"best {heavy['best_ms']} ms, mediaan {heavy['median_ms']} ms "
        f"({heavy['suppressed']} cellen afgeschermd)"
    )

    client = Client()
    client.force_login(User.objects.get(username=USER))
    page_walls, response = _times(lambda: client.get(f"/regio/{REGION}/"), args.repeat)
    assert response.status_code == 200, response.status_code
    api_walls, response = _times(
        lambda: client.get(f"/api/v1/regions/{REGION}/comparison/"), args.repeat
    )
    assert response.status_code == 200, response.status_code
    page, api = _ms(page_walls), _ms(api_walls)
    print(f"  pagina: best {page['best_ms']} ms, mediaan {page['median_ms']} ms")
    print(f"  API:    best {api['best_ms']} ms, mediaan {api['median_ms']} ms")
    met = comparison["median_ms"] / 1000 < TARGET_SECONDS
    print(
        f"  doel: vergelijking onder {TARGET_SECONDS * 1000:.0f} ms: {'gehaald' if met else 'NIET gehaald'}"
    )

    out = {
        "benchmark": "regional",
        "commit": git_commit(),
        "machine": machine(),
        "database": database_info(),
        "data": data,
        "refresh_s": round(refresh_walls[0], 2),
        "comparison": comparison,
        "page": page,
        "api": api,
        "suppressed_cells": suppressed,
        "suppression_heavy": heavy,
        "target_ms": TARGET_SECONDS * 1000,
        "met": met,
    }
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(out, indent=2))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
