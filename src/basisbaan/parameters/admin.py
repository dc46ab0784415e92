from django.contrib import admin

from basisbaan.parameters.models import ParameterValue


@admin.register(ParameterValue)
class ParameterValueAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["key", "effective_date", "value", "is_assumption", "source"]
    list_filter = ["key", "is_assumption"]
    readonly_fields = ["updated_at", "updated_by"]

    def save_model(self, request, obj, form, change):  # type: ignore[no-untyped-def]
        from basisbaan.parameters.services import parameter_value_set

        parameter_value_set(
            actor=request.user,
            key=obj.key,
            effective_date=obj.effective_date,
            value=obj.value,
            source=obj.source,
            is_assumption=obj.is_assumption,
            note=obj.note,
        )

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        # History of the law is kept; a wrong value is corrected, not deleted.
        return False
