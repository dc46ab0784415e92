"""The minimum wage past the last published amount (14.71 from 1 January 2026): every
half year an assumed amount from the municipality's indexation assumption, the same
the cost model uses; refused only on published amounts, flagged on assumed ones."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.calc.labour_law import Rate
from basisbaan.contracts.models import Contract
from basisbaan.contracts.selectors import (
    minimum_wage_table,
    period_wage_flag,
    periods_below_minimum,
)
from basisbaan.contracts.services import contract_create, next_period_defaults
from basisbaan.contracts.worklist import attention_counts
from basisbaan.costs.selectors import minimum_wage_table_of
from basisbaan.costs.services import indexation_set
from basisbaan.parameters.selectors import parameter_value
from tests.factories import ParticipantFactory, PlacementFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal
ASSUMED_15 = (
    "Het uurloon € 14,80 ligt onder het minimumloon van € 15,00 dat geldt vanaf 01-07-2026. "
    "Dit minimumloon is een aanname: het bedrag is nog niet gepubliceerd."
)


@pytest.fixture
def two_percent(municipality):
    return indexation_set(
        municipality=municipality, actor=None, key="minimum_wage_hourly", rate=E("0.02")
    )


@pytest.fixture
def adult(programme):
    participant = ParticipantFactory(programme=programme, date_of_birth=D(1980, 5, 17))
    PlacementFactory(participant=participant)
    return participant


def create(municipality, participant, start, end, wage):
    return contract_create(
        municipality=municipality,
        actor=None,
        participant=participant,
        placement=participant.placements.first(),
        employer_name="Caparis",
        start_date=start,
        end_date=end,
        hours_per_week=E("32"),
        hourly_wage=E(wage),
    )


def test_two_percent_a_half_year_gives_15_00_on_1_july_2026(municipality, two_percent):
    """14.71 × 1.02 = 15.0042 → 15.00; 14.71 × 1.02² = 15.3043 → 15.30 (half up), the
    amounts the cost model derives from the same parameter and rate."""
    table = minimum_wage_table_of(municipality=municipality)
    assert table.projected[:2] == (
        Rate(D(2026, 7, 1), E("15.00"), assumed=True),
        Rate(D(2027, 1, 1), E("15.30"), assumed=True),
    )
    for rate in table.projected[:2]:
        cost_model = parameter_value("minimum_wage_hourly", rate.start, indexation=E("0.02"))
        assert (cost_model.value, cost_model.assumed) == (rate.value, True)


def test_without_indexation_the_assumed_amounts_equal_the_last_one(municipality):
    """Ten years of half-year steps, 1 July 2026 to 1 January 2036, each 14.71, marked."""
    table = minimum_wage_table_of(municipality=municipality)
    assert len(table.projected) == 20
    assert (table.projected[0].start, table.projected[-1].start) == (
        D(2026, 7, 1),
        D(2036, 1, 1),
    )
    assert {(r.value, r.assumed) for r in table.projected} == {(E("14.71"), True)}


def test_a_wage_at_the_published_minimum_is_stored_but_flagged(
    municipality, two_percent, adult, manager, client_as
):
    """14.80 from 1 July to 31 December 2026 is above the published 14.71: stored. Below
    the assumed 15.00: flagged as an assumption on the list, the dashboard and the page."""
    contract = create(municipality, adult, D(2026, 7, 1), D(2026, 12, 31), "14.80")
    period = contract.periods.get()
    table = minimum_wage_table_of(municipality=municipality)
    flag = period_wage_flag(period, adult, table)
    assert (flag.step.value, flag.step.since, flag.assumed) == (E("15.00"), D(2026, 7, 1), True)
    assert flag.message == ASSUMED_15
    flags = periods_below_minimum(municipality=municipality, today=D(2026, 7, 1), table=table)
    assert [(f.period, f.assumed) for f in flags] == [(period, True)]
    counts = attention_counts(municipality, D(2026, 7, 1), table=table)
    assert counts["below_minimum_wage"] == 1
    # Without the municipality's indexation the projection is 14.71: nothing to flag.
    assert period_wage_flag(period, adult, minimum_wage_table()) is None

    page = client_as(manager).get(f"/contracten/{contract.pk}/")
    alerts = [a for a in page.context["overview"].alerts if a.text == ASSUMED_15]
    assert [a.level for a in alerts] == ["warning"]


def test_a_published_shortfall_is_still_refused(municipality, two_percent, adult):
    with pytest.raises(ValidationError) as info, unchanged():
        create(municipality, adult, D(2026, 7, 1), D(2026, 12, 31), "14.70")
    assert info.value.message_dict == {
        "hourly_wage": [
            "Het uurloon € 14,70 ligt onder het minimumloon van € 14,71 dat geldt vanaf 01-01-2026."
        ]
    }
    assert not Contract.objects.exists()


def test_a_renewal_proposes_the_published_minimum_and_warns_about_the_assumed_one(
    municipality, two_percent, adult, manager, client_as
):
    """The first half of 2026 at 14.71: the renewal from 1 July keeps 14.71 (the highest
    published amount); the decision page warns that 15.00 is assumed from 1 July."""
    contract = create(municipality, adult, D(2026, 1, 1), D(2026, 6, 30), "14.71")
    defaults = next_period_defaults(contract.periods.get())
    assert (defaults["start_date"], defaults["hourly_wage"]) == (D(2026, 7, 1), E("14.71"))
    page = client_as(manager).get(f"/contracten/{contract.pk}/besluit/")
    assert page.context["assumed_minimum_text"] == (
        "Het uurloon € 14,71 ligt onder het minimumloon van € 15,00 dat geldt vanaf "
        "01-07-2026. Dit minimumloon is een aanname: het bedrag is nog niet gepubliceerd."
    )
    assert "Aangenomen minimumloon" in page.content.decode()


def test_the_api_flags_the_assumed_shortfall(municipality, two_percent, adult, manager, api_as):
    contract = create(municipality, adult, D(2026, 7, 1), D(2026, 12, 31), "14.80")
    body = api_as(manager).get("/api/v1/contracts/below-minimum-wage/").json()
    assert [(f["contract"], f["hourly_wage"], f["minimum_wage"], f["assumed"]) for f in body] == [
        (contract.pk, "14.80", "15.00", True)
    ]
    assert body[0]["wage_line"] is None
