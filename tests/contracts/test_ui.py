"""The contract pages: decisions, worklist, minimum-wage flags, wage values, settings."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.utils import timezone

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.calc.dates import period_end
from basisbaan.contracts.models import (
    Contract,
    ContractPeriod,
    ContractSettings,
    RenewalDecision,
    WageValueMeasurement,
)
from basisbaan.tenancy.roles import Role
from tests.contracts.factories import (
    AdultContractFactory,
    AdultPeriodFactory,
    WageValueMeasurementFactory,
)
from tests.factories import ParticipantFactory, PlacementFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal


def running_period(programme, *, days_left=20, wage="16.00", **contract):
    """A six-month period that ends ``days_left`` days from today, above any minimum."""
    end = timezone.localdate() + dt.timedelta(days=days_left)
    start = period_end(end + dt.timedelta(days=1), -6) + dt.timedelta(days=1)
    made = AdultContractFactory(participant__programme=programme, **contract)
    return AdultPeriodFactory(contract=made, start_date=start, end_date=end, hourly_wage=E(wage))


def test_contract_page_shows_periods_alerts_decisions_and_lks(programme, manager, client_as):
    """Running period with LKS, measured at 60 %; the notice deadline passed (20 days
    before the end is less than a month): an error alert and the decide button."""
    period = running_period(programme, wage_subsidy=True, participant__last_name="Hoekstra")
    WageValueMeasurementFactory(
        participant=period.contract.participant,
        measured_on=period.start_date,
        percentage=E("60"),
        next_measurement_on=period.start_date + dt.timedelta(days=365),
    )
    response = client_as(manager).get(f"/contracten/{period.contract_id}/")
    assert response.status_code == 200
    overview = response.context["overview"]
    assert overview.pending.period == period
    assert [a.title for a in overview.alerts] == [
        "Aanzegtermijn verstreken: besluit over verlenging nodig"
    ]
    assert overview.wage_value.percentage == E("60")
    months = overview.cost_months
    assert len(months) in (6, 7)
    assert all(m.wage_value == E("60") for m in months)
    assert all(m.lks and m.lks > 0 for m in months)
    body = response.content.decode()
    assert "Besluit vastleggen" in body
    assert "Loonkosten per maand" in body
    assert "60\u00a0%" in body
    assert f'href="/contracten/{period.contract_id}/besluit/"' in body


def test_contract_page_shows_the_lks_per_month_of_the_cost_model(programme, manager, client_as):
    """July 2025, 32 h, minimum 14.40, wage value 60 %: LKS 1,065.34 (the unit test's
    hand computation), shown for the current period's months."""
    contract = AdultContractFactory(participant__programme=programme, wage_subsidy=True)
    AdultPeriodFactory(
        contract=contract,
        start_date=D(2025, 7, 1),
        end_date=D(2025, 12, 31),
        hourly_wage=E("14.40"),
    )
    WageValueMeasurementFactory(
        participant=contract.participant,
        measured_on=D(2025, 7, 1),
        percentage=E("60"),
        next_measurement_on=D(2026, 7, 1),
    )
    response = client_as(manager).get(f"/contracten/{contract.pk}/")
    months = response.context["overview"].cost_months
    assert [(m.month, m.minimum_wage, m.lks) for m in months][:1] == [
        (D(2025, 7, 1), E("14.40"), E("1065.34"))
    ]
    assert "€ 1.065,34" in response.content.decode()


def test_below_minimum_is_flagged_on_the_contract_the_list_and_its_page(
    programme, manager, client_as
):
    period = running_period(programme, wage="13.27", participant__last_name="Laagloon")
    running_period(programme, participant__last_name="Goedloon")
    client = client_as(manager)

    detail = client.get(f"/contracten/{period.contract_id}/")
    flags = [a for a in detail.context["overview"].alerts if a.title.startswith("Uurloon")]
    assert len(flags) == 1
    assert flags[0].level == "error"
    assert flags[0].text.startswith("Het uurloon € 13,27 ligt onder het minimumloon van € ")

    listing = client.get("/contracten/")
    assert listing.context["below_minimum"] == {period.contract_id}
    assert "onder minimumloon" in listing.content.decode()

    page = client.get("/contracten/onder-minimumloon/")
    assert [f.period for f in page.context["flags"]] == [period]
    assert "Laagloon" in page.content.decode()
    assert "Goedloon" not in page.content.decode()


