"""``GET /api/v1/programmes/{id}/costs/?year=Y``: actual against planned."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.audit.services import audit_list_access
from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.costs.api.serializers import (
    ComparisonQuerySerializer,
    ComparisonSerializer,
    comparison_data,
)
from basisbaan.costs.comparison import programme_comparison
from basisbaan.payroll.models import PayrollEntry
from basisbaan.payroll.validation import VALUE_FIELDS
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm

__all__ = ["ProgrammeCostViewSet"]


class ProgrammeCostViewSet(TenantViewSet):
    """Werkelijk tegen gepland: per contract en maand de planning van het kostenmodel
    naast de ingelezen verloning, met de afwijking."""

    audit_reads = False
    audit_reads_reason = "Audits its own reads: the payroll entries behind the comparison."

    queryset = Programme.objects.none()
    serializer_class = ComparisonSerializer
    schema = TenantAutoSchema()
    view_permission = Perm.COSTS_VIEW
    pagination_class = None
    filter_backends: list[Any] = []

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Programme]:
        return programme_list(municipality=municipality).select_related("cost_settings")

    @extend_schema(
        summary="Werkelijk tegen gepland",
        description=(
            "Per contract en maand van het kalenderjaar: de planning van het kostenmodel "
            "(brutoloon, vakantiegeld, werkgeverslasten, pensioen, monitoringskosten, totaal, "
            "LKS), de ingelezen verloning en de afwijking, met of die boven de drempel van het "
            "programma ligt. Bedragen als decimale tekst in euro. Een maand telt als ingelezen "
            "als het programma er minstens één verloningsregel in heeft; daar is een contract "
            "zonder regel ‘missing’."
        ),
        parameters=[ComparisonQuerySerializer],
        responses={200: ComparisonSerializer},
    )
    def retrieve(self, request: Request, pk: str | None = None) -> Response:
        programme = self.get_object()
        query = ComparisonQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        year = query.validated_data.get("year") or timezone.localdate().year
        comparison = programme_comparison(
            municipality=self.municipality, programme=programme, year=year
        )
        entry_ids = sorted({i for line in comparison.lines for i in line.entry_ids})
        if entry_ids:
            audit_list_access(
                actor=request.user,  # type: ignore[arg-type]
                municipality=self.municipality,
                model=PayrollEntry,
                ids=entry_ids,
                fields=list(VALUE_FIELDS),
                channel="api",
            )
        return Response(ComparisonSerializer(comparison_data(comparison, year)).data)
