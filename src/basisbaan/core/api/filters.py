"""The API's filter backend: a filter parameter is as the schema says, or 400.

django-filter skips a filter whose value is empty and reads an unknown boolean
(``?active=maybe``) as "no filter", so a request the schema calls invalid got
the unfiltered list. Here such a request is refused, with the field's message.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request

BOOLEAN_VALUES = {"true", "false"}
EMPTY = _("Vul een waarde in, of laat deze parameter weg.")
NOT_A_BOOLEAN = _("Gebruik true of false.")


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


class FilterBackend(DjangoFilterBackend):  # type: ignore[misc]
    """``DjangoFilterBackend``, refusing empty and non-boolean values it would skip."""

    def filter_queryset(self, request: Request, queryset: QuerySet[Any], view: Any) -> Any:
        filterset = self.get_filterset(request, queryset, view)
        if filterset is not None:
            errors = filter_value_errors(filterset, request.query_params)
            if errors:
                raise ValidationError(errors)
        return super().filter_queryset(request, queryset, view)
