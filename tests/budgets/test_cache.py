"""The page's answers cached under the data versions: a repeat view reads no data;
every kind of change (a contract, a payroll import, a budget, a parameter) makes the
next view compute again; the cached answer equals the fresh one to the cent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from basisbaan.budgets import jobs as budget_jobs
from basisbaan.budgets.api.viewsets import forecast_data
from basisbaan.budgets.forecasting import programme_forecast
from basisbaan.budgets.jobs import CapacityQuestion, page_results
from basisbaan.budgets.services import budget_update
from basisbaan.calc.forecast import Scenario
from basisbaan.contracts.models import ContractPeriod
from basisbaan.contracts.services import wage_line_add
from basisbaan.core.models import DataVersion
from basisbaan.core.versions import changed, version_of
from basisbaan.jobs.models import Job
from basisbaan.parameters.constants import ParameterKey
from basisbaan.parameters.services import parameter_value_set
from basisbaan.payroll.services import payroll_import
from tests.factories import MunicipalityFactory
from tests.payroll.conftest import csv_bytes

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 3, 14)
DRAWS, SEED = 60, 5


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2025, 3, 14, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def _answer(programme, scenario=Scenario.ALL_RENEWED, question=None):
    return page_results(
        programme=programme,
        actor=None,
        scenario=scenario,
        draws=DRAWS,
        seed=SEED,
        today=TODAY,
        question=question,
        want_forecast=True,
        url="/budget/",
    )


class Counter:
    """Counts the calls of the forecast's data reading (``build``)."""

    def __init__(self, monkeypatch):
        self.calls = 0
        real = budget_jobs.build

        def counted(programme):
            self.calls += 1
            return real(programme)

        monkeypatch.setattr(budget_jobs, "build", counted)


def _figures(forecast, scenario=Scenario.ALL_RENEWED):
    data = forecast_data(forecast, scenario)
    data.pop("programme")
    return data


def test_a_repeat_view_is_one_query_and_reads_no_data(programme, monkeypatch):
    reads = Counter(monkeypatch)
    first = _answer(programme)
    assert reads.calls == 1
    with CaptureQueriesContext(connection) as queries:
        again = _answer(programme)
    assert reads.calls == 1
    assert len(queries) == 1  # the data versions
    assert "core_dataversion" in queries[0]["sql"]
    assert _figures(again.forecast) == _figures(first.forecast)
    assert again.forecast_since is None


def test_the_cached_answer_equals_the_fresh_one_to_the_cent(programme):
    _answer(programme)
    cached = _answer(programme).forecast
    fresh = programme_forecast(programme, draws=DRAWS, seed=SEED, scenario=Scenario.ALL_RENEWED)
    assert _figures(cached) == _figures(fresh)
    assert [y.forecast(Scenario.ALL_RENEWED) for y in cached.years] == [
        Decimal("31638.84"),
        Decimal("34114.05"),
    ]


def _contract_period(programme) -> ContractPeriod:
    return ContractPeriod.objects.get(contract__participant__programme=programme)


def test_a_contract_change_computes_again(programme, monkeypatch):
    before = _answer(programme).forecast
    reads = Counter(monkeypatch)
    wage_line_add(
        period=_contract_period(programme),
        actor=None,
        start_date=dt.date(2025, 4, 1),
        hourly_wage=Decimal("16.00"),
    )
    after = _answer(programme).forecast
    assert reads.calls == 1
    assert after.years[0].forecast(Scenario.ALL_RENEWED) > before.years[0].forecast(
        Scenario.ALL_RENEWED
    )
    assert _figures(after) == _figures(
        programme_forecast(programme, draws=DRAWS, seed=SEED, scenario=Scenario.ALL_RENEWED)
    )


def test_a_budget_change_computes_again(programme, monkeypatch):
    _answer(programme)
    reads = Counter(monkeypatch)
    budget = programme.budgets.get(year=2025)
    budget_update(budget=budget, actor=None, data={"amount": Decimal("20000")})
    after = _answer(programme).forecast
    assert reads.calls == 1
    assert after.years[0].budget.amount == Decimal("20000.00")


def test_a_parameter_change_computes_again(programme, monkeypatch):
    _answer(programme)
    reads = Counter(monkeypatch)
    parameter_value_set(
        actor=None,
        key=ParameterKey.TRANSITION_PAYMENT_MAX,
        effective_date=dt.date(2025, 1, 1),
        value=Decimal("98500"),
        source="Test: een gecorrigeerd bedrag",
    )
    _answer(programme)
    assert reads.calls == 1


def test_a_payroll_import_computes_again(programme, monkeypatch):
    _answer(programme)
    reads = Counter(monkeypatch)
    versions = version_of(programme.municipality_id)
    # A refused file (no such person) writes no entries: nothing changed.
    refused = payroll_import(
        municipality=programme.municipality,
        actor=None,
        file_name="loon.csv",
        content=csv_bytes([]),
    )
    assert refused.as_json()["imported"] == 0
    _answer(programme)
    assert version_of(programme.municipality_id).municipality > versions.municipality
    assert reads.calls == 1


