"""Formatting of amounts of money and numbers for display.

Pure functions: amounts are Decimal, formatting follows the active language's
separators (1.234,56 in Dutch) and euros are written ``EUR``-style as ``€ 1.234,56``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def group_number(value: Decimal, *, places: int, decimal_sep: str, thousand_sep: str) -> str:
    """Format ``value`` with ``places`` decimals and grouped thousands."""
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if rounded < 0 else ""
    whole, _, fraction = f"{abs(rounded):f}".partition(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = thousand_sep.join(groups)
    if places:
        text += decimal_sep + fraction
    return sign + text


def format_euro(value: Decimal, *, decimal_sep: str = ",", thousand_sep: str = ".") -> str:
    """``Decimal("1234.5")`` -> ``"€ 1.234,50"``; negative amounts as ``"€ -1.234,50"``."""
    return "€ " + group_number(value, places=2, decimal_sep=decimal_sep, thousand_sep=thousand_sep)
