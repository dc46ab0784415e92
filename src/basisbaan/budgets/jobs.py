"""Big forecasts in the background, and a cache of their answers.

A forecast's Monte Carlo and the capacity search cost draws x contracts work.
Up to ``FORECAST_INLINE_LIMIT`` (setting) they run in the request; above it a
job (kind ``budgets.forecast``) computes them and the page shows its progress,
then reloads into the answer. Every answer, inline or not, is cached under a
hash of everything it was computed from (:func:`~basisbaan.budgets.forecasting.
simulation_key`, :meth:`~basisbaan.budgets.capacity.CapacityProblem.key`):
any change in the data gives another key, so a cached answer is never stale.

The answers live in the ``jobs`` cache, the one the worker and the web
processes share (files on this machine, or Redis with ``REDIS_URL``): an answer
the worker computed must be found by the page. Reading the database and the
cost model (:func:`~basisbaan.budgets.forecasting.build`) runs on every
request; it is what makes the key.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.utils.translation import gettext as _

from basisbaan.budgets.capacity import (
    CapacityAnswer,
    CapacityProblem,
    answer_of,
    capacity_problem,
    solve,
)
from basisbaan.budgets.forecasting import (
    ProgrammeForecast,
    Simulation,
    _Built,
    assemble,
    build,
    simulation,
    simulation_key,
)
from basisbaan.calc.capacity import CapacityResult
from basisbaan.calc.forecast import Scenario
from basisbaan.jobs.constants import JobStatus
from basisbaan.jobs.models import Job
from basisbaan.jobs.registry import JobKind, JobOutcome, Progress, register
from basisbaan.jobs.services import start_job
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import User

__all__ = [
    "FORECAST",
    "CapacityQuestion",
    "PageResults",
    "cached_capacity",
    "cached_forecast",
    "forecast_job",
    "page_results",
    "register_jobs",
]

FORECAST = "budgets.forecast"
KEEP = 24 * 3600  # seconds an answer stays cached


def _cache() -> Any:
    return caches["jobs"]


def inline(size: int) -> bool:
    """Whether work of ``size`` (draws x contracts) is done in the request."""
    return size <= int(settings.FORECAST_INLINE_LIMIT)


@dataclass(frozen=True, slots=True)
class CapacityQuestion:
    month: dt.date | None  # None: the month after today
    hours: Decimal
    probability: Decimal

    def as_params(self) -> dict[str, str | None]:
        return {
            "month": self.month.isoformat() if self.month else None,
            "hours": format(self.hours.normalize(), "f"),
            "probability": format(self.probability.normalize(), "f"),
        }

    @classmethod
    def from_params(cls, params: dict[str, Any]) -> CapacityQuestion:
        month = params.get("month")
        return cls(
            dt.date.fromisoformat(month) if month else None,
            Decimal(params["hours"]),
            Decimal(params["probability"]),
        )


@dataclass(frozen=True, slots=True)
class PageResults:
    """What a page shows: the answers it has, and the job that computes the others."""

    forecast: ProgrammeForecast | None
    capacity: CapacityAnswer | None
    problem: CapacityProblem | None  # the capacity question as it will be answered
    job: Job | None = None  # queued or running: the page shows its progress
    failed: Job | None = None  # the last attempt for these inputs failed: its message

    @property
    def pending(self) -> bool:
        return self.job is not None or self.failed is not None


def cached_forecast(
    built: _Built, *, draws: int, seed: int, scenario: Scenario, compute: bool
) -> ProgrammeForecast | None:
    """The forecast from the cache, or computed now when ``compute`` (and cached)."""
    key = simulation_key(built, draws=draws, seed=seed)
    sim: Simulation | None = _cache().get(key)
    if sim is None:
        if not compute:
            return None
        sim = simulation(built, draws=draws, seed=seed)
        _cache().set(key, sim, KEEP)
    return assemble(built, sim, draws=draws, seed=seed, scenario=scenario)


def _cached_capacity(problem: CapacityProblem, *, compute: bool) -> CapacityAnswer | None:
    if problem.inp is None:
        return answer_of(problem, None)
    key = problem.key()
    found: tuple[CapacityResult] | None = _cache().get(key)
    if found is None:
        if not compute:
            return None
        found = (_solved(problem),)
        _cache().set(key, found, KEEP)
    return answer_of(problem, found[0])


def cached_capacity(programme: Programme, *, built: _Built, today: dt.date) -> CapacityAnswer:
    """The room for intake with the page's default question (the month after ``today``),
    from the cache or computed now; ``built`` is the forecast's input, built once."""
    problem = capacity_problem(programme, built=built, today=today)
    answer = _cached_capacity(problem, compute=True)
    assert answer is not None
    return answer


def _solved(problem: CapacityProblem, progress: Progress | None = None) -> CapacityResult:
    def report(done: int, total: int) -> None:
        if progress is not None:
            progress(_("Ruimte voor instroom: toekomsten simuleren"), done, total)

    result = solve(problem, progress=report)
    assert result is not None
    return result


def _problem(
    programme: Programme,
    built: _Built,
    question: CapacityQuestion,
    *,
    today: dt.date,
    draws: int,
    seed: int,
) -> CapacityProblem:
    return capacity_problem(
        programme,
        built=built,
        today=today,
        month=question.month,
        hours=question.hours,
        probability=question.probability,
        draws=draws,
        seed=seed,
    )


