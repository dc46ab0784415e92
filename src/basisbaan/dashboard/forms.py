"""The programme dashboard's filters: peildatum, period and track (a GET form)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import Form
from basisbaan.hosts.constants import Track

# The track filter's choice: the column of the report's tables it shows beside the total.
TRACK_COLUMNS = {"": None, Track.TRANSITION.value: 1, Track.SOCIAL_VALUE.value: 2}


def half_year_start(day: dt.date) -> dt.date:
    return dt.date(day.year, 1 if day.month <= 6 else 7, 1)


class ProgrammeDashboardForm(Form):
    peildatum = forms.DateField(
        label=_("Peildatum"),
        required=False,
        help_text=_("Leeg is vandaag. Niet in de toekomst, niet vóór de start van het programma."),
    )
    periode = forms.DateField(
        label=_("Periode vanaf"),
        required=False,
        help_text=_("Voor de besluiten over verlenging. Leeg is het begin van het halfjaar."),
    )
    spoor = forms.ChoiceField(
        label=_("Spoor"),
        required=False,
        choices=[
            ("", _("Alle sporen")),
            (Track.TRANSITION.value, Track.TRANSITION.label),
            (Track.SOCIAL_VALUE.value, Track.SOCIAL_VALUE.label),
        ],
    )

    def __init__(self, *args: Any, start: dt.date, today: dt.date, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.start = start
        self.today = today

    def clean_peildatum(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("peildatum")
        if day is not None and day > self.today:
            raise forms.ValidationError(_("De peildatum ligt in de toekomst."))
        if day is not None and day < self.start:
            raise forms.ValidationError(_("De peildatum ligt vóór de start van het programma."))
        return day

    def clean_periode(self) -> dt.date | None:
        day: dt.date | None = self.cleaned_data.get("periode")
        if day is not None and day < self.start:
            raise forms.ValidationError(_("De periode begint vóór de start van het programma."))
        return day

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, as_of = cleaned.get("periode"), cleaned.get("peildatum")
        if start is not None and start > (as_of or self.today):
            self.add_error("periode", _("De periode begint na de peildatum."))
        return cleaned

    def choice(self) -> tuple[dt.date, dt.date, int | None]:
        """(peildatum, period start, the track's column): what is valid of the
        input, the defaults for the rest (a wrong entry shows its error)."""
        if self.is_bound:
            self.is_valid()
        data: dict[str, Any] = getattr(self, "cleaned_data", {})
        as_of = data.get("peildatum") or self.today
        default_start = max(half_year_start(as_of), min(self.start, as_of))
        period_start = data.get("periode") or default_start
        if period_start > as_of:
            period_start = default_start
        return as_of, period_start, TRACK_COLUMNS.get(data.get("spoor") or "")
