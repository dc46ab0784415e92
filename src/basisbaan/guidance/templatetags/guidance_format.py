"""Hours in hundredths (1025 -> ``10,25``) and ratios as percentages, the Dutch way."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from basisbaan.core.templatetags.nlformat import number, percent

register = template.Library()


@register.filter
def hundredths(value: Any) -> str:
    """An amount of hours given in hundredths, with two decimals: ``1.234,50``."""
    if value is None or value == "":
        return ""
    return number(Decimal(int(value)) / 100, 2)


@register.filter
def percent_of(value: Any) -> str:
    """A fraction as a whole percentage: ``Decimal("1.10")`` -> ``110 %``."""
    if value is None:
        return ""
    return percent(value, 0)
