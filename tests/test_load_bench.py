"""The load benchmark's floor views (bench/load_urls.py) read the rows of the
endpoints they stand beside: the same participants in the same order, one
municipality only."""

from __future__ import annotations

import pytest
from bench.load import parse_args, selected

from basisbaan.tenancy.roles import Role
from tests.factories import (
    ContractPeriodFactory,
    MembershipFactory,
    MunicipalityFactory,
    ParticipantFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def floor_urls(settings):
    settings.ROOT_URLCONF = "bench.load_urls"


@pytest.fixture
def benchmark():
    return MunicipalityFactory(slug="benchmark")


def test_floor_list_is_the_api_lists_first_page(floor_urls, benchmark, client):
    programme = ProgrammeFactory(municipality=benchmark)
    for last, first in [
        ("Visser", "Anna"),
        ("Bakker", "Piet"),
        ("Bakker", "Anna"),
        ("de Boer", "K"),
    ]:
        ParticipantFactory(programme=programme, last_name=last, first_name=first)
    ParticipantFactory()  # another municipality
    member = MembershipFactory(municipality=benchmark, role=Role.PROGRAMME_MANAGER)
    client.force_login(member.user)
    api = client.get("/api/v1/participants/").json()
    client.logout()

    floor = client.get("/bench-floor/participants/").json()

    assert floor["count"] == api["count"] == 4
    assert [row["id"] for row in floor["results"]] == [row["id"] for row in api["results"]]
    assert [row["last_name"] for row in floor["results"]] == [
        "Bakker",
        "Bakker",
        "Visser",
        "de Boer",
    ]


def test_floor_detail_only_in_the_benchmark_municipality(floor_urls, benchmark, client):
    own = ParticipantFactory(programme=ProgrammeFactory(municipality=benchmark))
    other = ParticipantFactory()

    assert client.get(f"/bench-floor/participants/{own.pk}/").json()["bsn"] == own.bsn
    assert client.get(f"/bench-floor/participants/{other.pk}/").status_code == 404


def test_floor_forecast_reads_the_programmes_contract_periods(floor_urls, benchmark, client):
    programme = ProgrammeFactory(municipality=benchmark)
    ContractPeriodFactory.create_batch(3, contract__participant__programme=programme)
    ContractPeriodFactory()  # another municipality's programme

    answer = client.get(f"/bench-floor/programmes/{programme.pk}/forecast/").json()

    assert answer == {"programme": programme.pk, "budgets": 0, "periods": 3}


def test_quick_is_a_short_run():
    args = parse_args(["--quick", "--clients", "16,1,16"])

    assert (args.duration, args.warmup, args.client_counts) == (3.0, 1.0, [1, 16])


def test_only_and_skip_keep_the_floors_they_need():
    assert [e.key for e in selected("api-detail", "")] == ["floor-detail", "api-detail"]
    assert [e.key for e in selected("", "forecast")] == [
        "floor-list",
        "floor-detail",
        "floor-budgets",
        "api-list",
        "api-detail",
        "api-budgets",
        "html-list",
    ]
