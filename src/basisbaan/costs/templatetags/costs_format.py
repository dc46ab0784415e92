"""``{% load costs_format %}``: rates stored as fractions, shown as percentages."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template

from basisbaan.core.templatetags.nlformat import euro, percent

register = template.Library()


def _decimal(value: Any) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


# The shared filter, kept under this library's name for the templates that load it.
register.filter("percent", percent)


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
