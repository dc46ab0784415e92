"""API of placements: ``/api/v1/placements/``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.core.api.fields import request_actor
from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.outcomes.services import exit_record
from basisbaan.placements.api.filters import PlacementFilter
from basisbaan.placements.api.serializers import PlacementEndSerializer, PlacementSerializer
from basisbaan.placements.models import Placement
from basisbaan.placements.selectors import placement_list
from basisbaan.placements.services import placement_create
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm


@extend_schema_view(
    list=extend_schema(summary="Plaatsingen"),
    retrieve=extend_schema(summary="Eén plaatsing"),
    create=extend_schema(
        summary="Deelnemer plaatsen",
        description=(
            "Plaatst een deelnemer van de wachtlijst op een open werkplek. Geweigerd "
            "als de instroom van het programma dicht is of de werkplek vol."
        ),
    ),
)
class PlacementViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    TenantViewSet,
):
    """Plaatsingen van deelnemers op werkplekken, in een van de twee sporen."""

    queryset = Placement.objects.none()
    serializer_class = PlacementSerializer
    filterset_class = PlacementFilter
    ordering_fields = ["start_date", "end_date", "id"]
    schema = TenantAutoSchema()
    view_permission = Perm.PLACEMENT_VIEW
    manage_permission = Perm.PLACEMENT_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Placement]:
        return placement_list(municipality=municipality).select_related("participant__programme")

    def get_serializer_context(self) -> dict[str, Any]:
        # One day for the whole answer: the status of every placement holds on it.
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def perform_create(self, serializer: serializers.BaseSerializer[Placement]) -> None:
        placement = placement_create(
            municipality=self.municipality,
            actor=request_actor(self.request),
            **serializer.validated_data,
        )
        serializer.instance = self.get_queryset().get(pk=placement.pk)

    @extend_schema(
        summary="Plaatsing beëindigen",
        description=(
            "Beëindigt de plaatsing met een reden uit de vaste lijst en legt de uitstroom vast. "
            "De deelnemer gaat terug naar de wachtlijst, of verlaat het programma "
            "(leaves_programme). Bij werk: werkgever, uren, soort contract en loon."
        ),
        request=PlacementEndSerializer,
        responses=PlacementSerializer,
    )
    @action(detail=True, methods=["post"])
    def end(self, request: Request, pk: str | None = None) -> Response:
        placement = self.get_object()
        payload = PlacementEndSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        exit_record(
            municipality=self.municipality,
            actor=request_actor(request),
            participant=placement.participant,
            placement=placement,
            exit_date=payload.validated_data["end_date"],
            reason=payload.validated_data["reason"],
            leaves_programme=payload.validated_data["leaves_programme"],
            **payload.work_data(),
        )
        placement = self.get_queryset().get(pk=placement.pk)
        return Response(self.get_serializer(placement).data)
