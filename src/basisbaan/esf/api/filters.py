"""Filters of the ESF+ registrations list."""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet

from basisbaan.core.api.filters import TenantFilterSet
from basisbaan.esf.models import EsfOperation, EsfRegistration
from basisbaan.participants.models import Participant

__all__ = ["RegistrationFilter"]


def _operations(request: object) -> QuerySet[EsfOperation]:
    # Scoped to the request's municipality by TenantFilterSet.
    return EsfOperation.objects.all()


def _participants(request: object) -> QuerySet[Participant]:
    # Scoped to the request's municipality by TenantFilterSet.
    return Participant.objects.all()


class RegistrationFilter(TenantFilterSet):
    operation = django_filters.ModelChoiceFilter(queryset=_operations)
    participant = django_filters.ModelChoiceFilter(queryset=_participants)

    class Meta:
        model = EsfRegistration
        fields = ["operation", "participant"]
