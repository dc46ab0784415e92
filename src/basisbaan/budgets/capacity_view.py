"""The capacity question as a page fragment, for the budget page and the programme pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from basisbaan.budgets.capacity import default_month, programme_capacity
from basisbaan.budgets.constants import DEFAULT_DRAWS, DEFAULT_SEED
from basisbaan.budgets.forms import CapacityForm
from basisbaan.programmes.models import Programme

__all__ = ["capacity_for"]


def capacity_for(
    request: HttpRequest,
    programme: Programme,
    *,
    today: dt.date | None = None,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> dict[str, Any]:
    """The capacity form (GET parameters) and its answer: ``capacity``, ``capacity_form``,
    and ``capacity_query``: the question as asked (start month, hours, probability), for
    the page's other forms to carry along so that no submit forgets it.

    ``today`` (default: the local date) sets the default start month, the month after it.
    """
    today = today or timezone.localdate()
    form = CapacityForm(request.GET if "hours" in request.GET else None)
    month, hours, probability = form.values(default_month(programme, today))
    answer = programme_capacity(
        programme,
        today=today,
        month=month,
        hours=hours,
        probability=probability,
        draws=draws,
        seed=seed,
    )
    percent = (probability * 100).normalize()
    if not form.is_bound:
        form = CapacityForm(initial={"month": answer.month, "hours": hours, "probability": percent})
    query = {}
    if form.is_bound:  # carry the question along only once it was asked
        query = {
            "month": answer.month.strftime("%d-%m-%Y"),
            "hours": format(hours.normalize(), "f").replace(".", ","),
            "probability": format(percent, "f").replace(".", ","),
        }
    return {"capacity": answer, "capacity_form": form, "capacity_query": query}
