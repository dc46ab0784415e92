"""Exact fixed-point arithmetic for money: integers only, never float.

Units used by the cost model:

- amounts in euro **cents** (``1896.96`` euro is ``189_696``);
- rates in **parts per million** (ppm: 8 % is ``80_000``, 23.5 % is ``235_000``);
- hours per week in **tenths** (``32.0`` hours is ``320``).

Every division rounds *half up* (a tie goes to the larger amount), the way
accountants and payroll software round euro amounts. All amounts in the cost
model are zero or positive, so half up and half away from zero agree; the
helpers refuse nothing themselves, the callers check their inputs are in range
so that no intermediate product can overflow int64 (see the ``MAX_*`` limits
in :mod:`basisbaan.calc.costs`).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

import numpy as np
import numpy.typing as npt

Ints = npt.NDArray[np.int64]

PPM: Final = 1_000_000
CENTS: Final = 100
TENTHS: Final = 10
INT64_MAX: Final = int(np.iinfo(np.int64).max)

_CENT = Decimal("0.01")


def mul_div_round(a: Ints | int, b: Ints | int, c: Ints | int) -> Ints:
    """``a × b / c`` rounded half up, in exact integers, for ``a × b ≥ 0`` and ``c > 0``.

    Computed as ``(ab + c // 2) // c``: for even ``c`` that is ``⌊ab/c + ½⌋``;
    for odd ``c`` the lost half never matters, as no integer multiple of ``c``
    lies strictly between ``ab + (c − 1)/2`` and ``ab + c/2``. The caller keeps
    ``ab + c`` below 2**63.

    >>> [int(mul_div_round(n, 1, 2)) for n in (5, 6)], int(mul_div_round(7, 1, 4))
    ([3, 3], 2)
    >>> [int(mul_div_round(n, 1, 3)) for n in (1, 2, 4, 5)]
    [0, 1, 1, 2]
    """
    product = np.asarray(a, dtype=np.int64) * np.asarray(b, dtype=np.int64)
    divisor = np.asarray(c, dtype=np.int64)
    product += divisor // 2
    product //= divisor
    return product


def round_half_up(numerator: int, denominator: int) -> int:
    """Scalar ``numerator / denominator`` rounded half up (half away from zero)."""
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    sign = -1 if numerator < 0 else 1
    return sign * ((2 * abs(numerator) + denominator) // (2 * denominator))


def _scaled(value: Decimal | int, scale: int, what: str) -> int:
    scaled = Decimal(value) * scale
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{value} is not a whole number of {what}")
    return int(scaled)


def to_cents(euros: Decimal | int) -> int:
    """``Decimal("13.68")`` -> ``1368``; refuses fractions of a cent (no silent rounding)."""
    return _scaled(euros, CENTS, "cents")


def to_ppm(fraction: Decimal | int) -> int:
    """``Decimal("0.08")`` -> ``80_000``; refuses finer than one millionth."""
    return _scaled(fraction, PPM, "millionths")


def to_tenths(hours: Decimal | int) -> int:
    """``Decimal("32.0")`` -> ``320``; refuses finer than a tenth of an hour."""
    return _scaled(hours, TENTHS, "tenths")


def euros(cents: int | np.integer[Any]) -> Decimal:
    """``189_696`` -> ``Decimal("1896.96")``."""
    return (Decimal(int(cents)) / CENTS).quantize(_CENT)


def quantize_cents(amount: Decimal) -> Decimal:
    """Round a euro amount to whole cents, half up."""
    return amount.quantize(_CENT, rounding=ROUND_HALF_UP)


WEEKS_PER_YEAR: Final = 52
MONTHS_PER_YEAR: Final = 12


def monthly_amount(hourly: Ints, hours: Ints) -> Ints:
    """Cents per full month of an hourly amount for ``hours`` tenths per week.

    ``hourly × hours per week × 52 / 12``, rounded half up once:
    ``1368 × 320 × 52 / 120 = 189_696`` (13.68 × 32 × 52/12 = 1,896.96 euro).
    """
    return mul_div_round(hourly * hours, WEEKS_PER_YEAR, MONTHS_PER_YEAR * TENTHS)


def partial_rows(days: Ints, days_in_month: Ints) -> Ints:
    """Indices of the rows that cover only part of their month."""
    return np.flatnonzero(days != days_in_month)


def pro_rata(
    full: Ints,
    days: Ints,
    days_in_month: Ints,
    partial: Ints | None = None,
    *,
    in_place: bool = False,
) -> Ints:
    """A full-month amount scaled by ``days / days_in_month``, rounded half up.

    Whole months keep the full amount exactly. ``partial`` (from
    :func:`partial_rows`) saves the search when several amounts share it;
    ``in_place`` overwrites ``full`` (an array the caller owns) instead of copying.
    """
    if partial is None:
        partial = partial_rows(days, days_in_month)
    out = full if in_place else np.array(full)
    if len(partial):
        out[partial] = mul_div_round(full[partial], days[partial], days_in_month[partial])
    return out


def constant_of(column: Ints) -> int | None:
    """The value of a column that is one scalar broadcast over the rows, else None.

    Lets the calculations skip work for settings that are the same on every
    row (a zero pension rate, one funding mask) without scanning the column.
    """
    if column.ndim == 1 and column.size and column.strides[0] == 0:
        return int(column[0])
    return None


def all_zero(column: Ints) -> bool:
    constant = constant_of(column)
    return constant == 0 if constant is not None else not column.any()


def check_range(name: str, values: Ints, low: int, high: int) -> None:
    """Refuse values outside ``low..high``: the limits keep int64 products exact."""
    if values.size and (int(values.min()) < low or int(values.max()) > high):
        raise ValueError(f"{name} must lie between {low} and {high}")


# Input limits of the cost model. Within them no intermediate product of the
# cost model or the wage-cost subsidy reaches 2**63 (asserted below), so the
# int64 arithmetic is exact; the calculations refuse inputs outside them.
MAX_HOURLY_CENTS: Final = 10_000_000  # 100,000.00 euro an hour (the model field holds 99,999.99)
MAX_HOURS_TENTHS: Final = 1_680  # 168 hours a week
MAX_MONTHLY_CENTS: Final = 10_000_000_000  # fees and contributions: 100 million euro a month
MAX_YEARLY_CENTS: Final = 1_000_000_000_000  # maximum premium wage: 10,000 million euro a year
MAX_DAYS_IN_MONTH: Final = 31

MAX_MONTHLY_WAGE: Final = (MAX_HOURLY_CENTS * MAX_HOURS_TENTHS * WEEKS_PER_YEAR) // (
    MONTHS_PER_YEAR * TENTHS
) + 1
# Wage plus holiday allowance (rate at most 100 %), employer charges and pension
# (each at most 100 % of that), the fee and the host's fixed contribution.
MAX_MONTHLY_TOTAL: Final = 3 * (2 * MAX_MONTHLY_WAGE) + 2 * MAX_MONTHLY_CENTS
WORST_PRODUCT: Final = max(
    2 * MAX_HOURLY_CENTS * MAX_HOURS_TENTHS * WEEKS_PER_YEAR + MONTHS_PER_YEAR * TENTHS,
    2 * MAX_MONTHLY_TOTAL * PPM + PPM,  # any amount times a rate
    2 * MAX_MONTHLY_TOTAL * MAX_DAYS_IN_MONTH + MAX_DAYS_IN_MONTH,  # pro rata
    2 * MAX_YEARLY_CENTS + MONTHS_PER_YEAR,  # monthly share of the yearly premium cap
)
assert WORST_PRODUCT < INT64_MAX, "cost model limits allow int64 overflow"


def int64_rows(*columns: npt.ArrayLike) -> list[Ints]:
    """The columns as int64 arrays of one common length; scalars are broadcast (no copy).

    Refuses anything but 1-d columns of equal length and scalars, and refuses
    values that were not whole numbers (a float 0.5 would silently truncate).
    """
    arrays = []
    for column in columns:
        array = np.asarray(column)
        if array.dtype.kind not in "iub":
            raise TypeError(f"integer columns expected, got {array.dtype}")
        arrays.append(array.astype(np.int64, copy=False))
    broadcast = np.broadcast_arrays(*arrays)
    if broadcast and broadcast[0].ndim != 1:
        raise ValueError("columns must be 1-d arrays of equal length, or scalars")
    return list(broadcast)
