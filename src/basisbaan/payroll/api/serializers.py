"""Shapes of the payroll API. Validation of the file itself is the service's."""

from __future__ import annotations

import datetime as dt
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from basisbaan.payroll.api.filters import MONTH_SCHEMA
from basisbaan.payroll.constants import ImportStatus
from basisbaan.payroll.models import PayrollEntry, PayrollImport


@extend_schema_field(MONTH_SCHEMA)
class MonthField(serializers.Field):  # type: ignore[type-arg]
    """A first-of-month date shown as ``2024-03``, as in the payroll file."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value: dt.date) -> str:
        return f"{value:%Y-%m}"


@extend_schema_field(
    {
        "type": "string",
        "enum": list(ImportStatus.values),
        "description": "preview: wacht op bevestiging (UI), checked: proefrun zonder fouten, "
        "imported: ingelezen, refused: afgekeurd (niets ingelezen), cancelled: geannuleerd.",
    },
    component_name="PayrollImportStatus",
)
class ImportStatusField(serializers.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=ImportStatus.choices, read_only=True, **kwargs)


class PayrollRowErrorSerializer(serializers.Serializer[None]):
    row = serializers.IntegerField(help_text="Regelnummer zoals in het bestand (kopregel = 1).")
    column = serializers.CharField(help_text="De kolom zoals in de kopregel, bijv. brutoloon.")
    message = serializers.CharField(help_text="De reden, in het Nederlands.")


class PayrollErrorCountSerializer(serializers.Serializer[None]):
    column = serializers.CharField(help_text="De kolom zoals in de kopregel.")
    message = serializers.CharField(help_text="De reden, in het Nederlands.")
    count = serializers.IntegerField(help_text="Hoe vaak deze fout voorkwam na de eerste fouten.")


class PayrollMonthSummarySerializer(serializers.Serializer[None]):
    period = serializers.CharField(help_text="jjjj-mm")
    rows = serializers.IntegerField()
    gross_wage = serializers.DecimalField(max_digits=14, decimal_places=2)
    total = serializers.DecimalField(max_digits=14, decimal_places=2)


class PayrollEntrySerializer(serializers.ModelSerializer[PayrollEntry]):
    period = MonthField(help_text="De maand, als jjjj-mm.")

    class Meta:
        model = PayrollEntry
        fields = [
            "id",
            "participant",
            "contract",
            "period",
            "gross_wage",
            "holiday_allowance",
            "employer_charges",
            "pension",
            "other_costs",
            "total",
            "hours",
            "source_import",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class PayrollImportSerializer(serializers.ModelSerializer[PayrollImport]):
    errors = PayrollRowErrorSerializer(  # type: ignore[assignment]
        many=True,
        read_only=True,
        help_text="De eerste fouten (IMPORT_MAX_ERRORS, standaard 1000) met regel, kolom, reden.",
    )
    more_errors = PayrollErrorCountSerializer(
        many=True,
        read_only=True,
        help_text="De fouten daarna, geteld per kolom en reden (leeg als er niet meer waren).",
    )
    summary = PayrollMonthSummarySerializer(many=True, read_only=True)
    status = ImportStatusField()

    class Meta:
        model = PayrollImport
        fields = [
            "id",
            "file_name",
            "file_format",
            "sha256",
            "uploaded_by",
            "is_correction",
            "dry_run",
            "status",
            "row_count",
            "imported_count",
            "unchanged_count",
            "replaced_count",
            "error_count",
            "started_at",
            "finished_at",
            "errors",
            "more_errors",
            "summary",
        ]
        read_only_fields = fields


class PayrollUploadSerializer(serializers.Serializer[None]):
    file = serializers.FileField(
        help_text="Het loonbestand: CSV (puntkomma of komma) of Excel (.xlsx); hoogstens "
        "PAYROLL_MAX_UPLOAD_BYTES (standaard 200 MB)."
    )
    correction = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Vervang afwijkende, eerder ingelezen regels (elke vervanging wordt geaudit).",
    )
    dry_run = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Alleen controleren en tellen; niets opslaan.",
    )


class PayrollImportResultSerializer(serializers.Serializer[None]):
    """The same JSON as ``basisbaan import_payroll --format json``."""

    rows = serializers.IntegerField(help_text="Gelezen regels (lege regels niet meegeteld).")
    imported = serializers.IntegerField(
        help_text="Nieuw ingelezen regels; bij dry_run: hoeveel er nieuw zouden zijn."
    )
    unchanged = serializers.IntegerField(
        help_text="Regels die precies zo al waren ingelezen (er verandert niets)."
    )
    errors = PayrollRowErrorSerializer(  # type: ignore[assignment]
        many=True, help_text="De eerste fouten (IMPORT_MAX_ERRORS, standaard 1000)."
    )
    error_count = serializers.IntegerField(
        required=False,
        help_text="Alleen als er meer fouten waren dan in errors staan: het aantal fouten in totaal.",
    )
    more_errors = PayrollErrorCountSerializer(
        many=True,
        required=False,
        help_text="Alleen als er meer fouten waren: de overige, geteld per kolom en reden.",
    )


class PayrollUploadErrorsSerializer(serializers.Serializer[None]):
    """The upload refused, per field: the file as a whole could not be read (format,
    encoding, missing columns) or is missing, or ``correction``/``dry_run`` is no
    boolean. One schema for all, so that ``{"file": [...]}`` matches exactly one branch
    of the 400's oneOf.
    """

    file = serializers.ListField(child=serializers.CharField(), required=False)
    correction = serializers.ListField(child=serializers.CharField(), required=False)
    dry_run = serializers.ListField(child=serializers.CharField(), required=False)
