"""The filter form of the audit log page (and of its export)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.audit.display import CHANNELS, FILTER_LABELS, record_type_choices
from basisbaan.audit.models import AuditAction
from basisbaan.core.choices import StaffFilterField
from basisbaan.core.forms import DateInput
from basisbaan.tenancy.models import Municipality, User

# The log has no entries outside these days; a date beyond them is a typing error.
FIRST_DAY = dt.date(2000, 1, 1)
LAST_DAY = dt.date(2099, 12, 31)


class ActorFilterField(StaffFilterField):
    """Who acted: at most 20 of the municipality's users as options, and a name search."""

    def label_from_instance(self, obj: Any) -> str:
        name = obj.get_full_name()
        return f"{name} ({obj.username})" if name else str(obj.username)


class AuditFilterForm(forms.Form):
    actor = ActorFilterField(
        label=FILTER_LABELS["actor"],
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Alle"),
    )
    action = forms.ChoiceField(
        label=FILTER_LABELS["action"],
        required=False,
        choices=[("", _("Alle")), *AuditAction.choices],
    )
    object_type = forms.ChoiceField(label=FILTER_LABELS["object_type"], required=False)
    object_id = forms.CharField(label=FILTER_LABELS["object_id"], required=False, max_length=40)
    date_from = forms.DateField(label=FILTER_LABELS["date_from"], required=False, widget=DateInput)
    date_to = forms.DateField(label=FILTER_LABELS["date_to"], required=False, widget=DateInput)
    channel = forms.ChoiceField(
        label=FILTER_LABELS["channel"],
        required=False,
        choices=[("", _("Alle")), *CHANNELS.items()],
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["actor"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(memberships__municipality=municipality)
            .distinct()
            .order_by("username", "id")
        )
        self.fields["object_type"].choices = [  # type: ignore[attr-defined]
            ("", _("Alle")),
            *record_type_choices(),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("date_from", "date_to"):
            day = data.get(name)
            if day is not None and not FIRST_DAY <= day <= LAST_DAY:
                self.add_error(
                    name,
                    _("Kies een datum tussen %(first)s en %(last)s.")
                    % {"first": f"{FIRST_DAY:%d-%m-%Y}", "last": f"{LAST_DAY:%d-%m-%Y}"},
                )
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("De einddatum ligt voor de begindatum."))
        return data

    def selection(self) -> dict[str, Any]:
        """The valid filters as the selector takes them (none when the form is invalid)."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "actor": data.get("actor"),
            "action": data.get("action") or "",
            "object_type": data.get("object_type") or "",
            "object_id": data.get("object_id") or "",
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "channel": data.get("channel") or "",
        }

    def described(self) -> dict[str, str]:
        """The filters in use as text, for the audit entry of an export."""
        described: dict[str, str] = {}
        for name, value in self.selection().items():
            if value in (None, ""):
                continue
            if name == "actor":
                described[name] = value.get_username()
            elif name in ("date_from", "date_to"):
                described[name] = f"{value:%d-%m-%Y}"
            else:
                described[name] = str(value)
        return described
