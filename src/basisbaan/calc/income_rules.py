"""The rules of one calendar year for the "does work pay?" comparison.

Plain frozen dataclasses of :class:`~decimal.Decimal` amounts, filled from the
dated parameter tables by :mod:`basisbaan.income.rules`; the engine
(:mod:`basisbaan.calc.income`) turns them into floats once. Amounts are per
year unless the name ends in ``_month``; rates are fractions (0.3582 = 35,82 %).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal


class Kind(enum.IntEnum):
    """The household types the assistance norms distinguish (21 to AOW age)."""

    SINGLE = 0
    SINGLE_PARENT = 1
    COUPLE = 2


@dataclass(frozen=True, slots=True)
class TaxRules:
    """Box 1 (below AOW age) and the two tax credits of a wage earner.

    ``bracket_limits`` are the upper limits of brackets 1 and 2; two equal
    limits mean there is no middle bracket (2024). The labour credit
    (arbeidskorting) rises in three bands, ``labour_ends[i]`` being the end of
    band i, then falls by ``labour_phaseout_rate`` per euro until zero.
    """

    bracket_limits: tuple[Decimal, Decimal]
    bracket_rates: tuple[Decimal, Decimal, Decimal]
    general_max: Decimal
    general_start: Decimal
    general_rate: Decimal
    labour_ends: tuple[Decimal, Decimal, Decimal]
    labour_rates: tuple[Decimal, Decimal, Decimal]
    labour_phaseout_rate: Decimal


@dataclass(frozen=True, slots=True)
class HealthcareRules:
    """Zorgtoeslag (Wet op de zorgtoeslag art. 2): the standard premium (twice
    for partners) less the norm premium, ``threshold_rate`` of the threshold
    income plus ``rate`` of the income above it; nothing above the income
    limit (at the limit itself there is still an allowance). Paid per month as the rounded yearly amount / 12, rounded down."""

    standard_premium: Decimal
    threshold: Decimal
    threshold_rate_single: Decimal
    threshold_rate_partner: Decimal
    rate: Decimal
    limit_single: Decimal
    limit_partner: Decimal


@dataclass(frozen=True, slots=True)
class RentRules:
    """Huurtoeslag (Wet op de huurtoeslag).

    Normhuur = max(minimum normhuur, a·Y² + b·Y), Y the household's
    toetsingsinkomen, factors and minimum per one-person or larger household;
    basishuur = normhuur + ``target`` (the taakstellingsbedrag, negative since
    2024: the lower own contribution). Per month: 100 % of the rent between the
    basishuur and the quality limit, ``rate_middle`` up to the cap,
    ``rate_high_*`` above it; rounded down to whole euros.

    Up to 2025 a rent above ``max_rent`` gets nothing; from 2026
    (``max_rent_caps``) the rent counts up to ``max_rent``, the factors are
    zero (a fixed basishuur) and the yearly allowance falls by
    ``phaseout_rate_*`` of the income above ``phaseout_point_*``.
    """

    max_rent: Decimal
    max_rent_caps: bool
    quality_limit: Decimal
    cap_small: Decimal
    cap_large: Decimal
    min_norm_single: Decimal
    min_norm_multi: Decimal
    factor_a_single: Decimal
    factor_b_single: Decimal
    factor_a_multi: Decimal
    factor_b_multi: Decimal
    target: Decimal
    rate_middle: Decimal
    rate_high_single: Decimal
    rate_high_multi: Decimal
    phaseout_point_single: Decimal
    phaseout_point_multi: Decimal
    phaseout_rate_single: Decimal
    phaseout_rate_multi: Decimal


@dataclass(frozen=True, slots=True)
class ChildRules:
    """Kindgebonden budget per year: an amount per child under 18, extras for
    ages 12-15 and 16-17, a supplement for a single parent; less ``rate`` of
    income above the threshold."""

    per_child: Decimal
    extra_12: Decimal
    extra_16: Decimal
    single_parent: Decimal
    rate: Decimal
    threshold_single: Decimal
    threshold_partner: Decimal


@dataclass(frozen=True, slots=True)
class AssistanceRules:
    """The Participatiewet net norms per month (incl. holiday allowance), one
    per calendar month so the 1 July step is in the year, and the earnings
    disregard: ``disregard_rate`` of net earnings, at most ``disregard_cap_month``,
    for ``disregard_months`` months."""

    norms_month: dict[Kind, tuple[Decimal, ...]]
    holiday_share: Decimal
    disregard_rate: Decimal
    disregard_cap_month: Decimal
    disregard_months: int


@dataclass(frozen=True, slots=True)
class LocalScheme:
    """A municipal scheme for low incomes: ``amounts[kind]`` per year (by
    :class:`Kind`) while the household's net income without the national
    allowances is at most ``income_limit`` times its assistance norm.

    ``kind`` is ``iit`` (individuele inkomenstoeslag), ``remission``
    (kwijtschelding of local taxes) or ``other``.
    """

    name: str
    kind: str
    income_limit: Decimal
    amounts: tuple[Decimal, Decimal, Decimal]


@dataclass(frozen=True, slots=True)
class IncomeRules:
    year: int
    holiday_allowance: Decimal
    tax: TaxRules
    healthcare: HealthcareRules
    rent: RentRules
    child: ChildRules
    assistance: AssistanceRules
