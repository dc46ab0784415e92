"""Dated wage lines within a contract period: the services, the wage schedule, the
minimum-wage check of each line, suggestions, the API and the contract page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.contracts.models import ContractWageLine
from basisbaan.contracts.selectors import (
    WageLineSuggestion,
    WageSpan,
    minimum_wage_table,
    period_wage_flag,
    periods_below_minimum,
    suggested_wage_lines,
    wage_schedule,
)
from basisbaan.contracts.services import wage_line_add, wage_line_remove
from basisbaan.contracts.worklist import attention_counts
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.contracts.factories import AdultPeriodFactory, ContractWageLineFactory
from tests.factories import ContractPeriodFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal


@pytest.fixture
def year_2025(municipality):
    """All of 2025 at 14.06, recorded before the rise to 14.40 on 1 July was known."""
    return AdultPeriodFactory(
        contract__participant__programme__municipality=municipality,
        start_date=D(2025, 1, 1),
        end_date=D(2025, 12, 31),
        hourly_wage=E("14.06"),
    )


def add(period, actor, day, wage, reason="minimum_wage", note=""):
    return wage_line_add(
        period=period, actor=actor, start_date=day, hourly_wage=E(wage), reason=reason, note=note
    )


# --- the services and the schedule ---------------------------------------------------------


def test_a_line_on_1_july_raises_the_wage_to_the_new_minimum(year_2025, manager):
    """14.06 falls 0.34 short from 1 July 2025; a line of 14.40 from that day mends it:
    the period's own wage then only holds (and is only checked) until 30 June."""
    participant = year_2025.contract.participant
    table = minimum_wage_table()
    assert period_wage_flag(year_2025, participant, table).step.value == E("14.40")
    assert suggested_wage_lines(year_2025, table=table) == [
        WageLineSuggestion(D(2025, 7, 1), E("14.40"), "minimum_wage", assumed=False)
    ]

    line = add(year_2025, manager, D(2025, 7, 1), "14.40", note="WML 1 juli")

    year_2025.refresh_from_db()
    assert wage_schedule(year_2025) == [
        WageSpan(D(2025, 1, 1), D(2025, 6, 30), E("14.06")),
        WageSpan(D(2025, 7, 1), D(2025, 12, 31), E("14.40")),
    ]
    assert (line.reason, line.note, line.municipality_id) == (
        "minimum_wage",
        "WML 1 juli",
        year_2025.municipality_id,
    )
    assert period_wage_flag(year_2025, participant, table) is None
    assert suggested_wage_lines(year_2025, table=table) == []
    entry = AuditEntry.objects.get(object_type="contracts.contractwageline")
    assert (entry.action, entry.actor, entry.object_id) == (
        AuditAction.CREATE,
        manager,
        str(line.pk),
    )


@pytest.mark.parametrize(
    ("day", "message"),
    [
        (
            D(2024, 12, 31),
            "Een loonregel begint na de startdatum van de periode (01-01-2025): op de "
            "startdatum geldt het uurloon van de periode zelf.",
        ),
        (
            D(2025, 1, 1),
            "Een loonregel begint na de startdatum van de periode (01-01-2025): op de "
            "startdatum geldt het uurloon van de periode zelf.",
        ),
        (D(2026, 1, 1), "Een loonregel begint binnen de periode: uiterlijk op 31-12-2025."),
    ],
)
def test_a_line_outside_the_period_is_refused(year_2025, manager, day, message):
    with pytest.raises(ValidationError) as info, unchanged(year_2025):
        add(year_2025, manager, day, "14.40")
    assert info.value.message_dict == {"start_date": [message]}
    assert not ContractWageLine.objects.exists()


def test_one_line_a_day(year_2025, manager):
    add(year_2025, manager, D(2025, 7, 1), "14.40")
    with pytest.raises(ValidationError) as info, unchanged(year_2025):
        add(year_2025, manager, D(2025, 7, 1), "15.00")
    assert info.value.message_dict == {
        "start_date": ["Op deze datum begint al een loonregel in deze periode."]
    }
    assert ContractWageLine.objects.get().hourly_wage == E("14.40")


