"""Forms of the codebook, coding and saturation pages; the rules live in research/coding.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import Form
from basisbaan.research.models import Code


class CodeForm(Form):
    name = forms.CharField(label=_("Naam"), max_length=120)
    description = forms.CharField(
        label=_("Omschrijving"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    parent = forms.ModelChoiceField(
        queryset=Code.objects.none(), required=False, label=_("Hoofdcode")
    )
    colour = forms.CharField(
        label=_("Kleur"),
        required=False,
        max_length=7,
        help_text=_("Als #RRGGBB. Leeg: de volgende kleur van het palet."),
        widget=forms.TextInput(attrs={"type": "color"}),
    )

    def __init__(self, *args: Any, codes: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if codes is not None:
            self.fields["parent"].queryset = codes  # type: ignore[attr-defined]
        self.fields["parent"].empty_label = _("Geen (bovenaan)")  # type: ignore[attr-defined]


class MemoForm(Form):
    title = forms.CharField(label=_("Titel van de memo"), max_length=200)
    text = forms.CharField(label=_("Tekst van de memo"), widget=forms.Textarea(attrs={"rows": 4}))


class CodingForm(Form):
    """Code consecutive segments (without JavaScript) or an exact selection (with it)."""

    segments = forms.TypedMultipleChoiceField(
        coerce=int, required=False, label=_("Tekstdelen"), widget=forms.MultipleHiddenInput
    )
    start = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    end = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)
    code = forms.TypedChoiceField(coerce=int, label=_("Code"))
    respondent = forms.TypedChoiceField(
        coerce=int, required=False, empty_value=None, label=_("Spreker")
    )
    is_quote = forms.BooleanField(required=False, label=_("Citaat voor de rapportage"))

    def __init__(
        self,
        *args: Any,
        code_choices: list[tuple[int, str]] | None = None,
        respondents: list[tuple[int, str]] | None = None,
        segment_count: int = 0,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = [("", _("Kies een code")), *(code_choices or [])]  # type: ignore[attr-defined]
        self.fields["respondent"].choices = [  # type: ignore[attr-defined]
            ("", _("Niet aangegeven")),
            *(respondents or []),
        ]
        self.fields["segments"].choices = [(i, str(i + 1)) for i in range(segment_count)]  # type: ignore[attr-defined]
        self.fields["segments"].error_messages["invalid_choice"] = _(
            "Dat tekstdeel bestaat niet (meer)."
        )


class SaturationSettingsForm(Form):
    guest_base_size = forms.IntegerField(
        label=_("Basisomvang (Guest)"),
        min_value=1,
        max_value=100,
        help_text=_("Het aantal eerste gesprekken dat de basis vormt, bijvoorbeeld 4."),
    )
    guest_run_length = forms.IntegerField(
        label=_("Runlengte (Guest)"),
        min_value=1,
        max_value=100,
        help_text=_("Het aantal volgende gesprekken dat telt als run, bijvoorbeeld 2."),
    )
    guest_threshold_percent = forms.DecimalField(
        label=_("Drempel nieuwe informatie in procenten (Guest)"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=1,
        help_text=_("Verzadigd als een run ten hoogste zoveel procent nieuwe codes brengt."),
    )
    francis_initial = forms.IntegerField(
        label=_("Eerste steekproef (Francis)"), min_value=1, max_value=100
    )
    francis_stop = forms.IntegerField(
        label=_("Stopcriterium (Francis)"),
        min_value=1,
        max_value=100,
        help_text=_("Zoveel gesprekken na elkaar zonder nieuwe code."),
    )

    def service_data(self) -> dict[str, Any]:
        data = dict(self.cleaned_data)
        percent = data.pop("guest_threshold_percent")
        data["guest_threshold"] = (percent / Decimal(100)).quantize(Decimal("0.001"))
        return data
