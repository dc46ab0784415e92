"""API of intake, profiles and matching. Writes go through ``intake.services``;
every read of a participant's intake data is written to the audit log."""

from __future__ import annotations

from typing import Any

from django.db.models import Model, QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.audit.services import audit_access, audit_list_access
from basisbaan.core.api.fields import request_actor
from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.hosts.models import Position
from basisbaan.hosts.selectors import position_list
from basisbaan.intake import services
from basisbaan.intake.api.serializers import (
    ConversationSerializer,
    CriteriaSerializer,
    DecisionSerializer,
    EligibilitySerializer,
    LimitSerializer,
    MatchSerializer,
    PositionProfileSerializer,
    ProfileSerializer,
    ProposalPlaceSerializer,
    ProposalSerializer,
    ProposalWithdrawSerializer,
    ReferralCreateSerializer,
    ReferralSerializer,
)
from basisbaan.intake.eligibility import check_participant, result_rows
from basisbaan.intake.matching import candidates_for_position, positions_for_participant
from basisbaan.intake.models import (
    EligibilityCriteria,
    IntakeConversation,
    IntakeDecision,
    MatchProposal,
    ParticipantProfile,
    PositionProfile,
    Referral,
)
from basisbaan.intake.selectors import (
    conversation_list,
    criteria_list,
    decision_list,
    position_profile_list,
    profile_list,
    proposal_list,
    referral_list,
)
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import participant_list
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm


def _reload(viewset: TenantViewSet, instance: Model) -> Any:
    return viewset.get_queryset().get(pk=instance.pk)


class OneToOneSetMixin:
    """Create and update of a record that belongs one-to-one to ``owner_field``
    (a programme's criteria, a participant's or position's profile): both go
    through one ``set`` service that makes the record or updates it."""

    owner_field: str

    def set_record(self, owner: Any, data: dict[str, Any]) -> Model:
        raise NotImplementedError

    def perform_create(self, serializer: serializers.BaseSerializer[Any]) -> None:
        data = dict(serializer.validated_data)
        owner = data.pop(self.owner_field)
        serializer.instance = _reload(self, self.set_record(owner, data))  # type: ignore[arg-type]

    def perform_update(self, serializer: serializers.BaseSerializer[Any]) -> None:
        assert serializer.instance is not None
        data = dict(serializer.validated_data)
        data.pop(self.owner_field, None)
        owner = getattr(serializer.instance, self.owner_field)
        serializer.instance = _reload(self, self.set_record(owner, data))  # type: ignore[arg-type]


@extend_schema_view(
    list=extend_schema(summary="Toelatingscriteria per programma"),
    retrieve=extend_schema(summary="Toelatingscriteria van één programma"),
    create=extend_schema(
        summary="Toelatingscriteria instellen",
        description="Maakt de criteria van het programma, of werkt ze bij als ze er al zijn.",
    ),
    update=extend_schema(summary="Toelatingscriteria wijzigen"),
    partial_update=extend_schema(summary="Toelatingscriteria deels wijzigen"),
)
class CriteriaViewSet(
    OneToOneSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    TenantViewSet,
):
    """Toelatingscriteria van een programma: bijstandsduur, leeftijd, voorwaarden per spoor."""

    audit_reads = False
    audit_reads_reason = "Eligibility criteria: rules of a programme, no personal data."

    owner_field = "programme"
    queryset = EligibilityCriteria.objects.none()
    serializer_class = CriteriaSerializer
    schema = TenantAutoSchema()
    ordering = ["id"]
    view_permission = Perm.INTAKE_VIEW
    manage_permission = Perm.INTAKE_CRITERIA

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[EligibilityCriteria]:
        return criteria_list(municipality=municipality)

    def set_record(self, owner: Any, data: dict[str, Any]) -> Model:
        return services.criteria_set(programme=owner, actor=request_actor(self.request), data=data)


