"""Admin for budgets: scoped and audited like every tenant record."""

from __future__ import annotations

from django.contrib import admin

from basisbaan.budgets.models import Budget, Expenditure, PlannedStart
from basisbaan.tenancy.admin_base import TenantAdmin


@admin.register(Budget)
class BudgetAdmin(TenantAdmin):
    list_display = ["programme", "year", "amount", "iv3_task_field", "closed_at", "municipality"]
    list_select_related = ["programme", "municipality"]
    readonly_fields = ["closed_at", "closed_by", "spent_at_close", "accounts_result"]


@admin.register(Expenditure)
class ExpenditureAdmin(TenantAdmin):
    list_display = ["budget", "category", "booked_on", "amount", "description", "municipality"]
    list_select_related = ["budget__programme", "municipality"]


@admin.register(PlannedStart)
class PlannedStartAdmin(TenantAdmin):
    list_display = ["programme", "month", "count", "hours_per_week", "track", "municipality"]
    list_select_related = ["programme", "municipality"]
