"""Programme pages: create, detail, intake open and closed."""

from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.participants.constants import ParticipantStatus
from basisbaan.programmes.models import Programme
from tests.factories import (
    ParticipantFactory,
    PlacementFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def test_programme_create_and_detail(municipality, manager, client_as):
    client = client_as(manager)
    response = client.post(
        "/programmas/nieuw/",
        {
            "name": "Basisbanen 2027",
            "slug": "basisbanen-2027",
            "description": "",
            "start_date": "01-01-2027",
            "end_date": "31-12-2028",
            "contract_period_months": "6",
        },
    )
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/programmas/{programme.pk}/"
    assert (programme.start_date, programme.end_date) == (
        dt.date(2027, 1, 1),
        dt.date(2028, 12, 31),
    )
    assert programme.municipality == municipality
    body = client.get(response["Location"]).content.decode()
    assert "01-01-2027 – 31-12-2028" in body
    assert "De instroom is open" in body


def test_programme_end_before_start_shows_message_on_end_date(manager, client_as):
    client = client_as(manager)
    with unchanged():
        response = client.post(
            "/programmas/nieuw/",
            {
                "name": "X",
                "slug": "x",
                "start_date": "01-01-2027",
                "end_date": "31-12-2026",
                "contract_period_months": "6",
            },
        )
    assert response.context["form"].errors["end_date"] == ["De einddatum ligt vóór de startdatum."]
    assert Programme.objects.count() == 0


def test_close_intake_needs_reason_and_is_shown(programme, manager, client_as):
    client = client_as(manager)
    url = f"/programmas/{programme.pk}/instroom/"

    with unchanged(programme):
        refused = client.post(url, {"intake": "closed", "reason": "  "})
    assert refused.context["form"].errors["reason"] == [
        "Geef de reden op waarom de instroom stopt."
    ]
    programme.refresh_from_db()
    assert programme.intake_open is True

    closed = client.post(url, {"intake": "closed", "reason": "Budget 2025 is op."})
    assert closed.status_code == 302
    programme.refresh_from_db()
    assert (programme.intake_open, programme.intake_closed_reason) == (False, "Budget 2025 is op.")
    detail = client.get(f"/programmas/{programme.pk}/").content.decode()
    assert "Instroomstop" in detail
    assert "Budget 2025 is op." in detail


def test_intake_form_needs_intake_permission(programme, caseworker, client_as):
    client = client_as(caseworker)
    with unchanged(programme):
        response = client.post(
            f"/programmas/{programme.pk}/instroom/", {"intake": "closed", "reason": "x"}
        )
    assert response.status_code == 403
    programme.refresh_from_db()
    assert programme.intake_open is True


def test_programme_detail_counts(programme, manager, client_as):
    ParticipantFactory.create_batch(2, programme=programme, status=ParticipantStatus.WAITING)
    PlacementFactory(participant__programme=programme)
    response = client_as(manager).get(f"/programmas/{programme.pk}/")
    assert response.context["participant_total"] == 3
    assert dict(response.context["by_status"])[ParticipantStatus.WAITING] == 2
    assert response.context["active_placements"] == 1


def test_programme_create_sets_contract_period_months(manager, client_as):
    client_as(manager).post(
        "/programmas/nieuw/",
        {
            "name": "Basisbanen 2027",
            "slug": "bb-2027",
            "start_date": "01-01-2027",
            "end_date": "31-12-2028",
            "contract_period_months": "12",
        },
    )
    assert Programme.objects.get().contract_period_months == 12
