"""The rules that turn a contract month's facts into the cost model's input. Pure; no Django.

:mod:`basisbaan.costs.inputs` reads the database and builds columns; the
decisions it needs per row live here, vectorised over numpy int64 columns
(cents, ppm; see :mod:`basisbaan.calc.fixed`), each equal to a scalar rule
the property tests compare it with:

- **Employer charges** (:func:`employer_charges_ppm`): AWf high for a
  fixed-term contract (unless the programme documents the exception), else
  low; Aof high for a large employer; childcare surcharge, Whk and Zvw always;
  Ufo for a government employer. Equal to
  :func:`basisbaan.calc.costs.employer_charges_rate`.
- **Youth minimum wage** (:func:`age_on_day`, :func:`youth_share_ppm`,
  :func:`personal_minimum_wage`): under 21 the minimum wage is a share of the
  adult amount, by age on the row's first day (15 and younger: the share
  of 15). The caller cuts a period at each birthday under 22, so a youth wage
  rises on the birthday itself. Equal to
  :meth:`basisbaan.calc.labour_law.MinimumWageTable.step_on` on that day.
- **Wage lines** (:func:`wage_in_force`): a period's hourly wage holds from
  its start until its first dated wage line; each line from its day on.
- **The wage follows the minimum wage** (:func:`wage_following_minimum`): a
  month whose personal minimum is above the period's hourly wage is planned
  at the minimum, where the programme's setting says so.
- **LKS applicability** (:func:`wage_value_in_force`, :func:`lks_applies`,
  :func:`lks_minimum_wage`): a contract with wage-cost subsidy uses the wage
  value given for it, else the latest measurement of the person on or before
  the last day the row covers; without either it gets no LKS and is flagged
  as missing. A row has LKS when its wage value is below 100 %.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import numpy as np
import numpy.typing as npt

from basisbaan.calc.fixed import PPM, Ints, mul_div_round
from basisbaan.calc.months import Days

__all__ = [
    "ADULT_AGE",
    "CHARGE_KEYS",
    "YOUNGEST_AGE",
    "YOUTH_AGES",
    "Bools",
    "age_on_day",
    "age_on_first_day",
    "employer_charges_ppm",
    "last_day_covered",
    "lks_applies",
    "lks_minimum_wage",
    "personal_minimum_wage",
    "wage_following_minimum",
    "wage_in_force",
    "wage_value_in_force",
    "youth_share_ppm",
]

Bools = npt.NDArray[np.bool_]

# The parameter keys of the employer's premiums (parameters.constants.ParameterKey values).
CHARGE_KEYS: Final = (
    "awf_low",
    "awf_high",
    "aof_low",
    "aof_high",
    "childcare_surcharge",
    "whk",
    "zvw_employer",
    "ufo",
)
ADULT_AGE: Final = 21
YOUNGEST_AGE: Final = 15  # the youngest youth share; younger people get it too
YOUTH_AGES: Final = tuple(range(YOUNGEST_AGE, ADULT_AGE))  # 15 .. 20


# --- employer charges -------------------------------------------------------------------------


def employer_charges_ppm(
    rates: Mapping[str, Ints],
    *,
    permanent: Bools,
    fixed_term_awf_high: Bools,
    large_employer: Bools,
    government_employer: Bools,
) -> Ints:
    """The employer's statutory premium rate per row, in ppm.

    ``rates`` holds per row the month's rate of each of :data:`CHARGE_KEYS`.
    AWf high for a contract that is not permanent, where ``fixed_term_awf_high``
    (the law; off only for a documented exception); Aof high for a large
    employer; Ufo only for a government employer.

    >>> one = lambda v: np.array([v], dtype=np.int64)
    >>> rates = {k: one(v) for k, v in zip(CHARGE_KEYS,
    ...     [27_400, 77_400, 62_800, 76_400, 5_000, 13_300, 65_100, 6_800])}
    >>> no, yes = np.array([False]), np.array([True])
    >>> employer_charges_ppm(rates, permanent=no, fixed_term_awf_high=yes,
    ...     large_employer=no, government_employer=no).tolist()
    [223600]
    """
    awf_high = ~permanent & fixed_term_awf_high
    total: Ints = (
        np.where(awf_high, rates["awf_high"], rates["awf_low"])
        + np.where(large_employer, rates["aof_high"], rates["aof_low"])
        + rates["childcare_surcharge"]
        + rates["whk"]
        + rates["zvw_employer"]
        + np.where(government_employer, rates["ufo"], 0)
    ).astype(np.int64)
    return total


# --- youth minimum wage -----------------------------------------------------------------------


def age_on_first_day(
    birth_year: Ints, birth_month: Ints, birth_day: Ints, year: Ints, month: Ints
) -> Ints:
    """Age in whole years on the first day of ``year``-``month``, per row.

    Someone born on the 1st is a year older from that month on; born later in
    the month, from the next month (the first day is before the birthday).

    >>> a = lambda *v: np.array(v, dtype=np.int64)
    >>> age_on_first_day(a(2004, 2004), a(7, 7), a(1, 15), a(2024, 2024), a(7, 7)).tolist()
    [20, 19]
    """
    not_yet = (month < birth_month) | ((month == birth_month) & (birth_day > 1))
    age: Ints = (year - birth_year - not_yet).astype(np.int64)
    return age


def _ymd(days: Days) -> tuple[Ints, Ints, Ints]:
    """Year, month (1..12) and day of month per row."""
    months = days.astype("datetime64[M]")
    number = months.astype(np.int64)
    day = (days - months.astype("datetime64[D]")).astype(np.int64) + 1
    return number // 12 + 1970, number % 12 + 1, day


def age_on_day(birth: Days, day: Days) -> Ints:
    """Age in whole years on ``day``, per row (someone born on 29 February is a year
    older on 1 March in a common year, as :func:`basisbaan.calc.labour_law.age_on`).

    >>> d = lambda *v: np.array(v, dtype="datetime64[D]")
    >>> age_on_day(d("2004-07-15", "2004-07-15", "2004-02-29"),
    ...            d("2024-07-14", "2024-07-15", "2025-03-01")).tolist()
    [19, 20, 21]
    """
    by, bm, bd = _ymd(birth)
    dy, dm, dd = _ymd(day)
    not_yet = (dm < bm) | ((dm == bm) & (dd < bd))
    age: Ints = (dy - by - not_yet).astype(np.int64)
    return age


def youth_share_ppm(age: Ints, shares: Mapping[int, Ints]) -> Ints:
    """The share of the adult minimum wage per row, in ppm.

    ``shares`` holds per age of :data:`YOUTH_AGES` the share per row; 21 and
    older get the whole amount (:data:`~basisbaan.calc.fixed.PPM`), 15 and
    younger the share of 15.

    >>> a = lambda *v: np.array(v, dtype=np.int64)
    >>> shares = {age: a(*[100_000 * (age - 12)] * 4) for age in YOUTH_AGES}
    >>> youth_share_ppm(a(14, 15, 20, 21), shares).tolist()
    [300000, 300000, 800000, 1000000]
    """
    share = np.full(len(age), PPM, dtype=np.int64)
    for years in YOUTH_AGES:
        rows = age == years if years > YOUNGEST_AGE else age <= YOUNGEST_AGE
        share[rows] = shares[years][rows]
    return share


def personal_minimum_wage(adult_cents: Ints, share_ppm: Ints) -> Ints:
    """The person's hourly minimum wage in cents: the adult amount times the
    share, rounded half up to a cent.

    >>> a = lambda *v: np.array(v, dtype=np.int64)
    >>> personal_minimum_wage(a(1368, 1368), a(800_000, 1_000_000)).tolist()
    [1094, 1368]
    """
    return mul_div_round(adult_cents, share_ppm, PPM)


def wage_following_minimum(
    wage_cents: Ints, personal_minimum_cents: Ints, follows: Bools
) -> tuple[Ints, Bools]:
    """The hourly wage to plan per row, and where the minimum wage raised it.

    Where ``follows`` (the programme's setting) and the person's minimum is
    above the period's wage, the minimum; elsewhere the period's wage.

    >>> a = lambda *v: np.array(v, dtype=np.int64)
    >>> wage, raised = wage_following_minimum(a(1300, 1300, 1500), a(1368, 1368, 1368),
    ...     np.array([True, False, True]))
    >>> wage.tolist(), raised.tolist()
    ([1368, 1300, 1500], [True, False, False])
    """
    raised: Bools = follows & (personal_minimum_cents > wage_cents)
    planned: Ints = np.where(raised, personal_minimum_cents, wage_cents).astype(np.int64)
    return planned, raised


# --- wage lines ---------------------------------------------------------------------------


def wage_in_force(
    period_wage: Ints,
    rows: Ints,
    first_day: Days,
    line_rows: Ints,
    line_days: Days,
    line_wages: Ints,
) -> Ints:
    """Per row: the hourly wage (cents) in force on its first day.

    ``rows``: the period of each row; ``period_wage`` per row the period's own
    wage. Lines (``line_rows`` the period, ``line_days`` the day it starts,
    ``line_wages`` cents) must be sorted by period, then day. A row takes the
    latest line of its period dated on or before its first day, else the
    period's wage.

    >>> a = lambda *v: np.array(v, dtype=np.int64)
    >>> d = lambda *v: np.array(v, dtype="datetime64[D]")
    >>> wage_in_force(a(1471, 1471, 1500), a(0, 0, 1), d("2026-06-01", "2026-07-01", "2026-07-01"),
    ...               a(0), d("2026-07-01"), a(1500)).tolist()
    [1471, 1500, 1500]
    """
    wage = period_wage.copy()
    if not len(line_rows) or not len(rows):
        return wage
    keys = (line_rows << _DAY_BITS) + _day_numbers(line_days)
    row_keys = (rows << _DAY_BITS) + _day_numbers(first_day)
    index = np.searchsorted(keys, row_keys, side="right") - 1
    safe = np.maximum(index, 0)
    found = (index >= 0) & (line_rows[safe] == rows)
    wage[found] = line_wages[safe[found]]
    return wage


# --- LKS applicability ------------------------------------------------------------------------


def lks_applies(wage_value_ppm: Ints) -> Bools:
    """Rows with LKS: a wage value below 100 % (a contract without LKS has 100 %)."""
    applies: Bools = wage_value_ppm < PPM
    return applies


def lks_minimum_wage(personal_minimum_cents: Ints, applies: Bools) -> Ints:
    """The minimum wage the LKS is computed on: the person's, on rows with LKS; else 0."""
    minimum: Ints = np.where(applies, personal_minimum_cents, 0).astype(np.int64)
    return minimum


def last_day_covered(
    year: Ints, month: Ints, days_in_month: Ints, period_end: Days, window_end: Days
) -> Days:
    """Per row, the last day it covers: the month's end, the period's end or the
    window's end, whichever comes first."""
    first_of_month = ((year - 1970) * 12 + month - 1).astype("datetime64[M]")
    month_end = first_of_month.astype("datetime64[D]") + (days_in_month - 1).astype(
        "timedelta64[D]"
    )
    last: Days = np.minimum(np.minimum(month_end, period_end), window_end)
    return last


# Measurements and rows are matched on one int64 key: participant id, then day.
_DAY_BITS: Final = 20  # days since 1970 plus the offset stay below 2**20 until 3405
_DAY_OFFSET: Final = 1 << 19  # dates back to 535 BC stay positive


def _day_numbers(days: Days) -> Ints:
    numbers: Ints = days.astype("datetime64[D]").astype(np.int64) + _DAY_OFFSET
    return numbers


def wage_value_in_force(
    *,
    subsidised: Bools,
    override_ppm: Ints,
    people: Ints,
    last_day: Days,
    measured_people: Ints,
    measured_days: Days,
    measured_ppm: Ints,
) -> tuple[Ints, Bools]:
    """Per row: the wage value in ppm (PPM: no LKS) and whether it is missing.

    A row of a contract without LKS (``subsidised`` false) gets PPM. With LKS:
    its contract's override (``override_ppm``, -1 for none), else the person's
    latest measurement dated on or before ``last_day`` (the caller cuts rows at
    measurement days, so that counts from the measurement's date). No value: PPM, and missing.
    The measurements must be sorted by person, then day.

    >>> a = lambda *v: np.array(v, dtype=np.int64)
    >>> d = lambda *v: np.array(v, dtype="datetime64[D]")
    >>> value, missing = wage_value_in_force(
    ...     subsidised=np.array([True, True, True, False]), override_ppm=a(-1, -1, 550_000, -1),
    ...     people=a(7, 7, 8, 7), last_day=d("2024-01-31", "2024-02-29", "2024-02-29", "2024-02-29"),
    ...     measured_people=a(7), measured_days=d("2024-02-10"), measured_ppm=a(600_000))
    >>> value.tolist(), missing.tolist()
    ([1000000, 600000, 550000, 1000000], [True, False, False, False])
    """
    wage_value = np.full(len(subsidised), PPM, dtype=np.int64)
    overridden = subsidised & (override_ppm >= 0)
    wage_value[overridden] = override_ppm[overridden]
    needed = subsidised & ~overridden
    found = np.zeros(len(subsidised), dtype=np.bool_)
    if needed.any() and len(measured_people):
        keys = (measured_people << _DAY_BITS) + _day_numbers(measured_days)
        row_keys = (people << _DAY_BITS) + _day_numbers(last_day)
        index = np.searchsorted(keys, row_keys, side="right") - 1
        safe = np.maximum(index, 0)
        found = needed & (index >= 0) & (measured_people[safe] == people)
        wage_value[found] = measured_ppm[safe[found]]
    missing: Bools = needed & ~found
    return wage_value, missing
