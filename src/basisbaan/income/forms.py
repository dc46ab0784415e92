"""The choices of a participant's comparison in a query string: hours, wage,
year and start month (each may be left out: the contract or the defaults)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

__all__ = ["ComparisonQueryForm"]

YEAR_MIN, YEAR_MAX = 2000, 2100


class ComparisonQueryForm(forms.Form):
    hours = forms.DecimalField(
        label=_("Uren per week"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(40),
        max_digits=4,
        decimal_places=2,
    )
    wage = forms.DecimalField(
        label=_("Bruto uurloon"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(1000),
        max_digits=6,
        decimal_places=2,
    )
    year = forms.IntegerField(
        label=_("Jaar"), required=False, min_value=YEAR_MIN, max_value=YEAR_MAX
    )
    start = forms.IntegerField(label=_("Startmaand"), required=False, min_value=1, max_value=12)

    def overrides(self) -> dict[str, Any]:
        """The choices as :func:`~basisbaan.income.selectors.participant_comparison` takes them."""
        data = self.cleaned_data
        return {
            "hours": data.get("hours"),
            "wage": data.get("wage"),
            "year": data.get("year"),
            "start_month": data.get("start"),
        }
