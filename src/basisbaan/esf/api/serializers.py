"""API serializers of ESF+: operations, the indicator totals (suppressed), the
worklist, the cost claim, registrations and result events. Amounts are decimal
strings in euro; a suppressed count has ``value`` null and its Dutch text.

The BSN is never in the API: the deelnemerslijst and the BSN report are files
(the pages and ``basisbaan esf participants --with-bsn``)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from basisbaan.core.api.fields import DateField, ScopedPrimaryKeyRelatedField
from basisbaan.esf.constants import Answer, Education, EventKind, Gender, LabourStatus
from basisbaan.esf.models import EsfOperation, EsfRegistration, EsfResultEvent
from basisbaan.esf.selectors import operation_list
from basisbaan.participants.models import Participant
from basisbaan.participants.privacy import policy_for
from basisbaan.participants.selectors import participant_list

__all__ = [
    "ClaimQuerySerializer",
    "ClaimSerializer",
    "EventSerializer",
    "IndicatorReportSerializer",
    "OperationSerializer",
    "RegistrationCreateSerializer",
    "RegistrationDataSerializer",
    "RegistrationSerializer",
    "WorklistItemSerializer",
]


class TextField(serializers.CharField):
    """Text, and only text: a number sent for it is refused, not turned into a string."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


def _money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=16, decimal_places=2, **kwargs)


def _hours(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=10, decimal_places=2, **kwargs)


# -- operations and their figures ----------------------------------------------------------


class OperationSerializer(serializers.ModelSerializer[EsfOperation]):
    programme_name = serializers.CharField(source="programme.name", read_only=True)
    flat_rate = serializers.DecimalField(
        max_digits=5,
        decimal_places=4,
        read_only=True,
        help_text="Forfait op de directe personeelskosten als fractie (0.4000 = 40%).",
    )

    class Meta:
        model = EsfOperation
        fields = [
            "id",
            "programme",
            "programme_name",
            "co_financed",
            "reference",
            "start_date",
            "end_date",
            "target_group",
            "birth_date_needed",
            "flat_rate",
            "note",
        ]
        read_only_fields = fields


class IndicatorCellSerializer(serializers.Serializer[Any]):
    column = serializers.CharField(help_text="woman, man, non_binary, unknown of total.")
    value = serializers.IntegerField(allow_null=True, help_text="null als het is afgeschermd.")
    status = serializers.CharField(
        help_text="published (getoond), primary (onder de drempel) of secondary "
        "(afgeschermd omdat het een klein aantal zou verraden)."
    )
    text = serializers.CharField(help_text="Wat de pagina toont, bijvoorbeeld ‘minder dan 5’.")


class IndicatorRowSerializer(serializers.Serializer[Any]):
    code = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    confidence = serializers.CharField(
        help_text="Zekerheid over de code: confirmed, high, medium of low."
    )
    confirmed = serializers.BooleanField(help_text="false: controleer de code vóór de rapportage.")
    cells = IndicatorCellSerializer(many=True, help_text="Eén cel per kolom.")


class IndicatorReportSerializer(serializers.Serializer[Any]):
    operation = serializers.IntegerField()
    programme = serializers.IntegerField()
    as_of = serializers.DateField()
    threshold = serializers.IntegerField(help_text="De drempel voor kleine aantallen.")
    registered = serializers.IntegerField(help_text="Het aantal registraties.")
    columns = serializers.ListField(child=serializers.CharField())
    rows = IndicatorRowSerializer(many=True)


class WorklistItemSerializer(serializers.Serializer[Any]):
    kind = serializers.CharField(
        help_text="no_registration, status, education, gender, disability, result, "
        "six_months of staff_rate."
    )
    text = serializers.CharField()
    participant = serializers.IntegerField(allow_null=True)
    participant_name = serializers.CharField(allow_null=True)
    registration = serializers.IntegerField(allow_null=True)
    staff = serializers.IntegerField(allow_null=True, help_text="Bij staff_rate: de medewerker.")
    staff_name = serializers.CharField(allow_null=True)


class ClaimQuerySerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField(
        required=False,
        min_value=2021,
        max_value=2199,
        help_text="Kalenderjaar; weggelaten: de hele operatie.",
    )

    def validate_year(self, value: int) -> int:
        operation: EsfOperation = self.context["operation"]
        if not operation.start_date.year <= value <= operation.end_date.year:
            raise serializers.ValidationError(_("Dit jaar valt buiten de operatie."))
        return value

    def validate(self, attrs: Any) -> Any:
        if self.initial_data.get("year") == "":
            raise serializers.ValidationError(
                {"year": [_("Vul een waarde in, of laat deze parameter weg.")]}
            )
        return attrs


