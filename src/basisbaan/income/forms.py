"""The choices of a comparison in a query string: :class:`ComparisonQueryForm`
(the printed page: hours, wage, year and start month, each may be left out) and
:class:`PanelForm` (the panel's small form: hours, start month and year)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import Form

__all__ = ["MAX_HOURS", "ComparisonQueryForm", "PanelForm"]

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


MAX_HOURS = Decimal(40)
HALF = Decimal("0.5")


class PanelForm(Form):
    """``uren`` (0 to 40, in steps of 0,5), ``maand`` and ``jaar`` of the start."""

    uren = forms.DecimalField(
        label=_("Uren per week"),
        required=False,
        max_digits=4,
        decimal_places=1,
        validators=[
            MinValueValidator(Decimal(0), message=_("Vul 0 tot en met 40 uur per week in.")),
            MaxValueValidator(MAX_HOURS, message=_("Vul 0 tot en met 40 uur per week in.")),
        ],
        help_text=_("0 tot en met 40, in stappen van 0,5."),
    )
    maand = forms.TypedChoiceField(
        label=_("Startmaand"), required=False, coerce=int, choices=(), empty_value=None
    )
    jaar = forms.TypedChoiceField(
        label=_("Jaar"), required=False, coerce=int, choices=(), empty_value=None
    )

    def __init__(self, *args: Any, years: range, **kwargs: Any) -> None:
        # Ids of their own: the panel shares its page with other forms.
        kwargs.setdefault("auto_id", "loont-%s")
        super().__init__(*args, **kwargs)
        self.fields["maand"].choices = [  # type: ignore[attr-defined]
            (number, str(name)) for number, name in MONTHS.items()
        ]
        self.fields["jaar"].choices = [(year, str(year)) for year in years]  # type: ignore[attr-defined]

    def clean_uren(self) -> Decimal | None:
        hours: Decimal | None = self.cleaned_data.get("uren")
        if hours is not None and (hours / HALF) % 1:
            raise forms.ValidationError(_("Vul de uren in stappen van 0,5 in, zoals 32 of 32,5."))
        return hours

    def choice(self) -> tuple[Decimal | None, int | None, int | None]:
        """The hours, year and start month asked for (None: the default)."""
        if not self.is_bound or not self.is_valid():
            return None, None, None
        data = self.cleaned_data
        return data.get("uren"), data.get("jaar"), data.get("maand")
