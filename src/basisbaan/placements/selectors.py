"""Reads of placements, always within one municipality."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet

from basisbaan.placements.constants import PlacementStatus
from basisbaan.placements.models import Placement
from basisbaan.tenancy.models import Municipality


def placement_list(
    *,
    municipality: Municipality,
    participant_id: int | None = None,
    position_id: int | None = None,
    active: bool | None = None,
    track: str = "",
    status: str = "",
    today: dt.date | None = None,
) -> QuerySet[Placement]:
    """Placements of ``municipality``. ``active``: not ended (planned ones included);
    ``status``: planned, running or ended on ``today`` (which it then needs)."""
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
    if status:
        if today is None:
            raise ValueError("A placement status needs the day it holds on.")
        qs = filter_status(qs, status, today=today)
    return qs


def filter_status(qs: QuerySet[Placement], status: str, *, today: dt.date) -> QuerySet[Placement]:
    """The rows of ``qs`` with ``status`` on ``today`` (as :meth:`Placement.status_on`)."""
    if status == PlacementStatus.ENDED:
        return qs.filter(end_date__isnull=False)
    if status == PlacementStatus.PLANNED:
        return qs.filter(end_date__isnull=True, start_date__gt=today)
    if status == PlacementStatus.ACTIVE:
        return qs.filter(end_date__isnull=True, start_date__lte=today)
    return qs
