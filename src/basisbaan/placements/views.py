"""Placement pages: list, detail, place a participant, end a placement."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from basisbaan.contracts.selectors import contract_list
from basisbaan.core.choices import BoundedChoicesViewMixin
from basisbaan.core.listing import ListColumn
from basisbaan.core.views import (
    ObjectServiceFormView,
    ServiceFormView,
    TenantDetailView,
    TenantListView,
)
from basisbaan.income.views.panel import PANEL_FIELDS, panel_for
from basisbaan.outcomes.forms import ExitForm
from basisbaan.outcomes.services import exit_record
from basisbaan.participants.choices import apply_participant_policy, audit_shown_participants
from basisbaan.participants.listing import PersonalListMixin
from basisbaan.participants.privacy import (
    NAME_FIELDS,
    audit_participant_list,
    audit_participant_view,
)
from basisbaan.placements import services
from basisbaan.placements.forms import (
    PlacementEditForm,
    PlacementFilterForm,
    PlacementForm,
)
from basisbaan.placements.lists import placement_columns
from basisbaan.placements.models import Placement
from basisbaan.placements.selectors import placement_list
from basisbaan.placements.status import days_before_programme_end
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm, Role, has_perm


def late_start_warning(placement: Placement) -> str:
    """The warning for a running placement that starts less than a month before its
    programme ends ("" when there is none)."""
    programme = placement.participant.programme
    days = days_before_programme_end(placement.start_date, programme.end_date)
    if days is None or placement.end_date is not None:
        return ""
    return ngettext(
        "De startdatum ligt %(days)s dag voor het einde van het programma (%(end)s): "
        "er blijft minder dan een maand over voor werk en contract.",
        "De startdatum ligt %(days)s dagen voor het einde van het programma (%(end)s): "
        "er blijft minder dan een maand over voor werk en contract.",
        days,
    ) % {"days": days, "end": date_format(programme.end_date, "SHORT_DATE_FORMAT")}


def warn_late_start(request: HttpRequest, placement: Placement | None) -> None:
    warning = late_start_warning(placement) if placement is not None else ""
    if warning:
        messages.warning(request, warning)


def contract_makers() -> str:
    """Who may make a contract, from the role matrix: for a viewer who may not."""
    roles = [str(role.label).lower() for role in Role if has_perm(role, Perm.CONTRACT_MANAGE)]
    if not roles:
        return ""
    names = roles[0] if len(roles) == 1 else ", ".join(roles[:-1]) + " " + _("of") + " " + roles[-1]
    return _("Een %(roles)s maakt het contract.") % {"roles": names}


class PlacementListView(PersonalListMixin, TenantListView):
    permission = Perm.PLACEMENT_VIEW
    template_name = "placements/list.html"
    export_name = "plaatsingen"
    export_title = gettext_lazy("Plaatsingen")

    def get_columns(self) -> list[ListColumn]:
        return placement_columns(self.policy())

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Placement]:
        self.filter_form = PlacementFilterForm(self.request.GET or None)
        data = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return placement_list(
            municipality=municipality,
            status=data.get("status", ""),
            today=timezone.localdate(),
            track=data.get("track", ""),
        ).select_related("participant__programme")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(filter_form=self.filter_form, **kwargs)
        context["today"] = timezone.localdate()
        page = context["page_obj"]
        page.object_list = context["object_list"] = list(page.object_list)
        audit_participant_list(self.request, (p.participant_id for p in page.object_list))
        return context


class PlacementDetailView(TenantDetailView):
    permission = Perm.PLACEMENT_VIEW
    template_name = "placements/detail.html"
    context_object_name = "placement"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Placement]:
        return placement_list(municipality=municipality).select_related("participant__programme")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        placement = self.object
        context["contracts"] = contract_list(
            municipality=self.municipality, participant_id=placement.participant_id
        ).filter(placement=placement)
        context["status"] = placement.status_on(timezone.localdate())
        context["late_start"] = late_start_warning(placement)
        context["contract_makers"] = contract_makers()
        context["panel"] = panel = panel_for(
            self.request, placement.participant, hours=placement.position.hours_per_week
        )
        shown = [*NAME_FIELDS, *PANEL_FIELDS] if panel is not None else NAME_FIELDS
        audit_participant_view(self.request, placement.participant, shown)
        return context


class PlacementCreateView(BoundedChoicesViewMixin, ServiceFormView):
    permission = Perm.PLACEMENT_MANAGE
    form_class = PlacementForm
    template_name = "placements/form.html"
    success_message = gettext_lazy("De deelnemer is geplaatst.")
    extra_context = {"page_title": gettext_lazy("Deelnemer plaatsen")}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "municipality": self.municipality}

    def get_initial(self) -> dict[str, Any]:
        return {
            key: self.request.GET[key]
            for key in ("participant", "position")
            if self.request.GET.get(key, "").isdigit()
        }

    def choices_prepare(self, form: forms.BaseForm) -> None:
        apply_participant_policy(self.request, form)

    def choices_shown(self, form: forms.BaseForm) -> None:
        # The participant choice shows names: only the shown rows are audited.
        audit_shown_participants(self.request, form)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        warn_late_start(self.request, self.result)
        return response

    def perform(self, form: PlacementForm) -> Placement:
        data = form.cleaned_data
        return services.placement_create(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            participant=data["participant"],
            position=data["position"],
            start_date=data["start_date"],
            track=data.get("track") or "",
        )

    def get_success_url(self) -> str:
        return reverse("placements:detail", args=[self.result.pk])


class PlacementUpdateView(ObjectServiceFormView):
    permission = Perm.PLACEMENT_MANAGE
    form_class = PlacementEditForm
    template_name = "placements/edit_form.html"
    context_object_name = "placement"
    success_message = gettext_lazy("De plaatsing is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Plaatsing corrigeren")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Placement]:
        return placement_list(municipality=municipality).select_related("participant__programme")

    def get_initial(self) -> dict[str, Any]:
        return {"track": self.object.track, "start_date": self.object.start_date}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.object.participant, NAME_FIELDS)
        return response

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        warn_late_start(self.request, self.result)
        return response

    def perform(self, form: PlacementEditForm) -> Placement:
        return services.placement_update(
            placement=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data={
                "track": form.cleaned_data["track"],
                "start_date": form.cleaned_data["start_date"],
            },
        )

    def get_success_url(self) -> str:
        return reverse("placements:detail", args=[self.object.pk])


class PlacementEndView(ObjectServiceFormView):
    permission = Perm.PLACEMENT_MANAGE
    form_class = ExitForm
    template_name = "placements/end_form.html"
    context_object_name = "placement"
    success_message = gettext_lazy("De plaatsing is beëindigd.")
    extra_context = {"page_title": gettext_lazy("Plaatsing beëindigen")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Placement]:
        return placement_list(municipality=municipality)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_view(request, self.object.participant, NAME_FIELDS)
        return response

    def get_initial(self) -> dict[str, Any]:
        return {"leaves_programme": self.request.GET.get("uitstroom") == "1"}

    def perform(self, form: ExitForm) -> Placement:
        placement: Placement = self.fresh_object()
        data = form.cleaned_data
        exit_record(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            participant=placement.participant,
            placement=placement,
            exit_date=data["end_date"],
            reason=data["reason"],
            leaves_programme=data["leaves_programme"],
            note=data.get("note") or "",
            **form.work_data(),
        )
        return placement

    def get_success_url(self) -> str:
        return reverse("placements:detail", args=[self.object.pk])
