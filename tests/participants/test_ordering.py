"""A pseudonym list in surname order tells who is who: for a researcher every list of
pseudonyms is ordered neutrally (status date, id, pseudonym), and sorting by name or
BSN is unavailable."""

from __future__ import annotations

import datetime as dt

import pytest

from django.utils import timezone
from rest_framework.test import APIClient

from basisbaan.participants.constants import ParticipantStatus
from tests.contracts.factories import (
    AdultContractFactory,
    AdultPeriodFactory,
    WageValueMeasurementFactory,
)
from tests.factories import ParticipantFactory

pytestmark = pytest.mark.django_db
D = dt.date


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9)))


@pytest.fixture
def four(programme):
    """Surname order Aa, Mm, Zz, Zzz; status-date order (newest first) Zz, Mm, Aa, none."""

    def make(name: str, changed: dt.date | None):
        return ParticipantFactory(
            programme=programme,
            last_name=name,
            status=ParticipantStatus.WAITING,
            status_changed_at=_at(changed) if changed else None,
        )

    return {
        "none": make("Zzz", None),
        "aa": make("Aa", D(2026, 1, 5)),
        "zz": make("Zz", D(2026, 9, 1)),
        "mm": make("Mm", D(2026, 6, 1)),
    }


def test_researcher_list_is_in_status_date_order_not_by_surname(
    four, researcher, caseworker, client_as
):
    neutral = [four[k].pk for k in ("zz", "mm", "aa", "none")]
    by_name = [four[k].pk for k in ("aa", "mm", "zz", "none")]

    researched = client_as(researcher).get("/deelnemers/")
    worked = client_as(caseworker).get("/deelnemers/")

    assert [p.pk for p in researched.context["object_list"]] == neutral
    assert [p.pk for p in worked.context["object_list"]] == by_name


def test_researcher_api_is_in_neutral_order_and_cannot_sort_by_name(four, researcher):
    client = APIClient()
    client.force_authenticate(researcher)
    neutral = [four[k].pseudonym for k in ("zz", "mm", "aa", "none")]

    default = client.get("/api/v1/participants/").json()["results"]
    by_name = client.get("/api/v1/participants/", {"ordering": "last_name"}).json()["results"]
    by_bsn = client.get("/api/v1/participants/", {"ordering": "-bsn"}).json()["results"]
    by_status_date = client.get("/api/v1/participants/", {"ordering": "status_changed_at"})

    assert [row["pseudonym"] for row in default] == neutral
    assert [row["pseudonym"] for row in by_name] == neutral
    assert [row["pseudonym"] for row in by_bsn] == neutral
    # Where NULL sorts ascending differs per database: the dated ones in date order.
    dated = [
        row["pseudonym"] for row in by_status_date.json()["results"] if row["status_changed_at"]
    ]
    assert dated == [four[k].pseudonym for k in ("aa", "mm", "zz")]


def test_caseworker_api_sorts_by_name(four, caseworker):
    client = APIClient()
    client.force_authenticate(caseworker)
    rows = client.get("/api/v1/participants/", {"ordering": "-last_name"}).json()["results"]
    assert [row["id"] for row in rows] == [four[k].pk for k in ("none", "zz", "mm", "aa")]


def test_researcher_wage_values_are_not_in_surname_order(
    programme, researcher, caseworker, client_as
):
    zed = WageValueMeasurementFactory(participant__programme=programme, participant__last_name="Zz")
    ant = WageValueMeasurementFactory(participant__programme=programme, participant__last_name="Aa")
    assert zed.participant_id < ant.participant_id

    researched = client_as(researcher).get("/contracten/loonwaarde/")
    worked = client_as(caseworker).get("/contracten/loonwaarde/")

    assert [m.pk for m in researched.context["object_list"]] == [zed.pk, ant.pk]
    assert [m.pk for m in worked.context["object_list"]] == [ant.pk, zed.pk]


def test_researcher_worklist_never_measured_by_pseudonym(
    programme, researcher, caseworker, client_as, today
):
    people = []
    for name in ("Aa", "Bb", "Cc", "Dd", "Ee", "Ff"):
        contract = AdultContractFactory(
            participant__programme=programme, participant__last_name=name, wage_subsidy=True
        )
        AdultPeriodFactory(
            contract=contract, start_date=today.replace(day=1), end_date=D(today.year + 1, 6, 30)
        )
        people.append(contract.participant)

    researched = client_as(researcher).get("/contracten/beslissingen/")
    worked = client_as(caseworker).get("/contracten/beslissingen/")

    assert [r.participant.pk for r in researched.context["remeasurements"]] == [
        p.pk for p in sorted(people, key=lambda p: p.pseudonym)
    ]
    assert [r.participant.last_name for r in worked.context["remeasurements"]] == [
        "Aa",
        "Bb",
        "Cc",
        "Dd",
        "Ee",
        "Ff",
    ]
