"""The functional administrator's form to add or correct a national figure."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import Form
from basisbaan.costs.forms import PercentField
from basisbaan.parameters.constants import LocalSchemeKind, ParameterKey, Unit, unit_of

__all__ = ["LocalSchemeEndForm", "LocalSchemeForm", "ParameterValueForm"]


class ParameterValueForm(Form):
    """Percentages are typed as percentages (8 for 8 %), amounts in euros; a
    factor, a number of months and a flag (1 or 0) as they are stored."""

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
            "een bedrag in euro (14,71; bij het taakstellingsbedrag en de afbouwpunten "
            "van de huurtoeslag mag het 0 of negatief zijn: -37,14); een factor precies "
            "zoals gepubliceerd, niet als percentage (0,000000438698); een duur in hele "
            "maanden (6); ja of nee als 1 of 0."
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


def _year_amount(label: Any) -> forms.DecimalField:
    return forms.DecimalField(
        label=label,
        max_digits=9,
        decimal_places=2,
        help_text=_("In euro per jaar; 0 als deze huishoudens niets krijgen."),
    )


class LocalSchemeForm(Form):
    """A local scheme; the income limit typed as a percentage of the norm (110)."""

    name = forms.CharField(label=_("Naam"), max_length=120)
    kind = forms.ChoiceField(
        label=_("Soort regeling"), choices=[("", "---------"), *LocalSchemeKind.choices]
    )
    income_limit = PercentField(
        label=_("Inkomensgrens (% van de bijstandsnorm)"),
        min_percent=Decimal(0),
        max_percent=Decimal(1000),
        max_digits=7,
        decimal_places=2,
        help_text=_(
            "Tot welk netto inkomen de regeling geldt, als percentage van de "
            "bijstandsnorm van het huishouden: 110 voor 110 %. Van 100 tot en met 200."
        ),
    )
    amount_single = _year_amount(_("Bedrag per jaar, alleenstaande"))
    amount_single_parent = _year_amount(_("Bedrag per jaar, alleenstaande ouder"))
    amount_couple = _year_amount(_("Bedrag per jaar, gehuwden of samenwonenden"))
    valid_from = forms.DateField(label=_("Geldig vanaf"))
    valid_until = forms.DateField(
        label=_("Geldig tot en met"),
        required=False,
        help_text=_("Leeg als de regeling nog geen einddatum heeft."),
    )
    source = forms.CharField(
        label=_("Bron"),
        required=False,
        max_length=300,
        help_text=_(
            "Het raadsbesluit of de beleidsregel. Verplicht, tenzij u de regeling "
            "als aanname markeert."
        ),
    )
    is_assumption = forms.BooleanField(
        label=_("Dit is een aanname (nog niet vastgesteld)"), required=False
    )
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=300)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # The field's wide bounds only keep the number sane; the service says the
        # real rule (100 % to 200 %) in words, so the box claims no bounds itself.
        attrs = self.fields["income_limit"].widget.attrs
        attrs.pop("min", None)
        attrs.pop("max", None)

    def service_data(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


class LocalSchemeEndForm(Form):
    valid_until = forms.DateField(
        label=_("Geldig tot en met"),
        help_text=_("De laatste dag waarop de regeling geldt."),
    )
