"""Forms of the intake and matching pages. They check the shape of the input;
the rules (lifecycle, criteria, intake stop, displacement check) live in the services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import Form, ModelForm
from basisbaan.hosts.constants import Track
from basisbaan.hosts.selectors import position_list
from basisbaan.intake.constants import CRITERIA_FIELDS, POSITION_PROFILE_FIELDS, PROFILE_FIELDS
from basisbaan.intake.models import (
    NO_MEDICAL,
    EligibilityCriteria,
    ParticipantProfile,
    PositionProfile,
)
from basisbaan.intake.vocabulary import (
    Competence,
    ConstraintCategory,
    Decision,
    Priority,
    ReferralSource,
    Sector,
    WorkType,
)
from basisbaan.participants.constants import CONTACT_ROLES
from basisbaan.participants.forms import ContactPersonChoiceField, ParticipantCreateForm
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import participant_list
from basisbaan.tenancy.models import Municipality, User
from basisbaan.tenancy.selectors import staff_list


def _codes(label: Any, choices: Any, help_text: Any = "") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


class ReferralForm(ParticipantCreateForm):
    """A referral: the person (as on the participant form) and how they were referred."""

    source = forms.ChoiceField(label=_("Bron van de aanmelding"), choices=ReferralSource.choices)
    referred_on = forms.DateField(
        label=_("Aangemeld op"),
        help_text=_("Bijvoorbeeld 29-11-2026. Leeg: vandaag."),
        required=False,
    )
    priority = forms.TypedChoiceField(
        label=_("Prioriteit"),
        choices=Priority.choices,
        coerce=int,
        initial=Priority.NORMAL,
        help_text=_("De wachtlijst staat op prioriteit en daarna op aanmelddatum."),
    )
    reason = forms.CharField(
        label=_("Reden van aanmelding"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_MEDICAL,
    )

    def referral_data(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in ("source", "referred_on", "priority", "reason")
            if self.cleaned_data.get(name) not in (None, "")
        }


class ReferralEditForm(Form):
    """Source, date, priority and reason of a referral (the person is edited elsewhere)."""

    source = forms.ChoiceField(label=_("Bron van de aanmelding"), choices=ReferralSource.choices)
    referred_on = forms.DateField(label=_("Aangemeld op"), help_text=_("Bijvoorbeeld 29-11-2026."))
    priority = forms.TypedChoiceField(
        label=_("Prioriteit"),
        choices=Priority.choices,
        coerce=int,
        help_text=_("De wachtlijst staat op prioriteit en daarna op aanmelddatum."),
    )
    reason = forms.CharField(
        label=_("Reden van aanmelding"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=NO_MEDICAL,
    )


class ConversationForm(Form):
    held_on = forms.DateField(label=_("Datum gesprek"), help_text=_("Bijvoorbeeld 29-11-2026."))
    summary = forms.CharField(
        label=_("Verslag"), widget=forms.Textarea(attrs={"rows": 6}), help_text=NO_MEDICAL
    )
    contact_person = ContactPersonChoiceField(
        label=_("Vast aanspreekpunt"),
        queryset=User.objects.none(),
        required=False,
        help_text=_(
            "Een deelnemer in intake heeft één vast aanspreekpunt. Leeg: u zelf, als u "
            "consulent, jobcoach of programmamanager bent."
        ),
    )

    def __init__(self, *args: Any, participant: Participant, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if participant.contact_person_id is not None:
            del self.fields["contact_person"]  # chosen before; changed on the participant page
        else:
            field = self.fields["contact_person"]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = staff_list(municipality=participant.municipality, roles=CONTACT_ROLES)


class DecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Besluit"), choices=Decision.choices, widget=forms.RadioSelect
    )
    tracks = forms.MultipleChoiceField(
        label=_("Sporen"),
        choices=Track.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Bij toelating. Leeg: de sporen waarvoor aan de voorwaarden is voldaan."),
    )
    reasoning = forms.CharField(
        label=_("Onderbouwing"), widget=forms.Textarea(attrs={"rows": 4}), help_text=NO_MEDICAL
    )


class CriteriaForm(ModelForm):
    class Meta:
        model = EligibilityCriteria
        fields = list(CRITERIA_FIELDS)
        help_texts = {
            "min_months_on_assistance": _("Leeg: geen eis."),
            "min_age": _("Leeg: geen eis."),
            "max_age": _("Leeg: geen eis."),
        }


class ProfileForm(ModelForm):
    competences = _codes(_("Competenties"), Competence)
    interests = _codes(_("Interesses (sectoren)"), Sector)
    preferred_work = _codes(_("Voorkeur soort werk"), WorkType)
    preferred_sectors = _codes(_("Voorkeur sectoren"), Sector)
    constraints = _codes(
        _("Beperkingen voor werk"),
        ConstraintCategory,
        _("Alleen categorieën die het werk raken; geen medische gegevens of diagnoses."),
    )
    tracks = forms.MultipleChoiceField(
        label=_("Passende sporen"),
        choices=Track.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ParticipantProfile
        fields = list(PROFILE_FIELDS)
        widgets = {
            "work_experience": forms.Textarea(attrs={"rows": 3}),
            "motivation_notes": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"hours_available": _("Bijvoorbeeld 24 of 32,5.")}


class PositionProfileForm(ModelForm):
    required_competences = _codes(_("Gevraagde competenties"), Competence)
    work_types = _codes(_("Soort werk"), WorkType)
    accommodates = _codes(
        _("Toegankelijkheid: de werkplek kan rekening houden met"), ConstraintCategory
    )

    class Meta:
        model = PositionProfile
        fields = list(POSITION_PROFILE_FIELDS)
        widgets = {"displacement_note": forms.Textarea(attrs={"rows": 3})}


class ProposalForm(Form):
    """Propose a placement from a match: the pair comes from the match page."""

    participant: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, widget=forms.HiddenInput
    )
    position: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        queryset=None, widget=forms.HiddenInput
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participant"].queryset = participant_list(  # type: ignore[attr-defined]
            municipality=municipality
        )
        self.fields["position"].queryset = position_list(  # type: ignore[attr-defined]
            municipality=municipality
        )


class ProposalPlaceForm(Form):
    start_date = forms.DateField(label=_("Startdatum"), help_text=_("Bijvoorbeeld 01-09-2025."))


class ProposalWithdrawForm(Form):
    note = forms.CharField(
        label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}), max_length=500
    )
