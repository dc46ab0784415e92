"""Admin for budgets: read-only and scoped.

Budgets, expenditures and planned starts change on the budget page and through
the API, where the services keep a closed year locked; the admin writes
nothing, so a closed year stays closed here too.
"""

from __future__ import annotations

from django.contrib import admin

from basisbaan.budgets.models import Budget, Expenditure, PlannedStart
from basisbaan.tenancy.admin_base import ReadOnlyTenantAdmin


@admin.register(Budget)
class BudgetAdmin(ReadOnlyTenantAdmin):
    list_display = ["programme", "year", "amount", "iv3_task_field", "closed_at", "municipality"]
    list_select_related = ["programme", "municipality"]


@admin.register(Expenditure)
class ExpenditureAdmin(ReadOnlyTenantAdmin):
    list_display = ["budget", "category", "booked_on", "amount", "description", "municipality"]
    list_select_related = ["budget__programme", "municipality"]


@admin.register(PlannedStart)
class PlannedStartAdmin(ReadOnlyTenantAdmin):
    list_display = ["programme", "month", "count", "hours_per_week", "track", "municipality"]
    list_select_related = ["programme", "municipality"]
