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
import json
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import partial
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.utils import timezone
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
from basisbaan.contracts.lkv import lkv_income
from basisbaan.contracts.models import Contract
from basisbaan.core.counting import bounded_count
from basisbaan.core.versions import DataVersions, version_of
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
    "Stored",
    "cached_capacity",
    "cached_forecast",
    "current_forecast",
    "forecast_job",
    "page_results",
    "page_lkv",
    "programme_lkv",
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
class Stored:
    """An answer as the page cache keeps it: computed when, at which data versions."""

    value: Any
    computed_at: dt.datetime
    versions: str


@dataclass(frozen=True, slots=True)
class PageResults:
    """What a page shows: the answers it has, and the job that computes the others.

    ``forecast``/``capacity`` are current (computed at the data as it is now), or,
    while a job computes the current ones, the last ones computed for the same
    question (``stale``: their ``*_since`` says when they were computed)."""

    forecast: ProgrammeForecast | None
    capacity: CapacityAnswer | None
    month: dt.date | None  # the capacity question's start month, once known
    job: Job | None = None  # queued or running: the page shows its progress
    failed: Job | None = None  # the last attempt for these inputs failed: its message
    forecast_since: dt.datetime | None = None  # set: ``forecast`` is an earlier answer
    capacity_since: dt.datetime | None = None  # set: ``capacity`` is an earlier answer

    @property
    def pending(self) -> bool:
        return self.job is not None or self.failed is not None

    @property
    def stale(self) -> bool:
        return self.forecast_since is not None or self.capacity_since is not None


@dataclass(frozen=True, slots=True)
class _Keys:
    """Where a page's answers are cached: under the data versions (``forecast``,
    ``capacity``) and, for the "last answer" shown while a new one is computed,
    without them (``last_*``)."""

    forecast: str
    capacity: str
    last_forecast: str
    last_capacity: str
    versions: str


def _keys(
    programme: Programme,
    versions: DataVersions,
    *,
    draws: int,
    seed: int,
    scenario: Scenario,
    today: dt.date,
    question: CapacityQuestion | None,
) -> _Keys:
    asked = "-"
    if question is not None:
        params = json.dumps(question.as_params(), sort_keys=True)
        asked = hashlib.sha256(params.encode()).hexdigest()[:32]
    forecast = f"{programme.pk}:{draws}:{seed}:{scenario}"
    capacity = f"{programme.pk}:{draws}:{seed}:{asked}"
    now = f"{versions.key()}:{today.isoformat()}"
    return _Keys(
        forecast=f"page-forecast:{forecast}:{now}",
        capacity=f"page-capacity:{capacity}:{now}",
        last_forecast=f"page-forecast-last:{forecast}",
        last_capacity=f"page-capacity-last:{capacity}",
        versions=versions.key(),
    )


def _slim(forecast: ProgrammeForecast) -> ProgrammeForecast:
    """The forecast without the engine's contract x month matrices (what a page shows
    needs only the totals): a cached page answer of 100,000 contracts stays small."""
    inp = forecast.built.inp
    empty = replace(
        inp,
        cost=inp.cost[:0],
        segment=inp.segment[:0],
        exit_cost=None if inp.exit_cost is None else inp.exit_cost[:0],
    )
    return replace(forecast, built=replace(forecast.built, inp=empty))


def _store(answers: dict[str, Any], keys: _Keys, *, forecast: Any, capacity: Any) -> None:
    """Cache ``forecast``/``capacity`` (when not None) as current and as the last answer."""
    now = timezone.now()
    if forecast is not None:
        stored = Stored(_slim(forecast), now, keys.versions)
        answers[keys.forecast] = stored
        answers[keys.last_forecast] = stored
    if capacity is not None:
        stored = Stored(capacity, now, keys.versions)
        answers[keys.capacity] = stored
        answers[keys.last_capacity] = stored


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


def programme_lkv(programme: Programme) -> list[tuple[int, Decimal]]:
    """The wage-cost advantages (LKV) the employer may expect per programme year."""
    income = lkv_income(
        programme.municipality,
        programme_ids=[programme.pk],
        start=programme.start_date,
        end=programme.end_date,
    )
    return [
        (year, income.programme_year(programme.pk, year))
        for year in range(programme.start_date.year, programme.end_date.year + 1)
        if income.programme_year(programme.pk, year)
    ]


