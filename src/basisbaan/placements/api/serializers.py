from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import ngettext
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from basisbaan.core.api.fields import DateField, ScopedPrimaryKeyRelatedField
from basisbaan.hosts.constants import Track
from basisbaan.hosts.models import Position
from basisbaan.hosts.selectors import position_list
from basisbaan.outcomes.api.fields import REASON_HELP, ExitWorkSerializer
from basisbaan.participants.api.serializers import PseudonymousParticipantMixin
from basisbaan.participants.constants import ExitReason
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import participant_list
from basisbaan.placements.constants import PlacementStatus
from basisbaan.placements.models import Placement
from basisbaan.placements.status import days_before_programme_end


class PlacementSerializer(PseudonymousParticipantMixin, serializers.ModelSerializer[Placement]):
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
    status = serializers.SerializerMethodField(
        help_text="planned (start na vandaag), active of ended, op de dag van de vraag."
    )
    warnings = serializers.SerializerMethodField(
        help_text="Waarschuwingen, zoals een start minder dan een maand voor het einde van het programma."
    )

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
            "status",
            "warnings",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["end_date", "end_reason", "created_at", "updated_at"]

    def _today(self) -> dt.date:
        today = self.context.get("today")
        return today if isinstance(today, dt.date) else timezone.localdate()

    @extend_schema_field(serializers.ChoiceField(choices=PlacementStatus.choices))
    def get_status(self, obj: Placement) -> str:
        return str(obj.status_on(self._today()))

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_warnings(self, obj: Placement) -> list[str]:
        days = days_before_programme_end(obj.start_date, obj.participant.programme.end_date)
        if days is None or obj.end_date is not None:
            return []
        return [
            ngettext(
                "De startdatum ligt %(days)s dag voor het einde van het programma.",
                "De startdatum ligt %(days)s dagen voor het einde van het programma.",
                days,
            )
            % {"days": days}
        ]


class PlacementEndSerializer(ExitWorkSerializer):
    end_date = DateField(help_text="Laatste werkdag.")
    reason = serializers.ChoiceField(choices=ExitReason.choices, help_text=REASON_HELP)
    leaves_programme = serializers.BooleanField(
        default=False,
        help_text=(
            "true: de deelnemer verlaat het programma (uitstroom, met nametingen); "
            "false: terug naar de wachtlijst."
        ),
    )
