"""API of programmes: ``/api/v1/programmes/``."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.core.api.fields import request_actor
from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.programmes.api.filters import ProgrammeFilter
from basisbaan.programmes.api.serializers import ProgrammeIntakeSerializer, ProgrammeSerializer
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list
from basisbaan.programmes.services import (
    programme_create,
    programme_set_intake,
    programme_update,
)
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm


@extend_schema_view(
    list=extend_schema(summary="Programma's van de gemeente"),
    retrieve=extend_schema(summary="Eén programma"),
    create=extend_schema(summary="Programma aanmaken"),
    update=extend_schema(summary="Programma wijzigen"),
    partial_update=extend_schema(summary="Programma deels wijzigen"),
)
class ProgrammeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    TenantViewSet,
):
    """Basisbaanprogramma's (pilot of structureel) met hun looptijd en instroom."""

    audit_reads = False
    audit_reads_reason = "Programmes: settings of the municipality, no personal data."

    queryset = Programme.objects.none()
    serializer_class = ProgrammeSerializer
    filterset_class = ProgrammeFilter
    ordering_fields = ["start_date", "end_date", "name", "id"]
    schema = TenantAutoSchema()
    view_permission = Perm.PROGRAMME_VIEW
    manage_permission = Perm.PROGRAMME_MANAGE
    action_permissions = {"intake": Perm.PROGRAMME_INTAKE}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Programme]:
        return programme_list(municipality=municipality)

    def perform_create(self, serializer: serializers.BaseSerializer[Programme]) -> None:
        data: dict[str, Any] = dict(serializer.validated_data)
        months = data.pop("contract_period_months", None)
        with transaction.atomic():
            programme = programme_create(
                municipality=self.municipality, actor=request_actor(self.request), **data
            )
            if months is not None and months != programme.contract_period_months:
                # programme_create takes no period length; set it in the same transaction.
                programme = programme_update(
                    programme=programme,
                    actor=request_actor(self.request),
                    data={"contract_period_months": months},
                )
        serializer.instance = programme

    def perform_update(self, serializer: serializers.BaseSerializer[Programme]) -> None:
        assert serializer.instance is not None
        serializer.instance = programme_update(
            programme=serializer.instance,
            actor=request_actor(self.request),
            data=dict(serializer.validated_data),
        )

    @extend_schema(
        summary="Instroom openen of sluiten",
        description=(
            "Opent of sluit de instroom van het programma. Sluiten vraagt een reden; "
            "zolang de instroom dicht is, start er geen nieuwe plaatsing."
        ),
        request=ProgrammeIntakeSerializer,
        responses=ProgrammeSerializer,
    )
    @action(detail=True, methods=["post"])
    def intake(self, request: Request, pk: str | None = None) -> Response:
        programme = self.get_object()
        payload = ProgrammeIntakeSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        programme = programme_set_intake(
            programme=programme,
            actor=request_actor(request),
            open=payload.validated_data["open"],
            reason=payload.validated_data["reason"],
        )
        return Response(ProgrammeSerializer(programme, context=self.get_serializer_context()).data)
