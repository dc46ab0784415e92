"""Reads of the codebook and its analyses, always within one municipality.

The codebook tree, the overview of one code's fragments, the co-occurrence table,
the comparison per kind of respondent, the quotes and the saturation of a study.
Each takes ``municipality=`` and reads with a handful of ``values()`` queries; the
text is sliced in Python. The caller (page, API) audits what it shows of the
transcripts (the fragments are their text).

A respondent is shown by code and kind only; a participant's also by
``participant_pseudonym`` (computed from the id, the participant is not read).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, F, QuerySet
from django.utils.formats import get_format
from django.utils.translation import gettext as _

from basisbaan.calc import saturation as calc
from basisbaan.calc.cooccurrence import cooccurrence
from basisbaan.core.formatting import percent_text
from basisbaan.participants.models import participant_pseudonym
from basisbaan.research.constants import RespondentKind, SessionKind
from basisbaan.research.models import Code, Coding, Consent, Respondent, Session, Study, Transcript
from basisbaan.tenancy.models import Municipality

__all__ = [
    "CONTEXT",
    "CodeRow",
    "Fragment",
    "Saturation",
    "code_descendants",
    "code_overview",
    "code_overview_page",
    "codebook_tree",
    "comparison",
    "cooccurrence_table",
    "quotes",
    "respondent_labels",
    "saturation_summary",
    "segments",
    "study_saturation",
    "transcript_codings",
]

CONTEXT = 60  # characters of context either side of a fragment


def segments(text: str) -> list[tuple[int, int]]:
    """The text as numbered segments: every non-blank line (a paragraph or a speaker
    turn), as ``(start, end)`` offsets without the line break or outer spaces."""
    out: list[tuple[int, int]] = []
    position = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        stripped = body.strip()
        if stripped:
            start = position + (len(body) - len(body.lstrip()))
            out.append((start, start + len(stripped)))
        position += len(line)
    return out


# -- the codebook -------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeRow:
    code: Code
    depth: int
    codings: int
    transcripts: int


def _tree_order(codes: list[Code]) -> list[tuple[Code, int]]:
    """Codes depth first (position, name, id), each with its depth; a code whose
    parent is missing (or in a loop) is shown at the top."""
    by_id = {c.pk: c for c in codes}
    children: dict[int | None, list[Code]] = defaultdict(list)
    for code in codes:
        children[code.parent_id if code.parent_id in by_id else None].append(code)
    for group in children.values():
        group.sort(key=lambda c: (c.position, c.name.lower(), c.pk))
    out: list[tuple[Code, int]] = []
    seen: set[int] = set()

    def walk(parent: int | None, depth: int) -> None:
        for code in children.get(parent, []):
            if code.pk in seen:
                continue
            seen.add(code.pk)
            out.append((code, depth))
            walk(code.pk, depth + 1)

    walk(None, 0)
    for code in codes:  # a loop no root reaches
        if code.pk not in seen:
            seen.add(code.pk)
            out.append((code, 0))
    return out


def codebook_tree(*, municipality: Municipality | None, study: Study) -> list[CodeRow]:
    """The study's codes in tree order, with their numbers of codings and transcripts."""
    if municipality is None:
        return []
    codes = list(Code.objects.filter(municipality=municipality, study=study))
    counts = {
        row["code_id"]: (row["n"], row["t"])
        for row in Coding.objects.filter(municipality=municipality, code__study=study)
        .values("code_id")
        .annotate(n=Count("id"), t=Count("transcript_id", distinct=True))
        .order_by()
    }
    return [
        CodeRow(code, depth, *counts.get(code.pk, (0, 0))) for code, depth in _tree_order(codes)
    ]


def code_descendants(code: Code) -> list[int]:
    """The ids of ``code`` and every code below it."""
    children: dict[int | None, list[int]] = defaultdict(list)
    for pk, parent in Code.objects.filter(
        municipality_id=code.municipality_id, study_id=code.study_id
    ).values_list("pk", "parent_id"):
        children[parent].append(pk)
    out, todo = [], [code.pk]
    while todo:
        current = todo.pop()
        if current in out:
            continue
        out.append(current)
        todo.extend(children.get(current, []))
    return out


# -- respondents --------------------------------------------------------------------------


@dataclass(frozen=True)
class RespondentLabel:
    pk: int
    code: str
    kind: str
    kind_label: str
    pseudonym: str

    def __str__(self) -> str:
        return f"{self.code} ({self.pseudonym})" if self.pseudonym else self.code