def test_a_line_below_the_minimum_is_refused(year_2025, manager):
    with pytest.raises(ValidationError) as info, unchanged(year_2025):
        add(year_2025, manager, D(2025, 7, 1), "14.39")
    assert info.value.message_dict == {
        "hourly_wage": [
            "Het uurloon € 14,39 ligt onder het minimumloon van € 14,40 dat geldt vanaf 01-07-2025."
        ]
    }
    assert not ContractWageLine.objects.exists()


def test_a_line_is_checked_until_the_next_line(municipality, manager):
    """April 2025 - March 2026 at 14.06. With a line of 14.71 from 1 January 2026, a line
    of 14.40 from 1 July 2025 holds only until 31 December: 14.40 is enough there."""
    period = AdultPeriodFactory(
        contract__participant__programme__municipality=municipality,
        start_date=D(2025, 4, 1),
        end_date=D(2026, 3, 31),
        hourly_wage=E("14.06"),
    )
    add(period, manager, D(2026, 1, 1), "14.71")
    add(period, manager, D(2025, 7, 1), "14.40")
    period.refresh_from_db()
    assert wage_schedule(period) == [
        WageSpan(D(2025, 4, 1), D(2025, 6, 30), E("14.06")),
        WageSpan(D(2025, 7, 1), D(2025, 12, 31), E("14.40")),
        WageSpan(D(2026, 1, 1), D(2026, 3, 31), E("14.71")),
    ]
    assert period_wage_flag(period, period.contract.participant, minimum_wage_table()) is None


def test_removing_a_line_that_the_wage_before_it_cannot_replace_is_refused(municipality, manager):
    period = AdultPeriodFactory(
        contract__participant__programme__municipality=municipality,
        start_date=D(2025, 4, 1),
        end_date=D(2026, 3, 31),
        hourly_wage=E("14.06"),
    )
    january = add(period, manager, D(2026, 1, 1), "14.71")
    july = add(period, manager, D(2025, 7, 1), "14.40")
    with pytest.raises(ValidationError) as info, unchanged(july, january):
        wage_line_remove(line=january, actor=manager)
    assert info.value.messages == [
        "Deze loonregel kan niet worden verwijderd: dan geldt vanaf 01-01-2026 het uurloon "
        "ervoor. Het uurloon € 14,40 ligt onder het minimumloon van € 14,71 dat geldt vanaf "
        "01-01-2026."
    ]


def test_removing_a_line_is_audited(year_2025, manager):
    """A raise above the minimum from 1 October: removing it leaves 14.40 from 1 July."""
    add(year_2025, manager, D(2025, 7, 1), "14.40")
    october = add(year_2025, manager, D(2025, 10, 1), "15.00", reason="cao")
    wage_line_remove(line=october, actor=manager)
    year_2025.refresh_from_db()
    assert [span.hourly_wage for span in wage_schedule(year_2025)] == [E("14.06"), E("14.40")]
    entry = AuditEntry.objects.filter(action=AuditAction.DELETE).get()
    assert (entry.object_type, entry.object_id, entry.actor) == (
        "contracts.contractwageline",
        str(october.pk),
        manager,
    )


def test_a_birthday_suggests_a_line_on_the_birthday_itself(municipality):
    """Born 15 March 2006: 19 on 1 January 2026 (0.60 × 14.71 = 8.826 → 8.83), 20 on
    15 March 2026 (0.80 × 14.71 = 11.768 → 11.77), 21 on 15 March 2027 (the full
    amount; past 1 January 2026 it is an assumption: 14.71 with no indexation)."""
    period = ContractPeriodFactory(
        contract__participant__programme__municipality=municipality,
        contract__participant__date_of_birth=D(2006, 3, 15),
        start_date=D(2026, 1, 1),
        end_date=D(2027, 6, 30),
        hourly_wage=E("8.83"),
    )
    assert suggested_wage_lines(period, table=minimum_wage_table()) == [
        WageLineSuggestion(D(2026, 3, 15), E("11.77"), "age", assumed=False),
        WageLineSuggestion(D(2027, 3, 15), E("14.71"), "age", assumed=True),
    ]


