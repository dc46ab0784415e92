"""Benchmark of the transcript pseudonymisation: a 10,000-word Dutch transcript.

    .venv/bin/python -m bench.research_redaction [--words 10000] [--names 200] [--repeat 3]

1. Loads deduce once (printed apart: about 5 s from the cache, about 85 s when
   it builds the cache; ``basisbaan deduce_cache`` does that ahead of time).
2. Generates a transcript of ``--words`` words with names, streets, employers,
   dates and phone numbers, and ``--names`` known names from "the records".
3. Times the proposal (deduce run plus the known names, :func:`propose`) and
   the application of all proposals (:func:`apply`); best and median of
   ``--repeat`` runs.

Target (issue 15): the proposal under 2 s, excluding the one-time load.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

TARGET_SECONDS = 2.0
FIRST = ["Annie", "Sietske", "Jan", "Pieter", "Fatima", "Mohammed", "Anouk", "Kees", "Wietse"]
LAST = ["Bakker", "de Vries", "Hoekstra", "Visser", "Jansen", "el Amrani", "Dijkstra", "Postma"]
FILLER = [
    "ik",
    "vind",
    "het",
    "werk",
    "fijn",
    "omdat",
    "er",
    "structuur",
    "is",
    "en",
    "de",
    "collega's",
    "helpen",
    "mij",
    "elke",
    "dag",
    "soms",
    "is",
    "het",
    "zwaar",
    "maar",
    "meestal",
    "gaat",
    "het",
    "goed",
    "met",
    "de",
    "begeleiding",
    "op",
    "de",
    "werkvloer",
]


def transcript(words: int, rng: random.Random) -> str:
    out: list[str] = []
    while len(out) < words:
        roll = rng.random()
        if roll < 0.02:
            out += [rng.choice(FIRST), rng.choice(LAST)]
        elif roll < 0.025:
            out += ["in", "Leeuwarden"]
        elif roll < 0.03:
            out += ["op", "3", "maart", "2025"]
        elif roll < 0.032:
            out += ["bel", "06-12345678"]
        elif roll < 0.04:
            out += ["bij", f"Bedrijf{rng.randrange(100)}"]
        else:
            out.append(rng.choice(FILLER))
        if rng.random() < 0.06:
            out[-1] += "."
            out.append("\nR:" if rng.random() < 0.5 else "\nI:")
    return " ".join(out[:words])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.research_redaction")
    parser.add_argument("--words", type=int, default=10_000)
    parser.add_argument("--names", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "basisbaan.conf.settings")
    import django

    django.setup()
    from basisbaan.calc.redaction import KnownName, apply, propose
    from basisbaan.research import deidentify

    started = time.perf_counter()
    deidentify.model()
    print(f"deduce geladen (eenmalig per proces): {time.perf_counter() - started:.1f} s")

    rng = random.Random(15)
    text = transcript(args.words, rng)
    names = [
        KnownName("PERSOON", f"p{i}", (f"{first} {last}", first, last))
        for i, (first, last) in enumerate(
            (rng.choice(FIRST) + str(i), rng.choice(LAST)) for i in range(args.names - 9)
        )
    ] + [KnownName("PERSOON", f"f{i}", (f,)) for i, f in enumerate(FIRST)]
    names += [KnownName("WERKGEVER", f"h{i}", (f"Bedrijf{i}",)) for i in range(100)]

    proposal_times, apply_times, known_times = [], [], []
    proposals = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        findings = deidentify.findings(text)
        t1 = time.perf_counter()
        proposals = propose(text, names, findings)
        t2 = time.perf_counter()
        apply(text, proposals, {p.id for p in proposals})
        t3 = time.perf_counter()
        proposal_times.append(t2 - t0)
        known_times.append(t2 - t1)
        apply_times.append(t3 - t2)
    best = min(proposal_times)
    print(
        f"transcript: {len(text.split()):,}".replace(",", ".")
        + f" woorden, {len(names)} bekende namen"
    )
    print(f"voorstellen: {len(proposals)}")
    print(
        f"voorstel (deduce + namen): beste {best:.3f} s, mediaan "
        f"{statistics.median(proposal_times):.3f} s (doel < {TARGET_SECONDS:.0f} s)"
    )
    print(f"  waarvan namen en samenvoegen: {min(known_times) * 1000:.1f} ms")
    print(f"toepassen: {min(apply_times) * 1000:.1f} ms")
    ok = statistics.median(proposal_times) < TARGET_SECONDS
    print("OK" if ok else "TE TRAAG")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