def page_lkv(
    programme: Programme, *, compute: bool, versions: DataVersions | None = None
) -> list[tuple[int, Decimal]] | None:
    """The page's LKV list, cached under the data versions. Not cached and not
    ``compute`` (a large programme whose answers a job computes, LKV included): the
    last list computed, or None."""
    versions = versions or version_of(programme.municipality_id)
    key = f"page-lkv:{programme.pk}:{versions.key()}"
    last_key = f"page-lkv-last:{programme.pk}"
    found: tuple[list[tuple[int, Decimal]]] | None = _cache().get(key)
    if found is not None:
        return found[0]
    if not compute:
        last: tuple[list[tuple[int, Decimal]]] | None = _cache().get(last_key)
        return None if last is None else last[0]
    value = programme_lkv(programme)
    _cache().set_many({key: (value,), last_key: (value,)}, KEEP)
    return value


def current_forecast(
    programme: Programme, *, draws: int, seed: int, scenario: Scenario, today: dt.date
) -> ProgrammeForecast | None:
    """The forecast the page shows, when it was computed at the data as it is now."""
    keys = _keys(
        programme,
        version_of(programme.municipality_id),
        draws=draws,
        seed=seed,
        scenario=scenario,
        today=today,
        question=None,
    )
    value: ProgrammeForecast | None = _value(_cache().get(keys.forecast))
    return value


def _contracts_at_most(programme: Programme, limit: int) -> int:
    """The programme's contracts, counted no further than ``limit + 1`` (an index walk
    of at most that many rows): enough to tell whether the work is done inline."""
    contracts = Contract.objects.filter(
        municipality_id=programme.municipality_id, participant__programme=programme
    )
    count = bounded_count(contracts, limit=limit)
    return count.value if count.exact else limit + 1


