"""API serializers of outcomes: the report's tables, the business case, exits,
follow-up measurements and the business case's assumptions. Amounts are decimal
strings in euro; a suppressed figure has ``value`` null and its Dutch text."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from basisbaan.core.api.fields import DateField
from basisbaan.core.api.filters import EMPTY
from basisbaan.outcomes.constants import Assistance, AssumptionKey
from basisbaan.outcomes.models import Assumption, Exit, FollowUp
from basisbaan.outcomes.selectors import is_overdue
from basisbaan.participants.api.serializers import PseudonymousParticipantMixin

__all__ = [
    "AsOfQuerySerializer",
    "AssumptionSerializer",
    "BusinessCaseSerializer",
    "ExitSerializer",
    "FollowUpRecordSerializer",
    "FollowUpSerializer",
    "OutcomeReportSerializer",
    "WorklistQuerySerializer",
]


class TextField(serializers.CharField):
    """Text, and only text: a number sent for it is refused (as the schema says), not
    turned into a string."""

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class DecimalText(serializers.DecimalField):
    """A decimal sent as text, as the schema says (``"0.25"``); a JSON number is refused
    rather than read through a float."""

    def to_internal_value(self, data: Any) -> Any:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class QuerySerializer(serializers.Serializer[Any]):
    """Query parameters where an empty value is refused: a form-style query leaves an
    empty optional parameter out, and the request would be answered as if it were
    not given."""

    def validate(self, attrs: Any) -> Any:
        sent = self.initial_data
        empty: dict[str, list[str]] = {
            str(name): [str(EMPTY)] for name in list(self.fields) if sent.get(name) == ""
        }
        if empty:
            raise serializers.ValidationError(empty)
        return attrs


def _money(**kwargs: Any) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=16, decimal_places=2, **kwargs)


class AsOfQuerySerializer(QuerySerializer):
    as_of = DateField(
        required=False,
        help_text="Peildatum (jjjj-mm-dd); standaard vandaag, niet na vandaag.",
    )

    def validate_as_of(self, value: Any) -> Any:
        today = self.context["today"]
        if value > today:
            raise serializers.ValidationError(_("De peildatum mag niet na vandaag liggen."))
        return value


# -- the outcome report -----------------------------------------------------------------


class CellSerializer(serializers.Serializer[Any]):
    status = serializers.CharField(
        help_text="published (getoond), primary (onder de drempel) of secondary "
        "(afgeschermd omdat het een klein aantal zou verraden)."
    )
    value = serializers.CharField(
        allow_null=True,
        help_text="Het getal als decimale tekst (een aantal, een percentage, uren); "
        "null als het is afgeschermd.",
    )
    text = serializers.CharField(help_text="Wat de pagina toont, bijvoorbeeld ‘minder dan 5’.")
    part = serializers.IntegerField(allow_null=True, help_text="Bij een aandeel: het aantal.")
    whole = serializers.IntegerField(allow_null=True, help_text="Bij een aandeel: het geheel.")


class RowSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    definition = serializers.CharField(help_text="Hoe het cijfer is bepaald.")
    cells = CellSerializer(many=True, help_text="Eén cel per kolom.")


class TableSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    title = serializers.CharField()
    note = serializers.CharField()
    columns = serializers.ListField(child=serializers.CharField())
    rows = RowSerializer(many=True)


class OutcomeReportSerializer(serializers.Serializer[Any]):
    programme = serializers.IntegerField()
    programme_slug = serializers.CharField()
    programme_name = serializers.CharField()
    as_of = serializers.DateField()
    threshold = serializers.IntegerField(help_text="De drempel voor kleine aantallen.")
    tables = TableSerializer(many=True)


# -- the business case ------------------------------------------------------------------


class YearLineSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField(allow_null=True, help_text="null: het totaal.")
    participant_months = serializers.IntegerField(help_text="Maanden in de basisbaan.")
    payroll = _money()
    fees = _money()
    lks = _money()
    guidance = _money()
    research = _money()
    other = _money()
    gross_cost = _money()
    assistance_saved_gross = _money()
    assistance_saved_net = _money()
    execution_saved_gross = _money()
    execution_saved_net = _money()
    net_cost_gross_effect = _money()
    net_cost = _money()
    general_fund = _money()
    buig = _money()
    general_fund_gross_effect = _money()
    buig_gross_effect = _money()
    deadweight_correction = _money(help_text="Netto min bruto effect.")


class LineLabelSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]


class StepSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    amount = _money()


class SensitivitySerializer(serializers.Serializer[Any]):
    deadweight = serializers.DecimalField(max_digits=7, decimal_places=6)
    guidance_factor = serializers.DecimalField(max_digits=7, decimal_places=6)
    net_cost_per_participant_year = _money(
        allow_null=True, help_text="null onder de drempel van deelnemers."
    )


class AssumptionValueSerializer(serializers.Serializer[Any]):
    key = serializers.CharField()
    label = serializers.CharField()  # type: ignore[assignment]
    unit = serializers.CharField()
    value = serializers.DecimalField(max_digits=12, decimal_places=6)
    effective_date = serializers.DateField()
    source = serializers.CharField()  # type: ignore[assignment]
    note = serializers.CharField()
    is_default = serializers.BooleanField()


class NormSerializer(serializers.Serializer[Any]):
    month = serializers.CharField(help_text="jjjj-mm")
    single = _money(help_text="Norm alleenstaande per maand.")
    couple = _money(help_text="Norm gehuwden per maand.")
    since = serializers.DateField(allow_null=True)
    source = serializers.CharField()  # type: ignore[assignment]
    assumed = serializers.BooleanField(help_text="Doorgetrokken na een verwachte wijziging.")


class BusinessCaseSerializer(serializers.Serializer[Any]):
    programme = serializers.IntegerField()
    programme_slug = serializers.CharField()
    programme_name = serializers.CharField()
    as_of = serializers.DateField()
    until = serializers.DateField(help_text="De eerste maand die niet meetelt.")
    threshold = serializers.IntegerField()
    enough_participants = serializers.BooleanField(
        help_text="Minstens de drempel aan deelnemers: anders geen bedragen per deelnemer."
    )
    placements = serializers.IntegerField()
    line_labels = LineLabelSerializer(many=True)
    years = YearLineSerializer(many=True)
    total = YearLineSerializer()
    net_cost_per_participant_year = _money(allow_null=True)
    net_cost_gross_effect_per_participant_year = _money(allow_null=True)
    net_cost_per_placement = _money(allow_null=True)
    payback_years = serializers.DecimalField(
        max_digits=6, decimal_places=1, allow_null=True, help_text="null: niet terugverdiend."
    )
    lks_is_programme_income = serializers.BooleanField()
    steps = StepSerializer(many=True, help_text="Van bruto naar netto kosten.")
    sensitivity = SensitivitySerializer(many=True)
    assumptions = AssumptionValueSerializer(many=True)
    guidance_rate = _money(allow_null=True, help_text="Intern uurtarief begeleiding.")
    guidance_rate_source = serializers.CharField()
    norms = NormSerializer(many=True)
    missing_norm_months = serializers.ListField(child=serializers.CharField())


# -- exits and follow-ups ---------------------------------------------------------------


class ExitSerializer(PseudonymousParticipantMixin, serializers.ModelSerializer[Exit]):
    class Meta:
        model = Exit
        fields = [
            "id",
            "participant",
            "programme",
            "placement",
            "kind",
            "exit_date",
            "reason",
            "track",
            "spell",
            "spell_start",
            "employer",
            "hours_per_week",
            "contract_type",
            "wage_band",
            "note",
            "created_at",
        ]
        read_only_fields = fields


class FollowUpSerializer(PseudonymousParticipantMixin, serializers.ModelSerializer[FollowUp]):
    participant = serializers.IntegerField(source="exit.participant_id", read_only=True)
    programme = serializers.IntegerField(source="exit.programme_id", read_only=True)
    exit_date = serializers.DateField(source="exit.exit_date", read_only=True)
    overdue = serializers.SerializerMethodField(help_text="Open en te laat.")

    class Meta:
        model = FollowUp
        fields = [
            "id",
            "exit",
            "participant",
            "programme",
            "exit_date",
            "months",
            "due_date",
            "status",
            "overdue",
            "measured_on",
            "works",
            "hours_per_week",
            "same_employer",
            "assistance",
            "assistance_amount",
            "note",
            "updated_at",
        ]
        read_only_fields = fields

    def get_overdue(self, obj: FollowUp) -> bool:
        return is_overdue(obj, self.context["today"])


class WorklistQuerySerializer(QuerySerializer):
    state = serializers.ChoiceField(
        choices=[("due", "due"), ("overdue", "overdue"), ("done", "done")],
        required=False,
        help_text="due: te meten, nog niet te laat; overdue: te laat; done: vastgelegd. "
        "Weggelaten: alle open metingen die nu of binnenkort te meten zijn.",
    )


class FollowUpRecordSerializer(serializers.Serializer[Any]):
    measured_on = DateField(help_text="Dag van de meting; niet in de toekomst.")
    reachable = serializers.BooleanField(help_text="false: alleen de dag en een toelichting.")
    works = serializers.BooleanField(required=False, allow_null=True, default=None)
    hours_per_week = DecimalText(
        max_digits=4,
        decimal_places=1,
        required=False,
        allow_null=True,
        default=None,
        help_text="Uren per week (bij werk).",
    )
    same_employer = serializers.BooleanField(required=False, allow_null=True, default=None)
    assistance = serializers.ChoiceField(
        choices=Assistance.choices, required=False, allow_blank=True, default=""
    )
    assistance_amount = DecimalText(
        max_digits=8,
        decimal_places=2,
        min_value=Decimal(0),
        max_value=Decimal(10000),
        required=False,
        allow_null=True,
        default=None,
        help_text="Aanvullende bijstand per maand in euro (alleen bij partial).",
    )
    note = TextField(max_length=1000, required=False, allow_blank=True, default="")


class AssumptionSerializer(serializers.ModelSerializer[Assumption]):
    key = serializers.ChoiceField(choices=AssumptionKey.choices)
    effective_date = DateField(label="geldig vanaf")
    value = DecimalText(
        max_digits=12,
        decimal_places=6,
        help_text="Een aandeel als fractie (0.10 = 10%), een bedrag in euro, of 1/0.",
    )
    source = TextField(max_length=300, help_text="Bron of onderbouwing.")  # type: ignore[assignment]
    note = TextField(max_length=300, required=False, allow_blank=True, default="")

    class Meta:
        model = Assumption
        fields = ["id", "key", "effective_date", "value", "source", "note", "updated_at"]
        read_only_fields = ["updated_at"]
