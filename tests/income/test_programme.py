"""Does work pay, over a programme: the figures of the current participants, the
page for the programme manager (aggregates only), its refusals and its queries."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.urls import reverse

from basisbaan.calc.suppression import Mark
from basisbaan.income.programme import programme_gains
from basisbaan.income.selectors import participant_comparison
from basisbaan.outcomes.models import OutcomeSettings
from basisbaan.parameters.constants import LocalSchemeKind
from basisbaan.parameters.models import LocalScheme
from basisbaan.participants.constants import HouseholdType
from basisbaan.tenancy.roles import Role
from tests.conftest import TODAY
from tests.factories import ContractPeriodFactory, ParticipantFactory, UserFactory
from tests.unchanged import unchanged

H = HouseholdType
START, END = dt.date(2026, 7, 1), dt.date(2026, 12, 31)
WAGE = Decimal("14.71")  # the minimum wage from 1 January 2026


def working(programme, *, hours, household=H.SINGLE, start=START, end=END, **fields):
    """A participant of ``programme`` with one contract period ``start``..``end``."""
    participant = ParticipantFactory(
        programme=programme,
        household_type=household,
        first_name="Wobbe",
        last_name="Zandbergen",
        **fields,
    )
    ContractPeriodFactory(
        contract__participant=participant,
        start_date=start,
        end_date=end,
        hours_per_week=Decimal(hours),
        hourly_wage=WAGE,
    )
    return participant


def schemes(municipality):
    """An IIT up to 110 % of the norm and remission up to 100 %, amounts per year."""
    common = {"municipality": municipality, "valid_from": dt.date(2026, 1, 1)}
    LocalScheme.objects.create(
        name="Individuele inkomenstoeslag", kind=LocalSchemeKind.IIT,
        income_limit=Decimal("1.10"), amount_single=Decimal(400),
        amount_single_parent=Decimal(500), amount_couple=Decimal(550), **common,
    )  # fmt: skip
    LocalScheme.objects.create(
        name="Kwijtschelding", kind=LocalSchemeKind.REMISSION,
        income_limit=Decimal("1.00"), amount_single=Decimal(800),
        amount_single_parent=Decimal(900), amount_couple=Decimal(1000), **common,
    )  # fmt: skip


@pytest.fixture
def four(programme):
    """Three households that can be computed, one of type "other", and two who
    are no current participants (ended before, starts after)."""
    schemes(programme.municipality)
    people = [
        working(programme, hours=32, rent_month=Decimal(650)),
        working(
            programme,
            hours=24,
            household=H.SINGLE_PARENT,
            rent_month=Decimal(700),
            children_birth_months=["2022-03", "2017-06"],
        ),  # fmt: skip
        working(programme, hours=21, rent_month=Decimal(650)),
        working(programme, hours=32, household=H.OTHER),
    ]
    working(programme, hours=32, start=dt.date(2026, 1, 1), end=dt.date(2026, 6, 30))
    working(programme, hours=32, start=dt.date(2026, 12, 1), end=dt.date(2027, 5, 31))
    return people


def test_each_current_participant_in_the_band_of_their_own_comparison(programme, four):
    gains = programme_gains(programme, day=TODAY, threshold=1)
    d = gains.figures.distribution
    # 580,82 (single, 32 hours), 121,57 (single parent, 24 hours), -25,17 (a single at
    # 21 hours earns just above the norm and loses the remission): see the comparison
    # of each below.
    assert dict(zip((b.key for b in d.bands), d.counts, strict=True)) == {
        "band-below": 1, "band-0": 0, "band-100": 1, "band-200": 0, "band-300": 0,
        "band-400": 0, "band-500": 1, "band-600": 0, "band-700": 0, "band-800": 0,
    }  # fmt: skip
    assert (d.participants, d.computed, d.other, d.worse_off) == (4, 3, 1, 1)
    assert d.median == Decimal("121.57")
    one_by_one = [
        participant_comparison(p, today=TODAY).comparison.gain_month  # type: ignore[union-attr]
        for p in four[:3]
    ]
    assert one_by_one == [Decimal("580.82"), Decimal("121.57"), Decimal("-25.17")]
    assert participant_comparison(four[3], today=TODAY) is None
    assert [s.name for s in gains.schemes] == ["Individuele inkomenstoeslag", "Kwijtschelding"]
    assert gains.rules.rules.year == 2026


def test_below_the_threshold_every_count_and_the_median_are_hidden(programme, four):
    figures = programme_gains(programme, day=TODAY, threshold=5).figures
    assert figures.median is None
    assert figures.marks["participants"] is Mark.PRIMARY
    assert figures.marks["computed"] is Mark.PRIMARY
    assert figures.marks["band-below"] is Mark.PRIMARY
    assert figures.value("band-200") == 0


def test_an_earlier_day_counts_the_participants_of_that_day(programme, four):
    d = programme_gains(programme, day=dt.date(2026, 3, 1), threshold=1).figures.distribution
    assert (d.participants, d.computed, d.other) == (1, 1, 0)
    assert d.counts[7] == 1  # the single of January to June: 32 hours, no rent: 648,56


def test_the_page_shows_counts_not_people(programme, four, member, client_as):
    OutcomeSettings.objects.create(municipality=programme.municipality, threshold=2)
    working(programme, hours=32, rent_month=Decimal(650))  # a second in EUR 500-600
    client = client_as(member(Role.PROGRAMME_MANAGER, username="froukje"))
    response = client.get(reverse("income:programme", args=[programme.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Loont werken? In het programma" in page
    assert "Wobbe" not in page and "Zandbergen" not in page  # no names
    assert "€ 351,20" in page  # the median of four: (121,57 + 580,82) / 2, half up
    assert "minder dan 2" in page  # the one worse off, the one "other"
    assert '<th scope="row">€ 500 tot € 600</th><td class="bb-num"><span>2</span>' in page
    assert "Individuele inkomenstoeslag, Kwijtschelding" in page
    assert page.count('class="bb-chart bb-chart--') == 2
    assert "peildatum 18-11-2026" in page


def test_the_outcomes_page_links_to_it(programme, member, client_as):
    client = client_as(member(Role.PROGRAMME_MANAGER, username="froukje"))
    page = client.get(reverse("outcomes:programme", args=[programme.pk])).content.decode()
    assert reverse("income:programme", args=[programme.pk]) in page


def test_the_day_is_chosen_and_checked(programme, four, member, client_as):
    client = client_as(member(Role.READ_ONLY, username="sanne"))
    url = reverse("income:programme", args=[programme.pk])
    chosen = client.get(url, {"peildatum": "01-03-2026"}).content.decode()
    assert "peildatum 01-03-2026" in chosen
    wrong = client.get(url, {"peildatum": "01-03-1999"})
    assert wrong.status_code == 200
    assert "peildatum 18-11-2026" in wrong.content.decode()  # today instead
    assert "Kies een datum in 2024 tot en met 2027." in wrong.content.decode()
    nonsense = client.get(url, {"peildatum": "morgen"})
    assert nonsense.status_code == 200


def test_refused_without_a_membership(programme, four, client_as):
    client = client_as(UserFactory(username="buitenstaander"))
    with unchanged(reads=True):
        response = client.get(reverse("income:programme", args=[programme.pk]))
    assert response.status_code == 403


def test_another_municipalitys_programme_is_not_found(other_programme, member, client_as):
    working(other_programme, hours=32)
    client = client_as(member(Role.PROGRAMME_MANAGER, username="froukje"))
    with unchanged(reads=True):
        response = client.get(reverse("income:programme", args=[other_programme.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize("people", [3, 30])
def test_queries_do_not_grow_with_the_participants(
    programme, member, client_as, people, django_assert_max_num_queries
):
    schemes(programme.municipality)
    for n in range(people):
        working(programme, hours=16 + n % 20, rent_month=Decimal(500 + n))
    client = client_as(member(Role.PROGRAMME_MANAGER, username="froukje"))
    url = reverse("income:programme", args=[programme.pk])
    with django_assert_max_num_queries(10):
        assert client.get(url).status_code == 200
