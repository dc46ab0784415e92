"""The programme dashboard's trend chart: inline SVG drawn on the server.

Classes only (the CSP forbids inline styles); the series differ in colour and in
dash pattern (``outcomes/outcomes.css``), so none is told apart by colour alone.
A figure that is not published is a gap in its line; the table beside the chart
is its text alternative and says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

__all__ = ["Series", "line_chart"]

SIZES = (("wide", 720, 280), ("narrow", 360, 260))


@dataclass(frozen=True, slots=True)
class Series:
    label: str
    css: str  # bb-series-N
    values: tuple[int | None, ...]  # None: not published (a gap)


def nice_top(value: int) -> int:
    """The smallest of 1, 2, 5 times a power of ten that is at least ``value`` (at least 5)."""
    step = 1
    while True:
        for factor in (1, 2, 5):
            if step * factor >= max(value, 5):
                return step * factor
        step *= 10


def _runs(values: Sequence[int | None]) -> list[list[tuple[int, int]]]:
    """The runs of consecutive published values, as (index, value) pairs."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for index, value in enumerate(values):
        if value is None:
            if current:
                runs.append(current)
            current = []
        else:
            current.append((index, value))
    if current:
        runs.append(current)
    return runs


def line_chart(
    *, title: str, desc: str, ident: str, ticks: Sequence[str], series: Sequence[Series]
) -> list[SafeString]:
    """One SVG per size (CSS shows the wide one or the narrow one): the x axis has
    one place per point (``ticks``: its label, or empty), the y axis starts at 0."""
    count = len(ticks)
    top_value = nice_top(max((v for s in series for v in s.values if v is not None), default=0))
    out = []
    for size, width, height in SIZES:
        left, right, top, bottom = 40, width - 16, 14, height - 30

        def x(index: int, left: int = left, right: int = right) -> str:
            return f"{left + (right - left) * index / max(count - 1, 1):.1f}"

        def y(value: int, top: int = top, bottom: int = bottom) -> str:
            return f"{bottom - (bottom - top) * value / top_value:.1f}"

        grid = format_html_join(
            "",
            '<line class="bb-chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
            '<text class="bb-chart__label" x="{}" y="{}" dy="4" text-anchor="end">{}</text>',
            ((left, right, y(v), y(v), left - 6, y(v), v) for v in _grid(top_value)),
        )
        labels = format_html_join(
            "",
            '<text class="bb-chart__label" x="{}" y="{}" text-anchor="middle">{}</text>',
            ((x(i), bottom + 18, tick) for i, tick in enumerate(ticks) if tick),
        )
        axis = format_html(
            '<line class="bb-chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/>',
            left,
            right,
            bottom,
            bottom,
        )
        lines = []
        for line in series:
            for run in _runs(line.values):
                if len(run) > 1:
                    points = " ".join(f"{x(i)},{y(v)}" for i, v in run)
                    lines.append(
                        format_html('<polyline class="bb-line {}" points="{}"/>', line.css, points)
                    )
                lines.extend(
                    format_html(
                        '<circle class="bb-dot {}" cx="{}" cy="{}" r="3.5"/>', line.css, x(i), y(v)
                    )
                    for i, v in run
                )
        body = grid + labels + axis + mark_safe("".join(lines))  # noqa: S308 (format_html above)
        out.append(
            format_html(
                '<svg class="bb-chart bb-chart--{size}" viewBox="0 0 {w} {h}" role="img" '
                'aria-labelledby="t-{id}-{size} d-{id}-{size}" focusable="false">'
                '<title id="t-{id}-{size}">{title}</title><desc id="d-{id}-{size}">{desc}</desc>'
                "{body}</svg>",
                size=size,
                w=width,
                h=height,
                id=ident,
                title=title,
                desc=desc,
                body=body,
            )
        )
    return out


def _grid(top_value: int) -> list[int]:
    """Five equal steps: whole numbers, as the top is 5, 10, 20, 50, 100, ..."""
    return [top_value * n // 5 for n in range(6)]
