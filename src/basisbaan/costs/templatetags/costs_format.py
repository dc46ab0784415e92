"""``{% load costs_format %}``: rates stored as fractions, shown as percentages."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.formats import get_format

from basisbaan.core.money import group_number
from basisbaan.core.templatetags.nlformat import euro
from basisbaan.costs.forms import percent_of

register = template.Library()


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def percent(value: Any, places: Any = None) -> str:
    """A fraction as a percentage: ``0.075`` -> ``7,5 %``; ``places`` fixes the decimals.

    Without ``places`` as many decimals as the value has (``0.07`` -> ``7 %``).
    """
    fraction = _decimal(value)
    if fraction is None:
        return "—"
    shown = percent_of(fraction)
    if places is None:
        exponent = shown.as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    text = group_number(
        shown,
        places=int(places),
        decimal_sep=str(get_format("DECIMAL_SEPARATOR")),
        thousand_sep=str(get_format("THOUSAND_SEPARATOR")),
    )
    return f"{text}\u00a0%"


@register.filter
def signed_euro(value: Any) -> str:
    """An amount with its sign, ``+ € 12,50`` or ``− € 3,00`` (a deviation)."""
    amount = _decimal(value)
    if amount is None:
        return "—"
    if amount > 0:
        return "+\u00a0" + euro(amount)
    if amount < 0:
        return "−\u00a0" + euro(-amount)
    return euro(amount)
