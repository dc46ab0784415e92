"""API of regional cooperation: ``/api/v1/regions/`` (the regions the user may see)
and ``/api/v1/regions/{slug}/comparison/`` (the comparison, suppressed).

Not a tenant resource: a regional user has no municipality. Who sees a region is
decided by :func:`~basisbaan.regions.selectors.region_list_visible`, as on the page.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import request_membership
from basisbaan.regions.api.serializers import (
    RegionComparisonSerializer,
    RegionSerializer,
    comparison_data,
)
from basisbaan.regions.models import Region
from basisbaan.regions.selectors import dangerously_region_comparison, region_list_visible


class RegionViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):  # type: ignore[type-arg]
    """De regio's die u mag zien, en per regio de vergelijking van wat gemeenten delen."""

    serializer_class = RegionSerializer
    # A member sees the regions of the municipality in X-Municipality (a regional
    # user needs no header): documented like every tenant operation.
    schema = TenantAutoSchema()
    permission_classes = [IsAuthenticated]
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    pagination_class = None
    filter_backends: list[Any] = []

    def get_queryset(self) -> QuerySet[Region]:
        user = self.request.user
        return region_list_visible(
            user=user,  # type: ignore[arg-type]
            membership=request_membership(self.request),
        )

    @extend_schema(responses=RegionComparisonSerializer)
    @action(detail=True, methods=["get"])
    def comparison(self, request: Request, slug: str | None = None) -> Response:
        region = self.get_queryset().filter(slug=slug).first()
        if region is None:
            raise NotFound(_("Deze regio bestaat niet of u heeft er geen toegang toe."))
        data = dangerously_region_comparison(region=region, today=timezone.localdate())
        return Response(RegionComparisonSerializer(comparison_data(data)).data)
