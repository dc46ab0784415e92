"""Which payroll months are locked: a small interface, so payroll imports no app above it.

Payroll sits below costs and budgets: they read its actuals. A closed budget
year locks the payroll of that year, but the budget years belong to
``budgets``; importing them here would close a circle (payroll -> budgets ->
costs -> payroll). So the dependency is inverted: ``budgets`` registers the
reader of its closed years here when Django starts
(:meth:`basisbaan.budgets.apps.BudgetsConfig.ready`), and the payroll import
asks :func:`closed_years_by_participant`, which every face of the import
(page, API, command, demo) reaches through the service.
"""

from __future__ import annotations

from typing import Protocol

from basisbaan.tenancy.models import Municipality

__all__ = ["ClosedYears", "ClosedYearsReader", "closed_years_by_participant", "register_lock"]

# Participant id -> (programme name, the closed years of the participant's programme).
type ClosedYears = dict[int, tuple[str, frozenset[int]]]


class ClosedYearsReader(Protocol):
    def __call__(self, *, municipality: Municipality) -> ClosedYears: ...


_readers: list[ClosedYearsReader] = []


def register_lock(reader: ClosedYearsReader) -> None:
    """Let ``reader`` lock payroll months; registering the same reader twice is harmless."""
    if reader not in _readers:
        _readers.append(reader)


def closed_years_by_participant(*, municipality: Municipality) -> ClosedYears:
    """Participant id -> (programme name, locked years), from every registered reader."""
    closed: ClosedYears = {}
    for reader in _readers:
        for participant_id, (name, years) in reader(municipality=municipality).items():
            known = closed.get(participant_id)
            closed[participant_id] = (name, years) if known is None else (name, known[1] | years)
    return closed
