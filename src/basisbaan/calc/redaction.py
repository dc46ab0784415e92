"""Pseudonymisation of an interview transcript: proposals and their application.

Pure and Django-free. Two sources propose what to hide:

- **known names** from the records (participants, their streets, hosts, host
  contacts, the municipality's staff), each with a tag (``PERSOON``,
  ``WERKGEVER``, ``LOCATIE`` ...), an *entity key* (so that "Annie Bakker",
  "Annie" and "Bakker" of one participant are one person) and its variants;
- **detector findings** ``(start, end, tag)`` from deduce (run elsewhere).

:func:`propose` returns non-overlapping proposals: known names win over the
detector (a detector span that covers a known name keeps only its other parts),
and between two of the same source the longer span wins. Each proposal carries
the number it gets when everything is accepted: ``[PERSOON-1]`` is the same
person everywhere in the transcript (the same entity key, or for a detector
finding the same normalised text), numbered per tag in order of first
appearance.

:func:`apply` replaces the accepted proposals and every occurrence of the
phrases the researcher added by ``[TAG-n]``, numbering again from 1 so that the
numbers stay consecutive after rejections.

Matching is by whole words, case- and accent-insensitive ("Jose" finds "José"),
and finds possessives ("Annie's", "Jans", "Annies"): only the name is replaced,
the ending stays. Offsets are code points into the text as given; give the text
in NFC (the services do) so that accented letters are single code points.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

SOURCE_REGISTER = "register"
SOURCE_DEDUCE = "deduce"
SOURCE_RESEARCHER = "researcher"

# First names that are also ordinary Dutch words: alone they are proposed only
# when written with a capital ("Roos zei" yes, "een roos" no). Full names always.
STOP_WORDS: frozenset[str] = frozenset(
    {
        "anker",
        "bas",
        "berg",
        "bloem",
        "bos",
        "dag",
        "de",
        "den",
        "der",
        "duif",
        "eva",
        "gaat",
        "goed",
        "groot",
        "haan",
        "hoop",
        "kers",
        "klein",
        "koning",
        "lente",
        "lief",
        "mei",
        "roos",
        "ster",
        "storm",
        "van",
        "visser",
        "vos",
        "vrede",
        "wil",
        "wit",
        "zon",
        "zomer",
    }
)


@dataclass(frozen=True, slots=True)
class KnownName:
    """A name from the records: its tag, its entity and how it may be written."""

    tag: str
    key: str
    variants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Finding:
    """A detector's span (``text[start:end]``) with its tag."""

    start: int
    end: int
    tag: str


@dataclass(frozen=True, slots=True)
class Proposal:
    """One span to hide. ``id`` is stable for the same text and inputs."""

    id: str
    start: int
    end: int
    text: str
    tag: str
    number: int
    source: str
    key: str

    @property
    def label(self) -> str:
        return f"[{self.tag}-{self.number}]"


@dataclass(frozen=True, slots=True)
class Added:
    """A phrase the researcher wants hidden wherever it occurs."""

    text: str
    tag: str


@dataclass(frozen=True, slots=True)
class Redacted:
    """The pseudonymised text, the number of distinct items per tag and the
    replacements made (renumbered, in text order)."""

    text: str
    counts: dict[str, int]
    replacements: tuple[Proposal, ...] = field(default=())


# -- normalisation -----------------------------------------------------------


_FOLD_CACHE: dict[str, str] = {}


def _fold_char(char: str) -> str:
    folded = _FOLD_CACHE.get(char)
    if folded is None:
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        folded = base.casefold() if base else char
        if len(folded) != 1:
            lowered = char.lower()
            folded = lowered if len(lowered) == 1 else char
        if folded == "’":
            folded = "'"
        _FOLD_CACHE[char] = folded
    return folded


def fold(text: str) -> str:
    """Lower case without accents, one code point for one (offsets stay valid)."""
    if text.isascii():
        return text.lower()
    return text.translate({ord(c): _fold_char(c) for c in set(text)})


def normalise(text: str) -> str:
    """A key for "the same text": folded, with whitespace collapsed."""
    return " ".join(fold(text).split())


# -- matching ----------------------------------------------------------------


_WORD_BEFORE = r"(?<![\w])"
# The name ends a word, or is followed by a possessive: 's, ', or s.
_WORD_AFTER = r"(?=(?:['’]s?|s)?(?![\w]))"


def _trie_pattern(words: Iterable[str]) -> str:
    """One regex for many literal words (longest first at every branch)."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _node_pattern(trie)


def _node_pattern(node: dict) -> str:  # type: ignore[type-arg]
    ends = "" in node
    branches = []
    for char in sorted(k for k in node if k):
        piece = r"\s+" if char == " " else re.escape(char)
        branches.append(piece + _node_pattern(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends:
        return "(?:" + body + ")?"
    return body


@dataclass(frozen=True, slots=True)
class _Match:
    start: int
    end: int
    tag: str
    key: str
    source: str


class Matcher:
    """Finds whole-word, case- and accent-insensitive occurrences of many phrases
    with one compiled regex. Each phrase maps to its first (tag, key)."""

    def __init__(self, phrases: Iterable[tuple[str, str, str]], source: str) -> None:
        self.source = source
        self.owners: dict[str, tuple[str, str]] = {}
        for phrase, tag, key in phrases:
            folded = normalise(phrase)
            if folded and any(c.isalnum() for c in folded):
                self.owners.setdefault(folded, (tag, key))
        self.pattern = (
            re.compile(_WORD_BEFORE + "(?:" + _trie_pattern(self.owners) + ")" + _WORD_AFTER)
            if self.owners
            else None
        )

    def find(self, text: str, folded: str | None = None) -> list[_Match]:
        if self.pattern is None:
            return []
        folded = fold(text) if folded is None else folded
        found = []
        for match in self.pattern.finditer(folded):
            start, end = match.span()
            key = " ".join(match.group().split())
            owner = self.owners.get(key)
            if owner is None or start == end:
                continue
            if " " not in key and key in STOP_WORDS and not text[start].isupper():
                continue
            found.append(_Match(start, end, owner[0], owner[1], self.source))
        return found


# -- proposing ---------------------------------------------------------------


def _overlaps(start: int, end: int, taken: Sequence[tuple[int, int]]) -> bool:
    return any(start < t_end and t_start < end for t_start, t_end in taken)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without surrounding spaces and punctuation."""
    while start < end and not text[start].isalnum():
        start += 1
    while end > start and not text[end - 1].isalnum():
        end -= 1
    return start, end


