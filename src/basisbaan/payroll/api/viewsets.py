"""API of payroll: ``/api/v1/payroll-entries/`` and ``/api/v1/payroll-imports/``.

Salaries per person are personal data: every read of entries is written to
the audit log. An import is posted as a file and goes through the same
service as the UI and the CLI, with the same answer as the CLI's JSON.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from basisbaan.core.api.fields import request_actor
from basisbaan.core.api.parsers import FormParser, MultiPartParser
from basisbaan.core.api.schema import TenantAutoSchema
from basisbaan.core.api.viewsets import TenantViewSet
from basisbaan.core.imports import max_upload_text
from basisbaan.jobs.api.serializers import JobSerializer
from basisbaan.jobs.api.viewsets import accepted
from basisbaan.payroll.api.filters import PayrollEntryFilter
from basisbaan.payroll.api.serializers import (
    PayrollEntrySerializer,
    PayrollImportSerializer,
    PayrollUploadErrorsSerializer,
    PayrollUploadSerializer,
)
from basisbaan.payroll.jobs import start_import
from basisbaan.payroll.models import PayrollEntry, PayrollImport
from basisbaan.payroll.parsing import PayrollFileError
from basisbaan.payroll.selectors import payroll_entry_list, payroll_import_list
from basisbaan.payroll.services import payroll_enqueue
from basisbaan.payroll.validation import VALUE_FIELDS
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm

ENTRY_NOTE = (
    "Wat de salarisadministratie per deelnemer en maand in rekening bracht. Bedragen in "
    "euro als tekst met twee decimalen; uren met twee decimalen. Elke inzage wordt in het "
    "auditlog vastgelegd."
)
UPLOAD_NOTE = (
    "Leest een loonbestand in (multipart: file, correction, dry_run), op de achtergrond: "
    "het antwoord is 202 met een taak; de Location-header wijst naar /api/v1/jobs/{id}/. "
    "Volg die tot status done (of failed: message zegt waarom; er is niets opgeslagen). "
    "Het result van de taak is hetzelfde als het antwoord van `basisbaan import_payroll "
    "--format json` (rows, imported, unchanged, errors; bij meer dan 1000 fouten ook "
    "error_count en more_errors), met import (het importrecord) en status: imported, "
    "checked (dry_run: niets opgeslagen) of refused (een regel is fout: niets ingelezen). "
    "Hetzelfde bestand opnieuw inlezen verandert niets (unchanged). Een regel die afwijkt "
    "van eerder ingelezen gegevens is een fout, behalve met correction=true: dan vervangt "
    "hij die (geaudit). Een onleesbaar bestand of ontbrekende kolommen geven meteen 400 "
    'met {"file": [reden]}. Het formaat staat in docs/payroll-import.md. Een te groot '
    "bestand geeft 413."
)


# The multipart envelope around the file: boundaries, headers, the other fields.
MULTIPART_SLACK = 64 * 1024


class FileTooLargeError(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "file_too_large"


def _check_size(size: int, *, slack: int = 0) -> None:
    """413 with ``{"file": [reason]}``, as the page says it, above the upload limit."""
    limit = settings.PAYROLL_MAX_UPLOAD_BYTES
    if size > limit + slack:
        raise FileTooLargeError({"file": [max_upload_text(limit)]})


def _content_length(request: Request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django's request parsing refuses it in its own way


@extend_schema_view(
    list=extend_schema(summary="Verloningsregels", description=ENTRY_NOTE),
    retrieve=extend_schema(summary="Eén verloningsregel", description=ENTRY_NOTE),
)
class PayrollEntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantViewSet):
    """Werkelijke loonkosten per deelnemer en maand, uit de loonbestanden."""

    queryset = PayrollEntry.objects.none()
    serializer_class = PayrollEntrySerializer
    filterset_class = PayrollEntryFilter
    ordering_fields = ["period", "id", "total"]
    ordering = ["-period", "id"]
    schema = TenantAutoSchema()
    view_permission = Perm.PAYROLL_VIEW
    # Reads are audited by the base viewset, with the value fields shown.
    audit_fields = list(VALUE_FIELDS)

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[PayrollEntry]:
        return payroll_entry_list(municipality=municipality)


@extend_schema_view(
    list=extend_schema(summary="Importen van loonbestanden"),
    retrieve=extend_schema(summary="Eén import, met zijn fouten of samenvatting per maand"),
)
class PayrollImportViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, TenantViewSet):
    """Elke keer dat een loonbestand is ingelezen, gecontroleerd of afgekeurd."""

    queryset = PayrollImport.objects.none()
    serializer_class = PayrollImportSerializer
    ordering_fields = ["started_at", "id"]
    ordering = ["-started_at", "-id"]
    schema = TenantAutoSchema()
    view_permission = Perm.PAYROLL_VIEW
    manage_permission = Perm.PAYROLL_IMPORT

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[PayrollImport]:
        return payroll_import_list(municipality=municipality)

    def get_parsers(self) -> list[Any]:
        if getattr(self, "action", None) == "create":
            return [MultiPartParser(), FormParser()]
        return super().get_parsers()

    @extend_schema(
        summary="Loonbestand inlezen",
        description=UPLOAD_NOTE,
        request={"multipart/form-data": PayrollUploadSerializer},
        responses={
            202: OpenApiResponse(
                JobSerializer,
                description=(
                    "Aangenomen: het bestand wordt op de achtergrond gecontroleerd en "
                    "ingelezen. Volg de taak (Location) tot status done; result is dan het "
                    "antwoord van de import (zie PayrollImportResult) met import en status "
                    "(imported, checked of refused)."
                ),
            ),
            400: OpenApiResponse(
                PayrollUploadErrorsSerializer,
                description="Het bestand is onleesbaar of mist kolommen.",
            ),
            413: OpenApiResponse(
                PayrollUploadErrorsSerializer,
                description="Het bestand is groter dan PAYROLL_MAX_UPLOAD_BYTES.",
            ),
        },
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        # Refused before the body is read when the request says it is too large.
        _check_size(_content_length(request), slack=MULTIPART_SLACK)
        payload = PayrollUploadSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        upload = payload.validated_data["file"]
        _check_size(upload.size or 0)
        actor = request_actor(request)
        try:
            record = payroll_enqueue(
                municipality=self.municipality,
                actor=actor,
                file_name=upload.name or "",
                content=upload.read(),
                correction=payload.validated_data["correction"],
                mode="dry_run" if payload.validated_data["dry_run"] else "import",
            )
        except PayrollFileError as exc:
            raise ValidationError({"file": [str(exc)]}) from exc
        return accepted(start_import(record=record, actor=actor), request)
