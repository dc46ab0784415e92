"""Co-occurrence of codes in coded text, pure and Django-free.

The input is every coding as ``(transcript_id, code_id, start, end)`` with
half-open offsets (``text[start:end]``). Two codings *overlap* when they share at
least one character of the same transcript: ``a.start < b.end and b.start < a.end``
(touching ends do not overlap).

For each unordered pair of different codes the result gives:

- ``overlaps``: the number of overlapping pairs of codings (one coding of each);
- ``transcripts``: the number of transcripts in which both codes occur at all.

Per transcript the codings are sorted by start and swept once, keeping the codings
still open; the work grows with the number of codings plus the number of
overlapping pairs, so 5,000 codings take milliseconds.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

__all__ = ["CodingSpan", "Cooccurrence", "cooccurrence", "pair"]

type CodingSpan = tuple[int, int, int, int]  # (transcript_id, code_id, start, end)


def pair(a: int, b: int) -> tuple[int, int]:
    """The key of an unordered pair of codes: the lower id first."""
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True)
class Cooccurrence:
    overlaps: dict[tuple[int, int], int] = field(default_factory=dict)
    transcripts: dict[tuple[int, int], int] = field(default_factory=dict)

    def overlaps_of(self, a: int, b: int) -> int:
        return self.overlaps.get(pair(a, b), 0)

    def transcripts_of(self, a: int, b: int) -> int:
        return self.transcripts.get(pair(a, b), 0)


def cooccurrence(codings: Iterable[CodingSpan]) -> Cooccurrence:
    """Overlapping coding pairs and shared transcripts for every pair of codes."""
    per_transcript: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
    for transcript_id, code_id, start, end in codings:
        if end > start:
            per_transcript[transcript_id].append((start, end, code_id))
    overlaps: dict[tuple[int, int], int] = defaultdict(int)
    transcripts: dict[tuple[int, int], int] = defaultdict(int)
    for spans in per_transcript.values():
        spans.sort()
        open_ends: list[tuple[int, int, int]] = []  # heap of (end, serial, code_id)
        for serial, (start, end, code_id) in enumerate(spans):
            while open_ends and open_ends[0][0] <= start:
                heapq.heappop(open_ends)
            for _end, _serial, other in open_ends:
                if other != code_id:
                    overlaps[pair(code_id, other)] += 1
            heapq.heappush(open_ends, (end, serial, code_id))
        for a, b in combinations(sorted({code for _s, _e, code in spans}), 2):
            transcripts[(a, b)] += 1
    return Cooccurrence(dict(overlaps), dict(transcripts))