class ClaimLineSerializer(serializers.Serializer[Any]):
    staff = serializers.IntegerField()
    staff_name = serializers.CharField()
    year = serializers.IntegerField()
    valid_from = serializers.DateField(help_text="Het tarief geldt vanaf deze dag.")
    annual_cost = _money()
    part_time_factor = serializers.DecimalField(max_digits=7, decimal_places=4)
    annual_hours = _hours()
    rate = _money(help_text="Uurtarief in euro.")
    hours = _hours(help_text="Gedeclareerde uren.")
    cut = _hours(help_text="Uren boven het maximum van het jaar: niet gedeclareerd.")
    amount = _money()


class UnratedSerializer(serializers.Serializer[Any]):
    staff = serializers.IntegerField()
    staff_name = serializers.CharField()
    hours = _hours(help_text="Uren op dagen zonder uurtarief: niet gedeclareerd.")


class ClaimSerializer(serializers.Serializer[Any]):
    operation = serializers.IntegerField()
    programme = serializers.IntegerField()
    first = serializers.DateField()
    last = serializers.DateField()
    flat_rate = serializers.DecimalField(max_digits=5, decimal_places=4)
    lines = ClaimLineSerializer(many=True)
    unrated = UnratedSerializer(many=True)
    direct = _money(help_text="Directe personeelskosten.")
    flat = _money(help_text="Het forfait.")
    total = _money()
    standard_hours = serializers.DictField(
        child=serializers.DecimalField(max_digits=8, decimal_places=2),
        help_text="Per jaar de standaard jaaruren (voltijd).",
    )
    sources = serializers.DictField(child=serializers.CharField())
    assumed = serializers.BooleanField(help_text="true: de jaaruren zijn een aanname.")


# -- registrations and result events -------------------------------------------------------


class EventSerializer(serializers.ModelSerializer[EsfResultEvent]):
    date = DateField(help_text="Op of na de datum van vertrek.")
    kind = serializers.ChoiceField(choices=EventKind.choices)
    note = TextField(max_length=200, required=False, allow_blank=True, default="")

    class Meta:
        model = EsfResultEvent
        fields = ["id", "registration", "date", "kind", "note"]
        read_only_fields = ["id", "registration"]


class RegistrationSerializer(serializers.ModelSerializer[EsfRegistration]):
    participant_name = serializers.SerializerMethodField()
    events = EventSerializer(many=True, read_only=True)

    class Meta:
        model = EsfRegistration
        fields = [
            "id",
            "operation",
            "participant",
            "participant_name",
            "entry_date",
            "labour_status",
            "education",
            "disability",
            "gender",
            "third_country",
            "foreign_background",
            "minority",
            "homeless",
            "rural",
            "target_group_evidence",
            "activities",
            "leaving_date",
            "events",
            "updated_at",
        ]
        read_only_fields = fields

    def get_participant_name(self, obj: EsfRegistration) -> str:
        return policy_for(self.context.get("request")).name(obj.participant)


def _answer() -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=Answer.choices, required=False, allow_blank=True)


class RegistrationDataSerializer(serializers.Serializer[Any]):
    """The entry data of a registration; the rules are in esf/services.py."""

    entry_date = DateField(
        required=False,
        allow_null=True,
        help_text="Datum van instroom; leeg: de start van de eerste plaatsing.",
    )
    labour_status = serializers.ChoiceField(
        choices=LabourStatus.choices, required=False, allow_blank=True
    )
    education = serializers.ChoiceField(choices=Education.choices, required=False, allow_blank=True)
    disability = serializers.BooleanField(required=False, allow_null=True)
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, allow_blank=True)
    third_country = _answer()
    foreign_background = _answer()
    minority = _answer()
    homeless = _answer()
    rural = _answer()
    target_group_evidence = TextField(max_length=2000, required=False, allow_blank=True)
    activities = TextField(max_length=300, required=False, allow_blank=True)
    leaving_date = DateField(
        required=False,
        allow_null=True,
        help_text="Datum van vertrek; leeg: de uitstroomdatum, zodra de deelnemer uitstroomt.",
    )


class RegistrationCreateSerializer(RegistrationDataSerializer):
    operation = ScopedPrimaryKeyRelatedField(
        selector=operation_list, queryset=EsfOperation.objects.all()
    )
    participant = ScopedPrimaryKeyRelatedField(
        selector=participant_list, queryset=Participant.objects.all()
    )