def test_the_worklist_page_lists_due_decisions_and_links_to_decide(
    programme, other_programme, manager, client_as
):
    overdue = running_period(programme, days_left=10, participant__last_name="Urgent")
    soon = running_period(programme, days_left=45, participant__last_name="Binnenkort")
    running_period(programme, days_left=120, participant__last_name="Later")
    running_period(other_programme, days_left=10, participant__last_name="Emmen")
    response = client_as(manager).get("/contracten/beslissingen/")
    assert response.status_code == 200
    rows = response.context["rows"]
    assert [r.period for r in rows] == [overdue, soon]
    assert [r.status for r in rows] == ["overdue", "due"]
    body = response.content.decode()
    assert "Urgent" in body and "Binnenkort" in body
    assert "Later" not in body and "Emmen" not in body
    assert "Aanzegtermijn verstreken" in body
    assert f'href="/contracten/{overdue.contract_id}/besluit/"' in body
    assert response.context["late_count"] == 1

    only_late = client_as(manager).get("/contracten/beslissingen/", {"status": "overdue"})
    assert [r.period for r in only_late.context["rows"]] == [overdue]
    wider = client_as(manager).get("/contracten/beslissingen/", {"weeks": "26"})
    assert len(wider.context["rows"]) == 3
    entry = AuditEntry.objects.filter(action=AuditAction.LIST).latest("id")
    assert entry.object_type == "participants.participant"


def test_worklist_queries_do_not_grow_with_its_rows(
    programme, manager, client_as, django_assert_max_num_queries
):
    client = client_as(manager)
    running_period(programme, days_left=30)
    client.get("/contracten/beslissingen/")  # warm up sessions and caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        client.get("/contracten/beslissingen/")
    for _ in range(6):
        running_period(programme, days_left=30)
    with CaptureQueriesContext(connection) as seven:
        response = client.get("/contracten/beslissingen/")
    assert len(response.context["rows"]) == 7
    assert len(seven) == len(one)


def test_deciding_through_the_page(programme, manager, client_as):
    period = running_period(programme, days_left=40)
    client = client_as(manager)
    form = client.get(f"/contracten/{period.contract_id}/besluit/")
    assert form.status_code == 200
    assert form.context["chain_check"].position == 2
    assert "Ketenregeling bij verlengen" in form.content.decode()
    response = client.post(
        f"/contracten/{period.contract_id}/besluit/",
        {"decision": "not_renew", "reason": "Uitstroom naar regulier werk"},
    )
    assert response.status_code == 302
    decision = RenewalDecision.objects.get()
    assert (decision.period, decision.decided_by) == (period, manager)
    detail = client.get(f"/contracten/{period.contract_id}/")
    body = detail.content.decode()
    assert "Uitstroom naar regulier werk" in body
    assert "Niet verlengd" in body
    # Nothing left to decide: the form sends back to the contract.
    again = client.get(f"/contracten/{period.contract_id}/besluit/")
    assert again.status_code == 302


def test_a_refused_decision_shows_the_reason_on_the_form(programme, manager, client_as):
    period = running_period(programme, days_left=40)
    client = client_as(manager)
    with unchanged(period):
        response = client.post(
            f"/contracten/{period.contract_id}/besluit/", {"decision": "permanent", "reason": ""}
        )
    assert response.status_code == 200
    assert response.context["form"].errors["reason"] == ["Geef de motivering van dit besluit."]
    assert not RenewalDecision.objects.exists()


def test_renewing_through_the_page_adds_the_period(programme, manager, client_as):
    period = running_period(programme, days_left=40)
    response = client_as(manager).post(
        f"/contracten/{period.contract_id}/besluit/", {"decision": "renew"}
    )
    assert response.status_code == 302
    assert ContractPeriod.objects.filter(contract=period.contract).count() == 2


def test_a_caseworker_cannot_decide(programme, member, client_as):
    period = running_period(programme, days_left=40)
    client = client_as(member(Role.CASEWORKER))
    with unchanged(period):
        assert client.get(f"/contracten/{period.contract_id}/besluit/").status_code == 403
        response = client.post(f"/contracten/{period.contract_id}/besluit/", {"decision": "renew"})
    assert response.status_code == 403
    assert not RenewalDecision.objects.exists()
    assert ContractPeriod.objects.count() == 1
    # Reading the worklist is allowed, without the links to decide.
    worklist = client.get("/contracten/beslissingen/")
    assert worklist.status_code == 200
    assert "/besluit/" not in worklist.content.decode()


