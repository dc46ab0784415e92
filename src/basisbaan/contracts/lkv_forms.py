"""The form of a wage-cost advantage (LKV) entitlement."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.contracts.constants import LKV_FIELDS
from basisbaan.contracts.models import LkvEntitlement
from basisbaan.core.forms import ModelForm


class LkvForm(ModelForm):
    class Meta:
        model = LkvEntitlement
        fields = list(LKV_FIELDS)
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "declaration_reference": _(
                "Het kenmerk van de doelgroepverklaring van UWV of de gemeente. Voor de "
                "doelgroep banenafspraak: de inschrijving in het doelgroepregister (mag leeg)."
            ),
            "end_date": _("Leeg laten: tot het einde van de dienstbetrekking of de maximale duur."),
        }

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or []}
