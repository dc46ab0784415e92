"""The bounded error collector and its one text."""

from __future__ import annotations

from dataclasses import dataclass

from basisbaan.core.imports import MAX_ERROR_GROUPS, ErrorCollector, more_errors_lines


@dataclass(frozen=True)
class Problem:
    row: int
    column: str
    message: str


def test_the_first_errors_in_detail_the_rest_counted():
    errors: ErrorCollector[Problem] = ErrorCollector(limit=2)
    for row in range(2, 500_002):
        errors.add(Problem(row, "periode", "Ongeldige periode"))
    errors.add(Problem(500_002, "uren", "Vul het aantal uren in."))

    assert (len(errors), bool(errors), errors.more_count) == (500_001, True, 499_999)
    assert errors.detail == [Problem(2, "periode", "Ongeldige periode")] + [
        Problem(3, "periode", "Ongeldige periode")
    ]
    assert errors.more == [
        {"column": "periode", "message": "Ongeldige periode", "count": 499_998},
        {"column": "uren", "message": "Vul het aantal uren in.", "count": 1},
    ]
    assert more_errors_lines(errors.more) == [
        "En nog 499.999 fouten, per kolom en reden:",
        "kolom periode: Ongeldige periode (499.998 keer)",
        "kolom uren: Vul het aantal uren in. (1 keer)",
    ]


def test_reasons_that_quote_each_value_stay_bounded():
    """A reason that names the cell's value differs per row: after
    MAX_ERROR_GROUPS distinct reasons, new ones count as 'andere fouten'."""
    errors: ErrorCollector[Problem] = ErrorCollector(limit=0)
    for row in range(10_000):
        errors.add(Problem(row, "brutoloon", f"Geen geldig bedrag: '{row}x'."))

    assert len(errors.more) == MAX_ERROR_GROUPS + 1
    assert errors.more[0] == {
        "column": "brutoloon",
        "message": "andere fouten",
        "count": 10_000 - MAX_ERROR_GROUPS,
    }
    assert sum(group["count"] for group in errors.more) == 10_000


def test_no_errors_no_lines():
    errors: ErrorCollector[Problem] = ErrorCollector(limit=5)
    errors.add(Problem(2, "bsn", "x"))
    assert (bool(errors), errors.more, more_errors_lines(errors.more)) == (True, [], [])
    assert not ErrorCollector(limit=5)
