from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import QuerySet

from basisbaan.contracts.models import (
    Contract,
    ContractPeriod,
    ContractWageLine,
    WageValueMeasurement,
)
from basisbaan.contracts.selectors import contract_period_list
from basisbaan.core.api.filters import TenantFilterSet
from basisbaan.core.api.viewsets import request_membership
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import participant_list


def _participants(request: Any) -> QuerySet[Participant]:
    membership = request_membership(request) if request is not None else None
    if membership is None:
        return Participant.objects.none()
    return participant_list(municipality=membership.municipality)


class ContractFilter(TenantFilterSet):
    participant = django_filters.ModelChoiceFilter(queryset=_participants)
    wage_subsidy = django_filters.BooleanFilter()

    class Meta:
        model = Contract
        fields = ["participant", "wage_subsidy"]


class WageValueFilter(TenantFilterSet):
    participant = django_filters.ModelChoiceFilter(queryset=_participants)

    class Meta:
        model = WageValueMeasurement
        fields = ["participant"]


def _periods(request: Any) -> QuerySet[ContractPeriod]:
    membership = request_membership(request) if request is not None else None
    if membership is None:
        return ContractPeriod.objects.none()
    return contract_period_list(municipality=membership.municipality)


class ContractWageLineFilter(TenantFilterSet):
    period = django_filters.ModelChoiceFilter(queryset=_periods)

    class Meta:
        model = ContractWageLine
        fields = ["period"]