def respondent_labels(
    *, municipality: Municipality, study_id: int, ids: Iterable[int] | None = None
) -> dict[int, RespondentLabel]:
    """Respondents by id: code, kind and (a participant's) pseudonym. Never a name."""
    rows = Respondent.objects.filter(municipality=municipality, study_id=study_id)
    if ids is not None:
        rows = rows.filter(pk__in=list(ids))
    kinds = dict(RespondentKind.choices)
    return {
        pk: RespondentLabel(
            pk,
            code,
            kind,
            str(kinds.get(kind, kind)),
            participant_pseudonym(participant_id) if participant_id else "",
        )
        for pk, code, kind, participant_id in rows.values_list(
            "pk", "code", "kind", "participant_id"
        )
    }


def _session_respondents(
    municipality: Municipality, session_ids: Iterable[int]
) -> dict[int, list[int]]:
    out: dict[int, list[int]] = defaultdict(list)
    for session_id, respondent_id in (
        Session.respondents.through.objects.filter(
            session_id__in=list(session_ids), session__municipality=municipality
        )
        .order_by("respondent_id")
        .values_list("session_id", "respondent_id")
    ):
        out[session_id].append(respondent_id)
    return out


# -- fragments ----------------------------------------------------------------------------


@dataclass
class Fragment:
    """One coded fragment with a little context, as a page or the API shows it."""

    coding_id: int
    code_id: int
    code_name: str
    code_colour: str
    transcript_id: int
    session_kind: str
    session_kind_label: str
    held_on: dt.date | None
    start: int
    end: int
    before: str
    text: str
    after: str
    is_quote: bool
    speaker: RespondentLabel | None
    respondents: list[RespondentLabel] = field(default_factory=list)


def _fragments(
    municipality: Municipality,
    study_id: int,
    codings: list[dict[str, Any]],
    codes: dict[int, tuple[str, str]],
    context: int,
) -> list[Fragment]:
    transcript_ids = {c["transcript_id"] for c in codings}
    transcripts = {
        row["pk"]: row
        for row in Transcript.objects.filter(
            municipality=municipality, pk__in=transcript_ids
        ).values("pk", "text", "session_id", "session__kind", "session__held_on")
    }
    in_session = _session_respondents(municipality, {t["session_id"] for t in transcripts.values()})
    labels = respondent_labels(municipality=municipality, study_id=study_id)
    kinds = dict(SessionKind.choices)
    out = []
    for c in codings:
        t = transcripts.get(c["transcript_id"])
        if t is None:
            continue
        text = t["text"] or ""
        start, end = max(0, c["start"]), min(len(text), c["end"])
        name, colour = codes.get(c["code_id"], ("", "#000000"))
        out.append(
            Fragment(
                coding_id=c["pk"],
                code_id=c["code_id"],
                code_name=name,
                code_colour=colour,
                transcript_id=t["pk"],
                session_kind=t["session__kind"],
                session_kind_label=str(kinds.get(t["session__kind"], t["session__kind"])),
                held_on=t["session__held_on"],
                start=c["start"],
                end=c["end"],
                before=("…" if start > context else "") + text[max(0, start - context) : start],
                text=text[start:end],
                after=text[end : end + context] + ("…" if end + context < len(text) else ""),
                is_quote=c["is_quote"],
                speaker=labels.get(c["respondent_id"]) if c["respondent_id"] else None,
                respondents=[labels[r] for r in in_session.get(t["session_id"], []) if r in labels],
            )
        )
    out.sort(key=lambda f: (f.held_on or dt.date.max, f.transcript_id, f.start, f.end, f.coding_id))
    return out


CODING_FIELDS = ("pk", "transcript_id", "code_id", "start", "end", "respondent_id", "is_quote")


def _code_labels(codes: QuerySet[Code]) -> dict[int, tuple[str, str]]:
    """Name and colour per code id."""
    return {pk: (name, colour) for pk, name, colour in codes.values_list("pk", "name", "colour")}


@dataclass
class CodeOverview:
    code: Code
    code_ids: list[int]
    fragments: list[Fragment]

    @property
    def transcript_ids(self) -> list[int]:
        return sorted({f.transcript_id for f in self.fragments})


def code_overview(
    *,
    municipality: Municipality,
    code: Code,
    include_children: bool = False,
    context: int = CONTEXT,
) -> CodeOverview:
    """Every fragment coded with ``code`` (and, when asked, its sub-codes), in the
    order the conversations were held."""
    ids = code_descendants(code) if include_children else [code.pk]
    codes = _code_labels(Code.objects.filter(municipality=municipality, pk__in=ids))
    codings = list(
        Coding.objects.filter(municipality=municipality, code_id__in=ids)
        .order_by()
        .values(*CODING_FIELDS)
    )
    return CodeOverview(code, ids, _fragments(municipality, code.study_id, codings, codes, context))


@dataclass
class CodeOverviewPage(CodeOverview):
    """One page of a code's fragments, for the code overview page (a code can have
    thousands: the page shows ``per_page`` at a time)."""

    page: Page[Any]
    total: int
    transcript_total: int


