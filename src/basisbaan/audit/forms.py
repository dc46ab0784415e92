"""The filter form of the audit log page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.audit.models import AuditAction
from basisbaan.core.forms import DateInput
from basisbaan.tenancy.models import Municipality, User

OBJECT_TYPES = [
    ("participants.participant", _("Deelnemer")),
    ("programmes.programme", _("Programma")),
    ("hosts.host", _("Werkgever")),
    ("hosts.hostcontact", _("Contactpersoon werkgever")),
    ("hosts.position", _("Werkplek")),
    ("placements.placement", _("Plaatsing")),
    ("contracts.contract", _("Contract")),
    ("contracts.contractperiod", _("Contractperiode")),
]


class UserChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else str(obj.username)


class AuditFilterForm(forms.Form):
    actor = UserChoiceField(
        label=_("Gebruiker"), required=False, queryset=None, empty_label=_("Alle")
    )
    action = forms.ChoiceField(
        label=_("Actie"), required=False, choices=[("", _("Alle")), *AuditAction.choices]
    )
    object_type = forms.ChoiceField(
        label=_("Soort object"), required=False, choices=[("", _("Alle")), *OBJECT_TYPES]
    )
    object_id = forms.CharField(label=_("Object-id"), required=False, max_length=40)
    date_from = forms.DateField(label=_("Vanaf"), required=False, widget=DateInput)
    date_to = forms.DateField(label=_("Tot en met"), required=False, widget=DateInput)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(memberships__municipality=municipality)
            .distinct()
            .order_by("username")
        )
