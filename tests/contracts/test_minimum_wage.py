"""The minimum-wage rule: refused on any day of a period, flagged after a rise."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditEntry
from basisbaan.contracts.models import Contract, ContractPeriod
from basisbaan.contracts.selectors import (
    minimum_wage_for_period,
    minimum_wage_table,
    period_wage_flag,
    periods_below_minimum,
)
from basisbaan.contracts.services import contract_create, contract_period_add
from basisbaan.parameters.services import parameter_value_set
from tests.contracts.factories import AdultPeriodFactory, ContractSettingsFactory
from tests.factories import ParticipantFactory, PlacementFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date


def placement_of(participant):
    """A contract needs a placement: the participant's, or a new one."""
    return participant.placements.first() or PlacementFactory(participant=participant)


E = Decimal
ADULT = D(1980, 5, 17)


@pytest.fixture
def adult(programme):
    participant = ParticipantFactory(programme=programme, date_of_birth=ADULT)
    placement_of(participant)
    return participant


def create(municipality, actor, participant, start, wage, end=None):
    return contract_create(
        municipality=municipality,
        actor=actor,
        participant=participant,
        placement=placement_of(participant),
        employer_name="Caparis",
        start_date=start,
        end_date=end,
        hours_per_week=E("32"),
        hourly_wage=E(wage),
    )


def test_a_wage_below_the_minimum_from_1_july_is_refused(municipality, manager, adult):
    """April - September 2024 at 13.27: enough until 30 June, 0.41 short from 1 July."""
    with pytest.raises(ValidationError) as info, unchanged():
        create(municipality, manager, adult, D(2024, 4, 1), "13.27")
    assert info.value.message_dict == {
        "hourly_wage": [
            "Het uurloon € 13,27 ligt onder het minimumloon van € 13,68 dat geldt vanaf 01-07-2024."
        ]
    }
    assert Contract.objects.count() == 0
    assert AuditEntry.objects.count() == 0


def test_the_minimum_on_every_day_is_accepted(municipality, manager, adult):
    contract = create(municipality, manager, adult, D(2024, 4, 1), "13.68")
    assert contract.periods.get().end_date == D(2024, 9, 30)


def test_a_wage_below_the_minimum_at_the_start_is_refused(municipality, manager, adult):
    """The minimum in force on the first day is named with the date it took effect."""
    with pytest.raises(ValidationError) as info, unchanged():
        create(municipality, manager, adult, D(2025, 8, 1), "14.06")
    assert info.value.message_dict["hourly_wage"] == [
        "Het uurloon € 14,06 ligt onder het minimumloon van € 14,40 dat geldt vanaf 01-07-2025."
    ]


def test_a_renewal_below_the_minimum_is_refused(municipality, manager, adult):
    contract = create(municipality, manager, adult, D(2024, 7, 1), "13.68")
    with pytest.raises(ValidationError) as info, unchanged():
        contract_period_add(
            contract=contract, actor=manager, hours_per_week=E("32"), hourly_wage=E("13.68")
        )
    assert info.value.message_dict["hourly_wage"] == [
        "Het uurloon € 13,68 ligt onder het minimumloon van € 14,06 dat geldt vanaf 01-01-2025."
    ]
    assert contract.periods.count() == 1


def test_youth_minimum_wage_by_age_on_each_day(municipality, manager, programme):
    """Born 10 March 2005: 19 on 1 January 2025 (60 % of 14.06 = 8.44), 20 from 10 March
    (80 % = 11.25). A wage of 10.00 is enough for a 19-year-old, not after the birthday."""
    youth = ParticipantFactory(programme=programme, date_of_birth=D(2005, 3, 10))
    placement_of(youth)
    with pytest.raises(ValidationError) as info, unchanged():
        create(municipality, manager, youth, D(2025, 1, 1), "10.00")
    assert info.value.message_dict["hourly_wage"] == [
        "Het uurloon € 10,00 ligt onder het minimumjeugdloon voor 20 jaar van € 11,25 dat "
        "geldt vanaf 10-03-2025."
    ]
    with pytest.raises(ValidationError) as info, unchanged():
        create(municipality, manager, youth, D(2025, 1, 1), "8.00")
    assert info.value.message_dict["hourly_wage"] == [
        "Het uurloon € 8,00 ligt onder het minimumjeugdloon voor 19 jaar van € 8,44 dat "
        "geldt vanaf 01-01-2025."
    ]
    contract = create(municipality, manager, youth, D(2025, 1, 1), "11.25")
    assert contract.periods.get().hourly_wage == E("11.25")


def test_before_2024_the_programmes_fulltime_week_counts(municipality, manager, programme):
    """Second half of 2023: 12.12 with a 38-hour week (the default), 12.79 with 36 hours."""
    adult = ParticipantFactory(programme=programme, date_of_birth=ADULT)
    create(municipality, manager, adult, D(2023, 7, 1), "12.50")
    ContractSettingsFactory(programme=programme, fulltime_hours=36)
    programme.refresh_from_db()
    adult.refresh_from_db()
    with pytest.raises(ValidationError) as info, unchanged():
        create(municipality, manager, adult, D(2023, 7, 1), "12.50")
    assert info.value.message_dict["hourly_wage"] == [
        "Het uurloon € 12,50 ligt onder het minimumloon van € 12,79 dat geldt vanaf 01-07-2023."
    ]


