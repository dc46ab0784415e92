"""The fast path (column by column) decides exactly as the row checker does.

Files of random good and bad rows are checked twice, with the fast path and
without it (the reference), in chunks of a few rows so that clean and dirty
chunks alternate. Everything must agree: counts, every error with its row,
column and message, the summary per month, and the rows handed to the database.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from basisbaan.payroll import parsing
from basisbaan.payroll.checking import validate_rows
from basisbaan.payroll.parsing import read_payroll_file
from basisbaan.payroll.services import payroll_import
from basisbaan.payroll.validation import Block
from tests.payroll.conftest import ANNA, ANNA_MARCH, BART, COR, HEADER, csv_bytes

pytestmark = pytest.mark.django_db


class RecordingSink:
    def __init__(self) -> None:
        self.rows: list[tuple[int, int, str, tuple[int, ...]]] = []
        self.refused = False

    def add(self, participant, contract, period, values):
        self.rows.append((participant, contract, period.isoformat(), tuple(values)))

    def add_block(self, block: Block):
        for i in range(len(block)):
            values = tuple(column[i] for column in block.cents)
            self.rows.append((block.participants[i], block.contracts[i], block.periods[i], values))
        for column, cents in zip(block.texts, block.cents, strict=True):
            # The literal sent to PostgreSQL is the same number.
            assert [round(float(text.replace(",", ".")) * 100) for text in column] == cents

    def refuse(self):
        self.refused = True


def check(municipality, content, *, fast, correction=False):
    sink = RecordingSink()
    outcome = validate_rows(
        read_payroll_file(content, "x.csv"),
        municipality=municipality,
        correction=correction,
        sink=sink,
        fast=fast,
        today=dt.date(2024, 12, 15),
    )
    return outcome, sink


# Mostly good values, so that many chunks are clean and take the fast path.
people = st.sampled_from([ANNA] * 4 + [BART] * 4 + [COR, "999999990", "123456789", "", " " + ANNA])
months = st.sampled_from(
    ["2024-03", "2024-04", "2024-05", "2024-06", "2024-07", "2024-08", "2024-09"] * 3
    + ["2024-3", "mrt-24", "2025-01", "2024-13", "", "2024-02"]
)
plain_cents = st.integers(min_value=0, max_value=300_000)


@st.composite
def amount(draw, cents: int) -> str:
    """``cents`` written in one of the ways a payroll file may write it."""
    euros, rest = divmod(cents, 100)
    style = draw(st.sampled_from(["comma", "point", "whole", "grouped", "one"]))
    if style == "comma":
        return f"{euros},{rest:02d}"
    if style == "point":
        return f"{euros}.{rest:02d}"
    if style == "whole" and rest == 0:
        return str(euros)
    if style == "grouped":
        return f"{euros:,}".replace(",", ".") + f",{rest:02d}"
    if style == "one" and rest % 10 == 0:
        return f"{euros},{rest // 10}"
    return f"{euros},{rest:02d}"


@st.composite
def row(draw) -> list[str]:
    parts = [draw(plain_cents) for _ in range(5)]
    total = sum(parts) + draw(st.sampled_from([0] * 8 + [1, -1, 2, 500]))
    hours = draw(st.integers(min_value=0, max_value=80_000))
    cells = [draw(amount(c)) for c in parts] + [draw(amount(max(total, 0))), draw(amount(hours))]
    spoil = draw(st.sampled_from([None] * 20 + ["x", "-5,00", "1,234", "", "12,345,6", "2,5e3"]))
    if spoil is not None:
        cells[draw(st.integers(min_value=0, max_value=6))] = spoil
    return [draw(people), draw(months), *cells]


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(row(), min_size=1, max_size=25), chunk=st.integers(1, 6))
def test_fast_and_reference_paths_agree(world, municipality, monkeypatch, rows, chunk):
    monkeypatch.setattr(parsing, "CHUNK_ROWS", chunk)
    content = csv_bytes(rows)

    fast, fast_sink = check(municipality, content, fast=True)
    slow, slow_sink = check(municipality, content, fast=False)

    assert fast.errors == slow.errors
    assert (fast.rows, fast.imported, fast.unchanged) == (slow.rows, slow.imported, slow.unchanged)
    assert fast.summary() == slow.summary()
    assert fast.replacements == slow.replacements
    assert sorted(fast_sink.rows) == sorted(slow_sink.rows)
    assert fast_sink.refused == slow_sink.refused == bool(slow.errors)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(rows=st.lists(row(), min_size=1, max_size=15), chunk=st.integers(1, 4))
def test_paths_agree_against_stored_entries_and_with_corrections(
    world, municipality, monkeypatch, rows, chunk
):
    """With entries already stored (March and April for Anna), rows are unchanged,
    differ (an error), or are replaced in a correction, the same on both paths."""
    if not hasattr(world, "_stored"):
        april = list(ANNA_MARCH)
        april[1] = "2024-04"
        payroll_import(
            municipality=municipality,
            actor=None,
            file_name="eerder.csv",
            content=csv_bytes([ANNA_MARCH, april]),
        )
        world._stored = True
    monkeypatch.setattr(parsing, "CHUNK_ROWS", chunk)
    content = csv_bytes([ANNA_MARCH, *rows])

    for correction in (False, True):
        fast, fast_sink = check(municipality, content, fast=True, correction=correction)
        slow, slow_sink = check(municipality, content, fast=False, correction=correction)

        assert fast.errors == slow.errors
        assert (fast.rows, fast.imported, fast.unchanged) == (
            slow.rows,
            slow.imported,
            slow.unchanged,
        )
        assert fast.replacements == slow.replacements
        assert sorted(fast_sink.rows) == sorted(slow_sink.rows)


def test_a_clean_file_goes_through_the_fast_path(world, municipality, monkeypatch):
    """Guard for the benchmark: clean CSV chunks are not checked row by row."""
    from basisbaan.payroll import validation

    calls = []
    monkeypatch.setattr(validation.RowChecker, "check", lambda self, row, cells: calls.append(row))
    months = [f"2024-{m:02d}" for m in range(3, 10)]
    rows = [[BART, month, "1000", "80", "250", "50", "0", "1380", "69,33"] for month in months]

    outcome, sink = check(municipality, csv_bytes(rows), fast=True)

    assert calls == []
    assert (outcome.rows, outcome.imported, len(sink.rows)) == (7, 7, 7)


def test_header_only_in_fast_mode(world, municipality):
    outcome, _sink = check(municipality, csv_bytes([], header=HEADER), fast=True)

    assert outcome.rows == 0
