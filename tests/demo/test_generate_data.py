"""``basisbaan generate_data``: bulk synthetic data for benchmarks."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from stdnum.nl import bsn as stdnum_bsn

from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from basisbaan.audit.models import AuditEntry
from basisbaan.contracts.models import Contract, ContractPeriod
from basisbaan.demo.data import minimum_wage_for_period
from basisbaan.demo.generator import PROGRAMME_END
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.tenancy.models import Membership, Municipality
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def generate(*args: str) -> str:
    out = StringIO()
    call_command("generate_data", *args, stdout=out)
    return out.getvalue()


def test_generates_200_participants_with_unique_valid_bsns():
    output = generate("--participants", "200", "--batch-size", "64")
    assert "Benchmarkgemeente" in output
    municipality = Municipality.objects.get(slug="benchmark")
    bsns = list(Participant.objects.filter(municipality=municipality).values_list("bsn", flat=True))
    assert len(bsns) == 200
    assert len(set(bsns)) == 200
    assert all(stdnum_bsn.is_valid(b) for b in bsns)
    # No audit entries: the generator bypasses the services on purpose.
    assert not AuditEntry.objects.exists()


def test_placements_contracts_and_a_neighbour():
    generate("--participants", "200")
    municipality = Municipality.objects.get(slug="benchmark")
    placements = Placement.objects.filter(municipality=municipality)
    assert 60 <= placements.count() <= 140  # about half
    active = placements.filter(end_date__isnull=True)
    placed = Participant.objects.filter(municipality=municipality, status=ParticipantStatus.PLACED)
    assert active.count() == placed.count()
    contracts = Contract.objects.filter(municipality=municipality)
    assert contracts.count() == placements.count()
    for contract in contracts.prefetch_related("periods"):
        periods = sorted(contract.periods.all(), key=lambda p: p.sequence)
        assert 1 <= len(periods) <= 4
        assert contract.placement is not None
        assert periods[0].start_date == contract.placement.start_date
        assert all(p.end_date >= p.start_date for p in periods)
        assert all(
            p.hourly_wage == minimum_wage_for_period(p.start_date, p.end_date) for p in periods
        )
        # A fourth fixed-term period would be permanent by law (chain rule).
        assert contract.is_permanent == (len(periods) == 4)
        if contract.is_permanent:
            assert contract.permanent_from == periods[3].start_date
    for placement in placements.select_related("participant", "position"):
        assert placement.participant.municipality_id == municipality.pk
        assert placement.position.municipality_id == municipality.pk
    assert Membership.objects.filter(municipality=municipality).exists()
    neighbour = Municipality.objects.get(slug="benchmark-buur")
    assert Participant.objects.filter(municipality=neighbour).count() == 20
    assert ContractPeriod.objects.filter(municipality=neighbour).exists()


def test_refuses_a_filled_municipality_unless_append():
    generate("--participants", "50", "--municipality", "proef", "--neighbour-participants", "0")
    with pytest.raises(CommandError, match="--append"), unchanged():
        generate("--participants", "50", "--municipality", "proef")
    generate(
        "--participants", "30", "--municipality", "proef", "--append", "--seed", "7",
        "--neighbour-participants", "0",
    )  # fmt: skip
    bsns = list(
        Participant.objects.filter(municipality__slug="proef").values_list("bsn", flat=True)
    )
    assert len(bsns) == 80
    assert len(set(bsns)) == 80
    assert not Municipality.objects.filter(slug="proef-buur").exists()


def test_same_seed_same_data():
    generate("--participants", "40", "--municipality", "een", "--neighbour-participants", "0")
    generate("--participants", "40", "--municipality", "twee", "--neighbour-participants", "0")

    def names(slug: str) -> list[tuple[str, str]]:
        return list(
            Participant.objects.filter(municipality__slug=slug)
            .order_by("pk")
            .values_list("bsn", "last_name")
        )

    assert names("een") == names("twee")


def test_as_of_a_day_the_running_placements_cover_it_and_the_ended_lie_before():
    generate(
        "--participants", "150", "--municipality", "dag", "--neighbour-participants", "0",
        "--as-of", "30-06-2025",
    )  # fmt: skip
    as_of = dt.date(2025, 6, 30)
    placements = Placement.objects.filter(municipality__slug="dag")
    running = placements.filter(end_date__isnull=True)
    ended = placements.filter(end_date__isnull=False)
    assert running.exists() and ended.exists()
    assert all(start <= as_of for start in running.values_list("start_date", flat=True))
    assert all(end < as_of for end in ended.values_list("end_date", flat=True))
    for contract in Contract.objects.filter(placement__in=running).prefetch_related("periods"):
        periods = list(contract.periods.all())
        assert min(p.start_date for p in periods) <= as_of <= max(p.end_date for p in periods)
        assert max(p.end_date for p in periods) <= PROGRAMME_END
    exited = Participant.objects.filter(municipality__slug="dag", status=ParticipantStatus.EXITED)
    assert all(day <= as_of for day in exited.values_list("exit_date", flat=True))
    changed = set(
        Participant.objects.filter(municipality__slug="dag").values_list(
            "status_changed_at", flat=True
        )
    )
    assert {timezone.localtime(moment).date() for moment in changed} == {as_of}


def test_the_same_as_of_and_seed_give_the_same_placements():
    for slug in ("een", "twee"):
        generate(
            "--participants", "40", "--municipality", slug, "--neighbour-participants", "0",
            "--as-of", "2026-03-31",
        )  # fmt: skip

    def plans(slug: str) -> list[tuple[str, dt.date, dt.date | None]]:
        return list(
            Placement.objects.filter(municipality__slug=slug)
            .order_by("participant__pk")
            .values_list("participant__bsn", "start_date", "end_date")
        )

    assert plans("een") == plans("twee")
    assert plans("een")


@pytest.mark.parametrize("as_of", ["2024-01-01", "2028-01-01"])
def test_refuses_a_day_outside_the_generated_programme(as_of):
    with pytest.raises(CommandError, match="na 01-01-2024 en uiterlijk op 31-12-2027"):
        generate("--participants", "10", "--as-of", as_of)
    assert not Participant.objects.exists()
