"""The rules of a year from any source of dated values: the keys they need and
:func:`rules_from`. No database (the benchmark and the calculation's tests use
it on the seed lists); :mod:`basisbaan.income.rules` uses it on the tables.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from decimal import Decimal

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

__all__ = ["KEYS", "NORM_KEYS", "rules_from"]

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


def rules_from(year: int, at: Callable[[str, dt.date], Decimal]) -> IncomeRules:
    """The rules of ``year`` from ``at(key, day)``, the value of a key on a day.

    :func:`income_rules` passes the dated tables (recording what it used); the
    benchmark and the calculation's tests pass the seed lists.
    """
    jan = dt.date(year, 1, 1)

    def v(key: str) -> Decimal:
        return at(key, jan)

    return IncomeRules(
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
