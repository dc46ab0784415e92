from __future__ import annotations

from rest_framework import serializers

from basisbaan.core.api.fields import DateField
from basisbaan.programmes.constants import PROGRAMME_FIELDS
from basisbaan.programmes.models import Programme


class ProgrammeSerializer(serializers.ModelSerializer[Programme]):
    start_date = DateField(label="startdatum")
    end_date = DateField(label="einddatum")

    class Meta:
        model = Programme
        fields = [
            "id",
            *PROGRAMME_FIELDS,
            "intake_open",
            "intake_closed_reason",
            "intake_changed_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = [
            "intake_open",
            "intake_closed_reason",
            "intake_changed_at",
            "created_at",
            "updated_at",
        ]


class ProgrammeIntakeSerializer(serializers.Serializer[None]):
    open = serializers.BooleanField(help_text="Instroom openen (true) of sluiten (false).")
    reason = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=2000,
        help_text="Reden van de instroomstop; verplicht bij sluiten.",
    )
