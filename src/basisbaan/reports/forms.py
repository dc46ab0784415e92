"""Forms of the council report pages; the rules live in reports/services.py."""

from __future__ import annotations

import re
from typing import Any

import defusedxml.ElementTree as SafeXml
from defusedxml import DefusedXmlException

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import Form
from basisbaan.programmes.models import Programme
from basisbaan.reports.constants import MAX_SECTION_TEXT, SECTIONS
from basisbaan.reports.texts import FIELDS

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
# Fonts that the PDF can embed (installed with the application's system packages).
FONTS = [
    ("DejaVu Sans", "DejaVu Sans"),
    ("DejaVu Serif", "DejaVu Serif"),
    ("Liberation Sans", "Liberation Sans"),
]
MAX_LOGO_BYTES = 200_000


def fields_help() -> str:
    return str(_("Velden die uit de cijfers worden ingevuld: %(fields)s.")) % {
        "fields": ", ".join(f"{{{key}}} ({label})" for key, label in FIELDS.items())
    }


class ReportForm(Form):
    programme = forms.ModelChoiceField(queryset=Programme.objects.none(), label=_("Programma"))
    title = forms.CharField(label=_("Titel"), max_length=200)
    as_of = forms.DateField(
        label=_("Peildatum"), help_text=_("De dag waarop de cijfers gaan. Bijvoorbeeld 30-06-2025.")
    )
    period_start = forms.DateField(label=_("Periode vanaf"))
    period_end = forms.DateField(label=_("Periode tot en met"))

    def __init__(self, *args: Any, programmes: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if programmes is not None:
            self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]


class ReportEditForm(Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    as_of = forms.DateField(label=_("Peildatum"))
    period_start = forms.DateField(label=_("Periode vanaf"))
    period_end = forms.DateField(label=_("Periode tot en met"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for section in SECTIONS:
            self.fields[f"text_{section.key}"] = forms.CharField(
                label=str(section.title),
                required=False,
                max_length=MAX_SECTION_TEXT,
                widget=forms.Textarea(attrs={"rows": 6}),
                help_text=_("Lege regel: nieuwe alinea. Een regel die met - begint: opsomming."),
            )

    def texts(self) -> dict[str, str]:
        return {s.key: self.cleaned_data.get(f"text_{s.key}", "") for s in SECTIONS}

    def section_fields(self) -> list[Any]:
        return [self[f"text_{s.key}"] for s in SECTIONS]

    def meta_fields(self) -> list[Any]:
        return [self[name] for name in ("title", "as_of", "period_start", "period_end")]


def contrast_on_white(colour: str) -> float:
    """WCAG 2.1 contrast ratio of ``#rrggbb`` against white (1 to 21)."""

    def channel(hex_pair: str) -> float:
        value = int(hex_pair, 16) / 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(colour[i : i + 2]) for i in (1, 3, 5))
    luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b
    return 1.05 / (luminance + 0.05)


class HouseStyleForm(Form):
    name = forms.CharField(
        label=_("Naam in de kop (niet verplicht)"), max_length=120, required=False
    )
    colour = forms.CharField(label=_("Huiskleur"), max_length=7, help_text=_("Als #1f4e79."))
    accent = forms.CharField(label=_("Accentkleur"), max_length=7, help_text=_("Als #c8102e."))
    font = forms.ChoiceField(label=_("Lettertype"), choices=FONTS)
    logo = forms.FileField(
        label=_("Logo als SVG (niet verplicht)"),
        required=False,
        help_text=_("Een SVG-bestand van hoogstens 200 kB."),
    )
    remove_logo = forms.BooleanField(label=_("Logo verwijderen (niet verplicht)"), required=False)
    logo_alt = forms.CharField(
        label=_("Tekstalternatief van het logo (niet verplicht)"), max_length=200, required=False
    )

    def _colour(self, name: str) -> str:
        value: str = self.cleaned_data[name].strip()
        if not HEX.match(value):
            raise ValidationError(_("Vul een kleur in als #1f4e79."))
        return value.lower()

    def clean_colour(self) -> str:
        colour = self._colour("colour")
        # Headings are set in the house colour: text needs 4.5:1 on white (WCAG 1.4.3).
        if contrast_on_white(colour) < 4.5:
            raise ValidationError(
                _("Deze kleur is te licht voor koppen op wit (contrast %(c)s, nodig is 4,5).")
                % {"c": f"{contrast_on_white(colour):.1f}".replace(".", ",")}
            )
        return colour

    def clean_accent(self) -> str:
        accent = self._colour("accent")
        # The accent marks a draft with a bar: a graphic needs 3:1 (WCAG 1.4.11).
        if contrast_on_white(accent) < 3:
            raise ValidationError(
                _("Deze accentkleur is te licht op wit (contrast %(c)s, nodig is 3).")
                % {"c": f"{contrast_on_white(accent):.1f}".replace(".", ",")}
            )
        return accent

    def clean_logo(self) -> str | None:
        upload = self.cleaned_data.get("logo")
        if not upload:
            return None
        if upload.size > MAX_LOGO_BYTES:
            raise ValidationError(_("Het logo is groter dan 200 kB."))
        raw = upload.read()
        try:
            text = raw.decode("utf-8")
            root = SafeXml.fromstring(text)
        except DefusedXmlException as exc:  # entities, external references
            raise ValidationError(_("Dit SVG-bestand bevat onveilige onderdelen.")) from exc
        except (UnicodeDecodeError, SafeXml.ParseError, ValueError) as exc:
            raise ValidationError(_("Dit is geen geldig SVG-bestand.")) from exc
        if not root.tag.endswith("svg"):
            raise ValidationError(_("Dit is geen geldig SVG-bestand."))
        if re.search(r"<script|javascript:|\son\w+\s*=|<foreignObject", text, re.IGNORECASE):
            raise ValidationError(_("Dit SVG-bestand bevat scripts; die zijn niet toegestaan."))
        return str(text)
