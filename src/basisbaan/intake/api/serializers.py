from __future__ import annotations

from decimal import Decimal
from typing import Any

from rest_framework import serializers

from basisbaan.core.api.fields import DateField, ScopedPrimaryKeyRelatedField
from basisbaan.hosts.constants import Track
from basisbaan.hosts.models import Position
from basisbaan.hosts.selectors import position_list
from basisbaan.intake.constants import (
    CRITERIA_FIELDS,
    POSITION_PROFILE_FIELDS,
    PROFILE_FIELDS,
    REFERRAL_FIELDS,
)
from basisbaan.intake.models import (
    EligibilityCriteria,
    IntakeConversation,
    IntakeDecision,
    MatchProposal,
    ParticipantProfile,
    PositionProfile,
    Referral,
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
from basisbaan.participants.api.serializers import ParticipantSerializer, staff_list
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import participant_list
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import User

HOURS = {
    "max_digits": 4,
    "decimal_places": 1,
    "min_value": Decimal("0"),
    "max_value": Decimal("40"),
    "allow_null": True,
    "required": False,
}


class CodeListField(serializers.MultipleChoiceField):
    """A list of vocabulary codes, stored sorted."""

    def to_internal_value(self, data: Any) -> list[str]:  # type: ignore[override]
        return sorted(super().to_internal_value(data))

    def to_representation(self, value: Any) -> list[str]:  # type: ignore[override]
        return sorted(value or [])


def _codes(choices: Any, label: str) -> CodeListField:
    return CodeListField(choices=choices.choices, required=False, label=label)


def _participant() -> ScopedPrimaryKeyRelatedField:
    return ScopedPrimaryKeyRelatedField(
        selector=participant_list, queryset=Participant.objects.none(), label="deelnemer"
    )


def _position() -> ScopedPrimaryKeyRelatedField:
    return ScopedPrimaryKeyRelatedField(
        selector=position_list, queryset=Position.objects.none(), label="werkplek"
    )


class CriteriaSerializer(serializers.ModelSerializer[EligibilityCriteria]):
    programme = ScopedPrimaryKeyRelatedField(
        selector=programme_list, queryset=Programme.objects.none(), label="programma"
    )
    min_months_on_assistance = serializers.IntegerField(
        min_value=0, max_value=600, allow_null=True, required=False
    )
    min_age = serializers.IntegerField(min_value=0, max_value=120, allow_null=True, required=False)
    max_age = serializers.IntegerField(min_value=0, max_value=120, allow_null=True, required=False)
    transition_min_hours = serializers.DecimalField(**HOURS)  # type: ignore[arg-type]
    social_value_min_hours = serializers.DecimalField(**HOURS)  # type: ignore[arg-type]

    class Meta:
        model = EligibilityCriteria
        fields = ["id", "programme", *CRITERIA_FIELDS, "updated_at"]
        read_only_fields = ["updated_at"]


class ReferralSerializer(serializers.ModelSerializer[Referral]):
    referred_by: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )
    referred_on = DateField(label="aangemeld op")

    class Meta:
        model = Referral
        fields = ["id", "participant", *REFERRAL_FIELDS, "referred_by", "created_at"]
        read_only_fields = ["participant", "referred_by", "created_at"]


class ReferralCreateSerializer(ParticipantSerializer):
    """A referral: the person's data (as for a participant) and how they were referred."""

    source = serializers.ChoiceField(choices=ReferralSource.choices)  # type: ignore[assignment]
    referred_on = DateField(required=False, help_text="Leeg: vandaag.")
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.NORMAL)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)

    class Meta(ParticipantSerializer.Meta):
        fields = [*ParticipantSerializer.Meta.fields, "source", "referred_on", "priority", "reason"]


class ConversationSerializer(serializers.ModelSerializer[IntakeConversation]):
    participant = _participant()
    held_on = DateField(label="datum gesprek")
    held_by: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )
    summary = serializers.CharField(max_length=10000)
    contact_person = ScopedPrimaryKeyRelatedField(
        selector=staff_list,
        queryset=User.objects.none(),
        required=False,
        allow_null=True,
        write_only=True,
        help_text=(
            "Vast aanspreekpunt als de deelnemer er nog geen heeft; leeg: wie het gesprek "
            "vastlegt, als die consulent, jobcoach of programmamanager is."
        ),
    )

    class Meta:
        model = IntakeConversation
        fields = [
            "id",
            "participant",
            "held_on",
            "held_by",
            "summary",
            "contact_person",
            "created_at",
        ]
        read_only_fields = ["created_at"]


