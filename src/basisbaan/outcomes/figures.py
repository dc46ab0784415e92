"""A programme's outcome figures: read the spells, count them (calc.outcomes),
suppress the small numbers (calc.suppression), and lay out what the page,
the Excel export, the API and the command line show.

The only place outcome figures read the database.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Hashable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import numpy as np

from django.db.models import Avg, Count
from django.utils.translation import gettext as _

from basisbaan.calc.outcomes import (
    COLUMNS,
    CURVE_MONTHS,
    FOLLOW_UP_MONTHS,
    NO_END,
    RETENTION_MONTHS,
    Cube,
    FollowUps,
    Spells,
    Stints,
    build_cube,
)
from basisbaan.calc.suppression import Mark, suppress
from basisbaan.contracts.models import ContractPeriod
from basisbaan.guidance.constants import SessionStatus
from basisbaan.guidance.models import FeedbackSession
from basisbaan.hosts.constants import Track
from basisbaan.outcomes.constants import Assistance, ExitKind, FollowUpStatus
from basisbaan.outcomes.models import Exit, FollowUp
from basisbaan.outcomes.selectors import threshold_of
from basisbaan.participants.constants import ExitReason
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme

__all__ = ["Cell", "OutcomeReport", "figures_of", "outcome_report", "programme_arrays"]

REASONS = list(ExitReason.values)
TRACKS: list[str] = [Track.TRANSITION.value, Track.SOCIAL_VALUE.value]
STATUS_CODES: dict[str, int] = {
    FollowUpStatus.OPEN: 0,
    FollowUpStatus.MEASURED: 1,
    FollowUpStatus.NOT_REACHABLE: 2,
}
ASSIST_CODES: dict[str, int] = {Assistance.NONE: 0, Assistance.PARTIAL: 1, Assistance.FULL: 2}
SHIFT = 1 << 32
HEADLINE_ROWS = ("working", "active")


@dataclass(frozen=True, slots=True)
class Cell:
    """One published figure: a count, or why it is not shown."""

    value: int | None
    mark: str  # Mark value: published, primary, secondary

    @property
    def shown(self) -> bool:
        return self.value is not None


@dataclass(frozen=True, slots=True)
class Rate:
    """A share ``part / whole`` when both are published."""

    part: Cell
    whole: Cell

    @property
    def percent(self) -> Decimal | None:
        if self.part.value is None or self.whole.value in (None, 0):
            return None
        assert self.whole.value is not None
        return (Decimal(100 * self.part.value) / self.whole.value).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )


@dataclass
class OutcomeReport:
    programme: Programme
    as_of: dt.date
    threshold: int
    cube: Cube
    marks: dict[Any, Mark]
    scores: list[dict[str, Any]] = field(default_factory=list)

    def cell(self, *key: Hashable) -> Cell:
        """The figure ``key`` (the last part is the column: 0 all, 1 and 2 the tracks)."""
        value = self.cube.values.get(key)
        mark = self.marks.get(self.cube.resolve(key), Mark.PUBLISHED)
        if value is None:
            return Cell(None, Mark.SECONDARY.value)
        return Cell(value if mark == Mark.PUBLISHED else None, Mark(mark).value)

    def rate(self, part: tuple[Hashable, ...], whole: tuple[Hashable, ...], col: int) -> Rate:
        return Rate(self.cell(*part, col), self.cell(*whole, col))

    def average_hours(self, col: int) -> Decimal | None:
        """Average contract hours per week of those at work, when their number is
        published and at least the threshold."""
        working = self.cell("working", col)
        if working.value is None or working.value < self.threshold:
            return None
        tenths = self.cube.hours_sum.get(col, 0)
        return (Decimal(tenths) / 10 / working.value).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def years(self) -> list[int]:
        return self.cube.years

    @property
    def quarters(self) -> list[int]:
        return self.cube.quarters

    @property
    def curve_years(self) -> list[int]:
        return sorted({q // 4 for q in self.cube.quarters})


def _ordinals(days: list[dt.date | None]) -> np.ndarray[Any, np.dtype[np.int64]]:
    return np.array([NO_END if d is None else d.toordinal() for d in days], dtype=np.int64)


@dataclass(frozen=True, slots=True)
class SpellData:
    """A programme's spells, placements and follow-ups as arrays, with per spell
    its participant, household type and whether they received assistance before."""

    spells: Spells
    stints: Stints
    follow_ups: FollowUps
    participant: np.ndarray[Any, np.dtype[np.int64]]
    household: list[str]
    on_assistance: np.ndarray[Any, np.dtype[np.bool_]]
    partial_cents: np.ndarray[Any, np.dtype[np.int64]]  # per follow-up, -1 unknown


def programme_arrays(programme: Programme) -> tuple[Spells, Stints, FollowUps]:
    """The programme's spells, placements and follow-ups as arrays (calc.outcomes)."""
    data = spell_data(programme)
    return data.spells, data.stints, data.follow_ups


