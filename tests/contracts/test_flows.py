"""A contract whose first period starts less than a month before the programme's end warns."""

from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.contracts.models import Contract
from tests.factories import ParticipantFactory, PlacementFactory

pytestmark = pytest.mark.django_db


def post(client, participant, start: str):
    return client.post(
        "/contracten/nieuw/",
        {
            "participant": participant.pk,
            "employer_name": "Caparis",
            "start_date": start,
            "end_date": "31-12-2027",
            "hours_per_week": "32",
            "hourly_wage": "15,00",
        },
        follow=True,
    )


@pytest.fixture
def participant(programme):
    programme.end_date = dt.date(2027, 12, 31)
    programme.save()
    participant = ParticipantFactory(programme=programme, date_of_birth=dt.date(1980, 5, 17))
    PlacementFactory(participant=participant, start_date=dt.date(2027, 11, 1))
    return participant


def test_a_contract_17_days_before_the_end_warns(participant, manager, client_as):
    response = post(client_as(manager), participant, "14-12-2027")
    assert Contract.objects.count() == 1
    assert [str(m) for m in response.context["messages"]] == [
        "Het contract is vastgelegd.",
        "Het contract begint 17 dagen voor het einde van het programma.",
    ]


def test_an_earlier_contract_does_not_warn(participant, manager, client_as):
    response = post(client_as(manager), participant, "30-11-2027")
    assert Contract.objects.count() == 1
    assert [str(m) for m in response.context["messages"]] == ["Het contract is vastgelegd."]
