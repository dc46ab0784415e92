"""Forms of the guidance pages. They check shape; the rules live in the services.

The week grid is not a Django form: its cells are many and named by
participant, activity and day (see :func:`parse_week_post`).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from basisbaan.calc.dates import HORIZON
from basisbaan.core.choices import StaffFilterField
from basisbaan.core.forms import Form, ModelForm
from basisbaan.core.imports import max_upload_text
from basisbaan.guidance.constants import (
    GUIDANCE_SETTINGS_FIELDS,
    HOURS_MAX_UPLOAD_BYTES,
    SESSION_RECORD_FIELDS,
    STAFF_ROLES,
    Activity,
    SessionStatus,
    SignalKind,
)
from basisbaan.guidance.models import FeedbackSession, GuidanceSettings
from basisbaan.guidance.selectors import signal_host_contacts, week_addable
from basisbaan.guidance.services import WeekCell
from basisbaan.hosts.models import HostContact
from basisbaan.hosts.selectors import host_contact_list
from basisbaan.participants.forms import ContactPersonChoiceField
from basisbaan.participants.models import Participant
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import Municipality, User
from basisbaan.tenancy.selectors import staff_list

CELL = re.compile(r"^h-(\d+)-(\d+)-([0-6])$")
ROW_ACTIVITY = re.compile(r"^a-(\d+)$")
ROW_PARTICIPANT = re.compile(r"^p-(\d+)$")
ROW_ORIGINAL = re.compile(r"^o-(\d+)$")


def parse_hours(text: str) -> Decimal | None:
    """``"1,5"`` or ``"1.5"`` -> ``Decimal("1.5")``; empty -> None; else ValueError."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation as exc:
        raise ValueError(text) from exc
    if not value.is_finite() or value < 0:
        raise ValueError(text)
    return value


def parse_week_post(data: Any, week_start: dt.date) -> tuple[list[WeekCell], dict[str, str]]:
    """Read the grid's POST: rows ``p-<row>`` (participant id), ``a-<row>``
    (activity), ``o-<row>`` (the activity the row was shown with) and cells
    ``h-<row>-<participant>-<weekday>``.

    Returns the cells and, per cell name, the text that is not a number.
    """
    participants: dict[str, int] = {}
    activities: dict[str, str] = {}
    originals: dict[str, str] = {}
    for name, value in data.items():
        if match := ROW_PARTICIPANT.match(name):
            if str(value).isdigit():
                participants[match[1]] = int(value)
        elif match := ROW_ACTIVITY.match(name):
            activities[match[1]] = str(value)
        elif match := ROW_ORIGINAL.match(name):
            originals[match[1]] = str(value)
    cells: list[WeekCell] = []
    bad: dict[str, str] = {}
    for name, value in data.items():
        match = CELL.match(name)
        if match is None:
            continue
        row, weekday = match[1], int(match[3])
        participant_id = participants.get(row)
        if participant_id is None:
            continue
        try:
            hours = parse_hours(str(value))
        except ValueError:
            bad[name] = str(value)
            continue
        day = week_start + dt.timedelta(days=weekday)
        activity = activities.get(row, Activity.COACHING)
        cells.append(WeekCell(participant_id, activity, day, hours or None))
        original = originals.get(row)
        if original and original != activity:
            # The row's activity was changed: its hours move to the new activity.
            cells.append(WeekCell(participant_id, original, day, None))
    return cells, bad


class StaffChoiceField(ContactPersonChoiceField):
    """A staff member of the municipality, shown by name."""


def _staff(municipality: Municipality) -> Any:
    return staff_list(municipality=municipality, roles=STAFF_ROLES)


class GuidanceSettingsForm(ModelForm):
    class Meta:
        model = GuidanceSettings
        fields = list(GUIDANCE_SETTINGS_FIELDS)


class ClosePeriodForm(Form):
    month = forms.CharField(
        label=_("Maand"),
        max_length=7,
        help_text=_("Als 2025-11: de uren van die maand kunnen daarna niet meer wijzigen."),
        widget=forms.TextInput(attrs={"class": "bb-input-short", "inputmode": "numeric"}),
    )

    def clean_month(self) -> dt.date:
        text = self.cleaned_data["month"].strip()
        match = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
        if match is None or not 1 <= int(match[2]) <= 12:
            raise forms.ValidationError(_("Vul de maand in als 2025-11."))
        return dt.date(int(match[1]), int(match[2]), 1)


