"""The capacity question as a page fragment, for the budget page and the programme pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest

from basisbaan.budgets.capacity import default_month, programme_capacity
from basisbaan.budgets.forms import CapacityForm
from basisbaan.programmes.models import Programme

__all__ = ["capacity_for"]


def capacity_for(
    request: HttpRequest, programme: Programme, as_of: dt.date | None = None
) -> dict[str, Any]:
    """The capacity form (GET parameters) and its answer: ``capacity``, ``capacity_form``."""
    form = CapacityForm(request.GET if "hours" in request.GET else None)
    fallback = default_month(programme, as_of) if as_of is not None else None
    month, hours, probability = form.values(fallback)
    answer = programme_capacity(programme, month=month, hours=hours, probability=probability)
    if not form.is_bound:
        form = CapacityForm(
            initial={
                "month": answer.month,
                "hours": hours,
                "probability": (probability * 100).normalize(),
            }
        )
    return {"capacity": answer, "capacity_form": form}