def spell_data(programme: Programme) -> SpellData:
    """Read the programme's spells (see :mod:`basisbaan.calc.outcomes`)."""
    scope = {"municipality_id": programme.municipality_id}
    placements = list(
        Placement.objects.filter(**scope, participant__programme=programme)
        .order_by("participant_id", "start_date", "id")
        .values_list("participant_id", "start_date", "end_date", "track")
    )
    exits = list(
        Exit.objects.filter(**scope, programme=programme, kind=ExitKind.PROGRAMME)
        .order_by("participant_id", "exit_date", "id")
        .values_list("participant_id", "exit_date", "reason")
    )
    p_part = np.array([r[0] for r in placements], dtype=np.int64)
    p_start = _ordinals([r[1] for r in placements])
    p_end = _ordinals([r[2] for r in placements])
    p_track = np.array(
        [TRACKS.index(r[3]) if r[3] in TRACKS else 0 for r in placements], dtype=np.int64
    )
    e_part = np.array([r[0] for r in exits], dtype=np.int64)
    e_day = _ordinals([r[1] for r in exits])
    e_reason = np.array(
        [REASONS.index(r[2]) if r[2] in REASONS else len(REASONS) - 1 for r in exits],
        dtype=np.int64,
    )
    e_key = e_part * SHIFT + e_day
    # The spell of a placement: how many exits of its participant came before its start.
    before = np.searchsorted(e_key, p_part * SHIFT + p_start, side="left")
    first = np.searchsorted(e_key, p_part * SHIFT, side="left")
    number = before - first
    spell_keys, spell_of = np.unique(p_part * 4096 + number, return_inverse=True)
    n = len(spell_keys)
    start = np.full(n, NO_END, dtype=np.int64)
    np.minimum.at(start, spell_of, p_start)
    last = np.zeros(n, dtype=np.int64)  # the index of the spell's last placement
    order = np.arange(len(p_start))
    np.maximum.at(last, spell_of, order)
    track = p_track[last] if n else np.zeros(0, dtype=np.int64)
    # The exit that ends a spell: the participant's exit at index ``before``.
    ends = np.full(n, NO_END, dtype=np.int64)
    reason = np.full(n, -1, dtype=np.int64)
    if len(e_key):
        candidate = np.minimum(before, len(e_key) - 1)
        has_exit = (before < len(e_key)) & (e_part[candidate] == p_part)
    else:
        has_exit = np.zeros(len(p_part), dtype=bool)
    idx = before[has_exit]
    ends[spell_of[has_exit]] = e_day[idx]
    reason[spell_of[has_exit]] = e_reason[idx]
    spell_participant = spell_keys // 4096
    hours = _hours_of(programme, spell_participant, ends)
    spells = Spells(start, ends, track.astype(np.int64), reason, hours)
    stints = Stints(spell_of.astype(np.int64), p_start, p_end)
    follow_ups, partial = _follow_up_arrays(programme, spell_participant, ends)
    people = dict(
        Participant.objects.filter(
            municipality_id=programme.municipality_id, programme=programme
        ).values_list("id", "household_type")
    )
    assistance_since = dict(
        Participant.objects.filter(
            municipality_id=programme.municipality_id, programme=programme
        ).values_list("id", "social_assistance_start")
    )
    household = [people.get(int(p), "") for p in spell_participant]
    on_assistance = np.array(
        [
            (since := assistance_since.get(int(p))) is not None and since.toordinal() <= s
            for p, s in zip(spell_participant.tolist(), start.tolist(), strict=True)
        ],
        dtype=bool,
    )
    return SpellData(
        spells, stints, follow_ups, spell_participant, household, on_assistance, partial
    )


def _hours_of(
    programme: Programme,
    spell_participant: np.ndarray[Any, np.dtype[np.int64]],
    ends: np.ndarray[Any, np.dtype[np.int64]],
) -> np.ndarray[Any, np.dtype[np.int64]]:
    """Per spell still running: the hours per week of its participant's latest contract period."""
    rows = (
        ContractPeriod.objects.filter(
            municipality_id=programme.municipality_id, contract__participant__programme=programme
        )
        .order_by("contract__participant_id", "start_date")
        .values_list("contract__participant_id", "hours_per_week")
    )
    latest = {pid: int(hours * 10) for pid, hours in rows}
    hours = np.array([latest.get(int(p), 0) for p in spell_participant], dtype=np.int64)
    return np.where(ends == NO_END, hours, 0)