def test_another_municipality_changing_keeps_the_answer(programme, monkeypatch):
    _answer(programme)
    reads = Counter(monkeypatch)
    other = MunicipalityFactory(name="Emmen", slug="emmen")
    changed(other.pk)
    _answer(programme)
    assert reads.calls == 0


def test_each_scenario_and_question_has_its_own_answer(programme, monkeypatch):
    _answer(programme, Scenario.ALL_RENEWED)
    reads = Counter(monkeypatch)
    other = _answer(programme, Scenario.NO_RENEWALS)
    assert reads.calls == 1
    assert other.forecast is not None
    question = CapacityQuestion(dt.date(2025, 7, 1), Decimal("32"), Decimal("0.9"))
    asked = _answer(programme, question=question)
    assert asked.capacity is not None
    assert asked.month == dt.date(2025, 7, 1)
    assert reads.calls == 2
    _answer(programme, question=question)
    assert reads.calls == 2


# -- the counters ------------------------------------------------------------------


def test_a_change_raises_the_municipality_counter_and_a_national_one_the_national(programme):
    start = version_of(programme.municipality_id)
    budget_update(
        budget=programme.budgets.get(year=2026), actor=None, data={"amount": Decimal("1")}
    )
    middle = version_of(programme.municipality_id)
    assert (middle.municipality, middle.national) == (start.municipality + 1, start.national)
    changed(None)
    end = version_of(programme.municipality_id)
    assert (end.municipality, end.national) == (middle.municipality, middle.national + 1)
    assert end.instance == start.instance != 0


def test_reading_the_counters_writes_nothing(programme):
    rows = list(DataVersion.objects.order_by("scope").values_list("scope", "number"))
    version_of(programme.municipality_id)
    assert list(DataVersion.objects.order_by("scope").values_list("scope", "number")) == rows


@pytest.mark.django_db(transaction=True)
def test_a_transaction_raises_the_counter_once_after_its_commit_and_not_on_rollback():
    municipality = MunicipalityFactory(name="Assen", slug="assen")
    start = version_of(municipality.pk).municipality
    with transaction.atomic():
        for _ in range(5):
            changed(municipality.pk)
        assert version_of(municipality.pk).municipality == start  # not before the commit
    assert version_of(municipality.pk).municipality == start + 1

    with pytest.raises(RuntimeError), transaction.atomic():
        changed(municipality.pk)
        raise RuntimeError("rolled back")
    assert version_of(municipality.pk).municipality == start + 1

    # A rolled-back savepoint drops its callback; a later change still counts.
    with transaction.atomic():
        with pytest.raises(RuntimeError), transaction.atomic():
            changed(municipality.pk)
            raise RuntimeError("savepoint rolled back")
        changed(municipality.pk)
    assert version_of(municipality.pk).municipality == start + 2


# -- while a new answer is computed --------------------------------------------------


@pytest.fixture
def large_and_waiting(settings):
    settings.FORECAST_INLINE_LIMIT = 0
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


def test_the_page_shows_the_last_answer_with_its_age_while_a_job_computes(
    client_as, controller, programme, large_and_waiting
):
    from basisbaan.jobs.execution import execute_job

    url = f"/budget/{programme.pk}/?scenario=all_renewed&draws={DRAWS}&seed={SEED}"
    client = client_as(controller)
    client.get(url)
    execute_job(Job.objects.get().pk)
    assert "Eerder berekend" not in client.get(url).content.decode()

    budget_update(
        budget=programme.budgets.get(year=2025), actor=None, data={"amount": Decimal("20000")}
    )
    with time_machine.travel(dt.datetime(2025, 3, 14, 10, 5, tzinfo=dt.UTC), tick=False):
        html = client.get(url).content.decode()
    assert "Eerder berekend" in html
    assert "Deze cijfers zijn berekend op 14-03-2025 11:00 (5\xa0minuten geleden)" in html
    assert "Wordt berekend" in html
    assert "€ 50.000,00" in html  # the last answer's budget
    assert Job.objects.filter(status="queued").count() == 1

    execute_job(Job.objects.get(status="queued").pk)
    html = client.get(url).content.decode()
    assert "Eerder berekend" not in html
    assert "€ 20.000,00" in html


def test_the_api_never_answers_an_earlier_answer_as_current(
    controller, programme, large_and_waiting
):
    from rest_framework.test import APIClient

    from basisbaan.jobs.execution import execute_job

    client = APIClient()
    client.force_authenticate(controller)
    url = f"/api/v1/programmes/{programme.pk}/forecast/?scenario=all_renewed&draws={DRAWS}&seed={SEED}"
    assert client.get(url).status_code == 202
    execute_job(Job.objects.get().pk)
    assert client.get(url).status_code == 200
    budget_update(
        budget=programme.budgets.get(year=2025), actor=None, data={"amount": Decimal("20000")}
    )
    assert client.get(url).status_code == 202
