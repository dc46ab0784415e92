"""Charts of a report as SVG, drawn on the server (no JavaScript, also in the PDF).

Each chart comes with its text alternative; the table it is drawn from is in the
report beside it. Colours come from the house style; the bars also carry their
value as text, so no information is in colour alone.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import escape

__all__ = ["Bar", "bar_chart", "data_uri"]

WIDTH = 640
ROW = 34
LABEL_WIDTH = 230


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: Decimal | None  # None: not published (the bar is left out, its text says why)
    text: str


def bar_chart(title: str, bars: list[Bar], *, colour: str, font: str) -> str:
    """Horizontal bars with their values written beside them."""
    height = ROW * len(bars) + 16
    top = max((b.value for b in bars if b.value is not None), default=Decimal(0))
    room = WIDTH - LABEL_WIDTH - 150
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}" '
        f'viewBox="0 0 {WIDTH} {height}" font-family="{escape(font)}" font-size="14">',
        f"<title>{escape(title)}</title>",
    ]
    for index, bar in enumerate(bars):
        y = 8 + index * ROW
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{y + 20}" text-anchor="end" fill="#1a1a1a">'
            f"{escape(bar.label)}</text>"
        )
        length = 0
        if bar.value is not None and top > 0:
            length = max(2, int(room * bar.value / top))
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{y + 4}" width="{length}" height="22" fill="{escape(colour)}"/>'
            )
        parts.append(
            f'<text x="{LABEL_WIDTH + length + 8}" y="{y + 20}" fill="#1a1a1a">{escape(bar.text)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def data_uri(svg: str) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode()
