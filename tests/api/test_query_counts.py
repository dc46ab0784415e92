"""List endpoints use a fixed number of queries, whatever the number of rows."""

from __future__ import annotations

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import (
    ContractPeriodFactory,
    HostContactFactory,
    PlacementFactory,
    ProgrammeFactory,
)

pytestmark = pytest.mark.django_db


def add_rows(municipality, count: int) -> None:
    for _ in range(count):
        ProgrammeFactory(municipality=municipality)
        placement = PlacementFactory(participant__programme__municipality=municipality)
        HostContactFactory(host=placement.position.host)
        ContractPeriodFactory(
            contract__participant=placement.participant, contract__placement=placement
        )
        ContractPeriodFactory(
            contract=placement.participant.contracts.get(), sequence=2, end_date="2025-06-30"
        )


def count_queries(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"page_size": 100})
    assert response.status_code == 200
    return len(queries), len(response.json()["results"])


@pytest.mark.parametrize(
    "resource",
    [
        "programmes",
        "participants",
        "hosts",
        "host-contacts",
        "positions",
        "placements",
        "contracts",
    ],
)
def test_list_queries_do_not_grow_with_rows(api_as, admin, municipality, resource):
    client = api_as(admin)
    url = f"/api/v1/{resource}/"

    add_rows(municipality, 3)
    few, rows_few = count_queries(client, url)
    add_rows(municipality, 27)
    many, rows_many = count_queries(client, url)

    assert rows_few >= 3
    assert rows_many >= 30
    assert few == many
