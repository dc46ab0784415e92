"""Small-number suppression: which published figures to hide. Pure, numpy for the algebra.

Every outcome and report figure goes through :func:`suppress`. A figure based on
fewer people than ``threshold`` (the municipal setting, default 5) is hidden and
shown as "minder dan <threshold>" (:attr:`Mark.PRIMARY`). Every other figure that
would let a reader recompute a hidden one is hidden too, shown as "afgeschermd"
(:attr:`Mark.SECONDARY`). Zero is not sensitive and is published.

What a reader knows is given as additive :class:`Constraint` s, ``total ==
sum(parts)``. Tables get them from :func:`table` (every row and column, margins
included). Differences between figures and between periods are constraints too::

    started = active + exited        split("started", ["active", "exited"])
    to 2026 = to 2025 + year 2026    split("cum_2026", ["cum_2025", "year_2026"])

With started 16, active 14 and exited 2 (threshold 5), exited is primary and
active is hidden as well, since 16 - 14 = 2. With cum_2025 12, cum_2026 14 and
year_2026 2, year_2026 is primary and cum_2025 secondary. Linked tables (this
year's and last year's, or two breakdowns of the same people) are suppressed in
one call: merge their ``values`` and constraints, with the shared figures under
one key.

Safety criterion (the reader knows the published values and the constraints):
write the constraints as a matrix A (one row per constraint, +1 for the total
and -1 for each part, a repeated part counting with multiplicity) and A_S for its
columns of the suppressed cells. The reader can solve for a suppressed cell k
exactly iff the unit vector e_k lies in the row space of A_S, i.e. iff every
vector of the null space of A_S is 0 at k. One SVD per round finds all such
cells. This also catches patterns in which every row and column holds 0 or at
least 2 hidden cells but some cell is still determined (the "bridge" between two
blocks). Bounds from non-negativity (a hidden cell known to lie in a small
interval) are not considered: the criterion is exact recomputation.

Secondary choice, greedy, repeated while a suppressed cell is determined:

1. Take the first determined cell k (in the order of ``values``' keys).
2. One step ahead: hiding a published cell j frees the determined cells d for
   which j's column a_j of A lies in the column space of A_S and the solution u
   of A_S u = a_j has u_d != 0 (then (u, -1) is a new null vector); such a step
   never makes another cell determined. The candidates are the published cells
   of the constraints touching k's connected component (suppressed cells linked
   by shared constraints). Of those that free k, hide the first by: kind (rule
   4), smallest value, most determined cells freed, order of ``values``' keys.
   This completes the classic 2 x 2 rectangle (and mends bridges), whose last
   cell lies in no constraint of k.
3. If no single cell frees k (typically the first steps from a lone primary
   cell), fall back on k's constraints: among those that still have a
   published cell take the one with the fewest suppressed cells (the most
   direct leak: with one suppressed cell it gives k away on its own), ties by
   the order of ``constraints``. If all of k's constraints are hidden, k is
   determined through a chain, and the published cells of every constraint
   touching k's component are the candidates. Hide the first by: kind (rule 4),
   fewest constraints that would get their first hidden cell (each is a new
   leak to mend), smallest value, order of ``values``' keys.
4. Kind: non-total parts with a non-zero value, then zero-valued parts, then
   totals (a hidden zero shows a bound and a hidden total a sum, so they protect
   less), then the cells the caller prefers to keep (``prefer``: headline figures). A cell counts as a part if it is one in any candidate constraint.
5. If k's component touches no published cell at all, the constraints alone fix
   k, and a homogeneous system then forces it to 0 (for example ``x = x + y``
   says ``y == 0``). No pattern can hide it and a zero is not sensitive, so k
   is set aside (rule 6 publishes it) and the loop goes on with the other
   cells. This is the "suppress the whole component" last resort, reached with
   it already done.
6. Clean-up: the greedy steps can leave a secondary cell that is no longer
   needed. Each secondary cell, preferred cells first, then largest value first
   (ties: order of keys), is
   published again if no hidden cell becomes determined. With N a basis of the
   null space of A_S, publishing j keeps the null vectors with 0 at j, and a
   free hidden cell k becomes determined exactly when its row of N is parallel
   to j's; one projection of N per cell tests and applies this. A cell set
   aside by rule 5 is published: its value, 0, is known anyway.

Each round hides one more cell or settles one, so the loop ends after at most
``len(values)`` rounds, and it ends only when no suppressed cell is determined
(apart from those forced to 0); the clean-up keeps that. The pattern is safe
but not necessarily the smallest (finding that is an integer programme). The
same input in the same key order gives the same output.
"""

