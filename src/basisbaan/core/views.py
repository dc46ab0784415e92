"""The base views every app's UI builds on.

The base views only parse, check and hand over: scoping and permissions come
from :class:`~basisbaan.tenancy.scoping.TenantViewMixin`, writes go through the
app's service in :meth:`ServiceFormView.perform`, and a service's
``ValidationError`` lands on the form.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.views.generic import DetailView, FormView, ListView
from django.views.generic.detail import SingleObjectMixin

from basisbaan.core.concurrency import (
    StaleRecordError,
    VersionedModel,
    changed_fields,
    loaded_snapshot,
    lock_version,
    read_snapshot,
    stale_message,
)
from basisbaan.core.forms import add_service_errors
from basisbaan.core.pagination import BoundedCountPaginator
from basisbaan.tenancy.scoping import TenantViewMixin

PAGE_SIZE = 25


class TenantListView(TenantViewMixin, ListView):  # type: ignore[type-arg]
    """A paginated list of the active municipality's records."""

    paginate_by = PAGE_SIZE
    paginator_class = BoundedCountPaginator

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

    def perform_checked(self, form: Any) -> Any:
        """:meth:`perform`, after any check of the record the form started from."""
        return self.perform(form)

    def show_stale(self, form: Any, exc: StaleRecordError) -> None:
        form.add_error(None, exc)

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            self.result = self.perform_checked(form)
        except StaleRecordError as exc:
            self.show_stale(form, exc)
            return self.form_invalid(form)  # type: ignore[attr-defined,no-any-return]
        except ValidationError as exc:
            add_service_errors(form, exc, self.service_field_map)
            return self.form_invalid(form)  # type: ignore[attr-defined,no-any-return]
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


class ServiceFormView(TenantViewMixin, ServiceFormMixin, FormView):  # type: ignore[type-arg]
    """A service form that creates something new."""


VERSION_FIELD = "record_version"
LOADED_FIELD = "record_loaded"


class ObjectServiceFormView(TenantViewMixin, ServiceFormMixin, SingleObjectMixin, FormView):  # type: ignore[type-arg]
    """A service form about one scoped record (edit, status change, renew).

    ``self.object`` is the record, found in the active municipality only.

    Optimistic locking (:mod:`basisbaan.core.concurrency`): when the record
    has a version, the form carries it and signed fingerprints of the loaded
    values in hidden fields. The save locks the record and refuses, with
    nothing saved, when someone else saved it since the form was loaded; the
    form comes back with what the other person changed, now on the current
    version, so that saving again is a deliberate choice.
    """

    object: Any

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.object = self.get_object()
        return super().post(request, *args, **kwargs)

    def get_form(self, form_class: Any = None) -> Any:
        form = super().get_form(form_class)
        if isinstance(self.object, VersionedModel):
            names = [n for n in form.fields if n not in (VERSION_FIELD, LOADED_FIELD)]
            form.fields[VERSION_FIELD] = forms.IntegerField(
                widget=forms.HiddenInput, required=False, initial=self.object.version
            )
            form.fields[LOADED_FIELD] = forms.CharField(
                widget=forms.HiddenInput,
                required=False,
                initial=loaded_snapshot(self.object, names),
            )
        return form

    def perform_checked(self, form: Any) -> Any:
        expected = form.cleaned_data.pop(VERSION_FIELD, None)
        form.cleaned_data.pop(LOADED_FIELD, None)
        if not isinstance(self.object, VersionedModel) or expected is None:
            return self.perform(form)
        with transaction.atomic():
            lock_version(self.object, expected)
            return self.perform(form)

    def show_stale(self, form: Any, exc: StaleRecordError) -> None:
        """Say what changed; the form now starts from the stored version."""
        current = exc.current
        loaded = read_snapshot(form.data.get(form.add_prefix(LOADED_FIELD)))
        labels = {name: str(field.label or name) for name, field in form.fields.items()}
        form.add_error(None, stale_message(current, changed_fields(current, loaded), labels))
        names = [n for n in form.fields if n not in (VERSION_FIELD, LOADED_FIELD)]
        data = form.data.copy()
        data[form.add_prefix(VERSION_FIELD)] = str(current.version)
        data[form.add_prefix(LOADED_FIELD)] = loaded_snapshot(current, names)
        form.data = data

    def fresh_object(self) -> Any:
        """The record as stored, for the service.

        A bound ModelForm writes the submitted values onto its instance while
        validating; the service must compare against the stored values.
        """
        return self.get_object()


def paginate(request: HttpRequest, queryset: QuerySet[Any], per_page: int = PAGE_SIZE) -> Page[Any]:
    """The requested page of ``queryset``; out-of-range numbers give the last page.

    Counted no further than ``COUNT_LIMIT`` rows (:class:`BoundedCountPaginator`).
    """
    return BoundedCountPaginator(queryset, per_page).get_page(request.GET.get("page"))


def admin_view_on_site(request: HttpRequest, content_type_id: str, object_id: str) -> HttpResponse:
    """The admin's "view on site" redirect, for models with a table only.

    Django's own view queries any content type it is given; a model without a
    table (a third-party app's admin-only model) then breaks with a database
    error instead of a 404.
    """
    from django.contrib.admin.views.decorators import staff_member_required
    from django.contrib.contenttypes.models import ContentType
    from django.contrib.contenttypes.views import shortcut
    from django.http import Http404

    try:
        model = ContentType.objects.get_for_id(int(content_type_id)).model_class()
    except (ContentType.DoesNotExist, ValueError):
        raise Http404 from None
    if model is None or not model._meta.managed:
        raise Http404
    view = staff_member_required(shortcut, login_url="admin_login")
    return view(request, content_type_id, object_id)
