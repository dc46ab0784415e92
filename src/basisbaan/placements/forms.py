"""Forms of the placement pages; the rules (intake open, waiting list, free
places, dates) live in placements/services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import Form
from basisbaan.hosts.constants import Track
from basisbaan.hosts.selectors import position_list
from basisbaan.participants.choices import ParticipantChoiceField
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.selectors import participant_list
from basisbaan.placements.constants import PlacementStatus
from basisbaan.tenancy.models import Municipality


class PositionChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        free = obj.places - obj.active_placements
        return str(
            _("%(title)s – %(host)s (%(free)s van %(places)s vrij)")
            % {"title": obj.title, "host": obj.host.name, "free": free, "places": obj.places}
        )


class PlacementForm(Form):
    participant = ParticipantChoiceField(
        label=_("Deelnemer"),
        queryset=None,
        help_text=_("Alleen deelnemers op de wachtlijst."),
    )
    position = PositionChoiceField(
        label=_("Werkplek"), queryset=None, help_text=_("Alleen werkplekken die open zijn.")
    )
    start_date = forms.DateField(label=_("Startdatum"), help_text=_("Bijvoorbeeld 01-09-2025."))
    track = forms.ChoiceField(
        label=_("Spoor"),
        required=False,
        choices=[("", _("Zoals de werkplek")), *Track.choices],
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participant_list(  # type: ignore[attr-defined]
            municipality=municipality, status=ParticipantStatus.WAITING
        )
        self.fields["position"].queryset = position_list(  # type: ignore[attr-defined]
            municipality=municipality, is_open=True
        )


class PlacementEditForm(Form):
    track = forms.ChoiceField(label=_("Spoor"), choices=Track.choices)
    start_date = forms.DateField(label=_("Startdatum"))


class PlacementFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Plaatsingen"),
        required=False,
        choices=[("", _("Alle")), *PlacementStatus.choices],
    )
    track = forms.ChoiceField(
        label=_("Spoor"), required=False, choices=[("", _("Alle")), *Track.choices]
    )