class DecisionSerializer(serializers.ModelSerializer[IntakeDecision]):
    participant = _participant()
    decision = serializers.ChoiceField(choices=Decision.choices)
    tracks = _codes(Track, "sporen")
    reasoning = serializers.CharField(max_length=10000)
    decided_by: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = IntakeDecision
        fields = [
            "id",
            "participant",
            "decision",
            "reasoning",
            "tracks",
            "eligibility",
            "decided_on",
            "decided_by",
        ]
        read_only_fields = ["eligibility", "decided_on"]


class ProfileSerializer(serializers.ModelSerializer[ParticipantProfile]):
    participant = _participant()
    competences = _codes(Competence, "competenties")
    interests = _codes(Sector, "interesses (sectoren)")
    preferred_work = _codes(WorkType, "voorkeur soort werk")
    preferred_sectors = _codes(Sector, "voorkeur sectoren")
    constraints = _codes(ConstraintCategory, "beperkingen voor werk (categorieën)")
    tracks = _codes(Track, "passende sporen")
    hours_available = serializers.DecimalField(**HOURS)  # type: ignore[arg-type]
    travel_range_km = serializers.IntegerField(
        min_value=0, max_value=200, allow_null=True, required=False
    )
    work_experience = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    motivation_notes = serializers.CharField(max_length=5000, required=False, allow_blank=True)

    class Meta:
        model = ParticipantProfile
        fields = ["id", "participant", *PROFILE_FIELDS, "updated_at"]
        read_only_fields = ["updated_at"]


class PositionProfileSerializer(serializers.ModelSerializer[PositionProfile]):
    position = _position()
    required_competences = _codes(Competence, "gevraagde competenties")
    work_types = _codes(WorkType, "soort werk")
    accommodates = _codes(ConstraintCategory, "kan rekening houden met")
    displacement_note = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    displacement_confirmed_by: serializers.PrimaryKeyRelatedField[Any] = (
        serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)
    )

    class Meta:
        model = PositionProfile
        fields = [
            "id",
            "position",
            *POSITION_PROFILE_FIELDS,
            "displacement_confirmed_by",
            "displacement_confirmed_at",
            "updated_at",
        ]
        read_only_fields = ["displacement_confirmed_at", "updated_at"]


class ProposalSerializer(serializers.ModelSerializer[MatchProposal]):
    participant = _participant()
    position = _position()
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True)
    proposed_by: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )
    placement: serializers.PrimaryKeyRelatedField[Any] = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True
    )

    class Meta:
        model = MatchProposal
        fields = [
            "id",
            "participant",
            "position",
            "score",
            "explanation",
            "status",
            "waiting_reason",
            "note",
            "proposed_by",
            "placement",
            "created_at",
        ]
        read_only_fields = ["score", "explanation", "status", "waiting_reason", "created_at"]


class ProposalPlaceSerializer(serializers.Serializer[None]):
    start_date = DateField(help_text="Eerste werkdag.")


class ProposalWithdrawSerializer(serializers.Serializer[None]):
    note = serializers.CharField(max_length=500, help_text="Reden waarom het voorstel vervalt.")


class MatchLineSerializer(serializers.Serializer[None]):
    criterion = serializers.CharField()
    status = serializers.CharField()
    hard = serializers.BooleanField()
    points = serializers.FloatField()
    weight = serializers.IntegerField()
    text = serializers.CharField()


class MatchSerializer(serializers.Serializer[None]):
    participant = serializers.IntegerField()
    position = serializers.IntegerField()
    score = serializers.IntegerField(help_text="0 tot en met 100.")
    eligible = serializers.BooleanField(help_text="Voldoet aan de harde eisen.")
    lines = MatchLineSerializer(many=True)


class EligibilityRowSerializer(serializers.Serializer[None]):
    key = serializers.CharField()
    track = serializers.CharField()
    outcome = serializers.ChoiceField(choices=["met", "not_met", "unknown"])
    required = serializers.CharField()  # type: ignore[assignment]
    actual = serializers.CharField(allow_null=True)
    text = serializers.CharField()


class EligibilitySerializer(serializers.Serializer[None]):
    participant = serializers.IntegerField()
    outcome = serializers.ChoiceField(choices=["met", "not_met", "unknown"])
    criteria = EligibilityRowSerializer(many=True)


class LimitSerializer(serializers.Serializer[None]):
    limit = serializers.IntegerField(min_value=1, max_value=200, default=25, required=False)
