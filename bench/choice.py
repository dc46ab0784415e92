"""Benchmark of the participant choice on the contract form (bounded, core/choices.py).

Uses the benchmark database of ``bench.web`` (100,000 participants in 'benchmark');
a programme manager ``bench-programmamanager`` is added when missing. Measures
the form page (GET /contracten/nieuw/) and one search of the script
(POST with X-Search-Select): median wall time, size of the answer, SQL queries.

    .venv/bin/python -m bench.choice [--database-url URL] [--requests 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/basisbaan_bench"
        ),
    )
    parser.add_argument("--requests", type=int, default=20)
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = args.database_url
    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "basisbaan.conf.settings")
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from basisbaan.participants.models import Participant
    from basisbaan.tenancy.models import Membership, Municipality, User
    from basisbaan.tenancy.roles import Role

    municipality = Municipality.objects.get(slug="benchmark")
    user, _made = User.objects.get_or_create(username="bench-programmamanager")
    Membership.objects.get_or_create(
        user=user, municipality=municipality, defaults={"role": Role.PROGRAMME_MANAGER}
    )
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    count = Participant.objects.filter(municipality=municipality).count()

    def measure(name: str, call) -> None:
        for _ in range(3):
            call()
        times, size = [], 0
        for _ in range(args.requests):
            start = time.perf_counter()
            response = call()
            times.append((time.perf_counter() - start) * 1000)
            size = len(response.content)
            assert response.status_code == 200, response.status_code
        with CaptureQueriesContext(connection) as queries:
            call()
        print(
            f"{name:<40} median {statistics.median(times):7.1f} ms  "
            f"{size / 1024:7.1f} KB  {len(queries)} queries"
        )

    print(f"{count} participants in 'benchmark'")
    measure("GET /contracten/nieuw/", lambda: client.get("/contracten/nieuw/"))
    measure(
        "search 'jan de' (script)",
        lambda: client.post(
            "/contracten/nieuw/",
            {"_zoek": "participant", "participant_q": "jan de"},
            HTTP_X_SEARCH_SELECT="1",
        ),
    )


if __name__ == "__main__":
    main()
