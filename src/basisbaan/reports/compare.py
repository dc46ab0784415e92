"""What changed between two versions of a report: texts word by word, figures cell by cell."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from basisbaan.reports.constants import SECTIONS
from basisbaan.reports.tables import cell_keys

__all__ = ["FigureChange", "TextChange", "compare"]


@dataclass(frozen=True, slots=True)
class TextChange:
    section: str
    title: str
    parts: list[tuple[str, str]]  # (kind, words): kind is "same", "removed" or "added"


@dataclass(frozen=True, slots=True)
class FigureChange:
    key: str
    label: str
    before: str
    after: str


def _words(before: str, after: str) -> list[tuple[str, str]]:
    a, b = before.split(), after.split()
    parts: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("same", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("removed", " ".join(a[i1:i2])))
        if j2 > j1:
            parts.append(("added", " ".join(b[j1:j2])))
    return parts


def _labels(figures: dict[str, Any]) -> dict[str, str]:
    labels = {}
    for block_key, block in figures.get("blocks", {}).items():
        for table in block.get("tables", []):
            for row in table["rows"]:
                for index, _cell in enumerate(row["cells"]):
                    column = table["columns"][index] if index < len(table["columns"]) else ""
                    labels[f"{block_key}/{table['key']}/{row['key']}/{index}"] = (
                        f"{table['title']} – {row['label'].lstrip('– ')} – {column}"
                    )
    return labels


def compare(
    before_texts: dict[str, str],
    after_texts: dict[str, str],
    before_figures: dict[str, Any],
    after_figures: dict[str, Any],
) -> tuple[list[TextChange], list[FigureChange]]:
    """The sections whose text changed, and the figures whose shown text changed."""
    texts = []
    for section in SECTIONS:
        old, new = before_texts.get(section.key, ""), after_texts.get(section.key, "")
        if old != new:
            texts.append(TextChange(section.key, str(section.title), _words(old, new)))
    old_cells = dict(cell_keys(before_figures))
    new_cells = dict(cell_keys(after_figures))
    labels = {**_labels(before_figures), **_labels(after_figures)}
    figures = []
    for key in [*new_cells, *(k for k in old_cells if k not in new_cells)]:
        old_text = old_cells[key]["text"] if key in old_cells else "—"
        new_text = new_cells[key]["text"] if key in new_cells else "—"
        if old_text != new_text:
            figures.append(FigureChange(key, labels.get(key, key), old_text, new_text))
    return texts, figures
