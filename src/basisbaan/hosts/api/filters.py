from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from basisbaan.core.api.filters import TenantFilterSet
from basisbaan.core.api.viewsets import request_membership
from basisbaan.hosts.constants import HostKind, Track
from basisbaan.hosts.models import Host, HostContact, Position
from basisbaan.hosts.selectors import host_list


def _hosts(request: Any) -> QuerySet[Host]:
    membership = request_membership(request) if request is not None else None
    if membership is None:
        return Host.objects.none()
    return host_list(municipality=membership.municipality)


class HostFilter(TenantFilterSet):
    kind = django_filters.ChoiceFilter(choices=HostKind.choices)
    search = django_filters.CharFilter(
        method="filter_search", max_length=100, help_text="Deel van de naam."
    )
    active = django_filters.BooleanFilter()

    class Meta:
        model = Host
        fields = ["kind", "search", "active"]

    def filter_search(self, queryset: QuerySet[Host], name: str, value: str) -> QuerySet[Host]:
        # The selector's semantics: part of the name, case-insensitive.
        value = value.strip()
        return queryset.filter(name__icontains=value) if value else queryset


class HostContactFilter(TenantFilterSet):
    host = django_filters.ModelChoiceFilter(queryset=_hosts)

    class Meta:
        model = HostContact
        fields = ["host"]


class PositionFilter(TenantFilterSet):
    host = django_filters.ModelChoiceFilter(queryset=_hosts)
    track = django_filters.ChoiceFilter(choices=Track.choices)
    is_open = django_filters.BooleanFilter()

    class Meta:
        model = Position
        fields = ["host", "track", "is_open"]
