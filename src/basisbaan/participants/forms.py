"""Forms of the participant pages. They check the shape of the input; the
rules (lifecycle, unique BSN, contact person's role) live in the services."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from basisbaan.core.choices import StaffFilterField
from basisbaan.core.forms import Form, ModelForm
from basisbaan.outcomes.forms import WorkFieldsMixin
from basisbaan.participants.constants import (
    CONTACT_ROLES,
    PARTICIPANT_FIELDS,
    TRANSITIONS,
    ExitReason,
    ParticipantStatus,
)
from basisbaan.participants.household import birth_months_text, parse_birth_months
from basisbaan.participants.models import Participant
from basisbaan.participants.validators import normalise_bsn
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import Municipality, User
from basisbaan.tenancy.selectors import staff_list

PERSONAL_FORM_FIELDS = list(PARTICIPANT_FIELDS)


def _limit_contact_choices(form: forms.BaseForm, municipality: Municipality) -> None:
    field = form.fields["contact_person"]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = staff_list(municipality=municipality, roles=CONTACT_ROLES)


class ContactPersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


# The contact-person filter's value for "no contact person".
CONTACT_NONE = "none"
# At most this many staff members are options of the contact-person filter.
CONTACT_FILTER_LIMIT = 20


class ReadAllChoiceIterator(ModelChoiceIterator):  # type: ignore[type-arg]
    """The choices of a short queryset read in one query: Django's iterator reads
    with a server-side cursor on PostgreSQL (DECLARE, FETCH, CLOSE: three round
    trips for a handful of programmes)."""

    def __iter__(self) -> Iterator[Any]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in list(self.queryset):  # read once, kept on the form's queryset
            yield self.choice(obj)

    def __len__(self) -> int:
        return len(list(self.queryset)) + (1 if self.field.empty_label is not None else 0)


class BirthMonthsField(forms.CharField):
    """Children's birth months typed as ``03-2014, 11-2019``; cleaned to ``["2014-03", ...]``."""

    def prepare_value(self, value: Any) -> Any:
        return birth_months_text(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        return parse_birth_months(super().to_python(value) or "")


class ParticipantForm(ModelForm):
    """Personal data of a participant (new or edited)."""

    bsn = forms.CharField(
        label=_("BSN"),
        max_length=12,
        help_text=_("Burgerservicenummer, 9 cijfers. Spaties en punten mogen."),
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "off", "class": "bb-input-short"}
        ),
    )
    children_birth_months = BirthMonthsField(
        label=_("Kinderen die thuis wonen (geboortemaand)"),
        required=False,
        max_length=400,
        help_text=_(
            "Per kind de maand en het jaar van geboorte, gescheiden door komma's. "
            "Bijvoorbeeld 03-2014, 11-2019. Kinderen van 18 jaar en ouder tellen niet mee."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    class Meta:
        model = Participant
        fields = PERSONAL_FORM_FIELDS
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(
                attrs={"inputmode": "tel", "autocomplete": "off", "class": "bb-input-short"}
            ),
            "postcode": forms.TextInput(
                attrs={"autocomplete": "off", "size": "7", "class": "bb-input-short"}
            ),
        }
        help_texts = {
            "date_of_birth": _("Bijvoorbeeld 29-11-1980."),
            "social_assistance_start": _("Bijvoorbeeld 01-03-2019."),
            "postcode": _("Bijvoorbeeld 8911 AB."),
            "rent_month": _(
                "De kale huur plus servicekosten, per maand. Bijvoorbeeld 650,00. "
                "Leeg als er geen huur is."
            ),
            "partner_income_year": _(
                "Alleen bij gehuwd of samenwonend: het bruto inkomen uit werk van de "
                "partner, per jaar. Bijvoorbeeld 18.000,00."
            ),
        }
        labels = {
            "rent_month": _("Huur per maand (inclusief servicekosten)"),
            "partner_income_year": _("Bruto jaarinkomen uit werk van de partner"),
        }

    # The order of the fieldsets on the page, so the error summary follows it.
    field_order = [
        "bsn",
        "first_name",
        "name_prefix",
        "last_name",
        "date_of_birth",
        "household_type",
        "children_birth_months",
        "rent_month",
        "partner_income_year",
        "street",
        "postcode",
        "city",
        "email",
        "phone",
        "programme",
        "social_assistance_start",
        "contact_person",
    ]

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programme_list(municipality=municipality)  # type: ignore[attr-defined]

    def clean_bsn(self) -> str:
        return normalise_bsn(self.cleaned_data["bsn"])

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in PERSONAL_FORM_FIELDS}


class ParticipantCreateForm(ParticipantForm):
    contact_person = ContactPersonChoiceField(
        label=_("Vast aanspreekpunt"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("De consulent of jobcoach die voor deze deelnemer het vaste aanspreekpunt is."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, municipality=municipality, **kwargs)
        _limit_contact_choices(self, municipality)


class ParticipantStatusForm(WorkFieldsMixin, Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), widget=forms.RadioSelect)
    exit_date = forms.DateField(
        label=_("Uitstroomdatum"), required=False, help_text=_("Alleen bij uitstroom.")
    )
    exit_reason = forms.ChoiceField(
        label=_("Reden uitstroom"),
        required=False,
        choices=[("", "—"), *ExitReason.choices],
        help_text=_("Alleen bij uitstroom."),
    )
    note = forms.CharField(
        label=_("Toelichting bij de uitstroom"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort en zakelijk; geen medische gegevens."),
    )
    field_order = [
        "status",
        "exit_date",
        "exit_reason",
        "employer",
        "hours_per_week",
        "contract_type",
        "wage_band",
        "note",
    ]

    def __init__(self, *args: Any, current: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = TRANSITIONS[ParticipantStatus(current)]
        self.fields["status"].choices = [  # type: ignore[attr-defined]
            (s.value, s.label) for s in ParticipantStatus if s in allowed
        ]


class ContactPersonForm(Form):
    contact_person = ContactPersonChoiceField(
        label=_("Vast aanspreekpunt"),
        queryset=User.objects.none(),
        required=False,
        empty_label=_("(geen)"),
        help_text=_("Eén vaste persoon voor zowel consulentschap als jobcoaching."),
    )
    reason = forms.CharField(
        label=_("Reden van de wisseling"),
        required=False,
        max_length=300,
        help_text=_("Verplicht als de deelnemer al een vast aanspreekpunt had."),
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_contact_choices(self, municipality)


class ParticipantFilterForm(forms.Form):
    """The search and filters above the participant list (GET)."""

    q = forms.CharField(label=_("Zoek op naam of BSN"), required=False, max_length=100)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *ParticipantStatus.choices]
    )
    programme: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Programma"), required=False, queryset=None, empty_label=_("Alle")
    )
    # All, "none", or one staff member: at most CONTACT_FILTER_LIMIT of them are
    # options (a municipality of 1,000,000 participants has about 1,000 staff), the
    # rest are found with the search box; any of them is accepted (?contact=<id>).
    contact = StaffFilterField(
        label=_("Vast aanspreekpunt"),
        required=False,
        queryset=User.objects.none(),
        empty_label=_("Alle"),
        fixed_choices=[(CONTACT_NONE, _("Zonder vast aanspreekpunt"))],
        limit=CONTACT_FILTER_LIMIT,
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programme"].queryset = programme_list(municipality=municipality)  # type: ignore[attr-defined]
        self.fields["programme"].iterator = ReadAllChoiceIterator  # type: ignore[attr-defined]
        self.fields["contact"].queryset = staff_list(  # type: ignore[attr-defined]
            municipality=municipality, roles=CONTACT_ROLES
        )
