"""Template filters for amounts and numbers in the active language's format.

Loaded as a builtin, so every template can write ``{{ amount|euro }}``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.formats import get_format

from basisbaan.core.money import format_euro, group_number

register = template.Library()


def _as_decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def euro(value: Any) -> str:
    """Format an amount as ``€ 1.234,56`` (Dutch) or ``€ 1,234.56`` (English)."""
    amount = _as_decimal(value)
    if amount is None:
        return "—"
    return format_euro(
        amount,
        decimal_sep=str(get_format("DECIMAL_SEPARATOR")),
        thousand_sep=str(get_format("THOUSAND_SEPARATOR")),
    )


@register.filter
def number(value: Any, places: int = 0) -> str:
    """Format a number with grouped thousands and ``places`` decimals."""
    amount = _as_decimal(value)
    if amount is None:
        return "—"
    return group_number(
        amount,
        places=int(places),
        decimal_sep=str(get_format("DECIMAL_SEPARATOR")),
        thousand_sep=str(get_format("THOUSAND_SEPARATOR")),
    )
