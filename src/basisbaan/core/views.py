"""The base views every app's UI builds on.

The base views only parse, check and hand over: scoping and permissions come
from :class:`~basisbaan.tenancy.scoping.TenantViewMixin`, writes go through the
app's service in :meth:`ServiceFormView.perform`, and a service's
``ValidationError`` lands on the form.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from basisbaan.core.forms import add_service_errors
from basisbaan.core.pagination import DeferredJoinPaginator
from basisbaan.tenancy.scoping import TenantViewMixin

PAGE_SIZE = 25


class TenantListView(TenantViewMixin, ListView):  # type: ignore[type-arg]
    """A paginated list of the active municipality's records."""

    paginate_by = PAGE_SIZE
    paginator_class = DeferredJoinPaginator

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("page", None)
        context["query_without_page"] = query.urlencode()
        return context


class TenantDetailView(TenantViewMixin, DetailView):  # type: ignore[type-arg]
    """One record of the active municipality; 404 for any other."""


class ServiceFormMixin:
    """A form whose valid data goes to a service.

    Views implement :meth:`perform` (call the service, return the saved
    object) and :meth:`get_success_url`. A ``ValidationError`` from the service
    is shown on the form and nothing is saved (the service's transaction rolls
    back).
    """

    request: HttpRequest
    success_message: Any = ""
    result: Any = None
    # The service's field names that the form calls differently.
    service_field_map: dict[str, str] = {}

    def perform(self, form: Any) -> Any:
        raise NotImplementedError

    def get_success_url(self) -> str:
        raise NotImplementedError

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            self.result = self.perform(form)
        except ValidationError as exc:
            add_service_errors(form, exc, self.service_field_map)
            return self.form_invalid(form)  # type: ignore[attr-defined,no-any-return]
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


class ServiceFormView(TenantViewMixin, ServiceFormMixin, FormView):  # type: ignore[type-arg]
    """A service form that creates something new."""


class ObjectServiceFormView(TenantViewMixin, ServiceFormMixin, SingleObjectMixin, FormView):  # type: ignore[type-arg]
    """A service form about one scoped record (edit, status change, renew).

    ``self.object`` is the record, found in the active municipality only.
    """

    object: Any

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def fresh_object(self) -> Any:
        """The record as stored, for the service.

        A bound ModelForm writes the submitted values onto its instance while
        validating; the service must compare against the stored values.
        """
        return self.get_object()


def paginate(request: HttpRequest, queryset: QuerySet[Any], per_page: int = PAGE_SIZE) -> Page[Any]:
    """The requested page of ``queryset``; out-of-range numbers give the last page."""
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))
