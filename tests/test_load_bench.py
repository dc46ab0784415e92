"""The load benchmark's floor views (bench/load_urls.py) read the rows of the
endpoints they stand beside: the same participants and contracts in the same
order, one municipality only; and the options of bench/load.py."""

from __future__ import annotations

import datetime as dt

import pytest
from bench.load import (
    Row,
    answer_status,
    database_url_for,
    failed,
    parse_args,
    paths_for,
    selected,
    size_argv,
    size_label,
)

from basisbaan.tenancy.roles import Role
from tests.factories import (
    ContractFactory,
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


def test_floor_list_counts_as_asked(floor_urls, benchmark, client):
    ParticipantFactory.create_batch(2, programme=ProgrammeFactory(municipality=benchmark))

    exact = client.get("/bench-floor/participants/?count=exact").json()
    bounded = client.get("/bench-floor/participants/?count=bounded").json()

    assert (exact["count"], "count_exact" in exact) == (2, False)
    assert (bounded["count"], bounded["count_exact"]) == (2, True)


def test_floor_search_is_the_api_searchs_first_page(floor_urls, benchmark, client):
    programme = ProgrammeFactory(municipality=benchmark)
    for first, prefix, last in [
        ("Piet", "", "Visser"),
        ("Anna", "de", "Visser"),
        ("Bram", "", "Visserman"),
        ("Anna", "", "Vis"),
        ("Visser", "", "Jansen"),
        ("Kees", "", "Bakker"),
    ]:
        ParticipantFactory(
            programme=programme, first_name=first, name_prefix=prefix, last_name=last
        )
    ParticipantFactory(last_name="Visser")  # another municipality
    member = MembershipFactory(municipality=benchmark, role=Role.PROGRAMME_MANAGER)
    client.force_login(member.user)
    api = client.get("/api/v1/participants/?search=Visser").json()
    client.logout()

    floor = client.get("/bench-floor/participants/?search=Visser").json()

    assert floor["count"] == api["count"] == 4
    assert [row["id"] for row in floor["results"]] == [row["id"] for row in api["results"]]
    assert [(row["last_name"], row["first_name"]) for row in floor["results"]] == [
        ("Jansen", "Visser"),
        ("Visser", "Anna"),
        ("Visser", "Piet"),
        ("Visserman", "Bram"),
    ]


def test_floor_contracts_are_the_api_contract_lists_first_page(floor_urls, benchmark, client):
    programme = ProgrammeFactory(municipality=benchmark)
    contracts = ContractFactory.create_batch(3, participant=ParticipantFactory(programme=programme))
    ContractPeriodFactory(contract=contracts[0])
    ContractPeriodFactory(
        contract=contracts[0],
        sequence=2,
        start_date=dt.date(2025, 1, 1),
        end_date=dt.date(2025, 6, 30),
    )
    ContractPeriodFactory(contract=contracts[2])
    ContractPeriodFactory()  # another municipality
    member = MembershipFactory(municipality=benchmark, role=Role.PROGRAMME_MANAGER)
    client.force_login(member.user)
    api = client.get("/api/v1/contracts/").json()
    client.logout()

    floor = client.get("/bench-floor/contracts/").json()

    assert floor["count"] == api["count"] == 3
    assert [row["id"] for row in floor["results"]] == [row["id"] for row in api["results"]]
    assert [row["id"] for row in floor["results"]] == [c.pk for c in reversed(contracts)]
    assert [[p["sequence"] for p in row["periods"]] for row in floor["results"]] == [
        [1],
        [],
        [1, 2],
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


def test_defaults_are_issue_19s_run(monkeypatch):
    monkeypatch.delenv("BENCH_LOAD_DATABASE_URL", raising=False)
    args = parse_args([])

    assert (args.sizes, args.workers, args.threads) == ([100_000, 1_000_000], 3, 2)
    assert (args.duration, args.client_counts, args.floor_count) == (60.0, [1, 16], "auto")


def test_each_size_has_a_database_of_its_own(monkeypatch):
    monkeypatch.delenv("BENCH_LOAD_DATABASE_URL", raising=False)
    args = parse_args(["--participants", "1000000,100000"])
    url = "postgres://postgres@127.0.0.1:5432/bb_load"

    assert args.sizes == [100_000, 1_000_000]
    assert [database_url_for(n, args) for n in args.sizes] == [f"{url}_100k", url]
    assert [size_label(n) for n in (100_000, 1_000_000, 12_345)] == ["100k", "1m", "12345"]


def test_a_database_given_for_one_size_is_used_as_it_is(monkeypatch):
    monkeypatch.delenv("BENCH_LOAD_DATABASE_URL", raising=False)
    small = "postgres://postgres@127.0.0.1:5432/bb_load_small"

    one = parse_args(["--participants", "20000", "--database-url", small])
    default = parse_args(["--participants", "20000"])
    several = parse_args(["--participants", "20000,1000000", "--database-url", small])

    assert database_url_for(20_000, one) == small
    assert database_url_for(20_000, default).endswith("/bb_load_20k")
    assert [database_url_for(n, several) for n in several.sizes] == [f"{small}_20k", small]


def test_a_sizes_run_keeps_the_options(monkeypatch, tmp_path):
    monkeypatch.delenv("BENCH_LOAD_DATABASE_URL", raising=False)
    args = parse_args(
        ["--participants", "100000,1000000", "--quick", "--skip", "forecast"]
        + ["--workers", "2", "--threads", "4", "--json", str(tmp_path / "load.json")]
    )

    again = parse_args(size_argv(args, 100_000))

    assert again.sizes == [100_000]
    assert again.database_url.endswith("/bb_load_100k")
    assert (again.duration, again.warmup, again.skip) == (3.0, 1.0, "forecast")
    assert (again.workers, again.threads, again.json) == (2, 4, str(tmp_path / "load-100k.json"))


def test_list_floors_count_as_the_api_does():
    context = {"programme_id": 7, "floor_count": "bounded", "participant_ids": [3]}
    paths = {e.key: paths_for(e, context) for e in selected("", "")}

    assert paths["floor-list"] == ["/bench-floor/participants/?count=bounded"]
    assert paths["floor-search"] == ["/bench-floor/participants/?search=Visser&count=bounded"]
    assert paths["api-search"] == ["/api/v1/participants/?search=Visser"]
    assert paths["floor-forecast"] == ["/bench-floor/programmes/7/forecast/"]
    assert paths["html-budget"] == ["/budget/7/"]
    assert paths["api-detail"] == ["/api/v1/participants/3/"]


def test_the_budget_page_while_computing_is_not_its_answer():
    computing = b'<div class="bb-alert bb-alert--info bb-computing">'

    assert answer_status(200, computing, page=True) == "200 berekenen"
    assert answer_status(200, b"<p>De berekening is mislukt.</p>", page=True) == "200 mislukt"
    assert answer_status(200, b"<table>", page=True) == "200"
    assert answer_status(200, computing) == "200"
    assert answer_status(202, b"{}") == "202"


def test_only_and_skip_keep_the_floors_they_need():
    assert [e.key for e in selected("api-detail", "")] == ["floor-detail", "api-detail"]
    assert [e.key for e in selected("contracts", "")] == [
        "floor-contracts",
        "api-contracts",
        "html-contracts",
    ]
    assert [e.key for e in selected("", "forecast")] == [
        "floor-list",
        "floor-search",
        "floor-detail",
        "floor-contracts",
        "floor-budgets",
        "api-list",
        "api-search",
        "api-detail",
        "api-contracts",
        "api-budgets",
        "html-list",
        "html-contracts",
    ]


def test_a_run_fails_on_an_answer_other_than_200():
    def row(key, **statuses):
        return Row(key, "", "", 1, requests=sum(statuses.values()), statuses=statuses)

    assert not failed(row("api-list", **{"200": 5}))
    assert failed(row("api-list", **{"200": 5, "500": 1}))
    assert failed(row("api-list", **{"200": 5, "202": 1}))
    assert not failed(row("api-forecast", **{"200": 5, "202": 1}))
    assert not failed(row("html-budget", **{"200 berekenen": 2}))
    assert failed(row("html-budget", **{"200 mislukt": 1}))
    assert failed(row("api-detail"))
