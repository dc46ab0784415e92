"""The outcome and business-case charts as server-rendered inline SVG (no script,
no inline style: classes only, for the CSP).

Each chart comes at two sizes, a wide one and one for a phone (CSS shows one),
with a title and a description; the table beside it on the page is its text
alternative. Colours differ and so do the markers and dash patterns, so no
series is told apart by colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import format_html
from django.utils.translation import gettext as _

from basisbaan.calc.outcomes import CURVE_MONTHS
from basisbaan.core.money import format_euro
from basisbaan.core.svg import Svg, svg_frame
from basisbaan.outcomes.business import BusinessCase

__all__ = ["cost_chart", "retention_chart", "waterfall_chart"]

SIZES = (("wide", 720, 300, 12), ("narrow", 360, 280, 11))
SERIES = 6  # series classes bb-series-0 .. bb-series-5 in outcomes.css


def _frame(size: str, width: int, height: int, title: str, desc: str, body: str) -> Svg:
    ident = str(abs(hash(title)) % 100000)
    return svg_frame(
        css="bb-chart",
        size=size,
        width=width,
        height=height,
        ident=ident,
        title=title,
        desc=desc,
        body=body,
    )


def retention_chart(series: Sequence[tuple[int, Sequence[tuple[int, Decimal]]]]) -> list[Svg]:
    """Per start year, the share still in a basisbaan 3 to 36 months after the start."""
    if not any(points for _year, points in series):
        return []
    out = []
    for size, width, height, _font in SIZES:
        left, right, top, bottom = 44, width - 12, 16, height - 34

        def x(month: int, left: int = left, right: int = right) -> float:
            return left + (right - left) * month / CURVE_MONTHS[-1]

        def y(percent: float, top: int = top, bottom: int = bottom) -> float:
            return bottom - (bottom - top) * percent / 100

        parts = [
            format_html(
                '<line class="bb-chart__grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="bb-chart__label" x="{}" y="{}" dy="4" text-anchor="end">{}%</text>',
                left,
                right,
                f"{y(pct):.1f}",
                f"{y(pct):.1f}",
                left - 4,
                f"{y(pct):.1f}",
                pct,
            )
            for pct in (0, 25, 50, 75, 100)
        ]
        parts.extend(
            format_html(
                '<text class="bb-chart__label" x="{}" y="{}" text-anchor="middle">{}</text>',
                f"{x(month):.1f}",
                bottom + 16,
                month,
            )
            for month in (0, 6, 12, 18, 24, 30, 36)
        )
        parts.append(
            format_html(
                '<text class="bb-chart__label" x="{}" y="{}" text-anchor="end">{}</text>',
                right,
                bottom + 30,
                _("maanden na de start"),
            )
        )
        parts.append(
            format_html(
                '<line class="bb-chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/>',
                left,
                right,
                bottom,
                bottom,
            )
        )
        for index, (year, points) in enumerate(series):
            if not points:
                continue
            line = [(0.0, 100.0), *((float(m), float(p)) for m, p in points)]
            coords = " ".join(f"{x(int(m)):.1f},{y(p):.1f}" for m, p in line)
            css = f"bb-series-{index % SERIES}"
            parts.append(format_html('<polyline class="bb-line {}" points="{}"/>', css, coords))
            for m, p in line[1:]:
                parts.append(
                    format_html(
                        '<circle class="bb-dot {}" cx="{}" cy="{}" r="3.5"/>',
                        css,
                        f"{x(int(m)):.1f}",
                        f"{y(p):.1f}",
                    )
                )
            last_m, last_p = line[-1]
            parts.append(
                format_html(
                    '<text class="bb-chart__label bb-series-label" x="{}" y="{}" dx="4">{}</text>',
                    f"{min(x(int(last_m)), right - 30):.1f}",
                    f"{y(last_p):.1f}",
                    year,
                )
            )
        out.append(
            _frame(
                size,
                width,
                height,
                _("Behoud per startjaar"),
                _(
                    "Per startjaar het deel dat zoveel maanden na de start nog een lopende "
                    "plaatsing heeft. Punten op kleine aantallen zijn weggelaten. De tabel "
                    "‘Behoud per startjaar’ geeft de cijfers."
                ),
                "".join(parts),
            )
        )
    return out


def _money_ticks(top_value: int) -> list[int]:
    step = 1
    while top_value / step > 5:
        for factor in (2, 5, 10):
            if top_value / (step * factor) <= 5:
                step *= factor
                break
        else:
            step *= 10
    return list(range(0, top_value + step, step))


def cost_chart(case: BusinessCase) -> list[Svg]:
    """Per year: gross cost beside the net savings (assistance and execution)."""
    years = [line for line in case.result.years if line.year is not None]
    if not years:
        return []
    highest = max(
        max(line.gross_cost, line.assistance_saved_net + line.execution_saved_net) for line in years
    )
    ticks = _money_ticks(max(highest // 100, 1))
    top_value = ticks[-1] or 1
    out = []
    for size, width, height, _font in SIZES:
        left, right, top, bottom = 70, width - 10, 16, height - 30

        def y(
            euros: float, top: int = top, bottom: int = bottom, top_value: int = top_value
        ) -> float:
            return bottom - (bottom - top) * euros / top_value

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
                _short_euro(tick),
            )
            for tick in ticks
        ]
        slot = (right - left) / len(years)
        bar = min(slot * 0.35, 60)
        for i, line in enumerate(years):
            x0 = left + slot * i + slot / 2 - bar
            cost = line.gross_cost / 100
            saved = (line.assistance_saved_net + line.execution_saved_net) / 100
            parts.append(
                format_html(
                    '<rect class="bb-bar bb-bar--cost" x="{}" y="{}" width="{}" height="{}"/>'
                    '<rect class="bb-bar bb-bar--saved" x="{}" y="{}" width="{}" height="{}"/>'
                    '<text class="bb-chart__label" x="{}" y="{}" text-anchor="middle">{}</text>',
                    f"{x0:.1f}",
                    f"{y(cost):.1f}",
                    f"{bar:.1f}",
                    f"{bottom - y(cost):.1f}",
                    f"{x0 + bar:.1f}",
                    f"{y(saved):.1f}",
                    f"{bar:.1f}",
                    f"{bottom - y(saved):.1f}",
                    f"{x0 + bar:.1f}",
                    bottom + 16,
                    line.year,
                )
            )
        parts.append(
            format_html(
                '<line class="bb-chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/>',
                left,
                right,
                bottom,
                bottom,
            )
        )
        out.append(
            _frame(
                size,
                width,
                height,
                _("Kosten en besparingen per jaar"),
                _(
                    "Per jaar links de bruto kosten (loon, verloningspartij, begeleiding, "
                    "onderzoek en overig), rechts de netto besparing op bijstand en uitvoering. "
                    "De tabel ‘Per jaar’ geeft de bedragen."
                ),
                "".join(parts),
            )
        )
    return out


def _short_euro(euros: int) -> str:
    if euros >= 1_000_000:
        return f"€ {euros / 1_000_000:.1f} mln".replace(".", ",")
    if euros >= 1000:
        return f"€ {euros // 1000}k"
    return f"€ {euros}"


def waterfall_chart(case: BusinessCase) -> list[Svg]:
    """From gross cost to net cost: each step a bar from the running total."""
    steps = case.steps
    if not steps:
        return []
    running = 0
    bars: list[tuple[str, int, int, bool]] = []  # code, from, to, is_total
    for code, amount in steps:
        if code in ("gross_cost", "net_cost"):
            bars.append((code, 0, amount, True))
            running = amount
        else:
            bars.append((code, running, running + amount, False))
            running += amount
    low = min(0, *(min(a, b) for _c, a, b, _t in bars))
    high = max(1, *(max(a, b) for _c, a, b, _t in bars))
    out = []
    for size, width, height, _font in SIZES:
        left, right, top, bottom = 8, width - 8, 16, height - 48

        def y(cents: int, top: int = top, bottom: int = bottom) -> float:
            return bottom - (bottom - top) * (cents - low) / (high - low)

        slot = (right - left) / len(bars)
        parts = [
            format_html(
                '<line class="bb-chart__axis" x1="{}" x2="{}" y1="{}" y2="{}"/>',
                left,
                right,
                f"{y(0):.1f}",
                f"{y(0):.1f}",
            )
        ]
        for i, (_code, a, b, total) in enumerate(bars):
            x0 = left + slot * i + slot * 0.15
            css = "bb-bar--total" if total else ("bb-bar--down" if b < a else "bb-bar--up")
            top_y, bottom_y = min(y(a), y(b)), max(y(a), y(b))
            parts.append(
                format_html(
                    '<rect class="bb-bar {}" x="{}" y="{}" width="{}" height="{}"/>',
                    css,
                    f"{x0:.1f}",
                    f"{top_y:.1f}",
                    f"{slot * 0.7:.1f}",
                    f"{max(bottom_y - top_y, 1):.1f}",
                )
            )
            short = str(i + 1)  # the numbered steps of the table below
            parts.append(
                format_html(
                    '<text class="bb-chart__label" x="{}" y="{}" text-anchor="middle">{}</text>',
                    f"{x0 + slot * 0.35:.1f}",
                    bottom + 16,
                    short,
                )
            )
        out.append(
            _frame(
                size,
                width,
                height,
                _("Van bruto naar netto kosten"),
                _(
                    "Staven van links naar rechts: de bruto kosten, de stappen ertussen en de "
                    "netto kosten; omlaag is een besparing. De tabel ‘Van bruto naar netto’ "
                    "geeft de bedragen (%(total)s netto)."
                )
                % {"total": format_euro(Decimal(steps[-1][1]) / 100)},
                "".join(parts),
            )
        )
    return out


def step_labels() -> dict[str, str]:
    return {
        "gross_cost": _("Bruto kosten"),
        "lks_income": _("LKS uit de BUIG"),
        "lks_paid_by_buig": _("LKS betaald door BUIG"),
        "assistance_saved_gross": _("Bijstand bespaard"),
        "execution_saved_gross": _("Uitvoering bespaard"),
        "deadweight_correction": _("Deadweight"),
        "net_cost": _("Netto kosten"),
    }
