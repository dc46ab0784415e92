"""``{{ value|parameter_value:unit }}``: a parameter value in its unit, the Dutch way.

A fraction as a percentage (``7,74 %``), an amount in euros (``€ 14,71``, or
``€ -37,14`` where a negative amount may be), a factor with up to twelve
decimals and no percentage (``0,000000438698``), a duration in months
(``6 maanden``) and a flag as ``ja`` or ``nee``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.translation import gettext, ngettext

from basisbaan.core.templatetags.nlformat import euro, number, percent
from basisbaan.parameters.constants import Unit

register = template.Library()

FACTOR_PLACES = 12


@register.filter
def parameter_value(value: Any, unit: Any) -> str:
    try:
        amount = Decimal(str(value)) if value is not None and value != "" else None
    except InvalidOperation:
        amount = None
    if amount is None:
        return "—"
    if unit in (Unit.EUR, Unit.EUR_ANY):
        return euro(amount)
    if unit == Unit.FACTOR:
        return number(amount, -FACTOR_PLACES)
    if unit == Unit.MONTHS:
        months = int(amount)
        return ngettext("%(count)s maand", "%(count)s maanden", months) % {"count": months}
    if unit == Unit.FLAG:
        return gettext("ja") if amount else gettext("nee")
    if unit == Unit.HOURS:
        return gettext("%(hours)s uur") % {"hours": number(amount, -2)}
    return percent(amount)
