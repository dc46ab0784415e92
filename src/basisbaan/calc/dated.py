"""Values that hold from a date on, and what is known about a later date.

Pure: the parameter tables hand their rows to :class:`DatedSeries`, and the
calculations ask it for the value on a day. A day past the next expected
change (a minimum wage changes every 1 January and 1 July, premiums every
1 January) gets the last known value, indexed by an assumed rate per missed
change when one is given, and is marked as an assumption.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from basisbaan.calc.dates import HORIZON, add_months, clip


@dataclass(frozen=True, slots=True)
class DatedValue:
    value: Decimal
    effective_date: dt.date
    source: str
    assumed: bool


@dataclass(frozen=True, slots=True)
class DatedSeries:
    """Rows of one parameter, sorted by date.

    ``cadence_months`` is how often the value is expected to change (6 for
    the minimum wage, 12 for premiums, None when it changes only by decision).
    """

    key: str
    dates: tuple[dt.date, ...]
    values: tuple[Decimal, ...]
    sources: tuple[str, ...]
    cadence_months: int | None = None
    places: int = 6

    @classmethod
    def of(
        cls,
        key: str,
        rows: list[tuple[dt.date, Decimal, str]],
        *,
        cadence_months: int | None = None,
        places: int = 6,
    ) -> DatedSeries:
        rows = sorted(rows)
        return cls(
            key=key,
            dates=tuple(r[0] for r in rows),
            values=tuple(r[1] for r in rows),
            sources=tuple(r[2] for r in rows),
            cadence_months=cadence_months,
            places=places,
        )

    def missed_changes(self, day: dt.date) -> int:
        """How many expected changes lie between the last known row and ``day``."""
        if self.cadence_months is None or not self.dates:
            return 0
        last, day = self.dates[-1], clip(day, last=HORIZON[1])
        if last.day <= 28:
            # No month-end clipping on the way: count the months (bounded for any day).
            months = (day.year - last.year) * 12 + day.month - last.month
            months -= int(day.day < last.day)
            return max(months, 0) // self.cadence_months
        steps, next_change = 0, add_months(last, self.cadence_months)
        while next_change <= day:
            steps += 1
            next_change = add_months(next_change, self.cadence_months)
        return steps

    def at(self, day: dt.date, *, indexation: Decimal = Decimal(0)) -> DatedValue:
        """The value on ``day``; ``indexation`` is the assumed rise per missed change.

        Raises LookupError before the first known date.
        """
        index = bisect.bisect_right(self.dates, day) - 1
        if index < 0:
            raise LookupError(f"{self.key}: no value known on {day.isoformat()}")
        value, missed = self.values[index], 0
        if index == len(self.dates) - 1:
            missed = self.missed_changes(day)
        if missed:
            quantum = Decimal(1).scaleb(-self.places)
            value = (value * (1 + indexation) ** missed).quantize(quantum, ROUND_HALF_UP)
        return DatedValue(value, self.dates[index], self.sources[index], assumed=missed > 0)
