"""Reads of contracts, always within one municipality."""

from __future__ import annotations

from django.db.models import Max, Min, Prefetch, QuerySet

from basisbaan.contracts.models import Contract, ContractPeriod
from basisbaan.tenancy.models import Municipality


def contract_list(
    *, municipality: Municipality, participant_id: int | None = None
) -> QuerySet[Contract]:
    qs = (
        Contract.objects.filter(municipality=municipality)
        .select_related("participant", "placement")
        .annotate(first_start=Min("periods__start_date"), last_end=Max("periods__end_date"))
        .order_by("-id")
        .prefetch_related(Prefetch("periods", queryset=ContractPeriod.objects.order_by("sequence")))
    )
    if participant_id is not None:
        qs = qs.filter(participant_id=participant_id)
    return qs


def contract_period_list(*, municipality: Municipality) -> QuerySet[ContractPeriod]:
    return ContractPeriod.objects.filter(municipality=municipality)