def _follow_up_arrays(
    programme: Programme,
    spell_participant: np.ndarray[Any, np.dtype[np.int64]],
    ends: np.ndarray[Any, np.dtype[np.int64]],
) -> tuple[FollowUps, np.ndarray[Any, np.dtype[np.int64]]]:
    rows = list(
        FollowUp.objects.filter(
            municipality_id=programme.municipality_id,
            exit__programme=programme,
            exit__kind=ExitKind.PROGRAMME,
        ).values_list(
            "exit__participant_id",
            "exit__exit_date",
            "months",
            "status",
            "works",
            "assistance",
            "due_date",
            "assistance_amount",
        )
    )
    keys = spell_participant * SHIFT + ends
    order = np.argsort(keys, kind="stable")
    wanted = np.array([r[0] * SHIFT + r[1].toordinal() for r in rows], dtype=np.int64)
    pos = np.searchsorted(keys[order], wanted)
    pos = np.minimum(pos, max(len(keys) - 1, 0))
    found = (keys[order][pos] == wanted) if len(keys) else np.zeros(len(rows), dtype=bool)
    spell = np.where(found, order[pos] if len(keys) else 0, -1)
    pick = spell >= 0
    partial = np.array([-1 if r[7] is None else int(r[7] * 100) for r in rows], dtype=np.int64)[
        pick
    ]
    return FollowUps(
        spell=spell[pick].astype(np.int64),
        months=np.array([r[2] for r in rows], dtype=np.int64)[pick],
        status=np.array([STATUS_CODES.get(r[3], 0) for r in rows], dtype=np.int64)[pick],
        works=np.array([-1 if r[4] is None else int(r[4]) for r in rows], dtype=np.int64)[pick],
        assistance=np.array([ASSIST_CODES.get(r[5], -1) for r in rows], dtype=np.int64)[pick],
        due=_ordinals([r[6] for r in rows])[pick],
    ), partial


def _scores(programme: Programme, as_of: dt.date, threshold: int) -> list[dict[str, Any]]:
    """Average well-being and finances scores of held feedback sessions per quarter,
    when at least ``threshold`` participants were scored that quarter."""
    rows = (
        FeedbackSession.objects.filter(
            municipality_id=programme.municipality_id,
            placement__participant__programme=programme,
            status=SessionStatus.HELD,
            held_on__lte=as_of,
        )
        .values("held_on__year", "held_on__quarter")
        .annotate(
            people=Count("placement__participant", distinct=True),
            wellbeing=Avg("score_wellbeing"),
            finances=Avg("score_finances"),
        )
        .order_by("held_on__year", "held_on__quarter")
    )
    out = []
    for row in rows:
        shown = row["people"] >= threshold
        out.append(
            {
                "year": row["held_on__year"],
                "quarter": row["held_on__quarter"],
                "people": row["people"] if shown else None,
                "wellbeing": _score(row["wellbeing"]) if shown else None,
                "finances": _score(row["finances"]) if shown else None,
            }
        )
    return out


def _score(value: float | None) -> Decimal | None:
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP)


def outcome_report(
    programme: Programme, *, as_of: dt.date, protect: Collection[tuple[Hashable, ...]] = ()
) -> OutcomeReport:
    """Every outcome figure of ``programme`` on ``as_of``, small numbers suppressed;
    ``protect``: figures to keep hidden as if small (see calc.suppression.suppress)."""
    threshold = threshold_of(programme.municipality)
    report = figures_of(
        programme, programme_arrays(programme), as_of=as_of, threshold=threshold, protect=protect
    )
    report.scores = _scores(programme, as_of, threshold)
    return report


def figures_of(
    programme: Programme,
    arrays: tuple[Spells, Stints, FollowUps],
    *,
    as_of: dt.date,
    threshold: int,
    protect: Collection[tuple[Hashable, ...]] = (),
) -> OutcomeReport:
    """The counted and suppressed figures of :func:`outcome_report` (without the
    scores) from arrays read once: the days of a trend read the programme once."""
    spells, stints, follow_ups = arrays
    cube = build_cube(
        spells,
        stints,
        follow_ups,
        as_of=as_of,
        first_year=programme.start_date.year,
        reasons=len(REASONS),
    )
    values, constraints, hidden = cube.system()
    protected = {cube.resolve(key) for key in protect} & set(values)
    # "At work" and "active" are what a reader looks for first: when a cell must go
    # to protect a small one, another goes before them where the pattern allows.
    headline = {cube.resolve((row, col)) for row in HEADLINE_ROWS for col in COLUMNS}
    marks = suppress(
        values,
        constraints,
        threshold=threshold,
        hidden=hidden,
        protect=protected,
        prefer=headline & set(values),
    )
    return OutcomeReport(programme, as_of, threshold, cube, marks)


def suppressed_text(cell: Cell, threshold: int) -> str:
    """What a suppressed cell shows instead of its number."""
    if cell.mark == Mark.PRIMARY:
        return _("minder dan %(n)s") % {"n": threshold}
    return _("afgeschermd")


__all__ += ["COLUMNS", "CURVE_MONTHS", "FOLLOW_UP_MONTHS", "RETENTION_MONTHS", "suppressed_text"]
