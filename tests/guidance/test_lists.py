"""The list of registered hours and the list of feedback sessions: filtered and
sorted, exported to Excel and CSV with those filters (exact cells), every cell a
spreadsheet would calculate neutralised, one audit entry per export, and refused
(403, nothing written) to a viewer who sees pseudonyms only."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.guidance.constants import Activity, SessionStatus
from basisbaan.guidance.models import FeedbackSession, HoursEntry
from basisbaan.tenancy.roles import MATRIX, Perm, Role
from tests.conftest import make_member
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

D = dt.date
HYPERLINK = '=HYPERLINK("https://kwaad.example","klik")'


def _named(user, first, last):
    user.first_name, user.last_name = first, last
    user.save()
    return user


def _sheet(response):
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell.value for cell in row] for row in sheet.iter_rows()]


def _csv(response):
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _export_entry():
    return AuditEntry.objects.filter(action=AuditAction.EXPORT).latest("id")


# -- hours -------------------------------------------------------------------------------


@pytest.fixture
def hours(municipality, programme, placed, coach, manager):
    """Two participants (one named like a formula); hours of the coach and the manager."""
    _named(manager, "Mira", "Manager")
    formula = placed(first_name=HYPERLINK, last_name="Aa").participant
    bert = placed(first_name="Bert", last_name="Visser").participant

    def entry(participant, staff, day, activity, amount, note=""):
        return HoursEntry.objects.create(
            municipality=municipality,
            participant=participant,
            staff=staff,
            date=day,
            activity=activity,
            hours=Decimal(amount),
            note=note,
        )

    return {
        "formula": formula,
        "bert": bert,
        # 16 November 2026 is the Monday of week 47, 10 November the Tuesday of week 46.
        "e1": entry(formula, coach, D(2026, 11, 16), Activity.COACHING, "1.50", "+31612345678"),
        "e2": entry(bert, coach, D(2026, 11, 10), Activity.INTAKE, "2.00", "-5"),
        "e3": entry(bert, manager, D(2026, 11, 17), Activity.ADMINISTRATION, "0.75", "@SUM(A1:A2)"),
        "e4": entry(formula, coach, D(2026, 10, 1), Activity.TRAVEL, "0.50"),
    }


HOURS_HEADER = [
    "Datum",
    "Week",
    "Deelnemer",
    "Programma",
    "Medewerker",
    "Activiteit",
    "Uren",
    "Toelichting",
]
HOURS_FIELDS = [
    "date",
    "week",
    "first_name",
    "name_prefix",
    "last_name",
    "programme",
    "staff",
    "activity",
    "hours",
    "note",
]


def test_the_hours_list_exports_the_filtered_sorted_hours_to_excel(
    hours, manager, programme, municipality, client_as
):
    response = client_as(manager).get(
        "/begeleiding/uren/",
        {"van": "01-11-2026", "tot": "30-11-2026", "sort": "date", "export": "xlsx"},
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="begeleidingsuren-{municipality.slug}-2026-11-18.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content))["Begeleidingsuren"]
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    name = programme.name
    assert rows == [
        HOURS_HEADER,
        [
            dt.datetime(2026, 11, 10),
            "2026-W46",
            "Bert Visser",
            name,
            "Jolanda Coach",
            "Intake",
            2,
            "'-5",
        ],
        [
            dt.datetime(2026, 11, 16),
            "2026-W47",
            f"'{HYPERLINK} Aa",
            name,
            "Jolanda Coach",
            "Coaching op de werkplek",
            1.5,
            "'+31612345678",
        ],
        [
            dt.datetime(2026, 11, 17),
            "2026-W47",
            "Bert Visser",
            name,
            "Mira Manager",
            "Administratie",
            0.75,
            "'@SUM(A1:A2)",
        ],
    ]
    assert sheet["A2"].number_format == "dd-mm-yyyy"
    assert sheet["G2"].number_format == "#,##0.00"
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    entry = _export_entry()
    assert (entry.actor, entry.object_type, entry.object_id) == (
        manager,
        "guidance.hoursentry",
        "",
    )
    assert entry.changes == {
        "filters": {"sort": "date", "tot": "30-11-2026", "van": "01-11-2026"},
        "rows": 3,
        "format": "xlsx",
        "fields": HOURS_FIELDS,
    }


def test_the_hours_csv_neutralises_formulas_and_keeps_the_filters(
    hours, manager, coach, programme, client_as
):
    response = client_as(manager).get(
        "/begeleiding/uren/",
        {"medewerker": str(coach.pk), "sort": "-date", "export": "csv"},
    )

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert _csv(response) == [
        HOURS_HEADER,
        [
            "16-11-2026",
            "2026-W47",
            f"'{HYPERLINK} Aa",
            programme.name,
            "Jolanda Coach",
            "Coaching op de werkplek",
            "1,50",
            "'+31612345678",
        ],
        [
            "10-11-2026",
            "2026-W46",
            "Bert Visser",
            programme.name,
            "Jolanda Coach",
            "Intake",
            "2,00",
            "'-5",
        ],
        [
            "01-10-2026",
            "2026-W40",
            f"'{HYPERLINK} Aa",
            programme.name,
            "Jolanda Coach",
            "Reistijd",
            "0,50",
            "",
        ],
    ]
    entry = _export_entry()
    assert entry.changes == {
        "filters": {"medewerker": str(coach.pk), "sort": "-date"},
        "rows": 3,
        "format": "csv",
        "fields": HOURS_FIELDS,
    }


def test_the_hours_list_filters_by_activity_and_programme(
    hours, manager, programme, other_programme_here, client_as
):
    client = client_as(manager)

    coaching = client.get("/begeleiding/uren/", {"activiteit": "coaching", "export": "csv"})
    elsewhere = client.get(
        "/begeleiding/uren/", {"programma": str(other_programme_here.pk), "export": "csv"}
    )
    page = client.get("/begeleiding/uren/", {"programma": str(programme.pk)})

    assert [row[0] for row in _csv(coaching)[1:]] == ["16-11-2026"]
    assert _csv(elsewhere) == [HOURS_HEADER]
    assert [e.pk for e in page.context["object_list"]] == [
        hours[k].pk for k in ("e3", "e1", "e2", "e4")
    ]


@pytest.fixture
def other_programme_here(municipality):
    from tests.factories import ProgrammeFactory

    return ProgrammeFactory(municipality=municipality, name="Ander programma")


def test_a_coach_lists_and_exports_only_their_own_hours(hours, coach, client_as):
    client = client_as(coach)

    page = client.get("/begeleiding/uren/")
    export = client.get("/begeleiding/uren/", {"export": "csv"})
    # A colleague's hours cannot be asked for: the staff filter is not offered.
    asked = client.get("/begeleiding/uren/", {"medewerker": "999", "export": "csv"})

    assert [e.pk for e in page.context["object_list"]] == [hours[k].pk for k in ("e1", "e2", "e4")]
    assert "medewerker" not in page.context["filter_form"].fields
    assert [row[4] for row in _csv(export)[1:]] == ["Jolanda Coach"] * 3
    assert len(_csv(asked)) == 4
    html = page.content.decode()
    assert "export=xlsx" in html and "export=csv" in html
    assert 'aria-current="page">Uren<' in html


def test_a_wrong_period_is_shown_and_filters_nothing(hours, manager, client_as):
    response = client_as(manager).get(
        "/begeleiding/uren/", {"van": "30-11-2026", "tot": "01-11-2026"}
    )

    assert response.status_code == 200
    assert "‘Tot en met’ ligt vóór ‘van’." in response.content.decode()
    assert len(response.context["object_list"]) == 4


def test_every_hours_column_sorts_both_ways(hours, manager, client_as):
    client = client_as(manager)
    by = {
        "date": ["e4", "e2", "e1", "e3"],
        "hours": ["e4", "e3", "e1", "e2"],
        "activity": ["e3", "e1", "e2", "e4"],  # by the stored value: administration, coaching…
        "staff": ["e1", "e2", "e4", "e3"],  # Coach, then Manager
    }
    for key, order in by.items():
        up = client.get("/begeleiding/uren/", {"sort": key})
        down = client.get("/begeleiding/uren/", {"sort": "-" + key})
        assert [e.pk for e in up.context["object_list"]] == [hours[k].pk for k in order], key
        assert up.content.decode().count('aria-sort="ascending"') == 1
        assert 'aria-sort="descending"' in down.content.decode()


# -- feedback sessions ---------------------------------------------------------------------


@pytest.fixture
def sessions(municipality, placed, coach, caseworker_user, host_contact):
    _named(caseworker_user, "Carla", "Consulent")
    formula = placed(first_name="@SUM(1+1)", last_name="Bb")
    bert = placed(first_name="Bert", last_name="Visser")

    def session(placement, planned, status, **extra):
        return FeedbackSession.objects.create(
            municipality=municipality,
            placement=placement,
            planned_date=planned,
            status=status,
            **extra,
        )

    return {
        "held": session(
            formula,
            D(2026, 10, 5),
            SessionStatus.HELD,
            held_on=D(2026, 10, 6),
            participant_present=False,
            jobcoach=coach,
            caseworker=caseworker_user,
            host_contact=host_contact,
            score_work=4,
            score_wellbeing=3,
            score_finances=2,
            score_host=5,
            notes="=niet in de export",
        ),
        "planned": session(bert, D(2026, 11, 25), SessionStatus.PLANNED, jobcoach=coach),
        "cancelled": session(bert, D(2026, 9, 1), SessionStatus.CANCELLED),
    }


SESSION_HEADER = [
    "Gepland op",
    "Deelnemer",
    "Werkgever",
    "Status",
    "Gehouden op",
    "Deelnemer aanwezig",
    "Jobcoach",
    "Consulent",
    "Werk",
    "Welzijn",
    "Financiën",
    "Relatie met de werkgever",
]
SESSION_FIELDS = [
    "planned_date",
    "first_name",
    "name_prefix",
    "last_name",
    "host",
    "status",
    "held_on",
    "participant_present",
    "jobcoach",
    "caseworker",
    "score_work",
    "score_wellbeing",
    "score_finances",
    "score_host",
]


def test_the_session_list_exports_the_filtered_sorted_sessions_to_excel(
    sessions, controller, municipality, client_as
):
    response = client_as(controller).get(
        "/begeleiding/feedback/sessies/",
        {"van": "01-10-2026", "sort": "planned_date", "export": "xlsx"},
    )

    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        f'attachment; filename="feedbacksessies-{municipality.slug}-2026-11-18.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content))["Feedbacksessies"]
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        SESSION_HEADER,
        [
            dt.datetime(2026, 10, 5),
            "'@SUM(1+1) Bb",
            "Bibliotheek",
            "Gehouden",
            dt.datetime(2026, 10, 6),
            "nee",
            "Jolanda Coach",
            "Carla Consulent",
            4,
            3,
            2,
            5,
        ],
        [
            dt.datetime(2026, 11, 25),
            "Bert Visser",
            "Bibliotheek",
            "Gepland",
            None,
            None,
            "Jolanda Coach",
            None,
            None,
            None,
            None,
            None,
        ],
    ]
    assert sheet["I2"].number_format == "0"
    entry = _export_entry()
    assert (entry.actor, entry.object_type) == (controller, "guidance.feedbacksession")
    assert entry.changes == {
        "filters": {"sort": "planned_date", "van": "01-10-2026"},
        "rows": 2,
        "format": "xlsx",
        "fields": SESSION_FIELDS,
    }


def test_the_session_csv_by_status(sessions, caseworker_user, client_as):
    response = client_as(caseworker_user).get(
        "/begeleiding/feedback/sessies/", {"status": "held", "export": "csv"}
    )

    assert _csv(response) == [
        SESSION_HEADER,
        [
            "05-10-2026",
            "'@SUM(1+1) Bb",
            "Bibliotheek",
            "Gehouden",
            "06-10-2026",
            "nee",
            "Jolanda Coach",
            "Carla Consulent",
            "4",
            "3",
            "2",
            "5",
        ],
    ]
    assert _export_entry().changes["filters"] == {"status": "held"}
    assert _export_entry().changes["rows"] == 1


def test_the_session_page_lists_and_audits_what_it_shows(sessions, coach, client_as):
    response = client_as(coach).get("/begeleiding/feedback/sessies/")

    assert [s.pk for s in response.context["object_list"]] == [
        sessions[k].pk for k in ("planned", "held", "cancelled")
    ]
    html = response.content.decode()
    assert "Exporteren naar Excel" in html and "Exporteren naar CSV" in html
    listed = AuditEntry.objects.filter(
        action=AuditAction.LIST, object_type="guidance.feedbacksession"
    ).get()
    assert listed.changes == {
        "ids": [str(sessions[k].pk) for k in ("planned", "held", "cancelled")],
        "fields": ["status", "scores", "participant_present"],
    }


# -- refusal --------------------------------------------------------------------------------


LISTS = [
    "/begeleiding/uren/",
    "/begeleiding/feedback/sessies/",
    "/begeleiding/feedback/",
    "/begeleiding/feedback/achterstallig/",
    "/begeleiding/norm/",
]


@pytest.mark.parametrize("url", LISTS)
def test_a_researcher_may_not_open_or_export_the_guidance_lists(
    hours, sessions, researcher, client_as, url
):
    client = client_as(researcher)

    with unchanged():
        for query in ({}, {"export": "xlsx"}, {"export": "csv"}):
            response = client.get(url, query)
            assert response.status_code == 403
            assert "Content-Disposition" not in response


@pytest.mark.parametrize("url", LISTS)
def test_a_pseudonym_viewer_who_may_open_the_list_may_not_export_it(
    hours, sessions, municipality, client_as, monkeypatch, url
):
    # Should a role that sees pseudonyms only ever get the guidance pages, the list
    # shows pseudonyms and its export stays refused: a file leaves the audit.
    monkeypatch.setitem(MATRIX, Role.RESEARCHER, MATRIX[Role.RESEARCHER] | {Perm.GUIDANCE_VIEW})
    researcher = make_member(municipality, Role.RESEARCHER, username="onderzoeker-b")
    # A fixed name: a random one could be "Visser" too, and the header shows it.
    researcher.first_name, researcher.last_name = "Onder", "Zoeker"
    researcher.save(update_fields=["first_name", "last_name"])
    client = client_as(researcher)

    page = client.get(url)
    assert page.status_code == 200
    assert "export=" not in page.content.decode()
    assert "Visser" not in page.content.decode()
    with unchanged():
        for file_format in ("xlsx", "csv"):
            response = client.get(url, {"export": file_format})
            assert response.status_code == 403
            assert "Content-Disposition" not in response


# -- the norm page's participants and the cadence of sessions ---------------------------------


def test_the_norm_per_participant_exports_with_the_year(
    municipality, programme, placed, coach, manager, controller, client_as
):
    from basisbaan.guidance import services

    services.guidance_settings_set(
        programme=programme,
        actor=manager,
        data={
            "norm_hours": Decimal(200),
            "hourly_rate": Decimal("60.00"),
            "rate_source": "Begroting",
            "rate_date": D(2025, 1, 1),
        },
    )
    anna = placed(start=D(2024, 7, 1), first_name="-Anna", last_name="Aa").participant
    bert = placed(start=D(2025, 7, 1), first_name="Bert", last_name="Bb").participant
    for person, day, amount in (
        (anna, D(2025, 1, 6), "10"),
        (anna, D(2025, 5, 6), "10"),
        (anna, D(2025, 5, 7), "10"),
        (anna, D(2025, 5, 8), "5"),
        (bert, D(2025, 7, 7), "7.5"),
        (bert, D(2025, 10, 1), "2.25"),
    ):
        services.hours_entry_create(
            municipality=municipality,
            actor=coach,
            participant=person,
            staff=coach,
            date=day,
            activity=Activity.COACHING,
            hours=Decimal(amount),
        )
    client = client_as(controller)

    response = client.get("/begeleiding/norm/", {"jaar": "2025", "export": "xlsx"})
    csv_response = client.get("/begeleiding/norm/", {"jaar": "2025", "export": "csv"})

    assert response["Content-Disposition"] == (
        f'attachment; filename="begeleidingsnorm-{municipality.slug}-2026-11-18.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(response.content))["Uren tegen de norm"]
    header = [
        "Deelnemer",
        "Programma",
        "Dagen geplaatst",
        "Norm heel jaar",
        "Uren tot nu",
        "Norm tot nu",
        "Uren / norm",
        "K1",
        "K2",
        "K3",
        "K4",
        "Kosten",
    ]
    # 2025 is over: the norm to date is the whole year's. Anna 35 of 200 hours (17.5 %,
    # rounded to whole hundredths: 18 %), Bert 9.75 of 200 x 184 / 365 = 100.82 (10 %).
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        header,
        ["'-Anna Aa", programme.name, 365, 200, 35, 200, 0.18, 10, 25, 0, 0, 2100],
        ["Bert Bb", programme.name, 184, 100.82, 9.75, 100.82, 0.1, 0, 0, 7.5, 2.25, 585],
    ]
    assert sheet["G2"].number_format == "0.0#%"
    assert _csv(csv_response)[1:] == [
        [
            "'-Anna Aa",
            programme.name,
            "365",
            "200,00",
            "35,00",
            "200,00",
            "18",
            "10,00",
            "25,00",
            "0,00",
            "0,00",
            "2100,00",
        ],
        [
            "Bert Bb",
            programme.name,
            "184",
            "100,82",
            "9,75",
            "100,82",
            "10",
            "0,00",
            "0,00",
            "7,50",
            "2,25",
            "585,00",
        ],
    ]
    entry = _export_entry()
    assert (entry.actor, entry.object_type) == (controller, "guidance.hoursentry")
    assert entry.changes == {
        "filters": {"jaar": "2025"},
        "rows": 2,
        "format": "csv",
        "fields": [
            "first_name",
            "name_prefix",
            "last_name",
            "programme",
            "days",
            "norm_year",
            "hours",
            "norm_to_date",
            "ratio",
            "q1",
            "q2",
            "q3",
            "q4",
            "cost",
        ],
    }


def test_the_cadence_exports_its_placements(sessions, placed, coach, municipality, client_as):
    # A placement started on 1 November 2026: its first session is not yet due.
    placed(start=D(2026, 11, 1), first_name="Nieuw", last_name="Zz")
    client = client_as(coach)

    everything = client.get("/begeleiding/feedback/", {"export": "xlsx"})
    overdue = client.get("/begeleiding/feedback/achterstallig/", {"export": "csv"})

    assert everything["Content-Disposition"] == (
        f'attachment; filename="feedbackritme-{municipality.slug}-2026-11-18.xlsx"'
    )
    sheet = load_workbook(io.BytesIO(everything.content))["Ritme van feedbacksessies"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = [
        "Deelnemer",
        "Vast aanspreekpunt",
        "Werkgever",
        "Laatst gehouden",
        "Volgende uiterlijk",
        "Achterstallig",
        "Gepland",
    ]
    bert = [
        "Bert Visser",
        "Jolanda Coach",
        "Bibliotheek",
        None,
        dt.datetime(2025, 2, 12),
        "ja",
        dt.datetime(2026, 11, 25),
    ]
    formula = [
        "'@SUM(1+1) Bb",
        "Jolanda Coach",
        "Bibliotheek",
        dt.datetime(2026, 10, 6),
        dt.datetime(2026, 11, 17),
        "ja",
        None,
    ]
    # Soonest due first; the new placement's first session is due six weeks after its start.
    assert rows == [
        header,
        bert,
        formula,
        ["Nieuw Zz", "Jolanda Coach", "Bibliotheek", None, dt.datetime(2026, 12, 13), "nee", None],
    ]
    assert _csv(overdue) == [
        header,
        ["Bert Visser", "Jolanda Coach", "Bibliotheek", "", "12-02-2025", "ja", "25-11-2026"],
        ["'@SUM(1+1) Bb", "Jolanda Coach", "Bibliotheek", "06-10-2026", "17-11-2026", "ja", ""],
    ]
    entry = _export_entry()
    assert (entry.actor, entry.object_type) == (coach, "placements.placement")
    assert entry.changes == {
        "filters": {},
        "rows": 2,
        "format": "csv",
        "fields": [
            "first_name",
            "name_prefix",
            "last_name",
            "contact_person",
            "host",
            "last_held",
            "next_due",
            "overdue",
            "planned",
        ],
    }


def test_an_export_with_a_wrong_filter_is_refused_and_writes_nothing(hours, manager, client_as):
    client = client_as(manager)

    with unchanged():
        response = client.get(
            "/begeleiding/uren/", {"van": "31-02-2026", "sort": "date", "export": "csv"}
        )

    assert response.status_code == 302
    assert response["Location"] == "/begeleiding/uren/?van=31-02-2026&sort=date"
    page = client.get(response["Location"])
    assert "Pas eerst de filters aan: niet alles is goed ingevuld." in page.content.decode()
