"""The demo for "does work pay?": households, Leeuwarden's and Emmen's local schemes
(marked as examples), and the programme's figures they give."""

from __future__ import annotations

from decimal import Decimal

import pytest

from basisbaan.calc.suppression import Mark
from basisbaan.income.programme import programme_gains
from basisbaan.income.selectors import participant_comparison
from basisbaan.parameters.models import LocalScheme
from basisbaan.participants.models import Participant
from basisbaan.programmes.models import Programme
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_each_town_has_two_example_schemes(demo):
    rows = LocalScheme.objects.order_by("municipality__slug", "name")
    assert [(r.municipality.slug, r.name, r.kind, r.income_limit) for r in rows] == [
        ("emmen", "Individuele inkomenstoeslag", "iit", Decimal("1.1000")),
        ("emmen", "Kwijtschelding gemeentelijke belastingen", "remission", Decimal("1.0000")),
        ("leeuwarden", "Individuele inkomenstoeslag", "iit", Decimal("1.1000")),
        ("leeuwarden", "Kwijtschelding gemeentelijke belastingen", "remission", Decimal("1.0000")),
    ]
    assert {(r.is_assumption, r.note) for r in rows} == {(True, "voorbeeld voor de demo")}


def test_households_are_filled_in(demo):
    amrani = Participant.objects.get(municipality=demo, last_name="Amrani")
    assert amrani.children_birth_months == ["2014-02", "2017-10", "2021-06"]
    assert amrani.rent_month == Decimal("780.00")
    assert amrani.partner_income_year == Decimal("9000.00")
    bosma = Participant.objects.get(municipality=demo, last_name="Bosma")
    assert (bosma.children_birth_months, bosma.rent_month, bosma.partner_income_year) == (
        [],
        Decimal("480.00"),
        None,
    )
    comparison = participant_comparison(bosma, today=TODAY)
    assert comparison is not None
    # A single at 32 hours a week at the minimum wage: EUR 608,32 a month more.
    assert comparison.comparison.gain_month == Decimal("608.32")


def test_the_programme_view_has_figures_to_show(demo):
    """14 with a running contract on 18-11-2026, one of household type "other"; no one
    worse off; most bands small (fewer than 5), so hidden."""
    programme = Programme.objects.get(municipality=demo)
    figures = programme_gains(programme, day=TODAY, threshold=5).figures
    d = figures.distribution
    assert (d.participants, d.computed, d.other, d.worse_off) == (14, 13, 1, 0)
    assert d.counts == (0, 1, 1, 0, 1, 3, 1, 4, 1, 1)
    assert figures.median == Decimal("528.64")
    assert figures.value("participants") == 14
    assert figures.value(figures.worse_off_key) == 0
    assert figures.marks["other"] is Mark.PRIMARY
    assert figures.marks["computed"] is Mark.SECONDARY  # 14 - 13 would give the 1 away
