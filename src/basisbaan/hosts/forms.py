"""Forms of the host pages; the rules live in hosts/services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import ModelForm
from basisbaan.hosts.constants import HOST_CONTACT_FIELDS, HOST_FIELDS, POSITION_FIELDS, HostKind
from basisbaan.hosts.models import Host, HostContact, Position


class ServiceDataMixin:
    cleaned_data: dict[str, Any]
    _meta: Any

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class HostForm(ServiceDataMixin, ModelForm):
    class Meta:
        model = Host
        fields = list(HOST_FIELDS)
        widgets = {
            "kvk_number": forms.TextInput(
                attrs={"inputmode": "numeric", "size": "8", "class": "bb-input-short"}
            ),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "kind": _("Een wijkteam werkt vooral aan maatschappelijke waarde."),
            "kvk_number": _("8 cijfers."),
            "active": _("Zet uit als er geen nieuwe plaatsingen meer komen."),
        }


class HostContactForm(ServiceDataMixin, ModelForm):
    class Meta:
        model = HostContact
        fields = list(HOST_CONTACT_FIELDS)
        widgets = {"phone": forms.TextInput(attrs={"inputmode": "tel"})}
        help_texts = {"role": _("Bijvoorbeeld werkbegeleider, leidinggevende of HR.")}


class PositionForm(ServiceDataMixin, ModelForm):
    class Meta:
        model = Position
        fields = list(POSITION_FIELDS)
        widgets = {"tasks": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "hours_per_week": _("Bijvoorbeeld 32 of 24,5."),
            "track": _(
                "Doorstroom: op weg naar regulier werk. Maatschappelijke waarde: de "
                "basisbaan kan ook een eindbaan zijn."
            ),
        }


class HostFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoek op naam"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle")), *HostKind.choices]
    )
