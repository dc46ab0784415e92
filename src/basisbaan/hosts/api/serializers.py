from __future__ import annotations

from decimal import Decimal

from rest_framework import serializers

from basisbaan.core.api.fields import ScopedPrimaryKeyRelatedField
from basisbaan.hosts.constants import HOST_CONTACT_FIELDS, HOST_FIELDS, POSITION_FIELDS
from basisbaan.hosts.models import Host, HostContact, Position
from basisbaan.hosts.selectors import host_list


class HostSerializer(serializers.ModelSerializer[Host]):
    position_count = serializers.IntegerField(
        read_only=True, help_text="Aantal werkplekken bij deze werkgever."
    )

    class Meta:
        model = Host
        fields = ["id", *HOST_FIELDS, "position_count", "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class HostContactSerializer(serializers.ModelSerializer[HostContact]):
    host = ScopedPrimaryKeyRelatedField(
        selector=host_list, queryset=Host.objects.none(), label="werkgever"
    )

    class Meta:
        model = HostContact
        fields = ["id", "host", *HOST_CONTACT_FIELDS, "created_at", "updated_at"]
        read_only_fields = ["created_at", "updated_at"]


class PositionSerializer(serializers.ModelSerializer[Position]):
    host = ScopedPrimaryKeyRelatedField(
        selector=host_list,
        queryset=Host.objects.none(),
        label="werkgever",
        help_text="Kan na het aanmaken niet meer worden gewijzigd.",
    )
    host_name = serializers.CharField(source="host.name", read_only=True)
    hours_per_week = serializers.DecimalField(
        max_digits=4,
        decimal_places=1,
        min_value=Decimal("1"),
        max_value=Decimal("40"),
        label="uren per week",
    )
    places = serializers.IntegerField(min_value=1, max_value=999, required=False, default=1)
    active_placements = serializers.IntegerField(
        read_only=True, help_text="Aantal lopende plaatsingen op deze werkplek."
    )

    class Meta:
        model = Position
        fields = [
            "id",
            "host",
            "host_name",
            *POSITION_FIELDS,
            "active_placements",
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["created_at", "updated_at"]
