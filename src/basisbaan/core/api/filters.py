"""Filters of the API: every related-id filter chooses among the request's
municipality only.

A filter such as ``?participant=12`` validates the id against its queryset. An
unscoped queryset answers 200 (an empty list) for another municipality's
participant and 400 for an id that does not exist: an oracle that tells
whether an id exists elsewhere. :class:`TenantFilterMixin` scopes the queryset
of every model-choice filter to the request's municipality, so a foreign id
answers exactly like a missing one (400, the same message).
:class:`TenantFilterBackend` refuses a filterset without it.

It also holds a filter parameter to what the schema says: django-filter skips a
filter whose value is empty and reads an unknown boolean (``?active=maybe``) as
"no filter", so a request the schema calls invalid got the unfiltered list.
Here such a request is refused (400), with the field's message.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.core.exceptions import FieldDoesNotExist, ImproperlyConfigured
from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as drf_filters
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

from basisbaan.tenancy.models import Municipality, User

MODEL_CHOICE_FILTERS = (django_filters.ModelChoiceFilter, django_filters.ModelMultipleChoiceFilter)
BOOLEAN_VALUES = {"true", "false"}
EMPTY = _("Vul een waarde in, of laat deze parameter weg.")
NOT_A_BOOLEAN = _("Gebruik true of false.")


def scoped_choices(queryset: QuerySet[Any], municipality: Municipality | None) -> QuerySet[Any]:
    """``queryset`` narrowed to ``municipality``: users by membership, records by
    their ``municipality``; nothing without a municipality."""
    if municipality is None:
        return queryset.none()
    model: type[Model] = queryset.model
    if issubclass(model, User):
        return queryset.filter(memberships__municipality=municipality).distinct()
    if issubclass(model, Municipality):
        return queryset.filter(pk=municipality.pk)
    try:
        model._meta.get_field("municipality")
    except FieldDoesNotExist as exc:
        raise ImproperlyConfigured(
            f"A filter chooses among {model.__name__}, which has no municipality to scope by."
        ) from exc
    return queryset.filter(municipality=municipality)


class TenantFilterMixin:
    """Scope every model-choice filter to the request's municipality."""

    filters: dict[str, Any]

    def __init__(self, *args: Any, request: Any = None, **kwargs: Any) -> None:
        # Imported here: DRF imports this backend while core.api.viewsets loads.
        from basisbaan.core.api.viewsets import request_membership

        super().__init__(*args, request=request, **kwargs)  # type: ignore[call-arg]
        membership = request_membership(request) if request is not None else None
        municipality = membership.municipality if membership is not None else None
        for name, flt in self.filters.items():
            if isinstance(flt, MODEL_CHOICE_FILTERS):
                base = flt.get_queryset(request)
                if base is None:
                    raise ImproperlyConfigured(f"Filter {name!r} has no queryset.")
                flt.queryset = scoped_choices(base, municipality)


class TenantFilterSet(TenantFilterMixin, django_filters.FilterSet):  # type: ignore[misc]
    """The base of every declared API filterset."""


class TenantAutoFilterSet(TenantFilterMixin, drf_filters.FilterSet):  # type: ignore[misc]
    """The base of filtersets made from a viewset's ``filterset_fields``."""


def filter_value_errors(filterset: Any, query: Any) -> dict[str, list[str]]:
    """The parameters of ``filterset`` whose value no filter of its kind takes.

    A free-text filter (``CharFilter``, such as ``search``) takes the empty
    string; every other kind wants a value when the parameter is given.
    """
    errors: dict[str, list[str]] = {}
    for name, filter_ in filterset.filters.items():
        if name not in query:
            continue
        value = query[name]
        if value == "" and not isinstance(filter_, django_filters.CharFilter):
            errors[name] = [str(EMPTY)]
        elif isinstance(filter_, django_filters.BooleanFilter) and value not in BOOLEAN_VALUES:
            errors[name] = [str(NOT_A_BOOLEAN)]
    return errors


class TenantFilterBackend(drf_filters.DjangoFilterBackend):  # type: ignore[misc]
    """DjangoFilterBackend that builds and accepts tenant filtersets only, and
    refuses empty and non-boolean values it would otherwise skip."""

    filterset_base = TenantAutoFilterSet

    def get_filterset_class(self, view: Any, queryset: Any = None) -> Any:
        klass = super().get_filterset_class(view, queryset)
        if klass is not None and not issubclass(klass, TenantFilterMixin):
            raise ImproperlyConfigured(
                f"{type(view).__name__}: {klass.__name__} must subclass TenantFilterSet."
            )
        return klass

    def filter_queryset(self, request: Request, queryset: QuerySet[Any], view: Any) -> Any:
        filterset = self.get_filterset(request, queryset, view)
        if filterset is not None:
            errors = filter_value_errors(filterset, request.query_params)
            if errors:
                raise ValidationError(errors)
        return super().filter_queryset(request, queryset, view)
