"""The budget chart as plain geometry for a server-rendered inline SVG (no script, no inline style).

Per budget year, spending cumulated from January against that year's budget
(accruing evenly over the months): the actual line up to the as-of month, then
the chosen scenario's line and the Monte Carlo's P50 inside its P10-P90 band.
Every series starts again in January: unspent budget goes to the accounts
result and does not carry over. Drawn at two sizes, a wide one and one for a
phone, so that the labels stay readable; CSS shows one. The page's table is
the text alternative.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from basisbaan.budgets.forecasting import MonthPoint
from basisbaan.core.money import format_euro

__all__ = ["Chart", "chart_of", "charts_of"]

TOP = 16
BOTTOM = 28
SIDE = 10


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    size: str  # "wide" or "narrow"
    width: int
    height: int
    budget: list[str]  # polyline points, one per year
    actual: list[str]
    scenario: list[str]
    p50: list[str]
    band: list[str]  # polygon points (P90 forward, P10 back), one per year
    x_ticks: list[Tick]  # year starts
    y_ticks: list[Tick]  # amounts
    plot_left: int
    plot_right: int
    plot_bottom: int


def _nice_top(value: Decimal) -> Decimal:
    """A round upper bound: 1, 2 or 5 times a power of ten, or 1.5 or 3 times one."""
    if value <= 0:
        return Decimal(1000)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in ("1", "1.5", "2", "3", "5", "6", "8", "10"):
        if value <= Decimal(step) * magnitude:
            return Decimal(step) * magnitude
    return 10 * magnitude  # pragma: no cover


def _short_euro(value: Decimal) -> str:
    text = format_euro(value)
    return text[:-3] if text.endswith(",00") else text


def chart_of(points: Sequence[MonthPoint], *, width: int, height: int, size: str) -> Chart | None:
    """Geometry of the months at ``width`` x ``height``; None without months."""
    if not points:
        return None
    highest = max(
        max(p.budget, p.actual or 0, p.forecast or 0, p.p90 or 0, p.p50 or 0) for p in points
    )
    top = _nice_top(Decimal(highest))
    n = len(points)
    span = width - 2 * SIDE
    bottom = height - BOTTOM

    def x(i: int) -> float:
        return round(SIDE + span * (i + 0.5) / n, 1)

    def y(value: Decimal | int) -> float:
        return round(bottom - (bottom - TOP) * float(Decimal(value) / top), 1)

    by_year: dict[int, list[tuple[int, MonthPoint]]] = defaultdict(list)
    for i, p in enumerate(points):
        by_year[p.month.year].append((i, p))
    budget, actual, scenario, p50, band = [], [], [], [], []
    for months in by_year.values():
        budget.append(" ".join(f"{x(i)},{y(p.budget)}" for i, p in months))
        past = [(i, p.actual) for i, p in months if p.actual is not None]
        future = [(i, p) for i, p in months if p.actual is None]
        if past:
            actual.append(" ".join(f"{x(i)},{y(v)}" for i, v in past))
        if not future:
            continue
        joint = [past[-1]] if past else []

        def line(values: list[tuple[int, Decimal | None]], joint: list = joint) -> str:  # type: ignore[type-arg]
            return " ".join(f"{x(i)},{y(v)}" for i, v in [*joint, *values] if v is not None)

        scenario.append(line([(i, p.forecast) for i, p in future]))
        p50.append(line([(i, p.p50) for i, p in future]))
        upper = [*joint, *((i, p.p90) for i, p in future)]
        lower = [*joint, *((i, p.p10) for i, p in future)]
        band.append(
            " ".join(
                [f"{x(i)},{y(v)}" for i, v in upper if v is not None]
                + [f"{x(i)},{y(v)}" for i, v in reversed(lower) if v is not None]
            )
        )
    x_ticks = [
        Tick(round(x(months[0][0]) - span / n / 2, 1), bottom, str(year))
        for year, months in by_year.items()
    ]
    y_ticks = [Tick(SIDE, y(top * k / 4), _short_euro(top * k / 4)) for k in range(1, 5)]
    return Chart(
        size=size,
        width=width,
        height=height,
        budget=budget,
        actual=actual,
        scenario=scenario,
        p50=p50,
        band=band,
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        plot_left=SIDE,
        plot_right=width - SIDE,
        plot_bottom=bottom,
    )


def charts_of(points: Sequence[MonthPoint]) -> list[Chart]:
    """The chart for a wide screen and for a phone."""
    made = [
        chart_of(points, width=720, height=320, size="wide"),
        chart_of(points, width=360, height=300, size="narrow"),
    ]
    return [c for c in made if c is not None]
