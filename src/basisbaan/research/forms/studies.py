"""Forms of studies, respondents, consent and sessions; the rules live in
research/services.py. A participant is offered by pseudonym only."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import Form
from basisbaan.hosts.models import Host
from basisbaan.participants.models import Participant
from basisbaan.programmes.models import Programme
from basisbaan.research.constants import (
    RespondentKind,
    SessionKind,
    SessionStatus,
    StudyMethod,
    WithdrawalChoice,
)
from basisbaan.research.models import Respondent
from basisbaan.tenancy.models import User


class UserChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class OneUserChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.get_full_name() or obj.get_username())


class PseudonymChoice(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A participant by pseudonym: the researcher never sees a name."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.pseudonym)


class RespondentChoice(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.code} ({obj.get_kind_display()})"


class StudyForm(Form):
    programme = forms.ModelChoiceField(queryset=Programme.objects.none(), label=_("Programma"))
    title = forms.CharField(label=_("Titel"), max_length=200)
    question = forms.CharField(label=_("Onderzoeksvraag"), widget=forms.Textarea(attrs={"rows": 3}))
    method = forms.ChoiceField(label=_("Methode"), choices=StudyMethod.choices)
    period_start = forms.DateField(label=_("Periode vanaf"))
    period_end = forms.DateField(label=_("Periode tot en met"))
    ethical_basis = forms.CharField(
        label=_("Ethische en juridische grondslag"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: toestemming van de respondent (AVG artikel 6 lid 1 onder a)."),
    )
    letter_version = forms.CharField(label=_("Versie informatiebrief"), max_length=40)
    researchers = UserChoice(
        queryset=User.objects.none(),
        label=_("Onderzoekers"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    guest_base_size = forms.IntegerField(label=_("Basisomvang (Guest)"), min_value=1, max_value=100)
    guest_run_length = forms.IntegerField(label=_("Runlengte (Guest)"), min_value=1, max_value=100)
    guest_threshold = forms.DecimalField(
        label=_("Drempel nieuwe informatie (Guest)"),
        max_digits=4,
        decimal_places=3,
        help_text=_("Als fractie: 0,05 is 5 %."),
    )
    francis_initial = forms.IntegerField(
        label=_("Eerste steekproef (Francis)"), min_value=1, max_value=100
    )
    francis_stop = forms.IntegerField(
        label=_("Stopcriterium (Francis)"), min_value=1, max_value=100
    )

    def __init__(
        self,
        *args: Any,
        programmes: Any = None,
        users: Any = None,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["programme"]
        elif programmes is not None:
            self.fields["programme"].queryset = programmes  # type: ignore[attr-defined]
        if users is not None:
            self.fields["researchers"].queryset = users  # type: ignore[attr-defined]


class RespondentForm(Form):
    kind = forms.ChoiceField(label=_("Soort respondent"), choices=RespondentKind.choices)
    code = forms.CharField(
        label=_("Respondentcode"),
        max_length=20,
        required=False,
        help_text=_("Leeg: de volgende vrije code."),
    )
    participant = PseudonymChoice(
        queryset=Participant.objects.none(),
        label=_("Deelnemer"),
        required=False,
        help_text=_("Alleen bij een deelnemer. U ziet het pseudoniem, nooit een naam."),
    )
    host = forms.ModelChoiceField(
        queryset=Host.objects.none(),
        label=_("Werkgever"),
        required=False,
        help_text=_("Alleen bij een respondent van een werkgever."),
    )
    description = forms.CharField(
        label=_("Rol"),
        max_length=120,
        required=False,
        help_text=_("Een rol, geen naam: bijvoorbeeld 'leidinggevende' of 'jobcoach'."),
    )

    def __init__(
        self, *args: Any, participants: Any = None, hosts: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if participants is not None:
            field = self.fields["participant"]
            field.queryset = Participant.objects.filter(pk__in=[p.pk for p in participants])  # type: ignore[attr-defined]
            # In pseudonym order, never by name.
            field.choices = [("", field.empty_label)] + [  # type: ignore[attr-defined]
                (p.pk, p.pseudonym) for p in participants
            ]
        if hosts is not None:
            self.fields["host"].queryset = hosts  # type: ignore[attr-defined]


class ConsentForm(Form):
    given_on = forms.DateField(label=_("Datum toestemming"))
    letter_version = forms.CharField(
        label=_("Versie informatiebrief"),
        max_length=40,
        required=False,
        help_text=_("Leeg: de versie van het onderzoek."),
    )
    scope_interview = forms.BooleanField(
        label=_("Meedoen aan een gesprek (niet verplicht)"), required=False, initial=True
    )
    scope_recording = forms.BooleanField(
        label=_("Opnemen van het gesprek (niet verplicht)"), required=False
    )
    scope_quotes = forms.BooleanField(
        label=_("Citaten in publicaties (niet verplicht)"), required=False
    )
    scope_linkage = forms.BooleanField(
        label=_("Koppeling met de registratie (niet verplicht)"), required=False
    )


class WithdrawForm(Form):
    on = forms.DateField(label=_("Ingetrokken op"))
    withdrawal = forms.ChoiceField(
        label=_("Wat gebeurt er met de gegevens"),
        choices=WithdrawalChoice.choices,
        widget=forms.RadioSelect,
        help_text=_("Bewaren zonder koppeling alleen als de respondent daarmee instemt."),
    )


class SessionForm(Form):
    kind = forms.ChoiceField(label=_("Soort gesprek"), choices=SessionKind.choices)
    status = forms.ChoiceField(label=_("Status"), choices=SessionStatus.choices)
    planned_on = forms.DateField(label=_("Gepland op"), required=False)
    held_on = forms.DateField(label=_("Gehouden op"), required=False)
    interviewer = OneUserChoice(
        queryset=User.objects.none(), label=_("Interviewer"), required=False
    )
    duration_minutes = forms.IntegerField(
        label=_("Duur in minuten"), min_value=1, max_value=1440, required=False
    )
    respondents = RespondentChoice(
        queryset=Respondent.objects.none(),
        label=_("Respondenten"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Een interview: één respondent. Een focusgroep: twee of meer."),
    )

    def __init__(
        self, *args: Any, respondents: Any = None, users: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        if respondents is not None:
            self.fields["respondents"].queryset = respondents  # type: ignore[attr-defined]
        if users is not None:
            self.fields["interviewer"].queryset = users  # type: ignore[attr-defined]
