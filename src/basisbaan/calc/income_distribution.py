"""Does work pay, over a programme: the monthly gain of its participants in bands
of euros, the number worse off, the median, with small numbers suppressed.

Pure (numpy and :mod:`basisbaan.calc.suppression`); the database reads and the
two runs of the engine are in :mod:`basisbaan.income.programme`.

The gain is in cents a month, as :func:`basisbaan.calc.income.compare` gives it:
the month's average working less the month's average on assistance, each
rounded to cents. The bands are ``< 0``, ``0-100``, ..., ``700-800`` and
``>= 800`` euros (a band holds its lower bound, not its upper one); the first
band is the number worse off working at their current hours.

Every count goes through :func:`~basisbaan.calc.suppression.suppress` with two
relations a reader knows: participants = computed + not computed, and
computed = the sum of the bands. The median is shown only when at least
``threshold`` gains make it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

import numpy as np
import numpy.typing as npt

from basisbaan.calc.income import Household, Households
from basisbaan.calc.suppression import Mark, split, suppress

__all__ = [
    "BAND_TOP",
    "BAND_WIDTH",
    "Band",
    "Distribution",
    "Published",
    "bands",
    "distribution",
    "gain_cents",
    "published",
    "stack",
]

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
BAND_WIDTH: Final = 100  # euros a month
BAND_TOP: Final = 800  # the last band: this much or more
MONTHS: Final = 12
PARTICIPANTS: Final = "participants"
COMPUTED: Final = "computed"
OTHER: Final = "other"


@dataclass(frozen=True, slots=True)
class Band:
    """Gains from ``low`` (inclusive) to ``high`` (exclusive) euros a month;
    ``None``: no bound."""

    key: str
    low: int | None
    high: int | None


def bands(width: int = BAND_WIDTH, top: int = BAND_TOP) -> tuple[Band, ...]:
    """``< 0``, then ``width`` euros wide up to ``top``, then ``>= top``."""
    if width <= 0 or top <= 0 or top % width:
        raise ValueError("top must be a positive multiple of width")
    inner = tuple(Band(f"band-{low}", low, low + width) for low in range(0, top, width))
    return (Band("band-below", None, 0), *inner, Band(f"band-{top}", top, None))


def stack(households: Sequence[Household]) -> Households:
    """Households one after the other as the engine's arrays (shape ``(n,)``)."""
    rows = [h.arrays() for h in households]

    def column(name: str) -> Floats:
        values: Floats = np.array([getattr(r, name) for r in rows], dtype=np.float64)
        return values.reshape(len(rows))

    kind: Ints = column("kind").astype(np.int64)
    return Households(
        kind=kind,
        children=column("children"),
        children_12=column("children_12"),
        children_16=column("children_16"),
        rent_month=column("rent_month"),
        partner_gross=column("partner_gross"),
    )


def gain_cents(on_assistance_year: Floats, working_year: Floats) -> Ints:
    """The monthly gain in cents from two yearly totals: each month's average
    rounded half up to cents, then the difference (as ``compare`` does)."""

    def month(total: Floats) -> Ints:
        return np.floor(np.asarray(total, dtype=np.float64) * 100 / MONTHS + 0.5).astype(np.int64)

    gains: Ints = month(working_year) - month(on_assistance_year)
    return gains


@dataclass(frozen=True, slots=True)
class Distribution:
    """The counts before suppression: per band, the gains computed, those that
    could not be (household type "other"), and the median gain in euros."""

    bands: tuple[Band, ...]
    counts: tuple[int, ...]
    other: int
    median: Decimal | None

    @property
    def computed(self) -> int:
        return sum(self.counts)

    @property
    def participants(self) -> int:
        return self.computed + self.other

    @property
    def worse_off(self) -> int:
        return self.counts[0]


def distribution(
    gains: Ints, *, other: int, width: int = BAND_WIDTH, top: int = BAND_TOP
) -> Distribution:
    """The gains (cents a month) counted in :func:`bands`; ``other``: not computed."""
    every = bands(width, top)
    cents = np.asarray(gains, dtype=np.int64).reshape(-1)
    index = np.where(cents < 0, 0, 1 + np.minimum(cents // (width * 100), top // width))
    counts = np.bincount(index, minlength=len(every))
    median = None
    if cents.size:
        middle = Decimal(repr(float(np.median(cents)))) / 100
        median = middle.quantize(Decimal("0.01"), ROUND_HALF_UP)
    return Distribution(every, tuple(int(c) for c in counts), int(other), median)


@dataclass(frozen=True, slots=True)
class Published:
    """What may be shown: the mark of every count (keys ``participants``,
    ``computed``, ``other`` and the bands' keys), the median only when at least
    ``threshold`` gains make it."""

    distribution: Distribution
    threshold: int
    marks: dict[str, Mark]
    median: Decimal | None

    def value(self, key: str) -> int | None:
        """The count under ``key``, or None when it is suppressed."""
        if self.marks[key] is not Mark.PUBLISHED:
            return None
        d = self.distribution
        fixed = {PARTICIPANTS: d.participants, COMPUTED: d.computed, OTHER: d.other}
        if key in fixed:
            return fixed[key]
        return d.counts[[b.key for b in d.bands].index(key)]

    @property
    def worse_off_key(self) -> str:
        return self.distribution.bands[0].key


def published(d: Distribution, *, threshold: int) -> Published:
    """The counts of ``d`` with small numbers suppressed (:mod:`~basisbaan.calc.suppression`)."""
    keys = [b.key for b in d.bands]
    values = {PARTICIPANTS: d.participants, COMPUTED: d.computed, OTHER: d.other}
    values.update(zip(keys, d.counts, strict=True))
    marks = suppress(
        values,
        [split(PARTICIPANTS, [COMPUTED, OTHER]), split(COMPUTED, keys)],
        threshold=threshold,
        prefer=(PARTICIPANTS, COMPUTED),
    )
    median = d.median if d.computed >= threshold else None
    return Published(d, threshold, marks, median)
