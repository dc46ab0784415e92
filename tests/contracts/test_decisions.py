"""Renewal decisions: renew, do not renew, permanent; audited; chain rule confirmed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.contracts.constants import Decision, PermanentReason
from basisbaan.contracts.models import ContractPeriod, RenewalDecision
from basisbaan.contracts.services import (
    contract_create,
    contract_period_add,
    next_period_defaults,
    renewal_decide,
)
from tests.factories import ParticipantFactory, PlacementFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date


def placement_of(participant):
    """A contract needs a placement: the participant's, or a new one."""
    return participant.placements.first() or PlacementFactory(participant=participant)


E = Decimal


@pytest.fixture
def contract(municipality, programme, manager):
    """Second half of 2024, 32 hours at 13.68 (the minimum from 1 July 2024)."""
    participant = ParticipantFactory(programme=programme, date_of_birth=D(1980, 5, 17))
    return contract_create(
        municipality=municipality,
        actor=manager,
        participant=participant,
        placement=placement_of(participant),
        employer_name="Caparis",
        start_date=D(2024, 7, 1),
        hours_per_week=E("32"),
        hourly_wage=E("13.68"),
    )


def last_period(contract):
    return contract.periods.order_by("-sequence").first()


def test_renew_adds_the_next_period_with_the_wage_raised_to_the_minimum(contract, manager):
    """Period 2 runs 1 January - 30 June 2025; 13.68 is below 14.06 from 1 January 2025,
    so the proposed wage is 14.06; the hours stay 32."""
    first = last_period(contract)
    decision = renewal_decide(period=first, actor=manager, decision=Decision.RENEW)
    second = contract.periods.get(sequence=2)
    assert (second.start_date, second.end_date) == (D(2025, 1, 1), D(2025, 6, 30))
    assert (second.hours_per_week, second.hourly_wage) == (E("32.0"), E("14.06"))
    assert decision.next_period == second
    assert (decision.decided_by, decision.decision) == (manager, Decision.RENEW)
    assert decision.decided_at is not None
    entries = AuditEntry.objects.filter(action=AuditAction.CREATE).order_by("id")
    assert [e.object_type for e in entries][-2:] == [
        "contracts.contractperiod",
        "contracts.renewaldecision",
    ]
    assert entries.last().changes["decision"] == [None, "renew"]
    assert entries.last().actor == manager


def test_a_wage_above_the_minimum_is_kept(contract, manager):
    first = last_period(contract)
    ContractPeriod.objects.filter(pk=first.pk).update(hourly_wage=E("15.00"))
    first.refresh_from_db()
    assert next_period_defaults(first)["hourly_wage"] == E("15.00")


def test_renew_with_own_values_and_the_minimum_still_applies(contract, manager):
    first = last_period(contract)
    with pytest.raises(ValidationError) as info, unchanged():
        renewal_decide(period=first, actor=manager, decision=Decision.RENEW, hourly_wage=E("13.68"))
    assert info.value.message_dict["hourly_wage"] == [
        "Het uurloon € 13,68 ligt onder het minimumloon van € 14,06 dat geldt vanaf 01-01-2025."
    ]
    assert not RenewalDecision.objects.exists()
    renewal_decide(
        period=first,
        actor=manager,
        decision=Decision.RENEW,
        hours_per_week=E("24"),
        hourly_wage=E("14.50"),
        end_date=D(2025, 12, 31),
    )
    second = contract.periods.get(sequence=2)
    assert (second.hours_per_week, second.hourly_wage, second.end_date) == (
        E("24.0"),
        E("14.50"),
        D(2025, 12, 31),
    )


def test_permanent_marks_the_contract_and_continues_it_to_the_programmes_end(
    contract, manager, programme
):
    """Permanent from 1 January 2025; the period continues to the programme's end
    (31 December 2026) at the highest minimum of that time, 14.71."""
    first = last_period(contract)
    decision = renewal_decide(
        period=first, actor=manager, decision=Decision.PERMANENT, reason="Eindbaan bij de host"
    )
    contract.refresh_from_db()
    assert (contract.is_permanent, contract.permanent_from) == (True, D(2025, 1, 1))
    second = contract.periods.get(sequence=2)
    assert (second.start_date, second.end_date, second.hourly_wage) == (
        D(2025, 1, 1),
        programme.end_date,
        E("14.71"),
    )
    assert decision.next_period == second
    update = AuditEntry.objects.get(action=AuditAction.UPDATE, object_type="contracts.contract")
    assert update.changes == {
        "is_permanent": [False, True],
        "permanent_from": [None, "2025-01-01"],
        "permanent_reason": ["", "decision"],
    }


