"""Reads of hosts and positions, always within one municipality."""

from __future__ import annotations

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from basisbaan.hosts.models import Host, HostContact, Position
from basisbaan.tenancy.models import Municipality


def host_list(*, municipality: Municipality, search: str = "", kind: str = "") -> QuerySet[Host]:
    # The count per host as a subquery, not a join with GROUP BY: grouped rows come
    # out in no index's order, so every page sorted the municipality's hosts; now
    # the page reads (municipality, name) in order (issue 19).
    positions = (
        Position.objects.filter(host=OuterRef("pk"))
        .order_by()
        .values("host")
        .annotate(count=Count("pk"))
        .values("count")
    )
    qs = (
        Host.objects.filter(municipality=municipality)
        .annotate(position_count=Coalesce(Subquery(positions, output_field=IntegerField()), 0))
        .order_by("name", "id")
    )
    if search.strip():
        qs = qs.filter(name__icontains=search.strip())
    if kind:
        qs = qs.filter(kind=kind)
    return qs


def host_contact_list(
    *, municipality: Municipality, host_id: int | None = None
) -> QuerySet[HostContact]:
    qs = HostContact.objects.filter(municipality=municipality).select_related("host")
    if host_id is not None:
        qs = qs.filter(host_id=host_id)
    return qs


def position_list(
    *,
    municipality: Municipality,
    host_id: int | None = None,
    track: str = "",
    is_open: bool | None = None,
) -> QuerySet[Position]:
    qs = (
        Position.objects.filter(municipality=municipality)
        .select_related("host")
        .annotate(
            active_placements=Count(
                "placements", filter=Q(placements__end_date__isnull=True), distinct=True
            )
        )
        .order_by("host__name", "title", "id")
    )
    if host_id is not None:
        qs = qs.filter(host_id=host_id)
    if track:
        qs = qs.filter(track=track)
    if is_open is not None:
        qs = qs.filter(is_open=is_open)
    return qs
