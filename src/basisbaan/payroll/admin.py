"""Admin for payroll: read-only. Imports and entries change through the import only."""

from __future__ import annotations

from django.contrib import admin

from basisbaan.payroll.models import PayrollEntry, PayrollImport
from basisbaan.tenancy.admin_base import ReadOnlyTenantAdmin


@admin.register(PayrollImport)
class PayrollImportAdmin(ReadOnlyTenantAdmin):
    list_display = [
        "id",
        "file_name",
        "status",
        "is_correction",
        "row_count",
        "imported_count",
        "unchanged_count",
        "replaced_count",
        "error_count",
        "started_at",
        "municipality",
    ]
    list_filter = [
        "status",
        "is_correction",
        "dry_run",
        ("municipality", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["file_name", "sha256"]
    list_select_related = ["municipality"]


@admin.register(PayrollEntry)
class PayrollEntryAdmin(ReadOnlyTenantAdmin):
    list_display = ["id", "period", "participant_id", "contract_id", "total", "source_import_id"]
    list_filter = ["period", ("municipality", admin.RelatedOnlyFieldListFilter)]
    raw_id_fields = ["participant", "contract", "source_import"]
    show_full_result_count = False