@extend_schema_view(
    list=extend_schema(summary="Aanmeldingen"),
    retrieve=extend_schema(summary="Eén aanmelding"),
    create=extend_schema(
        summary="Inwoner aanmelden",
        description=(
            "Registreert de deelnemer (status 'referred') met de aanmelding: bron, datum, "
            "prioriteit en reden (geen medische gegevens). Ook als de instroom gesloten is."
        ),
        request=ReferralCreateSerializer,
        responses=ReferralSerializer,
    ),
    partial_update=extend_schema(summary="Aanmelding corrigeren"),
    update=extend_schema(summary="Aanmelding corrigeren"),
)
class ReferralViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    TenantViewSet,
):
    """Aanmeldingen voor een basisbaanprogramma."""

    queryset = Referral.objects.none()
    serializer_class = ReferralSerializer
    schema = TenantAutoSchema()
    ordering = ["priority", "referred_on", "id"]
    ordering_fields = ["priority", "referred_on", "id"]
    audit_fields = ["source", "referred_on", "priority", "reason"]
    view_permission = Perm.INTAKE_VIEW
    manage_permission = Perm.INTAKE_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Referral]:
        return referral_list(municipality=municipality)

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Any]]:
        return ReferralCreateSerializer if self.action == "create" else ReferralSerializer

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = ReferralCreateSerializer(data=request.data, context=self.get_serializer_context())
        payload.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(payload.validated_data)
        referral: dict[str, Any] = {
            k: data.pop(k) for k in ("source", "referred_on", "priority", "reason") if k in data
        }
        made = services.referral_create(
            municipality=self.municipality,
            actor=request_actor(request),
            programme=data.pop("programme"),
            referral=referral,
            contact_person=data.pop("contact_person", None),
            **data,
        )
        return Response(ReferralSerializer(_reload(self, made)).data, status=201)

    def perform_update(self, serializer: serializers.BaseSerializer[Referral]) -> None:
        assert serializer.instance is not None
        made = services.referral_update(
            referral=serializer.instance,
            actor=request_actor(self.request),
            data=dict(serializer.validated_data),
        )
        serializer.instance = _reload(self, made)


@extend_schema_view(
    list=extend_schema(summary="Intakegesprekken"),
    retrieve=extend_schema(summary="Eén intakegesprek"),
    create=extend_schema(
        summary="Intakegesprek vastleggen",
        description="Een aangemelde deelnemer gaat daarmee in intake.",
    ),
)
class ConversationViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    TenantViewSet,
):
    """Verslagen van intakegesprekken (geen medische gegevens)."""

    queryset = IntakeConversation.objects.none()
    serializer_class = ConversationSerializer
    schema = TenantAutoSchema()
    audit_fields = ["summary"]
    view_permission = Perm.INTAKE_VIEW
    manage_permission = Perm.INTAKE_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[IntakeConversation]:
        return conversation_list(municipality=municipality)

    def perform_create(self, serializer: serializers.BaseSerializer[IntakeConversation]) -> None:
        serializer.instance = services.conversation_record(
            actor=request_actor(self.request), **serializer.validated_data
        )


@extend_schema_view(
    list=extend_schema(summary="Intakebesluiten"),
    retrieve=extend_schema(summary="Eén intakebesluit"),
    create=extend_schema(
        summary="Besluiten na intake",
        description=(
            "Toelaten (naar de wachtlijst) of niet, met onderbouwing. De toetsing aan de "
            "criteria wordt bij het besluit bewaard; toelaten kan niet als een criterium "
            "niet is voldaan."
        ),
    ),
)
class DecisionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    TenantViewSet,
):
    """Besluiten na intake, met de toetsing aan de criteria."""

    queryset = IntakeDecision.objects.none()
    serializer_class = DecisionSerializer
    schema = TenantAutoSchema()
    audit_fields = ["decision", "reasoning", "eligibility"]
    view_permission = Perm.INTAKE_VIEW
    manage_permission = Perm.INTAKE_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[IntakeDecision]:
        return decision_list(municipality=municipality)

    def perform_create(self, serializer: serializers.BaseSerializer[IntakeDecision]) -> None:
        serializer.instance = services.intake_decide(
            actor=request_actor(self.request), **serializer.validated_data
        )


