"""``basisbaan generate_data``: bulk synthetic data for benchmarks (no audit entries)."""

from __future__ import annotations

import argparse
import datetime as dt
import time
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError, CommandParser
from django.utils import timezone

from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.demo.generator import (
    BATCH_SIZE,
    PROGRAMME_END,
    PROGRAMME_START,
    AlreadyFilledError,
    generate,
    neighbour_slug,
)
from basisbaan.demo.story import as_of_argument


class Command(BasisbaanCommand):
    help = (
        "Make a lot of synthetic data fast, for benchmarks (in bulk, not through the services, "
        "without audit entries): participants, hosts, positions, placements and contracts, "
        "plus a small neighbouring municipality so that the separation between "
        "municipalities counts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--participants", type=int, required=True, help="Number of participants (e.g. 100000)."
        )
        parser.add_argument(
            "--municipality",
            default="benchmark",
            help="Short name (slug) of the municipality; made when it does not exist. "
            "Default: benchmark (Benchmarkgemeente).",
        )
        parser.add_argument(
            "--neighbour-participants",
            type=int,
            default=None,
            help="Number of participants in the neighbouring municipality (<slug>-buur). "
            "Default: a tenth, at least 20; 0 for none.",
        )
        parser.add_argument("--seed", type=int, default=1, help="Seed of the random generator.")
        parser.add_argument(
            "--as-of",
            type=as_of_argument,
            default=None,
            metavar="DATE",
            help="The day the data shows (2026-11-18 or 18-11-2026): running placements run on "
            "that day, ended ones lie before it. Default: today.",
        )
        parser.add_argument(
            "--append",
            action="store_true",
            help="Add to a municipality that has participants already (refused otherwise).",
        )
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE, help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Gegenereerde testgegevens horen niet in een productieomgeving.")
        count = options["participants"]
        if count < 1:
            raise CommandError("--participants moet minstens 1 zijn.")
        slug = options["municipality"]
        as_of: dt.date = options["as_of"] or timezone.localdate()
        if not PROGRAMME_START < as_of <= PROGRAMME_END:
            raise CommandError(
                f"--as-of moet na {PROGRAMME_START:%d-%m-%Y} en uiterlijk op "
                f"{PROGRAMME_END:%d-%m-%Y} liggen (de looptijd van het gegenereerde programma)."
            )
        verbose = options["verbosity"] >= 2
        started = time.perf_counter()
        try:
            results = generate(
                participants=count,
                as_of=as_of,
                slug=slug,
                neighbour_participants=options["neighbour_participants"],
                seed=options["seed"],
                append=options["append"],
                batch_size=options["batch_size"],
                log=self.stdout.write if verbose else None,
            )
        except AlreadyFilledError as exc:
            raise CommandError(str(exc)) from exc
        total = time.perf_counter() - started
        for r in results:
            self.stdout.write(
                f"{r.municipality}: {_n(r.participants)} deelnemers, {_n(r.hosts)} werkgevers, "
                f"{_n(r.positions)} werkplekken, {_n(r.placements)} plaatsingen, "
                f"{_n(r.contracts)} contracten met {_n(r.periods)} periodes, "
                f"{r.staff} nieuwe medewerkers ({r.seconds:.1f} s)"
            )
        if len(results) == 1 and options["neighbour_participants"] != 0:
            self.stdout.write(f"Buurgemeente {neighbour_slug(slug)} had al gegevens: overgeslagen.")
        self.stdout.write(self.style.SUCCESS(f"Klaar in {total:.1f} s."))


def _n(value: int) -> str:
    """``100000`` -> ``100.000``: Dutch thousands separator."""
    return f"{value:,}".replace(",", ".")