def test_a_line_below_the_minimum_after_a_rise_is_flagged_and_counted(municipality):
    """A line of 14.10 from 1 March 2025 (recorded before the rise) falls below 14.40 from
    1 July: the report names the line and its wage; the dashboard counts the period."""
    period = AdultPeriodFactory(
        contract__participant__programme__municipality=municipality,
        start_date=D(2025, 1, 1),
        end_date=D(2025, 12, 31),
        hourly_wage=E("14.40"),
    )
    line = ContractWageLineFactory(period=period, start_date=D(2025, 3, 1), hourly_wage=E("14.10"))
    flags = periods_below_minimum(municipality=municipality, today=D(2025, 2, 1))
    assert [(f.period, f.line, f.hourly_wage, f.step.since, f.assumed) for f in flags] == [
        (period, line, E("14.10"), D(2025, 7, 1), False)
    ]
    assert flags[0].message == (
        "Het uurloon € 14,10 ligt onder het minimumloon van € 14,40 dat geldt vanaf 01-07-2025."
    )
    assert attention_counts(municipality, D(2025, 2, 1))["below_minimum_wage"] == 1


# --- the API --------------------------------------------------------------------------------


def test_api_adds_lists_and_removes_a_line(year_2025, manager, api_as):
    """Removing the line of 1 July is refused (14.06 would hold again from that day);
    a raise above the minimum on 1 October may go."""
    client = api_as(manager)
    response = client.post(
        "/api/v1/contract-wage-lines/",
        {
            "period": year_2025.pk,
            "start_date": "2025-07-01",
            "hourly_wage": "14.40",
            "reason": "minimum_wage",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    line = ContractWageLine.objects.get()
    assert {k: body[k] for k in ("id", "contract", "period", "start_date", "hourly_wage")} == {
        "id": line.pk,
        "contract": year_2025.contract_id,
        "period": year_2025.pk,
        "start_date": "2025-07-01",
        "hourly_wage": "14.40",
    }
    assert [r["id"] for r in client.get("/api/v1/contract-wage-lines/").json()["results"]] == [
        line.pk
    ]
    by_period = client.get("/api/v1/contract-wage-lines/", {"period": year_2025.pk}).json()
    assert [r["id"] for r in by_period["results"]] == [line.pk]
    contract = client.get(f"/api/v1/contracts/{year_2025.contract_id}/").json()
    assert contract["periods"][0]["wage_lines"] == [
        {
            "id": line.pk,
            "start_date": "2025-07-01",
            "hourly_wage": "14.40",
            "reason": "minimum_wage",
            "note": "",
        }
    ]
    with unchanged(line):
        refused = client.delete(f"/api/v1/contract-wage-lines/{line.pk}/")
    assert refused.status_code == 400
    october = add(year_2025, manager, D(2025, 10, 1), "15.00", reason="cao")
    assert client.delete(f"/api/v1/contract-wage-lines/{october.pk}/").status_code == 204
    assert list(ContractWageLine.objects.all()) == [line]
    entry = AuditEntry.objects.get(
        object_type="contracts.contractwageline", action=AuditAction.DELETE
    )
    assert (entry.object_id, entry.channel) == (str(october.pk), "api")


def test_api_refuses_a_line_below_the_minimum(year_2025, manager, api_as):
    with unchanged(year_2025):
        response = api_as(manager).post(
            "/api/v1/contract-wage-lines/",
            {"period": year_2025.pk, "start_date": "2025-07-01", "hourly_wage": "14.39"},
            format="json",
        )
    assert response.status_code == 400
    assert "14,40" in str(response.json())
    assert not ContractWageLine.objects.exists()


def test_api_keeps_municipalities_apart(year_2025, other_municipality, api_as):
    line = ContractWageLineFactory(
        period=year_2025, start_date=D(2025, 7, 1), hourly_wage=E("14.40")
    )
    outsider = make_member(other_municipality, Role.PROGRAMME_MANAGER)
    client = api_as(outsider)
    with unchanged(line, year_2025):
        created = client.post(
            "/api/v1/contract-wage-lines/",
            {"period": year_2025.pk, "start_date": "2025-08-01", "hourly_wage": "15.00"},
            format="json",
        )
        assert created.status_code == 400
        assert "period" in created.json()
        assert client.delete(f"/api/v1/contract-wage-lines/{line.pk}/").status_code == 404
        assert client.get(f"/api/v1/contract-wage-lines/{line.pk}/").status_code == 404
    assert client.get("/api/v1/contract-wage-lines/").json()["results"] == []


def test_api_a_viewer_may_not_add_a_line(year_2025, caseworker, api_as):
    with unchanged(year_2025):
        response = api_as(caseworker).post(
            "/api/v1/contract-wage-lines/",
            {"period": year_2025.pk, "start_date": "2025-07-01", "hourly_wage": "14.40"},
            format="json",
        )
    assert response.status_code == 403


# --- the contract page ----------------------------------------------------------------------


def test_the_page_suggests_adds_and_removes_a_line(year_2025, manager, client_as):
    client = client_as(manager)
    detail = f"/contracten/{year_2025.contract_id}/"
    page = client.get(detail).content.decode()
    assert "Loonregels" in page
    assert "Vanaf 01-07-2025: minimaal € 14,40" in page
    prefilled = (
        f"/contracten/periode/{year_2025.pk}/loonregel/nieuw/"
        "?start_date=2025-07-01&amp;hourly_wage=14.40&amp;reason=minimum_wage"
    )
    assert prefilled in page

    form = client.get(prefilled.replace("&amp;", "&"))
    assert form.status_code == 200
    assert form.context["form"].initial == {
        "start_date": D(2025, 7, 1),
        "hourly_wage": E("14.40"),
        "reason": "minimum_wage",
    }
    response = client.post(
        f"/contracten/periode/{year_2025.pk}/loonregel/nieuw/",
        {"start_date": "01-07-2025", "hourly_wage": "14,40", "reason": "minimum_wage"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{detail}#loonregels"
    line = ContractWageLine.objects.get()
    page = client.get(detail).content.decode()
    assert "Verhoging minimumloon" in page
    assert "Vanaf 01-07-2025: minimaal" not in page

    # Without it 14.06 would hold from 1 July again: refused, and said on the page.
    with unchanged(line, reads=True):
        refused = client.post(f"/contracten/loonregel/{line.pk}/verwijderen/", follow=True)
    assert "Deze loonregel kan niet worden verwijderd" in refused.content.decode()
    october = add(year_2025, manager, D(2025, 10, 1), "15.00", reason="cao")
    removed = client.post(f"/contracten/loonregel/{october.pk}/verwijderen/")
    assert removed.status_code == 302
    assert list(ContractWageLine.objects.all()) == [line]


def test_the_page_shows_a_refused_line_on_the_form(year_2025, manager, client_as):
    with unchanged(year_2025, reads=True):
        response = client_as(manager).post(
            f"/contracten/periode/{year_2025.pk}/loonregel/nieuw/",
            {"start_date": "01-07-2025", "hourly_wage": "14,39", "reason": "minimum_wage"},
        )
    assert response.status_code == 200
    assert response.context["form"].errors["hourly_wage"] == [
        "Het uurloon € 14,39 ligt onder het minimumloon van € 14,40 dat geldt vanaf 01-07-2025."
    ]


def test_another_municipality_cannot_reach_the_line_pages(year_2025, other_municipality, client_as):
    line = ContractWageLineFactory(
        period=year_2025, start_date=D(2025, 7, 1), hourly_wage=E("14.40")
    )
    client = client_as(make_member(other_municipality, Role.PROGRAMME_MANAGER))
    with unchanged(line, year_2025):
        assert client.get(f"/contracten/periode/{year_2025.pk}/loonregel/nieuw/").status_code == 404
        assert client.post(f"/contracten/loonregel/{line.pk}/verwijderen/").status_code == 404


def test_a_viewer_sees_the_lines_but_no_buttons(year_2025, caseworker, client_as):
    ContractWageLineFactory(period=year_2025, start_date=D(2025, 7, 1), hourly_wage=E("14.40"))
    client = client_as(caseworker)
    page = client.get(f"/contracten/{year_2025.contract_id}/").content.decode()
    assert "Cao-verhoging" in page
    assert "/verwijderen/" not in page
    assert client.get(f"/contracten/periode/{year_2025.pk}/loonregel/nieuw/").status_code == 403
