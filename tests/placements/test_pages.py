"""Placement pages: create, end, filters, corrections."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.participants.constants import ParticipantStatus
from basisbaan.placements.models import Placement
from tests.factories import (
    ParticipantFactory,
    PlacementFactory,
    PositionFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture
def waiting(programme):
    return ParticipantFactory(
        programme=programme, status=ParticipantStatus.WAITING, first_name="Wout", last_name="Wacht"
    )


@pytest.fixture
def position(municipality):
    return PositionFactory(host__municipality=municipality, places=1)


def test_placement_refused_while_intake_is_closed(
    programme, waiting, position, caseworker, client_as
):
    programme.intake_open = False
    programme.intake_closed_reason = "Budget 2025 is op."
    programme.save()

    response = client_as(caseworker).post(
        "/plaatsingen/nieuw/",
        {"participant": waiting.pk, "position": position.pk, "start_date": "01-09-2025"},
    )

    assert response.status_code == 200
    message = f"De instroom van {programme.name} is gesloten: Budget 2025 is op."
    assert response.context["form"].non_field_errors() == [message]
    assert message in response.content.decode()
    assert Placement.objects.count() == 0
    waiting.refresh_from_db()
    assert waiting.status == ParticipantStatus.WAITING


def test_placement_create_and_end(waiting, position, caseworker, client_as):
    client = client_as(caseworker)
    response = client.post(
        "/plaatsingen/nieuw/",
        {"participant": waiting.pk, "position": position.pk, "start_date": "01-09-2025"},
    )
    placement = Placement.objects.get()
    assert response["Location"] == f"/plaatsingen/{placement.pk}/"
    assert (placement.start_date, placement.track) == (dt.date(2025, 9, 1), position.track)
    waiting.refresh_from_db()
    assert waiting.status == ParticipantStatus.PLACED

    with unchanged(placement, waiting):
        refused = client.post(
            f"/plaatsingen/{placement.pk}/beeindigen/",
            {"end_date": "01-01-2025", "reason": "own_choice"},
        )
    assert refused.context["form"].errors["end_date"] == ["De einddatum ligt vóór de startdatum."]

    ended = client.post(
        f"/plaatsingen/{placement.pk}/beeindigen/",
        {
            "end_date": "31-12-2025",
            "reason": "regular_work_elsewhere",
            "employer": "Bakkerij Hoekstra",
            "hours_per_week": "24",
            "contract_type": "fixed_term",
            "wage_band": "minimum",
        },
    )
    assert ended.status_code == 302
    placement.refresh_from_db()
    assert (placement.end_date, placement.end_reason) == (
        dt.date(2025, 12, 31),
        "Regulier werk elders",
    )
    waiting.refresh_from_db()
    assert waiting.status == ParticipantStatus.WAITING
    exit = placement.exits.get()
    assert (exit.kind, exit.reason, exit.employer, exit.hours_per_week, exit.spell) == (
        "placement",
        "regular_work_elsewhere",
        "Bakkerij Hoekstra",
        Decimal("24.0"),
        1,
    )
    assert not exit.follow_ups.exists()


def test_placement_form_offers_waiting_participants_and_open_positions_only(
    programme, waiting, position, municipality, other_municipality, caseworker, client_as
):
    ParticipantFactory(programme=programme, status=ParticipantStatus.REFERRED)
    ParticipantFactory(programme__municipality=other_municipality, status=ParticipantStatus.WAITING)
    PositionFactory(host__municipality=municipality, is_open=False)
    PositionFactory(host__municipality=other_municipality)
    form = client_as(caseworker).get("/plaatsingen/nieuw/").context["form"]
    assert list(form.fields["participant"].queryset) == [waiting]
    assert list(form.fields["position"].queryset) == [position]


def test_placement_list_filters(municipality, caseworker, client_as):
    running = PlacementFactory(
        participant__programme__municipality=municipality, track="transition"
    )
    PlacementFactory(
        participant__programme__municipality=municipality,
        track="social_value",
        end_date=dt.date(2025, 3, 1),
    )
    client = client_as(caseworker)
    assert list(client.get("/plaatsingen/", {"status": "active"}).context["object_list"]) == [
        running
    ]
    assert len(client.get("/plaatsingen/", {"track": "social_value"}).context["object_list"]) == 1
    assert len(client.get("/plaatsingen/").context["object_list"]) == 2


def test_placement_correction_refuses_start_outside_programme(municipality, caseworker, client_as):
    placement = PlacementFactory(participant__programme__municipality=municipality)
    client = client_as(caseworker)
    url = f"/plaatsingen/{placement.pk}/bewerken/"
    with unchanged(placement):
        refused = client.post(url, {"track": "social_value", "start_date": "01-01-2030"})
    assert refused.context["form"].errors["start_date"] == [
        "De startdatum valt buiten de looptijd van het programma."
    ]
    assert (
        client.post(url, {"track": "social_value", "start_date": "01-08-2024"}).status_code == 302
    )
    placement.refresh_from_db()
    assert (placement.track, placement.start_date) == ("social_value", dt.date(2024, 8, 1))
