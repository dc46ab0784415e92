"""Benchmark of the code overview and saturation of a study, on PostgreSQL.

    .venv/bin/python -m bench.research_codes [--transcripts 50] [--codings 5000]
        [--words 2000] [--codes 60] [--repeat 5] [--database-url URL]

Data (made here, once, in its own database): a municipality with a study of
``--transcripts`` coded transcripts of about ``--words`` words each, ``--codes``
codes (a fifth of them sub-codes) and ``--codings`` codings spread over them.

Measured (best and median of ``--repeat`` runs, after one warm-up):

1. ``code_overview`` of the most used code, with its sub-codes (target < 200 ms);
2. the code overview page (``research:code``) through the test client, as a researcher;
3. ``study_saturation`` (code sets per transcript, curve, Guest, Francis);
4. ``cooccurrence_table`` for the whole study.

Prints the figures and writes them to var/bench/research_codes.json.
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
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.web import database_info, ensure_database, git_commit, machine, setup_django

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/basisbaan_bench_research"
MUNICIPALITY = "bench-onderzoek"
TARGET_MS = 200.0
WORDS = [
    "werk",
    "structuur",
    "collega",
    "begeleiding",
    "loon",
    "uitkering",
    "rooster",
    "dag",
    "week",
    "vertrouwen",
    "jobcoach",
    "taak",
    "ervaring",
    "leren",
    "zorg",
    "thuis",
    "reizen",
    "bus",
    "fiets",
    "geld",
    "rust",
    "plezier",
    "moeite",
    "gesprek",
]


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("BENCH_RESEARCH_DATABASE_URL", DEFAULT_URL)
    )
    parser.add_argument("--transcripts", type=int, default=50)
    parser.add_argument("--codings", type=int, default=5000)
    parser.add_argument("--words", type=int, default=2000)
    parser.add_argument("--codes", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--json", default=str(ROOT / "var" / "bench" / "research_codes.json"))
    return parser.parse_args(argv)


def _text(rng: random.Random, words: int) -> str:
    lines, count, speaker = [], 0, "I"
    while count < words:
        n = rng.randint(8, 60)
        lines.append(f"{speaker}: " + " ".join(rng.choice(WORDS) for _ in range(n)) + ".")
        count += n
        speaker = "R" if speaker == "I" else "I"
    return "\n".join(lines) + "\n"


def prepare(args: argparse.Namespace) -> dict[str, Any]:
    """The study, made when missing (same seed: the same data every time)."""
    from django.core.management import call_command
    from django.db import transaction

    from basisbaan.programmes.models import Programme
    from basisbaan.research.constants import RespondentKind, SessionKind, SessionStatus
    from basisbaan.research.models import Code, Coding, Respondent, Session, Study, Transcript
    from basisbaan.tenancy.models import Municipality

    call_command("migrate", verbosity=0, interactive=False)
    municipality, _new = Municipality.objects.get_or_create(
        slug=MUNICIPALITY, defaults={"name": "Benchmark Onderzoek"}
    )
    study = Study.objects.filter(municipality=municipality, title="Benchmark coderen").first()
    if study is not None and Coding.objects.filter(code__study=study).count() == args.codings:
        return {"study": study.pk, "municipality": municipality.pk}
    rng = random.Random(15)
    print("Gegevens maken ...")
    with transaction.atomic():
        if study is not None:
            Coding.objects.filter(code__study=study).delete()
            Code.objects.filter(study=study, parent__isnull=False).delete()
            study.delete()
        programme = Programme.objects.filter(municipality=municipality).first()
        if programme is None:
            programme = Programme.objects.create(
                municipality=municipality,
                name="Basisbanen benchmark",
                start_date=dt.date(2024, 1, 1),
                end_date=dt.date(2027, 12, 31),
            )
        study = Study.objects.create(
            municipality=municipality,
            programme=programme,
            title="Benchmark coderen",
            question="Hoe snel is het codeoverzicht?",
            period_start=dt.date(2025, 1, 1),
            period_end=dt.date(2025, 12, 31),
            ethical_basis="Toestemming.",
        )
        codes: list[Code] = []
        for index in range(args.codes):
            parent = codes[rng.randrange(len(codes))] if codes and index % 5 == 4 else None
            codes.append(
                Code.objects.create(
                    municipality=municipality,
                    study=study,
                    parent=parent,
                    name=f"Code {index + 1}",
                    position=index,
                )
            )
        transcripts = []
        for index in range(args.transcripts):
            respondent = Respondent.objects.create(
                municipality=municipality,
                study=study,
                code=f"R{index + 1:02d}",
                kind=rng.choice(RespondentKind.values[1:]),
            )
            session = Session.objects.create(
                municipality=municipality,
                study=study,
                kind=SessionKind.INTERVIEW,
                status=SessionStatus.HELD,
                held_on=dt.date(2025, 2, 1) + dt.timedelta(days=index * 3),
            )
            session.respondents.add(respondent)
            text = _text(rng, args.words)
            transcripts.append(
                Transcript.objects.create(
                    municipality=municipality,
                    session=session,
                    text=text,
                    word_count=len(text.split()),
                    coding_done=True,
                )
            )
        # Popular codes first: a skewed spread, as in real coding.
        weights = [1 / (rank + 1) for rank in range(len(codes))]
        rows = []
        for _ in range(args.codings):
            transcript = transcripts[rng.randrange(len(transcripts))]
            length = len(transcript.text)
            start = rng.randrange(0, length - 400)
            rows.append(
                Coding(
                    municipality=municipality,
                    transcript=transcript,
                    code=rng.choices(codes, weights)[0],
                    start=start,
                    end=start + rng.randint(20, 400),
                )
            )
        Coding.objects.bulk_create(rows, batch_size=1000)
    return {"study": study.pk, "municipality": municipality.pk}


def _time(function: Callable[[], Any], repeat: int) -> dict[str, float]:
    function()  # warm-up
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        runs.append((time.perf_counter() - started) * 1000)
    return {"best_ms": round(min(runs), 1), "median_ms": round(statistics.median(runs), 1)}


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    ensure_database(args.database_url)
    setup_django(args.database_url)

    from django.db.models import Count
    from django.test import Client

    from basisbaan.research import analysis
    from basisbaan.research.models import Code, Study
    from basisbaan.tenancy.models import Membership, Municipality, User
    from basisbaan.tenancy.roles import Role

    data = prepare(args)
    municipality = Municipality.objects.get(pk=data["municipality"])
    study = Study.objects.get(pk=data["study"])
    top = (
        Code.objects.filter(study=study, parent__isnull=True)
        .annotate(n=Count("codings"))
        .order_by("-n", "pk")
        .first()
    )
    assert top is not None
    overview = analysis.code_overview(municipality=municipality, code=top, include_children=True)
    print(
        f"Onderzoek: {args.transcripts} transcripten, {args.codings} coderingen; "
        f"code ‘{top.name}’ met subcodes: {len(overview.fragments)} fragmenten."
    )
    user, _new = User.objects.get_or_create(username="bench-onderzoeker")
    Membership.objects.get_or_create(
        user=user, municipality=municipality, defaults={"role": Role.RESEARCHER}
    )
    client = Client()
    client.force_login(user)
    url = f"/onderzoek/code/{top.pk}/?sub=1"

    def page() -> None:
        response = client.get(url)
        assert response.status_code == 200, response.status_code

    rows = {
        "code_overview": _time(
            lambda: analysis.code_overview(
                municipality=municipality, code=top, include_children=True
            ),
            args.repeat,
        ),
        "code_overview_page": _time(page, args.repeat),
        "study_saturation": _time(
            lambda: analysis.study_saturation(municipality=municipality, study=study), args.repeat
        ),
        "cooccurrence_table": _time(
            lambda: analysis.cooccurrence_table(municipality=municipality, study=study),
            args.repeat,
        ),
    }
    code = 0
    for name, figures in rows.items():
        verdict = ""
        if name == "code_overview":
            ok = figures["median_ms"] < TARGET_MS
            verdict = f"  (doel < {TARGET_MS:.0f} ms: {'gehaald' if ok else 'NIET gehaald'})"
            code = 0 if ok else 1
        print(
            f"{name:22} beste {figures['best_ms']:8.1f} ms  mediaan {figures['median_ms']:8.1f} ms{verdict}"
        )
    report = {
        "date": dt.datetime.now(dt.UTC).isoformat(),
        "commit": git_commit(),
        "database": database_info(),
        "machine": machine(),
        "data": {
            "transcripts": args.transcripts,
            "codings": args.codings,
            "words": args.words,
            "codes": args.codes,
            "fragments_shown": len(overview.fragments),
        },
        "rows": rows,
    }
    path = Path(args.json)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(report, indent=2))
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
