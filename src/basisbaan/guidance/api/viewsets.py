"""API of guidance: hours, feedback sessions and actions, signals, the norm report.

Hours, sessions and signals are about people: every list and detail read is
written to the audit log, and every write goes through the guidance services
(the same rules as the week grid and the CSV import).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.core.api.fields import request_actor
from basisbaan.core.api.filters import TenantFilterSet
from basisbaan.core.api.schema import ReportSchema, TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.guidance import services
from basisbaan.guidance.api.serializers import (
    FeedbackActionSerializer,
    FeedbackSessionSerializer,
    HoursEntrySerializer,
    HoursEntryUpdateSerializer,
    HoursUploadSerializer,
    NormQuerySerializer,
    NormReportSerializer,
    SessionRecordSerializer,
    SignalCloseSerializer,
    SignalSerializer,
    SignalUpdateSerializer,
)
from basisbaan.guidance.importing import hours_enqueue
from basisbaan.guidance.jobs import start_hours_import
from basisbaan.guidance.models import FeedbackAction, FeedbackSession, HoursEntry, Signal
from basisbaan.guidance.selectors import (
    NormRow,
    feedback_action_list,
    feedback_session_list,
    hours_readable,
    norm_report,
    signal_list,
)
from basisbaan.jobs.api.serializers import JobSerializer
from basisbaan.jobs.api.viewsets import accepted
from basisbaan.participants.models import Participant
from basisbaan.participants.privacy import audit_participant_list, policy_for
from basisbaan.payroll.parsing import PayrollFileError
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm


class HoursEntryFilter(TenantFilterSet):
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = HoursEntry
        fields = ["participant", "staff", "activity"]


@extend_schema_view(
    list=extend_schema(summary="Begeleidingsuren"),
    retrieve=extend_schema(summary="Eén urenregel"),
    create=extend_schema(
        summary="Uren vastleggen",
        description="Eigen uren; een programmamanager mag ook uren van anderen vastleggen. "
        "Niet in een afgesloten maand.",
    ),
    update=extend_schema(summary="Uren wijzigen"),
    partial_update=extend_schema(summary="Uren deels wijzigen"),
    destroy=extend_schema(summary="Uren verwijderen"),
)
class HoursEntryViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    TenantViewSet,
):
    """Uren begeleiding per deelnemer, medewerker, dag en activiteit."""

    queryset = HoursEntry.objects.none()
    serializer_class = HoursEntrySerializer
    filterset_class = HoursEntryFilter
    ordering_fields = ["date", "id", "hours"]
    ordering = ["-date", "id"]
    schema = TenantAutoSchema()
    view_permission = Perm.GUIDANCE_VIEW
    manage_permission = Perm.GUIDANCE_LOG
    action_permissions = {"import_file": Perm.GUIDANCE_MANAGE}
    audit_fields = ["date", "activity", "hours", "note"]

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[HoursEntry]:
        # The week page's rule, from the selector: a colleague's hours and notes
        # only with guidance.manage; otherwise one's own (others answer 404).
        return hours_readable(
            municipality=municipality, viewer=request_actor(self.request), role=self.membership.role
        )

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Any]]:
        if self.action in {"update", "partial_update"}:
            return HoursEntryUpdateSerializer
        return HoursEntrySerializer

    def perform_create(self, serializer: serializers.BaseSerializer[HoursEntry]) -> None:
        data = dict(serializer.validated_data)
        actor = request_actor(self.request)
        serializer.instance = services.hours_entry_create(
            municipality=self.municipality,
            actor=actor,
            participant=data.pop("participant"),
            staff=data.pop("staff", None) or actor,
            **data,
        )

    def perform_update(self, serializer: serializers.BaseSerializer[HoursEntry]) -> None:
        assert serializer.instance is not None
        serializer.instance = services.hours_entry_update(
            entry=serializer.instance,
            actor=request_actor(self.request),
            data=dict(serializer.validated_data),
        )

    def perform_destroy(self, instance: HoursEntry) -> None:
        services.hours_entry_delete(entry=instance, actor=request_actor(self.request))

    @extend_schema(
        summary="Urenbestand inlezen",
        description=(
            "Hetzelfde als basisbaan import_hours: het hele bestand wordt gecontroleerd; is "
            "één regel fout, dan wordt niets ingelezen. Het controleren en inlezen loopt op "
            "de achtergrond: het antwoord is 202 met de taak (Location). Vraag de taak op tot "
            "status done; result is dan de uitkomst (ok, dry_run, rows, created, updated, "
            "unchanged, errors, en import: het nummer van het bestand). Alleen voor wie de "
            "uren van het team beheert (guidance.manage)."
        ),
        request={"multipart/form-data": HoursUploadSerializer},
        responses={
            202: OpenApiResponse(JobSerializer, description="Aangenomen: de taak."),
            400: OpenApiResponse(description="Het bestand is onleesbaar of mist kolommen."),
        },
    )
    @action(
        detail=False,
        methods=["post"],
        url_path="import",
        parser_classes=[MultiPartParser, FormParser],
    )
    def import_file(self, request: Request) -> Response:
        payload = HoursUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        upload = payload.validated_data["file"]
        actor = request_actor(request)
        try:
            record = hours_enqueue(
                municipality=self.municipality,
                actor=actor,
                file_name=upload.name or "",
                content=upload.read(),
                dry_run=payload.validated_data["dry_run"],
            )
        except PayrollFileError as exc:
            raise ValidationError({"file": [str(exc)]}) from exc
        return accepted(start_hours_import(record=record, actor=actor), request)


@extend_schema_view(
    list=extend_schema(summary="Feedbacksessies"),
    retrieve=extend_schema(summary="Eén feedbacksessie"),
    create=extend_schema(summary="Feedbacksessie plannen"),
)
class FeedbackSessionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    TenantViewSet,
):
    """Feedbacksessies per plaatsing: gepland, gehouden of vervallen, met verslag."""

    queryset = FeedbackSession.objects.none()
    serializer_class = FeedbackSessionSerializer
    filterset_fields = ["placement", "status"]
    ordering_fields = ["planned_date", "id"]
    ordering = ["planned_date", "id"]
    schema = TenantAutoSchema()
    view_permission = Perm.GUIDANCE_VIEW
    manage_permission = Perm.GUIDANCE_LOG
    audit_fields = ["scores", "notes", "participant_present"]

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[FeedbackSession]:
        return feedback_session_list(municipality=municipality)

    def perform_create(self, serializer: serializers.BaseSerializer[FeedbackSession]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.feedback_session_plan(
            placement=data.pop("placement"), actor=request_actor(self.request), **data
        )

    @extend_schema(
        summary="Verslag vastleggen",
        description="Legt de sessie vast als gehouden: datum, wie er waren, vier scores "
        "(1-5: werk, welzijn, financiën, relatie met de werkgever) en aantekeningen.",
        request=SessionRecordSerializer,
        responses=FeedbackSessionSerializer,
    )
    @action(detail=True, methods=["post"])
    def record(self, request: Request, pk: str | None = None) -> Response:
        session = self.get_object()
        payload = SessionRecordSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        session = services.feedback_session_record(
            session=session, actor=request_actor(request), data=dict(payload.validated_data)
        )
        return Response(
            FeedbackSessionSerializer(session, context=self.get_serializer_context()).data
        )

    @extend_schema(
        summary="Sessie laten vervallen", request=None, responses=FeedbackSessionSerializer
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        session = services.feedback_session_cancel(
            session=self.get_object(), actor=request_actor(request)
        )
        return Response(
            FeedbackSessionSerializer(session, context=self.get_serializer_context()).data
        )


@extend_schema_view(
    list=extend_schema(summary="Acties uit feedbacksessies"),
    retrieve=extend_schema(summary="Eén actie"),
    create=extend_schema(summary="Actie toevoegen"),
)
class FeedbackActionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    TenantViewSet,
):
    """Afgesproken acties: wat, wie, uiterlijk wanneer, afgerond."""

    queryset = FeedbackAction.objects.none()
    serializer_class = FeedbackActionSerializer
    filterset_fields = ["session", "owner"]
    ordering_fields = ["due_date", "id"]
    ordering = ["due_date", "id"]
    schema = TenantAutoSchema()
    view_permission = Perm.GUIDANCE_VIEW
    manage_permission = Perm.GUIDANCE_LOG

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[FeedbackAction]:
        return feedback_action_list(municipality=municipality)

    def perform_create(self, serializer: serializers.BaseSerializer[FeedbackAction]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.feedback_action_add(
            session=data.pop("session"), actor=request_actor(self.request), **data
        )

    @extend_schema(summary="Actie afronden", request=None, responses=FeedbackActionSerializer)
    @action(detail=True, methods=["post"])
    def done(self, request: Request, pk: str | None = None) -> Response:
        item = services.feedback_action_done(action=self.get_object(), actor=request_actor(request))
        return Response(FeedbackActionSerializer(item, context=self.get_serializer_context()).data)


@extend_schema_view(
    list=extend_schema(summary="Signalen"),
    retrieve=extend_schema(summary="Eén signaal"),
    create=extend_schema(summary="Signaal afgeven"),
    partial_update=extend_schema(
        summary="Eigenaar of opvolging wijzigen", request=SignalUpdateSerializer
    ),
)
class SignalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    TenantViewSet,
):
    """Signalen over deelnemers (verzuim, conflict, geldzorgen, risico op uitval)."""

    queryset = Signal.objects.none()
    serializer_class = SignalSerializer
    filterset_fields = ["participant", "kind", "owner"]
    ordering_fields = ["raised_on", "id"]
    ordering = ["-raised_on", "-id"]
    schema = TenantAutoSchema()
    view_permission = Perm.GUIDANCE_VIEW
    manage_permission = Perm.GUIDANCE_LOG
    audit_fields = ["kind", "description", "follow_up"]

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Signal]:
        open_only = self.request.query_params.get("open") in {"1", "true"}
        return signal_list(municipality=municipality, open_only=open_only)

    def perform_create(self, serializer: serializers.BaseSerializer[Signal]) -> None:
        data = dict(serializer.validated_data)
        serializer.instance = services.signal_raise(
            participant=data.pop("participant"), actor=request_actor(self.request), **data
        )

    @extend_schema(request=SignalUpdateSerializer, responses=SignalSerializer)
    def partial_update(self, request: Request, pk: str | None = None) -> Response:
        signal = self.get_object()
        payload = SignalUpdateSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        signal = services.signal_update(
            signal=signal, actor=request_actor(request), data=dict(payload.validated_data)
        )
        return Response(SignalSerializer(signal, context=self.get_serializer_context()).data)

    @extend_schema(
        summary="Signaal sluiten", request=SignalCloseSerializer, responses=SignalSerializer
    )
    @action(detail=True, methods=["post"])
    def close(self, request: Request, pk: str | None = None) -> Response:
        signal = self.get_object()
        payload = SignalCloseSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        signal = services.signal_close(
            signal=signal,
            actor=request_actor(request),
            follow_up=payload.validated_data["follow_up"],
        )
        return Response(SignalSerializer(signal, context=self.get_serializer_context()).data)


def _line(row: NormRow) -> dict[str, Any]:
    def hours(value: int) -> Decimal:
        return Decimal(value) / 100

    return {
        "id": row.key,
        "name": row.label,
        "hours": hours(row.line.hours),
        "norm_to_date": hours(row.line.norm_to_date),
        "norm_year": hours(row.line.norm_year),
        "quarters": [hours(q) for q in row.line.quarters],
        "cost": row.cost,
    }


class GuidanceNormViewSet(TenantViewSet):
    """Uren tegen de norm naar rato, per programma, medewerker en deelnemer."""

    audit_reads = False
    audit_reads_reason = "Audits its own reads: the participants of the norm report's rows."

    queryset = Programme.objects.none()
    serializer_class = NormReportSerializer
    schema = ReportSchema()
    view_permission = Perm.GUIDANCE_VIEW
    pagination_class = None
    filter_backends: list[Any] = []

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Programme]:
        return Programme.objects.filter(municipality=municipality)

    @extend_schema(
        summary="Begeleiding tegen de norm",
        description="Uren van het jaar (tot vandaag) tegen de norm naar rato per programma, "
        "medewerker en deelnemer, per kwartaal, met de kosten tegen het interne uurtarief. "
        "Uren en bedragen als decimale tekst.",
        parameters=[NormQuerySerializer],
        responses={200: NormReportSerializer},
    )
    def list(self, request: Request) -> Response:
        query = NormQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        today = timezone.localdate()
        year = query.validated_data.get("year") or today.year
        as_of = today if year == today.year else dt.date(year, 12, 31)
        report = norm_report(municipality=self.municipality, year=year, as_of=as_of)
        privacy = policy_for(request)
        audit_participant_list(
            request,
            [r.key for r in report.participants],
            ["first_name", "name_prefix", "last_name", "hours"],
        )
        participants = [_line(r) for r in report.participants]
        if not privacy.sees_identity:
            for line in participants:
                line["name"] = Participant(pk=line["id"]).pseudonym
        data = {
            "year": report.year,
            "as_of": report.as_of,
            "programmes": [_line(r) for r in report.programmes],
            "staff": [_line(r) for r in report.staff],
            "participants": participants,
        }
        return Response(NormReportSerializer(data).data)  # type: ignore[arg-type]
