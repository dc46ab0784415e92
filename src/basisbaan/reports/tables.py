"""The published figures of a report as plain JSON: tables of cells.

A report's generated blocks are stored in this shape when it is finalised, and
every face (page, PDF, DOCX, API, CLI, the comparison of versions) reads this
shape only, so a final version shows exactly what was frozen. A cell carries its
text as shown ("minder dan 5", "afgeschermd", "16", "€ 162.000"), its value when
published, and its mark (published, primary, secondary).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from basisbaan.calc.suppression import Mark
from basisbaan.outcomes.figures import Cell, suppressed_text
from basisbaan.outcomes.layout import Shown, Table

__all__ = [
    "cell",
    "cell_keys",
    "count_cell",
    "hide",
    "table_json",
    "text_cell",
]

type Json = dict[str, Any]


def cell(text: str, value: int | Decimal | None, status: str = Mark.PUBLISHED.value) -> Json:
    return {
        "text": text,
        "value": None if value is None else str(value),
        "status": status,
    }


def count_cell(value: int, mark: Mark, threshold: int) -> Json:
    """A count of people as :func:`~basisbaan.calc.suppression.suppress` marked it."""
    if mark == Mark.PUBLISHED:
        return cell(str(value), value)
    return cell(suppressed_text(Cell(None, mark.value), threshold), None, mark.value)


def text_cell(text: str) -> Json:
    """A cell of words, not a number (a year's state, a yes or no)."""
    return {"text": text, "value": None, "status": "text"}


def shown_json(shown: Shown) -> Json:
    return cell(shown.text, shown.value, shown.status)


def table_json(table: Table, *, keep: set[str] | None = None) -> Json:
    """An outcome layout :class:`~basisbaan.outcomes.layout.Table` as JSON; ``keep``
    limits it to those row keys."""
    return {
        "key": table.key,
        "title": table.title,
        "columns": list(table.columns),
        "rows": [
            {
                "key": row.key,
                "label": row.label,
                "definition": row.definition,
                "cells": [shown_json(c) for c in row.cells],
            }
            for row in table.rows
            if keep is None or row.key in keep
        ],
        "note": table.note,
    }


def cell_keys(figures: Json) -> Iterator[tuple[str, Json]]:
    """Every cell of ``figures`` with its stable key ``block/table/row/column``."""
    for block_key, block in figures.get("blocks", {}).items():
        for table in block.get("tables", []):
            for row in table["rows"]:
                for index, c in enumerate(row["cells"]):
                    yield f"{block_key}/{table['key']}/{row['key']}/{index}", c


def hidden_keys(figures: Json) -> set[str]:
    """The keys of the cells ``figures`` does not publish (primary or secondary)."""
    marks = {Mark.PRIMARY.value, Mark.SECONDARY.value}
    return {key for key, c in cell_keys(figures) if c["status"] in marks}


def hide(figures: Json, keys: set[str], text: str) -> int:
    """Hide the published cells under ``keys`` (marked secondary); how many.

    Used to keep hidden what an earlier version hid: hiding more never lets a
    reader recompute a hidden figure, and a figure an earlier version kept back
    is not published by a later one (``calc/suppression.py``).
    """
    count = 0
    for key, c in cell_keys(figures):
        if key in keys and c["status"] == Mark.PUBLISHED.value:
            c.update({"text": text, "value": None, "status": Mark.SECONDARY.value})
            count += 1
    return count
