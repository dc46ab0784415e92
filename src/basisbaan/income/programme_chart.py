"""The programme's gain from work as a bar chart: server-rendered inline SVG,
classes only (the CSP forbids inline styles and scripts), as
:mod:`basisbaan.outcomes.charts` draws its charts.

Two sizes, a wide one and one for a phone (CSS shows one); the table on the
page is the text alternative. A band whose count is suppressed gets no bar but
a star, so no small number can be read off the chart.
"""

from __future__ import annotations

from django.utils.html import format_html
from django.utils.translation import gettext as _

from basisbaan.calc.income_distribution import Band, Published
from basisbaan.core.svg import Svg, svg_frame

__all__ = ["band_label", "gain_chart"]

SIZES = (("wide", 720, 300), ("narrow", 360, 260))


def band_label(band: Band) -> str:
    """``"minder dan € 0"``, ``"€ 0 tot € 100"``, ``"€ 800 of meer"``."""
    if band.low is None:
        return _("minder dan € %(high)s") % {"high": band.high}
    if band.high is None:
        return _("€ %(low)s of meer") % {"low": band.low}
    return _("€ %(low)s tot € %(high)s") % {"low": band.low, "high": band.high}


def _short(band: Band) -> str:
    if band.low is None:
        return f"< {band.high}"
    if band.high is None:
        return f"≥ {band.low}"
    return str(band.low)


def _ticks(highest: int) -> list[int]:
    """0 up to at least ``highest`` in at most five steps of 1, 2 or 5 times a power of ten."""
    step = next(s for e in range(9) for m in (1, 2, 5) if highest / (s := m * 10**e) <= 5)
    top = -(-highest // step) * step
    return list(range(0, top + step, step))


def gain_chart(figures: Published) -> list[Svg]:
    """Per band of the monthly gain, the number of participants (published counts only)."""
    d = figures.distribution
    shown = [figures.value(b.key) for b in d.bands]
    if not any(shown):
        return []
    ticks = _ticks(max(v for v in shown if v is not None))
    top_value = ticks[-1]
    out = []
    for size, width, height in SIZES:
        left, right, top, bottom = 36, width - 8, 12, height - 40

        def y(count: int, top: int = top, bottom: int = bottom) -> float:
            return bottom - (bottom - top) * count / top_value

        parts = [
            format_html(
                '<line class="bb-chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="bb-chart__label" x="{}" y="{}" dy="4" text-anchor="end">{}</text>',
                left,
                right,
                f"{y(tick):.1f}",
                f"{y(tick):.1f}",
                left - 4,
                f"{y(tick):.1f}",
                tick,
            )
            for tick in ticks
        ]
        slot = (right - left) / len(d.bands)
        for i, (band, count) in enumerate(zip(d.bands, shown, strict=True)):
            middle = left + slot * (i + 0.5)
            if count is None:
                parts.append(
                    format_html(
                        '<text class="bb-chart__label" x="{}" y="{}" text-anchor="middle">*</text>',
                        f"{middle:.1f}",
                        bottom - 4,
                    )
                )
            elif count:
                css = "bb-bar--cost" if band.low is None else "bb-bar--total"
                parts.append(
                    format_html(
                        '<rect class="bb-bar {}" x="{}" y="{}" width="{}" height="{}"/>',
                        css,
                        f"{middle - slot * 0.35:.1f}",
                        f"{y(count):.1f}",
                        f"{slot * 0.7:.1f}",
                        f"{bottom - y(count):.1f}",
                    )
                )
            parts.append(
                format_html(
                    '<text class="bb-chart__label" x="{}" y="{}" text-anchor="middle">{}</text>',
                    f"{middle:.1f}",
                    bottom + 16,
                    _short(band),
                )
            )
        parts.append(
            format_html(
                '<line class="bb-chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="bb-chart__label" x="{}" y="{}" text-anchor="end">{}</text>',
                left,
                right,
                bottom,
                bottom,
                right,
                bottom + 32,
                _("meer per maand dan in de bijstand (€)"),
            )
        )
        out.append(_frame(size, width, height, "".join(parts)))
    return out


def _frame(size: str, width: int, height: int, body: str) -> Svg:
    return svg_frame(
        css="bb-chart",
        size=size,
        width=width,
        height=height,
        ident="gain",
        title=_("Deelnemers naar wat werken per maand oplevert"),
        desc=_(
            "Per bedrag dat werken per maand meer oplevert dan de bijstand het aantal "
            "deelnemers; de eerste staaf: zij die er met werken op achteruitgaan. Een "
            "sterretje: een klein aantal, niet getoond. De tabel ‘Verdeling’ geeft de cijfers."
        ),
        body=body,
    )
