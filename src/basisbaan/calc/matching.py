"""Matching participants with positions: hard filters, soft scores, reasons. Pure; no Django.

**Hard constraints** take a pair out of the ranking:

- *hours*: the position asks more hours per week than the participant has available;
- *track*: the position's track is not one the participant may follow;
- *travel*: the straight-line distance between home and workplace exceeds the
  participant's travel range.

A hard constraint whose data is missing does not filter (the pair stays, marked
*unknown*), so an incomplete profile shows up as such instead of silently
hiding a candidate.

**Soft criteria** give points out of 100 (weights in :data:`WEIGHTS`):
competences (share of the required ones the participant has), sector (a
preferred sector scores full, a sector of interest half), preferred work
(any overlap), supervision (the host's capacity against the participant's
support need), accessibility (share of the participant's work-related
constraints the position can accommodate) and language (level against the
required level). A criterion whose data is missing scores half, a criterion
the position does not ask for scores full.

Two faces on the same rules:

- :func:`match_pair` for one pair, with a :class:`Component` per criterion that
  says what was found (the app turns it into Dutch words);
- :func:`score_matrix` for many pairs at once in numpy (sets as bit masks),
  used for ranking; :func:`rank_for_position` and :func:`rank_for_candidate`
  order and explain the best pairs.

The tests check that both faces give the same points for every pair.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = [
    "WEIGHTS",
    "Candidate",
    "Component",
    "Criterion",
    "Match",
    "Opening",
    "Status",
    "match_pair",
    "rank_for_candidate",
    "rank_all",
    "rank_for_position",
    "score_matrix",
    "excluded_for_position",
    "distance_km",
]


class Criterion(StrEnum):
    HOURS = "hours"
    TRACK = "track"
    TRAVEL = "travel"
    COMPETENCES = "competences"
    SECTOR = "sector"
    WORK = "work"
    SUPERVISION = "supervision"
    ACCESSIBILITY = "accessibility"
    LANGUAGE = "language"


class Status(StrEnum):
    FULL = "full"  # fully met
    PARTIAL = "partial"
    NONE = "none"  # not met (soft) or refused (hard)
    UNKNOWN = "unknown"  # data missing
    NOT_ASKED = "not_asked"  # the position does not ask for it


HARD: Final = (Criterion.HOURS, Criterion.TRACK, Criterion.TRAVEL)
WEIGHTS: Final[dict[Criterion, int]] = {
    Criterion.COMPETENCES: 30,
    Criterion.SECTOR: 15,
    Criterion.WORK: 15,
    Criterion.SUPERVISION: 15,
    Criterion.ACCESSIBILITY: 15,
    Criterion.LANGUAGE: 10,
}
UNKNOWN_SHARE: Final = 0.5
# One level short on an ordinal scale (support, language) costs half the points.
STEP_PENALTY: Final = 0.5


@dataclass(frozen=True)
class Candidate:
    """A participant as matching sees them. Empty sets and None mean: not recorded."""

    id: int
    hours_available: float | None = None
    tracks: frozenset[str] = frozenset()
    location: tuple[float, float] | None = None  # km, e.g. Dutch RD coordinates / 1000
    travel_km: float | None = None
    competences: frozenset[str] = frozenset()
    sectors: frozenset[str] = frozenset()  # preferred
    interests: frozenset[str] = frozenset()  # sectors of interest
    preferred_work: frozenset[str] = frozenset()
    support_need: int | None = None  # 1 light, 2 regular, 3 intensive
    constraints: frozenset[str] = frozenset()
    language: int | None = None  # 1 = A1 ... 6 = C2, 7 = mother tongue


@dataclass(frozen=True)
class Opening:
    """A position as matching sees it. Empty sets and None mean: not asked."""

    id: int
    hours: float
    track: str
    location: tuple[float, float] | None = None
    required_competences: frozenset[str] = frozenset()
    sector: str = ""
    work_types: frozenset[str] = frozenset()
    supervision: int | None = None  # capacity: 1 light, 2 regular, 3 intensive
    accommodates: frozenset[str] = frozenset()
    language: int | None = None  # minimum level


@dataclass(frozen=True)
class Component:
    """One criterion of one pair: its points, its status and what was found.

    ``found`` and ``missing`` hold vocabulary codes (competences, constraints,
    sectors); ``value`` and ``required`` hold numbers (hours, km, levels).
    """

    criterion: Criterion
    status: Status
    points: float
    weight: int
    found: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    value: float | None = None
    required: float | None = None


@dataclass(frozen=True)
class Match:
    candidate_id: int
    position_id: int
    score: int  # 0..100, rounded half up
    eligible: bool  # passes every hard constraint
    components: tuple[Component, ...]

    @property
    def refusals(self) -> tuple[Component, ...]:
        return tuple(c for c in self.components if c.criterion in HARD and c.status == Status.NONE)


# ---------------------------------------------------------------------------
# One pair: plain Python, with the reasons
# ---------------------------------------------------------------------------


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    return math.hypot(a[0] - b[0], a[1] - b[1])


def _hard(c: Candidate, o: Opening) -> list[Component]:
    hours = (
        Component(Criterion.HOURS, Status.UNKNOWN, 0, 0, required=o.hours)
        if c.hours_available is None
        else Component(
            Criterion.HOURS,
            Status.FULL if o.hours <= c.hours_available else Status.NONE,
            0,
            0,
            value=c.hours_available,
            required=o.hours,
        )
    )
    track = Component(
        Criterion.TRACK,
        Status.UNKNOWN if not c.tracks else Status.FULL if o.track in c.tracks else Status.NONE,
        0,
        0,
        found=(o.track,),
    )
    if c.location is None or o.location is None or c.travel_km is None:
        travel = Component(Criterion.TRAVEL, Status.UNKNOWN, 0, 0, required=c.travel_km)
    else:
        km = distance_km(c.location, o.location)
        travel = Component(
            Criterion.TRAVEL,
            Status.FULL if km <= c.travel_km else Status.NONE,
            0,
            0,
            value=km,
            required=c.travel_km,
        )
    return [hours, track, travel]


def _share(criterion: Criterion, have: frozenset[str], asked: frozenset[str]) -> Component:
    weight = WEIGHTS[criterion]
    if not asked:
        return Component(criterion, Status.NOT_ASKED, weight, weight)
    found = tuple(sorted(asked & have))
    missing = tuple(sorted(asked - have))
    status = Status.FULL if not missing else Status.NONE if not found else Status.PARTIAL
    return Component(criterion, status, weight * len(found) / len(asked), weight, found, missing)


def _competences(c: Candidate, o: Opening) -> Component:
    weight = WEIGHTS[Criterion.COMPETENCES]
    if o.required_competences and not c.competences:
        return Component(
            Criterion.COMPETENCES,
            Status.UNKNOWN,
            weight * UNKNOWN_SHARE,
            weight,
            missing=tuple(sorted(o.required_competences)),
        )
    return _share(Criterion.COMPETENCES, c.competences, o.required_competences)


def _sector(c: Candidate, o: Opening) -> Component:
    weight = WEIGHTS[Criterion.SECTOR]
    if not o.sector:
        return Component(Criterion.SECTOR, Status.NOT_ASKED, weight, weight)
    if not c.sectors and not c.interests:
        return Component(
            Criterion.SECTOR, Status.UNKNOWN, weight * UNKNOWN_SHARE, weight, found=(o.sector,)
        )
    if o.sector in c.sectors:
        return Component(Criterion.SECTOR, Status.FULL, weight, weight, found=(o.sector,))
    if o.sector in c.interests:
        return Component(Criterion.SECTOR, Status.PARTIAL, weight / 2, weight, found=(o.sector,))
    return Component(Criterion.SECTOR, Status.NONE, 0, weight, missing=(o.sector,))


def _work(c: Candidate, o: Opening) -> Component:
    weight = WEIGHTS[Criterion.WORK]
    if not o.work_types:
        return Component(Criterion.WORK, Status.NOT_ASKED, weight, weight)
    if not c.preferred_work:
        return Component(Criterion.WORK, Status.UNKNOWN, weight * UNKNOWN_SHARE, weight)
    found = tuple(sorted(o.work_types & c.preferred_work))
    if found:
        return Component(Criterion.WORK, Status.FULL, weight, weight, found=found)
    return Component(Criterion.WORK, Status.NONE, 0, weight, missing=tuple(sorted(o.work_types)))


def _level(criterion: Criterion, have: int | None, asked: int | None) -> Component:
    """``have`` must reach ``asked``; each level short costs :data:`STEP_PENALTY`."""
    weight = WEIGHTS[criterion]
    if asked is None:
        return Component(criterion, Status.NOT_ASKED, weight, weight, value=have)
    if have is None:
        return Component(criterion, Status.UNKNOWN, weight * UNKNOWN_SHARE, weight, required=asked)
    share = max(0.0, 1 - STEP_PENALTY * max(asked - have, 0))
    status = Status.FULL if share == 1 else Status.PARTIAL if share > 0 else Status.NONE
    return Component(criterion, status, weight * share, weight, value=have, required=asked)


def _supervision(c: Candidate, o: Opening) -> Component:
    """The participant's need must fit the host's capacity (need is 'asked' here)."""
    weight = WEIGHTS[Criterion.SUPERVISION]
    if c.support_need is None or o.supervision is None:
        return Component(
            Criterion.SUPERVISION,
            Status.UNKNOWN,
            weight * UNKNOWN_SHARE,
            weight,
            value=o.supervision,
            required=c.support_need,
        )
    return _level(Criterion.SUPERVISION, o.supervision, c.support_need)


def _accessibility(c: Candidate, o: Opening) -> Component:
    return _share(Criterion.ACCESSIBILITY, o.accommodates, c.constraints)


def match_pair(candidate: Candidate, opening: Opening) -> Match:
    """Score one pair and say why, criterion by criterion."""
    hard = _hard(candidate, opening)
    soft = [
        _competences(candidate, opening),
        _sector(candidate, opening),
        _work(candidate, opening),
        _supervision(candidate, opening),
        _accessibility(candidate, opening),
        _level(Criterion.LANGUAGE, candidate.language, opening.language),
    ]
    eligible = all(h.status != Status.NONE for h in hard)
    score = math.floor(sum(s.points for s in soft) + 0.5 + 1e-9)
    return Match(candidate.id, opening.id, score, eligible, tuple(hard + soft))


# ---------------------------------------------------------------------------
# Many pairs: numpy
# ---------------------------------------------------------------------------

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


class _Bits:
    """Codes of one vocabulary as bits of a uint64 (at most 64 codes per vocabulary)."""

    def __init__(self, *groups: Iterable[Iterable[str]]) -> None:
        codes = sorted({code for group in groups for items in group for code in items})
        if len(codes) > 64:
            raise ValueError("more than 64 codes in one vocabulary")
        self.bit = {code: np.uint64(1) << np.uint64(i) for i, code in enumerate(codes)}

    def masks(self, sets: Iterable[Iterable[str]]) -> npt.NDArray[np.uint64]:
        out: list[np.uint64] = []
        for items in sets:
            mask = np.uint64(0)
            for code in items:
                mask |= self.bit[code]
            out.append(mask)
        return np.array(out, dtype=np.uint64)


def _count(a: npt.NDArray[np.uint64]) -> IntArray:
    return np.bitwise_count(a).astype(np.int64)


def _opt(values: Iterable[float | None]) -> FloatArray:
    return np.array([np.nan if v is None else v for v in values], dtype=np.float64)


def _xy(points: Iterable[tuple[float, float] | None]) -> FloatArray:
    return np.array([(np.nan, np.nan) if p is None else p for p in points], dtype=np.float64)


def _level_share(have: FloatArray, asked: FloatArray) -> FloatArray:
    """:func:`_level` for arrays (NaN = unknown or not asked, decided by the caller)."""
    return np.maximum(0.0, 1 - STEP_PENALTY * np.maximum(asked - have, 0))


def score_matrix(
    candidates: Sequence[Candidate], openings: Sequence[Opening]
) -> tuple[IntArray, npt.NDArray[np.bool_]]:
    """Scores (candidates x openings, 0..100) and whether each pair passes the hard filters.

    The same rules as :func:`match_pair`, on every pair at once.
    """
    comp = _Bits([c.competences for c in candidates], [o.required_competences for o in openings])
    sect = _Bits(
        [c.sectors for c in candidates],
        [c.interests for c in candidates],
        [[o.sector] if o.sector else [] for o in openings],
    )
    work = _Bits([c.preferred_work for c in candidates], [o.work_types for o in openings])
    cons = _Bits([c.constraints for c in candidates], [o.accommodates for o in openings])
    track = _Bits([c.tracks for c in candidates], [[o.track] for o in openings])

    # Columns (candidates) and rows (openings), broadcast to a matrix.
    c_hours = _opt(c.hours_available for c in candidates)[:, None]
    o_hours = np.array([o.hours for o in openings], dtype=np.float64)[None, :]
    c_tracks = track.masks(c.tracks for c in candidates)[:, None]
    o_track = track.masks([o.track] for o in openings)[None, :]
    c_xy, o_xy = _xy(c.location for c in candidates), _xy(o.location for o in openings)
    km = np.hypot(c_xy[:, None, 0] - o_xy[None, :, 0], c_xy[:, None, 1] - o_xy[None, :, 1])
    c_range = _opt(c.travel_km for c in candidates)[:, None]

    refused = (c_hours < o_hours) | ((c_tracks != 0) & ((c_tracks & o_track) == 0))
    refused |= km > c_range  # NaN compares False: unknown does not refuse

    w = WEIGHTS
    # Competences: share of the required ones; unknown half; none asked full.
    c_comp = comp.masks(c.competences for c in candidates)[:, None]
    o_comp = comp.masks(o.required_competences for o in openings)[None, :]
    asked = _count(o_comp).astype(np.float64)
    have = _count(c_comp & o_comp)
    comp_share = np.where(asked > 0, have / np.maximum(asked, 1), 1.0)
    comp_share = np.where((asked > 0) & (c_comp == 0), UNKNOWN_SHARE, comp_share)
    points = w[Criterion.COMPETENCES] * comp_share

    # Sector: preferred full, interest half, unknown half, not asked full.
    c_pref = sect.masks(c.sectors for c in candidates)[:, None]
    c_int = sect.masks(c.interests for c in candidates)[:, None]
    o_sect = sect.masks([o.sector] if o.sector else [] for o in openings)[None, :]
    sector_share = np.where((c_pref & o_sect) != 0, 1.0, np.where((c_int & o_sect) != 0, 0.5, 0.0))
    sector_share = np.where((c_pref | c_int) == 0, UNKNOWN_SHARE, sector_share)
    sector_share = np.where(o_sect == 0, 1.0, sector_share)
    points = points + w[Criterion.SECTOR] * sector_share

    # Preferred work: any overlap.
    c_work = work.masks(c.preferred_work for c in candidates)[:, None]
    o_work = work.masks(o.work_types for o in openings)[None, :]
    work_share = np.where((c_work & o_work) != 0, 1.0, 0.0)
    work_share = np.where(c_work == 0, UNKNOWN_SHARE, work_share)
    work_share = np.where(o_work == 0, 1.0, work_share)
    points = points + w[Criterion.WORK] * work_share

    # Supervision: capacity against need.
    need = _opt(c.support_need for c in candidates)[:, None]
    capacity = _opt(o.supervision for o in openings)[None, :]
    sup_share = _level_share(capacity, need)
    sup_share = np.where(np.isnan(need) | np.isnan(capacity), UNKNOWN_SHARE, sup_share)
    points = points + w[Criterion.SUPERVISION] * sup_share

    # Accessibility: share of the participant's constraints accommodated.
    c_cons = cons.masks(c.constraints for c in candidates)[:, None]
    o_acc = cons.masks(o.accommodates for o in openings)[None, :]
    n_cons = _count(c_cons).astype(np.float64)
    acc_share = np.where(n_cons > 0, _count(c_cons & o_acc) / np.maximum(n_cons, 1), 1.0)
    points = points + w[Criterion.ACCESSIBILITY] * acc_share

    # Language: level against the minimum.
    c_lang = _opt(c.language for c in candidates)[:, None]
    o_lang = _opt(o.language for o in openings)[None, :]
    lang_share = np.where(np.isnan(c_lang), UNKNOWN_SHARE, _level_share(c_lang, o_lang))
    lang_share = np.where(np.isnan(o_lang), 1.0, lang_share)
    points = points + w[Criterion.LANGUAGE] * lang_share

    scores = np.floor(points + 0.5 + 1e-9).astype(np.int64)
    return scores, ~refused


def rank_all(
    candidates: Sequence[Candidate], openings: Sequence[Opening]
) -> tuple[IntArray, IntArray, IntArray]:
    """Every opening's candidates at once: ``(order, counts, scores)``.

    ``order[j]`` lists candidate indices for opening ``j``, eligible ones first,
    best score first, ties in the order of ``candidates``; only the first
    ``counts[j]`` are eligible. The same order as :func:`rank_for_position`.
    """
    scores, eligible = score_matrix(candidates, openings)
    n = len(candidates)
    # One integer key per pair: ineligible last, then higher score, then list order.
    key = np.where(eligible, (100 - scores) * n, 101 * n) + np.arange(n)[:, None]
    order = np.argsort(key, axis=0, kind="stable").T.astype(np.int64)
    return order, eligible.sum(axis=0).astype(np.int64), scores


def _order(scores: IntArray, eligible: npt.NDArray[np.bool_], tiebreak: FloatArray) -> IntArray:
    """Indices of the eligible entries, best score first, then the smallest tiebreak."""
    idx = np.flatnonzero(eligible)
    keys = np.lexsort((idx, tiebreak[idx], -scores[idx]))
    return idx[keys].astype(np.int64)


def rank_for_position(
    candidates: Sequence[Candidate], opening: Opening, limit: int | None = None
) -> list[Match]:
    """The eligible candidates for ``opening``, best first, each explained.

    Ties keep the order of ``candidates`` (pass the waiting list in its order:
    priority, then referral date).
    """
    if not candidates:
        return []
    scores, eligible = score_matrix(candidates, [opening])
    order = _order(scores[:, 0], eligible[:, 0], np.arange(len(candidates), dtype=np.float64))
    return [match_pair(candidates[i], opening) for i in order[:limit]]


def rank_for_candidate(
    candidate: Candidate, openings: Sequence[Opening], limit: int | None = None
) -> list[Match]:
    """The eligible openings for ``candidate``, best first; ties: the nearest first
    (unknown distance last), then the order of ``openings``."""
    if not openings:
        return []
    scores, eligible = score_matrix([candidate], openings)
    if candidate.location is None:
        near = np.zeros(len(openings))
    else:
        near = _opt(
            None if o.location is None else distance_km(candidate.location, o.location)
            for o in openings
        )
        near = np.where(np.isnan(near), np.inf, near)
    order = _order(scores[0], eligible[0], near)
    return [match_pair(candidate, openings[i]) for i in order[:limit]]


def excluded_for_position(candidates: Sequence[Candidate], opening: Opening) -> list[Match]:
    """The candidates a hard constraint keeps out, with the reasons."""
    matches = (match_pair(c, opening) for c in candidates)
    return [m for m in matches if not m.eligible]
