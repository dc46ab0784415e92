"""Big forecasts in the background: the inline limit, the cache, the shared job, failures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pytest
from bench.forecast import RATES, synthetic

from django.core.cache import caches
from rest_framework.test import APIClient

from basisbaan.budgets import jobs as budget_jobs
from basisbaan.budgets.capacity import programme_capacity
from basisbaan.budgets.forecasting import build, programme_forecast, simulation_key
from basisbaan.budgets.models import Budget
from basisbaan.calc.forecast import Scenario, simulate
from basisbaan.jobs.constants import JobStatus
from basisbaan.jobs.execution import execute_job
from basisbaan.jobs.models import Job
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

PAGE = "/budget/{pk}/"
QUERY = "?scenario=observed&draws=300&seed=9"


@pytest.fixture(autouse=True)
def _no_cached_answers():
    caches["jobs"].clear()
    yield
    caches["jobs"].clear()


@pytest.fixture
def queue_waits(settings):
    """Jobs wait in a queue nobody works (the test runs them with ``execute_job``)."""
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def large(settings):
    """Every forecast counts as large: computed in the background."""
    settings.FORECAST_INLINE_LIMIT = 0


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _key(programme, draws=300, seed=9) -> str:
    return simulation_key(build(programme), draws=draws, seed=seed)


def test_a_small_forecast_is_computed_in_the_request_and_cached(
    client_as, controller, programme, monkeypatch
):
    client = client_as(controller)
    first = client.get(PAGE.format(pk=programme.pk) + QUERY)
    assert first.status_code == 200
    assert "300 gesimuleerde toekomsten (Monte Carlo), startgetal 9" in first.content.decode()
    assert not Job.objects.exists()
    assert caches["jobs"].get(_key(programme)) is not None

    def refuse(*args, **kwargs):
        raise AssertionError("computed again")

    monkeypatch.setattr(budget_jobs, "simulation", refuse)
    again = client.get(PAGE.format(pk=programme.pk) + QUERY + "&scenario=all_renewed")
    assert again.status_code == 200  # another scenario: the same simulation, from the cache
    assert not Job.objects.exists()


def test_a_large_forecast_runs_as_a_job_with_the_same_figures(
    client_as, controller, programme, large
):
    url = PAGE.format(pk=programme.pk) + QUERY
    page = client_as(controller).get(url)
    assert page.status_code == 200
    job = Job.objects.get()
    assert (job.kind, job.status, job.created_by) == (
        "budgets.forecast",
        JobStatus.DONE,
        controller,
    )
    assert job.result_url == url
    assert job.params["programme"] == programme.pk
    assert (job.params["draws"], job.params["seed"], job.params["scenario"]) == (300, 9, "observed")
    assert job.params["forecast"] is True
    assert job.params["capacity"] == {"month": "2026-12-01", "hours": "32", "probability": "0.9"}
    assert job.result["forecast"] == _key(programme)
    assert job.label == f"Prognose berekenen: {programme.name}"
    html = page.content.decode()
    assert "300 gesimuleerde toekomsten (Monte Carlo), startgetal 9" in html
    assert "Wordt berekend" not in html

    # The cached answer is the one the request would have computed.
    inline = programme_forecast(programme, draws=300, seed=9, scenario=Scenario.OBSERVED)
    cached = budget_jobs.cached_forecast(
        build(programme), draws=300, seed=9, scenario=Scenario.OBSERVED, compute=False
    )
    assert cached is not None
    assert [(y.p10, y.p50, y.p90, y.p_overspend) for y in cached.years] == [
        (y.p10, y.p50, y.p90, y.p_overspend) for y in inline.years
    ]
    assert cached.months == inline.months

    # Shown again: from the cache, no new job.
    assert client_as(controller).get(url).status_code == 200
    assert Job.objects.count() == 1


def test_a_change_in_the_data_gives_a_new_key(controller, programme):
    from basisbaan.budgets.services import budget_update

    before = _key(programme)
    budget = Budget.objects.get(programme=programme, year=2026)
    budget_update(budget=budget, actor=controller, data={"amount": Decimal("60000")})
    assert _key(programme) != before


def test_two_users_share_one_running_job(
    client_as, controller, programme, municipality, large, queue_waits
):
    url = PAGE.format(pk=programme.pk) + QUERY
    html = client_as(controller).get(url).content.decode()
    job = Job.objects.get()
    assert job.status == JobStatus.QUEUED
    assert "Wordt berekend" in html
    progress_url = f"/budget/{programme.pk}/berekening/{job.pk}/"
    assert f'hx-get="{progress_url}"' in html

    other = make_member(municipality, Role.PROGRAMME_MANAGER, username="tweede")
    second = client_as(other)
    assert "Wordt berekend" in second.get(url).content.decode()
    assert Job.objects.count() == 1  # the same inputs: the same job
    waiting = second.get(progress_url)
    assert waiting.status_code == 200
    assert "HX-Refresh" not in waiting

    execute_job(job.pk)
    done = second.get(progress_url)
    assert done["HX-Refresh"] == "true"
    shown = second.get(url).content.decode()
    assert "300 gesimuleerde toekomsten (Monte Carlo), startgetal 9" in shown
    assert Job.objects.count() == 1


def test_a_failed_job_writes_nothing_and_says_why(
    client_as, controller, programme, large, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("midway")

    # The forecast's simulation has run when the capacity search breaks.
    monkeypatch.setattr(budget_jobs, "_solved", broken)
    url = PAGE.format(pk=programme.pk) + QUERY
    client = client_as(controller)
    with unchanged(ignore=(Job,), reads=True):
        page = client.get(url)
    job = Job.objects.get()
    assert job.status == JobStatus.FAILED
    assert job.message.startswith(
        "Er ging iets mis bij het verwerken. Er is niets opgeslagen. De beheerder vindt de "
        "oorzaak in het log onder verzoek-id"
    )
    assert caches["jobs"].get(_key(programme)) is None  # nothing half-cached
    html = page.content.decode()
    assert "De berekening is mislukt." in html
    assert "Opnieuw berekenen" in html

    # Shown again: the failure, no new attempt by itself.
    assert "De berekening is mislukt." in client.get(url).content.decode()
    assert Job.objects.count() == 1

    # Asked again on purpose (POST): a new job, which now succeeds.
    monkeypatch.undo()
    retried = client.post(url)
    assert retried.status_code == 302
    assert retried["Location"] == url
    assert list(Job.objects.order_by("id").values_list("status", flat=True)) == [
        JobStatus.FAILED,
        JobStatus.DONE,
    ]
    assert "300 gesimuleerde toekomsten" in client.get(url).content.decode()


def test_the_api_answers_202_with_the_job_then_200(
    controller, programme, municipality, large, queue_waits
):
    url = f"/api/v1/programmes/{programme.pk}/forecast/?scenario=all_renewed&draws=300&seed=9"
    client = api(controller)
    accepted = client.get(url)
    assert accepted.status_code == 202
    job = Job.objects.get()
    assert accepted["Location"] == f"/api/v1/jobs/{job.pk}/"
    assert accepted.json()["status"] == "queued"
    assert accepted.json()["kind"] == "budgets.forecast"
    assert job.params["url"] == url

    other = api(make_member(municipality, Role.PROGRAMME_MANAGER, username="tweede"))
    theirs = other.get(url)
    assert theirs.status_code == 202
    assert theirs["Location"] == url  # not their job: ask this address again
    assert Job.objects.count() == 1

    execute_job(job.pk)
    polled = client.get(f"/api/v1/jobs/{job.pk}/").json()
    assert (polled["status"], polled["result_url"]) == ("done", url)
    answer = client.get(url)
    assert answer.status_code == 200
    assert answer.json()["draws"] == 300
    assert other.get(url).json() == answer.json()
    assert Job.objects.count() == 1


def test_the_capacity_api_in_the_background(controller, programme, large, queue_waits):
    url = (
        f"/api/v1/programmes/{programme.pk}/capacity/"
        "?month=2025-07-01&hours=32&probability=0.9&draws=300&seed=9"
    )
    client = api(controller)
    accepted = client.get(url)
    assert accepted.status_code == 202
    job = Job.objects.get()
    assert job.params["forecast"] is False
    assert job.params["capacity"] == {"month": "2025-07-01", "hours": "32", "probability": "0.9"}
    execute_job(job.pk)
    answer = client.get(url).json()
    inline = programme_capacity(
        programme,
        today=dt.date(2026, 11, 18),
        month=dt.date(2025, 7, 1),
        hours=Decimal(32),
        probability=Decimal("0.9"),
        draws=300,
        seed=9,
    )
    assert answer["count"] == inline.count
    assert answer["years"] == [2025, 2026]


def test_the_simulation_reports_its_draws_and_draws_the_same():
    inp = synthetic(50, 24, 7, 50 * 2_400_00 * 12)
    seen: list[tuple[int, int]] = []
    with_progress, _paths = simulate(
        inp,
        RATES,
        draws=1_000,
        rng=np.random.default_rng(3),
        progress=lambda done, total: seen.append((done, total)),
    )
    without, _paths = simulate(inp, RATES, draws=1_000, rng=np.random.default_rng(3))
    assert (with_progress == without).all()
    assert seen[-1] == (1_000, 1_000)
    assert [t for _d, t in seen] == [1_000] * len(seen)
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
