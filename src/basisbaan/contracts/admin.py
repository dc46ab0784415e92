"""Contracts, their periods, decisions and settings in the admin: read-only and scoped (the services write them)."""

from django.contrib import admin

from basisbaan.contracts.models import (
    Contract,
    ContractPeriod,
    ContractSettings,
    ContractWageLine,
    LkvEntitlement,
    RenewalDecision,
    WageValueMeasurement,
)
from basisbaan.tenancy.admin_base import ReadOnlyTenantAdmin


@admin.register(Contract)
class ContractAdmin(ReadOnlyTenantAdmin):
    list_display = [
        "id",
        "employer_name",
        "reference",
        "wage_subsidy",
        "is_permanent",
        "municipality",
    ]
    list_filter = [
        "wage_subsidy",
        "is_permanent",
        ("municipality", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["reference", "employer_name"]
    raw_id_fields = ["participant", "placement"]


@admin.register(ContractPeriod)
class ContractPeriodAdmin(ReadOnlyTenantAdmin):
    list_display = ["contract", "sequence", "start_date", "end_date", "hours_per_week"]
    list_select_related = ["contract__participant"]
    raw_id_fields = ["contract"]


@admin.register(ContractWageLine)
class ContractWageLineAdmin(ReadOnlyTenantAdmin):
    list_display = ["period", "start_date", "hourly_wage", "reason"]
    list_filter = ["reason", ("municipality", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["period__contract__participant"]
    raw_id_fields = ["period"]


@admin.register(RenewalDecision)
class RenewalDecisionAdmin(ReadOnlyTenantAdmin):
    list_display = ["period", "decision", "decided_by", "decided_at", "notice_sent_on"]
    list_filter = ["decision", ("municipality", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["period__contract__participant", "decided_by"]
    raw_id_fields = ["period", "next_period", "decided_by"]


@admin.register(WageValueMeasurement)
class WageValueMeasurementAdmin(ReadOnlyTenantAdmin):
    list_display = ["participant", "measured_on", "percentage", "method", "next_measurement_on"]
    list_filter = ["method", ("municipality", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["participant"]
    raw_id_fields = ["participant"]


@admin.register(ContractSettings)
class ContractSettingsAdmin(ReadOnlyTenantAdmin):
    list_display = ["programme", "default_employer_name", "fulltime_hours", "remeasurement_months"]
    raw_id_fields = ["programme"]


@admin.register(LkvEntitlement)
class LkvEntitlementAdmin(ReadOnlyTenantAdmin):
    list_display = ["participant", "kind", "start_date", "end_date", "declaration_date"]
    list_filter = ["kind", ("municipality", admin.RelatedOnlyFieldListFilter)]
    list_select_related = ["participant"]
    raw_id_fields = ["participant"]
