"""Forms of the contract pages; the rules live in contracts/services.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from basisbaan.calc.labour_law import ChainCheck
from basisbaan.contracts.chains import chain_confirm_label
from basisbaan.contracts.constants import (
    CONTRACT_FIELDS,
    CONTRACT_SETTINGS_FIELDS,
    WAGE_VALUE_FIELDS,
    Decision,
    EndReason,
    WageLineReason,
)
from basisbaan.contracts.models import Contract, ContractSettings, WageValueMeasurement
from basisbaan.contracts.worklist import DueStatus
from basisbaan.core.forms import Form, ModelForm
from basisbaan.participants.choices import ParticipantChoiceField
from basisbaan.participants.selectors import filter_name, participant_list
from basisbaan.placements.models import Placement
from basisbaan.placements.selectors import placement_list
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import Municipality

HOURS = {
    "min_value": Decimal("1"),
    "max_value": Decimal("40"),
    "max_digits": 4,
    "decimal_places": 1,
}
WAGE = {"min_value": Decimal("0.01"), "max_digits": 7, "decimal_places": 2}


def _placements_named(queryset: QuerySet[Placement], text: str) -> QuerySet[Placement]:
    return filter_name(queryset, text, path="participant__")


class PlacementChoiceField(ParticipantChoiceField):
    """A running placement, found by words of its participant's name (bounded as well)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("search", _placements_named)
        kwargs.setdefault("search_label", _("Zoek de plaatsing op naam van de deelnemer"))
        kwargs.setdefault("choose_label", _("Kies de plaatsing"))
        super().__init__(*args, **kwargs)

    def person(self, obj: Any) -> Any:
        return obj.participant

    def label_from_instance(self, obj: Any) -> str:
        return f"{self.name(obj)} – {obj.position.title} ({obj.position.host.name})"

    def shown_participant_ids(self) -> list[Any]:
        return [row.participant_id for row in self.shown_rows()]  # type: ignore[attr-defined]


class PeriodFields(Form):
    hours_per_week = forms.DecimalField(
        label=_("Uren per week"),
        help_text=_("Bijvoorbeeld 32 of 24,5."),
        min_value=Decimal("1"),
        max_value=Decimal("40"),
        max_digits=4,
        decimal_places=1,
    )
    hourly_wage = forms.DecimalField(
        label=_("Uurloon (bruto, in euro)"),
        help_text=_("Bijvoorbeeld 14,40."),
        min_value=Decimal("0.01"),
        max_digits=7,
        decimal_places=2,
    )


class ContractForm(PeriodFields):
    participant = ParticipantChoiceField(label=_("Deelnemer"), queryset=None)
    placement = PlacementChoiceField(
        label=_("Plaatsing"),
        queryset=None,
        required=False,
        help_text=_(
            "De plaatsing waar dit contract bij hoort. Leeg laten: de plaatsing van de "
            "deelnemer die op de startdatum loopt."
        ),
    )
    employer_name = forms.CharField(
        label=_("Juridisch werkgever"),
        max_length=150,
        required=False,
        help_text=_(
            "Bijvoorbeeld Caparis. Leeg laten: de standaard verloningspartij van het programma."
        ),
    )
    reference = forms.CharField(label=_("Kenmerk"), max_length=40, required=False)
    employee_number = forms.CharField(
        label=_("Personeelsnummer"),
        max_length=30,
        required=False,
        help_text=_(
            "Het nummer van de deelnemer bij de juridisch werkgever (salarisadministratie)."
        ),
        widget=forms.TextInput(attrs={"class": "bb-input-short"}),
    )
    wage_subsidy = forms.BooleanField(
        label=_("Met loonkostensubsidie"),
        required=False,
        help_text=_("De werkgever ontvangt loonkostensubsidie (LKS) voor dit contract."),
    )
    start_date = forms.DateField(label=_("Startdatum eerste periode"))
    end_date = forms.DateField(
        label=_("Einddatum eerste periode"),
        required=False,
        help_text=_("Leeg laten: de standaardduur van het programma."),
    )

    field_order = [
        "participant",
        "placement",
        "employer_name",
        "reference",
        "employee_number",
        "wage_subsidy",
        "start_date",
        "end_date",
        "hours_per_week",
        "hourly_wage",
    ]

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participant_list(municipality=municipality)  # type: ignore[attr-defined]
        self.fields["placement"].queryset = placement_list(  # type: ignore[attr-defined]
            municipality=municipality, active=True
        )


def confirm_permanent_field(check: ChainCheck | None) -> forms.BooleanField:
    """The checkbox that confirms a write the chain rule makes permanent by law
    (added to a form after it was made: rendered as the form's own fields are)."""
    field = forms.BooleanField(
        label=chain_confirm_label(check),
        required=False,
        help_text=_(
            "Het contract wordt dan vastgelegd als contract voor onbepaalde tijd vanaf die dag; "
            "het kostenmodel rekent vanaf dan met de premies van een vast contract."
        ),
    )
    field.template_name = Form.field_template_name  # type: ignore[attr-defined]
    return field


class ContractEditForm(ModelForm):
    class Meta:
        model = Contract
        fields = list(CONTRACT_FIELDS)
        widgets = {"employee_number": forms.TextInput(attrs={"class": "bb-input-short"})}

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or []}


