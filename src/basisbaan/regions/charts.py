"""The regional comparison's charts: one horizontal bar per municipality and one for
the region, per figure, side by side on the page. Server-rendered SVG in the frame
of :mod:`basisbaan.core.svg` (classes only: the CSP forbids inline styles).

A suppressed figure gets no bar but the word "afgeschermd", so no hidden number
can be read off a chart; the table on the page is the text alternative.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import format_html
from django.utils.translation import gettext as _

from basisbaan.core.svg import Svg, svg_frame

__all__ = ["Bar", "bar_chart"]

ROW = 22
SIZES = (("wide", 460, 200), ("narrow", 340, 140))


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: Decimal | int | None  # None: suppressed or not available
    region: bool = False


def bar_chart(
    *,
    ident: str,
    title: str,
    desc: str,
    bars: Sequence[Bar],
    text: Callable[[Decimal | int], str],
) -> list[Svg]:
    """One chart in two sizes; ``text`` writes a value beside its bar."""
    values = [Decimal(b.value) for b in bars if b.value is not None]
    top = max(values, default=Decimal(0))
    out = []
    for size, width, label_width in SIZES:
        height = ROW * len(bars) + 8
        left, right = label_width, width - 96
        parts = [
            format_html(
                '<line class="bb-chart__axis" x1="{}" x2="{}" y1="4" y2="{}"/>',
                left,
                left,
                height - 4,
            )
        ]
        for i, bar in enumerate(bars):
            y = 4 + ROW * i
            label = bar.label if len(bar.label) <= 26 else bar.label[:25] + "…"
            parts.append(
                format_html(
                    '<text class="bb-chart__label" x="{}" y="{}" text-anchor="end">{}</text>',
                    left - 6,
                    y + 15,
                    label,
                )
            )
            if bar.value is None:
                parts.append(
                    format_html(
                        '<text class="bb-chart__label" x="{}" y="{}">{}</text>',
                        left + 4,
                        y + 15,
                        _("afgeschermd"),
                    )
                )
                continue
            length = 0.0 if top <= 0 else float((right - left) * Decimal(bar.value) / top)
            parts.append(
                format_html(
                    '<rect class="bb-bar {}" x="{}" y="{}" width="{}" height="14"/>'
                    '<text class="bb-chart__label" x="{}" y="{}">{}</text>',
                    "bb-bar--region" if bar.region else "bb-bar--total",
                    left,
                    y + 4,
                    f"{max(length, 0.0):.1f}",
                    f"{left + max(length, 0.0) + 4:.1f}",
                    y + 15,
                    text(bar.value),
                )
            )
        out.append(
            svg_frame(
                css="bb-chart",
                size=size,
                width=width,
                height=height,
                ident=ident,
                title=title,
                desc=desc,
                body="".join(parts),
            )
        )
    return out
