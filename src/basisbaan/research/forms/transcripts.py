"""Forms of the transcript upload and the redaction review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import Form
from basisbaan.research.constants import RedactionTag


class TranscriptUploadForm(Form):
    file = forms.FileField(
        label=_("Bestand"),
        required=False,
        help_text=_("Een tekstbestand (.txt) of Word-bestand (.docx) van hoogstens 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.docx"}),
    )
    text = forms.CharField(
        label=_("Of plak de tekst"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_file = bool(data.get("file"))
        has_text = bool((data.get("text") or "").strip())
        if has_file == has_text:
            raise forms.ValidationError(_("Kies een bestand of plak de tekst (één van beide)."))
        return data


class RedactionAddForm(Form):
    """A phrase the researcher adds: hidden wherever it occurs."""

    phrase = forms.CharField(
        label=_("Tekst die ook vervangen moet worden"),
        required=False,
        max_length=200,
        help_text=_(
            "Bijvoorbeeld een bijnaam. Elke keer dat deze tekst voorkomt, wordt hij vervangen."
        ),
    )
    tag = forms.ChoiceField(
        label=_("Soort"), choices=RedactionTag.choices, initial=RedactionTag.PERSON
    )
