"""The audit log page for the functional administrator: Dutch record names and field
labels, local time, names as the personal-data policy allows, filters, and the CSV and
Excel export (itself audited); refused, with nothing written, for every other role."""

from __future__ import annotations

import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from openpyxl import load_workbook

from basisbaan.audit.context import set_channel
from basisbaan.audit.display import ChangeRow, audit_row
from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.audit.services import audit_access, audit_list_access
from basisbaan.participants.constants import HouseholdType
from basisbaan.participants.models import Participant
from basisbaan.participants.privacy import Disclosure, PersonalDataPolicy
from basisbaan.participants.services import participant_create, participant_update
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ParticipantFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

UTC = dt.UTC
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
CSV_HEADER = (
    "Tijdstip;Gebruiker;Actie;Soort record;Record-id;Record;Wijzigingen of gegevens;"
    "Kanaal;Request-id"
)


@pytest.fixture
def admin(municipality):
    user = make_member(municipality, Role.FUNCTIONAL_ADMIN, username="beheer")
    user.first_name, user.last_name = "Femke", "Beheer"
    user.save()
    return user


@pytest.fixture
def caseworker(municipality):
    user = make_member(municipality, Role.CASEWORKER, username="consulent")
    user.first_name, user.last_name = "Jan", "Consulent"
    user.save()
    return user


@pytest.fixture
def story(municipality, caseworker):
    """A participant registered in winter, changed in summer (CEST), viewed via the API."""
    set_channel("ui")  # as the pages do
    programme = ProgrammeFactory(municipality=municipality)
    with time_machine.travel(dt.datetime(2026, 1, 15, 12, 0, tzinfo=UTC), tick=False):
        person = participant_create(
            municipality=municipality,
            actor=caseworker,
            programme=programme,
            bsn="111222333",
            first_name="Piet",
            name_prefix="de",
            last_name="Jong",
            date_of_birth=dt.date(1980, 5, 17),
            household_type=HouseholdType.SINGLE,
            city="Leeuwarden",
        )
    with time_machine.travel(dt.datetime(2026, 7, 1, 8, 15, tzinfo=UTC), tick=False):
        participant_update(
            participant=person,
            actor=caseworker,
            data={"city": "Grou", "household_type": HouseholdType.SINGLE_PARENT},
        )
    with time_machine.travel(dt.datetime(2026, 7, 1, 21, 30, tzinfo=UTC), tick=False):
        audit_access(actor=caseworker, instance=person, fields=["bsn", "last_name"], channel="api")
    return person


def rows_of(client, **query):
    return client.get("/audit/", query).context["rows"]


def test_rows_speak_dutch_in_local_time(story, admin, client_as):
    response = client_as(admin).get("/audit/")
    viewed, updated, created = response.context["rows"]

    assert (updated.time_text, updated.actor, updated.action) == (
        "01-07-2026 10:15",
        "Jan Consulent (consulent)",
        "gewijzigd",
    )
    assert (updated.record_type, updated.record_id, updated.record) == (
        "Deelnemer",
        str(story.pk),
        "Piet de Jong",
    )
    assert updated.changes == [
        # The log keeps that the city changed, not the address.
        ChangeRow("Woonplaats", "afgeschermd", "afgeschermd"),
        ChangeRow("Leefsituatie", "Alleenstaand", "Alleenstaande ouder"),
    ]
    assert updated.channel == "Website"
    # Winter time: UTC+1; the BSN and the date of birth as the administrator may see them.
    assert (created.time_text, created.action) == ("15-01-2026 13:00", "aangemaakt")
    created_changes = {c.label: (c.before, c.after) for c in created.changes}
    # No BSN in the log: that it was filled in, and the record's live name.
    assert created_changes["BSN"] == ("—", "afgeschermd")
    assert created_changes["Geboortedatum"] == ("—", "afgeschermd")
    assert created_changes["Status gewijzigd op"] == ("—", "15-01-2026 13:00")
    assert created_changes["Status"] == ("—", "Aangemeld")
    # 23:30 in Amsterdam on the 1st, although 21:30 in UTC.
    assert (viewed.time_text, viewed.action, viewed.channel) == (
        "01-07-2026 23:30",
        "bekeken",
        "API",
    )
    assert viewed.fields == ["BSN", "Achternaam"]

    body = response.content.decode()
    assert "<td>gewijzigd</td>" in body
    assert "Woonplaats" in body and "afgeschermd → afgeschermd" in body
    assert "Leeuwarden →" not in body and "111222333" not in body
    assert "household_type" not in body
    assert "participants.participant #" not in body  # the old code-speak
    assert "Velden: BSN, Achternaam" in body


