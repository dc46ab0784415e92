"""The national parameter tables in the admin: written through ``parameter_value_set``.

The parameter page (/parameters/) is the national administrator's face; the
admin offers the same write to the same people (``may_manage_parameters``: a
national administrator or an installation manager, never a municipality's
functional administrator), under the same rules (checked in the form, so a
refusal shows beside its field) and audited.

A municipality's local schemes are read-only here, scoped to the administrator's
municipalities: they change on their own pages (/parameters/lokale-regelingen/)
through :mod:`basisbaan.parameters.local_schemes`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from basisbaan.parameters.models import LocalScheme, ParameterValue
from basisbaan.parameters.services import parameter_value_check, parameter_value_set
from basisbaan.tenancy.admin_base import ReadOnlyTenantAdmin, admin_channel
from basisbaan.tenancy.roles import may_manage_parameters


class ParameterValueAdminForm(forms.ModelForm):  # type: ignore[type-arg]
    class Meta:
        model = ParameterValue
        fields = ["key", "effective_date", "value", "source", "is_assumption", "note"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        key = data.get("key", getattr(self.instance, "key", None))
        if key and data.get("value") is not None:
            try:
                parameter_value_check(
                    key=key,
                    value=data["value"],
                    source=data.get("source") or "",
                    is_assumption=bool(data.get("is_assumption")),
                )
            except ValidationError as exc:
                self.add_error(None, exc)
        return data


@admin.register(ParameterValue)
class ParameterValueAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = ParameterValueAdminForm
    list_display = ["key", "effective_date", "value", "is_assumption", "source"]
    list_filter = ["key", "is_assumption"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        # A correction keeps its key and date; another date is a new value (add).
        fixed = ["key", "effective_date"] if obj is not None else []
        return [*fixed, "updated_at", "updated_by"]

    def save_model(
        self, request: HttpRequest, obj: ParameterValue, form: Any, change: bool
    ) -> None:
        with admin_channel():
            saved = parameter_value_set(
                actor=request.user,  # type: ignore[arg-type]
                key=obj.key,
                effective_date=obj.effective_date,
                value=form.cleaned_data["value"],
                source=form.cleaned_data["source"],
                is_assumption=form.cleaned_data["is_assumption"],
                note=form.cleaned_data["note"],
            )
        obj.pk = saved.pk

    def has_add_permission(self, request: HttpRequest) -> bool:
        return may_manage_parameters(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return may_manage_parameters(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        # The figures are public; every staff account may read them.
        return bool(request.user.is_active and request.user.is_staff)

    def has_module_permission(self, request: HttpRequest) -> bool:
        return bool(request.user.is_active and request.user.is_staff)

    # History of the law is kept; a wrong value is corrected, not deleted.
    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(LocalScheme)
class LocalSchemeAdmin(ReadOnlyTenantAdmin):
    list_display = [
        "name",
        "kind",
        "income_limit",
        "valid_from",
        "valid_until",
        "is_assumption",
        "municipality",
    ]
    list_filter = ["kind", "is_assumption"]
    list_select_related = ["municipality"]