def _pieces(
    text: str, start: int, end: int, taken: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The parts of ``[start, end)`` outside the taken spans that hold a letter or digit."""
    pieces = [(start, end)]
    for t_start, t_end in sorted(taken):
        next_pieces = []
        for p_start, p_end in pieces:
            if t_end <= p_start or p_end <= t_start:
                next_pieces.append((p_start, p_end))
                continue
            if p_start < t_start:
                next_pieces.append((p_start, t_start))
            if t_end < p_end:
                next_pieces.append((t_end, p_end))
        pieces = next_pieces
    trimmed = [_trim(text, s, e) for s, e in pieces]
    return [(s, e) for s, e in trimmed if s < e]


def _select(candidates: list[_Match], taken: list[tuple[int, int]]) -> list[_Match]:
    """The longest candidates first, skipping those that overlap what is taken."""
    chosen = []
    for cand in sorted(candidates, key=lambda m: (-(m.end - m.start), m.start)):
        if not _overlaps(cand.start, cand.end, taken):
            taken.append((cand.start, cand.end))
            chosen.append(cand)
    return chosen


def _numbered(text: str, matches: Iterable[_Match]) -> list[Proposal]:
    numbers: dict[tuple[str, str], int] = {}
    per_tag: dict[str, int] = {}
    out = []
    for m in sorted(matches, key=lambda m: (m.start, m.end)):
        ident = (m.tag, m.key)
        if ident not in numbers:
            per_tag[m.tag] = per_tag.get(m.tag, 0) + 1
            numbers[ident] = per_tag[m.tag]
        out.append(
            Proposal(
                id=f"{m.start}-{m.end}",
                start=m.start,
                end=m.end,
                text=text[m.start : m.end],
                tag=m.tag,
                number=numbers[ident],
                source=m.source,
                key=m.key,
            )
        )
    return out


def _text_key(fragment: str) -> str:
    return "text:" + normalise(fragment)


def propose(
    text: str,
    names: Sequence[KnownName],
    findings: Iterable[Finding | tuple[int, int, str]],
) -> list[Proposal]:
    """The non-overlapping proposals for ``text``, numbered, in text order."""
    folded = fold(text)
    matcher = Matcher(
        ((variant, n.tag, n.key) for n in names for variant in n.variants), SOURCE_REGISTER
    )
    taken: list[tuple[int, int]] = []
    chosen = _select(matcher.find(text, folded), taken)
    register_spans = list(taken)
    detected = []
    for finding in findings:
        start, end, tag = (
            (finding.start, finding.end, finding.tag) if isinstance(finding, Finding) else finding
        )
        start, end = max(0, start), min(len(text), end)
        for p_start, p_end in _pieces(text, start, end, register_spans):
            fragment = text[p_start:p_end]
            owner = matcher.owners.get(normalise(fragment))
            key = owner[1] if owner is not None and owner[0] == tag else _text_key(fragment)
            detected.append(_Match(p_start, p_end, tag, key, SOURCE_DEDUCE))
    chosen += _select(detected, taken)
    return _numbered(text, chosen)


# -- applying ----------------------------------------------------------------


def apply(
    text: str,
    proposals: Sequence[Proposal],
    accepted_ids: Collection[str],
    added: Sequence[Added | tuple[str, str]] = (),
) -> Redacted:
    """``text`` with the accepted proposals and every occurrence of the added
    phrases replaced by ``[TAG-n]``, renumbered per tag in order of appearance."""
    accepted = [p for p in proposals if p.id in accepted_ids]
    matches = [_Match(p.start, p.end, p.tag, p.key, p.source) for p in accepted]
    taken = [(p.start, p.end) for p in accepted]
    phrases = [(a.text, a.tag) if isinstance(a, Added) else a for a in added]
    if phrases:
        matcher = Matcher(
            ((phrase, tag, _text_key(phrase)) for phrase, tag in phrases), SOURCE_RESEARCHER
        )
        # An added phrase that a proposal already hides gets the proposal's number.
        known = {(p.tag, normalise(p.text)): p.key for p in accepted}
        found = [
            _Match(m.start, m.end, m.tag, known.get((m.tag, m.key[5:]), m.key), m.source)
            for m in matcher.find(text)
        ]
        matches += _select(found, taken)
    replacements = _numbered(text, matches)
    parts = []
    position = 0
    for rep in replacements:
        parts.append(text[position : rep.start])
        parts.append(rep.label)
        position = rep.end
    parts.append(text[position:])
    counts: dict[str, int] = {}
    for rep in replacements:
        counts[rep.tag] = max(counts.get(rep.tag, 0), rep.number)
    return Redacted(text="".join(parts), counts=counts, replacements=tuple(replacements))


def word_count(text: str) -> int:
    return len(text.split())
