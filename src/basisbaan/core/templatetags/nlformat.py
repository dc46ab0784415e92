"""Template filters for amounts, numbers, percentages, months and postcodes.

Loaded as a builtin, so every template can write ``{{ amount|euro }}``,
``{{ rate|percent:1 }}`` (``2,2 %``), ``{{ wage_value|percentage }}``,
``{{ period|month }}`` (``januari 2025``) and ``{{ host.postcode|postcode }}``
(``8921 AB``). One style for each, from :mod:`basisbaan.core.formatting`;
``tests/core/test_formats.py`` keeps templates from formatting these by hand
(``floatformat``, ``date:"F Y"``, ``}}%``).
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.formats import get_format

from basisbaan.core.formatting import month_text, percent_text, postcode_text, trimmed_places
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


def _percent(value: Any, places: Any, *, fraction: bool) -> str:
    return percent_text(
        value,
        None if places is None else int(places),
        fraction=fraction,
        decimal_sep=str(get_format("DECIMAL_SEPARATOR")),
        thousand_sep=str(get_format("THOUSAND_SEPARATOR")),
    )


@register.filter
def number(value: Any, places: Any = 0) -> str:
    """Format a number with grouped thousands and ``places`` decimals.

    A negative ``places`` (``-1``) shows at most that many decimals, and none for
    a whole number (``32`` and ``32,5``), as ``floatformat:"-1"`` did.
    """
    amount = _as_decimal(value)
    if amount is None:
        return "—"
    wanted = int(places)
    if wanted < 0:
        rounded = amount.quantize(Decimal(1).scaleb(wanted))
        wanted = min(-wanted, trimmed_places(rounded, None))
    return group_number(
        amount,
        places=wanted,
        decimal_sep=str(get_format("DECIMAL_SEPARATOR")),
        thousand_sep=str(get_format("THOUSAND_SEPARATOR")),
    )


@register.filter
def percent(value: Any, places: Any = None) -> str:
    """A fraction as a percentage: ``0.022`` -> ``2,2 %``; ``places`` fixes the decimals."""
    return _percent(value, places, fraction=True)


@register.filter
def percentage(value: Any, places: Any = None) -> str:
    """A number that is a percentage already: ``55.50`` -> ``55,5 %``."""
    return _percent(value, places, fraction=False)


@register.filter
def month(value: Any) -> str:
    """A month as ``januari 2025`` (the one style for months on every page)."""
    return month_text(value) if value else "—"


@register.filter
def postcode(value: Any) -> str:
    """A Dutch postcode as ``8921 AB``."""
    return postcode_text(str(value) if value else "")