def code_overview_page(
    *,
    municipality: Municipality,
    code: Code,
    include_children: bool = False,
    page: Any = 1,
    per_page: int = 100,
    context: int = CONTEXT,
) -> CodeOverviewPage:
    """Like :func:`code_overview`, one page at a time: the database orders and cuts the
    codings (held on, transcript, start, end), and only the page's transcripts are read."""
    ids = code_descendants(code) if include_children else [code.pk]
    codes = _code_labels(Code.objects.filter(municipality=municipality, pk__in=ids))
    codings = Coding.objects.filter(municipality=municipality, code_id__in=ids)
    ordered = codings.order_by(
        F("transcript__session__held_on").asc(nulls_last=True),
        "transcript_id",
        "start",
        "end",
        "pk",
    ).values(*CODING_FIELDS)
    current = Paginator(ordered, per_page).get_page(page)
    fragments = _fragments(municipality, code.study_id, list(current.object_list), codes, context)
    transcripts = codings.order_by().values("transcript_id").distinct().count()
    return CodeOverviewPage(code, ids, fragments, current, current.paginator.count, transcripts)


def transcript_codings(*, municipality: Municipality, transcript: Transcript) -> list[Fragment]:
    """The codings of one transcript, in text order (no context)."""
    study_id = transcript.session.study_id
    codes = _code_labels(Code.objects.filter(municipality=municipality, study_id=study_id))
    codings = list(
        Coding.objects.filter(municipality=municipality, transcript=transcript)
        .order_by()
        .values(*CODING_FIELDS)
    )
    return _fragments(municipality, study_id, codings, codes, 0)


# -- co-occurrence and comparison ---------------------------------------------------------


@dataclass
class CooccurrenceTable:
    codes: list[CodeRow]
    # rows[i][j] = (overlapping coding pairs, transcripts with both); None on the diagonal
    rows: list[list[tuple[int, int] | None]]


def cooccurrence_table(*, municipality: Municipality, study: Study) -> CooccurrenceTable:
    tree = codebook_tree(municipality=municipality, study=study)
    spans = Coding.objects.filter(municipality=municipality, code__study=study).values_list(
        "transcript_id", "code_id", "start", "end"
    )
    result = cooccurrence(spans.order_by())
    rows = [
        [
            None
            if a.code.pk == b.code.pk
            else (
                result.overlaps_of(a.code.pk, b.code.pk),
                result.transcripts_of(a.code.pk, b.code.pk),
            )
            for b in tree
        ]
        for a in tree
    ]
    return CooccurrenceTable(tree, rows)


KINDS: tuple[str, ...] = tuple(RespondentKind.values)


@dataclass
class ComparisonRow:
    row: CodeRow
    counts: dict[str, int]  # respondent kind -> respondents whose transcripts carry it

    @property
    def cells(self) -> list[int]:
        return [self.counts.get(kind, 0) for kind in KINDS]


@dataclass
class Comparison:
    kinds: list[tuple[str, str, int]]  # (kind, label, respondents of that kind in the study)
    rows: list[ComparisonRow]


def comparison(*, municipality: Municipality, study: Study) -> Comparison:
    """Per code, how many respondents of each kind carry it: an attributed fragment
    counts for its speaker, any other for every respondent of the session."""
    tree = codebook_tree(municipality=municipality, study=study)
    kind_of = dict(
        Respondent.objects.filter(municipality=municipality, study=study).values_list("pk", "kind")
    )
    codings = list(
        Coding.objects.filter(municipality=municipality, code__study=study)
        .order_by()
        .values_list("code_id", "respondent_id", "transcript__session_id")
        .distinct()
    )
    in_session = _session_respondents(municipality, {c[2] for c in codings})
    carriers: dict[int, set[int]] = defaultdict(set)
    for code_id, respondent_id, session_id in codings:
        carriers[code_id].update(
            [respondent_id] if respondent_id else in_session.get(session_id, [])
        )
    rows = []
    for row in tree:
        counts: dict[str, int] = defaultdict(int)
        for respondent_id in carriers.get(row.code.pk, ()):
            if respondent_id in kind_of:
                counts[kind_of[respondent_id]] += 1
        rows.append(ComparisonRow(row, dict(counts)))
    totals: dict[str, int] = defaultdict(int)
    for kind in kind_of.values():
        totals[kind] += 1
    labels = dict(RespondentKind.choices)
    return Comparison([(k, str(labels[k]), totals.get(k, 0)) for k in KINDS], rows)


# -- quotes -------------------------------------------------------------------------------


@dataclass
class Quote:
    fragment: Fragment
    allowed: bool
    missing: list[str]  # respondent codes without consent for quotes


