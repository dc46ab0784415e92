"""API of the wage-cost advantages (LKV) recorded per participant: list, read,
record, correct and remove, each through :mod:`basisbaan.contracts.lkv`."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.contracts.api.filters import _participants
from basisbaan.contracts.constants import LKV_FIELDS, LkvKind
from basisbaan.contracts.lkv import lkv_list, lkv_record, lkv_remove, lkv_update
from basisbaan.contracts.models import LkvEntitlement
from basisbaan.core.api.fields import DateField, ScopedPrimaryKeyRelatedField, request_actor
from basisbaan.core.api.filters import TenantFilterSet
from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.participants.api.serializers import PseudonymousParticipantMixin
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import participant_list
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm


class LkvEntitlementSerializer(
    PseudonymousParticipantMixin, serializers.ModelSerializer[LkvEntitlement]
):
    class Meta:
        model = LkvEntitlement
        fields = ["id", "participant", *LKV_FIELDS]
        read_only_fields = fields


class LkvUpdateSerializer(serializers.Serializer[None]):
    kind = serializers.ChoiceField(choices=LkvKind.choices)
    start_date = DateField()
    end_date = DateField(allow_null=True, help_text="Leeg: tot het einde of de maximale duur.")
    employment_start = DateField(allow_null=True, help_text="Datum van indiensttreding.")
    declaration_reference = serializers.CharField(
        max_length=60,
        allow_blank=True,
        help_text="Kenmerk van de doelgroepverklaring; bij de banenafspraak de registratie.",
    )
    declaration_date = DateField(allow_null=True)
    note = serializers.CharField(allow_blank=True, max_length=4000)


class LkvCreateSerializer(LkvUpdateSerializer):
    participant = ScopedPrimaryKeyRelatedField(
        selector=participant_list, queryset=Participant.objects.none()
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("end_date", "employment_start", "declaration_date"):
            self.fields[name].required = False
            self.fields[name].default = None
        for name in ("declaration_reference", "note"):
            self.fields[name].required = False
            self.fields[name].default = ""


class LkvFilter(TenantFilterSet):
    participant = django_filters.ModelChoiceFilter(queryset=_participants)

    class Meta:
        model = LkvEntitlement
        fields = ["participant", "kind"]


@extend_schema_view(
    list=extend_schema(summary="Loonkostenvoordelen"),
    retrieve=extend_schema(summary="Eén loonkostenvoordeel"),
    destroy=extend_schema(summary="Loonkostenvoordeel verwijderen"),
)
class LkvEntitlementViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    TenantViewSet,
):
    """Loonkostenvoordelen (Wet tegemoetkomingen loondomein) die de werkgever voor een
    deelnemer kan krijgen, met de doelgroepverklaring."""

    queryset = LkvEntitlement.objects.none()
    serializer_class = LkvEntitlementSerializer
    filterset_class = LkvFilter
    ordering_fields = ["id", "start_date"]
    ordering = ["-start_date", "-id"]
    schema = TenantAutoSchema()
    view_permission = Perm.CONTRACT_VIEW
    manage_permission = Perm.CONTRACT_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[LkvEntitlement]:
        return lkv_list(municipality=municipality)

    @extend_schema(
        summary="Loonkostenvoordeel vastleggen",
        description=(
            "Elke soort behalve de doelgroep banenafspraak vraagt een doelgroepverklaring "
            "(kenmerk en datum); een deelnemer heeft één loonkostenvoordeel tegelijk."
        ),
        request=LkvCreateSerializer,
        responses={201: LkvEntitlementSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = LkvCreateSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        entitlement = lkv_record(
            municipality=self.municipality, actor=request_actor(request), **payload.validated_data
        )
        return Response(
            LkvEntitlementSerializer(entitlement, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )

    @extend_schema(
        summary="Loonkostenvoordeel corrigeren",
        request=LkvUpdateSerializer,
        responses={200: LkvEntitlementSerializer},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        entitlement = self.get_object()
        payload = LkvUpdateSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        entitlement = lkv_update(
            entitlement=entitlement, actor=request_actor(request), data=dict(payload.validated_data)
        )
        return Response(
            LkvEntitlementSerializer(entitlement, context=self.get_serializer_context()).data
        )

    def perform_destroy(self, instance: LkvEntitlement) -> None:
        lkv_remove(entitlement=instance, actor=request_actor(self.request))
