"""Host pages: organisations, their contact persons and their positions."""

from __future__ import annotations

import copy
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy

from basisbaan.core.listing import ListingMixin
from basisbaan.core.views import (
    ObjectServiceFormView,
    ServiceFormView,
    TenantDetailView,
    TenantListView,
)
from basisbaan.hosts import services
from basisbaan.hosts.forms import HostContactForm, HostFilterForm, HostForm, PositionForm
from basisbaan.hosts.lists import HOST_COLUMNS
from basisbaan.hosts.models import Host, HostContact, Position
from basisbaan.hosts.selectors import host_contact_list, host_list, position_list
from basisbaan.participants.privacy import audit_participant_list
from basisbaan.placements.selectors import placement_list
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm


class HostListView(ListingMixin, TenantListView):
    permission = Perm.HOST_VIEW
    template_name = "hosts/list.html"
    columns = HOST_COLUMNS
    export_name = "werkgevers"
    export_title = gettext_lazy("Werkgevers")

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Host]:
        self.filter_form = HostFilterForm(self.request.GET or None)
        data = self.filter_form.cleaned_data if self.filter_form.is_valid() else {}
        return host_list(
            municipality=municipality, search=data.get("q", ""), kind=data.get("kind", "")
        ).order_by("name", "id")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(filter_form=self.filter_form, **kwargs)


class HostDetailView(TenantDetailView):
    permission = Perm.HOST_VIEW
    template_name = "hosts/detail.html"
    context_object_name = "host"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Host]:
        return host_list(municipality=municipality)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["contacts"] = host_contact_list(
            municipality=self.municipality, host_id=self.object.pk
        )
        context["positions"] = position_list(municipality=self.municipality, host_id=self.object.pk)
        return context


class HostCreateView(ServiceFormView):
    permission = Perm.HOST_MANAGE
    form_class = HostForm
    template_name = "hosts/form.html"
    success_message = gettext_lazy("De werkgever is toegevoegd.")
    extra_context = {"page_title": gettext_lazy("Nieuwe werkgever")}

    def perform(self, form: HostForm) -> Host:
        return services.host_create(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            **form.service_data(),
        )

    def get_success_url(self) -> str:
        return reverse("hosts:detail", args=[self.result.pk])


class HostObjectView(ObjectServiceFormView):
    """A form under one host (edit, add contact, add position)."""

    permission = Perm.HOST_MANAGE
    context_object_name = "host"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Host]:
        return host_list(municipality=municipality)

    def get_success_url(self) -> str:
        return reverse("hosts:detail", args=[self.object.pk])


class HostUpdateView(HostObjectView):
    form_class = HostForm
    template_name = "hosts/form.html"
    success_message = gettext_lazy("De werkgever is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Werkgever wijzigen")}

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": copy.copy(self.object)}

    def perform(self, form: HostForm) -> Host:
        return services.host_update(
            host=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=form.service_data(),
        )


class HostContactCreateView(HostObjectView):
    form_class = HostContactForm
    template_name = "hosts/form.html"
    success_message = gettext_lazy("De contactpersoon is toegevoegd.")
    extra_context = {"page_title": gettext_lazy("Nieuwe contactpersoon")}

    def perform(self, form: HostContactForm) -> HostContact:
        return services.host_contact_create(
            host=self.object,
            actor=self.request.user,  # type: ignore[arg-type]
            **form.service_data(),
        )


class HostContactDeleteView(ObjectServiceFormView):
    """POST only: remove a contact person (the detail page holds the button)."""

    permission = Perm.HOST_MANAGE
    http_method_names = ["post"]
    form_class = forms.Form
    success_message = gettext_lazy("De contactpersoon is verwijderd.")

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[HostContact]:
        return host_contact_list(municipality=municipality)

    def perform(self, form: Any) -> None:
        services.host_contact_delete(contact=self.object, actor=self.request.user)  # type: ignore[arg-type]

    def get_success_url(self) -> str:
        return reverse("hosts:detail", args=[self.object.host_id])


class HostContactUpdateView(ObjectServiceFormView):
    permission = Perm.HOST_MANAGE
    form_class = HostContactForm
    template_name = "hosts/form.html"
    context_object_name = "contact"
    success_message = gettext_lazy("De contactpersoon is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Contactpersoon wijzigen")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[HostContact]:
        return host_contact_list(municipality=municipality)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": copy.copy(self.object)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(host=self.object.host, **kwargs)

    def perform(self, form: HostContactForm) -> HostContact:
        return services.host_contact_update(
            contact=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=form.service_data(),
        )

    def get_success_url(self) -> str:
        return reverse("hosts:detail", args=[self.object.host_id])


class PositionCreateView(HostObjectView):
    form_class = PositionForm
    template_name = "hosts/form.html"
    success_message = gettext_lazy("De werkplek is toegevoegd.")
    extra_context = {"page_title": gettext_lazy("Nieuwe werkplek")}

    def perform(self, form: PositionForm) -> Position:
        return services.position_create(
            municipality=self.municipality,
            actor=self.request.user,  # type: ignore[arg-type]
            host=self.object,
            **form.service_data(),
        )

    def get_success_url(self) -> str:
        return reverse("hosts:position_detail", args=[self.result.pk])


class PositionDetailView(TenantDetailView):
    permission = Perm.HOST_VIEW
    template_name = "hosts/position_detail.html"
    context_object_name = "position"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Position]:
        return position_list(municipality=municipality)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().get(request, *args, **kwargs)
        audit_participant_list(request, (p.participant_id for p in self.placements))
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        self.placements = list(
            placement_list(municipality=self.municipality, position_id=self.object.pk)
        )
        context["placements"] = self.placements
        context["host"] = self.object.host
        return context


class PositionUpdateView(ObjectServiceFormView):
    permission = Perm.HOST_MANAGE
    form_class = PositionForm
    template_name = "hosts/form.html"
    context_object_name = "position"
    success_message = gettext_lazy("De werkplek is opgeslagen.")
    extra_context = {"page_title": gettext_lazy("Werkplek wijzigen")}

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Position]:
        return position_list(municipality=municipality)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": copy.copy(self.object)}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(host=self.object.host, **kwargs)

    def perform(self, form: PositionForm) -> Position:
        return services.position_update(
            position=self.fresh_object(),
            actor=self.request.user,  # type: ignore[arg-type]
            data=form.service_data(),
        )

    def get_success_url(self) -> str:
        return reverse("hosts:position_detail", args=[self.object.pk])
