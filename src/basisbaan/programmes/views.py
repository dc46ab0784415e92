"""Programme pages: list, detail, create, edit, and opening or closing intake."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy

from basisbaan.budgets.capacity_view import capacity_for
from basisbaan.core.listing import ListingMixin
from basisbaan.core.views import (
    ObjectServiceFormView,
    ServiceFormView,
    TenantDetailView,
    TenantListView,
)
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.selectors import participant_list
from basisbaan.placements.selectors import placement_list
from basisbaan.programmes import services
from basisbaan.programmes.forms import IntakeForm, ProgrammeCreateForm, ProgrammeUpdateForm
from basisbaan.programmes.lists import PROGRAMME_COLUMNS
from basisbaan.programmes.models import Programme
from basisbaan.programmes.selectors import programme_list
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm


class ProgrammeListView(ListingMixin, TenantListView):
    permission = Perm.PROGRAMME_VIEW
    template_name = "programmes/list.html"
    columns = PROGRAMME_COLUMNS
    export_name = "programmas"
    export_title = gettext_lazy("Programma's")

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Programme]:
        return (
            programme_list(municipality=municipality)
            .annotate(participant_count=Count("participants"))
            .order_by("-start_date", "name", "id")
        )


class ProgrammeDetailView(TenantDetailView):
    permission = Perm.PROGRAMME_VIEW
    template_name = "programmes/detail.html"
    context_object_name = "programme"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Programme]:
        return programme_list(municipality=municipality)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows = (
            participant_list(municipality=self.municipality, programme_id=self.object.pk)
            .order_by()
            .values("status")
            .annotate(n=Count("id"))
        )
        by_status = {row["status"]: row["n"] for row in rows}
        context["by_status"] = [(s, by_status.get(s.value, 0)) for s in ParticipantStatus]
        context["participant_total"] = sum(by_status.values())
        context["active_placements"] = (
            placement_list(municipality=self.municipality, active=True)
            .filter(participant__programme=self.object)
            .count()
        )
        if self.has_perm(Perm.BUDGET_VIEW):  # room for intake, beside opening or closing it
            context.update(capacity_for(self.request, self.object))
        return context


class ProgrammeCreateView(ServiceFormView):
    permission = Perm.PROGRAMME_MANAGE
    form_class = ProgrammeCreateForm
    template_name = "programmes/form.html"
    success_message = gettext_lazy("Het programma is aangemaakt.")
    extra_context = {"page_title": gettext_lazy("Nieuw programma")}

    def perform(self, form: ProgrammeCreateForm) -> Programme:
        return services.programme_create(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            **form.service_data(),
        )

    def get_success_url(self) -> str:
        return reverse("programmes:detail", args=[self.result.pk])


class ProgrammeObjectView(ObjectServiceFormView):
    context_object_name = "programme"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Programme]:
        return programme_list(municipality=municipality)

    def get_success_url(self) -> str:
        return reverse("programmes:detail", args=[self.object.pk])


class ProgrammeUpdateView(ProgrammeObjectView):
    permission = Perm.PROGRAMME_MANAGE
    form_class = ProgrammeUpdateForm
    template_name = "programmes/form.html"
    success_message = gettext_lazy("Het programma is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Programma wijzigen")}

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.get_object()  # a copy: validation writes onto it
        return kwargs

    def perform(self, form: ProgrammeUpdateForm) -> Programme:
        return services.programme_update(
            programme=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=form.service_data(),
        )


class ProgrammeIntakeView(ProgrammeObjectView):
    permission = Perm.PROGRAMME_INTAKE
    form_class = IntakeForm
    template_name = "programmes/intake_form.html"
    service_field_map = {"intake_closed_reason": "reason", "intake_open": "intake"}
    extra_context = {"page_title": gettext_lazy("Instroom openen of sluiten")}

    def get_initial(self) -> dict[str, Any]:
        return {
            "intake": IntakeForm.OPEN if self.object.intake_open else IntakeForm.CLOSED,
            "reason": self.object.intake_closed_reason,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if self.has_perm(Perm.BUDGET_VIEW):
            context.update(capacity_for(self.request, self.object))
        return context

    def perform(self, form: IntakeForm) -> Programme:
        is_open = form.cleaned_data["intake"] == IntakeForm.OPEN
        programme = services.programme_set_intake(
            programme=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            open=is_open,
            reason=form.cleaned_data.get("reason") or "",
        )
        self.success_message = str(
            gettext_lazy("De instroom is geopend.")
            if is_open
            else gettext_lazy("De instroom is gesloten.")
        )
        return programme