class RenewForm(PeriodFields):
    start_date = forms.DateField(
        label=_("Startdatum"),
        required=False,
        help_text=_("Leeg laten: de dag na het einde van de vorige periode."),
    )
    end_date = forms.DateField(
        label=_("Einddatum"),
        required=False,
        help_text=_("Leeg laten: de standaardduur van het programma."),
    )
    field_order = ["start_date", "end_date", "hours_per_week", "hourly_wage"]


class WageLineForm(Form):
    """A change of the hourly wage within a period, from a date on."""

    start_date = forms.DateField(
        label=_("Geldt vanaf"),
        help_text=_("Een dag na de startdatum van de periode, uiterlijk de einddatum."),
    )
    hourly_wage = forms.DecimalField(
        label=_("Uurloon (bruto, in euro)"),
        help_text=_("Bijvoorbeeld 15,00."),
        min_value=Decimal("0.01"),
        max_digits=7,
        decimal_places=2,
    )
    reason = forms.ChoiceField(
        label=_("Reden"), choices=WageLineReason.choices, initial=WageLineReason.OTHER
    )
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=200)


class DecisionForm(Form):
    """The decision about the end of the last period; the renewal fields are used
    by ‘verlengen’ and ‘vast contract’ (empty: the proposed values)."""

    decision = forms.ChoiceField(
        label=_("Besluit"), choices=Decision.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(
        label=_("Motivering"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij niet verlengen en bij een vast contract."),
    )
    notice_sent_on = forms.DateField(
        label=_("Schriftelijk aangezegd op"),
        required=False,
        help_text=_("De dag waarop de deelnemer het besluit schriftelijk kreeg, als dat al is."),
    )
    start_date = forms.DateField(
        label=_("Startdatum nieuwe periode"),
        required=False,
        help_text=_("Leeg laten: de dag na het einde van de huidige periode."),
    )
    end_date = forms.DateField(
        label=_("Einddatum nieuwe periode"),
        required=False,
        help_text=_(
            "Leeg laten: de standaardduur van het programma (bij vast: tot het einde van het programma)."
        ),
    )
    hours_per_week = forms.DecimalField(label=_("Uren per week"), required=False, **HOURS)  # type: ignore[arg-type]
    hourly_wage = forms.DecimalField(
        label=_("Uurloon (bruto, in euro)"),
        required=False,
        help_text=_("Leeg laten: het voorgestelde uurloon, ten minste het minimumloon."),
        **WAGE,  # type: ignore[arg-type]
    )


class EndReasonForm(Form):
    """Why employment ended: decides whether a transition payment is due."""

    end_reason = forms.ChoiceField(
        label=_("Reden einde dienstverband"),
        required=False,
        choices=[("", _("Nog niet vastgelegd")), *EndReason.choices],
        help_text=_(
            "Geen transitievergoeding bij opzegging door de werknemer of ernstig verwijtbaar "
            "handelen."
        ),
    )


class NoticeForm(Form):
    notice_sent_on = forms.DateField(
        label=_("Schriftelijk aangezegd op"),
        help_text=_("De dag waarop de deelnemer het besluit over verlenging schriftelijk kreeg."),
    )


class WageValueForm(ModelForm):
    participant = ParticipantChoiceField(label=_("Deelnemer"), queryset=None)

    class Meta:
        model = WageValueMeasurement
        fields = ["participant", *WAGE_VALUE_FIELDS]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participant_list(municipality=municipality)  # type: ignore[attr-defined]
        self.fields["next_measurement_on"].required = False
        self.fields["next_measurement_on"].help_text = _(
            "Leeg laten: na de hermeettermijn van het programma (standaard 12 maanden)."
        )

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or []}


class WageValueEditForm(WageValueForm):
    class Meta(WageValueForm.Meta):
        fields = list(WAGE_VALUE_FIELDS)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, municipality=municipality, **kwargs)
        self.fields.pop("participant", None)
        self.fields["next_measurement_on"].required = True
        self.fields["next_measurement_on"].help_text = ""


class ContractSettingsForm(ModelForm):
    class Meta:
        model = ContractSettings
        fields = list(CONTRACT_SETTINGS_FIELDS)

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self._meta.fields or []}


WEEKS = [(4, _("4 weken")), (8, _("8 weken")), (13, _("13 weken")), (26, _("26 weken"))]


class WorklistFilterForm(forms.Form):
    programme: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Programma"), queryset=None, required=False, empty_label=_("Alle")
    )
    weeks = forms.TypedChoiceField(
        label=_("Vooruitkijken"), choices=WEEKS, coerce=int, required=False, initial=8
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *DueStatus.choices]
    )
    chain = forms.BooleanField(label=_("Alleen ketenregeling"), required=False)

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programme_list(municipality=municipality)  # type: ignore[attr-defined]

    def value(self, name: str, default: Any = None) -> Any:
        if not self.is_valid():
            return default
        return self.cleaned_data.get(name) or default


class BelowMinimumFilterForm(forms.Form):
    past = forms.BooleanField(label=_("Ook afgelopen periodes"), required=False)


__all__ = [
    "BelowMinimumFilterForm",
    "ContractEditForm",
    "ContractForm",
    "ContractSettingsForm",
    "DecisionForm",
    "RenewForm",
    "WageValueEditForm",
    "WageValueForm",
    "WorklistFilterForm",
    "confirm_permanent_field",
]
