"""The rules of a year for "does work pay?", read from the dated parameter tables.

One query for every key; each value is the one in force on 1 January of the
year (the assistance norms: on the first of each month, so the 1 July step is
in). :class:`RulesInUse` also lists every value used with its date, source
and whether it is an assumption, for the page and the printed comparison.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from basisbaan.calc.dated import DatedSeries
from basisbaan.calc.income_rules import IncomeRules
from basisbaan.income.build import KEYS, NORM_KEYS, rules_from
from basisbaan.parameters.constants import ParameterKey as K
from basisbaan.parameters.models import ParameterValue
from basisbaan.parameters.selectors import CADENCE, places_of

__all__ = [
    "NORM_KEYS",
    "ParameterUse",
    "RulesInUse",
    "income_rules",
    "income_years",
    "rules_from",
]


@dataclass(frozen=True, slots=True)
class ParameterUse:
    """A value the comparison used: which, from when, where from, and whether
    it is an assumption (marked so in the table, or carried past its expected
    change because no newer value is known)."""

    key: str
    label: str
    value: Decimal
    effective_date: dt.date
    source: str
    assumption: bool


@dataclass(frozen=True, slots=True)
class RulesInUse:
    rules: IncomeRules
    used: tuple[ParameterUse, ...]

    @property
    def assumptions(self) -> tuple[ParameterUse, ...]:
        return tuple(u for u in self.used if u.assumption)


def income_years(today: dt.date) -> range:
    """The years the tables can compare: from the first with the tax keys to next year."""
    first = (
        ParameterValue.objects.filter(key=K.GENERAL_CREDIT_MAX)
        .order_by("effective_date")
        .values_list("effective_date", flat=True)
        .first()
    )
    start = first.year if first else today.year
    return range(start, max(start, today.year) + 2)


def income_rules(year: int) -> RulesInUse:
    """The rules of ``year``; LookupError when a key has no value by then."""
    rows: dict[str, list[tuple[dt.date, Decimal, str]]] = defaultdict(list)
    marked: set[tuple[str, dt.date]] = set()
    for key, day, value, source, is_assumption in ParameterValue.objects.filter(
        key__in=KEYS
    ).values_list("key", "effective_date", "value", "source", "is_assumption"):
        rows[key].append((day, value, source))
        if is_assumption:
            marked.add((key, day))
    series = {
        key: DatedSeries.of(key, rows[key], cadence_months=CADENCE.get(key), places=places_of(key))
        for key in KEYS
    }
    used: dict[tuple[str, dt.date], ParameterUse] = {}
    labels = dict(K.choices)

    def at(key: str, day: dt.date) -> Decimal:
        found = series[key].at(day)
        mark = found.assumed or (key, found.effective_date) in marked
        used.setdefault(
            (key, found.effective_date),
            ParameterUse(
                key, str(labels[key]), found.value, found.effective_date, found.source, mark
            ),
        )
        return found.value

    rules = rules_from(year, at)
    return RulesInUse(
        rules, tuple(sorted(used.values(), key=lambda u: (KEYS.index(u.key), u.effective_date)))
    )
