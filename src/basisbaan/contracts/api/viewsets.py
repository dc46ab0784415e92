"""API of contracts, their periods and renewal decisions, the decisions worklist
and wage-value measurements.

- ``/api/v1/contracts/`` with ``{id}/renew/``, ``{id}/decisions/`` and
  ``below-minimum-wage/``;
- ``/api/v1/contract-decisions-due/``: the worklist of renewal decisions;
- ``/api/v1/wage-value-measurements/`` with ``due/``: measurements and re-measurements;
- ``/api/v1/contract-wage-lines/``: wage changes within a period (list, add, remove).
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.contracts.api.filters import (
    ContractFilter,
    ContractWageLineFilter,
    WageValueFilter,
)
from basisbaan.contracts.api.serializers import (
    ContractCreateSerializer,
    ContractDetailSerializer,
    ContractPeriodSerializer,
    ContractRenewSerializer,
    ContractSerializer,
    ContractWageLineCreateSerializer,
    ContractWageLineSerializer,
    DueDecisionSerializer,
    EndReasonSerializer,
    NoticeRecordSerializer,
    RemeasurementDueSerializer,
    RenewalDecisionCreateSerializer,
    RenewalDecisionRecordedSerializer,
    RenewalDecisionSerializer,
    WageFlagSerializer,
    WageValueCreateSerializer,
    WageValueMeasurementSerializer,
    WageValueUpdateSerializer,
)
from basisbaan.contracts.constants import DEFAULT_HORIZON_WEEKS
from basisbaan.contracts.models import (
    Contract,
    ContractPeriod,
    ContractWageLine,
    RenewalDecision,
    WageValueMeasurement,
)
from basisbaan.contracts.selectors import (
    contract_list,
    decision_list,
    periods_below_minimum,
    wage_line_list,
    wage_value_list,
)
from basisbaan.contracts.services import (
    contract_create,
    contract_end_reason_set,
    contract_period_add,
    notice_record,
    renewal_decide,
    wage_line_add,
    wage_line_remove,
    wage_value_record,
    wage_value_update,
)
from basisbaan.contracts.severance import late_notice_warning
from basisbaan.contracts.worklist import DueStatus, decisions_due, remeasurements_due
from basisbaan.core.api.fields import request_actor
from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.costs.selectors import minimum_wage_table_of
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

    def get_serializer_class(self) -> type[Any]:
        if self.action in ("retrieve", "end_reason"):
            return ContractDetailSerializer
        return ContractSerializer

    def get_serializer_context(self) -> dict[str, Any]:
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def _output(self, contract: Contract) -> dict[str, Any]:
        # Read back through the selector: periods and their dates included.
        fresh = self.get_queryset().get(pk=contract.pk)
        return self.get_serializer(fresh).data  # type: ignore[no-any-return]

    @extend_schema(
        summary="Arbeidsovereenkomst aanmaken",
        description=(
            "Maakt een contract met zijn eerste periode. Zonder einddatum duurt de "
            "periode de standaardduur van het programma van de deelnemer. Maakt de "
            "ketenregeling het nieuwe contract van rechtswege vast, dan is confirm_permanent "
            "nodig; het contract is dan vast vanaf de dag die de wet zegt."
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
        description=(
            "Voegt een periode toe na de laatste periode van het contract. Maakt de "
            "ketenregeling de verlenging van rechtswege vast, dan is confirm_permanent nodig; "
            "het contract is dan vast vanaf de dag die de wet zegt."
        ),
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

    @extend_schema(
        methods=["GET"],
        summary="Besluiten over verlenging van dit contract",
        responses={200: RenewalDecisionSerializer(many=True)},
    )
    @extend_schema(
        methods=["POST"],
        summary="Besluit over verlenging vastleggen",
        description=(
            "Legt het besluit vast over de laatste periode van het contract (die nog geen "
            "besluit heeft). renew voegt de volgende periode toe (zelfde uren, uurloon ten "
            "minste het minimumloon); maakt de ketenregeling het contract daarmee van "
            "rechtswege vast, dan is confirm_permanent nodig en is het contract vast vanaf de "
            "dag die de wet zegt. permanent maakt het contract vast vanaf de dag na de "
            "periode; not_renew laat het contract eindigen."
        ),
        request=RenewalDecisionCreateSerializer,
        responses={201: RenewalDecisionRecordedSerializer},
    )
    @action(detail=True, methods=["get", "post"], pagination_class=None, filterset_class=None)
    def decisions(self, request: Request, pk: str | None = None) -> Response:
        contract = self.get_object()
        if request.method == "GET":
            decisions = list(decision_list(municipality=self.municipality, contract_id=contract.pk))
            self.audit_read(decisions, many=True)
            return Response(RenewalDecisionSerializer(decisions, many=True).data)
        payload = RenewalDecisionCreateSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        periods = list(contract.periods.all())
        if not periods:
            raise ValidationError(_("Dit contract heeft nog geen periode."))
        decision = renewal_decide(
            period=periods[-1], actor=request_actor(request), **payload.validated_data
        )
        return Response(self._recorded(decision), status=status.HTTP_201_CREATED)

    def _recorded(self, decision: RenewalDecision) -> dict[str, Any]:
        """A decision as stored, with the warning and the compensation of a late notice."""
        fresh = decision_list(municipality=self.municipality).get(pk=decision.pk)
        warning, owed = late_notice_warning(fresh.period, today=timezone.localdate())
        fresh.warning, fresh.late_notice_compensation = warning, owed  # type: ignore[attr-defined]
        data: dict[str, Any] = RenewalDecisionRecordedSerializer(fresh).data
        return data

    @extend_schema(
        summary="Reden einde dienstverband vastleggen",
        description=(
            "Legt vast waarom het dienstverband eindigde (of wist de reden met een lege "
            "waarde); de reden bepaalt of de transitievergoeding verschuldigd is."
        ),
        request=EndReasonSerializer,
        responses={200: ContractDetailSerializer},
    )
    @action(detail=True, methods=["post"], url_path="end-reason")
    def end_reason(self, request: Request, pk: str | None = None) -> Response:
        contract = self.get_object()
        payload = EndReasonSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        contract_end_reason_set(
            contract=contract,
            actor=request_actor(request),
            reason=payload.validated_data["end_reason"],
        )
        return Response(self._output(contract))

    @extend_schema(
        summary="Aanzegging vastleggen",
        description=(
            "Legt de dag vast waarop de werknemer het besluit over een periode schriftelijk "
            "kreeg (de periode heeft een besluit). Na de uiterste aanzegdatum geeft het "
            "antwoord een waarschuwing met de aanzegvergoeding die nu verschuldigd is."
        ),
        request=NoticeRecordSerializer,
        responses={200: RenewalDecisionRecordedSerializer},
    )
    @action(detail=True, methods=["post"])
    def notice(self, request: Request, pk: str | None = None) -> Response:
        contract = self.get_object()
        payload = NoticeRecordSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        period_id = payload.validated_data["period"]
        period = next((p for p in contract.periods.all() if p.pk == period_id), None)
        if period is None:
            raise ValidationError({"period": _("Deze periode hoort niet bij dit contract.")})
        decision = notice_record(
            period=period,
            actor=request_actor(request),
            notice_sent_on=payload.validated_data["notice_sent_on"],
        )
        return Response(self._recorded(decision))

    @extend_schema(
        summary="Periodes onder het minimumloon",
        description=(
            "Lopende en toekomstige periodes (met past=true ook afgelopen) waarvan het uurloon "
            "op een dag onder het wettelijk minimumloon ligt, bijvoorbeeld na een verhoging; "
            "elke loonregel wordt getoetst over de dagen dat hij geldt. assumed: het "
            "minimumloon is een aanname (nog niet gepubliceerd, of na het laatst gepubliceerde "
            "bedrag afgeleid uit de indexatieaanname van de gemeente)."
        ),
        parameters=[OpenApiParameter("past", OpenApiTypes.BOOL, required=False)],
        responses={200: WageFlagSerializer(many=True)},
    )
    @action(
        detail=False,
        methods=["get"],
        url_path="below-minimum-wage",
        pagination_class=None,
        filterset_class=None,
    )
    def below_minimum_wage(self, request: Request) -> Response:
        query = PastQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        past = query.validated_data["past"]
        flags = periods_below_minimum(
            municipality=self.municipality,
            today=timezone.localdate(),
            include_past=past,
            table=minimum_wage_table_of(municipality=self.municipality),
        )
        self.audit_read([flag.period for flag in flags], many=True)
        return Response(
            WageFlagSerializer(flags, many=True, context=self.get_serializer_context()).data
        )


class PastQuerySerializer(serializers.Serializer[None]):
    """``?past=true`` or ``false``, as the schema says (``?past=maybe`` is refused)."""

    past = serializers.BooleanField(required=False, default=False)

    def to_internal_value(self, data: Any) -> Any:
        value = data.get("past")
        if value is not None and value not in {"true", "false"}:
            raise serializers.ValidationError({"past": [_("Gebruik true of false.")]})
        return super().to_internal_value(data)


class WorklistQuerySerializer(serializers.Serializer[None]):
    weeks = serializers.IntegerField(
        min_value=1, max_value=104, required=False, default=DEFAULT_HORIZON_WEEKS
    )
    programme = serializers.IntegerField(min_value=1, max_value=2**63 - 1, required=False)
    # "" is what a form sends for "any status": allowed, and so in the schema's enum.
    status = serializers.ChoiceField(choices=DueStatus.choices, required=False, allow_blank=True)
    chain = serializers.BooleanField(required=False, default=False)


@extend_schema_view(
    list=extend_schema(
        summary="Besluiten over verlenging die nodig zijn",
        description=(
            "Laatste periodes zonder besluit die binnen `weeks` weken (standaard 8) eindigen "
            "of zo kort geleden eindigden, met de uiterste aanzegdatum, de dagen die resten "
            "en wat de ketenregeling van een verlenging maakt. Meest dringend eerst."
        ),
        parameters=[WorklistQuerySerializer],
        responses={200: DueDecisionSerializer(many=True)},
    )
)
class ContractDecisionDueViewSet(TenantViewSet):
    """Werklijst: contractperiodes die een besluit over verlenging nodig hebben."""

    queryset = ContractPeriod.objects.none()
    serializer_class = DueDecisionSerializer
    schema = TenantAutoSchema()
    view_permission = Perm.CONTRACT_VIEW
    pagination_class = None
    filter_backends: list[Any] = []

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[ContractPeriod]:
        return ContractPeriod.objects.filter(municipality=municipality)

    def list(self, request: Request) -> Response:
        query = WorklistQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        options = query.validated_data
        rows = decisions_due(
            municipality=self.municipality,
            today=timezone.localdate(),
            weeks=options["weeks"],
            programme_id=options.get("programme"),
            status=options.get("status", ""),
            chain_only=options["chain"],
        )
        self.audit_read([row.period for row in rows], many=True)
        return Response(
            DueDecisionSerializer(rows, many=True, context=self.get_serializer_context()).data
        )


@extend_schema_view(
    list=extend_schema(summary="Loonwaardemetingen"),
    retrieve=extend_schema(summary="Eén loonwaardemeting"),
)
class WageValueMeasurementViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    TenantViewSet,
):
    """Gemeten loonwaardes van deelnemers (percentage van het minimumloon), de basis
    van de loonkostensubsidie."""

    queryset = WageValueMeasurement.objects.none()
    serializer_class = WageValueMeasurementSerializer
    filterset_class = WageValueFilter
    ordering_fields = ["id", "measured_on", "next_measurement_on"]
    ordering = ["-measured_on", "-id"]
    schema = TenantAutoSchema()
    view_permission = Perm.CONTRACT_VIEW
    manage_permission = Perm.CONTRACT_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[WageValueMeasurement]:
        return wage_value_list(municipality=municipality)

    @extend_schema(
        summary="Loonwaardemeting vastleggen",
        description=(
            "Zonder volgende meetdatum: de meetdatum plus de hermeettermijn van het "
            "programma (standaard 12 maanden)."
        ),
        request=WageValueCreateSerializer,
        responses={201: WageValueMeasurementSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = WageValueCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        payload.is_valid(raise_exception=True)
        measurement = wage_value_record(
            municipality=self.municipality, actor=request_actor(request), **payload.validated_data
        )
        return Response(
            WageValueMeasurementSerializer(measurement).data, status=status.HTTP_201_CREATED
        )

    @extend_schema(
        summary="Loonwaardemeting corrigeren",
        request=WageValueUpdateSerializer,
        responses={200: WageValueMeasurementSerializer},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        measurement = self.get_object()
        payload = WageValueUpdateSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        measurement = wage_value_update(
            measurement=measurement, actor=request_actor(request), data=dict(payload.validated_data)
        )
        return Response(WageValueMeasurementSerializer(measurement).data)

    @extend_schema(
        summary="Loonwaardes die (opnieuw) gemeten moeten worden",
        description=(
            "Deelnemers met een lopend of toekomstig contract met loonkostensubsidie van wie "
            "de laatste meting binnen `weeks` weken (standaard 8) opnieuw moet, of te laat is, "
            "en wie nog nooit is gemeten (status missing)."
        ),
        parameters=[
            OpenApiParameter(
                "weeks",
                {"type": "integer", "minimum": 1, "maximum": 104},
                required=False,
            ),
        ],
        responses={200: RemeasurementDueSerializer(many=True)},
    )
    @action(detail=False, methods=["get"], pagination_class=None, filterset_class=None)
    def due(self, request: Request) -> Response:
        query = WorklistQuerySerializer(data={"weeks": request.query_params.get("weeks", 8)})
        query.is_valid(raise_exception=True)
        rows = remeasurements_due(
            municipality=self.municipality,
            today=timezone.localdate(),
            weeks=query.validated_data["weeks"],
        )
        self.audit_read([row.participant for row in rows], many=True)
        return Response(
            RemeasurementDueSerializer(rows, many=True, context=self.get_serializer_context()).data
        )


@extend_schema_view(
    list=extend_schema(summary="Loonregels binnen contractperiodes"),
    retrieve=extend_schema(summary="Eén loonregel"),
    destroy=extend_schema(
        summary="Loonregel verwijderen",
        description=(
            "Daarna geldt het uurloon ervoor ook op de dagen van deze regel; geweigerd als "
            "dat onder het gepubliceerde minimumloon ligt."
        ),
    ),
)
class ContractWageLineViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    TenantViewSet,
):
    """Loonregels: het uurloon binnen een contractperiode verandert vanaf een datum
    (verhoging minimumloon, cao-verhoging, verjaardag bij jeugdloon)."""

    queryset = ContractWageLine.objects.none()
    serializer_class = ContractWageLineSerializer
    filterset_class = ContractWageLineFilter
    ordering_fields = ["id", "start_date"]
    ordering = ["period__contract_id", "period__sequence", "start_date"]
    schema = TenantAutoSchema()
    view_permission = Perm.CONTRACT_VIEW
    manage_permission = Perm.CONTRACT_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[ContractWageLine]:
        return wage_line_list(municipality=municipality)

    @extend_schema(
        summary="Loonregel toevoegen",
        description=(
            "Het uurloon van de periode verandert vanaf start_date (na de start van de "
            "periode, uiterlijk het einde, één per dag). Het uurloon moet op elke dag dat de "
            "regel geldt ten minste het gepubliceerde minimumloon zijn (jeugdloon naar de "
            "leeftijd op die dag); onder een aangenomen bedrag wordt gesignaleerd, niet "
            "geweigerd."
        ),
        request=ContractWageLineCreateSerializer,
        responses={201: ContractWageLineSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = ContractWageLineCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        payload.is_valid(raise_exception=True)
        line = wage_line_add(actor=request_actor(request), **payload.validated_data)
        fresh = self.get_queryset().get(pk=line.pk)
        return Response(ContractWageLineSerializer(fresh).data, status=status.HTTP_201_CREATED)

    def perform_destroy(self, instance: ContractWageLine) -> None:
        wage_line_remove(line=instance, actor=request_actor(self.request))
