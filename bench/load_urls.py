"""URLs of the load benchmark's server: the application's, plus the floor views.

A floor view is a bare Django function view that reads the same rows as the
endpoint it stands beside, with ``values()`` and ``JsonResponse``: no sign-in,
no permission check, no serializer, no audit entry. A list floor counts its rows
as the API list does: ``?count=exact`` (default) with ``COUNT(*)``,
``?count=bounded`` exactly up to ``COUNT_LIMIT`` and above it the planner's
estimate (``basisbaan.core.counting``), answering ``count_exact`` too. It runs behind the same
middleware in the same server process, so the ratio of an endpoint to its floor
is what the application's own layers cost (``bench/load.py``,
docs/performance.md). Only the benchmark's settings (``bench/load_settings.py``)
use this module.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, JsonResponse
from django.urls import include, path

from basisbaan.budgets.forecasting import PERIOD_COLUMNS
from basisbaan.budgets.models import Budget
from basisbaan.contracts.models import Contract, ContractPeriod
from basisbaan.core.counting import bounded_count, estimated_count
from basisbaan.participants.models import Participant
from basisbaan.participants.selectors import filter_name
from basisbaan.tenancy.models import Municipality
from basisbaan.urls import handler400, handler403, handler404, handler500

__all__ = ["handler400", "handler403", "handler404", "handler500", "urlpatterns"]

MUNICIPALITY = "benchmark"
PAGE = 25
PARTICIPANT_FIELDS = [f.attname for f in Participant._meta.concrete_fields]
BUDGET_FIELDS = [f.attname for f in Budget._meta.concrete_fields]
CONTRACT_FIELDS = [f.attname for f in Contract._meta.concrete_fields]
PERIOD_FIELDS = [f.attname for f in ContractPeriod._meta.concrete_fields]


def _municipality() -> Municipality:
    return Municipality.objects.get(slug=MUNICIPALITY)


def _count(request: HttpRequest, rows: QuerySet[Any]) -> dict[str, Any]:
    """The list's total, counted as ``?count=`` says (the way the API list counts)."""
    if request.GET.get("count") != "bounded":
        return {"count": rows.count()}
    found = bounded_count(rows)
    if found.exact:
        return {"count": found.value, "count_exact": True}
    estimate = estimated_count(rows)
    return {"count": max(found.value, estimate or 0), "count_exact": False}


@login_not_required
def participant_list(request: HttpRequest) -> JsonResponse:
    """The first page of participants, in the API list's order, and the count.

    With ``?search=``: the participants whose name has every word as the start
    of a word, found and ordered as the participant search finds them
    (:func:`basisbaan.participants.selectors.filter_name`: through the trigram
    index, sorted by the upper-cased name)."""
    rows = Participant.objects.filter(municipality=_municipality())
    search = request.GET.get("search", "").strip()
    rows = filter_name(rows, search) if search else rows.order_by("last_name", "first_name", "id")
    page = list(rows.values(*PARTICIPANT_FIELDS)[:PAGE])
    return JsonResponse({**_count(request, rows), "results": page})


@login_not_required
def participant_detail(request: HttpRequest, pk: int) -> JsonResponse:
    row = (
        Participant.objects.filter(municipality=_municipality(), pk=pk)
        .values(*PARTICIPANT_FIELDS)
        .first()
    )
    if row is None:
        raise Http404
    return JsonResponse(row)


@login_not_required
def contract_list(request: HttpRequest) -> JsonResponse:
    """The first page of contracts, newest first (the API list's and the page's
    order), each with its periods, and the count."""
    rows = Contract.objects.filter(municipality=_municipality()).order_by("-id")
    page = list(rows.values(*CONTRACT_FIELDS)[:PAGE])
    periods: dict[int, list[dict[str, Any]]] = {row["id"]: [] for row in page}
    for period in (
        ContractPeriod.objects.filter(contract_id__in=list(periods))
        .order_by("contract_id", "sequence")
        .values(*PERIOD_FIELDS)
    ):
        periods[period["contract_id"]].append(period)
    for row in page:
        row["periods"] = periods[row["id"]]
    return JsonResponse({**_count(request, rows), "results": page})


@login_not_required
def budget_list(request: HttpRequest) -> JsonResponse:
    """The first page of budget years, in the API list's order, and the count."""
    rows = Budget.objects.filter(municipality=_municipality())
    page = list(rows.order_by("programme_id", "year").values(*BUDGET_FIELDS)[:PAGE])
    return JsonResponse({**_count(request, rows), "results": page})


@login_not_required
def forecast_rows(request: HttpRequest, pk: int) -> JsonResponse:
    """The programme's budget years and every contract period the forecast reads,
    read as the forecast reads them; the answer is their number (the forecast's
    own answer is a small table per year)."""
    municipality = _municipality()
    budgets = list(Budget.objects.filter(municipality=municipality, programme_id=pk).values())
    periods: list[Any] = list(
        ContractPeriod.objects.filter(
            municipality=municipality, contract__participant__programme_id=pk
        )
        .order_by("contract_id", "start_date", "id")
        .values_list(*PERIOD_COLUMNS)
    )
    return JsonResponse({"programme": pk, "budgets": len(budgets), "periods": len(periods)})


floor = [
    path("participants/", participant_list, name="participants"),
    path("participants/<int:pk>/", participant_detail, name="participant"),
    path("contracts/", contract_list, name="contracts"),
    path("budgets/", budget_list, name="budgets"),
    path("programmes/<int:pk>/forecast/", forecast_rows, name="forecast"),
]

urlpatterns = [
    path("bench-floor/", include((floor, "floor"))),
    path("", include("basisbaan.urls")),
]
