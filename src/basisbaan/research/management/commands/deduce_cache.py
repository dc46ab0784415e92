"""``basisbaan deduce_cache [--if-missing]``.

Builds deduce's lookup-table cache in ``DEDUCE_CACHE_DIR`` (about 85 s the first
time) or loads it (about 5 s), so that the first transcript upload does not wait
for it. ``--if-missing`` does nothing when a cache file is already there (as
``make run`` and the test targets call it); a cache of another deduce version is
rebuilt on its first use.
"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import CommandParser

from basisbaan.core.management.base import BasisbaanCommand
from basisbaan.research import deidentify


class Command(BasisbaanCommand):
    help = "Build or load the cache of deduce (pseudonymising transcripts)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="Do nothing when a cache is already there.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = deidentify.cache_dir()
        if options["if_missing"] and deidentify.cache_present():
            self.stdout.write(f"deduce-cache aanwezig: {path}")
            return
        started = time.perf_counter()
        deidentify.model()
        seconds = time.perf_counter() - started
        self.stdout.write(f"deduce geladen in {seconds:.1f} s; cache: {path}")
