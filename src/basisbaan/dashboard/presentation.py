"""The programme dashboard's figures as the page shows them: the report's tables
limited to the chosen track, their charts, and the trend as a table and a chart."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from basisbaan.calc.suppression import Mark
from basisbaan.dashboard.charts import Series, line_chart
from basisbaan.dashboard.selectors import TrendPoint
from basisbaan.outcomes.figures import suppressed_text
from basisbaan.reports.charts import Bar, bar_chart, data_uri
from basisbaan.reports.models import HouseStyle

__all__ = ["Chart", "block_charts", "spent_chart", "track_figures", "trend_view"]

HIDDEN = {Mark.PRIMARY.value, Mark.SECONDARY.value}


@dataclass(frozen=True, slots=True)
class Chart:
    """A report chart (SVG as an image) with its text alternative."""

    title: str
    svg: str
    alt: str

    @property
    def uri(self) -> str:
        return data_uri(self.svg)


def track_figures(figures: dict[str, Any], column: int | None) -> dict[str, Any]:
    """A copy of ``figures`` whose tables by track show the total and the track in
    ``column`` only (all three when ``None``); other tables are unchanged."""
    shown = copy.deepcopy(figures)
    if column is None:
        return shown
    keep = [0, column]
    for block in shown["blocks"].values():
        for table in block.get("tables", []):
            if table["columns"] != figures["columns"]:
                continue
            table["columns"] = [table["columns"][i] for i in keep]
            for row in table["rows"]:
                row["cells"] = [row["cells"][i] for i in keep]
    return shown


def page_tables(block: dict[str, Any]) -> list[dict[str, Any]]:
    """A block's tables with each cell beside its column's name (for the phone's cards)."""
    return [
        {
            **table,
            "lines": [
                (
                    row,
                    [
                        {"column": name, "text": c["text"], "hidden": c["status"] in HIDDEN}
                        for name, c in zip(table["columns"], row["cells"], strict=True)
                    ],
                )
                for row in table["rows"]
            ],
        }
        for table in block.get("tables", [])
    ]


def _number(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _chart(
    title: str, table: dict[str, Any], row_key: str, first: int, style: HouseStyle
) -> list[Chart]:
    row = next((r for r in table["rows"] if r["key"] == row_key), None)
    if row is None:
        return []
    bars = [
        Bar(name, _number(c["value"]), c["text"])
        for name, c in zip(table["columns"][first:], row["cells"][first:], strict=True)
    ]
    if not any(b.value is not None for b in bars):
        return []
    svg = bar_chart(title, bars, colour=style.colour, font=style.font)
    alt = f"{title}: " + "; ".join(f"{b.label} {b.text}" for b in bars) + "."
    return [Chart(title, svg, alt)]


def block_charts(figures: dict[str, Any], style: HouseStyle) -> dict[str, list[Chart]]:
    """The report's chart of the tracks: at work per track."""
    tracks = figures["blocks"]["tracks"]["tables"]
    return {"tracks": _chart(_("Aan het werk per spoor"), tracks[0], "working", 1, style)}


def spent_chart(figures: dict[str, Any], style: HouseStyle) -> tuple[dict[str, Any], list[Chart]]:
    """The spending per year since the start (the finance table's row) and its chart."""
    table = figures["blocks"]["finances"]["tables"][0]
    row = next(r for r in table["rows"] if r["key"] == "spent")
    one_row = {
        **table,
        "key": "spent",
        "title": _("Uitgegeven per jaar"),
        "rows": [row],
        "note": "",
    }
    return one_row, _chart(_("Uitgegeven per jaar"), one_row, "spent", 0, style)


@dataclass(frozen=True, slots=True)
class TrendView:
    columns: list[str]
    rows: list[tuple[Any, list[dict[str, Any]]]]
    charts: list[SafeString]
    legend: list[Series]


def trend_view(
    points: list[TrendPoint], *, columns: list[str], column: int | None, threshold: int
) -> TrendView:
    """The trend of "at work" as table rows and a line chart (total and the chosen
    track, or both tracks); a hidden figure is a gap in its line."""
    shown = [0, column] if column is not None else list(range(len(columns)))
    rows = []
    for point in points:
        cells = []
        for col in shown:
            c = point.cells[col]
            text = str(c.value) if c.value is not None else suppressed_text(c, threshold)
            cells.append({"column": columns[col], "text": text, "hidden": c.value is None})
        rows.append((point.day, cells))
    series = [
        Series(columns[col], f"bb-series-{col}", tuple(p.cells[col].value for p in points))
        for col in shown
    ]
    ticks = []
    for index, point in enumerate(points):
        first_of_year = index == 0 or points[index - 1].day.year != point.day.year
        ticks.append(str(point.day.year) if first_of_year else "")
    charts: list[SafeString] = []
    if any(v is not None for s in series for v in s.values) and len(points) > 1:
        first, last = points[0].day, points[-1].day
        charts = line_chart(
            title=_("Aan het werk per kwartaal"),
            desc=_("Van %(first)s tot en met %(last)s. De cijfers staan in de tabel hiernaast.")
            % {"first": date_format(first, "j F Y"), "last": date_format(last, "j F Y")},
            ident="trend",
            ticks=ticks,
            series=series,
        )
    return TrendView([columns[c] for c in shown], rows, charts, series)
