"""Dutch formats shared by every page, export and message: one style for each kind.

Pure functions over plain values; the template filters in
:mod:`basisbaan.core.templatetags.nlformat` (``percent``, ``percentage``,
``month``, ``postcode``, ``number``, ``euro``) call them with the active
language's separators.

- **percentages**: ``2,2 %`` (a non-breaking space before the sign, as the
  Dutch style guides write it); a fraction (``0.022``) or a number that is
  already a percentage (``55.50`` for a wage value);
- **months**: ``januari 2025`` (the month's name and the year; never
  ``01-2025`` on a page, the export writes the month as a real date);
- **postcodes**: ``8921 AB`` (four digits, a space, two capitals), whatever was
  typed; a foreign or odd postcode is shown as stored;
- **dates** stay ``29-11-2026`` (``core/formats/nl``), amounts ``€ 1.234,56``
  (:mod:`basisbaan.core.money`).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import dateformat

from basisbaan.core.money import group_number

__all__ = [
    "NBSP",
    "as_decimal",
    "month_text",
    "percent_text",
    "postcode_text",
    "trimmed_places",
]

NBSP = "\u00a0"
HUNDRED = Decimal(100)
_POSTCODE = re.compile(r"^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})\s*$")


def as_decimal(value: Any) -> Decimal | None:
    """``value`` as a Decimal, or None for nothing or what is not a number."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def trimmed_places(value: Decimal, places: int | None) -> int:
    """The decimals to show: ``places``; or, without it, as many as ``value`` needs."""
    if places is not None:
        return places
    exponent = value.normalize().as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def percent_text(
    value: Any,
    places: int | None = None,
    *,
    fraction: bool = True,
    decimal_sep: str = ",",
    thousand_sep: str = ".",
) -> str:
    """``0.022`` -> ``2,2 %`` (``fraction=False``: ``55.5`` -> ``55,5 %``); "—" for none."""
    number = as_decimal(value)
    if number is None:
        return "—"
    shown = number * HUNDRED if fraction else number
    text = group_number(
        shown,
        places=trimmed_places(shown, places),
        decimal_sep=decimal_sep,
        thousand_sep=thousand_sep,
    )
    return f"{text}{NBSP}%"


def month_text(value: dt.date | None) -> str:
    """``date(2025, 1, 1)`` -> ``januari 2025`` in the active language; "" for none."""
    if value is None or value == "":
        return ""
    return dateformat.format(value, "F Y")


def postcode_text(value: str | None) -> str:
    """``8921ab`` or `` 8921  AB`` -> ``8921 AB``; anything else as given."""
    text = value or ""
    found = _POSTCODE.match(text)
    if found is None:
        return text.strip()
    return f"{found.group(1)} {found.group(2).upper()}"
