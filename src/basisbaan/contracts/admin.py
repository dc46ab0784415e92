from django.contrib import admin

from basisbaan.contracts.models import Contract, ContractPeriod
from basisbaan.tenancy.admin_base import TenantAdmin


@admin.register(Contract)
class ContractAdmin(TenantAdmin):
    list_display = ["id", "employer_name", "reference", "wage_subsidy", "municipality"]
    list_filter = ["wage_subsidy", ("municipality", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["reference", "employer_name"]
    raw_id_fields = ["participant", "placement"]


@admin.register(ContractPeriod)
class ContractPeriodAdmin(TenantAdmin):
    list_display = ["contract", "sequence", "start_date", "end_date", "hours_per_week"]
    list_select_related = ["contract__participant"]
    raw_id_fields = ["contract"]
