"""The "Loont werken?" chart as server-rendered inline SVG (no script, no inline
style: classes only, for the CSP): the household's net income per month by
hours per week, on assistance (flat) against a basisbaan.

Two sizes, a wide one and one for a phone (CSS shows one), each with a title
and a description; the table of the curve beside it on the page is its text
alternative. The lines differ in colour, dash pattern and a written label, so
neither is told apart by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import format_html
from django.utils.translation import gettext as _

from basisbaan.calc.income import HOURS, CurvePoint
from basisbaan.core.money import group_number
from basisbaan.core.svg import Svg, svg_frame

__all__ = ["income_chart"]

SIZES = (("wide", 720, 300), ("narrow", 360, 260))
HOUR_TICKS = (0, 8, 16, 24, 32, 40)
STEPS = (100, 200, 250, 500, 1000, 2000, 2500, 5000, 10000)


def _euro(euros: int) -> str:
    return "€ " + group_number(Decimal(euros), places=0, decimal_sep=",", thousand_sep=".")


def _ticks(highest: float) -> list[int]:
    """Gridlines in whole euros: at most six, at a round step."""
    step = next((s for s in STEPS if highest / s <= 5), STEPS[-1])
    top = int(-(-highest // step) * step) or step
    return list(range(0, top + 1, step))


def income_chart(curve: Sequence[CurvePoint], hours: Decimal, ident: str) -> list[Svg]:
    """The curve at both sizes; ``ident`` makes the ids of the titles unique on the page."""
    if not curve:
        return []
    highest = float(max(max(p.working, p.on_assistance) for p in curve))
    ticks = _ticks(max(highest, 1.0))
    top_value = ticks[-1]
    out = []
    for size, width, height in SIZES:
        left, right, top, bottom = 64, width - 84, 14, height - 34

        def x(h: float, left: int = left, right: int = right) -> float:
            return left + (right - left) * h / HOURS[-1]

        def y(euros: float, top: int = top, bottom: int = bottom) -> float:
            return bottom - (bottom - top) * euros / top_value

        parts = [
            format_html(
                '<line class="bb-income-chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="bb-income-chart__label" x="{}" y="{}" dy="4" '
                'text-anchor="end">{}</text>',
                left,
                right,
                f"{y(tick):.1f}",
                f"{y(tick):.1f}",
                left - 4,
                f"{y(tick):.1f}",
                _euro(tick),
            )
            for tick in ticks
        ]
        parts.extend(
            format_html(
                '<text class="bb-income-chart__label" x="{}" y="{}" text-anchor="middle">{}</text>',
                f"{x(h):.1f}",
                bottom + 16,
                h,
            )
            for h in HOUR_TICKS
        )
        parts.append(
            format_html(
                '<line class="bb-income-chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="bb-income-chart__label" x="{}" y="{}" text-anchor="end">{}</text>',
                left,
                right,
                bottom,
                bottom,
                right,
                bottom + 30,
                _("uur per week"),
            )
        )
        chosen = float(hours)
        parts.append(
            format_html(
                '<line class="bb-income-chart__marker" x1="{}" x2="{}" y1="{}" y2="{}"/>',
                f"{x(chosen):.1f}",
                f"{x(chosen):.1f}",
                top,
                bottom,
            )
        )
        for css, label, values in (
            ("bb-income-line--assistance", _("bijstand"), [p.on_assistance for p in curve]),
            ("bb-income-line--work", _("basisbaan"), [p.working for p in curve]),
        ):
            coords = " ".join(
                f"{x(p.hours):.1f},{y(float(v)):.1f}" for p, v in zip(curve, values, strict=True)
            )
            parts.append(
                format_html('<polyline class="bb-income-line {}" points="{}"/>', css, coords)
            )
            parts.append(
                format_html(
                    '<text class="bb-income-chart__label bb-income-chart__series" '
                    'x="{}" y="{}" dx="6" dy="4">{}</text>',
                    f"{x(curve[-1].hours):.1f}",
                    f"{y(float(values[-1])):.1f}",
                    label,
                )
            )
        out.append(_frame(size, width, height, ident, "".join(parts)))
    return out


def _frame(size: str, width: int, height: int, ident: str, body: str) -> Svg:
    return svg_frame(
        css="bb-income-chart",
        size=size,
        width=width,
        height=height,
        ident=ident,
        title=_("Netto inkomen van het huishouden per maand, per aantal uren"),
        desc=_(
            "Van 0 tot 40 uur per week: de vlakke lijn is het inkomen met bijstand, de "
            "doorgetrokken lijn het inkomen met een basisbaan. De verticale lijn staat bij "
            "de gekozen uren. De tabel ‘Inkomen per aantal uren’ geeft de bedragen."
        ),
        body=body,
    )
