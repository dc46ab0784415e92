"""API of council reports: ``/api/v1/council-reports/`` with ``{id}/finalise/``,
``{id}/new-version/``, ``{id}/download/`` and ``{id}/compare/``.

The same services as the pages and the command: a draft is computed from today's
data whenever it is shown; a final version shows what was frozen. Every download
is audited (which version, which format, by whom).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.audit.services import audit_export
from basisbaan.core.api.fields import request_actor
from basisbaan.core.api.negotiation import FileNegotiation
from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.reports.api.filters import CouncilReportFilter
from basisbaan.reports.api.serializers import (
    CouncilReportCreateSerializer,
    CouncilReportDetailSerializer,
    CouncilReportEditedSerializer,
    CouncilReportListSerializer,
    CouncilReportUpdateSerializer,
    DownloadQuerySerializer,
    ReportCompareSerializer,
)
from basisbaan.reports.compare import compare
from basisbaan.reports.constants import ReportFormat
from basisbaan.reports.models import CouncilReport
from basisbaan.reports.outputs import CONTENT_TYPES, filename, render
from basisbaan.reports.render import document
from basisbaan.reports.services import (
    TextWarnings,
    filled_texts,
    published_figures,
    report_create,
    report_finalise,
    report_new_version,
    report_update,
    text_warnings,
)
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm

__all__ = ["CouncilReportViewSet"]


DOWNLOAD_RESPONSES: dict[Any, Any] = {
    (200, CONTENT_TYPES[ReportFormat.PDF]): OpenApiResponse(
        OpenApiTypes.BINARY, description="Het bestand (pdf en pdfa: PDF/UA-1 of PDF/A-3u)."
    ),
    (200, CONTENT_TYPES[ReportFormat.DOCX]): OpenApiResponse(
        OpenApiTypes.BINARY, description="Word-document (docx)."
    ),
    (200, "text/html"): OpenApiResponse(OpenApiTypes.STR, description="Webpagina (html)."),
}


@extend_schema_view(
    list=extend_schema(
        summary="Raadsrapportages",
        description=(
            "Alle versies van de raadsrapportages van de gemeente, nieuwste peildatum eerst; "
            "zonder teksten en cijfers (die staan bij één versie)."
        ),
    ),
    retrieve=extend_schema(
        summary="Eén versie van een raadsrapportage",
        description=(
            "Met de teksten en de cijfers zoals de brief ze publiceert: bij een definitieve "
            "(of vervangen) versie bevroren, bij een concept berekend met de gegevens van nu. "
            "Kleine aantallen zijn afgeschermd (‘minder dan 5’, ‘afgeschermd’); wat een "
            "eerdere versie afschermde, blijft afgeschermd."
        ),
    ),
)
class CouncilReportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantViewSet):
    """Raadsrapportages (raadsinformatiebrief) per programma, in versies: concept,
    definitief (bevroren met een SHA-256-hash), vervangen."""

    queryset = CouncilReport.objects.none()
    serializer_class = CouncilReportDetailSerializer
    filterset_class = CouncilReportFilter
    ordering_fields = ["as_of", "number", "id"]
    ordering = ["-as_of", "-number", "-id"]
    schema = TenantAutoSchema()
    view_permission = Perm.REPORT_VIEW
    manage_permission = Perm.REPORT_EDIT

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[CouncilReport]:
        return CouncilReport.objects.filter(municipality=municipality).select_related(
            "programme", "previous", "next_version"
        )

    def get_serializer_class(self) -> Any:
        if self.action == "list":
            return CouncilReportListSerializer
        return CouncilReportDetailSerializer

    def _edited(self, report: CouncilReport, warnings: TextWarnings, **kwargs: Any) -> Response:
        fresh = self.get_queryset().get(pk=report.pk)
        context = {**self.get_serializer_context(), "warnings": warnings}
        return Response(CouncilReportEditedSerializer(fresh, context=context).data, **kwargs)

    def _detail(self, report: CouncilReport, **kwargs: Any) -> Response:
        fresh = self.get_queryset().get(pk=report.pk)
        return Response(self.get_serializer(fresh).data, **kwargs)

    @extend_schema(
        summary="Raadsrapportage beginnen (concept)",
        description=(
            "Een nieuw concept. Zonder teksten: de teksten van de laatste brief van het "
            "programma, of de standaardopzet. De peildatum ligt in de periode, niet na "
            "vandaag en niet vóór de start van het programma. Het antwoord waarschuwt voor "
            "namen van deelnemers en onbekende velden in de teksten."
        ),
        request=CouncilReportCreateSerializer,
        responses={201: CouncilReportEditedSerializer},
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        payload = CouncilReportCreateSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        payload.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(payload.validated_data)
        texts = data.pop("texts", None)
        report = report_create(
            actor=request_actor(request),
            today=timezone.localdate(),
            texts=dict(texts) if texts is not None else None,
            **data,
        )
        return self._edited(report, text_warnings(report), status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Concept wijzigen",
        description=(
            "Titel, data of teksten van een concept; alleen de meegestuurde onderdelen van "
            "de teksten veranderen. Een definitieve versie verandert niet meer (400): maak "
            "een nieuwe versie. Het antwoord waarschuwt voor namen van deelnemers en "
            "onbekende velden in de teksten."
        ),
        request=CouncilReportUpdateSerializer,
        responses={200: CouncilReportEditedSerializer},
    )
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        report = self.get_object()
        payload = CouncilReportUpdateSerializer(data=request.data, partial=True)
        payload.is_valid(raise_exception=True)
        data: dict[str, Any] = dict(payload.validated_data)
        if "texts" in data:
            data["texts"] = dict(data["texts"])
        report, warnings = report_update(
            report=report, actor=request_actor(request), data=data, today=timezone.localdate()
        )
        return self._edited(report, warnings)

    @extend_schema(
        summary="Versie definitief maken",
        description=(
            "Bevriest het concept: de cijfers zoals gepubliceerd, de ingevulde teksten en "
            "hun SHA-256-hash (content_hash) veranderen daarna nooit meer, ook niet als de "
            "gegevens veranderen. Een vorige definitieve versie wordt ‘vervangen’. Alleen "
            "een concept kan definitief worden (anders 400)."
        ),
        request=None,
        responses={200: CouncilReportDetailSerializer},
    )
    @action(detail=True, methods=["post"])
    def finalise(self, request: Request, pk: str | None = None) -> Response:
        report = report_finalise(report=self.get_object(), actor=request_actor(request))
        return self._detail(report)

    @extend_schema(
        summary="Nieuwe versie maken",
        description=(
            "Een concept dat de definitieve versie gaat vervangen, met dezelfde titel, data "
            "en teksten; de vorige blijft geldig tot het nieuwe concept definitief is. "
            "Alleen van de geldende definitieve versie, en één keer (anders 400)."
        ),
        request=None,
        responses={201: CouncilReportDetailSerializer},
    )
    @action(detail=True, methods=["post"], url_path="new-version")
    def new_version(self, request: Request, pk: str | None = None) -> Response:
        draft = report_new_version(report=self.get_object(), actor=request_actor(request))
        return self._detail(draft, status=status.HTTP_201_CREATED)

    @extend_schema(
        summary="Raadsrapportage downloaden",
        description=(
            "De brief als bestand, met de bestandsnaam in Content-Disposition: pdf "
            "(toegankelijk, PDF/UA), pdfa (voor het archief, PDF/A), docx (Word) of html. "
            "Een definitieve versie geeft de bevroren inhoud, een concept de cijfers van nu "
            "(met ‘Concept’ erop). Elke download komt in het auditlog."
        ),
        parameters=[DownloadQuerySerializer],
        responses=DOWNLOAD_RESPONSES,
    )
    @action(detail=True, methods=["get"], content_negotiation_class=FileNegotiation)
    def download(self, request: Request, pk: str | None = None) -> HttpResponse:
        report = self.get_object()
        query = DownloadQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        fmt = ReportFormat(query.validated_data["format"])
        doc = document(report, today=timezone.localdate())
        content = render(doc, fmt)
        name = filename(doc, fmt)
        audit_export(
            actor=request_actor(request),
            municipality=self.municipality,
            model=CouncilReport,
            filters={
                "report": str(report.pk),
                "programme": str(report.programme_id),
                "number": str(report.number),
                "status": str(report.status),
                "content_hash": report.content_hash,
            },
            rows=1,
            file_format=str(fmt),
        )
        response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response

    @extend_schema(
        summary="Vergelijken met de vorige versie",
        description=(
            "Wat er veranderde ten opzichte van de vorige versie: de teksten woord voor woord "
            "(zoals ingevuld) en de cijfers cel voor cel, zoals getoond. Bij de eerste versie "
            "is previous null en zijn beide lijsten leeg."
        ),
        responses={200: ReportCompareSerializer},
    )
    @action(detail=True, methods=["get"])
    def compare(self, request: Request, pk: str | None = None) -> Response:
        report = self.get_object()
        self.audit_read(report, many=False)
        previous = report.previous
        if previous is None:
            data = {"report": report.pk, "previous": None, "texts": [], "figures": []}
            return Response(ReportCompareSerializer(data).data)
        before_figures = published_figures(previous)
        after_figures = published_figures(report)
        texts, figures = compare(
            filled_texts(previous, before_figures),
            filled_texts(report, after_figures),
            before_figures,
            after_figures,
        )
        data = {
            "report": report.pk,
            "previous": previous.pk,
            "texts": [
                {
                    "section": change.section,
                    "title": change.title,
                    "parts": [{"kind": kind, "words": words} for kind, words in change.parts],
                }
                for change in texts
            ],
            "figures": [
                {"key": c.key, "label": c.label, "before": c.before, "after": c.after}
                for c in figures
            ],
        }
        return Response(ReportCompareSerializer(data).data)
