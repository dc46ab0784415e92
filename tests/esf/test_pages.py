"""ESF+ pages and files: every role, the exact file contents, BSN refusals, audit."""

from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.esf.models import EsfRegistration, EsfResultEvent
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
VIEWERS = [
    Role.CASEWORKER,
    Role.PROGRAMME_MANAGER,
    Role.CONTROLLER,
    Role.READ_ONLY,
    Role.FUNCTIONAL_ADMIN,
]


def url(world, tail=""):
    return f"/esf/{world['programme'].pk}/{tail}"


@pytest.mark.parametrize("role", list(Role))
def test_pages_for_each_role(client_as, municipality, world, role):
    client = client_as(make_member(municipality, role, username=f"u-{role.value}"))
    expected = 200 if role in VIEWERS else 403
    for path in ("/esf/", url(world), url(world, "werklijst/")):
        assert client.get(path).status_code == expected, path
    claim = 200 if role in (Role.PROGRAMME_MANAGER, Role.CONTROLLER, Role.FUNCTIONAL_ADMIN) else 403
    assert client.get(url(world, "declaratie/")).status_code == claim
    assert client.get("/esf/tarieven/").status_code == claim
    manage = (
        200 if role in (Role.CASEWORKER, Role.PROGRAMME_MANAGER, Role.FUNCTIONAL_ADMIN) else 403
    )
    anna = world["people"]["Anna"]
    assert client.get(f"/esf/deelnemer/{anna.pk}/").status_code == manage


def test_operation_page_shows_suppressed_totals_and_names_audited(client_as, municipality, world):
    client = client_as(make_member(municipality, Role.CASEWORKER, username="consulent-x"))
    html = client.get(url(world)).content.decode()
    assert "ESF+-operatie Basisbanen ESF" in html
    assert "2025EU-AMR-LWD" in html
    assert "minder dan 5" in html
    assert "Anna Akkerman" in html and "Bert Bakker" in html
    assert "EECR04 Werkt bij vertrek, ook als zelfstandige" in html
    assert 'EECO13<span aria-hidden="true">*</span>' in html
    entry = AuditEntry.objects.filter(
        action=AuditAction.LIST, object_type="participants.participant"
    ).latest("id")
    assert sorted(entry.changes["ids"]) == sorted(
        [str(world["people"]["Anna"].pk), str(world["people"]["Bert"].pk)]
    )


def test_programme_without_operation_explains(client_as, municipality, world):
    from tests.factories import ProgrammeFactory

    other = ProgrammeFactory(municipality=municipality, name="Zonder ESF", slug="zonder")
    client = client_as(make_member(municipality, Role.CASEWORKER, username="consulent-y"))
    html = client.get(f"/esf/{other.pk}/").content.decode()
    assert "is (nog) geen ESF+-operatie" in html
    assert client.get(f"/esf/{other.pk}/werklijst/").status_code == 404


def test_worklist_page(client_as, municipality, world):
    client = client_as(make_member(municipality, Role.CASEWORKER, username="consulent-z"))
    html = client.get(url(world, "werklijst/")).content.decode()
    assert "Cas Claassen" in html
    assert "Nog niet geregistreerd voor ESF+." in html
    assert "Nameting zes maanden na vertrek ontbreekt." in html


def test_participant_list_csv_exact_with_bsn_for_a_caseworker(client_as, municipality, world):
    client = client_as(make_member(municipality, Role.CASEWORKER, username="consulent-a"))
    response = client.get(url(world, "bestand/deelnemerslijst.csv"))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    assert text.split("\r\n") == [
        "Naam;BSN;Start eerste ESF-activiteit;Einde laatste ESF-activiteit;Doelgroep;Activiteiten;Resultaat",
        "Anna Akkerman;111222333;01-02-2025;;Bijstandsgerechtigden met afstand tot de arbeidsmarkt;Basisbaan, begeleiding;",
        "Bert Bakker;123456782;01-03-2025;30-06-2025;Bijstandsgerechtigden met afstand tot de arbeidsmarkt;Basisbaan;EECR04 Werkt bij vertrek, ook als zelfstandige",
        "",
    ]
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert entry.changes["fields"] == ["bsn", "first_name", "name_prefix", "last_name"]
    assert entry.changes["rows"] == 2


def test_participant_list_without_bsn_for_read_only_and_with_birth_date(
    client_as, municipality, world
):
    operation = world["operation"]
    operation.birth_date_needed = True
    operation.save()
    client = client_as(make_member(municipality, Role.READ_ONLY, username="lezer"))
    text = client.get(url(world, "bestand/deelnemerslijst.csv")).content.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0].startswith("Naam;Geboortedatum;BSN;")
    assert lines[1].startswith("Anna Akkerman;10-03-2000;;01-02-2025;")
    assert "111222333" not in text


