"""The per contract and month merge of payroll actuals and the cost model (calc.actuals)."""

from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.calc.actuals import MissingMonth, merge_actuals, month_key, month_of

JAN, FEB, MAR, APR = (month_key(dt.date(2025, m, 1)) for m in (1, 2, 3, 4))
A, B = 1, 2


def test_month_keys_round_trip():
    assert month_of(month_key(dt.date(2025, 12, 17))) == dt.date(2025, 12, 1)
    assert month_key(dt.date(2026, 1, 1)) - month_key(dt.date(2025, 12, 1)) == 1


def test_an_imported_month_counts_its_payroll_and_a_missing_one_the_model():
    """Contract A was imported for January and March, B only for March (a later file came
    in first): B's January and February and A's February count the model, never zero."""
    actual = {(A, JAN): 100_00, (A, MAR): 110_00, (B, MAR): 200_00}
    modelled = {
        (A, JAN): 90_00,
        (A, FEB): 95_00,
        (A, MAR): 99_00,
        (B, JAN): 180_00,
        (B, FEB): 185_00,
        (B, MAR): 190_00,
    }
    merged = merge_actuals(actual, modelled, start=JAN, until=APR)
    assert merged.total == {JAN: 280_00, FEB: 280_00, MAR: 310_00}
    assert merged.actual == {JAN: 100_00, MAR: 310_00}
    assert merged.modelled == {JAN: 180_00, FEB: 280_00}
    assert merged.missing == [MissingMonth(JAN, 1, 180_00), MissingMonth(FEB, 2, 280_00)]
    assert merged.per_year(merged.total) == {2025: 870_00}
    assert merged.missing[1].day == dt.date(2025, 2, 1)


def test_payroll_without_a_modelled_month_still_counts():
    merged = merge_actuals({(A, FEB): 50_00}, {}, start=JAN, until=APR)
    assert merged.total == {FEB: 50_00}
    assert merged.missing == []


def test_a_modelled_month_without_cost_is_not_missing():
    merged = merge_actuals({}, {(A, JAN): 0}, start=JAN, until=APR)
    assert merged.total == {JAN: 0}
    assert merged.missing == []


def test_months_outside_the_window_are_ignored():
    merged = merge_actuals(
        {(A, JAN): 1_00, (A, APR): 2_00}, {(B, JAN): 3_00, (B, APR): 4_00}, start=FEB, until=APR
    )
    assert merged.total == {}
    assert merged.missing == []


def test_nothing_in_the_window():
    assert merge_actuals({}, {}, start=JAN, until=JAN).total == {}
    with pytest.raises(ValueError, match="until"):
        merge_actuals({}, {}, start=FEB, until=JAN)