def quotes(*, municipality: Municipality, study: Study) -> list[Quote]:
    """Fragments marked as a quote; ``allowed`` only when every speaker (the
    attributed one, else everyone in the session) consented to quotes and did not
    withdraw. The page shows the text of an allowed quote only."""
    codes = {
        pk: (name, colour)
        for pk, name, colour in Code.objects.filter(
            municipality=municipality, study=study
        ).values_list("pk", "name", "colour")
    }
    codings = list(
        Coding.objects.filter(municipality=municipality, code__study=study, is_quote=True)
        .order_by()
        .values(*CODING_FIELDS)
    )
    fragments = _fragments(municipality, study.pk, codings, codes, CONTEXT)
    consenting = set(
        Consent.objects.filter(
            municipality=municipality,
            respondent__study=study,
            scope_quotes=True,
            withdrawn_on__isnull=True,
        ).values_list("respondent_id", flat=True)
    )
    out = []
    for fragment in fragments:
        speakers = [fragment.speaker] if fragment.speaker else fragment.respondents
        missing = [s.code for s in speakers if s.pk not in consenting]
        out.append(Quote(fragment, bool(speakers) and not missing, missing))
    return out


def percent(value: Decimal | None, places: int | None = None) -> str:
    """A fraction as a percentage in the active language's number format."""
    return percent_text(
        value,
        places,
        decimal_sep=str(get_format("DECIMAL_SEPARATOR")),
        thousand_sep=str(get_format("THOUSAND_SEPARATOR")),
    )


# -- saturation ---------------------------------------------------------------------------


@dataclass
class Saturation:
    study: Study
    transcripts: list[tuple[int, dt.date | None, str]]  # (transcript id, held on, kind label)
    points: list[calc.CurvePoint]
    guest: calc.GuestResult
    francis: calc.FrancisResult

    @property
    def total_codes(self) -> int:
        return self.points[-1].cumulative if self.points else 0

    @property
    def reached(self) -> bool:
        return self.guest.reached

    def guest_text(self) -> str:
        window = self.guest.window
        if window is None or window.ratio is None:
            return _("Verzadiging (Guest) nog niet bereikt na %(n)s gecodeerde gesprekken.") % {
                "n": len(self.points)
            }
        return _(
            "Verzadiging bereikt na %(n)s gesprekken (Guest: %(label)s, nieuwe codes "
            "%(new)s van %(base)s = %(ratio)s ≤ %(threshold)s)"
        ) % {
            "n": window.run_end,
            "label": window.label,
            "new": window.new_in_run,
            "base": window.base_codes,
            "ratio": percent(window.ratio, 1),
            "threshold": percent(self.guest.threshold),
        }

    def francis_text(self) -> str:
        label = f"{self.francis.initial}+{self.francis.stop}"
        if self.francis.reached_at is None:
            return _("Francis %(label)s: nog niet bereikt") % {"label": label}
        return _("Francis %(label)s: bereikt bij gesprek %(n)s") % {
            "label": label,
            "n": self.francis.reached_at,
        }


def study_saturation(
    *, municipality: Municipality, study: Study, as_of: dt.date | None = None
) -> Saturation:
    """The code sets of the study's coded transcripts (``coding_done``) in the order
    held (date, then session id), and the curve, Guest and Francis on them; with
    ``as_of``, only the conversations held and coded by that day."""
    transcripts = Transcript.objects.filter(
        municipality=municipality, session__study=study, coding_done=True
    )
    if as_of is not None:
        transcripts = transcripts.filter(session__held_on__lte=as_of).exclude(
            coding_done_on__gt=as_of
        )
    rows = list(
        transcripts.order_by("session__held_on", "session_id", "pk").values_list(
            "pk", "session__held_on", "session__kind"
        )
    )
    sets: dict[int, set[int]] = {pk: set() for pk, _held, _kind in rows}
    for transcript_id, code_id in (
        Coding.objects.filter(municipality=municipality, transcript_id__in=list(sets))
        .order_by()
        .values_list("transcript_id", "code_id")
        .distinct()
    ):
        sets[transcript_id].add(code_id)
    code_sets = [sets[pk] for pk, _held, _kind in rows]
    kinds = dict(SessionKind.choices)
    return Saturation(
        study=study,
        transcripts=[(pk, held, str(kinds.get(kind, kind))) for pk, held, kind in rows],
        points=calc.curve(code_sets),
        guest=calc.guest(
            code_sets,
            base_size=max(1, study.guest_base_size or 1),
            run_length=max(1, study.guest_run_length or 1),
            threshold=study.guest_threshold,
        ),
        francis=calc.francis(
            code_sets,
            initial=max(1, study.francis_initial or 1),
            stop=max(1, study.francis_stop or 1),
        ),
    )


def saturation_summary(*, municipality: Municipality, study: Study) -> Saturation:
    """The context object ``saturation`` of ``research/coding/_saturation_summary.html``,
    for the study page: ``{% include "research/coding/_saturation_summary.html" %}``."""
    return study_saturation(municipality=municipality, study=study)