def test_a_list_entry_names_its_fields_and_records(municipality, admin, client_as):
    people = ParticipantFactory.create_batch(2, programme__municipality=municipality)
    audit_list_access(
        actor=admin,
        municipality=municipality,
        model=Participant,
        ids=[p.pk for p in people],
        fields=["bsn_masked", "first_name"],
        channel="ui",
    )

    (row,) = rows_of(client_as(admin))

    assert (row.action, row.record_type, row.record) == ("lijst bekeken", "Deelnemer", "deelnemers")
    assert row.fields == ["BSN (laatste 4 cijfers)", "Voornaam"]
    assert row.ids == [str(p.pk) for p in people]
    assert row.channel == "Website"


def test_names_and_bsn_follow_the_viewers_policy(story):
    """The page asks the personal-data policy: a masked or pseudonym viewer (should one
    ever read the log) sees no whole BSN, or no name at all."""
    created = AuditEntry.objects.get(action=AuditAction.CREATE)

    masked = audit_row(created, PersonalDataPolicy(Disclosure.MASKED_BSN))
    hidden = audit_row(created, PersonalDataPolicy(Disclosure.PSEUDONYM))

    masked_changes = {c.label: c.after for c in masked.changes}
    hidden_changes = {c.label: c.after for c in hidden.changes}
    assert (masked.record, masked_changes["BSN"], masked_changes["Achternaam"]) == (
        "Piet de Jong",
        "afgeschermd",
        "afgeschermd",
    )
    assert (hidden.record, hidden_changes["BSN"], hidden_changes["Achternaam"]) == (
        story.pseudonym,
        "afgeschermd",
        "afgeschermd",
    )
    assert hidden_changes["Status"] == "Aangemeld"


# --- filters --------------------------------------------------------------------------


def test_filters(story, municipality, admin, caseworker, client_as):
    other = ParticipantFactory(programme__municipality=municipality)
    audit_access(actor=admin, instance=other, fields=["bsn"], channel="ui")
    client = client_as(admin)

    assert [r.action for r in rows_of(client, action="update")] == ["gewijzigd"]
    assert len(rows_of(client, actor=caseworker.pk)) == 3
    assert [r.record_id for r in rows_of(client, object_id=str(other.pk))] == [str(other.pk)]
    assert len(rows_of(client, object_type="participants.participant")) == 4
    assert rows_of(client, object_type="hosts.host") == []
    assert [r.channel for r in rows_of(client, channel="api")] == ["API"]
    assert [r.action for r in rows_of(client, channel="ui")] == [
        "bekeken",
        "gewijzigd",
        "aangemaakt",
    ]
    # Days in local time, both ends inclusive: 23:30 on 1 July belongs to 1 July.
    july_first = rows_of(client, date_from="01-07-2026", date_to="01-07-2026")
    assert [r.action for r in july_first] == ["bekeken", "gewijzigd"]
    assert rows_of(client, date_from="02-07-2026", date_to="17-11-2026") == []


def test_the_record_type_filter_offers_every_model_by_its_dutch_name(admin, client_as):
    form = client_as(admin).get("/audit/").context["filter_form"]
    choices = dict(form.fields["object_type"].choices)
    assert choices["participants.participant"] == "Deelnemer"
    assert choices["contracts.contractperiod"] == "Contractperiode"
    assert choices["audit.auditentry"] == "Auditregel"


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        (
            {"date_from": "01-01-9999"},
            "date_from",
            "Kies een datum tussen 01-01-2000 en 31-12-2099.",
        ),
        ({"date_to": "01-01-0001"}, "date_to", "Kies een datum tussen 01-01-2000 en 31-12-2099."),
        (
            {"date_from": "02-07-2026", "date_to": "01-07-2026"},
            "date_to",
            "De einddatum ligt voor de begindatum.",
        ),
    ],
)
def test_bad_dates_give_a_dutch_error_not_a_crash(story, admin, client_as, query, field, message):
    response = client_as(admin).get("/audit/", query)
    assert response.status_code == 200
    assert response.context["filter_form"].errors[field] == [message]
    assert len(response.context["rows"]) == 3  # the filter is not applied


# --- export ---------------------------------------------------------------------------

EXPORT_FIELDS = [
    "timestamp",
    "actor",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "channel",
    "request_id",
]


