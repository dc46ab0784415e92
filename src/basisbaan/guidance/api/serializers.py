"""Serializers of the guidance API: shape only; the rules are in the services."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from rest_framework import serializers

from basisbaan.calc.dates import MAX_HOURS_PER_DAY
from basisbaan.core.api.fields import DateField, ScopedPrimaryKeyRelatedField
from basisbaan.core.imports import max_upload_text
from basisbaan.guidance.constants import HOURS_MAX_UPLOAD_BYTES, SESSION_RECORD_FIELDS, STAFF_ROLES
from basisbaan.guidance.models import FeedbackAction, FeedbackSession, HoursEntry, Signal
from basisbaan.hosts.models import HostContact
from basisbaan.hosts.selectors import host_contact_list
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import participant_list
from basisbaan.placements.models import Placement
from basisbaan.placements.selectors import placement_list
from basisbaan.tenancy.models import Municipality, User
from basisbaan.tenancy.selectors import staff_list


def guidance_staff(*, municipality: Municipality) -> QuerySet[User]:
    return staff_list(municipality=municipality, roles=STAFF_ROLES)


def municipality_sessions(*, municipality: Municipality) -> QuerySet[FeedbackSession]:
    return FeedbackSession.objects.filter(municipality=municipality)


def _staff_field(label: str, **kwargs: Any) -> ScopedPrimaryKeyRelatedField:
    return ScopedPrimaryKeyRelatedField(
        selector=guidance_staff, queryset=User.objects.none(), label=label, **kwargs
    )


class HoursEntrySerializer(serializers.ModelSerializer[HoursEntry]):
    participant = ScopedPrimaryKeyRelatedField(
        selector=participant_list, queryset=Participant.objects.none(), label="deelnemer"
    )
    staff = _staff_field(
        "medewerker", required=False, help_text="Leeg: de ingelogde gebruiker zelf."
    )
    date = DateField(label="datum")
    hours = serializers.DecimalField(
        max_digits=4,
        decimal_places=2,
        min_value=Decimal("0.25"),
        max_value=MAX_HOURS_PER_DAY,
        help_text='Uren in kwartieren, als tekst: "1.50".',
    )

    class Meta:
        model = HoursEntry
        fields = [
            "id",
            "participant",
            "staff",
            "date",
            "activity",
            "hours",
            "note",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
        # One entry per cell is the service's rule (with a Dutch message), not DRF's.
        validators: list[Any] = []


class HoursEntryUpdateSerializer(HoursEntrySerializer):
    class Meta(HoursEntrySerializer.Meta):
        read_only_fields = ["participant", "staff", "created_at", "updated_at"]


class FeedbackSessionSerializer(serializers.ModelSerializer[FeedbackSession]):
    placement = ScopedPrimaryKeyRelatedField(
        selector=placement_list, queryset=Placement.objects.none(), label="plaatsing"
    )
    participant = serializers.IntegerField(source="placement.participant_id", read_only=True)
    planned_date = DateField(label="geplande datum")
    held_on = DateField(label="gehouden op", read_only=True, allow_null=True)
    host_contact = ScopedPrimaryKeyRelatedField(
        selector=host_contact_list,
        queryset=HostContact.objects.none(),
        label="contactpersoon werkgever",
        allow_null=True,
        required=False,
    )
    jobcoach = _staff_field("jobcoach", allow_null=True, required=False)
    caseworker = _staff_field("consulent", allow_null=True, required=False)

    class Meta:
        model = FeedbackSession
        fields = [
            "id",
            "placement",
            "participant",
            "planned_date",
            "planned_time",
            "location",
            "status",
            *SESSION_RECORD_FIELDS,
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "status",
            "participant_present",
            "score_work",
            "score_wellbeing",
            "score_finances",
            "score_host",
            "notes",
            "created_at",
            "updated_at",
        ]


class SessionRecordSerializer(serializers.Serializer[None]):
    held_on = DateField(label="gehouden op")
    participant_present = serializers.BooleanField(default=True)
    host_contact = ScopedPrimaryKeyRelatedField(
        selector=host_contact_list,
        queryset=HostContact.objects.none(),
        allow_null=True,
        required=False,
    )
    jobcoach = _staff_field("jobcoach", allow_null=True, required=False)
    caseworker = _staff_field("consulent", allow_null=True, required=False)
    score_work = serializers.IntegerField(min_value=1, max_value=5, allow_null=True, required=False)
    score_wellbeing = serializers.IntegerField(
        min_value=1, max_value=5, allow_null=True, required=False
    )
    score_finances = serializers.IntegerField(
        min_value=1, max_value=5, allow_null=True, required=False
    )
    score_host = serializers.IntegerField(min_value=1, max_value=5, allow_null=True, required=False)
    notes = serializers.CharField(allow_blank=True, required=False, max_length=5000)


class FeedbackActionSerializer(serializers.ModelSerializer[FeedbackAction]):
    session = ScopedPrimaryKeyRelatedField(
        selector=municipality_sessions,
        queryset=FeedbackSession.objects.none(),
        label="feedbacksessie",
    )
    owner = _staff_field("eigenaar")
    due_date = DateField(label="uiterlijk")
    done_on = DateField(label="afgerond op", read_only=True, allow_null=True)

    class Meta:
        model = FeedbackAction
        fields = ["id", "session", "description", "owner", "due_date", "done_on", "created_at"]
        read_only_fields = ["created_at"]


class SignalSerializer(serializers.ModelSerializer[Signal]):
    participant = ScopedPrimaryKeyRelatedField(
        selector=participant_list, queryset=Participant.objects.none(), label="deelnemer"
    )
    raised_on = DateField(label="gemeld op", required=False)
    raised_by_host_contact = ScopedPrimaryKeyRelatedField(
        selector=host_contact_list,
        queryset=HostContact.objects.none(),
        allow_null=True,
        required=False,
        label="gemeld door contactpersoon werkgever",
    )
    owner = _staff_field("eigenaar")
    is_open = serializers.BooleanField(read_only=True)

    class Meta:
        model = Signal
        fields = [
            "id",
            "participant",
            "kind",
            "raised_on",
            "raised_by",
            "raised_by_host_contact",
            "description",
            "owner",
            "follow_up",
            "is_open",
            "closed_at",
            "closed_by",
            "created_at",
        ]
        read_only_fields = ["raised_by", "follow_up", "closed_at", "closed_by", "created_at"]


class SignalUpdateSerializer(serializers.Serializer[None]):
    owner = _staff_field("eigenaar", required=False)
    follow_up = serializers.CharField(allow_blank=True, required=False, max_length=5000)


class SignalCloseSerializer(serializers.Serializer[None]):
    follow_up = serializers.CharField(allow_blank=True, required=False, default="", max_length=5000)


class NormQuerySerializer(serializers.Serializer[None]):
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)


class NormLineSerializer(serializers.Serializer[None]):
    id = serializers.IntegerField(help_text="Id van het programma, de medewerker of de deelnemer.")
    name = serializers.CharField()
    hours = serializers.DecimalField(max_digits=12, decimal_places=2)
    norm_to_date = serializers.DecimalField(max_digits=12, decimal_places=2)
    norm_year = serializers.DecimalField(max_digits=12, decimal_places=2)
    quarters = serializers.ListField(
        child=serializers.DecimalField(max_digits=12, decimal_places=2)
    )
    cost = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)


class NormReportSerializer(serializers.Serializer[None]):
    year = serializers.IntegerField()
    as_of = serializers.DateField()
    programmes = NormLineSerializer(many=True)
    staff = NormLineSerializer(many=True)
    participants = NormLineSerializer(many=True)


class HoursUploadSerializer(serializers.Serializer[None]):
    file = serializers.FileField(
        help_text="Het urenbestand: CSV (puntkomma of komma) met de kolommen bsn, medewerker "
        "(gebruikersnaam), datum, activiteit, uren en eventueel toelichting; hoogstens 20 MB."
    )
    dry_run = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Alleen controleren en tellen; niets opslaan.",
    )

    def validate_file(self, upload: Any) -> Any:
        if upload.size is not None and upload.size > HOURS_MAX_UPLOAD_BYTES:
            raise serializers.ValidationError(max_upload_text(HOURS_MAX_UPLOAD_BYTES))
        return upload