def _value(stored: Stored | None) -> Any:
    return None if stored is None else stored.value


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

    An answer computed at the data as it is now (the data versions, read first: one
    query) comes from the cache: no data is read. Otherwise small work is done in the
    request; larger work (draws x contracts above ``FORECAST_INLINE_LIMIT``) by the
    job for these inputs, found (whoever started it) or started with ``url`` (the page
    asking) as its result, while the page shows the last answer to the same question
    with its age. When the last job for these inputs failed, its message comes back
    instead, unless ``retry``. With the immediate backend (tests) the job has run and
    its answers come back at once.
    """
    versions = version_of(programme.municipality_id)
    keys = _keys(
        programme,
        versions,
        draws=draws,
        seed=seed,
        scenario=scenario,
        today=today,
        question=question,
    )
    wanted = ([keys.forecast] if want_forecast else []) + (
        [keys.capacity] if question is not None else []
    )
    found = _cache().get_many(wanted) if wanted else {}
    forecast = _value(found.get(keys.forecast))
    capacity = _value(found.get(keys.capacity))
    missing_forecast = want_forecast and forecast is None
    missing_capacity = question is not None and capacity is None
    if not missing_forecast and not missing_capacity:
        return PageResults(forecast, capacity, capacity.month if capacity else None)
    # The job for what is still missing, with the last answers meanwhile.
    background = partial(
        _in_background,
        programme=programme,
        actor=actor,
        keys=keys,
        scenario=scenario,
        draws=draws,
        seed=seed,
        today=today,
        url=url,
        retry=retry,
    )
    limit = int(settings.FORECAST_INLINE_LIMIT) // max(draws, 1)
    if built is None and _contracts_at_most(programme, limit) > limit:
        return background(
            question=question if missing_capacity else None,
            current=(forecast, capacity),
            missing=(missing_forecast, missing_capacity),
        )
    built = built or build(programme)
    answers: dict[str, Any] = {}
    month = None
    if missing_forecast and inline(draws * built.inp.contracts):
        forecast = cached_forecast(built, draws=draws, seed=seed, scenario=scenario, compute=True)
        _store(answers, keys, forecast=forecast, capacity=None)
        missing_forecast = False
    if question is not None:
        problem = _problem(programme, built, question, today=today, draws=draws, seed=seed)
        month = problem.month
        if missing_capacity and inline(problem.size):
            capacity = _cached_capacity(problem, compute=True)
            _store(answers, keys, forecast=None, capacity=capacity)
            missing_capacity = False
    _cache().set_many(answers, KEEP)
    if not missing_forecast and not missing_capacity:
        return PageResults(forecast, capacity, month)
    return background(
        question=question if missing_capacity else None,
        current=(forecast, capacity),
        missing=(missing_forecast, missing_capacity),
        month=month,
    )


def _in_background(
    *,
    programme: Programme,
    actor: User | None,
    keys: _Keys,
    scenario: Scenario,
    draws: int,
    seed: int,
    today: dt.date,
    question: CapacityQuestion | None,
    current: tuple[ProgrammeForecast | None, CapacityAnswer | None],
    missing: tuple[bool, bool],
    url: str,
    retry: bool,
    month: dt.date | None = None,
) -> PageResults:
    """The job for the missing answers (found or started), with the last answers to
    the same question meanwhile."""
    missing_forecast, missing_capacity = missing
    forecast, capacity = current
    parts = ([keys.forecast] if missing_forecast else []) + (
        [keys.capacity] if missing_capacity else []
    )
    key = hashlib.sha256("|".join(parts).encode()).hexdigest()
    last = _cache().get_many(
        ([keys.last_forecast] if missing_forecast else [])
        + ([keys.last_capacity] if missing_capacity else [])
    )
    last_forecast: Stored | None = last.get(keys.last_forecast)
    last_capacity: Stored | None = last.get(keys.last_capacity)
    if last_forecast is not None:
        forecast = last_forecast.value
    if last_capacity is not None:
        capacity = last_capacity.value
    waiting = partial(
        PageResults,
        forecast,
        capacity,
        month or (capacity.month if capacity is not None else None),
        forecast_since=last_forecast.computed_at if last_forecast else None,
        capacity_since=last_capacity.computed_at if last_capacity else None,
    )
    earlier = (
        Job.objects.filter(
            municipality_id=programme.municipality_id, kind=FORECAST, params__key=key
        )
        .order_by("-created_at", "-id")
        .first()
    )
    if earlier is not None and not earlier.finished:
        return waiting(job=earlier)
    if earlier is not None and earlier.status == JobStatus.FAILED and not retry:
        return waiting(failed=earlier)
    job = forecast_job(
        programme=programme,
        actor=actor,
        key=key,
        scenario=scenario,
        draws=draws,
        seed=seed,
        today=today,
        question=question,
        forecast=missing_forecast,
        url=url,
    )
    if job.status == JobStatus.FAILED:
        return waiting(failed=job)
    if job.status != JobStatus.DONE:
        return waiting(job=job)
    # Run already (the immediate backend): the answers are in the cache.
    found = _cache().get_many(parts)
    if missing_forecast:
        forecast = _value(found.get(keys.forecast))
    if missing_capacity:
        capacity = _value(found.get(keys.capacity))
    return PageResults(forecast, capacity, capacity.month if capacity is not None else month)


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
    """Compute what the job was asked and cache it, all at the end (nothing half-done).

    The answers are cached under the data versions read here, before the data: a
    change while the job runs makes the next view ask again, never shows an answer
    as current that is older than the data."""
    params = job.params
    programme = Programme.objects.get(pk=params["programme"], municipality=job.municipality)
    draws, seed = int(params["draws"]), int(params["seed"])
    today = dt.date.fromisoformat(params["today"])
    question = CapacityQuestion.from_params(params["capacity"]) if params.get("capacity") else None
    progress(_("Gegevens lezen"), 0, 0)
    versions = version_of(programme.municipality_id)
    built = build(programme)
    answers: dict[str, Any] = {}
    result: dict[str, Any] = {"programme": programme.pk}
    if params.get("forecast"):
        key = simulation_key(built, draws=draws, seed=seed)

        def report(done: int, total: int) -> None:
            progress(_("Prognose: toekomsten simuleren"), done, total)

        sim = _cache().get(key) or simulation(built, draws=draws, seed=seed, progress=report)
        answers[key] = sim
        result["forecast"] = key
        # Every scenario: switching between them on the page is then a lookup.
        for scenario in Scenario:
            keys = _keys(
                programme,
                versions,
                draws=draws,
                seed=seed,
                scenario=scenario,
                today=today,
                question=None,
            )
            forecast = assemble(built, sim, draws=draws, seed=seed, scenario=scenario)
            _store(answers, keys, forecast=forecast, capacity=None)
    if question is not None:
        problem = _problem(programme, built, question, today=today, draws=draws, seed=seed)
        keys = _keys(
            programme,
            versions,
            draws=draws,
            seed=seed,
            scenario=Scenario(params["scenario"]),
            today=today,
            question=question,
        )
        solved = _solved(problem, progress) if problem.inp is not None else None
        if solved is not None:
            answers[problem.key()] = (solved,)
            result["capacity"] = problem.key()
        _store(answers, keys, forecast=None, capacity=answer_of(problem, solved))
    _cache().set_many(answers, KEEP)
    page_lkv(programme, compute=True, versions=versions)  # the page's other slow part
    return JobOutcome(result=result, url=str(params.get("url") or ""), message=_("Berekend."))


def register_jobs() -> None:
    register(JobKind(FORECAST, _run))
