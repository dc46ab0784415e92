"""Reads of placements, always within one municipality."""

from __future__ import annotations

from django.db.models import QuerySet

from basisbaan.placements.models import Placement
from basisbaan.tenancy.models import Municipality


def placement_list(
    *,
    municipality: Municipality,
    participant_id: int | None = None,
    position_id: int | None = None,
    active: bool | None = None,
    track: str = "",
) -> QuerySet[Placement]:
    qs = Placement.objects.filter(municipality=municipality).select_related(
        "participant", "position", "position__host"
    )
    if participant_id is not None:
        qs = qs.filter(participant_id=participant_id)
    if position_id is not None:
        qs = qs.filter(position_id=position_id)
    if active is not None:
        qs = qs.filter(end_date__isnull=active)
    if track:
        qs = qs.filter(track=track)
    return qs
