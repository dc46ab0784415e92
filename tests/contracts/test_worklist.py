"""The worklist of decisions due and re-measurements due (selectors)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.contracts.constants import Decision
from basisbaan.contracts.worklist import (
    DueStatus,
    attention_counts,
    decisions_due,
    remeasurements_due,
)
from tests.contracts.factories import (
    AdultContractFactory,
    AdultPeriodFactory,
    RenewalDecisionFactory,
    WageValueMeasurementFactory,
)

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal
TODAY = D(2024, 11, 20)


def period(municipality, start, end, contract=None, sequence=1, **contract_fields):
    if contract is None:
        contract = AdultContractFactory(
            participant__programme__municipality=municipality,
            participant__last_name=contract_fields.pop("name", "Jansen"),
            **contract_fields,
        )
    return AdultPeriodFactory(contract=contract, sequence=sequence, start_date=start, end_date=end)


def test_the_worklist_lists_exactly_the_undecided_last_periods_in_the_window(
    municipality, other_municipality
):
    """On 20 November 2024, looking 8 weeks ahead (to 15 January 2025) and back:

    - due: a half year ending 31 December 2024 (notice by 30 November, 10 days left);
    - overdue: a half year ending 15 December (notice by 15 November has passed);
    - ended: a period that ended 1 November without a decision;
    - short: a three-month period ending 10 January 2025 (no notice duty, 51 days);
    and not: one decided, one renewed already (not the last period), one ending after
    the window, one that ended long ago, and one of another municipality.
    """
    due = period(municipality, D(2024, 7, 1), D(2024, 12, 31), name="Due")
    overdue = period(municipality, D(2024, 6, 16), D(2024, 12, 15), name="Overdue")
    ended = period(municipality, D(2024, 5, 2), D(2024, 11, 1), name="Ended")
    short = period(municipality, D(2024, 10, 11), D(2025, 1, 10), name="Short")
    decided = period(municipality, D(2024, 7, 1), D(2024, 12, 31))
    RenewalDecisionFactory(period=decided, decision=Decision.NOT_RENEW)
    renewed = period(municipality, D(2024, 7, 1), D(2024, 12, 31))
    period(municipality, D(2025, 1, 1), D(2025, 6, 30), contract=renewed.contract, sequence=2)
    period(municipality, D(2024, 9, 1), D(2025, 2, 28))  # ends after the window
    period(municipality, D(2024, 1, 1), D(2024, 6, 30))  # ended long ago
    period(other_municipality, D(2024, 7, 1), D(2024, 12, 31))

    rows = decisions_due(municipality=municipality, today=TODAY)
    assert [(r.period, r.notice_deadline, r.days_left, r.status) for r in rows] == [
        (ended, D(2024, 10, 1), -50, DueStatus.ENDED),
        (overdue, D(2024, 11, 15), -5, DueStatus.OVERDUE),
        (due, D(2024, 11, 30), 10, DueStatus.DUE),
        (short, None, 51, DueStatus.DUE),
    ]
    assert [r.late for r in rows] == [True, True, False, False]
    assert [r.check.position for r in rows] == [2, 2, 2, 2]
    assert rows[2].chain_text == (
        "Deze verlenging wordt het 2e contract op rij (keten sinds 01-07-2024, 12 maanden). "
        "Daarna is nog 1 verlenging voor bepaalde tijd mogelijk tot uiterlijk 30-06-2027."
    )

    assert [
        r.period for r in decisions_due(municipality=municipality, today=TODAY, status="overdue")
    ] == [overdue]
    four_weeks = decisions_due(municipality=municipality, today=TODAY, weeks=4)
    assert [r.period for r in four_weeks] == [ended, overdue]
    programme = due.contract.participant.programme_id
    assert [
        r.period
        for r in decisions_due(municipality=municipality, today=TODAY, programme_id=programme)
    ] == [due]


def test_the_chain_warning_before_the_renewal_that_would_make_it_permanent(municipality):
    """The third half year of a chain ends 31 December 2025: renewing it would make the
    fourth contract, permanent by law. The second half year ending 30 June 2025: the
    renewal would be the last one possible."""
    first = period(municipality, D(2024, 1, 1), D(2024, 6, 30))
    period(municipality, D(2024, 7, 1), D(2024, 12, 31), contract=first.contract, sequence=2)
    third = period(municipality, D(2025, 1, 1), D(2025, 6, 30), contract=first.contract, sequence=3)
    other = period(municipality, D(2024, 7, 1), D(2024, 12, 31))
    second = period(
        municipality, D(2025, 1, 1), D(2025, 6, 30), contract=other.contract, sequence=2
    )

    rows = decisions_due(municipality=municipality, today=D(2025, 5, 10))
    by_period = {r.period: r for r in rows}
    assert by_period[third].check.makes_permanent
    assert by_period[third].chain_alert
    assert by_period[third].chain_text.startswith(
        "Deze verlenging wordt het 4e contract voor bepaalde tijd op rij"
    )
    assert by_period[second].check.next_makes_permanent
    assert by_period[second].chain_text == (
        "Deze verlenging wordt het 3e contract op rij: de volgende verlenging maakt het "
        "contract van rechtswege vast."
    )
    chain_rows = decisions_due(municipality=municipality, today=D(2025, 5, 10), chain_only=True)
    assert {r.period for r in chain_rows} == {third, second}


def test_permanent_contracts_need_no_decision(municipality):
    period(
        municipality,
        D(2024, 7, 1),
        D(2024, 12, 31),
        is_permanent=True,
        permanent_from=D(2024, 7, 1),
    )
    assert decisions_due(municipality=municipality, today=TODAY) == []


def test_worklist_queries_do_not_grow_with_its_rows(municipality, django_assert_num_queries):
    for _ in range(2):
        period(municipality, D(2024, 7, 1), D(2024, 12, 31))
    # The periods, every period of their participants (chain rule), their wage lines.
    with django_assert_num_queries(3):
        assert len(decisions_due(municipality=municipality, today=TODAY)) == 2
    for _ in range(5):
        first = period(municipality, D(2024, 1, 1), D(2024, 6, 30))
        period(municipality, D(2024, 7, 1), D(2024, 12, 31), contract=first.contract, sequence=2)
    with django_assert_num_queries(3):
        assert len(decisions_due(municipality=municipality, today=TODAY)) == 7


def test_remeasurements_due_overdue_and_missing(municipality):
    """On 20 November 2024, for participants with a running contract with LKS:

    - Due: measured 1 January 2024, next on 1 January 2025 (42 days: within 8 weeks);
    - Late: next on 1 November 2024 (passed);
    - Never: no measurement at all;
    not: a next measurement in June 2025, a participant whose later measurement replaced
    the due one, and a participant without LKS.
    """

    def lks_participant(name, subsidy=True):
        contract = AdultContractFactory(
            participant__programme__municipality=municipality,
            participant__last_name=name,
            wage_subsidy=subsidy,
        )
        AdultPeriodFactory(contract=contract, start_date=D(2024, 7, 1), end_date=D(2024, 12, 31))
        return contract.participant

    due = lks_participant("Due")
    late = lks_participant("Late")
    never = lks_participant("Never")
    later = lks_participant("Later")
    replaced = lks_participant("Replaced")
    plain = lks_participant("Plain", subsidy=False)
    due_m = WageValueMeasurementFactory(
        participant=due, measured_on=D(2024, 1, 1), next_measurement_on=D(2025, 1, 1)
    )
    late_m = WageValueMeasurementFactory(
        participant=late, measured_on=D(2023, 11, 1), next_measurement_on=D(2024, 11, 1)
    )
    WageValueMeasurementFactory(
        participant=later, measured_on=D(2024, 6, 1), next_measurement_on=D(2025, 6, 1)
    )
    WageValueMeasurementFactory(
        participant=replaced, measured_on=D(2023, 6, 1), next_measurement_on=D(2024, 6, 1)
    )
    WageValueMeasurementFactory(
        participant=replaced, measured_on=D(2024, 6, 1), next_measurement_on=D(2025, 6, 1)
    )
    WageValueMeasurementFactory(
        participant=plain, measured_on=D(2023, 6, 1), next_measurement_on=D(2024, 6, 1)
    )
    rows = remeasurements_due(municipality=municipality, today=TODAY)
    assert [(r.participant, r.measurement, r.status, r.days_left) for r in rows] == [
        (never, None, "missing", None),
        (late, late_m, "overdue", -19),
        (due, due_m, "due", 42),
    ]


def test_attention_counts(municipality):
    period(municipality, D(2024, 7, 1), D(2024, 12, 31))
    period(municipality, D(2024, 6, 16), D(2024, 12, 15))
    low = period(municipality, D(2024, 4, 1), D(2025, 3, 31), wage_subsidy=True)
    low.hourly_wage = E("13.27")
    low.save()
    assert attention_counts(municipality, TODAY) == {
        "decisions_due": 2,
        "decisions_late": 1,
        "below_minimum_wage": 1,
        "remeasurements_due": 1,
    }
