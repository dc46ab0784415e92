"""API of outcomes: ``/api/v1/outcomes/{programme}/``, ``/api/v1/business-case/{programme}/``,
``/api/v1/exits/``, ``/api/v1/follow-ups/`` (with ``{id}/record/``) and
``/api/v1/business-case-assumptions/``."""

from __future__ import annotations

import datetime as dt
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
from basisbaan.outcomes import services
from basisbaan.outcomes.api.data import business_case_data, outcome_data
from basisbaan.outcomes.api.filters import ExitFilter
from basisbaan.outcomes.api.serializers import (
    AsOfQuerySerializer,
    AssumptionSerializer,
    BusinessCaseSerializer,
    ExitSerializer,
    FollowUpRecordSerializer,
    FollowUpSerializer,
    OutcomeReportSerializer,
    WorklistQuerySerializer,
)
from basisbaan.outcomes.business import business_case
from basisbaan.outcomes.models import Assumption, Exit, FollowUp
from basisbaan.outcomes.reports import cached_outcome_report
from basisbaan.outcomes.selectors import (
    assumption_list,
    exit_list,
    follow_up_list,
    follow_up_worklist,
    threshold_of,
)
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm

__all__ = [
    "AssumptionViewSet",
    "BusinessCaseViewSet",
    "ExitViewSet",
    "FollowUpViewSet",
    "OutcomeViewSet",
]


def _as_of(request: Request, today: dt.date) -> dt.date:
    """The ``as_of`` query parameter: today when absent; 400 (Dutch) when invalid or
    after today."""
    query = AsOfQuerySerializer(data=request.query_params, context={"today": today})
    query.is_valid(raise_exception=True)
    day: dt.date = query.validated_data.get("as_of") or today
    return day


class OutcomeViewSet(TenantViewSet):
    """De uitkomsten van een programma: de tabellen van de pagina, kleine aantallen afgeschermd."""

    audit_reads = False
    audit_reads_reason = "Outcome figures: aggregates per programme, small numbers suppressed."

    queryset = Programme.objects.none()
    serializer_class = OutcomeReportSerializer
    schema = TenantAutoSchema()
    view_permission = Perm.OUTCOME_VIEW
    # One programme's figures: no list, no filters, no pages.
    pagination_class = None
    filter_backends: list[Any] = []

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Programme]:
        return programme_list(municipality=municipality)

    @extend_schema(
        summary="Uitkomsten van een programma",
        description=(
            "Dezelfde tabellen als de pagina en de Excel-export (kerncijfers, na de uitstroom, "
            "per jaar, per reden, per cohort, behoud per startjaar), elke rij met zijn "
            "definitie. Een cel onder de drempel (of die een klein aantal zou verraden) heeft "
            "value null, status primary of secondary en de tekst ‘minder dan 5’ of "
            "‘afgeschermd’. as_of: peildatum, standaard vandaag, niet na vandaag."
        ),
        parameters=[AsOfQuerySerializer],
        responses=OutcomeReportSerializer,
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        programme = self.get_object()
        as_of = _as_of(request, timezone.localdate())
        report = cached_outcome_report(programme, as_of=as_of)
        return Response(OutcomeReportSerializer(outcome_data(report)).data)


class BusinessCaseViewSet(TenantViewSet):
    """De business case van een programma: kosten tegen besparingen, met elke aanname."""

    audit_reads = False
    audit_reads_reason = "Business case: amounts per programme and year, no personal data."

    queryset = Programme.objects.none()
    serializer_class = BusinessCaseSerializer
    schema = TenantAutoSchema()
    view_permission = Perm.BUSINESS_CASE_VIEW
    # One programme's figures: no list, no filters, no pages.
    pagination_class = None
    filter_backends: list[Any] = []

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Programme]:
        return programme_list(municipality=municipality)

    @extend_schema(
        summary="Business case van een programma",
        description=(
            "Per jaar en in totaal alle regels (kosten, LKS, bespaarde bijstand en "
            "uitvoeringskosten bruto en na deadweight, netto kosten, algemene middelen en "
            "BUIG), de stappen van bruto naar netto, netto kosten per deelnemerjaar en per "
            "plaatsing (null onder de drempel van deelnemers), terugverdientijd, de "
            "gevoeligheidstabel, elke aanname met bron en de gebruikte bijstandsnormen. "
            "Bedragen als decimale tekst in euro. Telt de volle maanden vóór de maand van "
            "as_of (standaard vandaag, niet na vandaag)."
        ),
        parameters=[AsOfQuerySerializer],
        responses=BusinessCaseSerializer,
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        programme = self.get_object()
        as_of = _as_of(request, timezone.localdate())
        case = business_case(programme, as_of=as_of)
        data = business_case_data(case, threshold_of(self.municipality))
        return Response(BusinessCaseSerializer(data).data)


@extend_schema_view(
    list=extend_schema(summary="Uitstroom"),
    retrieve=extend_schema(summary="Eén uitstroom"),
)
class ExitViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantViewSet):
    """Beëindigde plaatsingen en deelnemers die het programma verlieten, met de reden en
    wat erna kwam. Vastleggen gaat via POST /api/v1/placements/{id}/end/."""

    queryset = Exit.objects.none()
    serializer_class = ExitSerializer
    filterset_class = ExitFilter
    ordering_fields = ["exit_date", "id"]
    schema = TenantAutoSchema()
    view_permission = Perm.OUTCOME_VIEW

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Exit]:
        return exit_list(municipality=municipality)


