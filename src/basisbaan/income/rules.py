"""The rules of a year for "does work pay?", read from the dated parameter tables.

One query for every key; each value is the one in force on 1 January of the
year (the assistance norms: on the first of each month, so the 1 July step is
in). :class:`RulesInUse` also lists every value used with its date, source
and whether it is an assumption, for the page and the printed comparison.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from basisbaan.calc.dated import DatedSeries
from basisbaan.calc.income_rules import (
    AssistanceRules,
    ChildRules,
    HealthcareRules,
    IncomeRules,
    Kind,
    RentRules,
    TaxRules,
)
from basisbaan.parameters.constants import ParameterKey as K
from basisbaan.parameters.models import ParameterValue
from basisbaan.parameters.selectors import CADENCE, places_of

__all__ = ["NORM_KEYS", "ParameterUse", "RulesInUse", "income_rules", "income_years"]

NORM_KEYS: dict[Kind, str] = {
    Kind.SINGLE: K.ASSISTANCE_NORM_SINGLE,
    Kind.SINGLE_PARENT: K.ASSISTANCE_NORM_SINGLE_PARENT,
    Kind.COUPLE: K.ASSISTANCE_NORM_COUPLE,
}
_TAX = (
    K.TAX_LIMIT_1, K.TAX_LIMIT_2, K.TAX_RATE_1, K.TAX_RATE_2, K.TAX_RATE_3,
    K.GENERAL_CREDIT_MAX, K.GENERAL_CREDIT_START, K.GENERAL_CREDIT_RATE,
    K.LABOUR_CREDIT_END_1, K.LABOUR_CREDIT_END_2, K.LABOUR_CREDIT_END_3,
    K.LABOUR_CREDIT_RATE_1, K.LABOUR_CREDIT_RATE_2, K.LABOUR_CREDIT_RATE_3,
    K.LABOUR_CREDIT_PHASEOUT,
)  # fmt: skip
_HEALTHCARE = (
    K.HEALTHCARE_PREMIUM, K.HEALTHCARE_THRESHOLD, K.HEALTHCARE_SHARE_SINGLE,
    K.HEALTHCARE_SHARE_PARTNER, K.HEALTHCARE_RATE, K.HEALTHCARE_LIMIT_SINGLE,
    K.HEALTHCARE_LIMIT_PARTNER,
)  # fmt: skip
_RENT = (
    K.RENT_MAX, K.RENT_MAX_CAPS, K.RENT_QUALITY_LIMIT, K.RENT_CAP_SMALL, K.RENT_CAP_LARGE,
    K.RENT_MIN_NORM_SINGLE, K.RENT_MIN_NORM_MULTI, K.RENT_FACTOR_A_SINGLE,
    K.RENT_FACTOR_B_SINGLE, K.RENT_FACTOR_A_MULTI, K.RENT_FACTOR_B_MULTI, K.RENT_TARGET,
    K.RENT_RATE_MIDDLE, K.RENT_RATE_HIGH_SINGLE, K.RENT_RATE_HIGH_MULTI,
    K.RENT_PHASEOUT_POINT_SINGLE, K.RENT_PHASEOUT_POINT_MULTI,
    K.RENT_PHASEOUT_RATE_SINGLE, K.RENT_PHASEOUT_RATE_MULTI,
)  # fmt: skip
_CHILD = (
    K.CHILD_PER_CHILD, K.CHILD_EXTRA_12, K.CHILD_EXTRA_16, K.CHILD_SINGLE_PARENT,
    K.CHILD_RATE, K.CHILD_THRESHOLD_SINGLE, K.CHILD_THRESHOLD_PARTNER,
)  # fmt: skip
_ASSISTANCE = (
    K.ASSISTANCE_HOLIDAY_SHARE, K.DISREGARD_RATE, K.DISREGARD_CAP, K.DISREGARD_MONTHS,
)  # fmt: skip
KEYS: tuple[str, ...] = (
    K.HOLIDAY_ALLOWANCE,
    *_TAX,
    *_HEALTHCARE,
    *_RENT,
    *_CHILD,
    *_ASSISTANCE,
    *NORM_KEYS.values(),
)


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

    jan = dt.date(year, 1, 1)

    def v(key: str) -> Decimal:
        return at(key, jan)

    rules = IncomeRules(
        year=year,
        holiday_allowance=v(K.HOLIDAY_ALLOWANCE),
        tax=TaxRules(
            bracket_limits=(v(K.TAX_LIMIT_1), v(K.TAX_LIMIT_2)),
            bracket_rates=(v(K.TAX_RATE_1), v(K.TAX_RATE_2), v(K.TAX_RATE_3)),
            general_max=v(K.GENERAL_CREDIT_MAX),
            general_start=v(K.GENERAL_CREDIT_START),
            general_rate=v(K.GENERAL_CREDIT_RATE),
            labour_ends=(
                v(K.LABOUR_CREDIT_END_1),
                v(K.LABOUR_CREDIT_END_2),
                v(K.LABOUR_CREDIT_END_3),
            ),
            labour_rates=(
                v(K.LABOUR_CREDIT_RATE_1),
                v(K.LABOUR_CREDIT_RATE_2),
                v(K.LABOUR_CREDIT_RATE_3),
            ),
            labour_phaseout_rate=v(K.LABOUR_CREDIT_PHASEOUT),
        ),
        healthcare=HealthcareRules(*(v(k) for k in _HEALTHCARE)),
        rent=RentRules(
            max_rent=v(K.RENT_MAX),
            max_rent_caps=v(K.RENT_MAX_CAPS) == 1,
            **{
                f.name: v(key)
                for f, key in zip(dataclasses.fields(RentRules)[2:], _RENT[2:], strict=True)
            },
        ),
        child=ChildRules(*(v(k) for k in _CHILD)),
        assistance=AssistanceRules(
            norms_month={
                kind: tuple(at(key, dt.date(year, month, 1)) for month in range(1, 13))
                for kind, key in NORM_KEYS.items()
            },
            holiday_share=v(K.ASSISTANCE_HOLIDAY_SHARE),
            disregard_rate=v(K.DISREGARD_RATE),
            disregard_cap_month=v(K.DISREGARD_CAP),
            disregard_months=int(v(K.DISREGARD_MONTHS)),
        ),
    )
    return RulesInUse(
        rules, tuple(sorted(used.values(), key=lambda u: (KEYS.index(u.key), u.effective_date)))
    )
