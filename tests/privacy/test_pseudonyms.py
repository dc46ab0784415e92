"""Research pseudonyms: 80 bits of an HMAC under the installation's own key."""

from __future__ import annotations

import datetime as dt

import pytest

from django.test import override_settings

from basisbaan.calc.pseudonyms import pseudonym
from basisbaan.participants import models as participant_models
from basisbaan.participants.models import Participant, PseudonymKey, participant_pseudonym
from tests.factories import (
    ContractFactory,
    ContractPeriodFactory,
    ParticipantFactory,
    PlacementFactory,
)

# HMAC-SHA256(b"test-key", b"participant:1") = b4d16a898cb08f03c392 8c5b..., whose first
# ten bytes in base32 are WTIWVCMMWCHQHQ4S (b4 = 10110100, d1 = 11010001: 10110 = W,
# 10011 = T, 01000 = I, ...).
KEY_1 = "P-WTIW-VCMM-WCHQ-HQ4S"


def test_pseudonym_is_the_hmac_of_the_id_in_base32_groups():
    assert pseudonym(b"test-key", "participant", 1) == KEY_1
    assert pseudonym(b"test-key", "participant", 2) == "P-EIQD-OHDV-XJCA-WVAT"
    # Another key, another kind: another code.
    assert pseudonym(b"other-key", "participant", 1) != KEY_1
    assert pseudonym(b"test-key", "host", 1) != KEY_1


def test_pseudonym_needs_a_key():
    with pytest.raises(ValueError):
        pseudonym(b"", "participant", 1)


def test_no_collisions_among_a_hundred_thousand_ids():
    codes = {pseudonym(b"k", "participant", n) for n in range(1, 100_001)}
    assert len(codes) == 100_000


@override_settings(PSEUDONYM_KEY="test-key")
def test_participant_pseudonym_uses_the_configured_key_not_the_secret_key():
    assert Participant(pk=1).pseudonym == KEY_1
    with override_settings(SECRET_KEY="a-rotated-secret-key-" + "x" * 40):
        assert Participant(pk=1).pseudonym == KEY_1


@pytest.mark.django_db
def test_installation_key_is_stored_once_and_survives_secret_rotation(monkeypatch):
    monkeypatch.setattr(participant_models, "_STORED_KEY", [])
    PseudonymKey.objects.all().delete()
    first = participant_pseudonym(7)
    stored = PseudonymKey.objects.get()
    assert len(bytes.fromhex(stored.key)) == 32
    assert first == pseudonym(bytes.fromhex(stored.key), "participant", 7)
    monkeypatch.setattr(participant_models, "_STORED_KEY", [])
    with override_settings(SECRET_KEY="a-rotated-secret-key-" + "y" * 40):
        assert participant_pseudonym(7) == first
    assert PseudonymKey.objects.count() == 1


@pytest.mark.django_db
@override_settings(PSEUDONYM_KEY="test-key")
def test_researcher_api_answers_carry_the_pseudonym_not_the_id(api_as, researcher, municipality):
    person = ParticipantFactory(programme__municipality=municipality)
    placement = PlacementFactory(participant=person, position__host__municipality=municipality)
    ContractFactory(participant=person, placement=placement)
    code = pseudonym(b"test-key", "participant", person.pk)
    client = api_as(researcher)

    rows = client.get("/api/v1/participants/").json()["results"]
    assert [(row.get("id"), row["pseudonym"]) for row in rows] == [(None, code)]
    detail = client.get(f"/api/v1/participants/{code}/")
    assert detail.status_code == 200
    assert "id" not in detail.json() and detail.json()["pseudonym"] == code
    # A researcher knows no ids: asking by one finds nobody.
    assert client.get(f"/api/v1/participants/{person.pk}/").status_code == 404

    placements = client.get("/api/v1/placements/").json()["results"]
    assert [row["participant"] for row in placements] == [code]
    contracts = client.get("/api/v1/contracts/").json()["results"]
    assert [row["participant"] for row in contracts] == [code]


@pytest.mark.django_db
def test_staff_api_answers_keep_the_id(api_as, caseworker, municipality):
    person = ParticipantFactory(programme__municipality=municipality)
    PlacementFactory(participant=person, position__host__municipality=municipality)
    client = api_as(caseworker)
    assert client.get("/api/v1/participants/").json()["results"][0]["id"] == person.pk
    assert client.get("/api/v1/placements/").json()["results"][0]["participant"] == person.pk


def _participant_ids(value, key=""):
    """Every int found under a key naming a participant, anywhere in an answer."""
    if isinstance(value, dict):
        for name, inner in value.items():
            yield from _participant_ids(inner, name)
    elif isinstance(value, list):
        for inner in value:
            yield from _participant_ids(inner, key)
    elif key.startswith("participant") and isinstance(value, int) and not isinstance(value, bool):
        yield value


@pytest.mark.django_db
def test_no_research_api_answer_carries_a_participant_id(api_as, researcher, municipality):
    from basisbaan.api_urls import router
    from tests.contracts.factories import WageValueMeasurementFactory

    person = ParticipantFactory(programme__municipality=municipality)
    placement = PlacementFactory(participant=person, position__host__municipality=municipality)
    contract = ContractFactory(participant=person, placement=placement)
    ContractPeriodFactory(
        contract=contract, start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 12, 31)
    )
    WageValueMeasurementFactory(participant=person)
    client = api_as(researcher)

    readable = []
    extra = ["contracts/below-minimum-wage/?past=true", "wage-value-measurements/due/"]
    for prefix in [f"{prefix}/" for prefix, _viewset, _basename in router.registry] + extra:
        answer = client.get(f"/api/v1/{prefix}")
        if answer.status_code != 200:
            continue
        readable.append(prefix)
        assert list(_participant_ids(answer.json())) == [], prefix
    # The walk reached the resources that name a participant.
    assert {
        "participants/",
        "placements/",
        "contracts/",
        "contract-decisions-due/",
        "wage-value-measurements/",
        *extra,
    } <= set(readable)