def page_results(
    *,
    programme: Programme,
    actor: User | None,
    scenario: Scenario,
    draws: int,
    seed: int,
    today: dt.date,
    question: CapacityQuestion | None,
    want_forecast: bool,
    url: str,
    retry: bool = False,
    built: _Built | None = None,
) -> PageResults:
    """The forecast (``want_forecast``) and the capacity answer (``question``) for a page.

    Small work and cached answers come at once. Otherwise the job for these inputs
    is found (whoever started it) or started, with ``url`` (the page asking) as its
    result; when the last job for these inputs failed, its message comes back
    instead, unless ``retry``. With the immediate backend (tests) the job has run
    and its answers come back at once.
    """
    built = built or build(programme)
    size = draws * built.inp.contracts
    forecast = (
        cached_forecast(built, draws=draws, seed=seed, scenario=scenario, compute=inline(size))
        if want_forecast
        else None
    )
    problem = (
        _problem(programme, built, question, today=today, draws=draws, seed=seed)
        if question is not None
        else None
    )
    capacity = (
        _cached_capacity(problem, compute=inline(problem.size)) if problem is not None else None
    )
    missing_forecast = want_forecast and forecast is None
    missing_capacity = problem is not None and capacity is None
    if not missing_forecast and not missing_capacity:
        return PageResults(forecast, capacity, problem)
    parts = []
    if missing_forecast:
        parts.append(simulation_key(built, draws=draws, seed=seed))
    if problem is not None and missing_capacity:
        parts.append(problem.key())
    key = hashlib.sha256("|".join(parts).encode()).hexdigest()
    earlier = (
        Job.objects.filter(
            municipality_id=programme.municipality_id, kind=FORECAST, params__key=key
        )
        .order_by("-created_at", "-id")
        .first()
    )
    if earlier is not None and not earlier.finished:
        return PageResults(forecast, capacity, problem, job=earlier)
    if earlier is not None and earlier.status == JobStatus.FAILED and not retry:
        return PageResults(forecast, capacity, problem, failed=earlier)
    job = forecast_job(
        programme=programme,
        actor=actor,
        key=key,
        scenario=scenario,
        draws=draws,
        seed=seed,
        today=today,
        question=question if missing_capacity else None,
        forecast=missing_forecast,
        url=url,
    )
    if job.status == JobStatus.FAILED:
        return PageResults(forecast, capacity, problem, failed=job)
    if job.status != JobStatus.DONE:
        return PageResults(forecast, capacity, problem, job=job)
    # Run already (the immediate backend): the answers are in the cache.
    if missing_forecast:
        forecast = cached_forecast(built, draws=draws, seed=seed, scenario=scenario, compute=False)
    if problem is not None and missing_capacity:
        capacity = _cached_capacity(problem, compute=False)
    return PageResults(forecast, capacity, problem)


def forecast_job(
    *,
    programme: Programme,
    actor: User | None,
    key: str,
    scenario: Scenario,
    draws: int,
    seed: int,
    today: dt.date,
    question: CapacityQuestion | None,
    forecast: bool,
    url: str,
) -> Job:
    """Start the job that computes the forecast and/or the capacity answer for these inputs."""
    if forecast:
        label = _("Prognose berekenen: %(programme)s")
    else:
        label = _("Ruimte voor instroom berekenen: %(programme)s")
    return start_job(
        municipality=programme.municipality,
        actor=actor,
        kind=FORECAST,
        label=label % {"programme": programme.name},
        params={
            "programme": programme.pk,
            "key": key,
            "scenario": str(scenario),
            "draws": draws,
            "seed": seed,
            "today": today.isoformat(),
            "forecast": forecast,
            "capacity": question.as_params() if question is not None else None,
            "url": url,
        },
    )


def _run(job: Job, progress: Progress) -> JobOutcome:
    """Compute what the job was asked and cache it, all at the end (nothing half-done)."""
    params = job.params
    programme = Programme.objects.get(pk=params["programme"], municipality=job.municipality)
    draws, seed = int(params["draws"]), int(params["seed"])
    progress(_("Gegevens lezen"), 0, 0)
    built = build(programme)
    answers: dict[str, Any] = {}
    result: dict[str, Any] = {"programme": programme.pk}
    if params.get("forecast"):
        key = simulation_key(built, draws=draws, seed=seed)

        def report(done: int, total: int) -> None:
            progress(_("Prognose: toekomsten simuleren"), done, total)

        answers[key] = simulation(built, draws=draws, seed=seed, progress=report)
        result["forecast"] = key
    if params.get("capacity"):
        question = CapacityQuestion.from_params(params["capacity"])
        problem = _problem(
            programme,
            built,
            question,
            today=dt.date.fromisoformat(params["today"]),
            draws=draws,
            seed=seed,
        )
        if problem.inp is not None:
            answers[problem.key()] = (_solved(problem, progress),)
            result["capacity"] = problem.key()
    _cache().set_many(answers, KEEP)
    return JobOutcome(result=result, url=str(params.get("url") or ""), message=_("Berekend."))


def register_jobs() -> None:
    register(JobKind(FORECAST, _run))
