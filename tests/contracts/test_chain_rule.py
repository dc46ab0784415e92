"""The chain rule when a contract or a renewal is stored: refused unless the user
confirms that the contract becomes permanent by law; confirmed, the contract is
permanent from the day the law says, by the rule that made it so. The programme's
settings give the numbers (a cao) and whether successive employers count as one.
Through the services, the API and the pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.contracts.constants import Decision, PermanentReason
from basisbaan.contracts.models import Contract, ContractPeriod, ContractSettings, RenewalDecision
from basisbaan.contracts.services import (
    contract_create,
    contract_period_add,
    contract_settings_set,
)
from tests.contracts.factories import ContractSettingsFactory
from tests.factories import (
    ContractFactory,
    ContractPeriodFactory,
    ParticipantFactory,
    PlacementFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal

COUNT_REFUSAL = (
    "Dit nieuwe contract wordt het 4e contract voor bepaalde tijd op rij (keten sinds "
    "01-01-2024). Meer dan 3 contracten maakt het contract van rechtswege vast, vanaf "
    "01-10-2025. Bevestig dat het contract daarmee vast wordt om het zo vast te leggen: het "
    "telt dan vanaf 01-10-2025 als contract voor onbepaalde tijd."
)


@pytest.fixture
def participant(programme):
    return ParticipantFactory(programme=programme, date_of_birth=D(1980, 5, 17))


def history(participant, employer, *terms):
    """A recorded contract with ``employer`` whose periods are ``terms`` (and the
    participant's placement, made once)."""
    if not participant.placements.exists():
        PlacementFactory(participant=participant, start_date=terms[0][0])
    contract = ContractFactory(participant=participant, employer_name=employer)
    for sequence, (start, end) in enumerate(terms, start=1):
        ContractPeriodFactory(
            contract=contract,
            sequence=sequence,
            start_date=start,
            end_date=end,
            hourly_wage=E("15.00"),
        )
    return contract


def three_half_years(participant, employer="Caparis"):
    """1 January 2024 - 30 June 2025 in three periods: the chain's three contracts."""
    return history(
        participant,
        employer,
        (D(2024, 1, 1), D(2024, 6, 30)),
        (D(2024, 7, 1), D(2024, 12, 31)),
        (D(2025, 1, 1), D(2025, 6, 30)),
    )


def new_contract(municipality, manager, participant, employer="Caparis", **kwargs):
    """A contract 1 October 2025 - 31 March 2026 (after a three-month gap)."""
    values = {
        "start_date": D(2025, 10, 1),
        "end_date": D(2026, 3, 31),
        "hours_per_week": E("32"),
        "hourly_wage": E("15.00"),
        **kwargs,
    }
    return contract_create(
        municipality=municipality,
        actor=manager,
        participant=participant,
        placement=participant.placements.get(),
        employer_name=employer,
        **values,
    )


# --- services -------------------------------------------------------------------------------


def test_a_fourth_contract_is_refused_without_confirmation_and_permanent_with_it(
    municipality, manager, participant
):
    """After three contracts (1 January 2024 - 30 June 2025) and a gap of three months, a
    new contract from 1 October 2025 is the fourth in the chain: by law the new contract
    is permanent from its first day."""
    three_half_years(participant)
    placement = participant.placements.get()
    with pytest.raises(ValidationError) as info, unchanged():
        contract_create(
            municipality=municipality,
            actor=manager,
            participant=participant,
            placement=placement,
            employer_name="Caparis",
            start_date=D(2025, 10, 1),
            end_date=D(2026, 3, 31),
            hours_per_week=E("32"),
            hourly_wage=E("15.00"),
        )
    assert info.value.message_dict == {"confirm_permanent": [COUNT_REFUSAL]}
    assert Contract.objects.count() == 1
    contract = new_contract(municipality, manager, participant, confirm_permanent=True)
    contract.refresh_from_db()
    assert (contract.is_permanent, contract.permanent_from, contract.permanent_reason) == (
        True,
        D(2025, 10, 1),
        PermanentReason.CHAIN_COUNT,
    )
    period = contract.periods.get()
    assert (period.start_date, period.end_date) == (D(2025, 10, 1), D(2026, 3, 31))


def test_a_new_contract_36_months_and_a_day_into_the_chain_is_permanent_on_that_day(
    municipality, manager, participant
):
    """A first contract 1 January 2024 - 31 December 2025 (24 months); a new one from
    1 January 2026 to 1 January 2027 makes the chain 36 months and one day: permanent from
    1 January 2027, the last day of the new contract (mid-period for the cost model)."""
    history(participant, "Caparis", (D(2024, 1, 1), D(2025, 12, 31)))
    with pytest.raises(ValidationError) as info, unchanged():
        new_contract(
            municipality,
            manager,
            participant,
            start_date=D(2026, 1, 1),
            end_date=D(2027, 1, 1),
            hourly_wage=E("16.00"),
        )
    assert info.value.messages == [
        "Met dit nieuwe contract duurt de keten langer dan 36 maanden (sinds 01-01-2024): het "
        "contract wordt van rechtswege vast vanaf 01-01-2027. Een contract tot en met "
        "31-12-2026 blijft binnen de keten. Bevestig dat het contract daarmee vast wordt om "
        "het zo vast te leggen: het telt dan vanaf 01-01-2027 als contract voor onbepaalde tijd."
    ]
    contract = new_contract(
        municipality,
        manager,
        participant,
        start_date=D(2026, 1, 1),
        end_date=D(2027, 1, 1),
        hourly_wage=E("16.00"),
        confirm_permanent=True,
    )
    assert (contract.permanent_from, contract.permanent_reason) == (
        D(2027, 1, 1),
        PermanentReason.CHAIN_DURATION,
    )


def test_a_plain_renewal_past_36_months_is_permanent_from_mid_period(
    municipality, manager, participant
):
    """A contract 1 January 2024 - 31 December 2025 renewed (without a decision) to
    31 March 2027: refused unconfirmed, nothing written; confirmed, the period is stored
    and the contract is permanent from 1 January 2027, within the period."""
    contract = history(participant, "Caparis", (D(2024, 1, 1), D(2025, 12, 31)))
    renewal = {"hours_per_week": E("32"), "hourly_wage": E("16.00"), "end_date": D(2027, 3, 31)}
    with pytest.raises(ValidationError) as info, unchanged(contract):
        contract_period_add(contract=contract, actor=manager, **renewal)
    assert "vast vanaf 01-01-2027" in info.value.message_dict["confirm_permanent"][0]
    assert contract.periods.count() == 1
    period = contract_period_add(
        contract=contract, actor=manager, confirm_permanent=True, **renewal
    )
    contract.refresh_from_db()
    assert (period.sequence, period.start_date, period.end_date) == (
        2,
        D(2026, 1, 1),
        D(2027, 3, 31),
    )
    assert (contract.is_permanent, contract.permanent_from, contract.permanent_reason) == (
        True,
        D(2027, 1, 1),
        PermanentReason.CHAIN_DURATION,
    )


def test_a_renewal_of_a_permanent_contract_is_not_a_chain_question(
    municipality, manager, participant
):
    """Once permanent, a further period is no fixed-term contract: no confirmation asked."""
    contract = three_half_years(participant)
    Contract.objects.filter(pk=contract.pk).update(
        is_permanent=True, permanent_from=D(2025, 1, 1), permanent_reason="decision"
    )
    contract.refresh_from_db()
    period = contract_period_add(
        contract=contract, actor=manager, hours_per_week=E("32"), hourly_wage=E("15.00")
    )
    assert (period.sequence, period.start_date) == (4, D(2025, 7, 1))


def test_cao_limits_in_the_settings_change_the_outcome(
    municipality, manager, programme, participant
):
    """With a cao of six contracts in 48 months the fourth contract stays fixed-term;
    with a gap of three months (seasonal work) the contract after a gap of three months
    and a day starts a new chain."""
    ContractSettingsFactory(programme=programme, chain_max_contracts=6, chain_max_months=48)
    three_half_years(participant)
    contract = new_contract(municipality, manager, participant)
    assert (contract.is_permanent, contract.permanent_reason) == (False, "")

    other = ParticipantFactory(programme=programme, date_of_birth=D(1980, 5, 17))
    three_half_years(other)
    ContractSettings.objects.filter(programme=programme).update(
        chain_max_contracts=3, chain_max_months=36, chain_max_gap_months=3
    )
    programme.refresh_from_db()
    with pytest.raises(ValidationError), unchanged():  # 1 Jul - 30 Sep: three months
        new_contract(municipality, manager, other, start_date=D(2025, 10, 1))
    apart = new_contract(municipality, manager, other, start_date=D(2025, 10, 2))
    assert apart.is_permanent is False


def test_successive_employers_count_as_one_chain_when_the_programme_says_so(
    municipality, manager, programme, participant
):
    """Three contracts with the payroll party, then one with the municipality for the same
    work: a separate chain by default; with ``chain_across_employers`` the fourth."""
    three_half_years(participant)
    separate = new_contract(municipality, manager, participant, employer="Gemeente Leeuwarden")
    assert separate.is_permanent is False

    other = ParticipantFactory(programme=programme, date_of_birth=D(1980, 5, 17))
    three_half_years(other)
    ContractSettingsFactory(programme=programme, chain_across_employers=True)
    programme.refresh_from_db()
    with pytest.raises(ValidationError) as info, unchanged():
        new_contract(municipality, manager, other, employer="Gemeente Leeuwarden")
    assert info.value.messages == [COUNT_REFUSAL]
    joined = new_contract(
        municipality, manager, other, employer="Gemeente Leeuwarden", confirm_permanent=True
    )
    assert (joined.permanent_from, joined.permanent_reason) == (
        D(2025, 10, 1),
        PermanentReason.CHAIN_COUNT,
    )


def test_the_chain_settings_are_checked_in_dutch(programme, manager):
    with pytest.raises(ValidationError) as info, unchanged():
        contract_settings_set(
            programme=programme,
            actor=manager,
            data={"chain_max_contracts": 7, "chain_max_months": 49, "chain_max_gap_months": 2},
        )
    assert info.value.message_dict == {
        "chain_max_contracts": [
            "Vul een aantal contracten van 1 tot en met 6 in: wettelijk 3, een cao kan er ten "
            "hoogste 6 toestaan."
        ],
        "chain_max_months": [
            "Vul een aantal maanden van 1 tot en met 48 in: wettelijk 36, een cao kan ten "
            "hoogste 48 maanden toestaan."
        ],
        "chain_max_gap_months": [
            "Vul een tussenpoos van 3 tot en met 24 maanden in: wettelijk 6, een cao kan die "
            "voor terugkerend seizoenswerk tot 3 maanden verkorten."
        ],
    }
    saved = contract_settings_set(
        programme=programme,
        actor=manager,
        data={"chain_max_contracts": 6, "chain_max_months": 48, "chain_across_employers": True},
    )
    assert (saved.chain_max_contracts, saved.chain_max_months, saved.chain_max_gap_months) == (
        6,
        48,
        6,
    )


# --- API ------------------------------------------------------------------------------------


def test_api_create_400_without_confirmation_and_201_with_it(
    municipality, manager, participant, api_as
):
    three_half_years(participant)
    client = api_as(manager)
    payload = {
        "participant": participant.pk,
        "placement": participant.placements.get().pk,
        "employer_name": "Caparis",
        "start_date": "2025-10-01",
        "end_date": "2026-03-31",
        "hours_per_week": "32",
        "hourly_wage": "15.00",
    }
    with unchanged(reads=True):
        refused = client.post("/api/v1/contracts/", payload, format="json")
    assert refused.status_code == 400
    assert refused.json() == {"confirm_permanent": [COUNT_REFUSAL]}
    made = client.post("/api/v1/contracts/", {**payload, "confirm_permanent": True}, format="json")
    assert made.status_code == 201, made.json()
    body = made.json()
    assert (body["is_permanent"], body["permanent_from"], body["permanent_reason"]) == (
        True,
        "2025-10-01",
        "chain_count",
    )
    assert "confirm_permanent" not in body


def test_api_renew_and_decide_need_the_confirmation(manager, participant, api_as):
    """The fourth period of a contract, as a plain renewal and as a decision to renew."""
    client = api_as(manager)
    renewal = {"hours_per_week": "32", "hourly_wage": "15.00"}
    plain = three_half_years(participant)
    url = f"/api/v1/contracts/{plain.pk}/renew/"
    with unchanged(plain, reads=True):
        refused = client.post(url, renewal, format="json")
    assert refused.status_code == 400
    assert "vast, vanaf 01-07-2025" in refused.json()["confirm_permanent"][0]
    made = client.post(url, {**renewal, "confirm_permanent": True}, format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["start_date"] == "2025-07-01"
    plain.refresh_from_db()
    assert (plain.permanent_from, plain.permanent_reason) == (D(2025, 7, 1), "chain_count")

    other = ParticipantFactory(programme=participant.programme, date_of_birth=D(1980, 5, 17))
    decided = three_half_years(other)
    url = f"/api/v1/contracts/{decided.pk}/decisions/"
    with unchanged(decided, reads=True):
        refused = client.post(url, {"decision": "renew"}, format="json")
    assert refused.status_code == 400
    assert list(refused.json()) == ["confirm_permanent"]
    made = client.post(url, {"decision": "renew", "confirm_permanent": True}, format="json")
    assert made.status_code == 201, made.json()
    assert made.json()["next_period"]["sequence"] == 4
    decided.refresh_from_db()
    assert (decided.permanent_from, decided.permanent_reason) == (D(2025, 7, 1), "chain_count")


# --- pages ----------------------------------------------------------------------------------


def test_new_contract_page_asks_for_the_confirmation(participant, manager, client_as):
    three_half_years(participant)
    client = client_as(manager)
    data = {
        "participant": participant.pk,
        "placement": participant.placements.get().pk,
        "employer_name": "Caparis",
        "start_date": "01-10-2025",
        "end_date": "31-03-2026",
        "hours_per_week": "32",
        "hourly_wage": "15,00",
    }
    with unchanged(reads=True):
        refused = client.post("/contracten/nieuw/", data)
    assert refused.status_code == 200
    form = refused.context["form"]
    assert form.errors["confirm_permanent"] == [COUNT_REFUSAL]
    assert form.fields["confirm_permanent"].label == (
        "Ik begrijp dat dit contract door de ketenregeling vast wordt vanaf 01-10-2025."
    )
    body = refused.content.decode()
    assert 'name="confirm_permanent"' in body
    assert "Ik begrijp dat dit contract door de ketenregeling vast wordt vanaf 01-10-2025." in body
    assert Contract.objects.count() == 1

    made = client.post("/contracten/nieuw/", {**data, "confirm_permanent": "on"})
    assert made.status_code == 302
    contract = Contract.objects.get(employer_name="Caparis", periods__start_date=D(2025, 10, 1))
    assert (contract.permanent_from, contract.permanent_reason) == (
        D(2025, 10, 1),
        PermanentReason.CHAIN_COUNT,
    )
    detail = client.get(f"/contracten/{contract.pk}/").content.decode()
    assert "Vast door de ketenregeling (4e contract) vanaf 01-10-2025." in detail


def test_renew_page_shows_the_checkbox_when_the_renewal_makes_permanent(
    participant, manager, client_as
):
    contract = three_half_years(participant)
    client = client_as(manager)
    url = f"/contracten/{contract.pk}/verlengen/"
    page = client.get(url)
    assert page.context["form"].fields["confirm_permanent"].label == (
        "Ik begrijp dat dit contract door de ketenregeling vast wordt vanaf 01-07-2025."
    )
    data = {"hours_per_week": "32", "hourly_wage": "15,00"}
    with unchanged(contract, reads=True):
        refused = client.post(url, data)
    assert refused.status_code == 200
    assert "confirm_permanent" in refused.context["form"].errors
    assert ContractPeriod.objects.filter(contract=contract).count() == 3
    made = client.post(url, {**data, "confirm_permanent": "on"})
    assert made.status_code == 302
    contract.refresh_from_db()
    assert (contract.permanent_from, contract.permanent_reason) == (
        D(2025, 7, 1),
        PermanentReason.CHAIN_COUNT,
    )


def test_decision_page_renews_with_the_confirmation(participant, manager, client_as):
    contract = three_half_years(participant)
    client = client_as(manager)
    url = f"/contracten/{contract.pk}/besluit/"
    page = client.get(url).content.decode()
    assert "Ik begrijp dat dit contract door de ketenregeling vast wordt vanaf 01-07-2025." in page
    with unchanged(contract, reads=True):
        refused = client.post(url, {"decision": "renew"})
    assert refused.status_code == 200
    assert "confirm_permanent" in refused.context["form"].errors
    assert not RenewalDecision.objects.exists()
    made = client.post(url, {"decision": "renew", "confirm_permanent": "on"})
    assert made.status_code == 302
    contract.refresh_from_db()
    assert (contract.is_permanent, contract.permanent_reason) == (True, "chain_count")
    assert RenewalDecision.objects.get().decision == Decision.RENEW


def test_the_contract_page_names_the_duration_rule(participant, manager, client_as):
    contract = history(participant, "Caparis", (D(2024, 1, 1), D(2026, 3, 31)))
    Contract.objects.filter(pk=contract.pk).update(
        is_permanent=True,
        permanent_from=D(2027, 1, 1),
        permanent_reason=PermanentReason.CHAIN_DURATION,
    )
    body = client_as(manager).get(f"/contracten/{contract.pk}/").content.decode()
    assert "Vast door de ketenregeling (na 36 maanden) vanaf 01-01-2027." in body
