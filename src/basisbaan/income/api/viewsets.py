"""``POST /api/v1/income-check/`` and ``GET /api/v1/participants/{id}/income-check/``:
does work pay? The household on assistance against the household in a basisbaan."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.audit.services import audit_access
from basisbaan.calc.income import Household
from basisbaan.calc.income_rules import Kind
from basisbaan.core.api.fields import request_actor
from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.income.api.serializers import (
    IncomeCheckInputSerializer,
    ParticipantCheckQuerySerializer,
)
from basisbaan.income.selectors import (
    ParticipantComparison,
    comparison_for,
    participant_comparison,
)
from basisbaan.income.serialize import IncomeCheckSerializer, comparison_json
from basisbaan.income.texts import KIND_OF_CODE, NO_RULES_TEXT, OTHER_HOUSEHOLD_TEXT
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import participant_list
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm

__all__ = ["IncomeCheckViewSet", "ParticipantIncomeCheckViewSet"]

# What of a participant the comparison reads (audited).
READ_FIELDS = ["household_type", "children_birth_months", "rent_month", "partner_income_year"]

DESCRIPTION = (
    "Netto huishoudinkomen met bijstand tegen netto huishoudinkomen met de basisbaan, "
    "gemiddeld per maand over het jaar: nettoloon, aanvulling bijstand, toeslagen en de "
    "lokale regelingen van de gemeente; het verschil per maand en per jaar, de vrijlating in "
    "de eerste maanden, het jaar maand voor maand vanaf de startmaand, de curve van 0 tot 40 "
    "uur, de vereenvoudigingen en elke gebruikte rekenregel met datum en bron. Bedragen als "
    "decimale tekst in euro. Een jaar zonder rekenregels geeft 400."
)


def _no_rules(year: int) -> serializers.ValidationError:
    return serializers.ValidationError({"year": [NO_RULES_TEXT % {"year": year}]})


class IncomeCheckViewSet(TenantViewSet):
    """Loont werken? Een berekening voor opgegeven gegevens, zonder persoon."""

    queryset = Programme.objects.none()
    serializer_class = IncomeCheckInputSerializer
    schema = TenantAutoSchema()
    # Every role may compare: the inputs and the answer hold no personal data.
    view_permission = Perm.PARAMETER_VIEW
    action_permissions = {"create": Perm.PARAMETER_VIEW}
    pagination_class = None
    filter_backends: list[Any] = []

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Programme]:
        return Programme.objects.none()

    @extend_schema(
        summary="Loont werken? (opgegeven gegevens)",
        description=DESCRIPTION + " Met de lokale regelingen van de gemeente van de gebruiker.",
        request=IncomeCheckInputSerializer,
        responses={200: IncomeCheckSerializer},
    )
    def create(self, request: Request) -> Response:
        given = IncomeCheckInputSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        household_kind = KIND_OF_CODE[data["household"]]
        household = Household(
            kind=household_kind,
            children_ages=tuple(data["children_ages"]),
            rent_month=data["rent_month"],
            partner_gross_year=data["partner_income_year"]
            if household_kind == Kind.COUPLE
            else Decimal(0),
        )
        try:
            result = comparison_for(
                municipality=self.municipality,
                household=household,
                hours=data["hours_per_week"],
                wage=data["hourly_wage"],
                year=data["year"],
                start_month=data["start_month"],
                pension_rate=data["pension_rate"],
            )
        except LookupError:
            raise _no_rules(data["year"]) from None
        return Response(comparison_json(result))


class ParticipantIncomeCheckViewSet(TenantViewSet):
    """Loont werken? De berekening voor één deelnemer (gegevens van de deelnemer)."""

    queryset = Participant.objects.none()
    serializer_class = IncomeCheckSerializer
    schema = TenantAutoSchema()
    view_permission = Perm.PARTICIPANT_VIEW_PERSONAL
    pagination_class = None
    filter_backends: list[Any] = []

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Participant]:
        return participant_list(municipality=municipality)

    @extend_schema(
        summary="Loont werken? (een deelnemer)",
        description=DESCRIPTION
        + " Het huishouden, de kinderen, de huur en het inkomen van de partner komen van de "
        "deelnemer; uren en uurloon van de lopende (of volgende) contractperiode, anders 32 uur "
        "tegen het minimumloon. De queryparameters vervangen uren, uurloon, jaar en startmaand. "
        "Huishouden ‘anders’ geeft 400.",
        parameters=[ParticipantCheckQuerySerializer],
        responses={200: IncomeCheckSerializer},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        participant = self.get_object()
        query = ParticipantCheckQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        given = query.validated_data
        result = participant_check(participant, given)
        audit_access(
            actor=request_actor(request), instance=participant, fields=READ_FIELDS, channel="api"
        )
        return Response(comparison_json(result))


def participant_check(participant: Participant, given: dict[str, Any]) -> ParticipantComparison:
    """The participant's comparison with the overrides ``given``; a 400 when it
    cannot be made (household "other", a year without rules)."""
    today = timezone.localdate()
    try:
        result = participant_comparison(
            participant,
            today=today,
            hours=given.get("hours"),
            wage=given.get("wage"),
            year=given.get("year"),
            start_month=given.get("start_month"),
        )
    except LookupError:
        raise _no_rules(given.get("year") or today.year) from None
    if result is None:
        raise serializers.ValidationError({"household_type": [OTHER_HOUSEHOLD_TEXT]})
    return result