def test_bsn_report_exact_and_audited(client_as, municipality, world):
    client = client_as(make_member(municipality, Role.PROGRAMME_MANAGER, username="manager-b"))
    response = client.get(url(world, "bestand/bsn.csv") + "?jaar=2025")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="esf-bsn-esf-2025.csv"'
    assert response.content.decode("utf-8-sig").split("\r\n") == [
        "BSN;Startdatum;Einddatum",
        "111222333;01-02-2025;",
        "123456782;01-03-2025;30-06-2025",
        "",
    ]
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert entry.changes == {
        "filters": {"operation": str(world["operation"].pk), "file": "bsn", "year": "2025"},
        "rows": 2,
        "format": "csv",
        "fields": ["bsn"],
    }
    # 2026: Bert left in 2025.
    text = client.get(url(world, "bestand/bsn.csv") + "?jaar=2026").content.decode("utf-8-sig")
    assert "123456782" not in text and "111222333" in text


@pytest.mark.parametrize("role", [Role.READ_ONLY, Role.RESEARCHER, Role.JOBCOACH])
def test_bsn_report_refused(client_as, municipality, world, role):
    client = client_as(make_member(municipality, role, username=f"r-{role.value}"))
    with unchanged():
        assert client.get(url(world, "bestand/bsn.csv") + "?jaar=2025").status_code == 403


def test_indicator_and_claim_files(client_as, municipality, world):
    client = client_as(make_member(municipality, Role.CONTROLLER, username="controller-c"))
    text = client.get(url(world, "bestand/indicatoren.csv")).content.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0] == "Code;Indicator;Code bevestigd;Vrouwen;Mannen;Non-binair;Onbekend;Totaal"
    assert lines[1] == (
        "EECO01;Werklozen, ook langdurig werklozen;nee;minder dan 5;minder dan 5;0;0;minder dan 5"
    )
    text = client.get(url(world, "bestand/declaratie.csv") + "?jaar=2025").content.decode(
        "utf-8-sig"
    )
    assert text.split("\r\n") == [
        "Medewerker;Jaar;Tarief vanaf;Jaarkosten;Deeltijdfactor;Jaaruren;Uurtarief;Uren gedeclareerd;Uren boven het maximum;Bedrag",
        "Jolanda Coach;2025;01-01-2025;60200,00;1,00;1720,00;35,00;7,00;0,00;245,00",
        "Karel Consulent;2025;01-01-2025;25000,00;0,50;860,00;29,07;2,50;0,00;72,68",
        "Directe personeelskosten;;;;;;;;;317,68",
        "Forfait 40%;;;;;;;;;127,07",
        "Totaal;;;;;;;;;444,75",
        "",
    ]
    html = client.get(url(world, "declaratie/") + "?jaar=2025").content.decode()
    assert "€ 444,75" in html
    assert "1.720 uur per jaar zijn een aanname" in html
    assert client.get(url(world, "bestand/declaratie.csv")).status_code == 200
    reader = client_as(make_member(municipality, Role.READ_ONLY, username="lezer-2"))
    assert reader.get(url(world, "bestand/declaratie.csv")).status_code == 403
    assert client.get(url(world, "bestand/onzin.csv")).status_code == 404
    assert client.get(url(world, "bestand/indicatoren.pdf")).status_code == 404


def test_registration_form_saves_and_records_results(client_as, municipality, world):
    client = client_as(make_member(municipality, Role.CASEWORKER, username="consulent-r"))
    cas = world["people"]["Cas"]
    response = client.post(
        f"/esf/deelnemer/{cas.pk}/",
        {
            "entry_date": "",
            "labour_status": "inactive",
            "education": "isced_5_8",
            "disability": "true",
            "gender": "non_binary",
            "third_country": "unknown",
            "target_group_evidence": "Beschikking bijstand",
            "activities": "Basisbaan",
        },
    )
    assert response.status_code == 302
    registration = EsfRegistration.objects.get(participant=cas)
    assert registration.entry_date == D(2025, 4, 1)
    assert registration.disability is True
    bert = world["bert"]
    response = client.post(
        f"/esf/registratie/{bert.pk}/resultaat/",
        {"event-date": "20-07-2025", "event-kind": "job_searching", "event-note": ""},
    )
    assert response.status_code == 302
    assert EsfResultEvent.objects.filter(registration=bert).count() == 2


def test_registration_form_refuses_an_entry_outside_the_operation(client_as, municipality, world):
    client = client_as(make_member(municipality, Role.CASEWORKER, username="consulent-q"))
    cas = world["people"]["Cas"]
    with unchanged(reads=True):
        response = client.post(f"/esf/deelnemer/{cas.pk}/", {"entry_date": "01-12-2024"})
    assert response.status_code == 200
    assert (
        "Deze datum ligt vóór de start van de operatie (01-01-2025)." in response.content.decode()
    )


def test_staff_rate_form(client_as, municipality, world):
    client = client_as(make_member(municipality, Role.CONTROLLER, username="controller-d"))
    response = client.post(
        "/esf/tarieven/nieuw/",
        {
            "staff": world["coach"].pk,
            "valid_from": "01-01-2026",
            "annual_cost": "62000,00",
            "part_time_factor": "1",
            "source": "Loonstrook januari 2026",
        },
    )
    assert response.status_code == 302
    html = client.get("/esf/tarieven/").content.decode()
    assert "€ 62.000,00" in html