def test_csv_export_of_the_filtered_log_is_itself_audited(story, admin, client_as):
    before = AuditEntry.objects.count()

    response = client_as(admin).get("/audit/export/", {"formaat": "csv", "action": "update"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="auditlog-leeuwarden-2026-11-18.csv"'
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    lines = text[1:].split("\r\n")
    update = AuditEntry.objects.get(action=AuditAction.UPDATE)
    assert lines == [
        CSV_HEADER,
        (
            f"01-07-2026 10:15;Jan Consulent (consulent);gewijzigd;Deelnemer;{story.pk};"
            'Piet de Jong;"Woonplaats: afgeschermd → afgeschermd; Leefsituatie: Alleenstaand → '
            f'Alleenstaande ouder";Website;{update.request_id}'
        ),
        "",
    ]
    assert AuditEntry.objects.count() == before + 1
    entry = AuditEntry.objects.latest("id")
    assert (entry.action, entry.actor, entry.object_type) == (
        AuditAction.EXPORT,
        admin,
        "audit.auditentry",
    )
    assert entry.changes == {
        "filters": {"action": "update"},
        "rows": 1,
        "format": "csv",
        "fields": EXPORT_FIELDS,
    }

    shown = client_as(admin).get("/audit/", {"action": "export"}).context["rows"]
    assert [(r.action, r.export) for r in shown] == [
        ("geëxporteerd", "CSV, 1 regel · filters: Actie: gewijzigd")
    ]


def test_csv_cells_that_a_spreadsheet_would_calculate_are_neutralised(
    municipality, admin, client_as
):
    programme = ProgrammeFactory(municipality=municipality, name="=1+2")
    audit_access(actor=admin, instance=programme, fields=["name"], channel="ui")

    response = client_as(admin).get("/audit/export/", {"formaat": "csv"})

    cells = response.content.decode("utf-8").split("\r\n")[1].split(";")
    assert cells[3:6] == ["Programma", str(programme.pk), "'=1+2"]


def test_excel_export_has_real_dates_and_no_formulas(story, municipality, admin, client_as):
    programme = ProgrammeFactory(municipality=municipality, name="=HYPERLINK(1)")
    audit_access(actor=admin, instance=programme, fields=["name"], channel="ui")

    response = client_as(admin).get("/audit/export/", {"formaat": "xlsx"})

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="auditlog-leeuwarden-2026-11-18.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content))["Auditlog"]
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert values[0] == CSV_HEADER.split(";")
    assert len(values) == 1 + 4  # not the export's own entry
    newest = values[1]
    assert newest[3] == "Programma"
    assert newest[5] == "'=HYPERLINK(1)"
    assert sheet["F2"].data_type == "s"
    oldest = values[-1]
    assert oldest[0] == dt.datetime(2026, 1, 15, 13, 0)
    assert sheet.cell(row=len(values), column=1).number_format == "dd-mm-yyyy hh:mm"
    assert (oldest[2], oldest[5]) == ("aangemaakt", "Piet de Jong")
    assert "BSN: — → afgeschermd" in oldest[6]
    assert AuditEntry.objects.latest("id").changes == {
        "filters": {},
        "rows": 4,
        "format": "xlsx",
        "fields": EXPORT_FIELDS,
    }


def test_an_export_too_large_is_refused_and_writes_nothing(story, admin, client_as, monkeypatch):
    monkeypatch.setattr("basisbaan.core.listing.EXPORT_LIMIT", 2)
    before = AuditEntry.objects.count()

    response = client_as(admin).get("/audit/export/", {"formaat": "csv"}, follow=True)

    assert response.redirect_chain == [("/audit/", 302)]
    assert "Dat zijn 3 regels; exporteer er hoogstens 2 tegelijk." in response.content.decode()
    assert AuditEntry.objects.count() == before


# --- refusal --------------------------------------------------------------------------


@pytest.mark.parametrize("role", [r for r in Role if r != Role.FUNCTIONAL_ADMIN])
def test_other_roles_are_refused_page_and_export_and_nothing_is_written(
    story, member, client_as, role
):
    client = client_as(member(role))
    before = list(AuditEntry.objects.values_list("id", flat=True))

    page = client.get("/audit/")
    for file_format in ("csv", "xlsx"):
        export = client.get("/audit/export/", {"formaat": file_format})
        assert export.status_code == 403
        assert "Content-Disposition" not in export

    assert page.status_code == 403
    assert list(AuditEntry.objects.values_list("id", flat=True)) == before


def test_another_municipalitys_log_is_not_exported(story, other_municipality, client_as):
    stranger = make_member(other_municipality, Role.FUNCTIONAL_ADMIN, username="emmen")

    response = client_as(stranger).get("/audit/export/", {"formaat": "csv"})

    lines = response.content.decode("utf-8")[1:].split("\r\n")
    assert lines == [CSV_HEADER, ""]
    assert AuditEntry.objects.filter(municipality=other_municipality).get().changes["rows"] == 0


def test_a_failed_sign_in_shows_its_stage_and_address(municipality, admin, client_as):
    from basisbaan.audit.services import audit_login_failed, audit_second_factor

    audit_login_failed(username=admin.username, stage="code", address="10.0.0.7")
    audit_second_factor(actor=admin, method="webauthn")

    client = client_as(admin)
    confirmed, failed = rows_of(client)
    assert (failed.action, failed.facts) == (
        "inloggen mislukt",
        ["stap: code (tweede factor)", "adres: 10.0.0.7"],
    )
    assert confirmed.facts == ["methode: beveiligingssleutel of passkey"]
    page = client.get("/audit/").content.decode()
    assert "stap: code (tweede factor); adres: 10.0.0.7" in page
