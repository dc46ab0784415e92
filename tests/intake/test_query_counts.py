"""The intake lists and rankings take the same number of queries for 2 or 12 people."""

from __future__ import annotations

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from basisbaan.participants.constants import ParticipantStatus
from tests.intake.factories import (
    ParticipantProfileFactory,
    PositionProfileFactory,
    ReferralFactory,
)

pytestmark = pytest.mark.django_db


def _people(programme, count: int) -> None:
    for _ in range(count):
        profile = ParticipantProfileFactory(
            participant__programme=programme, participant__status=ParticipantStatus.WAITING
        )
        ReferralFactory(participant=profile.participant)


def _queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "path",
    [
        "/intake/",
        "/intake/werkplekken/{position}/kandidaten/",
        "/api/v1/position-matches/{position}/",
    ],
)
def test_queries_do_not_grow_with_the_waiting_list(programme, caseworker, client_as, path):
    position = PositionProfileFactory(position__host__municipality=programme.municipality).position
    client = client_as(caseworker)
    path = path.format(position=position.pk)
    _people(programme, 2)
    few = _queries(client, path)
    _people(programme, 10)
    assert _queries(client, path) == few