def test_not_renew_records_the_end(contract, manager):
    first = last_period(contract)
    decision = renewal_decide(
        period=first,
        actor=manager,
        decision=Decision.NOT_RENEW,
        reason="Uitstroom naar regulier werk",
        notice_sent_on=D(2024, 11, 15),
    )
    assert decision.next_period is None
    assert decision.notice_sent_on == D(2024, 11, 15)
    assert contract.periods.count() == 1
    with pytest.raises(ValidationError) as info, unchanged():
        contract_period_add(
            contract=contract, actor=manager, hours_per_week=E("32"), hourly_wage=E("14.06")
        )
    assert info.value.messages == [
        "Besloten is dit contract niet te verlengen: het eindigt op 31-12-2024. "
        "Leg zo nodig een nieuw contract vast."
    ]


def test_not_renew_and_permanent_need_a_reason(contract, manager):
    first = last_period(contract)
    for decision in (Decision.NOT_RENEW, Decision.PERMANENT):
        with pytest.raises(ValidationError) as info, unchanged():
            renewal_decide(period=first, actor=manager, decision=decision, reason="  ")
        assert info.value.message_dict == {"reason": ["Geef de motivering van dit besluit."]}
    assert not RenewalDecision.objects.exists()
    assert contract.periods.count() == 1


def test_one_decision_per_period_and_only_about_the_last(contract, manager):
    first = last_period(contract)
    renewal_decide(period=first, actor=manager, decision=Decision.RENEW)
    with pytest.raises(ValidationError) as info, unchanged():
        renewal_decide(period=first, actor=manager, decision=Decision.NOT_RENEW, reason="x")
    assert info.value.messages == ["Over deze periode is al een besluit vastgelegd."]

    # A period that was renewed without a decision (plain renewal) is not the last one.
    second = last_period(contract)
    contract_period_add(
        contract=contract, actor=manager, hours_per_week=E("32"), hourly_wage=E("14.40")
    )
    with pytest.raises(ValidationError) as info, unchanged():
        renewal_decide(period=second, actor=manager, decision=Decision.NOT_RENEW, reason="x")
    assert info.value.messages == [
        "Na deze periode volgt al een periode: een besluit gaat over de laatste periode."
    ]


def test_a_renewal_that_the_chain_rule_makes_permanent_needs_confirmation(contract, manager):
    """Three half-year contracts (2024-H2, 2025-H1, 2025-H2): a third renewal would be the
    fourth contract in a row and permanent by law from 1 January 2026. ‘Renew’ is
    refused with the rule and the day unless confirmed; confirmed, the renewal is stored
    and the contract is permanent from 1 January 2026 by the count rule."""
    renewal_decide(period=last_period(contract), actor=manager, decision=Decision.RENEW)
    renewal_decide(period=last_period(contract), actor=manager, decision=Decision.RENEW)
    third = last_period(contract)
    assert (third.sequence, third.start_date) == (3, D(2025, 7, 1))
    with pytest.raises(ValidationError) as info, unchanged(contract, third):
        renewal_decide(period=third, actor=manager, decision=Decision.RENEW)
    assert info.value.message_dict == {
        "confirm_permanent": [
            "Deze verlenging wordt het 4e contract voor bepaalde tijd op rij (keten sinds "
            "01-07-2024). Meer dan 3 contracten maakt het contract van rechtswege vast, vanaf "
            "01-01-2026. Bevestig dat het contract daarmee vast wordt om het zo vast te "
            "leggen: het telt dan vanaf 01-01-2026 als contract voor onbepaalde tijd."
        ]
    }
    assert info.value.error_dict["confirm_permanent"][0].code == "chain_permanent"
    assert contract.periods.count() == 3
    assert not RenewalDecision.objects.filter(period=third).exists()
    decision = renewal_decide(
        period=third, actor=manager, decision=Decision.RENEW, confirm_permanent=True
    )
    contract.refresh_from_db()
    assert (contract.is_permanent, contract.permanent_from, contract.permanent_reason) == (
        True,
        D(2026, 1, 1),
        PermanentReason.CHAIN_COUNT,
    )
    fourth = decision.next_period
    assert (fourth.sequence, fourth.start_date, fourth.end_date) == (
        4,
        D(2026, 1, 1),
        D(2026, 6, 30),
    )
    assert decision.decision == Decision.RENEW