from __future__ import annotations

import dataclasses
import enum
import operator
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

import numpy as np
import numpy.typing as npt

__all__ = ["Constraint", "Mark", "split", "suppress", "table"]

type Floats = npt.NDArray[np.float64]

EPSILON: Final = float(np.finfo(np.float64).eps)
# Zero for the algebra: a determined cell's coordinate in the null space, a
# residual, a coefficient. SVD noise is ~1e-15 times the condition; the true
# non-zero values of these small integer systems are orders of magnitude larger.
TOLERANCE: Final = 1e-9

_NONZERO_PART: Final = 0
_ZERO_PART: Final = 1
_TOTAL: Final = 2
_PREFERRED: Final = 3


class Mark(enum.StrEnum):
    """How a figure is shown."""

    PUBLISHED = "published"
    PRIMARY = "primary"  # 0 < value < threshold: shown as "minder dan <threshold>"
    SECONDARY = "secondary"  # hidden so no primary cell can be recomputed: "afgeschermd"


@dataclass(frozen=True, slots=True)
class Constraint[K: Hashable]:
    """values[total] == sum(values[p] for p in parts): an additive relation a reader knows."""

    total: K
    parts: tuple[K, ...]


def split[K: Hashable](total: K, parts: Iterable[K]) -> Constraint[K]:
    """The constraint ``total == sum(parts)``, e.g. started = active + exited."""
    return Constraint(total, tuple(parts))


def table[R: Hashable, C: Hashable](
    rows: Sequence[R],
    cols: Sequence[C],
    cells: Mapping[tuple[R, C], int],
    *,
    row_total: C,
    col_total: R,
) -> tuple[dict[tuple[R, C], int], list[Constraint[tuple[R, C]]]]:
    """A two-way table with its margins, and the constraints of every row and column.

    ``cells`` holds the inner cells keyed ``(row, col)``; a missing cell counts
    as 0, a key outside ``rows`` x ``cols`` is refused. Row totals get the column
    key ``row_total``, column totals the row key ``col_total`` and the grand total
    is ``(col_total, row_total)``. The values come in reading order (row by row,
    each row followed by its total, the totals row last); the constraints are
    the rows (the totals row last), then the columns (the totals column last).
    """
    if len(set(rows)) != len(rows) or len(set(cols)) != len(cols):
        raise ValueError("rows and columns must be distinct")
    if row_total in cols or col_total in rows:
        raise ValueError("the total keys must differ from the row and column keys")
    outside = [key for key in cells if key[0] not in rows or key[1] not in cols]
    if outside:
        raise ValueError(f"cells outside the table: {outside!r}")

    inner = {(r, c): operator.index(cells.get((r, c), 0)) for r in rows for c in cols}
    values: dict[tuple[R, C], int] = {}
    for r in rows:
        for c in cols:
            values[r, c] = inner[r, c]
        values[r, row_total] = sum(inner[r, c] for c in cols)
    for c in cols:
        values[col_total, c] = sum(inner[r, c] for r in rows)
    values[col_total, row_total] = sum(inner.values())

    all_rows = [*rows, col_total]
    all_cols = [*cols, row_total]
    constraints = [split((r, row_total), [(r, c) for c in cols]) for r in all_rows]
    constraints += [split((col_total, c), [(r, c) for r in rows]) for c in all_cols]
    return values, constraints


# Rounds of careful, one-cell-at-a-time choices before the coarse rule takes over.
CAREFUL_ROUNDS: Final = 8