@extend_schema_view(
    list=extend_schema(
        summary="Werklijst nametingen",
        description=(
            "Open nametingen die nu of binnenkort te meten zijn, eerst de vroegste; "
            "state=due, overdue of done (vastgelegd, nieuwste eerst)."
        ),
        parameters=[WorklistQuerySerializer],
    ),
    retrieve=extend_schema(summary="Eén nameting"),
)
class FollowUpViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantViewSet):
    """Nametingen na de uitstroom: wat werd er van de persoon, 1, 3, 6, 12 en 18 maanden later."""

    queryset = FollowUp.objects.none()
    serializer_class = FollowUpSerializer
    schema = TenantAutoSchema()
    view_permission = Perm.OUTCOME_RECORD
    manage_permission = Perm.OUTCOME_RECORD
    filter_backends: list[Any] = []

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[FollowUp]:
        if self.action != "list":
            return follow_up_list(municipality=municipality).select_related("exit")
        query = WorklistQuerySerializer(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return follow_up_worklist(
            municipality=municipality,
            today=timezone.localdate(),
            state=query.validated_data.get("state", ""),
        )

    def get_serializer_context(self) -> dict[str, Any]:
        # One day for the whole answer: "overdue" holds on it.
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    @extend_schema(
        summary="Nameting vastleggen",
        description=(
            "Legt de meting vast (of verbetert die). Niet bereikbaar (reachable=false): alleen "
            "de dag en een toelichting. Bereikbaar: werkt de persoon (dan uren en of het "
            "dezelfde werkgever is) en welke bijstand (een bedrag alleen bij aanvullende "
            "bijstand). Een geweigerde meting verandert niets (400)."
        ),
        request=FollowUpRecordSerializer,
        responses=FollowUpSerializer,
    )
    @action(detail=True, methods=["post"])
    def record(self, request: Request, pk: str | None = None) -> Response:
        follow_up = self.get_object()
        body = FollowUpRecordSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.follow_up_record(
            follow_up=follow_up,
            actor=request_actor(request),
            today=timezone.localdate(),
            **body.validated_data,
        )
        fresh = self.get_queryset().get(pk=follow_up.pk)
        return Response(FollowUpSerializer(fresh, context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(summary="Aannames van de business case"),
    retrieve=extend_schema(summary="Eén aanname"),
    create=extend_schema(
        summary="Aanname vastleggen",
        description=(
            "Legt een aanname vast vanaf effective_date, met bron; bestaat er al een op die "
            "dag, dan wordt die verbeterd."
        ),
    ),
    destroy=extend_schema(
        summary="Aanname verwijderen",
        description="De vorige aanname (of de standaard) geldt dan weer.",
    ),
)
class AssumptionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.DestroyModelMixin,
    TenantViewSet,
):
    """De vastgelegde aannames van de business case, elk met bron en ingangsdatum."""

    audit_reads = False
    audit_reads_reason = "Business-case assumptions: figures with their source, no personal data."

    queryset = Assumption.objects.none()
    serializer_class = AssumptionSerializer
    ordering_fields = ["key", "effective_date", "id"]
    ordering = ["key", "effective_date", "id"]
    schema = TenantAutoSchema()
    view_permission = Perm.BUSINESS_CASE_VIEW
    manage_permission = Perm.OUTCOME_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Assumption]:
        return assumption_list(municipality=municipality)

    def perform_create(self, serializer: serializers.BaseSerializer[Assumption]) -> None:
        serializer.instance = services.assumption_set(
            municipality=self.municipality,
            actor=request_actor(self.request),
            **dict(serializer.validated_data),
        )

    def perform_destroy(self, instance: Assumption) -> None:
        services.assumption_delete(assumption=instance, actor=request_actor(self.request))
