"""API of participants: ``/api/v1/participants/``.

What a client gets is decided by :mod:`basisbaan.participants.privacy`: every
field (the read-only role: the BSN's last four digits only), each read written
to the audit log; or, for roles without identities (researchers), the
pseudonymised fields only.
"""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.calc.pseudonyms import PSEUDONYM_RE
from basisbaan.core.api.fields import request_actor
from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.outcomes.services import exit_record
from basisbaan.participants.api.filters import ParticipantFilter
from basisbaan.participants.api.serializers import (
    ParticipantContactPersonSerializer,
    ParticipantPseudonymisedSerializer,
    ParticipantSerializer,
    ParticipantStatusSerializer,
)
from basisbaan.participants.constants import PERSONAL_FIELDS, ParticipantStatus
from basisbaan.participants.models import Participant, participant_pseudonym
from basisbaan.participants.privacy import (
    NEUTRAL_ORDERING,
    PersonalDataPolicy,
    audit_participant_list,
    audit_participant_view,
    policy_for,
)
from basisbaan.participants.selectors import participant_list
from basisbaan.participants.services import (
    participant_change_status,
    participant_create,
    participant_set_contact_person,
    participant_update,
)
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm, Role

PSEUDONYMISED_NOTE = (
    " Rollen zonder recht op persoonsgegevens (onderzoeker) krijgen alleen de "
    "gepseudonimiseerde velden (ParticipantPseudonymised): pseudonym, programme, "
    "status, household_type, status_changed_at, exit_date, exit_reason, gesorteerd op "
    "statusdatum, zonder database-id; één deelnemer vragen zij op met het pseudoniem "
    "(/participants/P-ABCD-EFGH-IJKL-MNOP/). In plaatsingen en contracten staat voor hen "
    "het pseudoniem in het veld participant. De rol Alleen lezen krijgt van het BSN alleen de laatste 4 cijfers "
    "(*****1234) en kan niet op BSN zoeken. "
    "Elke inzage van persoonsgegevens wordt in het auditlog vastgelegd."
)