def suppress[K: Hashable](
    values: Mapping[K, int],
    constraints: Sequence[Constraint[K]],
    *,
    threshold: int,
    hidden: Collection[K] = (),
    protect: Collection[K] = (),
    prefer: Collection[K] = (),
) -> dict[K, Mark]:
    """The mark of every cell, in the order of ``values``: primary and secondary suppression.

    ``values`` are counts (non-negative integers); every key of a constraint must
    be among them and every constraint must hold. A cell with ``0 < value <
    threshold`` is primary; cells are then hidden as secondary, by the rules in
    the module docstring, until no hidden cell can be recomputed from the
    published ones and the constraints.

    ``hidden`` cells are never published (a helper cell of a relation, such as a
    stock plus a flow): they are unknowns to a reader from the start (marked
    secondary) but not sensitive themselves, so nothing is hidden to protect them.

    ``protect`` cells are hidden and protected as if they were small (marked
    secondary): a figure that is not small itself but would give away a small
    one together with what was published elsewhere, such as a cumulative count
    beside the same count in an earlier report (differencing over time).

    ``prefer`` cells (headline figures, such as "at work") are hidden last when
    another cell must go, and published again first by the clean-up: the same
    safety, with the figure readers look for kept where a pattern allows it.
    """
    keys = list(values)
    amounts = [operator.index(values[key]) for key in keys]
    threshold = operator.index(threshold)
    negative = [key for key, amount in zip(keys, amounts, strict=True) if amount < 0]
    if negative:
        raise ValueError(f"counts cannot be negative: {negative!r}")
    system = _System.build(keys, amounts, constraints)

    position = {key: cell for cell, key in enumerate(keys)}
    if prefer:
        system = dataclasses.replace(system, preferred=frozenset(position[k] for k in prefer))
    small = {cell for cell, amount in enumerate(amounts) if 0 < amount < threshold}
    protected = {position[key] for key in protect} - small
    primary = small | protected  # the cells no reader may recompute
    fixed = {position[key] for key in hidden}
    suppressed = primary | fixed
    rounds = 0
    settled: set[int] = set()  # determined by the constraints alone (always 0)
    while True:
        algebra = _Algebra.of(system, sorted(suppressed))
        # A hidden helper cell is not sensitive: it may be determined.
        determined = [
            cell for cell in algebra.determined if cell not in settled and cell not in fixed
        ]
        if not determined:
            break
        # Every determined cell in one round, from this round's algebra: hiding
        # more never exposes a cell, so the choices stay safe; a cell an earlier
        # choice of the round already frees is skipped, and the next round checks.
        rounds += 1
        if rounds > CAREFUL_ROUNDS:
            # Many small numbers in one web of relations: hide the published
            # neighbours of every exposed cell at once (safe, converges in a few
            # rounds); the clean-up below publishes again what need not be hidden.
            before = len(suppressed)
            for cell in determined:
                suppressed.update(
                    other
                    for number in system.of_cell[cell]
                    for other in system.rows[number]
                    if other not in suppressed
                )
            if len(suppressed) > before:
                continue
            # Every neighbour is hidden already: the cell is fixed through a chain.
            # Hide the published cells around its whole component (as rule 3 does);
            # if there are none, the constraints alone fix it (rule 5: settled).
            for cell in determined:
                suppressed.update(
                    other
                    for linked in _component(system, cell, suppressed)
                    for number in system.of_cell[linked]
                    for other in system.rows[number]
                    if other not in suppressed
                )
            if len(suppressed) == before:
                settled.update(determined)
            continue
        freed: set[int] = set()
        for cell in determined:
            if cell in freed:
                continue
            extra, frees = _next_cell(system, amounts, algebra, cell)
            if extra is None:
                settled.add(cell)
            else:
                suppressed.add(extra)
                freed |= frees
    suppressed -= _redundant(algebra, amounts, suppressed - primary - fixed, system.preferred)

    def mark(cell: int) -> Mark:
        if cell in small:
            return Mark.PRIMARY
        return Mark.SECONDARY if cell in suppressed else Mark.PUBLISHED

    return {key: mark(cell) for cell, key in enumerate(keys)}


