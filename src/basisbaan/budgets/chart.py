"""The budget chart as plain geometry for a server-rendered inline SVG (no script, no inline style).

Cumulative spending over the programme's months against the cumulative budget:
the actual line up to the as-of month, then the chosen scenario's line, and the
Monte Carlo's P50 line inside its P10-P90 band. The template draws the shapes
with classes from ``budgets/chart.css``; the page's table is the text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from basisbaan.budgets.forecasting import MonthPoint
from basisbaan.core.money import format_euro

__all__ = ["Chart", "chart_of"]

WIDTH = 640
HEIGHT = 300
LEFT = 12
RIGHT = 12
TOP = 16
BOTTOM = 28


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    budget: str  # polyline points
    actual: str
    scenario: str
    p50: str
    band: str  # polygon points (P90 forward, P10 back)
    x_ticks: list[Tick]  # year starts
    y_ticks: list[Tick]  # amounts
    plot_left: int
    plot_right: int
    plot_bottom: int
    top: Decimal


def _nice_top(value: Decimal) -> Decimal:
    """A round upper bound: 1, 2 or 5 times a power of ten."""
    if value <= 0:
        return Decimal(1000)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude  # pragma: no cover


def chart_of(points: Sequence[MonthPoint]) -> Chart | None:
    """Geometry for the months, or None without months."""
    if not points:
        return None
    highest = max(
        max(
            (p.budget, p.actual or 0, p.forecast or 0, p.p90 or 0, p.p50 or 0),
        )
        for p in points
    )
    top = _nice_top(Decimal(highest))
    n = len(points)
    span = WIDTH - LEFT - RIGHT
    bottom = HEIGHT - BOTTOM

    def x(i: int) -> float:
        return round(LEFT + span * (i + 0.5) / n, 1)

    def y(value: Decimal | int) -> float:
        return round(bottom - (bottom - TOP) * float(Decimal(value) / top), 1)

    def line(values: list[tuple[int, Decimal | None]]) -> str:
        return " ".join(f"{x(i)},{y(v)}" for i, v in values if v is not None)

    indexed = list(enumerate(points))
    # The forecast lines start at the last actual point so the lines join.
    first_future = next((i for i, p in indexed if p.actual is None), n)
    joint: list[tuple[int, Decimal | None]] = []
    if first_future > 0:
        joint = [(first_future - 1, points[first_future - 1].actual)]
    future = indexed[first_future:]
    band_upper = joint + [(i, p.p90) for i, p in future]
    band_lower = joint + [(i, p.p10) for i, p in future]
    band = " ".join(
        [f"{x(i)},{y(v)}" for i, v in band_upper if v is not None]
        + [f"{x(i)},{y(v)}" for i, v in reversed(band_lower) if v is not None]
    )
    x_ticks = [
        Tick(x(i) - span / n / 2, bottom, str(p.month.year))
        for i, p in indexed
        if p.month.month == 1 or i == 0
    ]
    y_ticks = [
        Tick(LEFT, y(top * k / 4), format_euro(top * k / 4).replace(",00", "")) for k in range(5)
    ]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        budget=line([(i, p.budget) for i, p in indexed]),
        actual=line([(i, p.actual) for i, p in indexed]),
        scenario=line(joint + [(i, p.forecast) for i, p in future]),
        p50=line(joint + [(i, p.p50) for i, p in future]),
        band=band if future else "",
        x_ticks=x_ticks,
        y_ticks=y_ticks,
        plot_left=LEFT,
        plot_right=WIDTH - RIGHT,
        plot_bottom=bottom,
        top=top,
    )
