"""The guidance API: hours, sessions, actions, signals and the norm; through the
services, scoped to the municipality, every read audited."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.audit.models import AuditEntry
from basisbaan.guidance.models import FeedbackSession, HoursEntry, Signal
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

D = dt.date
URL = "/api/v1/"


def test_hours_create_list_update_delete(placed, coach, caseworker_user, api_as):
    person = placed().participant
    client = api_as(coach)
    created = client.post(
        f"{URL}hours-entries/",
        {"participant": person.pk, "date": "2025-03-03", "activity": "intake", "hours": "1.75"},
        format="json",
    )
    assert created.status_code == 201, created.json()
    body = created.json()
    assert (body["staff"], body["hours"]) == (coach.pk, "1.75")
    with unchanged(HoursEntry.objects.get()):
        for_other = client.post(
            f"{URL}hours-entries/",
            {
                "participant": person.pk,
                "staff": caseworker_user.pk,
                "date": "2025-03-03",
                "activity": "intake",
                "hours": "1",
            },
            format="json",
        )
    assert for_other.status_code == 400
    assert for_other.json()["staff"] == ["U kunt alleen uw eigen uren vastleggen of wijzigen."]
    listed = client.get(f"{URL}hours-entries/?participant={person.pk}&date_from=2025-03-01")
    assert [r["id"] for r in listed.json()["results"]] == [body["id"]]
    audit = AuditEntry.objects.get(action="list", object_type="guidance.hoursentry")
    assert audit.changes["ids"] == [str(body["id"])]
    patched = client.patch(f"{URL}hours-entries/{body['id']}/", {"hours": "2.00"}, format="json")
    assert patched.json()["hours"] == "2.00"
    assert client.delete(f"{URL}hours-entries/{body['id']}/").status_code == 204
    assert HoursEntry.objects.count() == 0


def test_another_municipality_sees_and_changes_nothing(placed, coach, api_as, other_municipality):
    from basisbaan.tenancy.roles import Role
    from tests.conftest import make_member

    person = placed().participant
    api_as(coach).post(
        f"{URL}hours-entries/",
        {"participant": person.pk, "date": "2025-03-03", "activity": "intake", "hours": "1"},
        format="json",
    )
    entry = HoursEntry.objects.get()
    outsider = make_member(other_municipality, Role.PROGRAMME_MANAGER, username="buiten")
    client = api_as(outsider)
    assert client.get(f"{URL}hours-entries/").json()["results"] == []
    with unchanged(entry, person):
        assert client.get(f"{URL}hours-entries/{entry.pk}/").status_code == 404
        assert client.delete(f"{URL}hours-entries/{entry.pk}/").status_code == 404
        refused = client.post(
            f"{URL}hours-entries/",
            {"participant": person.pk, "date": "2025-03-03", "activity": "travel", "hours": "1"},
            format="json",
        )
    assert refused.status_code == 400
    assert HoursEntry.objects.count() == 1


def test_sessions_record_and_actions(placed, coach, caseworker_user, host_contact, api_as):
    placement = placed(start=D(2025, 1, 6))
    client = api_as(coach)
    planned = client.post(
        f"{URL}feedback-sessions/",
        {
            "placement": placement.pk,
            "planned_date": "2025-02-17",
            "planned_time": "09:30",
            "host_contact": host_contact.pk,
            "jobcoach": coach.pk,
        },
        format="json",
    )
    assert planned.status_code == 201, planned.json()
    pk = planned.json()["id"]
    with unchanged(FeedbackSession.objects.get(pk=pk)):
        bad = client.post(
            f"{URL}feedback-sessions/{pk}/record/",
            {"held_on": "2025-02-17", "score_work": 6},
            format="json",
        )
    assert bad.status_code == 400
    recorded = client.post(
        f"{URL}feedback-sessions/{pk}/record/",
        {
            "held_on": "2025-02-17",
            "score_work": 4,
            "score_wellbeing": 4,
            "score_finances": 3,
            "score_host": 5,
            "caseworker": caseworker_user.pk,
            "notes": "Prima",
        },
        format="json",
    )
    assert recorded.status_code == 200
    assert (recorded.json()["status"], recorded.json()["score_host"]) == ("held", 5)
    action = client.post(
        f"{URL}feedback-actions/",
        {
            "session": pk,
            "description": "Rooster aanpassen",
            "owner": caseworker_user.pk,
            "due_date": "2025-03-01",
        },
        format="json",
    )
    assert action.status_code == 201
    done = client.post(f"{URL}feedback-actions/{action.json()['id']}/done/")
    assert done.json()["done_on"] is not None
    assert client.get(f"{URL}feedback-sessions/{pk}/").json()["notes"] == "Prima"
    assert AuditEntry.objects.filter(action="view", object_type="guidance.feedbacksession").exists()


def test_signals_raise_update_close(placed, coach, manager, api_as):
    person = placed().participant
    client = api_as(coach)
    raised = client.post(
        f"{URL}signals/",
        {"participant": person.pk, "kind": "dropout", "description": "Twijfelt", "owner": coach.pk},
        format="json",
    )
    assert raised.status_code == 201, raised.json()
    pk = raised.json()["id"]
    assert raised.json()["raised_by"] == coach.pk
    assert (
        client.patch(f"{URL}signals/{pk}/", {"owner": manager.pk}, format="json").json()["owner"]
        == manager.pk
    )
    assert [s["id"] for s in client.get(f"{URL}signals/?open=1").json()["results"]] == [pk]
    closed = client.post(f"{URL}signals/{pk}/close/", {"follow_up": "Gesprek gehad"}, format="json")
    assert closed.json()["is_open"] is False
    assert client.get(f"{URL}signals/?open=1").json()["results"] == []
    assert Signal.objects.get().closed_by == coach


def test_norm_endpoint(municipality, placed, coach, manager, api_as):
    person = placed(start=D(2025, 7, 1)).participant
    api_as(coach).post(
        f"{URL}hours-entries/",
        {"participant": person.pk, "date": "2025-08-04", "activity": "coaching", "hours": "3.5"},
        format="json",
    )
    body = api_as(manager).get(f"{URL}guidance-norm/?year=2025").json()
    (row,) = body["participants"]
    assert (row["hours"], row["norm_year"], row["quarters"], row["cost"]) == (
        "3.50",
        "100.82",
        ["0.00", "0.00", "3.50", "0.00"],
        None,
    )
    assert body["as_of"] == "2025-12-31"
    assert Decimal(body["programmes"][0]["norm_to_date"]) == Decimal("100.82")