@extend_schema_view(
    list=extend_schema(summary="Deelnemers van de gemeente", description=PSEUDONYMISED_NOTE),
    retrieve=extend_schema(summary="Eén deelnemer", description=PSEUDONYMISED_NOTE),
    create=extend_schema(
        summary="Deelnemer aanmelden",
        description="Registreert een aangemelde deelnemer (status 'referred').",
    ),
    update=extend_schema(summary="Deelnemer wijzigen"),
    partial_update=extend_schema(summary="Deelnemer deels wijzigen"),
)
class ParticipantViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    TenantViewSet,
):
    """Deelnemers (inwoners in of aangemeld voor een basisbaanprogramma)."""

    audit_reads = False
    audit_reads_reason = (
        "Audits its own reads through participants.privacy: the fields this viewer saw."
    )

    queryset = Participant.objects.none()
    serializer_class = ParticipantSerializer
    filterset_class = ParticipantFilter
    schema = TenantAutoSchema()
    view_permission = Perm.PARTICIPANT_VIEW
    manage_permission = Perm.PARTICIPANT_MANAGE

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Participant]:
        return participant_list(municipality=municipality)

    @property
    def privacy(self) -> PersonalDataPolicy:
        """What this request's client may see of participants."""
        if getattr(self, "swagger_fake_view", False):
            return PersonalDataPolicy.for_role(Role.FUNCTIONAL_ADMIN)
        return policy_for(self.request)

    @property
    def ordering_fields(self) -> list[str]:
        fields = ["last_name", "first_name", "status", "status_changed_at", "created_at", "id"]
        # The order of a list tells identities as surely as a name column.
        return [f for f in fields if self.privacy.may_order_by(Participant, f)]

    @property
    def ordering(self) -> list[Any] | None:
        """The default order: the model's (by name), or neutral for a pseudonym viewer."""
        return None if self.privacy.sees_identity else list(NEUTRAL_ORDERING)

    def get_serializer_class(self) -> type[serializers.BaseSerializer[Participant]]:
        if self.privacy.sees_identity:
            return ParticipantSerializer
        return ParticipantPseudonymisedSerializer

    def _output(self, participant: Participant) -> dict[str, Any]:
        return self.get_serializer(participant).data  # type: ignore[no-any-return]

    # Reads: personal data is audited in the request that shows it.

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        queryset = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(queryset)
        rows = list(page) if page is not None else list(queryset)
        audit_participant_list(request, [row.pk for row in rows], PERSONAL_FIELDS)
        data = self.get_serializer(rows, many=True).data
        if page is not None:
            return self.get_paginated_response(data)
        return Response(data)

    def retrieve(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if self.privacy.sees_identity:
            participant = self.get_object()
        else:
            participant = self._by_pseudonym(str(kwargs.get(self.lookup_field, "")))
        audit_participant_view(request, participant, PERSONAL_FIELDS)
        return Response(self._output(participant))

    def _by_pseudonym(self, code: str) -> Participant:
        """The participant whose pseudonym is ``code`` (a researcher knows no ids).

        Pseudonyms are computed, not stored: the municipality's ids are hashed
        until one matches (some milliseconds for ten thousand participants).
        """
        queryset: QuerySet[Participant] = self.get_queryset()
        if re.fullmatch(PSEUDONYM_RE, code):
            for pk in queryset.values_list("pk", flat=True).iterator():
                if participant_pseudonym(pk) == code:
                    return queryset.get(pk=pk)
        raise Http404

    # Writes: through the services only.

    def perform_create(self, serializer: serializers.BaseSerializer[Participant]) -> None:
        data: dict[str, Any] = dict(serializer.validated_data)
        serializer.instance = participant_create(
            municipality=self.municipality,
            actor=request_actor(self.request),
            programme=data.pop("programme"),
            contact_person=data.pop("contact_person", None),
            **{k: v for k, v in data.items() if k != "contact_person_reason"},
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Participant]) -> None:
        participant = serializer.instance
        assert participant is not None
        data: dict[str, Any] = dict(serializer.validated_data)
        reason = data.pop("contact_person_reason", "")
        with transaction.atomic():
            if "contact_person" in data:
                contact_person = data.pop("contact_person")
                if contact_person != participant.contact_person:
                    participant = participant_set_contact_person(
                        participant=participant,
                        actor=request_actor(self.request),
                        contact_person=contact_person,
                        reason=reason,
                    )
            participant = participant_update(
                participant=participant,
                actor=request_actor(self.request),
                data=data,
            )
        serializer.instance = participant

    @extend_schema(
        summary="Status van een deelnemer wijzigen",
        description=(
            "Zet de deelnemer een stap verder in de levenscyclus "
            "(aangemeld → intake → wachtlijst → geplaatst, of uitgestroomd). "
            "Uitstroom vraagt een datum en een reden uit de vaste lijst, en legt de uitstroom "
            "vast met nametingen; bij werk ook werkgever, uren, soort contract en loon."
        ),
        request=ParticipantStatusSerializer,
        responses=ParticipantSerializer,
    )
    @action(detail=True, methods=["post"])
    def status(self, request: Request, pk: str | None = None) -> Response:
        participant = self.get_object()
        payload = ParticipantStatusSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        if data["status"] == ParticipantStatus.EXITED:
            exit_record(
                municipality=self.municipality,
                actor=request_actor(request),
                participant=participant,
                exit_date=data["exit_date"],
                reason=data["exit_reason"],
                leaves_programme=True,
                **payload.work_data(),
            )
            participant.refresh_from_db()
        else:
            participant = participant_change_status(
                participant=participant,
                actor=request_actor(request),
                status=data["status"],
            )
        return Response(self._output(participant))

    @extend_schema(
        summary="Vast aanspreekpunt kiezen",
        description="Maakt een consulent, jobcoach of programmamanager het vaste aanspreekpunt.",
        request=ParticipantContactPersonSerializer,
        responses=ParticipantSerializer,
    )
    @action(detail=True, methods=["post"], url_path="contact-person")
    def contact_person(self, request: Request, pk: str | None = None) -> Response:
        participant = self.get_object()
        payload = ParticipantContactPersonSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        payload.is_valid(raise_exception=True)
        participant = participant_set_contact_person(
            participant=participant,
            actor=request_actor(request),
            contact_person=payload.validated_data["contact_person"],
            reason=payload.validated_data["reason"],
        )
        return Response(self._output(participant))
