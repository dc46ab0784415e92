"""Placing at the same moment: exactly one placement, never an overbooked position.

The threaded tests need a database that runs transactions side by side:
PostgreSQL (``DATABASE_URL=$PG_TEST_URL``). SQLite serialises every write
transaction (``transaction_mode IMMEDIATE``), so there the refusals are
tested one after the other.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, connections, transaction

from basisbaan.hosts.constants import Track
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.placements.services import placement_create, placement_end
from tests.factories import ParticipantFactory, PositionFactory
from tests.unchanged import unchanged

THREADS = 4
START = dt.date(2024, 7, 1)

postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="needs concurrent transactions (PostgreSQL)"
)


def run_at_once(calls: list[Callable[[], object]]) -> list[object]:
    """Run ``calls`` in threads released together; each result or exception.

    Each thread has its own database connection (Django's are per thread),
    closed when the thread ends so the test database can be dropped.
    """
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def work(index: int) -> None:
        try:
            barrier.wait()
            results[index] = calls[index]()
        except Exception as exc:  # noqa: BLE001 - the test inspects what each got
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def place(municipality, actor, participant, position) -> Callable[[], Placement]:
    def call() -> Placement:
        return placement_create(
            municipality=municipality,
            actor=actor,
            participant=participant,
            position=position,
            start_date=START,
        )

    return call


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_one_participant_placed_at_four_positions_at_once_gets_one_placement(
    municipality, caseworker
):
    participant = ParticipantFactory(
        programme__municipality=municipality, status=ParticipantStatus.WAITING
    )
    positions = [
        PositionFactory(host__municipality=municipality, track=Track.SOCIAL_VALUE, places=1)
        for _ in range(THREADS)
    ]

    results = run_at_once(
        [place(municipality, caseworker, participant, position) for position in positions]
    )

    placed = [r for r in results if isinstance(r, Placement)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(placed), len(refused)) == (1, THREADS - 1)
    assert Placement.objects.filter(participant=participant).count() == 1
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.PLACED


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_four_participants_at_a_one_place_position_at_once_fill_it_once(municipality, caseworker):
    position = PositionFactory(host__municipality=municipality, track=Track.SOCIAL_VALUE, places=1)
    first = ParticipantFactory(
        programme__municipality=municipality, status=ParticipantStatus.WAITING
    )
    people = [first] + [
        ParticipantFactory(programme=first.programme, status=ParticipantStatus.WAITING)
        for _ in range(THREADS - 1)
    ]

    results = run_at_once([place(municipality, caseworker, p, position) for p in people])

    placed = [r for r in results if isinstance(r, Placement)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(placed), len(refused)) == (1, THREADS - 1)
    assert Placement.objects.filter(position=position, end_date__isnull=True).count() == 1
    statuses = sorted(Participant.objects.values_list("status", flat=True))
    assert statuses == sorted(
        [ParticipantStatus.PLACED] + [ParticipantStatus.WAITING] * (THREADS - 1)
    )


# One after the other (any database): the checks read the stored rows.


@pytest.mark.django_db
def test_a_stale_copy_of_a_placed_participant_is_not_placed_again(municipality, caseworker):
    participant = ParticipantFactory(
        programme__municipality=municipality, status=ParticipantStatus.WAITING
    )
    first, second = (
        PositionFactory(host__municipality=municipality, track=Track.SOCIAL_VALUE, places=1)
        for _ in range(2)
    )
    stale = type(participant).objects.get(pk=participant.pk)  # still says 'waiting'
    placement_create(
        municipality=municipality,
        actor=caseworker,
        participant=participant,
        position=first,
        start_date=START,
    )
    assert stale.status == ParticipantStatus.WAITING

    with pytest.raises(ValidationError) as info, unchanged(participant, second):
        place(municipality, caseworker, stale, second)()
    assert info.value.message_dict == {
        "participant": ["Alleen een deelnemer op de wachtlijst kan worden geplaatst."]
    }


@pytest.mark.django_db
def test_a_stale_copy_of_a_closed_position_is_not_used(municipality, caseworker):
    position = PositionFactory(host__municipality=municipality, track=Track.SOCIAL_VALUE, places=1)
    stale = type(position).objects.get(pk=position.pk)  # still says 'open'
    type(position).objects.filter(pk=position.pk).update(is_open=False)
    participant = ParticipantFactory(
        programme__municipality=municipality, status=ParticipantStatus.WAITING
    )

    with pytest.raises(ValidationError) as info, unchanged(participant, position):
        place(municipality, caseworker, participant, stale)()
    assert info.value.message_dict == {"position": ["Deze werkplek is niet open voor plaatsing."]}


@pytest.mark.django_db
def test_the_database_refuses_a_second_running_placement_of_one_participant(municipality):
    participant = ParticipantFactory(
        programme__municipality=municipality, status=ParticipantStatus.PLACED
    )
    positions = [
        PositionFactory(host__municipality=municipality, track=Track.SOCIAL_VALUE) for _ in range(2)
    ]
    Placement.objects.create(
        municipality=municipality,
        participant=participant,
        position=positions[0],
        track=Track.SOCIAL_VALUE,
        start_date=START,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Placement.objects.create(
            municipality=municipality,
            participant=participant,
            position=positions[1],
            track=Track.SOCIAL_VALUE,
            start_date=START,
        )
    # An ended placement is history: a new running one beside it is fine.
    Placement.objects.filter(participant=participant).update(end_date=dt.date(2024, 12, 31))
    Placement.objects.create(
        municipality=municipality,
        participant=participant,
        position=positions[1],
        track=Track.SOCIAL_VALUE,
        start_date=dt.date(2025, 1, 1),
    )
    assert Placement.objects.filter(participant=participant, end_date__isnull=True).count() == 1


@pytest.mark.django_db
def test_a_stale_copy_of_an_ended_placement_is_not_ended_again(municipality, caseworker):
    participant = ParticipantFactory(
        programme__municipality=municipality, status=ParticipantStatus.WAITING
    )
    position = PositionFactory(host__municipality=municipality, track=Track.SOCIAL_VALUE)
    placement = place(municipality, caseworker, participant, position)()
    stale = Placement.objects.get(pk=placement.pk)
    placement_end(
        placement=placement, actor=caseworker, end_date=dt.date(2024, 9, 30), reason="Klaar"
    )

    with pytest.raises(ValidationError) as info, unchanged(placement, participant):
        placement_end(
            placement=stale, actor=caseworker, end_date=dt.date(2024, 10, 31), reason="Ook klaar"
        )
    assert info.value.messages == ["Deze plaatsing is al beëindigd."]
