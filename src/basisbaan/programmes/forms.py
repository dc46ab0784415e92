"""Forms of the programme pages; the rules live in programmes/services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import Form, ModelForm
from basisbaan.programmes.constants import PROGRAMME_FIELDS
from basisbaan.programmes.models import Programme

CREATE_FIELDS = list(PROGRAMME_FIELDS)
UPDATE_FIELDS = CREATE_FIELDS


class ProgrammeCreateForm(ModelForm):
    class Meta:
        model = Programme
        fields = CREATE_FIELDS
        help_texts = {
            "slug": _("Kleine letters, cijfers en streepjes, bijvoorbeeld basisbanen-2025."),
            "start_date": _("Bijvoorbeeld 01-01-2025."),
            "end_date": _("Bijvoorbeeld 31-12-2026."),
        }

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or []}


class ProgrammeUpdateForm(ProgrammeCreateForm):
    class Meta(ProgrammeCreateForm.Meta):
        fields = UPDATE_FIELDS


class IntakeForm(Form):
    OPEN = "open"
    CLOSED = "closed"

    intake = forms.ChoiceField(
        label=_("Instroom"),
        widget=forms.RadioSelect,
        choices=[
            (OPEN, _("Open: nieuwe plaatsingen zijn mogelijk")),
            (CLOSED, _("Gesloten: geen nieuwe plaatsingen")),
        ],
    )
    reason = forms.CharField(
        label=_("Reden instroomstop"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Verplicht bij sluiten. Wordt getoond aan iedereen die een plaatsing wil "
            "maken, bijvoorbeeld: budget 2025 is volledig benut."
        ),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("intake") == self.CLOSED and not (data.get("reason") or "").strip():
            raise ValidationError(
                {"reason": _("Geef de reden op waarom de instroom stopt.")}, code="required"
            )
        return data
