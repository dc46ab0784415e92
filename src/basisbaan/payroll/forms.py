"""Forms of the payroll pages: the upload and the filters above the entry list."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from basisbaan.core.formatting import month_text
from basisbaan.core.forms import Form
from basisbaan.core.imports import max_upload_text
from basisbaan.payroll.parsing import CellError, parse_month


class PayrollUploadForm(Form):
    file = forms.FileField(
        label=_("Loonbestand"),
        help_text=_(
            "CSV (puntkomma of komma) of Excel (.xlsx) met de kolommen bsn of "
            "personeelsnummer, periode, brutoloon, vakantiegeld, werkgeverslasten, "
            "pensioen, overige_kosten, totaal en uren."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".csv,.txt,.xlsx,text/csv,application/vnd.ms-excel"}
        ),
    )
    correction = forms.BooleanField(
        label=_("Dit is een correctie"),
        required=False,
        help_text=_(
            "Regels die afwijken van eerder ingelezen regels van dezelfde persoon en maand "
            "vervangen die. Elke vervanging komt in het auditlog."
        ),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        limit = settings.PAYROLL_MAX_UPLOAD_BYTES
        if upload.size is not None and upload.size > limit:
            raise forms.ValidationError(max_upload_text(limit))
        return upload


ALL_MONTHS = "alle"


class PayrollEntryFilterForm(forms.Form):
    """The filters above the entry list (GET): month and participant.

    Without a choice the list shows the latest month: what a controller checks
    first, and a bounded amount of rows however long the history.
    """

    periode = forms.ChoiceField(label=_("Maand"), required=False)
    q = forms.CharField(label=_("Deelnemer (naam of BSN)"), required=False, max_length=100)
    deelnemer = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args: Any, months: list[dt.date], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.latest = months[0] if months else None
        self.fields["periode"].choices = [  # type: ignore[attr-defined]
            (ALL_MONTHS, _("Alle maanden")),
            *((f"{m:%Y-%m}", month_text(m)) for m in months),
        ]
        self.fields["periode"].initial = f"{self.latest:%Y-%m}" if self.latest else ALL_MONTHS

    def month(self) -> dt.date | None:
        """The chosen month; the latest when none was chosen; None for all months."""
        value = self.cleaned_data.get("periode") if self.is_bound and self.is_valid() else None
        if not value:
            return self.latest
        if value == ALL_MONTHS:
            return None
        try:
            return parse_month(value)
        except CellError:
            return self.latest