@extend_schema_view(
    list=extend_schema(summary="Deelnemersprofielen"),
    retrieve=extend_schema(summary="Eén deelnemersprofiel"),
    create=extend_schema(
        summary="Profiel vastleggen",
        description="Maakt het profiel van de deelnemer, of werkt het bij als het er al is.",
    ),
    update=extend_schema(summary="Profiel wijzigen"),
    partial_update=extend_schema(summary="Profiel deels wijzigen"),
)
class ProfileViewSet(
    OneToOneSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    TenantViewSet,
):
    """Profielen: competenties, voorkeuren, uren, reizen, taal, beperkingen (categorieën)."""

    owner_field = "participant"
    queryset = ParticipantProfile.objects.none()
    serializer_class = ProfileSerializer
    schema = TenantAutoSchema()
    ordering = ["id"]
    audit_fields = ["profile"]
    view_permission = Perm.INTAKE_VIEW
    manage_permission = Perm.INTAKE_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[ParticipantProfile]:
        return profile_list(municipality=municipality)

    def set_record(self, owner: Any, data: dict[str, Any]) -> Model:
        return services.profile_set(participant=owner, actor=request_actor(self.request), data=data)


@extend_schema_view(
    list=extend_schema(summary="Werkplekprofielen"),
    retrieve=extend_schema(summary="Eén werkplekprofiel"),
    create=extend_schema(
        summary="Werkplekprofiel vastleggen",
        description=(
            "Maakt het profiel van de werkplek, of werkt het bij. Bevestigen dat de werkplek "
            "geen betaald werk of vrijwilligerswerk verdringt (displacement_checked) legt vast "
            "wie dat deed en wanneer, en vraagt een toelichting."
        ),
    ),
    update=extend_schema(summary="Werkplekprofiel wijzigen"),
    partial_update=extend_schema(summary="Werkplekprofiel deels wijzigen"),
)
class PositionProfileViewSet(
    OneToOneSetMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    TenantViewSet,
):
    """Werkplekprofielen: gevraagde competenties, begeleiding, toegankelijkheid, verdringingstoets."""

    audit_reads = False
    audit_reads_reason = "Position profiles: what a job asks, no personal data."

    owner_field = "position"
    queryset = PositionProfile.objects.none()
    serializer_class = PositionProfileSerializer
    schema = TenantAutoSchema()
    ordering = ["id"]
    view_permission = Perm.HOST_VIEW
    manage_permission = Perm.HOST_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[PositionProfile]:
        return position_profile_list(municipality=municipality)

    def set_record(self, owner: Any, data: dict[str, Any]) -> Model:
        return services.position_profile_set(
            position=owner, actor=request_actor(self.request), data=data
        )


@extend_schema_view(
    list=extend_schema(summary="Plaatsingsvoorstellen"),
    retrieve=extend_schema(summary="Eén plaatsingsvoorstel"),
    create=extend_schema(
        summary="Plaatsing voorstellen vanuit een match",
        description=(
            "Legt het voorstel vast met score en uitleg. Is de instroom gesloten, dan krijgt "
            "het voorstel status 'waiting' met de reden; de plaatsing wacht."
        ),
    ),
)
class ProposalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    TenantViewSet,
):
    """Voorstellen om een deelnemer op een werkplek te plaatsen."""

    queryset = MatchProposal.objects.none()
    serializer_class = ProposalSerializer
    schema = TenantAutoSchema()
    audit_fields = ["participant", "position", "explanation"]
    view_permission = Perm.INTAKE_VIEW
    manage_permission = Perm.PLACEMENT_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[MatchProposal]:
        return proposal_list(municipality=municipality)

    def perform_create(self, serializer: serializers.BaseSerializer[MatchProposal]) -> None:
        made = services.proposal_create(
            municipality=self.municipality,
            actor=request_actor(self.request),
            **serializer.validated_data,
        )
        serializer.instance = _reload(self, made)

    @extend_schema(
        summary="Plaatsing starten vanuit een voorstel",
        description="Maakt de plaatsing via de plaatsingsservice; geweigerd zolang de instroom gesloten is.",
        request=ProposalPlaceSerializer,
        responses=ProposalSerializer,
    )
    @action(detail=True, methods=["post"])
    def place(self, request: Request, pk: str | None = None) -> Response:
        proposal = self.get_object()
        payload = ProposalPlaceSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.proposal_place(
            proposal=proposal, actor=request_actor(request), **payload.validated_data
        )
        return Response(ProposalSerializer(_reload(self, proposal)).data)

    @extend_schema(
        summary="Voorstel intrekken",
        request=ProposalWithdrawSerializer,
        responses=ProposalSerializer,
    )
    @action(detail=True, methods=["post"])
    def withdraw(self, request: Request, pk: str | None = None) -> Response:
        proposal = self.get_object()
        payload = ProposalWithdrawSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        services.proposal_withdraw(
            proposal=proposal, actor=request_actor(request), **payload.validated_data
        )
        return Response(ProposalSerializer(_reload(self, proposal)).data)


