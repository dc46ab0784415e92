"""The eligibility check of an intake against a programme's criteria. Pure; no Django.

A programme sets its own criteria (all optional):

- a minimum number of whole months on social assistance on the day of the check,
- an age range (inclusive, in whole years on the day of the check),
- per track, conditions: a minimum number of hours available per week and a
  minimum language level (an ordinal: 1 = A1 ... 6 = C2, 7 = Dutch as mother tongue).

Each criterion comes out as met, not met, or unknown when the data it needs is
missing: the check never guesses. The overall outcome is *not met* when a
general criterion is not met or no track is possible, *unknown* when nothing
is refused but something could not be checked, and *met* otherwise. The words
are the app's job (``basisbaan.intake.explain``): this module returns what was
required and what was found.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum

from basisbaan.calc.labour_law import age_on

__all__ = [
    "Criteria",
    "CriterionResult",
    "EligibilityResult",
    "Facts",
    "Outcome",
    "TrackConditions",
    "check_eligibility",
    "combine",
    "whole_months_between",
]


class Outcome(StrEnum):
    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


class Key(StrEnum):
    ASSISTANCE = "assistance"
    MIN_AGE = "min_age"
    MAX_AGE = "max_age"
    HOURS = "hours"
    LANGUAGE = "language"


@dataclass(frozen=True)
class TrackConditions:
    min_hours: Decimal | None = None
    min_language: int | None = None


@dataclass(frozen=True)
class Criteria:
    min_months_on_assistance: int | None = None
    min_age: int | None = None
    max_age: int | None = None
    tracks: Mapping[str, TrackConditions] = field(default_factory=dict)


@dataclass(frozen=True)
class Facts:
    date_of_birth: dt.date | None = None
    assistance_start: dt.date | None = None
    hours_available: Decimal | None = None
    language_level: int | None = None


@dataclass(frozen=True)
class CriterionResult:
    """One criterion: ``required`` is the programme's figure, ``actual`` the person's
    (None when unknown). ``track`` is empty for the general criteria."""

    key: str
    outcome: Outcome
    required: int | Decimal
    actual: int | Decimal | None
    track: str = ""


@dataclass(frozen=True)
class EligibilityResult:
    criteria: tuple[CriterionResult, ...]
    tracks: Mapping[str, Outcome]
    outcome: Outcome

    @property
    def possible_tracks(self) -> tuple[str, ...]:
        return tuple(t for t, o in self.tracks.items() if o == Outcome.MET)


def whole_months_between(start: dt.date, on: dt.date) -> int:
    """Completed calendar months from ``start`` to ``on`` (0 when ``on`` is before)."""
    months = (on.year - start.year) * 12 + on.month - start.month
    if on.day < start.day:
        months -= 1
    return max(months, 0)


def combine(outcomes: Iterable[Outcome]) -> Outcome:
    """All must be met: one *not met* refuses, else one *unknown* leaves it open."""
    found = set(outcomes)
    if Outcome.NOT_MET in found:
        return Outcome.NOT_MET
    if Outcome.UNKNOWN in found:
        return Outcome.UNKNOWN
    return Outcome.MET


def _at_least(
    key: str, required: int | Decimal, actual: int | Decimal | None, track: str = ""
) -> CriterionResult:
    if actual is None:
        outcome = Outcome.UNKNOWN
    else:
        outcome = Outcome.MET if actual >= required else Outcome.NOT_MET
    return CriterionResult(key, outcome, required, actual, track)


def _general(criteria: Criteria, facts: Facts, on: dt.date) -> list[CriterionResult]:
    results: list[CriterionResult] = []
    if criteria.min_months_on_assistance is not None:
        months = (
            whole_months_between(facts.assistance_start, on)
            if facts.assistance_start is not None
            else None
        )
        results.append(_at_least(Key.ASSISTANCE, criteria.min_months_on_assistance, months))
    age = age_on(facts.date_of_birth, on) if facts.date_of_birth is not None else None
    if criteria.min_age is not None:
        results.append(_at_least(Key.MIN_AGE, criteria.min_age, age))
    if criteria.max_age is not None:
        if age is None:
            results.append(CriterionResult(Key.MAX_AGE, Outcome.UNKNOWN, criteria.max_age, None))
        else:
            met = Outcome.MET if age <= criteria.max_age else Outcome.NOT_MET
            results.append(CriterionResult(Key.MAX_AGE, met, criteria.max_age, age))
    return results


def _track(track: str, conditions: TrackConditions, facts: Facts) -> list[CriterionResult]:
    results: list[CriterionResult] = []
    if conditions.min_hours is not None:
        results.append(_at_least(Key.HOURS, conditions.min_hours, facts.hours_available, track))
    if conditions.min_language is not None:
        results.append(
            _at_least(Key.LANGUAGE, conditions.min_language, facts.language_level, track)
        )
    return results


def check_eligibility(criteria: Criteria, facts: Facts, on: dt.date) -> EligibilityResult:
    """Check ``facts`` against ``criteria`` on the day ``on``."""
    general = _general(criteria, facts, on)
    results = list(general)
    tracks: dict[str, Outcome] = {}
    for track, conditions in criteria.tracks.items():
        per_track = _track(track, conditions, facts)
        results += per_track
        tracks[track] = combine(r.outcome for r in per_track)
    overall = [r.outcome for r in general]
    if tracks:
        values = set(tracks.values())
        if Outcome.MET in values:
            overall.append(Outcome.MET)
        elif Outcome.UNKNOWN in values:
            overall.append(Outcome.UNKNOWN)
        else:
            overall.append(Outcome.NOT_MET)
    return EligibilityResult(tuple(results), tracks, combine(overall))