@dataclass(frozen=True, slots=True)
class _System:
    """The constraints as sparse rows over cell numbers (positions in ``values``)."""

    rows: list[dict[int, int]]  # per constraint: cell -> coefficient (+1 total, -1 a part)
    totals: list[int]  # per constraint: its total's cell
    of_cell: list[list[int]]  # per cell: the constraints it has a coefficient in, ascending
    preferred: frozenset[int] = frozenset()  # cells to hide last, publish again first

    @classmethod
    def build[K: Hashable](
        cls, keys: list[K], amounts: list[int], constraints: Sequence[Constraint[K]]
    ) -> _System:
        index = {key: cell for cell, key in enumerate(keys)}
        rows: list[dict[int, int]] = []
        totals: list[int] = []
        of_cell: list[list[int]] = [[] for _ in keys]
        for number, constraint in enumerate(constraints):
            unknown = [k for k in (constraint.total, *constraint.parts) if k not in index]
            if unknown:
                raise ValueError(f"constraint {number} names cells without a value: {unknown!r}")
            row = {index[constraint.total]: 1}
            for part in constraint.parts:
                row[index[part]] = row.get(index[part], 0) - 1
            row = {cell: coefficient for cell, coefficient in row.items() if coefficient}
            if sum(amounts[cell] * coefficient for cell, coefficient in row.items()):
                raise ValueError(f"constraint {number} does not hold: {constraint!r}")
            for cell in sorted(row):
                of_cell[cell].append(number)
            rows.append(row)
            totals.append(index[constraint.total])
        return cls(rows, totals, of_cell)


@dataclass(frozen=True, slots=True)
class _Algebra:
    """A_S of one suppression pattern after one SVD: what a reader can solve, what would help."""

    suppressed: list[int]  # the columns of A_S: suppressed cells, ascending
    touched: dict[int, int]  # constraint -> its row in A_S (those with a suppressed cell)
    span: Floats  # orthonormal basis of the column space of A_S (touched x rank)
    solve: Floats  # V_r diag(1/sigma): u = solve @ (span.T @ b) solves A_S u = b (s x rank)
    null: Floats  # orthonormal basis of the null space of A_S, as columns (s x nullity)
    determined: list[int]  # the suppressed cells a reader can solve exactly, ascending

    @classmethod
    def of(cls, system: _System, suppressed: list[int]) -> _Algebra:
        numbers = sorted({number for cell in suppressed for number in system.of_cell[cell]})
        touched = {number: i for i, number in enumerate(numbers)}
        if not touched:  # no suppressed cell is in a constraint: nothing to solve with
            return cls(suppressed, touched, _empty(0, 0), _empty(0, 0), np.eye(len(suppressed)), [])
        a = _matrix(system, touched, suppressed)
        # The full V is needed for the null space; the full U only when it is the smaller.
        u, singular, vt = np.linalg.svd(a, full_matrices=a.shape[0] < a.shape[1])
        rank = int(np.count_nonzero(singular > singular.max() * max(a.shape) * EPSILON))
        null = vt[rank:].T
        # A cell is determined iff its coordinate is 0 in every null vector.
        freedom = np.linalg.norm(null, axis=1)
        determined = [cell for j, cell in enumerate(suppressed) if freedom[j] < TOLERANCE]
        return cls(
            suppressed, touched, u[:, :rank], vt[:rank].T / singular[:rank], null, determined
        )

    def freed(self, system: _System, candidates: list[int]) -> list[frozenset[int]]:
        """Per candidate, the determined cells that hiding it (and nothing else) would free."""
        # A column with a coefficient in a constraint without suppressed cells is
        # outside the column space: hiding it frees nothing.
        usable = [c for c in candidates if self.touched.keys() >= set(system.of_cell[c])]
        b = _matrix(system, self.touched, usable)
        coordinates = self.span.T @ b
        residual = np.linalg.norm(b - self.span @ coordinates, axis=0)
        solution = self.solve @ coordinates
        position = {cell: j for j, cell in enumerate(self.suppressed)}
        freed: dict[int, frozenset[int]] = {}
        for i, candidate in enumerate(usable):
            if residual[i] < TOLERANCE:
                freed[candidate] = frozenset(
                    d for d in self.determined if abs(solution[position[d], i]) > TOLERANCE
                )
        return [freed.get(candidate, frozenset()) for candidate in candidates]


