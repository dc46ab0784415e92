"""API of ESF+: ``/api/v1/esf/operations/`` (with ``{id}/indicators/``,
``{id}/worklist/`` and ``{id}/claim/``) and ``/api/v1/esf/registrations/`` (with
``{id}/events/``). The same permissions and services as the pages; the BSN is
not in the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.audit.services import audit_list_access
from basisbaan.core.api.fields import request_actor
from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.esf import selectors, services
from basisbaan.esf.api.data import claim_data, indicator_data, worklist_data
from basisbaan.esf.api.filters import RegistrationFilter
from basisbaan.esf.api.serializers import (
    ClaimQuerySerializer,
    ClaimSerializer,
    EventSerializer,
    IndicatorReportSerializer,
    OperationSerializer,
    RegistrationCreateSerializer,
    RegistrationDataSerializer,
    RegistrationSerializer,
    WorklistItemSerializer,
)
from basisbaan.esf.models import EsfOperation, EsfRegistration, StaffRate
from basisbaan.participants.privacy import (
    NAME_FIELDS,
    audit_participant_list,
    audit_participant_view,
    policy_for,
)
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm

__all__ = ["EsfOperationViewSet", "EsfRegistrationViewSet"]

# What the claim shows of a staff member's rate (salary data): audited.
RATE_FIELDS = ["staff", "valid_from", "annual_cost", "part_time_factor"]


@extend_schema_view(
    list=extend_schema(summary="ESF+-operaties"),
    retrieve=extend_schema(summary="Eén ESF+-operatie"),
)
class EsfOperationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantViewSet):
    """Programma's die als ESF+-operatie zijn vastgelegd, met de indicatoren, de werklijst
    en de kostendeclaratie."""

    audit_reads = False
    audit_reads_reason = (
        "ESF+ operations and their indicator totals: settings and suppressed aggregates, "
        "no personal data; the worklist and the claim audit what they show themselves."
    )

    queryset = EsfOperation.objects.none()
    serializer_class = OperationSerializer
    ordering_fields = ["start_date", "id"]
    ordering = ["-start_date", "id"]
    schema = TenantAutoSchema()
    view_permission = Perm.ESF_VIEW
    action_permissions = {"claim": Perm.ESF_CLAIM}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[EsfOperation]:
        return selectors.operation_list(municipality=municipality)

    @extend_schema(
        summary="Indicatoren van een operatie",
        description=(
            "De gemeenschappelijke indicatoren (EECO01-17, EECR01-05) naar geslacht, zoals de "
            "pagina ze toont: een cel onder de drempel (of die een klein aantal zou verraden) "
            "heeft value null, status primary of secondary en de tekst ‘minder dan 5’ of "
            "‘afgeschermd’. De resultaten zijn een eigen schatting; de officiële meting doet "
            "het CBS met de BSN-rapportage."
        ),
        responses=IndicatorReportSerializer,
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def indicators(self, request: Request, pk: str | None = None) -> Response:
        operation = self.get_object()
        report = selectors.indicator_report(operation, today=timezone.localdate())
        return Response(IndicatorReportSerializer(indicator_data(report)).data)

    @extend_schema(
        summary="Werklijst van een operatie",
        description=(
            "Ontbrekende of tegenstrijdige gegevens: deelnemers zonder registratie, "
            "ontbrekende instroomgegevens, een vertrokken deelnemer zonder resultaat na 28 "
            "dagen, een ontbrekende nameting na zes maanden, en medewerkers met uren maar "
            "zonder uurtarief. Elke inzage van namen wordt in het auditlog vastgelegd."
        ),
        responses=WorklistItemSerializer(many=True),
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def worklist(self, request: Request, pk: str | None = None) -> Response:
        operation = self.get_object()
        problems = selectors.worklist(operation, today=timezone.localdate())
        data = WorklistItemSerializer(worklist_data(problems, policy_for(request)), many=True).data
        audit_participant_list(request, (p.participant.pk for p in problems if p.participant))
        return Response(data)

    @extend_schema(
        summary="Kostendeclaratie van een operatie",
        description=(
            "Directe personeelskosten uit de begeleidingsuren van de geregistreerde "
            "deelnemers (tussen instroom en vertrek) en de uurtarieven, per medewerker, jaar "
            "en tarief, met het forfait en het totaal. year: één kalenderjaar binnen de "
            "operatie; weggelaten: de hele operatie. Bedragen als decimale tekst in euro. "
            "De getoonde uurtarieven worden in het auditlog vastgelegd."
        ),
        parameters=[ClaimQuerySerializer],
        responses=ClaimSerializer,
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def claim(self, request: Request, pk: str | None = None) -> Response:
        operation = self.get_object()
        query = ClaimQuerySerializer(data=request.query_params, context={"operation": operation})
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year")
        if year is None:
            first, last = operation.start_date, operation.end_date
        else:
            first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        claim = selectors.cost_claim(operation, first=first, last=last)
        data = ClaimSerializer(claim_data(claim)).data
        self._audit_rates(claim)
        return Response(data)

    def _audit_rates(self, claim: selectors.Claim) -> None:
        used = {(line.staff, line.valid_from) for line in claim.result.lines}
        ids = [
            rate.pk
            for rate in selectors.staff_rate_list(municipality=self.municipality)
            if (rate.staff_id, rate.valid_from) in used
        ]
        audit_list_access(
            actor=request_actor(self.request),
            municipality=self.municipality,
            model=StaffRate,
            ids=sorted(ids),
            fields=RATE_FIELDS,
        )


@extend_schema_view(
    list=extend_schema(
        summary="ESF+-registraties",
        description=(
            "Registraties van deelnemers in ESF+-operaties; operation: die van één operatie."
        ),
    ),
    retrieve=extend_schema(summary="Eén ESF+-registratie"),
)
class EsfRegistrationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantViewSet):
    """De registratie van een deelnemer in een ESF+-operatie: de gegevens bij instroom, de
    datum van vertrek en de resultaten daarna. Geen BSN. Elke inzage wordt in het auditlog
    vastgelegd."""

    queryset = EsfRegistration.objects.none()
    serializer_class = RegistrationSerializer
    filterset_class = RegistrationFilter
    ordering_fields = ["entry_date", "id"]
    ordering = ["entry_date", "id"]
    schema = TenantAutoSchema()
    view_permission = Perm.ESF_VIEW
    manage_permission = Perm.ESF_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[EsfRegistration]:
        return (
            selectors.registration_list(municipality=municipality)
            .select_related("participant", "operation")
            .prefetch_related("events")
        )

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        shown = self.__dict__.get("_audit_shown", {}).get(EsfRegistration, {})
        audit_participant_list(request, (row.participant_id for row in shown.values()))
        return response

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        registration = self.get_object()
        response = Response(self.get_serializer(registration).data)
        audit_participant_view(request, registration.participant, NAME_FIELDS)
        return response

    def _answer(self, registration: EsfRegistration, code: int = status.HTTP_200_OK) -> Response:
        fresh = self.get_queryset().get(pk=registration.pk)
        return Response(
            RegistrationSerializer(fresh, context=self.get_serializer_context()).data, status=code
        )

    @extend_schema(
        summary="Deelnemer registreren",
        description=(
            "Registreert een deelnemer van het programma van de operatie. Zonder entry_date: "
            "de start van de eerste plaatsing; zonder leaving_date: de uitstroomdatum. Beide "
            "liggen binnen de operatie. Een geweigerde registratie verandert niets (400)."
        ),
        request=RegistrationCreateSerializer,
        responses={201: RegistrationSerializer},
    )
    def create(self, request: Request) -> Response:
        body = RegistrationCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        registration = services.registration_create(
            municipality=self.municipality,
            actor=request_actor(request),
            operation=data.pop("operation"),
            participant=data.pop("participant"),
            **data,
        )
        return self._answer(registration, status.HTTP_201_CREATED)

    @extend_schema(
        summary="Instroomgegevens wijzigen",
        description=(
            "Wijzigt de meegestuurde velden van de registratie; de data blijven binnen de "
            "operatie. Een geweigerde wijziging verandert niets (400)."
        ),
        request=RegistrationDataSerializer,
        responses=RegistrationSerializer,
    )
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        registration = self.get_object()
        body = RegistrationDataSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        if "entry_date" in data and data["entry_date"] is None:
            data["entry_date"] = registration.entry_date
        services.registration_update(
            registration=registration, actor=request_actor(request), **data
        )
        return self._answer(registration)

    @extend_schema(
        summary="Resultaat vastleggen",
        description=(
            "Een situatie op de arbeidsmarkt na vertrek (op of na de datum van vertrek); de "
            "laatste binnen 28 dagen telt. Een geweigerd resultaat verandert niets (400)."
        ),
        request=EventSerializer,
        responses={201: EventSerializer},
    )
    @action(detail=True, methods=["post"])
    def events(self, request: Request, pk: str | None = None) -> Response:
        registration = self.get_object()
        body = EventSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        event = services.result_event_add(
            registration=registration, actor=request_actor(request), **body.validated_data
        )
        return Response(EventSerializer(event).data, status=status.HTTP_201_CREATED)
