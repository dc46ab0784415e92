"""The regional comparison: each sharing municipality's figures beside the others' and
the region's total, with small numbers suppressed across all of them at once. Pure.

What a municipality shares is one set of counts and three amounts (see
:data:`COUNTS` and :class:`Shared`); the page, the export and the API show the
counts, the shares between them and two figures per participant-year.

Suppression (domain facts §3): every count of every municipality and of the
region goes into one call of :func:`basisbaan.calc.suppression.suppress` with
the relations a reader knows:

- within a municipality, the same relations as its own outcome page
  (``started = transition + social value = active + exited``,
  ``active = at work + between placements``, and so on, :data:`RELATIONS`);
- across the region, ``region = sum of the municipalities`` for every count.

So no hidden figure of one municipality can be recomputed from the region's
total and the other municipalities' published figures. Where a cell must go to
protect another, the region's total goes before a municipality's figure: the
page compares municipalities. The threshold is the
strictest of the region's and the sharing municipalities' own.

Shares (percentages) are shown when both their counts are published. The
amounts per participant-year (costs, guidance hours) are shown for a
municipality that started at least the threshold of participants (an amount
tells nothing of a count, but a small group's amount is close to a person's);
the region's only when none or at least two municipalities' are hidden, so a
single hidden one cannot be approached from the total.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from basisbaan.calc.business_case import per_participant_year
from basisbaan.calc.suppression import Constraint, Mark, suppress

__all__ = [
    "COUNTS",
    "HELPERS",
    "RATES",
    "RELATIONS",
    "REGION",
    "Cell",
    "Comparison",
    "Row",
    "Shared",
    "compare",
]

# The published counts, in the order of the page.
COUNTS: Final = (
    "started",
    "started_transition",
    "started_social",
    "active",
    "working",
    "exited",
    "exits_work",
    "ret12_eligible",
    "ret12_retained",
    "fu6_measured",
    "fu6_working",
    "placements_running",
    "cadence_kept",
)
# Counts that complete a relation (the rest of a total): never shown, so unknown to a
# reader (except a zero, see compare), but counts of people like any other: a small
# one is protected.
HELPERS: Final = ("between", "exits_other", "ret12_not", "fu6_not", "cadence_overdue")
# total == sum(parts), within one municipality (and so within the region).
RELATIONS: Final[tuple[tuple[str, tuple[str, ...]], ...]] = (
    ("started", ("started_transition", "started_social")),
    ("started", ("active", "exited")),
    ("active", ("working", "between")),
    ("exited", ("exits_work", "exits_other")),
    ("ret12_eligible", ("ret12_retained", "ret12_not")),
    ("fu6_measured", ("fu6_working", "fu6_not")),
    ("placements_running", ("cadence_kept", "cadence_overdue")),
)
# The shares shown: name -> (part, whole).
RATES: Final = {
    "retention12": ("ret12_retained", "ret12_eligible"),
    "exits_work_share": ("exits_work", "exited"),
    "durable6": ("fu6_working", "fu6_measured"),
    "cadence_share": ("cadence_kept", "placements_running"),
}
# The key of the region's total among the rows.
REGION: Final = "__region__"
TENTH: Final = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class Shared:
    """What one municipality shares (one programme, or its programmes added up).

    ``counts`` holds every name of :data:`COUNTS` and :data:`HELPERS` (a missing
    one counts as 0); ``cost`` is the gross cost in cents over
    ``participant_months`` basisbaan months; ``guidance`` the guidance hours in
    hundredths over the same months.
    """

    key: Hashable
    counts: Mapping[str, int]
    cost: int
    participant_months: int
    guidance: int
    threshold: int


@dataclass(frozen=True, slots=True)
class Cell:
    """A published figure, or why not: ``mark`` is a :class:`Mark` value."""

    value: int | Decimal | None
    mark: str

    @property
    def shown(self) -> bool:
        return self.value is not None


@dataclass
class Row:
    key: Hashable
    counts: dict[str, Cell] = field(default_factory=dict)
    rates: dict[str, Cell] = field(default_factory=dict)
    cost_per_year: Cell = Cell(None, Mark.SECONDARY.value)  # cents per participant-year
    hours_per_year: Cell = Cell(None, Mark.SECONDARY.value)  # hours, one decimal


@dataclass
class Comparison:
    threshold: int
    rows: list[Row]  # one per municipality, in the order given
    total: Row


def _check(items: Sequence[Shared]) -> None:
    keys = [item.key for item in items]
    if len(set(keys)) != len(keys) or REGION in keys:
        raise ValueError("municipality keys must be distinct and not the region's")
    for item in items:
        counts = {name: int(item.counts.get(name, 0)) for name in (*COUNTS, *HELPERS)}
        for total, parts in RELATIONS:
            if counts[total] != sum(counts[p] for p in parts):
                raise ValueError(f"{item.key!r}: {total} != {' + '.join(parts)}")
        if min(counts.values()) < 0 or min(item.participant_months, item.guidance) < 0:
            raise ValueError(f"{item.key!r}: negative figures")


def _system(
    items: Sequence[Shared],
) -> tuple[dict[tuple[Hashable, str], int], list[Constraint[tuple[Hashable, str]]]]:
    """The counts and relations. With one municipality the region is that
    municipality: its cells are not repeated (they take the municipality's marks)."""
    values: dict[tuple[Hashable, str], int] = {}
    constraints: list[Constraint[tuple[Hashable, str]]] = []
    names = (*COUNTS, *HELPERS)
    keys = [item.key for item in items]
    if len(items) > 1:
        keys.append(REGION)
    for key in keys:
        for total, parts in RELATIONS:
            constraints.append(Constraint((key, total), tuple((key, p) for p in parts)))
    for item in items:
        for name in names:
            values[item.key, name] = int(item.counts.get(name, 0))
    if len(items) > 1:
        for name in names:
            values[REGION, name] = sum(values[item.key, name] for item in items)
            constraints.append(
                Constraint((REGION, name), tuple((item.key, name) for item in items))
            )
    return values, constraints


def _percent(part: Cell, whole: Cell) -> Cell:
    if part.value is None or whole.value is None:
        return Cell(None, Mark.SECONDARY.value)
    if whole.value == 0:
        return Cell(None, Mark.PUBLISHED.value)  # nothing to divide: shown as "-"
    value = (Decimal(100) * Decimal(part.value) / Decimal(whole.value)).quantize(
        TENTH, ROUND_HALF_UP
    )
    return Cell(value, Mark.PUBLISHED.value)


def _per_year(cost: int, guidance: int, months: int) -> tuple[int | None, Decimal | None]:
    if months <= 0:
        return None, None
    cents = per_participant_year(cost, months)
    hours = (Decimal(guidance) * 12 / Decimal(months) / 100).quantize(TENTH, ROUND_HALF_UP)
    return cents, hours


def _fill(row: Row, marks: Mapping[tuple[Hashable, str], Mark], values: Mapping) -> None:  # type: ignore[type-arg]
    for name in COUNTS:
        mark = marks[row.key, name]
        value = values[row.key, name] if mark == Mark.PUBLISHED else None
        row.counts[name] = Cell(value, mark.value)
    for rate, (part, whole) in RATES.items():
        row.rates[rate] = _percent(row.counts[part], row.counts[whole])


def _aliases(
    values: Mapping[tuple[Hashable, str], int],
) -> dict[tuple[Hashable, str], tuple[Hashable, str]]:
    """A part whose rest is 0 is the same set of people as its total (everyone active
    is at work): one cell for both, as the outcome page does, so hiding one hides the
    other and a reader's knowledge that the rest is 0 (counts are not negative) gives
    nothing away."""
    aliases = {}
    for key, _name in values:
        for total, (part, rest) in ((t, p) for t, p in RELATIONS if len(p) == 2):
            if rest in HELPERS and values.get((key, rest)) == 0 and (key, total) in values:
                aliases[key, part] = (key, total)
    return aliases


def _suppress(
    values: dict[tuple[Hashable, str], int],
    constraints: list[Constraint[tuple[Hashable, str]]],
    threshold: int,
) -> dict[tuple[Hashable, str], Mark]:
    aliases = _aliases(values)

    def resolve(key: tuple[Hashable, str]) -> tuple[Hashable, str]:
        return aliases.get(key, key)

    cells = {k: v for k, v in values.items() if k not in aliases}
    system = []
    for c in constraints:
        total, parts = resolve(c.total), tuple(resolve(p) for p in c.parts)
        parts = tuple(p for p in parts if not (p[1] in HELPERS and values[p] == 0))
        if parts and parts != (total,):
            system.append(Constraint(total, parts))
    # The rest-of-a-total counts are never shown: unknowns to a reader from the start,
    # and protected like any count when small (a reader must not subtract them out).
    helpers = {k for k in cells if k[1] in HELPERS and cells[k] > 0}
    small = {k for k in helpers if cells[k] < threshold}
    zero_helpers = {k for k in cells if k[1] in HELPERS and cells[k] == 0}
    counted = {k: v for k, v in cells.items() if k not in zero_helpers}
    marks: dict[tuple[Hashable, str], Mark] = suppress(
        counted,
        system,
        threshold=threshold,
        hidden=helpers - small,
        protect=small,
        # A comparison is of municipalities: when a cell must go to protect another,
        # the region's total goes first (it is their sum, where they are shown).
        prefer={k for k in counted if k[0] != REGION} - helpers,
    )
    for key in zero_helpers:
        marks[key] = Mark.PUBLISHED
    for alias, cell in aliases.items():
        marks[alias] = marks[cell]
    return marks


def compare(items: Sequence[Shared], *, threshold: int) -> Comparison:
    """Every municipality's figures and the region's, suppressed together.

    ``threshold`` is the region's own; the one applied is the largest of it and
    the municipalities' (:attr:`Shared.threshold`).
    """
    _check(items)
    applied = max([threshold, *(item.threshold for item in items)])
    values, constraints = _system(items)
    marks = _suppress(values, constraints, applied)
    if len(items) <= 1:
        for name in (*COUNTS, *HELPERS):
            cell = (items[0].key, name) if items else None
            values[REGION, name] = values[cell] if cell else 0
            marks[REGION, name] = marks[cell] if cell else Mark.PUBLISHED
    rows = []
    small_amounts = 0
    for item in items:
        row = Row(item.key)
        _fill(row, marks, values)
        cents, hours = _per_year(item.cost, item.guidance, item.participant_months)
        # An amount per participant-year tells nothing of a count; it is kept from
        # groups smaller than the threshold (the amount of a few people).
        if int(item.counts.get("started", 0)) < applied:
            small_amounts += cents is not None
            row.cost_per_year = row.hours_per_year = Cell(None, Mark.PRIMARY.value)
        else:
            row.cost_per_year = Cell(cents, Mark.PUBLISHED.value)
            row.hours_per_year = Cell(hours, Mark.PUBLISHED.value)
        rows.append(row)
    total = Row(REGION)
    _fill(total, marks, values)
    cents, hours = _per_year(
        sum(i.cost for i in items),
        sum(i.guidance for i in items),
        sum(i.participant_months for i in items),
    )
    if sum(int(i.counts.get("started", 0)) for i in items) < applied:
        total.cost_per_year = total.hours_per_year = Cell(None, Mark.PRIMARY.value)
    elif small_amounts == 1 and len(items) > 1:
        # One small group's amount would be approached from the total and the others.
        total.cost_per_year = total.hours_per_year = Cell(None, Mark.SECONDARY.value)
    else:
        total.cost_per_year = Cell(cents, Mark.PUBLISHED.value)
        total.hours_per_year = Cell(hours, Mark.PUBLISHED.value)
    return Comparison(threshold=applied, rows=rows, total=total)
