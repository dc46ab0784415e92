"""Programmes, hosts and positions, placements, contracts and the audit page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.contracts.models import Contract, ContractPeriod
from basisbaan.hosts.models import Host, HostContact, Position
from basisbaan.participants.constants import ParticipantStatus
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.roles import Role
from tests.factories import (
    ContractPeriodFactory,
    HostContactFactory,
    HostFactory,
    ParticipantFactory,
    PlacementFactory,
    PositionFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


# --- programmes ----------------------------------------------------------------


def test_programme_create_and_detail(municipality, manager, client_as):
    client = client_as(manager)
    response = client.post(
        "/programmas/nieuw/",
        {
            "name": "Basisbanen 2027",
            "slug": "basisbanen-2027",
            "description": "",
            "start_date": "01-01-2027",
            "end_date": "31-12-2028",
            "contract_period_months": "6",
        },
    )
    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/programmas/{programme.pk}/"
    assert (programme.start_date, programme.end_date) == (
        dt.date(2027, 1, 1),
        dt.date(2028, 12, 31),
    )
    assert programme.municipality == municipality
    body = client.get(response["Location"]).content.decode()
    assert "01-01-2027 – 31-12-2028" in body
    assert "De instroom is open" in body


def test_programme_end_before_start_shows_message_on_end_date(manager, client_as):
    client = client_as(manager)
    with unchanged():
        response = client.post(
            "/programmas/nieuw/",
            {
                "name": "X",
                "slug": "x",
                "start_date": "01-01-2027",
                "end_date": "31-12-2026",
                "contract_period_months": "6",
            },
        )
    assert response.context["form"].errors["end_date"] == ["De einddatum ligt vóór de startdatum."]
    assert Programme.objects.count() == 0


def test_close_intake_needs_reason_and_is_shown(programme, manager, client_as):
    client = client_as(manager)
    url = f"/programmas/{programme.pk}/instroom/"

    with unchanged(programme):
        refused = client.post(url, {"intake": "closed", "reason": "  "})
    assert refused.context["form"].errors["reason"] == [
        "Geef de reden op waarom de instroom stopt."
    ]
    programme.refresh_from_db()
    assert programme.intake_open is True

    closed = client.post(url, {"intake": "closed", "reason": "Budget 2025 is op."})
    assert closed.status_code == 302
    programme.refresh_from_db()
    assert (programme.intake_open, programme.intake_closed_reason) == (False, "Budget 2025 is op.")
    detail = client.get(f"/programmas/{programme.pk}/").content.decode()
    assert "Instroomstop" in detail
    assert "Budget 2025 is op." in detail


def test_intake_form_needs_intake_permission(programme, caseworker, client_as):
    client = client_as(caseworker)
    with unchanged(programme):
        response = client.post(
            f"/programmas/{programme.pk}/instroom/", {"intake": "closed", "reason": "x"}
        )
    assert response.status_code == 403
    programme.refresh_from_db()
    assert programme.intake_open is True


def test_programme_detail_counts(programme, manager, client_as):
    ParticipantFactory.create_batch(2, programme=programme, status=ParticipantStatus.WAITING)
    PlacementFactory(participant__programme=programme)
    response = client_as(manager).get(f"/programmas/{programme.pk}/")
    assert response.context["participant_total"] == 3
    assert dict(response.context["by_status"])[ParticipantStatus.WAITING] == 2
    assert response.context["active_placements"] == 1


# --- hosts and positions ------------------------------------------------------------


def test_host_list_search_and_kind(municipality, member, client_as):
    HostFactory(municipality=municipality, name="Wijkteam Noord", kind="neighbourhood_team")
    HostFactory(municipality=municipality, name="Bibliotheek", kind="social_organisation")
    client = client_as(member(Role.JOBCOACH))
    found = client.get("/werkgevers/", {"q": "noord"}).context["object_list"]
    assert [h.name for h in found] == ["Wijkteam Noord"]
    kind = client.get("/werkgevers/", {"kind": "social_organisation"}).context["object_list"]
    assert [h.name for h in kind] == ["Bibliotheek"]


def test_host_create_contact_and_position(municipality, member, client_as):
    client = client_as(member(Role.JOBCOACH))
    response = client.post(
        "/werkgevers/nieuw/",
        {"name": "Sportclub De Zwaluwen", "kind": "social_organisation", "active": "on"},
    )
    host = Host.objects.get()
    assert response["Location"] == f"/werkgevers/{host.pk}/"

    client.post(
        f"/werkgevers/{host.pk}/contactpersonen/nieuw/",
        {"name": "Sietske Bos", "role": "Werkbegeleider", "email": "", "phone": ""},
    )
    contact = HostContact.objects.get()
    assert (contact.host, contact.municipality) == (host, municipality)

    response = client.post(
        f"/werkgevers/{host.pk}/werkplekken/nieuw/",
        {
            "title": "Terreinbeheer",
            "tasks": "",
            "hours_per_week": "24,5",
            "track": "social_value",
            "places": "2",
            "is_open": "on",
        },
    )
    position = Position.objects.get()
    assert response["Location"] == f"/werkgevers/werkplekken/{position.pk}/"
    assert position.hours_per_week == Decimal("24.5")
    detail = client.get(f"/werkgevers/{host.pk}/").content.decode()
    assert "Sietske Bos" in detail
    assert "24,5" in detail

    client.post(
        f"/werkgevers/werkplekken/{position.pk}/bewerken/",
        {"title": "Terreinbeheer", "hours_per_week": "32", "track": "social_value", "places": "3"},
    )
    position.refresh_from_db()
    assert (position.hours_per_week, position.places, position.is_open) == (Decimal("32"), 3, False)


def test_host_duplicate_name_message(municipality, member, client_as):
    HostFactory(municipality=municipality, name="Bibliotheek")
    client = client_as(member(Role.JOBCOACH))
    with unchanged():
        response = client.post("/werkgevers/nieuw/", {"name": "bibliotheek", "kind": "employer"})
    assert response.context["form"].errors["name"] == ["Er is al een werkgever met deze naam."]


def test_contact_delete_is_post_only_and_audited(municipality, member, client_as):
    contact = HostContactFactory(host__municipality=municipality)
    client = client_as(member(Role.JOBCOACH))
    url = f"/werkgevers/contactpersonen/{contact.pk}/verwijderen/"
    with unchanged(contact):
        assert client.get(url).status_code == 405
    response = client.post(url)
    assert response["Location"] == f"/werkgevers/{contact.host_id}/"
    assert HostContact.objects.count() == 0
    assert AuditEntry.objects.get().action == AuditAction.DELETE


def test_caseworker_may_not_manage_hosts(municipality, caseworker, client_as):
    client = client_as(caseworker)
    with unchanged():
        response = client.post("/werkgevers/nieuw/", {"name": "X", "kind": "employer"})
    assert response.status_code == 403
    assert Host.objects.count() == 0


# --- placements -----------------------------------------------------------------------


@pytest.fixture
def waiting(programme):
    return ParticipantFactory(
        programme=programme, status=ParticipantStatus.WAITING, first_name="Wout", last_name="Wacht"
    )


@pytest.fixture
def position(municipality):
    return PositionFactory(host__municipality=municipality, places=1)


def test_placement_refused_while_intake_is_closed(
    programme, waiting, position, caseworker, client_as
):
    programme.intake_open = False
    programme.intake_closed_reason = "Budget 2025 is op."
    programme.save()

    response = client_as(caseworker).post(
        "/plaatsingen/nieuw/",
        {"participant": waiting.pk, "position": position.pk, "start_date": "01-09-2025"},
    )

    assert response.status_code == 200
    message = f"De instroom van {programme.name} is gesloten: Budget 2025 is op."
    assert response.context["form"].non_field_errors() == [message]
    assert message in response.content.decode()
    assert Placement.objects.count() == 0
    waiting.refresh_from_db()
    assert waiting.status == ParticipantStatus.WAITING


def test_placement_create_and_end(waiting, position, caseworker, client_as):
    client = client_as(caseworker)
    response = client.post(
        "/plaatsingen/nieuw/",
        {"participant": waiting.pk, "position": position.pk, "start_date": "01-09-2025"},
    )
    placement = Placement.objects.get()
    assert response["Location"] == f"/plaatsingen/{placement.pk}/"
    assert (placement.start_date, placement.track) == (dt.date(2025, 9, 1), position.track)
    waiting.refresh_from_db()
    assert waiting.status == ParticipantStatus.PLACED

    with unchanged(placement, waiting):
        refused = client.post(
            f"/plaatsingen/{placement.pk}/beeindigen/",
            {"end_date": "01-01-2025", "end_reason": "x"},
        )
    assert refused.context["form"].errors["end_date"] == ["De einddatum ligt vóór de startdatum."]

    ended = client.post(
        f"/plaatsingen/{placement.pk}/beeindigen/",
        {"end_date": "31-12-2025", "end_reason": "Regulier werk gevonden"},
    )
    assert ended.status_code == 302
    placement.refresh_from_db()
    assert placement.end_date == dt.date(2025, 12, 31)
    waiting.refresh_from_db()
    assert waiting.status == ParticipantStatus.WAITING


def test_placement_form_offers_waiting_participants_and_open_positions_only(
    programme, waiting, position, municipality, other_municipality, caseworker, client_as
):
    ParticipantFactory(programme=programme, status=ParticipantStatus.REFERRED)
    ParticipantFactory(programme__municipality=other_municipality, status=ParticipantStatus.WAITING)
    PositionFactory(host__municipality=municipality, is_open=False)
    PositionFactory(host__municipality=other_municipality)
    form = client_as(caseworker).get("/plaatsingen/nieuw/").context["form"]
    assert list(form.fields["participant"].queryset) == [waiting]
    assert list(form.fields["position"].queryset) == [position]


def test_placement_list_filters(municipality, caseworker, client_as):
    running = PlacementFactory(
        participant__programme__municipality=municipality, track="transition"
    )
    PlacementFactory(
        participant__programme__municipality=municipality,
        track="social_value",
        end_date=dt.date(2025, 3, 1),
    )
    client = client_as(caseworker)
    assert list(client.get("/plaatsingen/", {"status": "active"}).context["object_list"]) == [
        running
    ]
    assert len(client.get("/plaatsingen/", {"track": "social_value"}).context["object_list"]) == 1
    assert len(client.get("/plaatsingen/").context["object_list"]) == 2


# --- contracts -------------------------------------------------------------------------


def test_contract_create_and_renew_with_dutch_amounts(programme, municipality, manager, client_as):
    participant = ParticipantFactory(programme=programme, status=ParticipantStatus.PLACED)
    placement = PlacementFactory(participant=participant)  # a contract needs its placement
    client = client_as(manager)
    response = client.post(
        "/contracten/nieuw/",
        {
            "participant": participant.pk,
            "placement": placement.pk,
            "employer_name": "Caparis",
            "start_date": "01-07-2025",
            "end_date": "",
            "hours_per_week": "32",
            "hourly_wage": "14,40",
            "wage_subsidy": "on",
        },
    )
    contract = Contract.objects.get()
    assert response["Location"] == f"/contracten/{contract.pk}/"
    first = contract.periods.get()
    assert (first.start_date, first.end_date) == (dt.date(2025, 7, 1), dt.date(2025, 12, 31))
    assert first.hourly_wage == Decimal("14.40")
    assert contract.wage_subsidy is True

    renew = client.get(f"/contracten/{contract.pk}/verlengen/")
    assert renew.context["form"].initial == {
        "hours_per_week": Decimal("32.0"),
        "hourly_wage": Decimal("14.40"),
    }
    response = client.post(
        f"/contracten/{contract.pk}/verlengen/", {"hours_per_week": "28,5", "hourly_wage": "14,71"}
    )
    assert response.status_code == 302
    second = ContractPeriod.objects.get(sequence=2)
    assert (second.start_date, second.end_date) == (dt.date(2026, 1, 1), dt.date(2026, 6, 30))
    body = client.get(f"/contracten/{contract.pk}/").content.decode()
    assert "€ 14,40" in body
    assert "€ 14,71" in body
    assert "28,5" in body
    assert "Verlenging 1" in body


def test_renewal_overlapping_previous_period_is_refused(municipality, manager, client_as):
    period = ContractPeriodFactory(contract__participant__programme__municipality=municipality)
    client = client_as(manager)
    with unchanged(period, period.contract):
        response = client.post(
            f"/contracten/{period.contract_id}/verlengen/",
            {"start_date": "01-12-2024", "hours_per_week": "32", "hourly_wage": "13,68"},
        )
    assert response.context["form"].errors["start_date"] == [
        "Een verlenging begint na het einde van de vorige periode."
    ]
    assert ContractPeriod.objects.count() == 1


def test_contract_wage_below_a_cent_is_refused_in_dutch(programme, manager, client_as):
    participant = ParticipantFactory(programme=programme)
    client = client_as(manager)
    with unchanged(participant, reads=True):  # the form shown again lists the name
        response = client.post(
            "/contracten/nieuw/",
            {
                "participant": participant.pk,
                "employer_name": "Caparis",
                "start_date": "01-07-2025",
                "hours_per_week": "32",
                "hourly_wage": "0",
            },
        )
    assert response.status_code == 200
    assert "hourly_wage" in response.context["form"].errors
    assert Contract.objects.count() == 0


# --- audit page ---------------------------------------------------------------------


def test_audit_page_only_for_functional_admin(municipality, client_as, member):
    for role in [r for r in Role if r != Role.FUNCTIONAL_ADMIN]:
        client = client_as(member(role))
        with unchanged():
            assert client.get("/audit/").status_code == 403, role
    assert client_as(member(Role.FUNCTIONAL_ADMIN)).get("/audit/").status_code == 200


def test_audit_page_lists_own_municipality_with_changes_and_filters(
    programme, other_programme, admin_user, caseworker, client_as
):
    participant = ParticipantFactory(programme=programme, city="Leeuwarden")
    outsider = ParticipantFactory(programme=other_programme)
    from basisbaan.participants.services import participant_update

    participant_update(participant=participant, actor=caseworker, data={"city": "Grou"})
    participant_update(participant=outsider, actor=None, data={"city": "Emmen-Noord"})
    client_as(caseworker).get(f"/deelnemers/{participant.pk}/")

    client = client_as(admin_user)
    response = client.get("/audit/")
    entries = [row.entry for row in response.context["rows"]]
    assert [e.action for e in entries] == [AuditAction.VIEW, AuditAction.UPDATE]
    body = response.content.decode()
    assert "Leeuwarden → Grou" in body
    assert "Emmen-Noord" not in body

    assert [
        r.entry.action for r in client.get("/audit/", {"action": "update"}).context["rows"]
    ] == [AuditAction.UPDATE]
    by_user = client.get("/audit/", {"actor": caseworker.pk}).context["rows"]
    assert len(by_user) == 2
    by_object = client.get(
        "/audit/", {"object_type": "participants.participant", "object_id": str(participant.pk)}
    ).context["rows"]
    assert len(by_object) == 2
    today = dt.date.today().strftime("%d-%m-%Y")
    assert len(client.get("/audit/", {"date_from": today, "date_to": today}).context["rows"]) == 2
    assert len(client.get("/audit/", {"date_to": "01-01-2020"}).context["rows"]) == 0


def test_contract_edit_through_service(municipality, manager, client_as):
    period = ContractPeriodFactory(contract__participant__programme__municipality=municipality)
    contract = period.contract
    response = client_as(manager).post(
        f"/contracten/{contract.pk}/bewerken/",
        {"employer_name": "Caparis NV", "reference": "K-12", "employee_number": "P0042"},
    )
    assert response.status_code == 302
    contract.refresh_from_db()
    assert (contract.employer_name, contract.employee_number, contract.wage_subsidy) == (
        "Caparis NV",
        "P0042",
        False,
    )
    assert AuditEntry.objects.get(action=AuditAction.UPDATE).changes["employee_number"] == [
        "",
        "P0042",
    ]


def test_host_contact_edit(municipality, member, client_as):
    contact = HostContactFactory(host__municipality=municipality, name="Sietske Bos")
    response = client_as(member(Role.JOBCOACH)).post(
        f"/werkgevers/contactpersonen/{contact.pk}/bewerken/",
        {"name": "Sietske Bos", "role": "HR", "email": "s.bos@example.nl", "phone": ""},
    )
    assert response["Location"] == f"/werkgevers/{contact.host_id}/"
    contact.refresh_from_db()
    assert (contact.role, contact.email) == ("HR", "s.bos@example.nl")


def test_placement_correction_refuses_start_outside_programme(municipality, caseworker, client_as):
    placement = PlacementFactory(participant__programme__municipality=municipality)
    client = client_as(caseworker)
    url = f"/plaatsingen/{placement.pk}/bewerken/"
    with unchanged(placement):
        refused = client.post(url, {"track": "social_value", "start_date": "01-01-2030"})
    assert refused.context["form"].errors["start_date"] == [
        "De startdatum valt buiten de looptijd van het programma."
    ]
    assert (
        client.post(url, {"track": "social_value", "start_date": "01-08-2024"}).status_code == 302
    )
    placement.refresh_from_db()
    assert (placement.track, placement.start_date) == ("social_value", dt.date(2024, 8, 1))


def test_programme_create_sets_contract_period_months(manager, client_as):
    client_as(manager).post(
        "/programmas/nieuw/",
        {
            "name": "Basisbanen 2027",
            "slug": "bb-2027",
            "start_date": "01-01-2027",
            "end_date": "31-12-2028",
            "contract_period_months": "12",
        },
    )
    assert Programme.objects.get().contract_period_months == 12