def test_another_municipalitys_contract_is_not_found(other_programme, manager, client_as):
    period = running_period(other_programme, days_left=40)
    client = client_as(manager)
    with unchanged(period):
        assert client.get(f"/contracten/{period.contract_id}/").status_code == 404
        assert (
            client.post(
                f"/contracten/{period.contract_id}/besluit/",
                {"decision": "not_renew", "reason": "x"},
            ).status_code
            == 404
        )
    assert not RenewalDecision.objects.exists()


def test_wage_value_measurements_record_list_and_correct(programme, manager, client_as):
    participant = ParticipantFactory(programme=programme, last_name="Meetbaar")
    client = client_as(manager)
    response = client.post(
        "/contracten/loonwaarde/nieuw/",
        {
            "participant": participant.pk,
            "measured_on": "01-09-2025",
            "percentage": "62,5",
            "method": "uniform",
            "assessor": "R. de Boer",
            "next_measurement_on": "",
            "note": "",
        },
    )
    assert response.status_code == 302
    measurement = WageValueMeasurement.objects.get()
    assert (measurement.percentage, measurement.next_measurement_on) == (
        E("62.50"),
        D(2026, 9, 1),
    )
    listing = client.get("/contracten/loonwaarde/", {"participant": participant.pk})
    assert "62,5\u00a0%" in listing.content.decode()
    edit = client.post(
        f"/contracten/loonwaarde/{measurement.pk}/bewerken/",
        {
            "measured_on": "01-09-2025",
            "percentage": "65",
            "method": "uniform",
            "assessor": "R. de Boer",
            "next_measurement_on": "01-03-2026",
            "note": "Correctie rapport",
        },
    )
    assert edit.status_code == 302
    measurement.refresh_from_db()
    assert (measurement.percentage, measurement.next_measurement_on) == (
        E("65.00"),
        D(2026, 3, 1),
    )
    update = AuditEntry.objects.get(
        action=AuditAction.UPDATE, object_type="contracts.wagevaluemeasurement"
    )
    assert update.changes["percentage"] == ["62.50", "65.00"]


def test_a_wage_value_over_100_is_refused(programme, manager, client_as):
    participant = ParticipantFactory(programme=programme)
    client = client_as(manager)
    with unchanged(participant, reads=True):  # the form shown again lists the name
        response = client.post(
            "/contracten/loonwaarde/nieuw/",
            {
                "participant": participant.pk,
                "measured_on": "01-09-2025",
                "percentage": "120",
                "method": "uniform",
                "assessor": "R. de Boer",
            },
        )
    assert response.status_code == 200
    assert "percentage" in response.context["form"].errors
    assert not WageValueMeasurement.objects.exists()


def test_programme_settings_give_the_default_employer(programme, manager, client_as):
    client = client_as(manager)
    assert client.get("/contracten/instellingen/").status_code == 200
    response = client.post(
        f"/contracten/instellingen/{programme.pk}/",
        {
            "default_employer_name": "Caparis",
            "fulltime_hours": "36",
            "remeasurement_months": "6",
            "chain_max_contracts": "3",
            "chain_max_months": "36",
            "chain_max_gap_months": "6",
        },
    )
    assert response.status_code == 302
    settings = ContractSettings.objects.get(programme=programme)
    assert (settings.default_employer_name, settings.fulltime_hours) == ("Caparis", 36)
    assert settings.chain_across_employers is False
    participant = ParticipantFactory(programme=programme, date_of_birth=D(1980, 5, 17))
    created = client.post(
        "/contracten/nieuw/",
        {
            "participant": participant.pk,
            "placement": PlacementFactory(participant=participant).pk,
            "employer_name": "",
            "start_date": "01-01-2026",
            "hours_per_week": "32",
            "hourly_wage": "14,71",
        },
    )
    assert created.status_code == 302
    assert Contract.objects.get().employer_name == "Caparis"


