"""Forms of the sharing page: share a programme with a region."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import Form


class ShareForm(Form):
    region = forms.IntegerField(widget=forms.HiddenInput)
    programme = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("Ik deel de geaggregeerde cijfers van dit programma met de regio"),
        help_text=_("Alleen totalen, kleine aantallen afgeschermd; nooit gegevens van personen."),
    )