def test_a_renewal_past_36_months_needs_confirmation_but_a_shorter_one_fits(
    municipality, programme, manager
):
    """A first contract of two years (1 January 2024 - 31 December 2025) renewed to
    30 June 2027 would run past 31 December 2026, the 36th month: refused without
    confirmation, saying a renewal to 31 December 2026 stays within the chain. A renewal
    to that date is allowed and stays fixed-term."""
    programme.end_date = D(2028, 12, 31)
    programme.save()
    participant = ParticipantFactory(programme=programme, date_of_birth=D(1980, 5, 17))
    contract = contract_create(
        municipality=municipality,
        actor=manager,
        participant=participant,
        placement=placement_of(participant),
        employer_name="Caparis",
        start_date=D(2024, 1, 1),
        end_date=D(2025, 12, 31),
        hours_per_week=E("32"),
        hourly_wage=E("14.40"),
    )
    first = last_period(contract)
    with pytest.raises(ValidationError) as info, unchanged():
        renewal_decide(
            period=first,
            actor=manager,
            decision=Decision.RENEW,
            end_date=D(2027, 6, 30),
            hourly_wage=E("14.71"),
        )
    assert info.value.messages == [
        "Met deze verlenging duurt de keten langer dan 36 maanden (sinds 01-01-2024): het "
        "contract wordt van rechtswege vast vanaf 01-01-2027. Een verlenging tot en met "
        "31-12-2026 blijft binnen de keten. Bevestig dat het contract daarmee vast wordt om "
        "het zo vast te leggen: het telt dan vanaf 01-01-2027 als contract voor onbepaalde tijd."
    ]
    renewal_decide(
        period=first,
        actor=manager,
        decision=Decision.RENEW,
        end_date=D(2026, 12, 31),
        hourly_wage=E("14.71"),
    )
    assert last_period(contract).end_date == D(2026, 12, 31)
    contract.refresh_from_db()
    assert (contract.is_permanent, contract.permanent_reason) == (False, "")


def test_an_earlier_contract_with_the_same_employer_continues_the_chain(
    municipality, programme, manager
):
    """Two half-year contracts with ‘Caparis’ ended 30 June 2025; a new contract with
    ‘caparis ’ from 1 October 2025 (a three-month gap) is the third in the chain, so its
    renewal would be the fourth: refused without confirmation. With another employer the
    chain is separate (the programme does not count successive employers as one)."""
    participant = ParticipantFactory(programme=programme, date_of_birth=D(1980, 5, 17))
    old = contract_create(
        municipality=municipality,
        actor=manager,
        participant=participant,
        placement=placement_of(participant),
        employer_name="Caparis",
        start_date=D(2024, 7, 1),
        hours_per_week=E("32"),
        hourly_wage=E("13.68"),
    )
    renewal_decide(period=last_period(old), actor=manager, decision=Decision.RENEW)
    renewal_decide(
        period=last_period(old), actor=manager, decision=Decision.NOT_RENEW, reason="Pauze"
    )
    new = contract_create(
        municipality=municipality,
        actor=manager,
        participant=participant,
        placement=placement_of(participant),
        employer_name="caparis ",
        start_date=D(2025, 10, 1),
        hours_per_week=E("32"),
        hourly_wage=E("14.71"),
    )
    with pytest.raises(ValidationError) as info, unchanged():
        renewal_decide(period=last_period(new), actor=manager, decision=Decision.RENEW)
    assert (
        "het 4e contract voor bepaalde tijd op rij (keten sinds 01-07-2024)"
        in (info.value.messages[0])
    )
    other = contract_create(
        municipality=municipality,
        actor=manager,
        participant=participant,
        placement=placement_of(participant),
        employer_name="Gemeente Leeuwarden",
        start_date=D(2025, 10, 1),
        hours_per_week=E("8"),
        hourly_wage=E("14.71"),
    )
    renewal_decide(period=last_period(other), actor=manager, decision=Decision.RENEW)
    assert other.periods.count() == 2


def test_a_permanent_contract_has_nothing_to_decide(contract, manager):
    renewal_decide(
        period=last_period(contract), actor=manager, decision=Decision.PERMANENT, reason="Vast"
    )
    contract.refresh_from_db()
    with pytest.raises(ValidationError) as info, unchanged():
        renewal_decide(period=last_period(contract), actor=manager, decision=Decision.RENEW)
    assert info.value.messages == ["Dit contract is al vast: er is geen verlenging te besluiten."]
