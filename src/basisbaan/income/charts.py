"""Net household income by hours per week, 0 to 40, as server-rendered SVG: the
household on assistance (a flat, dashed line) against the household in a
basisbaan (a solid curve), with the compared hours marked.

No script and no inline style (the CSP): presentation attributes and classes
only, so the same SVG serves the page and the printed PDF (WeasyPrint makes
the ``<title>`` the figure's text alternative). The lines differ in dash and
are named in a legend, not by colour alone; ``<desc>`` says in words what the
chart shows.
"""

from __future__ import annotations

import math
from decimal import Decimal

from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from basisbaan.calc.income import HOURS, Comparison
from basisbaan.core.money import format_euro, group_number
from basisbaan.core.templatetags.nlformat import number

__all__ = ["income_chart_svg"]

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 72, WIDTH - 16, 40, HEIGHT - 44
INK, ASSISTANCE, WORK, GRID = "#1a1a1a", "#5a5a5a", "#154273", "#c8c8c8"
STEPS = (100, 250, 500, 1000, 2500, 5000)


def _euro(amount: Decimal, places: int = 2) -> str:
    decimal_sep = str(get_format("DECIMAL_SEPARATOR"))
    thousand_sep = str(get_format("THOUSAND_SEPARATOR"))
    if places:
        return format_euro(amount, decimal_sep=decimal_sep, thousand_sep=thousand_sep)
    return "€ " + group_number(amount, places=0, decimal_sep=decimal_sep, thousand_sep=thousand_sep)


def _step(top: float) -> int:
    return next((s for s in STEPS if top / s <= 6), STEPS[-1])


def income_chart_svg(comparison: Comparison, *, id_prefix: str = "income-chart") -> SafeString:
    """The chart of ``comparison.curve`` (net income per month by hours per week)."""
    curve = comparison.curve
    on_assistance = comparison.on_assistance.total
    highest = max([on_assistance, *(p.working for p in curve)], default=Decimal(0))
    step = _step(float(highest) or 1.0)
    top = max(step, math.ceil(float(highest) / step) * step)
    last = HOURS[-1]

    def x(hours: float) -> float:
        return LEFT + (RIGHT - LEFT) * hours / last

    def y(amount: Decimal | float) -> float:
        return BOTTOM - (BOTTOM - TOP) * float(amount) / top

    parts: list[str] = [
        format_html(
            '<line class="ic-chart__grid" x1="{}" x2="{}" y1="{y}" y2="{y}" stroke="{}" '
            'stroke-width="0.5"/>'
            '<text class="ic-chart__label" x="{}" y="{y}" dy="4" text-anchor="end" '
            'font-size="15" fill="{}">{}</text>',
            LEFT,
            RIGHT,
            GRID,
            LEFT - 6,
            INK,
            _euro(Decimal(tick), 0),
            y=f"{y(tick):.1f}",
        )
        for tick in range(0, top + 1, step)
    ]
    parts.extend(
        format_html(
            '<text class="ic-chart__label" x="{}" y="{}" text-anchor="middle" font-size="15" '
            'fill="{}">{}</text>',
            f"{x(hours):.1f}",
            BOTTOM + 16,
            INK,
            hours,
        )
        for hours in range(0, last + 1, 8)
    )
    parts.append(
        format_html(
            '<line class="ic-chart__axis" x1="{}" x2="{}" y1="{b}" y2="{b}" stroke="{}"/>'
            '<line class="ic-chart__axis" x1="{l}" x2="{l}" y1="{}" y2="{b}" stroke="{}"/>'
            '<text class="ic-chart__label" x="{}" y="{}" text-anchor="middle" font-size="15" '
            'fill="{}">{}</text>'
            '<text class="ic-chart__label" x="{}" y="{}" text-anchor="start" font-size="15" '
            'fill="{}">{}</text>',
            LEFT,
            RIGHT,
            INK,
            TOP,
            INK,
            f"{(LEFT + RIGHT) / 2:.1f}",
            BOTTOM + 34,
            INK,
            _("uren per week"),
            8,
            TOP - 14,
            INK,
            _("netto per maand"),
            b=BOTTOM,
            l=LEFT,
        )
    )
    parts.append(
        format_html(
            '<line class="ic-chart__line ic-chart__line--assistance" x1="{}" x2="{}" y1="{y}" '
            'y2="{y}" stroke="{}" stroke-width="2" stroke-dasharray="6 4"/>',
            LEFT,
            RIGHT,
            ASSISTANCE,
            y=f"{y(on_assistance):.1f}",
        )
    )
    points = " ".join(f"{x(p.hours):.1f},{y(p.working):.1f}" for p in curve)
    parts.append(
        format_html(
            '<polyline class="ic-chart__line ic-chart__line--work" points="{}" fill="none" '
            'stroke="{}" stroke-width="2.5"/>',
            points,
            WORK,
        )
    )
    hours = float(comparison.job.hours_per_week)
    parts.append(
        format_html(
            '<circle class="ic-chart__dot" cx="{}" cy="{}" r="4.5" fill="{}"/>',
            f"{x(hours):.1f}",
            f"{y(comparison.working.total):.1f}",
            WORK,
        )
    )
    parts.append(_legend())
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="ic-chart" viewBox="0 0 {w} {h}" '
        'width="{w}" height="{h}" role="img" aria-labelledby="{p}-title {p}-desc" '
        'focusable="false" font-family="DejaVu Sans, sans-serif">'
        '<title id="{p}-title">{title}</title><desc id="{p}-desc">{desc}</desc>{body}</svg>',
        w=WIDTH,
        h=HEIGHT,
        p=id_prefix,
        title=_("Netto inkomen per maand bij 0 tot 40 uur werk per week"),
        desc=_description(comparison),
        body=mark_safe("".join(parts)),  # noqa: S308 (every part built with format_html)
    )


def _legend() -> str:
    y, left = 16, RIGHT - 290
    return format_html(
        '<line x1="{}" x2="{}" y1="{y}" y2="{y}" stroke="{}" stroke-width="2" '
        'stroke-dasharray="6 4"/>'
        '<text class="ic-chart__label" x="{}" y="{y}" dy="4" font-size="15" fill="{}">{}</text>'
        '<line x1="{}" x2="{}" y1="{y}" y2="{y}" stroke="{}" stroke-width="2.5"/>'
        '<text class="ic-chart__label" x="{}" y="{y}" dy="4" font-size="15" fill="{}">{}</text>',
        left,
        left + 28,
        ASSISTANCE,
        left + 34,
        INK,
        _("met bijstand"),
        left + 150,
        left + 178,
        WORK,
        left + 184,
        INK,
        _("met basisbaan"),
        y=y,
    )


def _description(comparison: Comparison) -> str:
    curve = comparison.curve
    text = _(
        "Met bijstand: %(assistance)s per maand, hoeveel uur u ook werkt. Met de basisbaan: "
        "%(low)s bij 0 uur en %(high)s bij 40 uur per week; bij %(hours)s uur %(chosen)s."
    ) % {
        "assistance": _euro(comparison.on_assistance.total),
        "low": _euro(curve[0].working),
        "high": _euro(curve[-1].working),
        "hours": number(comparison.job.hours_per_week, -2),
        "chosen": _euro(comparison.working.total),
    }
    if comparison.pays_from_hours is None:
        return text + " " + _("Tot 40 uur is het inkomen met de basisbaan niet hoger.")
    return (
        text
        + " "
        + _("Vanaf %(hours)s uur per week is het inkomen met de basisbaan hoger.")
        % {"hours": comparison.pays_from_hours}
    )