def _empty(rows: int, cols: int) -> Floats:
    return np.zeros((rows, cols))


def _matrix(system: _System, touched: dict[int, int], cells: list[int]) -> Floats:
    """The coefficients of ``cells`` (columns) in the ``touched`` constraints (rows)."""
    a = _empty(len(touched), len(cells))
    for j, cell in enumerate(cells):
        for number in system.of_cell[cell]:
            i = touched.get(number)
            if i is not None:
                a[i, j] = system.rows[number][cell]
    return a


def _next_cell(
    system: _System, amounts: list[int], algebra: _Algebra, cell: int
) -> tuple[int | None, frozenset[int]]:
    """The published cell to hide next for the determined ``cell`` (rules 2-5), if
    any, and the determined cells hiding it frees (at least ``cell`` itself)."""
    suppressed = set(algebra.suppressed)
    around = {n for c in _component(system, cell, suppressed) for n in system.of_cell[c]}
    candidates = sorted({c for n in around for c in system.rows[n] if c not in suppressed})
    if not candidates:
        return None, frozenset()

    freed = algebra.freed(system, candidates)
    frees = dict(zip(candidates, freed, strict=True))
    helpful = {c: len(f) for c, f in frees.items() if cell in f}
    if helpful:
        best = min(
            helpful,
            key=lambda c: (_kind(system, amounts, c, around), amounts[c], -helpful[c], c),
        )
        return best, frees[best]

    open_rows = [n for n in system.of_cell[cell] if not suppressed.issuperset(system.rows[n])]
    if open_rows:
        chosen = min(open_rows, key=lambda n: (len(suppressed.intersection(system.rows[n])), n))
        around = {chosen}
        candidates = [c for c in system.rows[chosen] if c not in suppressed]

    def leaks(c: int) -> int:
        return sum(1 for n in system.of_cell[c] if n not in algebra.touched)

    best = min(
        candidates, key=lambda c: (_kind(system, amounts, c, around), leaks(c), amounts[c], c)
    )
    return best, frozenset({cell})


def _kind(system: _System, amounts: list[int], cell: int, constraints: set[int]) -> int:
    """Rule 4: a non-zero part, a zero part or only a total in ``constraints``; a
    preferred cell (a headline figure) after all of them."""
    if cell in system.preferred:
        return _PREFERRED
    if any(system.totals[n] != cell for n in system.of_cell[cell] if n in constraints):
        return _NONZERO_PART if amounts[cell] else _ZERO_PART
    return _TOTAL


def _component(system: _System, start: int, suppressed: set[int]) -> set[int]:
    """The suppressed cells linked to ``start`` through shared constraints."""
    seen = {start}
    todo = [start]
    while todo:
        cell = todo.pop()
        for number in system.of_cell[cell]:
            for other in system.rows[number]:
                if other in suppressed and other not in seen:
                    seen.add(other)
                    todo.append(other)
    return seen


def _redundant(
    algebra: _Algebra, amounts: list[int], secondary: set[int], preferred: frozenset[int]
) -> set[int]:
    """The secondary cells that can be published again without exposing a hidden cell (rule 6).

    ``algebra`` is that of the final pattern, in which only cells forced to 0 are
    determined.
    """
    null = algebra.null
    free = np.linalg.norm(null, axis=1) >= TOLERANCE  # hidden and not forced to 0
    position = {cell: j for j, cell in enumerate(algebra.suppressed)}
    published: set[int] = set()
    for cell in sorted(secondary, key=lambda c: (c not in preferred, -amounts[c], c)):
        j = position[cell]
        if not free[j]:  # forced to 0 by the constraints (rule 5): known anyway
            published.add(cell)
            continue
        w = null[j] / np.linalg.norm(null[j])
        # The null vectors with 0 at j: project every row onto w's complement.
        projected = null - np.outer(null @ w, w)
        still_free = np.linalg.norm(projected, axis=1) >= TOLERANCE
        still_free[j] = True
        if np.any(free & ~still_free):
            continue
        null = projected
        free[j] = False
        published.add(cell)
    return published