def test_without_a_default_employer_the_employer_is_asked(programme, manager, client_as):
    participant = ParticipantFactory(programme=programme, date_of_birth=D(1980, 5, 17))
    placement = PlacementFactory(participant=participant)
    client = client_as(manager)
    with unchanged(participant, reads=True):  # the form shown again lists the name
        response = client.post(
            "/contracten/nieuw/",
            {
                "participant": participant.pk,
                "placement": placement.pk,
                "employer_name": "",
                "start_date": "01-01-2026",
                "hours_per_week": "32",
                "hourly_wage": "14,71",
            },
        )
    assert response.status_code == 200
    assert response.context["form"].errors["employer_name"] == [
        "Vul de juridisch werkgever in: het programma heeft geen standaard verloningspartij."
    ]


def test_the_minimum_wage_refusal_lands_on_the_wage_field(programme, manager, client_as):
    participant = ParticipantFactory(programme=programme, date_of_birth=D(1980, 5, 17))
    placement = PlacementFactory(participant=participant)
    client = client_as(manager)
    with unchanged(participant, reads=True):  # the form shown again lists the name
        response = client.post(
            "/contracten/nieuw/",
            {
                "participant": participant.pk,
                "placement": placement.pk,
                "employer_name": "Caparis",
                "start_date": "01-04-2024",
                "hours_per_week": "32",
                "hourly_wage": "13,27",
            },
        )
    assert response.context["form"].errors["hourly_wage"] == [
        "Het uurloon € 13,27 ligt onder het minimumloon van € 13,68 dat geldt vanaf 01-07-2024."
    ]
    assert not Contract.objects.exists()


@pytest.mark.date_spread
def test_dashboard_counts_contract_alerts(programme, manager, client_as):
    """Ten days left: the notice deadline (a month before the end) has passed; 45
    days left: due, not late, whatever the length of the months in between."""
    running_period(programme, days_left=10)
    running_period(programme, days_left=45, wage="13.27", wage_subsidy=True)
    response = client_as(manager).get("/")
    alerts = response.context["contract_alerts"]
    assert alerts == {
        "decisions_due": 2,
        "decisions_late": 1,
        "below_minimum_wage": 1,
        "remeasurements_due": 1,
    }
    body = response.content.decode()
    assert 'data-testid="decisions-due">2' in body
    assert 'data-testid="below-minimum-wage">1' in body
    assert 'data-testid="remeasurements-due">1' in body
    assert 'href="/contracten/beslissingen/"' in body


def test_the_nav_has_the_worklist(manager, client_as):
    body = client_as(manager).get("/contracten/beslissingen/").content.decode()
    assert 'href="/contracten/beslissingen/" aria-current="page"' in body


def test_dashboard_queries_do_not_grow_with_contracts(programme, manager, client_as):
    """Five queries for the contract alerts at most: the municipality's indexation and
    the minimum-wage rows (the table with its projected amounts), periods, the wage
    lines of those that may be below the minimum, participants whose wage value is due."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_as(manager)
    running_period(programme, days_left=10, wage="13.27", wage_subsidy=True)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for days in (5, 20, 30, 300):
        running_period(programme, days_left=days, wage="13.27", wage_subsidy=True)
    with CaptureQueriesContext(connection) as more:
        response = client.get("/")
    assert response.context["contract_alerts"]["below_minimum_wage"] == 5
    # 11 before the guidance flags (open signals, overdue feedback sessions: two queries);
    # 13 before the projected minimum wage and the wage lines (two queries).
    assert len(more) == len(few) <= 15


def test_the_renew_page_warns_about_the_chain_rule(programme, manager, client_as):
    """The third half year of a contract: a plain renewal would be the fourth contract."""
    contract = AdultContractFactory(participant__programme=programme)
    for sequence, (start, end) in enumerate(
        [
            (D(2025, 1, 1), D(2025, 6, 30)),
            (D(2025, 7, 1), D(2025, 12, 31)),
            (D(2026, 1, 1), D(2026, 6, 30)),
        ],
        1,
    ):
        AdultPeriodFactory(
            contract=contract,
            sequence=sequence,
            start_date=start,
            end_date=end,
            hourly_wage=E("16"),
        )
    response = client_as(manager).get(f"/contracten/{contract.pk}/verlengen/")
    assert response.context["chain_check"].makes_permanent
    assert "Deze verlenging wordt het 4e contract voor bepaalde tijd op rij" in (
        response.content.decode()
    )
