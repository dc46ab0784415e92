"""API of studies, respondents, consents (with ``{id}/withdraw/``) and sessions
(with ``{id}/cancel/``): ``/api/v1/research/...``.

The same services as the pages. A participant respondent is given by its code
and the participant's pseudonym only, never an id or a name.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model, QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, status
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.core.api.fields import request_actor
from basisbaan.core.api.negotiation import FileNegotiation
from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.hosts.models import Host
from basisbaan.participants.models import Participant
from basisbaan.programmes.models import Programme
from basisbaan.research import exchange, services
from basisbaan.research.constants import (
    RespondentKind,
    SessionKind,
    SessionStatus,
    StudyMethod,
    WithdrawalChoice,
)
from basisbaan.research.models import Consent, Respondent, Session, Study
from basisbaan.tenancy.models import Municipality, User
from basisbaan.tenancy.roles import Perm

__all__ = ["ConsentViewSet", "RespondentViewSet", "SessionViewSet", "StudyViewSet"]


# -- serializers -------------------------------------------------------------------


class StudySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    withdrawals = serializers.SerializerMethodField()

    class Meta:
        model = Study
        fields = [
            "id",
            "programme",
            "title",
            "question",
            "method",
            "period_start",
            "period_end",
            "ethical_basis",
            "letter_version",
            "researchers",
            "guest_base_size",
            "guest_run_length",
            "guest_threshold",
            "francis_initial",
            "francis_stop",
            "withdrawals",
        ]
        read_only_fields = fields

    def get_withdrawals(self, obj: Study) -> int:
        from basisbaan.research.selectors import withdrawal_count

        return withdrawal_count(obj)


class StudyWriteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    programme = serializers.IntegerField(required=False)
    title = serializers.CharField(max_length=200, required=False)
    question = serializers.CharField(required=False)
    method = serializers.ChoiceField(choices=StudyMethod.choices, required=False)
    period_start = serializers.DateField(required=False)
    period_end = serializers.DateField(required=False)
    ethical_basis = serializers.CharField(required=False)
    letter_version = serializers.CharField(max_length=40, required=False)
    researchers = serializers.ListField(child=serializers.IntegerField(), required=False)
    guest_base_size = serializers.IntegerField(required=False)
    guest_run_length = serializers.IntegerField(required=False)
    guest_threshold = serializers.DecimalField(max_digits=4, decimal_places=3, required=False)
    francis_initial = serializers.IntegerField(required=False)
    francis_stop = serializers.IntegerField(required=False)


class RespondentSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    pseudonym = serializers.SerializerMethodField()
    consent_given_on = serializers.SerializerMethodField()
    consent_withdrawn_on = serializers.SerializerMethodField()

    class Meta:
        model = Respondent
        fields = [
            "id",
            "study",
            "code",
            "kind",
            "pseudonym",
            "host",
            "description",
            "consent_given_on",
            "consent_withdrawn_on",
        ]
        read_only_fields = fields

    def get_pseudonym(self, obj: Respondent) -> str | None:
        return obj.participant.pseudonym if obj.participant_id else None  # type: ignore[union-attr]

    def get_consent_given_on(self, obj: Respondent) -> Any:
        consent = getattr(obj, "consent", None)
        return consent.given_on if consent else None

    def get_consent_withdrawn_on(self, obj: Respondent) -> Any:
        consent = getattr(obj, "consent", None)
        return consent.withdrawn_on if consent else None


class RespondentWriteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    study = serializers.IntegerField(required=False)
    kind = serializers.ChoiceField(choices=RespondentKind.choices, required=False)
    code = serializers.CharField(max_length=20, required=False, allow_blank=True)
    pseudonym = serializers.CharField(
        required=False, allow_null=True, help_text="Het pseudoniem van de deelnemer."
    )
    host = serializers.IntegerField(required=False, allow_null=True)
    description = serializers.CharField(max_length=120, required=False, allow_blank=True)


class ConsentSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Consent
        fields = [
            "id",
            "respondent",
            "letter_version",
            "given_on",
            "scope_interview",
            "scope_recording",
            "scope_quotes",
            "scope_linkage",
            "withdrawn_on",
            "withdrawal",
        ]
        read_only_fields = fields


class ConsentWriteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    respondent = serializers.IntegerField()
    given_on = serializers.DateField()
    letter_version = serializers.CharField(max_length=40, required=False, allow_blank=True)
    scope_interview = serializers.BooleanField(default=True)
    scope_recording = serializers.BooleanField(default=False)
    scope_quotes = serializers.BooleanField(default=False)
    scope_linkage = serializers.BooleanField(default=False)


class WithdrawSerializer(serializers.Serializer):  # type: ignore[type-arg]
    on = serializers.DateField()
    withdrawal = serializers.ChoiceField(choices=WithdrawalChoice.choices)


class SessionSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    respondent_codes = serializers.SerializerMethodField()

    class Meta:
        model = Session
        fields = [
            "id",
            "study",
            "kind",
            "status",
            "planned_on",
            "held_on",
            "interviewer",
            "duration_minutes",
            "respondents",
            "respondent_codes",
        ]
        read_only_fields = fields

    def get_respondent_codes(self, obj: Session) -> list[str]:
        return [r.code for r in obj.respondents.all()]


class SessionWriteSerializer(serializers.Serializer):  # type: ignore[type-arg]
    study = serializers.IntegerField(required=False)
    kind = serializers.ChoiceField(choices=SessionKind.choices, required=False)
    status = serializers.ChoiceField(choices=SessionStatus.choices, required=False)
    planned_on = serializers.DateField(required=False, allow_null=True)
    held_on = serializers.DateField(required=False, allow_null=True)
    interviewer = serializers.IntegerField(required=False, allow_null=True)
    duration_minutes = serializers.IntegerField(required=False, allow_null=True)
    respondents = serializers.ListField(child=serializers.IntegerField(), required=False)


# -- lookups within the municipality -----------------------------------------------


def _id(pk: Any, field: str) -> int:
    """``pk`` as a database id; anything else is refused (400)."""
    if isinstance(pk, str) and pk.isascii() and pk.isdigit():
        pk = int(pk)
    if isinstance(pk, bool) or not isinstance(pk, int) or not 0 < pk < 2**31:
        raise ValidationError({field: _("Geef het id (een geheel getal).")})
    return pk


def _one(queryset: QuerySet[Any], pk: Any, field: str) -> Any:
    """The record ``pk`` names in ``queryset``; ``None`` for no ``pk``. Anything else
    than a whole number, or a record not in the queryset, is refused (400)."""
    if pk is None:
        return None
    found = queryset.filter(pk=_id(pk, field)).first()
    if found is None:
        raise ValidationError({field: _("Onbekend in uw gemeente.")})
    return found


def _many(queryset: QuerySet[Any], pks: list[Any], field: str) -> list[Any]:
    """The records ``pks`` name in ``queryset``, in their order, read in one query;
    refused (400) as :func:`_one` refuses one."""
    wanted = [_id(pk, field) for pk in pks]
    found = {record.pk: record for record in queryset.filter(pk__in=wanted)}
    if any(pk not in found for pk in wanted):
        raise ValidationError({field: _("Onbekend in uw gemeente.")})
    return [found[pk] for pk in wanted]


def _members(municipality: Municipality) -> QuerySet[User]:
    return User.objects.filter(memberships__municipality=municipality)


class ResearchViewSet(TenantViewSet):
    schema = TenantAutoSchema()
    view_permission = Perm.RESEARCH_VIEW
    manage_permission = Perm.RESEARCH_MANAGE

    def study_of(self, pk: Any) -> Study:
        study: Study = _one(Study.objects.filter(municipality=self.municipality), pk, "study")
        if study is None:
            raise ValidationError({"study": _("Kies een onderzoek.")})
        return study


def _study_filter[M: Model](
    queryset: QuerySet[M], request: Request, field: str = "study"
) -> QuerySet[M]:
    study = request.query_params.get("study")
    if study is None or study == "":
        return queryset
    if not (study.isascii() and study.isdigit()):
        raise ApiValidationError({"study": [_("Geef het id van een onderzoek (een getal).")]})
    return queryset.filter(**{field: int(study)})


STUDY_PARAMETER = OpenApiParameter(
    "study", int, required=False, description="Alleen dit onderzoek (id)."
)


# -- viewsets ----------------------------------------------------------------------


@extend_schema_view(
    list=extend_schema(summary="Onderzoeken", responses=StudySerializer(many=True)),
    retrieve=extend_schema(summary="Eén onderzoek", responses=StudySerializer),
)
class StudyViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ResearchViewSet):
    """Evaluatieonderzoeken per programma, met de instellingen voor verzadiging."""

    queryset = Study.objects.none()
    serializer_class = StudySerializer

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Study]:
        return Study.objects.filter(municipality=municipality).prefetch_related("researchers")

    def _data(self, request: Request) -> tuple[dict[str, Any], list[User] | None]:
        payload = StudyWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        data.pop("programme", None)
        ids = data.pop("researchers", None)
        people = None
        if ids is not None:
            people = _many(_members(self.municipality).distinct(), ids, "researchers")
        return data, people

    @extend_schema(
        summary="Onderzoek aanmaken", request=StudyWriteSerializer, responses={201: StudySerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        programme = _one(
            Programme.objects.filter(municipality=self.municipality),
            request.data.get("programme") if isinstance(request.data, dict) else None,
            "programme",
        )
        if programme is None:
            raise ValidationError({"programme": _("Kies een programma.")})
        data, people = self._data(request)
        study = services.study_create(
            programme=programme, actor=request_actor(request), researchers=people or [], **data
        )
        return Response(StudySerializer(study).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Onderzoek wijzigen", request=StudyWriteSerializer, responses=StudySerializer
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        study = self.get_object()
        data, people = self._data(request)
        study = services.study_update(
            study=study, actor=request_actor(request), data=data, researchers=people
        )
        return Response(StudySerializer(study).data)

    @extend_schema(
        summary="Onderzoek als REFI-QDA-project (.qdpx)",
        description=(
            "Het codeboek, de gepseudonimiseerde transcripten met hun coderingen, de "
            "respondenten als cases en de memo's, als .qdpx voor ATLAS.ti, MAXQDA, NVivo of "
            "QualCoder. Komt in het auditlog, met het lezen van de transcripten."
        ),
        responses={
            (200, "application/zip"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Het .qdpx-bestand."
            )
        },
    )
    @action(detail=True, methods=["get"], content_negotiation_class=FileNegotiation)
    def qdpx(self, request: Request, pk: str | None = None) -> HttpResponse:
        study = self.get_object()
        content = exchange.study_export_qdpx(study=study, actor=request_actor(request))
        return _file(
            content, exchange.CONTENT_TYPES["qdpx"], exchange.export_filename(study, "qdpx")
        )

    @extend_schema(
        summary="Codeboek als REFI-QDA-codeboek (.qdc)",
        responses={
            (200, "application/xml"): OpenApiResponse(
                OpenApiTypes.BINARY, description="Het .qdc-bestand."
            ),
        },
    )
    @action(detail=True, methods=["get"], content_negotiation_class=FileNegotiation)
    def qdc(self, request: Request, pk: str | None = None) -> HttpResponse:
        study = self.get_object()
        content = exchange.codebook_export_qdc(study=study, actor=request_actor(request))
        return _file(content, exchange.CONTENT_TYPES["qdc"], exchange.export_filename(study, "qdc"))


def _file(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@extend_schema_view(
    list=extend_schema(
        summary="Respondenten",
        parameters=[STUDY_PARAMETER],
        description="Met ?study= per onderzoek. Een deelnemer alleen met pseudoniem.",
        responses=RespondentSerializer(many=True),
    ),
    retrieve=extend_schema(summary="Eén respondent", responses=RespondentSerializer),
)
class RespondentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ResearchViewSet):
    """Respondenten: code, soort, pseudoniem (alleen bij een deelnemer), rol."""

    queryset = Respondent.objects.none()
    serializer_class = RespondentSerializer
    audit_fields = ["code", "kind", "pseudonym"]

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Respondent]:
        queryset = Respondent.objects.filter(municipality=municipality).select_related(
            "consent", "participant"
        )
        return _study_filter(queryset, self.request) if self.action == "list" else queryset

    def _participant(self, study: Study, pseudonym: str | None) -> Participant | None:
        if not pseudonym:
            return None
        for person in Participant.objects.filter(
            municipality=self.municipality, programme_id=study.programme_id
        ).only("pk", "programme_id", "municipality_id"):
            if person.pseudonym == pseudonym:
                return person
        raise ValidationError(
            {"participant": _("Geen deelnemer van het programma met dit pseudoniem.")}
        )

    def _fields(self, data: dict[str, Any], study: Study) -> dict[str, Any]:
        fields: dict[str, Any] = {}
        if "pseudonym" in data:
            fields["participant"] = self._participant(study, data.pop("pseudonym"))
        if "host" in data:
            fields["host"] = _one(
                Host.objects.filter(municipality=self.municipality), data.pop("host"), "host"
            )
        for name in ("kind", "code", "description"):
            if name in data:
                fields[name] = data[name]
        return fields

    @extend_schema(
        summary="Respondent toevoegen",
        request=RespondentWriteSerializer,
        responses={201: RespondentSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = RespondentWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        study = self.study_of(data.pop("study", None))
        respondent = services.respondent_create(
            study=study, actor=request_actor(request), **self._fields(data, study)
        )
        return Response(RespondentSerializer(respondent).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Respondent wijzigen",
        request=RespondentWriteSerializer,
        responses=RespondentSerializer,
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        respondent = self.get_object()
        payload = RespondentWriteSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        data.pop("study", None)
        respondent = services.respondent_update(
            respondent=respondent,
            actor=request_actor(request),
            data=self._fields(data, respondent.study),
        )
        return Response(RespondentSerializer(respondent).data)


@extend_schema_view(
    list=extend_schema(
        summary="Toestemmingen",
        parameters=[STUDY_PARAMETER],
        responses=ConsentSerializer(many=True),
    ),
    retrieve=extend_schema(summary="Eén toestemming", responses=ConsentSerializer),
)
class ConsentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ResearchViewSet):
    """Geïnformeerde toestemming per respondent, en de intrekking ervan."""

    queryset = Consent.objects.none()
    serializer_class = ConsentSerializer

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Consent]:
        queryset = Consent.objects.filter(municipality=municipality)
        if self.action == "list":
            return _study_filter(queryset, self.request, "respondent__study")
        return queryset

    @extend_schema(
        summary="Toestemming vastleggen",
        request=ConsentWriteSerializer,
        responses={201: ConsentSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = ConsentWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        respondent = _one(
            Respondent.objects.filter(municipality=self.municipality),
            data.pop("respondent"),
            "respondent",
        )
        consent = services.consent_record(
            respondent=respondent, actor=request_actor(request), today=timezone.localdate(), **data
        )
        return Response(ConsentSerializer(consent).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Toestemming intrekken",
        description=(
            "delete: de transcripten van gesprekken met alleen deze respondent en de aan "
            "hem of haar toegeschreven coderingen worden verwijderd. keep_unlinked: ze blijven, "
            "zonder koppeling. Altijd: de respondent gaat uit de gesprekken en de koppeling met "
            "de deelnemer verdwijnt; de code blijft. Eén keer (anders 400)."
        ),
        request=WithdrawSerializer,
        responses=ConsentSerializer,
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        consent = self.get_object()
        payload = WithdrawSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        result = services.consent_withdraw(
            respondent=consent.respondent,
            actor=request_actor(request),
            on=payload.validated_data["on"],
            keep_unlinked=payload.validated_data["withdrawal"] == WithdrawalChoice.KEEP_UNLINKED,
        )
        return Response(ConsentSerializer(result.consent).data)


@extend_schema_view(
    list=extend_schema(
        summary="Gesprekken", parameters=[STUDY_PARAMETER], responses=SessionSerializer(many=True)
    ),
    retrieve=extend_schema(summary="Eén gesprek", responses=SessionSerializer),
)
class SessionViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ResearchViewSet):
    """Interviews (één respondent) en focusgroepen (twee of meer), gepland of gehouden."""

    queryset = Session.objects.none()
    serializer_class = SessionSerializer

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Session]:
        queryset = Session.objects.filter(municipality=municipality).prefetch_related("respondents")
        return _study_filter(queryset, self.request) if self.action == "list" else queryset

    def _fields(self, data: dict[str, Any], study: Study) -> dict[str, Any]:
        if "interviewer" in data:
            data["interviewer"] = _one(
                _members(self.municipality), data["interviewer"], "interviewer"
            )
        if "respondents" in data:
            mine = Respondent.objects.filter(municipality=self.municipality, study=study)
            data["respondents"] = _many(mine, data["respondents"], "respondents")
        return data

    @extend_schema(
        summary="Gesprek aanmaken",
        request=SessionWriteSerializer,
        responses={201: SessionSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = SessionWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        study = self.study_of(data.pop("study", None))
        data = self._fields(data, study)
        data.setdefault("respondents", [])
        data.setdefault("kind", SessionKind.INTERVIEW)
        session = services.session_create(
            study=study, actor=request_actor(request), today=timezone.localdate(), **data
        )
        return Response(SessionSerializer(session).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Gesprek wijzigen", request=SessionWriteSerializer, responses=SessionSerializer
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        session = self.get_object()
        payload = SessionWriteSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data = dict(payload.validated_data)
        data.pop("study", None)
        session = services.session_update(
            session=session,
            actor=request_actor(request),
            data=self._fields(data, session.study),
            today=timezone.localdate(),
        )
        return Response(SessionSerializer(session).data)

    @extend_schema(summary="Gesprek laten vervallen", request=None, responses=SessionSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request: Request, pk: str | None = None) -> Response:
        session = services.session_cancel(session=self.get_object(), actor=request_actor(request))
        return Response(SessionSerializer(session).data)
