"""Participants in the admin: read-only (the status lifecycle holds in the services),
scoped, and personal data shown here is audited like in the UI."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from basisbaan.audit.services import audit_access, audit_list_access
from basisbaan.participants.constants import PERSONAL_FIELDS
from basisbaan.participants.models import Participant
from basisbaan.tenancy.admin_base import ReadOnlyTenantAdmin


@admin.register(Participant)
class ParticipantAdmin(ReadOnlyTenantAdmin):
    list_display = ["last_name", "first_name", "programme", "status", "municipality"]
    list_filter = [
        "status",
        ("municipality", admin.RelatedOnlyFieldListFilter),
        ("programme", admin.RelatedOnlyFieldListFilter),
    ]
    search_fields = ["=bsn", "last_name", "first_name"]
    list_select_related = ["programme", "municipality"]
    readonly_fields = ["status_changed_at", "created_at", "updated_at"]

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            participant = self.get_object(request, object_id)
            if participant is not None:
                audit_access(
                    actor=request.user,  # type: ignore[arg-type]
                    instance=participant,
                    fields=PERSONAL_FIELDS,
                    channel="admin",
                )
        return response

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None:
            shown = list(changelist.result_list)
            for municipality_id in {p.municipality_id for p in shown}:
                audit_list_access(
                    actor=request.user,  # type: ignore[arg-type]
                    municipality=next(
                        p.municipality for p in shown if p.municipality_id == municipality_id
                    ),
                    model=Participant,
                    ids=[p.pk for p in shown if p.municipality_id == municipality_id],
                    fields=["first_name", "name_prefix", "last_name"],
                    channel="admin",
                )
        return response