def test_an_assumed_rise_is_flagged_not_refused(municipality, manager, adult):
    """A controller's assumption of 15.00 from 1 July 2026 does not refuse a 2026 contract
    at 14.71, but flags it and says the amount is an assumption."""
    parameter_value_set(
        actor=None,
        key="minimum_wage_hourly",
        effective_date=D(2026, 7, 1),
        value=E("15.00"),
        source="",
        is_assumption=True,
    )
    contract = create(municipality, manager, adult, D(2026, 1, 1), "14.71", end=D(2026, 12, 31))
    period = contract.periods.get()
    flag = period_wage_flag(period, adult, minimum_wage_table())
    assert flag is not None and flag.assumed
    assert flag.message == (
        "Het uurloon € 14,71 ligt onder het minimumloon van € 15,00 dat geldt vanaf "
        "01-07-2026. Dit minimumloon is een aanname: het bedrag is nog niet gepubliceerd."
    )


def test_a_period_of_the_first_half_of_2024_running_into_july_is_flagged(municipality):
    """Recorded before the rule (or before the rise was known): 13.27 from 1 January to
    31 December 2024 falls below 13.68 on 1 July."""
    period = AdultPeriodFactory(
        contract__participant__programme__municipality=municipality,
        start_date=D(2024, 1, 1),
        end_date=D(2024, 12, 31),
        hourly_wage=E("13.27"),
    )
    AdultPeriodFactory(  # at the minimum: not flagged
        contract__participant__programme__municipality=municipality,
        start_date=D(2024, 1, 1),
        end_date=D(2024, 12, 31),
        hourly_wage=E("13.68"),
    )
    flags = periods_below_minimum(municipality=municipality, today=D(2024, 3, 1))
    assert [(f.period, f.step.since, f.step.value) for f in flags] == [
        (period, D(2024, 7, 1), E("13.68"))
    ]
    assert flags[0].message == (
        "Het uurloon € 13,27 ligt onder het minimumloon van € 13,68 dat geldt vanaf 01-07-2024."
    )
    assert not flags[0].assumed
    # Once the period is over it is no longer in the list, unless asked for.
    assert periods_below_minimum(municipality=municipality, today=D(2025, 2, 1)) == []
    assert (
        len(
            periods_below_minimum(municipality=municipality, today=D(2025, 2, 1), include_past=True)
        )
        == 1
    )


def test_a_newly_published_rise_flags_a_running_contract(municipality, manager, adult):
    contract = create(municipality, manager, adult, D(2026, 1, 1), "14.71", end=D(2026, 12, 31))
    assert periods_below_minimum(municipality=municipality, today=D(2026, 3, 1)) == []
    parameter_value_set(
        actor=None,
        key="minimum_wage_hourly",
        effective_date=D(2026, 7, 1),
        value=E("15.02"),
        source="Staatscourant",
    )
    flags = periods_below_minimum(municipality=municipality, today=D(2026, 3, 1))
    assert [(f.period.contract_id, f.assumed) for f in flags] == [(contract.pk, False)]


def test_another_municipality_is_not_flagged(municipality, other_municipality):
    AdultPeriodFactory(
        contract__participant__programme__municipality=other_municipality,
        start_date=D(2024, 1, 1),
        end_date=D(2024, 12, 31),
        hourly_wage=E("13.27"),
    )
    assert periods_below_minimum(municipality=municipality, today=D(2024, 3, 1)) == []


def test_the_lowest_wage_a_period_may_have(adult):
    assert minimum_wage_for_period(adult, D(2024, 10, 1), D(2025, 3, 31)) == E("14.06")
    assert minimum_wage_for_period(adult, D(2022, 1, 1), D(2022, 6, 30)) is None


def test_flags_take_three_queries_whatever_the_number(municipality, django_assert_num_queries):
    """The parameter rows, the periods and their wage lines."""
    for _ in range(3):
        AdultPeriodFactory(
            contract__participant__programme__municipality=municipality,
            start_date=D(2024, 1, 1),
            end_date=D(2024, 12, 31),
            hourly_wage=E("13.27"),
        )
    with django_assert_num_queries(3):
        assert len(periods_below_minimum(municipality=municipality, today=D(2024, 3, 1))) == 3
    assert ContractPeriod.objects.count() == 3


def test_past_the_last_published_amount_the_minimum_still_holds(municipality, manager, adult):
    """Nothing is known about 1 July 2026 yet; 14.71 (from 1 January 2026) holds, so a
    contract from August 2026 at 14.00 is refused, not waved through as an assumption."""
    with pytest.raises(ValidationError) as info, unchanged():
        create(municipality, manager, adult, D(2026, 8, 1), "14.00")
    assert info.value.message_dict["hourly_wage"] == [
        "Het uurloon € 14,00 ligt onder het minimumloon van € 14,71 dat geldt vanaf 01-01-2026."
    ]
