"""Small numbers in a council report: hidden, never recomputable, and what an
earlier version hid stays hidden.

The small programme (conftest), on 31 October 2026: 7 started (all in the
transition track), 2 exited, 5 at work, 3 of them with wage-cost subsidy and a
running contract (3 running contracts, none permanent).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.reports.figures import report_figures
from basisbaan.reports.services import (
    live_figures,
    published_figures,
    report_create,
    report_finalise,
    report_new_version,
)
from basisbaan.reports.tables import cell_keys, hidden_keys
from tests.factories import ProgrammeFactory
from tests.reports.conftest import AS_OF, PERIOD_START, place

pytestmark = pytest.mark.django_db

COUNT_BLOCKS = ("key_figures", "tracks", "contracts", "outcomes")
HIDDEN = {"primary", "secondary"}
# The tables' additive links: a total and its parts, by row key (within a column).
COLUMN_LINKS = {
    "tracks": [("started", ["active", "exited"]), ("active", ["working", "between"])],
    "contracts": [
        ("decided", ["renew", "permanent_decision", "not_renew"]),
        ("running", ["permanent", "fixed"]),
    ],
}


def table(figures, block, key=None):
    tables = figures["blocks"][block]["tables"]
    return next(t for t in tables if key is None or t["key"] == key)


def cells(figures, block, row, key=None):
    found = table(figures, block, key)
    return next(r for r in found["rows"] if r["key"] == row)["cells"]


def texts(figures, block, row):
    return [c["text"] for c in cells(figures, block, row)]


def test_the_small_counts_are_shown_as_less_than_five(draft):
    figures = published_figures(draft)

    key = table(figures, "key_figures")
    assert {r["key"]: r["cells"][0]["text"] for r in key["rows"]} == {
        "working": "5",  # with (3) and without (2) subsidy both hidden: neither follows
        "lks": "minder dan 5",  # 3
        "started": "afgeschermd",  # 7 = 5 + 2 exited
        "exited": "minder dan 5",  # 2
        "intake": "open",
    }
    assert texts(figures, "tracks", "exited") == ["minder dan 5", "minder dan 5", "0"]
    # Hidden zeros: with "at work" kept, "between" goes, or active = at work + between
    # would give the 2 who left.
    assert texts(figures, "tracks", "between") == ["afgeschermd"] * 3
    assert texts(figures, "contracts", "running") == ["minder dan 5"]
    assert texts(figures, "contracts", "fixed") == ["minder dan 5"]
    assert texts(figures, "contracts", "permanent") == ["0"]
    assert figures["threshold"] == 5


def test_no_published_count_lies_between_zero_and_five(draft):
    figures = published_figures(draft)

    published = [
        (key, Decimal(c["value"]))
        for key, c in cell_keys(figures)
        if key.split("/")[0] in COUNT_BLOCKS and c["status"] == "published" and c["value"]
    ]
    assert published  # the zeros
    assert [(key, value) for key, value in published if 0 < value < 5] == []
    hidden = [c for key, c in cell_keys(figures) if c["status"] in HIDDEN]
    assert all(c["value"] is None for c in hidden)
    assert {c["text"] for c in hidden} == {"minder dan 5", "afgeschermd"}


def test_no_line_of_a_table_with_totals_has_exactly_one_hidden_cell(draft):
    figures = published_figures(draft)

    for block in COUNT_BLOCKS:
        for found in figures["blocks"][block]["tables"]:
            by_row = {r["key"]: r["cells"] for r in found["rows"]}
            if found["columns"][0] == "Totaal":
                # Each row: total = the tracks.
                for row, row_cells in by_row.items():
                    hidden = sum(c["status"] in HIDDEN for c in row_cells)
                    assert hidden != 1, (found["key"], row)
            for total, parts in COLUMN_LINKS.get(found["key"], []):
                for column in range(len(found["columns"])):
                    line = [by_row[total][column], *(by_row[p][column] for p in parts)]
                    hidden = sum(c["status"] in HIDDEN for c in line)
                    assert hidden != 1, (found["key"], total, column)


def test_what_version_one_hid_stays_hidden_in_version_two(small, draft, manager):
    programme = small[0]
    first = report_finalise(report=draft, actor=manager)
    hidden_before = hidden_keys(first.figures)
    assert "tracks/tracks/started/0" in hidden_before
    # Five more in the transition track: on its own the later version would publish
    # the track's 12 starts.
    for index in range(5):
        place(programme, "Nieuw", "", f"Deelnemer{index}", start=dt.date(2025, 1, 1))
    alone = report_figures(programme, as_of=AS_OF, period_start=PERIOD_START)
    assert texts(alone, "tracks", "started")[0] == "12"

    second = report_new_version(report=first, actor=manager)
    figures = published_figures(second)

    assert hidden_before <= hidden_keys(figures)
    assert texts(figures, "tracks", "started")[0] == "afgeschermd"
    assert cells(figures, "tracks", "started")[0] == {
        "text": "afgeschermd",
        "value": None,
        "status": "secondary",
    }
    final = report_finalise(report=second, actor=manager)
    assert hidden_before <= hidden_keys(final.figures)
    assert texts(final.figures, "tracks", "started")[0] == "afgeschermd"


def test_a_later_report_does_not_show_a_small_number_by_subtraction(municipality, manager, today):
    """June 2025's report published 10 started; with two more started since, a
    report of October 2026 that published 12 would tell that 2 started in between:
    its started figures are protected (hidden, and not recomputable)."""
    programme = ProgrammeFactory(
        municipality=municipality, start_date=dt.date(2024, 1, 1), end_date=dt.date(2027, 12, 31)
    )
    for index in range(10):
        place(programme, "Eerder", "", f"Deelnemer{index}")
    june = report_create(
        programme=programme,
        actor=manager,
        title="Juni 2025",
        as_of=dt.date(2025, 6, 30),
        period_start=dt.date(2025, 1, 1),
        period_end=dt.date(2025, 6, 30),
        today=today,
    )
    june = report_finalise(report=june, actor=manager)
    assert texts(june.figures, "tracks", "started") == ["10", "10", "0"]
    for index in range(2):
        place(programme, "Later", "", f"Deelnemer{index}", start=dt.date(2025, 9, 1))
    alone = report_figures(programme, as_of=AS_OF, period_start=PERIOD_START)
    assert texts(alone, "tracks", "started")[0] == "12"

    figures = live_figures(programme, as_of=AS_OF, period_start=PERIOD_START)

    assert cells(figures, "tracks", "started")[0]["status"] == "secondary"
    assert cells(figures, "key_figures", "started")[0]["status"] == "secondary"
    # Not recomputable either: started = active + exited (0, published), so active goes too.
    assert cells(figures, "tracks", "exited")[0]["text"] == "0"
    assert cells(figures, "tracks", "active")[0]["status"] == "secondary"
