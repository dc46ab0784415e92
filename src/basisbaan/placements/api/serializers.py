from __future__ import annotations

from rest_framework import serializers

from basisbaan.core.api.fields import DateField, ScopedPrimaryKeyRelatedField
from basisbaan.hosts.constants import Track
from basisbaan.hosts.models import Position
from basisbaan.hosts.selectors import position_list
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import participant_list
from basisbaan.placements.models import Placement


class PlacementSerializer(serializers.ModelSerializer[Placement]):
    participant = ScopedPrimaryKeyRelatedField(
        selector=participant_list, queryset=Participant.objects.none(), label="deelnemer"
    )
    position = ScopedPrimaryKeyRelatedField(
        selector=position_list, queryset=Position.objects.none(), label="werkplek"
    )
    position_title = serializers.CharField(source="position.title", read_only=True)
    host = serializers.IntegerField(source="position.host_id", read_only=True)
    host_name = serializers.CharField(source="position.host.name", read_only=True)
    track = serializers.ChoiceField(
        choices=Track.choices,
        required=False,
        allow_blank=True,
        help_text="Leeg: het spoor van de werkplek.",
    )
    start_date = DateField(label="startdatum")

    class Meta:
        model = Placement
        fields = [
            "id",
            "participant",
            "position",
            "position_title",
            "host",
            "host_name",
            "track",
            "start_date",
            "end_date",
            "end_reason",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["end_date", "end_reason", "created_at", "updated_at"]


class PlacementEndSerializer(serializers.Serializer[None]):
    end_date = DateField(help_text="Laatste werkdag.")
    reason = serializers.CharField(max_length=200, help_text="Reden waarom de plaatsing stopt.")
