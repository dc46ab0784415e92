"""The payroll lock interface: budgets locks its closed years without payroll importing budgets."""

from __future__ import annotations

import pytest

from basisbaan.budgets.selectors import closed_years_by_participant as budget_closed_years
from basisbaan.payroll import locks

pytestmark = pytest.mark.django_db


def test_budgets_registers_its_closed_years_when_django_starts():
    assert locks._readers == [budget_closed_years]


def test_registering_a_reader_twice_is_harmless(monkeypatch):
    monkeypatch.setattr(locks, "_readers", [])

    locks.register_lock(budget_closed_years)
    locks.register_lock(budget_closed_years)

    assert locks._readers == [budget_closed_years]


def test_the_locked_years_of_several_readers_are_joined(monkeypatch, municipality):
    monkeypatch.setattr(locks, "_readers", [])

    def budgets_like(*, municipality):
        return {1: ("Pilot", frozenset({2023})), 2: ("Pilot", frozenset({2023}))}

    def another(*, municipality):
        return {1: ("Pilot", frozenset({2024}))}

    locks.register_lock(budgets_like)
    locks.register_lock(another)

    assert locks.closed_years_by_participant(municipality=municipality) == {
        1: ("Pilot", frozenset({2023, 2024})),
        2: ("Pilot", frozenset({2023})),
    }


def test_without_a_reader_nothing_is_locked(monkeypatch, municipality):
    monkeypatch.setattr(locks, "_readers", [])

    assert locks.closed_years_by_participant(municipality=municipality) == {}
