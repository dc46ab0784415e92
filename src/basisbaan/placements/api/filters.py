from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone

from basisbaan.core.api.filters import TenantFilterSet
from basisbaan.core.api.viewsets import request_membership
from basisbaan.hosts.constants import Track
from basisbaan.hosts.models import Position
from basisbaan.hosts.selectors import position_list
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import participant_list
from basisbaan.placements.constants import PlacementStatus
from basisbaan.placements.models import Placement
from basisbaan.placements.selectors import filter_status


def _participants(request: Any) -> QuerySet[Participant]:
    membership = request_membership(request) if request is not None else None
    if membership is None:
        return Participant.objects.none()
    return participant_list(municipality=membership.municipality)


def _positions(request: Any) -> QuerySet[Position]:
    membership = request_membership(request) if request is not None else None
    if membership is None:
        return Position.objects.none()
    return position_list(municipality=membership.municipality)


class PlacementFilter(TenantFilterSet):
    participant = django_filters.ModelChoiceFilter(queryset=_participants)
    position = django_filters.ModelChoiceFilter(queryset=_positions)
    track = django_filters.ChoiceFilter(choices=Track.choices)
    active = django_filters.BooleanFilter(
        method="filter_active",
        help_text="true: niet beëindigde plaatsingen (ook geplande); false: beëindigde.",
    )
    status = django_filters.ChoiceFilter(
        choices=PlacementStatus.choices,
        method="filter_status",
        help_text="planned: start na vandaag; active: lopend vandaag; ended: beëindigd.",
    )

    class Meta:
        model = Placement
        fields = ["participant", "position", "track", "active", "status"]

    def filter_status(
        self, queryset: QuerySet[Placement], name: str, value: str
    ) -> QuerySet[Placement]:
        return filter_status(queryset, value, today=timezone.localdate())

    def filter_active(
        self, queryset: QuerySet[Placement], name: str, value: bool
    ) -> QuerySet[Placement]:
        return queryset.filter(end_date__isnull=value)