class HoursImportForm(Form):
    file = forms.FileField(
        label=_("Urenbestand (CSV)"),
        help_text=_(
            "CSV (puntkomma of komma) met de kolommen bsn, medewerker (gebruikersnaam), "
            "datum, activiteit, uren en eventueel toelichting."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt,text/csv"}),
    )
    dry_run = forms.BooleanField(
        label=_("Alleen controleren, nog niets inlezen"), required=False, initial=True
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size is not None and upload.size > HOURS_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(max_upload_text(HOURS_MAX_UPLOAD_BYTES))
        return upload


class SessionPlanForm(ModelForm):
    class Meta:
        model = FeedbackSession
        fields = [
            "planned_date",
            "planned_time",
            "location",
            "host_contact",
            "jobcoach",
            "caseworker",
        ]
        widgets = {
            "planned_time": forms.TimeInput(attrs={"class": "bb-input-short"}, format="%H:%M")
        }

    def __init__(self, *args: Any, municipality: Municipality, host_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _limit_people(self, municipality, host_id)


def _limit_people(form: forms.BaseForm, municipality: Municipality, host_id: int) -> None:
    contacts = form.fields["host_contact"]
    assert isinstance(contacts, forms.ModelChoiceField)
    contacts.queryset = host_contact_list(municipality=municipality).filter(host_id=host_id)
    for name in ("jobcoach", "caseworker"):
        field = form.fields[name]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = _staff(municipality)
        field.label_from_instance = lambda u: u.get_full_name() or u.get_username()  # type: ignore[method-assign,assignment]


SCORE_CHOICES = [("", _("Geen score")), *((str(i), str(i)) for i in range(1, 6))]


class SessionRecordForm(ModelForm):
    class Meta:
        model = FeedbackSession
        fields = list(SESSION_RECORD_FIELDS)
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, municipality: Municipality, host_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["held_on"].required = True
        _limit_people(self, municipality, host_id)
        for name in ("score_work", "score_wellbeing", "score_finances", "score_host"):
            label = self.fields[name].label
            self.fields[name] = forms.TypedChoiceField(
                label=label,
                choices=SCORE_CHOICES,
                coerce=int,
                empty_value=None,
                required=False,
                help_text=_("1 = gaat slecht, 5 = gaat goed."),
            )


class ActionForm(Form):
    description = forms.CharField(label=_("Actie"), max_length=300)
    owner = StaffChoiceField(label=_("Eigenaar"), queryset=User.objects.none())
    due_date = forms.DateField(label=_("Uiterlijk"))

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _staff(municipality)  # type: ignore[attr-defined]


class SignalForm(Form):
    """A signal about a participant. The host-contact choice lists only the
    contacts of the participant's current host: without a participant chosen
    it is empty, and the page reloads it (htmx) when the participant changes."""

    participant = forms.ModelChoiceField(label=_("Deelnemer"), queryset=Participant.objects.none())
    kind = forms.ChoiceField(label=_("Soort signaal"), choices=[("", ""), *SignalKind.choices])
    description = forms.CharField(
        label=_("Omschrijving"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kort en zakelijk; geen medische gegevens."),
    )
    raised_by_host_contact = forms.ModelChoiceField(
        label=_("Gemeld door contactpersoon van de werkgever"),
        queryset=HostContact.objects.none(),
        required=False,
        help_text=_(
            "Leeg laten als u het signaal zelf afgeeft. U ziet de contactpersonen van de "
            "werkgever waar de gekozen deelnemer nu geplaatst is."
        ),
    )
    owner = StaffChoiceField(label=_("Eigenaar (volgt het op)"), queryset=User.objects.none())

    def __init__(
        self, *args: Any, municipality: Municipality, today: dt.date, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        participants = week_addable(municipality=municipality)
        self.fields["participant"].queryset = participants  # type: ignore[attr-defined]
        # A new participant choice reloads the contact list (see signal_form.html).
        self.fields["participant"].widget.attrs.update(
            {
                "hx-get": reverse("guidance:signal_create"),
                "hx-trigger": "change",
                "hx-select": "#signal-contact",
                "hx-target": "#signal-contact",
                "hx-swap": "outerHTML",
            }
        )
        contacts = self.fields["raised_by_host_contact"]
        assert isinstance(contacts, forms.ModelChoiceField)
        chosen = self._chosen_participant(participants)
        contacts.queryset = (
            signal_host_contacts(participant=chosen, on=today)
            if chosen is not None
            else HostContact.objects.none()
        )
        contacts.label_from_instance = lambda c: f"{c.name} ({c.host.name})"  # type: ignore[method-assign,assignment]
        self.fields["owner"].queryset = _staff(municipality)  # type: ignore[attr-defined]

    def _chosen_participant(self, participants: QuerySet[Participant]) -> Participant | None:
        """The participant picked in the posted data, else the initial one."""
        raw = self.data.get("participant") if self.is_bound else self.initial.get("participant")
        raw = getattr(raw, "pk", raw)
        if not str(raw or "").isdigit():
            return None
        return participants.filter(pk=int(str(raw))).first()


class SignalFollowUpForm(Form):
    follow_up = forms.CharField(
        label=_("Opvolging"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    close = forms.BooleanField(label=_("Signaal sluiten"), required=False)


class _PeriodFilterForm(Form):
    """From and to (both optional, dd-mm-jjjj) above a list; to before from is refused."""

    van = forms.DateField(label=_("Van"), required=False)
    tot = forms.DateField(label=_("Tot en met"), required=False)

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


class HoursFilterForm(_PeriodFilterForm):
    """The filters of the hours list (GET): period, activity, programme, staff member.

    The staff member is a choice only for a viewer who may read colleagues' hours.
    """

    activiteit = forms.ChoiceField(
        label=_("Activiteit"), required=False, choices=[("", _("Alle")), *Activity.choices]
    )
    programma: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Programma"), queryset=None, required=False, empty_label=_("Alle")
    )
    # At most 20 staff members as options, and a name search (core.choices).
    medewerker = StaffFilterField(
        label=_("Medewerker"), queryset=User.objects.none(), required=False, empty_label=_("Alle")
    )

    def __init__(
        self, *args: Any, municipality: Municipality, colleagues: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programma"].queryset = programme_list(municipality=municipality)  # type: ignore[attr-defined]
        if colleagues:
            self.fields["medewerker"].queryset = _staff(municipality)  # type: ignore[attr-defined]
        else:
            del self.fields["medewerker"]


class SessionFilterForm(_PeriodFilterForm):
    """The filters of the feedback-session list (GET): planned between, status, programme."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *SessionStatus.choices]
    )
    programma: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Programma"), queryset=None, required=False, empty_label=_("Alle")
    )

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["programma"].queryset = programme_list(municipality=municipality)  # type: ignore[attr-defined]
