"""Serializer fields shared by the API: tenant-scoped relations and sane dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.request import Request

from basisbaan.core.api.viewsets import request_membership
from basisbaan.tenancy.models import Municipality, User

# Dates outside this range are refused: they are typing errors, and date
# arithmetic on them (a contract period after 31-12-9999) would overflow.
MIN_DATE = dt.date(1900, 1, 1)
MAX_DATE = dt.date(2199, 12, 31)


def request_actor(request: Request) -> User:
    """The authenticated user of an API request (the permission checks ran)."""
    user = request.user
    assert isinstance(user, User)
    return user


def request_municipality(context: Mapping[str, Any]) -> Municipality | None:
    """The municipality of the request in a serializer's context, if any."""
    request = context.get("request")
    if request is None:
        return None
    membership = request_membership(request)
    return membership.municipality if membership is not None else None


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):  # type: ignore[type-arg]
    """A related id resolved only among the rows of the request's municipality.

    ``selector`` is the app's list selector (``municipality=`` keyword); an id of
    another municipality is answered as if it did not exist (400). ``queryset``
    only names the model (for the schema); it is never searched.
    """

    def __init__(
        self,
        *,
        selector: Callable[..., QuerySet[Any]],
        queryset: QuerySet[Any],
        **kwargs: Any,
    ) -> None:
        self.selector = selector
        self.model: type[Model] = queryset.model
        super().__init__(queryset=queryset, **kwargs)

    def get_queryset(self) -> QuerySet[Any]:
        municipality = request_municipality(self.context)
        if municipality is None:
            return self.model._default_manager.none()
        return self.selector(municipality=municipality)

    def to_internal_value(self, data: Any) -> Model:
        # Reject what no id can be before asking the database.
        if isinstance(data, bool) or not isinstance(data, int | str):
            self.fail("incorrect_type", data_type=type(data).__name__)
        try:
            number = int(data)
        except (TypeError, ValueError):
            self.fail("incorrect_type", data_type=type(data).__name__)
        if not 0 < number < 2**63:
            self.fail("does_not_exist", pk_value=data)
        return super().to_internal_value(number)  # type: ignore[no-any-return]


class DateField(serializers.DateField):
    """An ISO date between 1900 and 2199."""

    default_error_messages = {
        "out_of_range": _("Vul een datum in tussen 1900 en 2199."),
    }

    def to_internal_value(self, value: Any) -> dt.date:
        date = super().to_internal_value(value)
        if not MIN_DATE <= date <= MAX_DATE:
            self.fail("out_of_range")
        return date