class _ReadOneViewSet(TenantViewSet):
    pagination_class = None
    filter_backends: list[Any] = []
    schema = TenantAutoSchema()


class ParticipantMatchViewSet(_ReadOneViewSet):
    """Open werkplekken (met een vrije plek) gerangschikt voor één deelnemer."""

    queryset = Participant.objects.none()
    serializer_class = MatchSerializer
    view_permission = Perm.INTAKE_VIEW

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Participant]:
        return participant_list(municipality=municipality)

    @extend_schema(
        summary="Passende werkplekken voor een deelnemer",
        description=(
            "Harde eisen (uren, spoor, reisafstand) filteren; zachte criteria geven samen "
            "maximaal 100 punten. Elke regel zegt in woorden waarom. Id: de deelnemer."
        ),
        parameters=[LimitSerializer],
        responses=MatchSerializer(many=True),
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        participant = self.get_object()
        query = LimitSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = positions_for_participant(
            municipality=self.municipality,
            participant=participant,
            limit=query.validated_data.get("limit", 25),
        )
        audit_access(
            actor=request_actor(request), instance=participant, fields=["profile"], channel="api"
        )
        return Response([r.as_json() for r in rows])


class PositionMatchViewSet(_ReadOneViewSet):
    """Kandidaten van de wachtlijst gerangschikt voor één werkplek."""

    queryset = Position.objects.none()
    serializer_class = MatchSerializer
    view_permission = Perm.INTAKE_VIEW

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Position]:
        return position_list(municipality=municipality)

    @extend_schema(
        summary="Kandidaten voor een werkplek",
        description=(
            "Deelnemers van de wachtlijst die aan de harde eisen voldoen, best passend eerst; "
            "bij gelijke score wie eerder op de wachtlijst staat. Id: de werkplek."
        ),
        parameters=[LimitSerializer],
        responses=MatchSerializer(many=True),
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        position = self.get_object()
        query = LimitSerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows, _excluded = candidates_for_position(
            municipality=self.municipality,
            position=position,
            limit=query.validated_data.get("limit", 25),
        )
        audit_list_access(
            actor=request_actor(request),
            municipality=self.municipality,
            model=Participant,
            ids=[r.participant.pk for r in rows],
            fields=["profile"],
            channel="api",
        )
        return Response([r.as_json() for r in rows])


class EligibilityViewSet(_ReadOneViewSet):
    """De toetsing van één deelnemer aan de toelatingscriteria van het programma."""

    queryset = Participant.objects.none()
    serializer_class = EligibilitySerializer
    view_permission = Perm.INTAKE_VIEW

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Participant]:
        return participant_list(municipality=municipality)

    @extend_schema(
        summary="Toetsing aan de toelatingscriteria",
        description="Per criterium: voldaan (met), niet voldaan (not_met) of onbekend (unknown).",
        responses=EligibilitySerializer,
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        participant = self.get_object()
        result = check_participant(participant, timezone.localdate())
        audit_access(
            actor=request_actor(request),
            instance=participant,
            fields=["date_of_birth", "social_assistance_start", "profile"],
            channel="api",
        )
        return Response(
            {
                "participant": participant.pk,
                "outcome": result.outcome.value,
                "criteria": result_rows(result),
            }
        )
