"""The functional administrator's form to add or correct a national figure."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import Form
from basisbaan.parameters.constants import ParameterKey, Unit, unit_of

__all__ = ["ParameterValueForm"]


class ParameterValueForm(Form):
    """Percentages are typed as percentages (8 for 8 %), amounts in euros."""

    key = forms.ChoiceField(
        label=_("Parameter"), choices=[("", "---------"), *ParameterKey.choices]
    )
    effective_date = forms.DateField(label=_("Geldig vanaf"))
    value = forms.DecimalField(
        label=_("Waarde"),
        max_digits=22,
        decimal_places=12,
        help_text=_(
            "Een percentage vult u in als percentage (8 voor 8 %, 7,74 voor 7,74 %); "
            "een bedrag in euro (14,71)."
        ),
    )
    source = forms.CharField(
        label=_("Bron"),
        required=False,
        max_length=300,
        help_text=_(
            "Waar de waarde gepubliceerd is, bijvoorbeeld het besluit in de Staatscourant. "
            "Verplicht, tenzij u de waarde als aanname markeert."
        ),
    )
    is_assumption = forms.BooleanField(
        label=_("Dit is een aanname (nog niet gepubliceerd)"),
        required=False,
    )
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=300)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        key, value = data.get("key"), data.get("value")
        if key and value is not None and unit_of(key) == Unit.FRACTION:
            data["value"] = value / Decimal(100)
        if not (data.get("source") or "").strip() and not data.get("is_assumption"):
            self.add_error("source", _("Vermeld de bron, of markeer de waarde als aanname."))
        return data

    def service_data(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in ("key", "effective_date", "value", "source", "is_assumption", "note")
        }
