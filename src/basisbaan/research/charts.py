"""The saturation curve as server-rendered inline SVG (no script, no inline style:
classes only, for the CSP), with a title and a description; the table beside it
on the page is its text alternative. The points where Guest's and Francis' rules
were met are marked by a dashed line with a written label, not by colour alone."""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from basisbaan.research.analysis import Saturation

__all__ = ["saturation_chart"]

WIDTH, HEIGHT = 640, 300
# The top band (above TOP) holds the labels of the saturation marks, one row each, so
# they never cross the curve (which runs flat near the top once saturated) or each other.
LEFT, RIGHT, TOP, BOTTOM = 48, WIDTH - 16, 48, HEIGHT - 40
MARK_ROW = 16


def _ticks(top: int) -> list[int]:
    step = 1
    for candidate in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000):
        step = candidate
        if top / candidate <= 6:
            break
    return list(range(0, top + 1, step))


def saturation_chart(saturation: Saturation) -> SafeString:
    """Cumulative unique codes per coded conversation; '' when nothing is coded."""
    points = saturation.points
    if not points:
        return SafeString("")
    count = len(points)
    top = max(1, points[-1].cumulative)
    ticks = _ticks(top)
    top = max(top, ticks[-1])

    def x(number: int) -> float:
        return LEFT + (RIGHT - LEFT) * (number - 0.5) / count

    def y(value: int) -> float:
        return BOTTOM - (BOTTOM - TOP) * value / top

    parts: list[str] = [
        format_html(
            '<line class="rc-chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
            '<text class="rc-chart__label" x="{}" y="{}" dy="4" text-anchor="end">{}</text>',
            LEFT,
            RIGHT,
            f"{y(tick):.1f}",
            f"{y(tick):.1f}",
            LEFT - 6,
            f"{y(tick):.1f}",
            tick,
        )
        for tick in ticks
    ]
    every = max(1, (count + 11) // 12)
    parts.extend(
        format_html(
            '<text class="rc-chart__label" x="{}" y="{}" text-anchor="middle">{}</text>',
            f"{x(point.number):.1f}",
            BOTTOM + 16,
            point.number,
        )
        for point in points
        if point.number % every == 0 or point.number == 1
    )
    parts.append(
        format_html(
            '<line class="rc-chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/>'
            '<text class="rc-chart__label" x="{}" y="{}" text-anchor="end">{}</text>',
            LEFT,
            RIGHT,
            BOTTOM,
            BOTTOM,
            RIGHT,
            BOTTOM + 32,
            _("gecodeerde gesprekken, in de volgorde gehouden"),
        )
    )
    coords = " ".join(f"{x(p.number):.1f},{y(p.cumulative):.1f}" for p in points)
    parts.append(format_html('<polyline class="rc-chart__line" points="{}"/>', coords))
    parts.extend(
        format_html(
            '<circle class="rc-chart__dot" cx="{}" cy="{}" r="3.5"/>',
            f"{x(p.number):.1f}",
            f"{y(p.cumulative):.1f}",
        )
        for p in points
    )
    for index, (reached, label) in enumerate(
        ((saturation.guest.reached_at, _("Guest")), (saturation.francis.reached_at, _("Francis")))
    ):
        if reached is None or reached > count:
            continue
        label_y = 14 + MARK_ROW * index
        # Near the right edge the label ends at the line instead of starting there.
        anchor, dx = ("end", -4) if x(reached) > RIGHT - 110 else ("start", 4)
        parts.append(
            format_html(
                '<line class="rc-chart__mark rc-chart__mark--{}" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="rc-chart__label rc-chart__label--mark" x="{}" y="{}" dx="{}" '
                'text-anchor="{}">{}</text>',
                index,
                f"{x(reached):.1f}",
                f"{x(reached):.1f}",
                label_y - 10,
                BOTTOM,
                f"{x(reached):.1f}",
                label_y,
                dx,
                anchor,
                f"{label} ({reached})",
            )
        )
    title = _("Verzadigingscurve")
    desc = _(
        "Het totaal aantal unieke codes na elk gecodeerd gesprek: van %(first)s na gesprek 1 "
        "tot %(last)s na gesprek %(n)s. De tabel ‘Codes per gesprek’ geeft de cijfers."
    ) % {"first": points[0].cumulative, "last": points[-1].cumulative, "n": count}
    return format_html(
        '<svg class="rc-chart" viewBox="0 0 {w} {h}" role="img" '
        'aria-labelledby="rc-chart-title rc-chart-desc" focusable="false">'
        '<title id="rc-chart-title">{title}</title><desc id="rc-chart-desc">{desc}</desc>'
        "{body}</svg>",
        w=WIDTH,
        h=HEIGHT,
        title=title,
        desc=desc,
        body=mark_safe("".join(parts)),  # noqa: S308 (every part built with format_html)
    )
