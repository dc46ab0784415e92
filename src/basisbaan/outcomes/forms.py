"""Forms of the outcome pages; the rules live in outcomes/services.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from basisbaan.calc.dates import HORIZON
from basisbaan.core.forms import EMPTY_CHOICE, Form
from basisbaan.outcomes.constants import (
    Assistance,
    AssumptionKey,
    ContractType,
    ExitKind,
    WageBand,
)
from basisbaan.participants.constants import ExitReason
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import Municipality


def renamed_errors(error: ValidationError, names: dict[str, str]) -> ValidationError:
    """``error`` with its field names as a form that names them differently calls them."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError({names.get(k, k): v for k, v in error.error_dict.items()})


YES_NO = [("", EMPTY_CHOICE), ("yes", _("Ja")), ("no", _("Nee"))]


def yes_no(value: str) -> bool | None:
    return {"yes": True, "no": False}.get(value)


class WorkFieldsMixin(forms.Form):
    """What came after an exit to work (only for the two work reasons)."""

    employer = forms.CharField(
        label=_("Nieuwe werkgever"),
        required=False,
        max_length=200,
        help_text=_("Alleen bij werk. Bij werk bij de eigen werkgever mag dit leeg blijven."),
    )
    hours_per_week = forms.DecimalField(
        label=_("Uren per week"),
        required=False,
        min_value=Decimal("0.5"),
        max_value=Decimal("60"),
        decimal_places=1,
        help_text=_("Alleen bij werk, bijvoorbeeld 32."),
    )
    contract_type = forms.ChoiceField(
        label=_("Soort contract"),
        required=False,
        choices=[("", EMPTY_CHOICE), *ContractType.choices],
        help_text=_("Alleen bij werk."),
    )
    wage_band = forms.ChoiceField(
        label=_("Loon"),
        required=False,
        choices=[("", EMPTY_CHOICE), *WageBand.choices],
        help_text=_("Alleen bij werk: het nieuwe loon ten opzichte van het minimumloon."),
    )

    def work_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "employer": data.get("employer") or "",
            "hours_per_week": data.get("hours_per_week"),
            "contract_type": data.get("contract_type") or "",
            "wage_band": data.get("wage_band") or "",
        }


class ExitForm(WorkFieldsMixin, Form):
    """Ending a placement: why, and whether the participant leaves the programme."""

    end_date = forms.DateField(label=_("Einddatum"), help_text=_("De laatste werkdag."))
    reason = forms.ChoiceField(label=_("Reden"), choices=[("", EMPTY_CHOICE), *ExitReason.choices])
    leaves_programme = forms.BooleanField(
        label=_("De deelnemer verlaat het programma"),
        required=False,
        help_text=_(
            "Aangevinkt: de deelnemer stroomt uit en krijgt nametingen na 1, 3, 6, 12 en 18 "
            "maanden. Niet aangevinkt: de deelnemer gaat terug naar de wachtlijst."
        ),
    )
    field_order = [
        "end_date",
        "reason",
        "leaves_programme",
        "employer",
        "hours_per_week",
        "contract_type",
        "wage_band",
        "note",
    ]
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort en zakelijk; geen medische gegevens."),
    )


class FollowUpForm(Form):
    measured_on = forms.DateField(label=_("Gemeten op"), help_text=_("Bijvoorbeeld 05-12-2026."))
    reachable = forms.ChoiceField(
        label=_("Bereikt"),
        choices=[("yes", _("Ja, de persoon is bereikt")), ("no", _("Nee, niet bereikbaar"))],
        widget=forms.RadioSelect,
    )
    works = forms.ChoiceField(label=_("Werkt de persoon?"), required=False, choices=YES_NO)
    hours_per_week = forms.DecimalField(
        label=_("Uren per week"),
        required=False,
        min_value=Decimal("0.5"),
        max_value=Decimal("60"),
        decimal_places=1,
        help_text=_("Alleen als de persoon werkt."),
    )
    same_employer = forms.ChoiceField(
        label=_("Bij dezelfde werkgever als bij de uitstroom?"), required=False, choices=YES_NO
    )
    assistance = forms.ChoiceField(
        label=_("Bijstand"), required=False, choices=[("", EMPTY_CHOICE), *Assistance.choices]
    )
    assistance_amount = forms.DecimalField(
        label=_("Bedrag aanvullende bijstand per maand"),
        required=False,
        min_value=Decimal(0),
        max_value=Decimal(10000),
        decimal_places=2,
        help_text=_("Alleen bij aanvullende bijstand, als het bekend is."),
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort en zakelijk; geen medische gegevens."),
    )

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "measured_on": data["measured_on"],
            "reachable": data["reachable"] == "yes",
            "works": yes_no(data.get("works") or ""),
            "hours_per_week": data.get("hours_per_week"),
            "same_employer": yes_no(data.get("same_employer") or ""),
            "assistance": data.get("assistance") or "",
            "assistance_amount": data.get("assistance_amount"),
            "note": data.get("note") or "",
        }


class AssumptionForm(Form):
    key = forms.ChoiceField(
        label=_("Aanname"), choices=[("", EMPTY_CHOICE), *AssumptionKey.choices]
    )
    effective_date = forms.DateField(
        label=_("Geldig vanaf"), help_text=_("Bijvoorbeeld 01-01-2026.")
    )
    value = forms.DecimalField(
        label=_("Waarde"),
        max_digits=12,
        decimal_places=6,
        help_text=_(
            "Een aandeel als fractie (0,10 is 10%), een bedrag in euro, of 1/0 voor ja/nee."
        ),
    )
    source = forms.CharField(
        label=_("Bron of onderbouwing"), max_length=300, help_text=_("Verplicht.")
    )
    note = forms.CharField(label=_("Toelichting"), max_length=300, required=False)


class ThresholdForm(Form):
    threshold = forms.IntegerField(
        label=_("Drempel kleine aantallen"),
        min_value=2,
        max_value=100,
        help_text=_(
            "Aantallen onder deze drempel tonen als ‘minder dan …’. Standaard 5; 10 voor "
            "gevoelige kenmerken."
        ),
    )


class ExitFilterForm(Form):
    """The filters of the list of exits (GET): period, programme, kind and reason."""

    van = forms.DateField(label=_("Van"), required=False)
    tot = forms.DateField(label=_("Tot en met"), required=False)
    programma: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Programma"), queryset=None, required=False, empty_label=_("Alle")
    )
    soort = forms.ChoiceField(
        label=_("Soort"), required=False, choices=[("", _("Alle")), *ExitKind.choices]
    )
    reden = forms.ChoiceField(
        label=_("Reden"), required=False, choices=[("", _("Alle")), *ExitReason.choices]
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programma"].queryset = programme_list(municipality=municipality)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("van", "tot"):
            day = data.get(name)
            if day is not None and not HORIZON[0] <= day <= HORIZON[1]:
                self.add_error(name, _("Kies een datum tussen 1900 en 2199."))
        start, end = data.get("van"), data.get("tot")
        if start and end and end < start:
            self.add_error("tot", _("‘Tot en met’ ligt vóór ‘van’."))
        return data
