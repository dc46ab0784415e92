"""API of contracts and their periods: ``/api/v1/contracts/``."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.contracts.api.filters import ContractFilter
from basisbaan.contracts.api.serializers import (
    ContractCreateSerializer,
    ContractPeriodSerializer,
    ContractRenewSerializer,
    ContractSerializer,
)
from basisbaan.contracts.models import Contract
from basisbaan.contracts.selectors import contract_list
from basisbaan.contracts.services import contract_create, contract_period_add
from basisbaan.core.api.fields import request_actor
from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm


@extend_schema_view(
    list=extend_schema(summary="Arbeidsovereenkomsten"),
    retrieve=extend_schema(summary="Eén arbeidsovereenkomst met haar periodes"),
)
class ContractViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    TenantViewSet,
):
    """Arbeidsovereenkomsten van deelnemers, opgebouwd uit periodes (verlengingen)."""

    queryset = Contract.objects.none()
    serializer_class = ContractSerializer
    filterset_class = ContractFilter
    ordering_fields = ["id", "first_start", "last_end"]
    ordering = ["-id"]
    schema = TenantAutoSchema()
    view_permission = Perm.CONTRACT_VIEW
    manage_permission = Perm.CONTRACT_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Contract]:
        return contract_list(municipality=municipality)

    def _output(self, contract: Contract) -> dict[str, Any]:
        # Read back through the selector: periods and their dates included.
        fresh = self.get_queryset().get(pk=contract.pk)
        return self.get_serializer(fresh).data  # type: ignore[no-any-return]

    @extend_schema(
        summary="Arbeidsovereenkomst aanmaken",
        description=(
            "Maakt een contract met zijn eerste periode. Zonder einddatum duurt de "
            "periode de standaardduur van het programma van de deelnemer."
        ),
        request=ContractCreateSerializer,
        responses={201: ContractSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = ContractCreateSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        contract = contract_create(
            municipality=self.municipality,
            actor=request_actor(request),
            **payload.validated_data,
        )
        return Response(self._output(contract), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Contract verlengen",
        description="Voegt een periode toe na de laatste periode van het contract.",
        request=ContractRenewSerializer,
        responses={201: ContractPeriodSerializer},
    )
    @action(detail=True, methods=["post"])
    def renew(self, request: Request, pk: str | None = None) -> Response:
        contract = self.get_object()
        payload = ContractRenewSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        period = contract_period_add(
            contract=contract,
            actor=request_actor(request),
            **payload.validated_data,
        )
        return Response(ContractPeriodSerializer(period).data, status=status.HTTP_201_CREATED)
