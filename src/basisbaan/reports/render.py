"""A report as a document: one structure for the HTML page, the PDF and the DOCX.

:func:`document` turns a version (frozen, or a draft computed now) into sections
of paragraphs and generated blocks with their charts; the three outputs render
that structure, so they never differ in content.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _

from basisbaan.reports.charts import Bar, bar_chart, data_uri
from basisbaan.reports.constants import SECTIONS
from basisbaan.reports.models import CouncilReport, HouseStyle
from basisbaan.reports.services import filled_texts, published_figures

__all__ = ["Chart", "Document", "DocSection", "Paragraph", "document", "style_of"]

BULLET = re.compile(r"^\s*(?:[-*•])\s+")


@dataclass(frozen=True, slots=True)
class Paragraph:
    kind: str  # "p" or "ul"
    text: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    svg: str
    alt: str

    @property
    def uri(self) -> str:
        return data_uri(self.svg)


@dataclass
class DocSection:
    key: str
    title: str
    paragraphs: list[Paragraph]
    tables: list[dict[str, Any]] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)


@dataclass
class Document:
    report: CouncilReport
    style: HouseStyle
    sections: list[DocSection]
    figures: dict[str, Any]
    definitions: list[tuple[str, list[tuple[str, str]]]]
    threshold: int
    generated_on: dt.date

    @property
    def is_draft(self) -> bool:
        return self.report.is_draft


def style_of(report: CouncilReport) -> HouseStyle:
    """The municipality's house style, or the neutral default."""
    stored = HouseStyle.objects.filter(municipality_id=report.municipality_id).first()
    return stored or HouseStyle(municipality_id=report.municipality_id)


def paragraphs(text: str) -> list[Paragraph]:
    """Blank lines separate paragraphs; lines starting with ``-``, ``*`` or ``•`` are a list."""
    result: list[Paragraph] = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        lines = [line for line in chunk.splitlines() if line.strip()]
        if not lines:
            continue
        if all(BULLET.match(line) for line in lines):
            result.append(Paragraph("ul", items=tuple(BULLET.sub("", line) for line in lines)))
        else:
            result.append(Paragraph("p", text=" ".join(line.strip() for line in lines)))
    return result


def _number(value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        return Decimal(value)
    except InvalidOperation:
        return None


def _bars_of_row(table: dict[str, Any], row_key: str, columns: slice) -> list[Bar]:
    row = next((r for r in table["rows"] if r["key"] == row_key), None)
    if row is None:
        return []
    names = table["columns"][columns]
    return [
        Bar(name, _number(c["value"]), c["text"])
        for name, c in zip(names, row["cells"][columns], strict=True)
    ]


def _alt(title: str, bars: list[Bar]) -> str:
    return f"{title}: " + "; ".join(f"{b.label} {b.text}" for b in bars) + "."


def _charts(key: str, block: dict[str, Any], style: HouseStyle) -> list[Chart]:
    tables = block.get("tables", [])
    if not tables:
        return []
    if key == "tracks":
        bars = _bars_of_row(tables[0], "working", slice(1, None))
        title = _("Aan het werk per spoor")
    elif key == "finances":
        bars = _bars_of_row(tables[0], "spent", slice(0, None))
        title = _("Uitgegeven per jaar")
    else:
        return []
    if not any(b.value is not None for b in bars):
        return []
    svg = bar_chart(title, bars, colour=style.colour, font=style.font)
    return [Chart(title, svg, _alt(title, bars))]


def _definitions(figures: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    result = []
    for block in figures.get("blocks", {}).values():
        for table in block.get("tables", []):
            lines = [
                (row["label"].lstrip("– "), row["definition"])
                for row in table["rows"]
                if row.get("definition")
            ]
            if lines:
                result.append((table["title"], lines))
    return result


def document(report: CouncilReport, *, today: dt.date) -> Document:
    """The report as a document; a draft is computed from today's data."""
    style = style_of(report)
    figures = published_figures(report)
    texts = filled_texts(report, figures)
    blocks = figures.get("blocks", {})
    sections = []
    for section in SECTIONS:
        doc = DocSection(section.key, str(section.title), paragraphs(texts.get(section.key, "")))
        for block_key in section.blocks:
            block = blocks.get(block_key)
            if block is None:
                continue
            doc.tables.extend(t for t in block.get("tables", []) if t["rows"])
            doc.charts.extend(_charts(block_key, block, style))
        if doc.paragraphs or doc.tables:
            sections.append(doc)
    return Document(
        report=report,
        style=style,
        sections=sections,
        figures=figures,
        definitions=_definitions(figures),
        threshold=int(figures.get("threshold", 5)),
        generated_on=today,
    )
