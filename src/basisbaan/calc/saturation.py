"""Thematic saturation of a qualitative study, from the codes found per transcript.

Pure and Django-free. The input is the set of codes of each coded transcript,
in the order the conversations were held; the output is what the study page,
its API and the council report show.

- **Curve**: per transcript, how many codes were new and the cumulative number of
  unique codes.
- **Guest, Namey & Chen (2020)**: the *saturation ratio* of a run is the number of
  new unique codes in the run divided by the number of unique codes in the base.
  The first base is the first ``base_size`` transcripts and the run the next
  ``run_length``. When a run's ratio is above the threshold, the window slides on
  by one transcript: the base grows to every transcript before the run. Saturation
  is reached at the end of the first run whose ratio is at or below the threshold,
  reported as "base + run" (for example "15+2 at ≤ 5 %").
- **Francis et al. (2010), the 10+3 rule**: after an initial sample of ``initial``
  transcripts, saturation is reached when ``stop`` consecutive transcripts bring no
  new code; it is reached at the last of them.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True)
class CurvePoint:
    """One transcript on the saturation curve (``number`` counts from 1)."""

    number: int
    codes: int
    new: int
    cumulative: int


@dataclass(frozen=True)
class GuestWindow:
    """One base-and-run window of Guest's method."""

    base_end: int
    run_end: int
    base_codes: int
    new_in_run: int
    ratio: Decimal | None

    @property
    def label(self) -> str:
        return f"{self.base_end}+{self.run_end - self.base_end}"


@dataclass(frozen=True)
class GuestResult:
    base_size: int
    run_length: int
    threshold: Decimal
    windows: tuple[GuestWindow, ...]
    reached_at: int | None
    """The number of transcripts at which saturation was reached (the run's end)."""
    window: GuestWindow | None
    """The window that reached it."""

    @property
    def reached(self) -> bool:
        return self.reached_at is not None


@dataclass(frozen=True)
class FrancisResult:
    initial: int
    stop: int
    reached_at: int | None
    """The last of the ``stop`` consecutive transcripts without a new code."""

    @property
    def reached(self) -> bool:
        return self.reached_at is not None


def curve(code_sets: Sequence[Collection[Hashable]]) -> list[CurvePoint]:
    """New and cumulative unique codes per transcript, in the given order."""
    seen: set[Hashable] = set()
    points = []
    for number, codes in enumerate(code_sets, start=1):
        unique = set(codes)
        new = unique - seen
        seen |= new
        points.append(CurvePoint(number, len(unique), len(new), len(seen)))
    return points


def ratio(new: int, base: int) -> Decimal | None:
    """``new / base`` to four decimals (half up); ``None`` for an empty base."""
    if base == 0:
        return None
    return (Decimal(new) / Decimal(base)).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)


def guest(
    code_sets: Sequence[Collection[Hashable]],
    *,
    base_size: int,
    run_length: int,
    threshold: Decimal,
) -> GuestResult:
    """Guest et al.'s saturation ratio for every window, and where it was first met.

    A window with an empty base (no code in the base transcripts) has no ratio and
    never reaches saturation.
    """
    if base_size < 1 or run_length < 1:
        raise ValueError("base_size and run_length must be at least 1")
    sets = [frozenset(codes) for codes in code_sets]
    windows: list[GuestWindow] = []
    reached: GuestWindow | None = None
    for base_end in range(base_size, len(sets) - run_length + 1):
        base = frozenset().union(*sets[:base_end])
        run = frozenset().union(*sets[base_end : base_end + run_length])
        new = len(run - base)
        window = GuestWindow(base_end, base_end + run_length, len(base), new, ratio(new, len(base)))
        windows.append(window)
        if reached is None and window.ratio is not None and window.ratio <= threshold:
            reached = window
    return GuestResult(
        base_size=base_size,
        run_length=run_length,
        threshold=threshold,
        windows=tuple(windows),
        reached_at=reached.run_end if reached else None,
        window=reached,
    )


def francis(code_sets: Sequence[Collection[Hashable]], *, initial: int, stop: int) -> FrancisResult:
    """Francis et al.'s stopping rule: ``stop`` transcripts in a row without a new code,
    counted after the first ``initial``."""
    if initial < 1 or stop < 1:
        raise ValueError("initial and stop must be at least 1")
    quiet = 0
    for point in curve(code_sets):
        if point.number <= initial:
            continue
        quiet = quiet + 1 if point.new == 0 else 0
        if quiet == stop:
            return FrancisResult(initial, stop, point.number)
    return FrancisResult(initial, stop, None)
