"""A participant's household beyond its type, for "does work pay?" (basisbaan.income):
the children living at home (birth month only), the rent and a partner's income.

The form reads the children as text (``03-2014, 11-2019``, as a caseworker types
them); the record keeps them as ``["2014-03", "2019-11"]``. The service checks
every value with :func:`check_household`, whichever face sent it (page or API).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any, Final

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from basisbaan.calc.income import MAX_CHILDREN
from basisbaan.core.money import group_number

__all__ = [
    "HOUSEHOLD_FIELDS",
    "MAX_CHILD_AGE_YEARS",
    "MAX_PARTNER_INCOME",
    "MAX_RENT",
    "birth_months_text",
    "check_household",
    "parse_birth_months",
]

# The household fields of a participant (edited with the personal data).
HOUSEHOLD_FIELDS: Final = ("children_birth_months", "rent_month", "partner_income_year")
# Plausibility limits of the input (no legal amounts): a typing error is refused.
MAX_RENT: Final = Decimal(5000)
MAX_PARTNER_INCOME: Final = Decimal(500000)
# A child born longer ago is refused as a typing error; from 18 a child no longer counts.
MAX_CHILD_AGE_YEARS: Final = 30

_TYPED = re.compile(r"(\d{1,2})\s*[-/]\s*(\d{4})", re.ASCII)
_STORED = re.compile(r"(\d{4})-(\d{2})", re.ASCII)


def parse_birth_months(text: str) -> list[str]:
    """``"03-2014, 11-2019"`` -> ``["2014-03", "2019-11"]``; a Dutch error per bad part.

    Parts are separated by commas, semicolons, spaces or new lines.
    """
    parts = [p for p in re.split(r"[,;\s]+", (text or "").strip()) if p]
    months: list[str] = []
    for part in parts:
        match = _TYPED.fullmatch(part)
        month = int(match.group(1)) if match else 0
        if match is None or not 1 <= month <= 12:
            raise ValidationError(
                _("‘%(value)s’ is geen geboortemaand. Schrijf maand en jaar als 03-2014.")
                % {"value": part},
                code="birth_month_format",
            )
        months.append(f"{match.group(2)}-{month:02d}")
    return months


def birth_months_text(months: Any) -> str:
    """The stored months as the form shows them: ``03-2014, 11-2019``."""
    out = []
    for value in months or []:
        match = _STORED.fullmatch(str(value))
        out.append(f"{match.group(2)}-{match.group(1)}" if match else str(value))
    return ", ".join(out)


def _check_children(months: Any, today: dt.date) -> None:
    if not isinstance(months, list) or not all(isinstance(m, str) for m in months):
        raise ValidationError(
            {"children_birth_months": _("Geef de geboortemaanden als een lijst zoals 2014-03.")}
        )
    if len(months) > MAX_CHILDREN:
        raise ValidationError(
            {
                "children_birth_months": _("Vul ten hoogste %(max)s kinderen in.")
                % {"max": MAX_CHILDREN}
            }
        )
    earliest = (today.year - MAX_CHILD_AGE_YEARS) * 12 + today.month
    for value in months:
        match = _STORED.fullmatch(value)
        if match is None or not 1 <= int(match.group(2)) <= 12:
            raise ValidationError(
                {
                    "children_birth_months": _(
                        "‘%(value)s’ is geen geboortemaand. Schrijf maand en jaar als 03-2014."
                    )
                    % {"value": value}
                }
            )
        year, month = int(match.group(1)), int(match.group(2))
        if (year, month) > (today.year, today.month):
            raise ValidationError(
                {
                    "children_birth_months": _("De geboortemaand %(value)s ligt in de toekomst.")
                    % {"value": f"{month:02d}-{year}"}
                }
            )
        if year * 12 + month < earliest:
            raise ValidationError(
                {
                    "children_birth_months": _(
                        "De geboortemaand %(value)s ligt meer dan %(years)s jaar terug. "
                        "Vul alleen kinderen in die thuis wonen."
                    )
                    % {"value": f"{month:02d}-{year}", "years": MAX_CHILD_AGE_YEARS}
                }
            )


def _check_amount(name: str, value: Any, highest: Decimal, message: str) -> None:
    if value is None:
        return
    if not isinstance(value, Decimal | int) or not 0 <= value <= highest:
        raise ValidationError({name: message})


def _whole(amount: Decimal) -> str:
    return group_number(amount, places=0, decimal_sep=",", thousand_sep=".")


def check_household(data: dict[str, Any], today: dt.date) -> None:
    """Refuse household values out of range (the fields of ``data`` that are given)."""
    if "children_birth_months" in data:
        _check_children(data["children_birth_months"], today)
    if "rent_month" in data:
        _check_amount(
            "rent_month",
            data["rent_month"],
            MAX_RENT,
            _("De huur per maand ligt tussen € 0 en € %(max)s.") % {"max": _whole(MAX_RENT)},
        )
    if "partner_income_year" in data:
        _check_amount(
            "partner_income_year",
            data["partner_income_year"],
            MAX_PARTNER_INCOME,
            _("Het bruto jaarinkomen van de partner ligt tussen € 0 en € %(max)s.")
            % {"max": _whole(MAX_PARTNER_INCOME)},
        )
