"""Admin for budgets: scoped and audited like every tenant record."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from basisbaan.budgets.models import Budget, Expenditure, PlannedStart
from basisbaan.tenancy.admin_base import TenantAdmin


def _closed(obj: Budget | Expenditure | None) -> bool:
    budget = obj.budget if isinstance(obj, Expenditure) else obj
    return budget is not None and budget.is_closed


class _LockedWhenClosed(TenantAdmin):
    """A closed year is locked here too: its budget and expenditures are read-only."""

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and not _closed(obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and not _closed(obj)


class ExpenditureAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = Expenditure
        fields = ["municipality", "budget", "category", "booked_on", "amount", "description"]

    def clean_budget(self) -> Budget:
        budget: Budget = self.cleaned_data["budget"]
        if budget.is_closed:
            raise ValidationError(
                _("Het budgetjaar %(year)s is afgesloten: er kan niets meer bij.")
                % {"year": budget.year}
            )
        return budget


@admin.register(Budget)
class BudgetAdmin(_LockedWhenClosed):
    list_display = ["programme", "year", "amount", "iv3_task_field", "closed_at", "municipality"]
    list_select_related = ["programme", "municipality"]
    readonly_fields = ["closed_at", "closed_by", "spent_at_close", "accounts_result"]


@admin.register(Expenditure)
class ExpenditureAdmin(_LockedWhenClosed):
    form = ExpenditureAdminForm
    list_display = ["budget", "category", "booked_on", "amount", "description", "municipality"]
    list_select_related = ["budget__programme", "municipality"]


@admin.register(PlannedStart)
class PlannedStartAdmin(TenantAdmin):
    list_display = ["programme", "month", "count", "hours_per_week", "track", "municipality"]
    list_select_related = ["programme", "municipality"]
