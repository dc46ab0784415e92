"""The capacity question as a page fragment, for the budget page and the programme pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from basisbaan.budgets.capacity import default_month
from basisbaan.budgets.constants import DEFAULT_DRAWS, DEFAULT_SEED
from basisbaan.budgets.forms import CapacityForm
from basisbaan.budgets.jobs import CapacityQuestion, PageResults, page_results
from basisbaan.calc.forecast import Scenario
from basisbaan.jobs.models import Job
from basisbaan.jobs.selectors import job_context
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import User

__all__ = ["capacity_context", "capacity_for", "capacity_question", "computing_context"]


def capacity_question(
    request: HttpRequest, programme: Programme, today: dt.date
) -> tuple[CapacityForm, CapacityQuestion]:
    """The capacity form (GET parameters) and the question it asks."""
    form = CapacityForm(request.GET if "hours" in request.GET else None)
    month, hours, probability = form.values(default_month(programme, today))
    return form, CapacityQuestion(month, hours, probability)


def computing_context(programme: Programme, job: Job | None, failed: Job | None) -> dict[str, Any]:
    """The "wordt berekend" panel: the job's progress (polled on the budget app's own
    address: the job may be another user's), or the failed attempt's message."""
    if job is None:
        return {"job": None, "failed": failed}
    context = job_context(job)
    context["progress_url"] = reverse("budgets:computing", args=[programme.pk, job.pk])
    context["failed"] = None
    return context


def capacity_context(
    form: CapacityForm, question: CapacityQuestion, results: PageResults, programme: Programme
) -> dict[str, Any]:
    """``capacity`` (None while it is computed), ``capacity_form``, ``capacity_query``: the
    question as asked (start month, hours, probability), for the page's other forms to
    carry along so that no submit forgets it; ``capacity_computing``: the panel."""
    month = results.month or question.month
    hours, probability = question.hours, question.probability
    percent = (probability * 100).normalize()
    if not form.is_bound:
        form = CapacityForm(initial={"month": month, "hours": hours, "probability": percent})
    query = {}
    if form.is_bound and month is not None:  # carry the question along only once it was asked
        query = {
            "month": month.strftime("%d-%m-%Y"),
            "hours": format(hours.normalize(), "f").replace(".", ","),
            "probability": format(percent, "f").replace(".", ","),
        }
    computing = None
    if results.capacity is None or results.capacity_since is not None:
        computing = computing_context(programme, results.job, results.failed)
    return {
        "capacity": results.capacity,
        "capacity_form": form,
        "capacity_query": query,
        "capacity_computing": computing,
        "capacity_since": results.capacity_since,
    }


def capacity_for(
    request: HttpRequest,
    programme: Programme,
    *,
    today: dt.date | None = None,
    draws: int = DEFAULT_DRAWS,
    seed: int = DEFAULT_SEED,
) -> dict[str, Any]:
    """The capacity form and its answer (see :func:`capacity_context`), for a page
    without the forecast. A large question is computed in the background.

    ``today`` (default: the local date) sets the default start month, the month after it.
    """
    today = today or timezone.localdate()
    form, question = capacity_question(request, programme, today)
    user = request.user
    results = page_results(
        programme=programme,
        actor=user if isinstance(user, User) else None,
        scenario=Scenario.OBSERVED,
        draws=draws,
        seed=seed,
        today=today,
        question=question,
        want_forecast=False,
        url=request.get_full_path(),
        retry=request.method == "POST",
    )
    return capacity_context(form, question, results, programme)
