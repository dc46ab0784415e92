"""Forms of the ESF+ pages; the rules live in esf/services.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from basisbaan.core.forms import Form, ModelForm
from basisbaan.esf.constants import (
    EVENT_FIELDS,
    OPERATION_FIELDS,
    REGISTRATION_FIELDS,
    STAFF_RATE_FIELDS,
)
from basisbaan.esf.models import EsfOperation, EsfRegistration, EsfResultEvent, StaffRate
from basisbaan.tenancy.models import Municipality, User


class OperationForm(ModelForm):
    class Meta:
        model = EsfOperation
        fields = OPERATION_FIELDS


class RegistrationForm(ModelForm):
    class Meta:
        model = EsfRegistration
        fields = REGISTRATION_FIELDS
        help_texts = {
            "entry_date": _("Leeg: de start van de eerste plaatsing."),
            "leaving_date": _("Leeg: de uitstroomdatum, zodra de deelnemer uitstroomt."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["entry_date"].required = False


class EventForm(ModelForm):
    class Meta:
        model = EsfResultEvent
        fields = EVENT_FIELDS


class StaffRateForm(ModelForm):
    class Meta:
        model = StaffRate
        fields = STAFF_RATE_FIELDS

    def __init__(self, *args: Any, municipality: Municipality, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["staff"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = User.objects.filter(memberships__municipality=municipality).order_by(
            "last_name", "first_name", "username"
        )
        field.label_from_instance = lambda u: u.get_full_name() or u.get_username()  # type: ignore[method-assign,assignment]

    def validate_unique(self) -> None:
        """The same staff member and day replaces the earlier row (the service)."""


class ClaimPeriodForm(Form):
    jaar = forms.IntegerField(
        label=_("Jaar"),
        required=False,
        min_value=2021,
        max_value=2199,
        help_text=_("Leeg: de hele operatie."),
    )
