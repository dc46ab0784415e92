"""The council report API: permissions, drafts and versions, downloads, comparison.

The suite's today is 18 November 2026; the small programme (conftest) has seven
participants, two exited; the draft is as of 31 October 2026.
"""

from __future__ import annotations

import io

import pytest
from docx import Document as Word

from django.db import connection
from django.test.utils import CaptureQueriesContext

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.reports.constants import ReportStatus
from basisbaan.reports.defaults import DEFAULT_TEXTS
from basisbaan.reports.figures import report_figures
from basisbaan.reports.models import CouncilReport
from basisbaan.reports.services import content_hash, published_figures, report_finalise
from basisbaan.tenancy.roles import Role
from tests.factories import ProgrammeFactory
from tests.reports.conftest import place
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

HIDDEN_TEXTS = {"afgeschermd", "minder dan 5"}
URL = "/api/v1/council-reports/"
BODY = {
    "title": "Voortgang basisbanen",
    "as_of": "2026-10-31",
    "period_start": "2026-01-01",
    "period_end": "2026-12-31",
}
FINAL_MESSAGE = "Deze versie is definitief en verandert niet meer. Maak een nieuwe versie."


def key_figures(body):
    rows = body["figures"]["blocks"]["key_figures"]["tables"][0]["rows"]
    return {r["key"]: r["cells"][0]["text"] for r in rows}


# -- permissions --------------------------------------------------------------------------


def test_a_researcher_reads_reports_but_does_not_write_them(draft, researcher, api_as):
    client = api_as(researcher)

    assert client.get(URL).status_code == 200
    assert client.get(f"{URL}{draft.pk}/").status_code == 200
    with unchanged(draft):
        refused = [
            client.post(URL, {**BODY, "programme": draft.programme_id}, format="json"),
            client.patch(f"{URL}{draft.pk}/", {"title": "Anders"}, format="json"),
            client.post(f"{URL}{draft.pk}/finalise/"),
        ]
    assert [r.status_code for r in refused] == [403, 403, 403]


def test_a_caseworker_has_no_access_to_reports(draft, caseworker, api_as):
    client = api_as(caseworker)

    assert client.get(URL).status_code == 403
    assert client.get(f"{URL}{draft.pk}/").status_code == 403
    assert client.get(f"{URL}{draft.pk}/download/?format=html").status_code == 403


def test_another_municipality_s_report_is_not_found(draft, outsider, api_as):
    client = api_as(outsider)

    assert client.get(URL).json()["results"] == []
    with unchanged(draft):
        answers = [
            client.get(f"{URL}{draft.pk}/"),
            client.get(f"{URL}{draft.pk}/download/?format=html"),
            client.get(f"{URL}{draft.pk}/compare/"),
            client.patch(f"{URL}{draft.pk}/", {"title": "Anders"}, format="json"),
            client.post(f"{URL}{draft.pk}/finalise/"),
            client.post(f"{URL}{draft.pk}/new-version/"),
        ]
    assert [a.status_code for a in answers] == [404] * 6
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_draft_cannot_be_made_for_another_municipality_s_programme(
    other_programme, manager, api_as
):
    with unchanged():
        response = api_as(manager).post(
            URL, {**BODY, "programme": other_programme.pk}, format="json"
        )

    assert response.status_code == 400
    assert list(response.json()) == ["programme"]


# -- list and detail ----------------------------------------------------------------------


def test_the_list_filters_by_programme(draft, manager, municipality, api_as, today):
    other = ProgrammeFactory(municipality=municipality, name="Basisbanen Groot", slug="groot")
    client = api_as(manager)
    client.post(URL, {**BODY, "programme": other.pk, "title": "Groot"}, format="json")

    everything = client.get(URL).json()["results"]
    only_small = client.get(URL, {"programme": draft.programme_id}).json()["results"]

    assert sorted(r["title"] for r in everything) == ["Groot", "Voortgang basisbanen"]
    assert [(r["id"], r["title"], r["status"], r["number"]) for r in only_small] == [
        (draft.pk, "Voortgang basisbanen", "draft", 1)
    ]
    assert "figures" not in only_small[0]


def test_a_draft_s_detail_has_its_texts_and_today_s_figures(draft, researcher, api_as):
    body = api_as(researcher).get(f"{URL}{draft.pk}/").json()

    assert (body["status"], body["number"], body["previous"], body["next_version"]) == (
        "draft",
        1,
        None,
        None,
    )
    assert body["content_hash"] == ""
    assert body["texts"]["state"] == DEFAULT_TEXTS["state"]
    assert body["filled_texts"]["state"] == (
        "Op 31 oktober 2026 zijn 5 mensen werkzaam in een basisbaan, "
        "waarvan minder dan 5 met loonkostensubsidie. De instroom is open."
    )
    assert body["figures"] == published_figures(draft)
    assert key_figures(body)["exited"] == "minder dan 5"


def test_a_final_version_shows_its_frozen_figures_after_the_data_changed(
    small, draft, manager, researcher, api_as
):
    report = report_finalise(report=draft, actor=manager)
    for index in range(5):
        place(small[0], "Nieuw", "", f"Deelnemer{index}")

    body = api_as(researcher).get(f"{URL}{report.pk}/").json()

    stored = CouncilReport.objects.get(pk=report.pk)
    assert body["figures"] == stored.figures
    assert body["filled_texts"] == stored.filled_texts
    assert body["content_hash"] == stored.content_hash == content_hash(stored)
    now = report_figures(small[0], as_of=stored.as_of, period_start=stored.period_start)
    assert now != stored.figures


# -- writes -------------------------------------------------------------------------------


def test_a_programme_manager_starts_a_draft(small, manager, api_as):
    response = api_as(manager).post(URL, {**BODY, "programme": small[0].pk}, format="json")

    assert response.status_code == 201
    body = response.json()
    report = CouncilReport.objects.get()
    assert (body["id"], body["status"], body["title"]) == (report.pk, "draft", BODY["title"])
    assert body["texts"] == DEFAULT_TEXTS
    assert body["warnings"] == {"names": {}, "fields": {}}
    assert report.created_by == manager


def test_a_draft_with_impossible_dates_or_sections_is_refused_in_dutch(small, manager, api_as):
    client = api_as(manager)
    with unchanged():
        future = client.post(
            URL, {**BODY, "programme": small[0].pk, "as_of": "2026-11-19"}, format="json"
        )
        unknown = client.post(
            URL, {**BODY, "programme": small[0].pk, "texts": {"epilogue": "x"}}, format="json"
        )

    assert (future.status_code, future.json()) == (
        400,
        {"as_of": ["De peildatum ligt in de toekomst."]},
    )
    assert (unknown.status_code, unknown.json()) == (
        400,
        {"texts": {"non_field_errors": ["Onbekende onderdelen: epilogue."]}},
    )


def test_editing_a_draft_answers_with_the_warnings(draft, manager, api_as):
    response = api_as(manager).patch(
        f"{URL}{draft.pk}/",
        {"texts": {"work": "Dennis B. werkt bij {werkgever}."}, "title": "Voortgang 2026"},
        format="json",
    )

    assert response.status_code == 200
    body = response.json()
    assert body["warnings"] == {
        "names": {"work": ["Dennis Bakker"]},
        "fields": {"work": ["werkgever"]},
    }
    assert body["title"] == "Voortgang 2026"
    assert body["texts"]["work"] == "Dennis B. werkt bij {werkgever}."
    assert body["texts"]["opening"] == DEFAULT_TEXTS["opening"]
    assert (
        CouncilReport.objects.get(pk=draft.pk).texts["work"] == "Dennis B. werkt bij {werkgever}."
    )


def test_a_final_version_refuses_a_change_with_a_dutch_400(draft, manager, api_as):
    report = report_finalise(report=draft, actor=manager)

    with unchanged(report):
        response = api_as(manager).patch(f"{URL}{report.pk}/", {"title": "Anders"}, format="json")

    assert (response.status_code, response.json()) == (400, {"non_field_errors": [FINAL_MESSAGE]})


def test_finalise_then_a_new_version_that_supersedes_it(draft, manager, api_as):
    client = api_as(manager)

    final = client.post(f"{URL}{draft.pk}/finalise/")
    assert final.status_code == 200
    stored = CouncilReport.objects.get(pk=draft.pk)
    assert (final.json()["status"], final.json()["content_hash"]) == ("final", stored.content_hash)
    assert final.json()["figures"] == stored.figures
    again = client.post(f"{URL}{draft.pk}/finalise/")
    assert (again.status_code, again.json()) == (400, {"non_field_errors": [FINAL_MESSAGE]})

    new = client.post(f"{URL}{draft.pk}/new-version/")
    assert new.status_code == 201
    second = new.json()
    assert (second["status"], second["number"], second["previous"]) == ("draft", 2, draft.pk)
    assert client.get(f"{URL}{draft.pk}/").json()["next_version"] == second["id"]

    client.patch(f"{URL}{second['id']}/", {"texts": {"closing": "Tot ziens."}}, format="json")
    assert client.post(f"{URL}{second['id']}/finalise/").status_code == 200
    statuses = dict(CouncilReport.objects.values_list("number", "status"))
    assert statuses == {1: ReportStatus.SUPERSEDED, 2: ReportStatus.FINAL}


def test_the_comparison_shows_changed_texts_and_figures(small, draft, manager, api_as):
    client = api_as(manager)
    first = client.get(f"{URL}{draft.pk}/compare/").json()
    assert first == {"report": draft.pk, "previous": None, "texts": [], "figures": []}
    client.post(f"{URL}{draft.pk}/finalise/")
    second = client.post(f"{URL}{draft.pk}/new-version/").json()
    client.patch(
        f"{URL}{second['id']}/", {"texts": {"closing": "Tot de volgende brief."}}, format="json"
    )
    for index in range(5):
        place(small[0], "Nieuw", "", f"Deelnemer{index}")

    body = client.get(f"{URL}{second['id']}/compare/").json()

    assert body["previous"] == draft.pk
    assert body["texts"] == [
        {
            "section": "state",
            "title": "Stand van zaken",
            "parts": [
                {"kind": "same", "words": "Op 31 oktober 2026 zijn"},
                {"kind": "removed", "words": "5"},
                {"kind": "added", "words": "10"},
                {
                    "kind": "same",
                    "words": "mensen werkzaam in een basisbaan, waarvan minder dan 5 met "
                    "loonkostensubsidie. De instroom is open.",
                },
            ],
        },
        {
            "section": "closing",
            "title": "Afsluiting",
            "parts": [
                {
                    "kind": "removed",
                    "words": "Wij verwachten u met deze brief voldoende te hebben geïnformeerd.",
                },
                {"kind": "added", "words": "Tot de volgende brief."},
            ],
        },
    ]
    changes = {c["key"]: (c["before"], c["after"]) for c in body["figures"]}
    # Five more at work: the headline and the guidance norm change ...
    assert changes["key_figures/key/working/0"] == ("5", "10")
    assert changes["guidance/guidance/norm/0"] == ("833", "1.666")
    # ... and every count version 1 hid stays hidden.
    assert not [key for key, (before, after) in changes.items() if before in HIDDEN_TEXTS]


# -- downloads ----------------------------------------------------------------------------


def exports():
    return list(
        AuditEntry.objects.filter(action=AuditAction.EXPORT, object_type="reports.councilreport")
        .order_by("id")
        .values_list("changes", flat=True)
    )


def test_a_download_as_html_names_the_file_and_is_audited(draft, researcher, api_as):
    response = api_as(researcher).get(f"{URL}{draft.pk}/download/", {"format": "html"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert response["Content-Disposition"] == (
        'attachment; filename="raadsrapportage-basisbanen-klein-2026-10-31-concept.html"'
    )
    html = response.content.decode()
    assert html.startswith("<!DOCTYPE html>")
    assert "Voortgang basisbanen" in html
    assert exports() == [
        {
            "filters": {
                "report": str(draft.pk),
                "programme": str(draft.programme_id),
                "number": "1",
                "status": "draft",
                "content_hash": "",
            },
            "rows": 1,
            "format": "html",
        }
    ]
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.actor, entry.municipality_id) == (researcher, draft.municipality_id)


def test_a_final_version_downloads_as_pdf_pdfa_and_docx(draft, manager, api_as):
    report = report_finalise(report=draft, actor=manager)
    client = api_as(manager)

    pdf = client.get(f"{URL}{report.pk}/download/")
    pdfa = client.get(f"{URL}{report.pk}/download/", {"format": "pdfa"})
    docx = client.get(
        f"{URL}{report.pk}/download/", {"format": "docx"}, HTTP_ACCEPT="application/pdf"
    )

    assert [r.status_code for r in (pdf, pdfa, docx)] == [200, 200, 200]
    assert (pdf["Content-Type"], pdfa["Content-Type"]) == ("application/pdf", "application/pdf")
    assert pdf.content.startswith(b"%PDF") and pdfa.content.startswith(b"%PDF")
    assert pdf["Content-Disposition"] == (
        'attachment; filename="raadsrapportage-basisbanen-klein-2026-10-31-v1.pdf"'
    )
    assert docx["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    word = Word(io.BytesIO(docx.content))
    headings = [
        (p.style.name, p.text) for p in word.paragraphs if p.style.name.startswith("Heading")
    ]
    assert headings[0] == ("Heading 1", "Voortgang basisbanen")
    assert ("Heading 2", "Stand van zaken") in headings
    assert len(word.tables) >= 4
    assert word.tables[0].rows[0].cells[0].text == "Onderwerp"
    assert [e["format"] for e in exports()] == ["pdf", "pdfa", "docx"]
    assert {e["filters"]["content_hash"] for e in exports()} == {report.content_hash}


@pytest.mark.parametrize("fmt", ["odt", ""])
def test_an_unknown_format_is_refused(draft, manager, api_as, fmt):
    with unchanged(draft):
        response = api_as(manager).get(f"{URL}{draft.pk}/download/", {"format": fmt})

    assert response.status_code == 400
    assert list(response.json()) == ["format"]


@pytest.mark.parametrize("role", [Role.FUNCTIONAL_ADMIN, Role.PROGRAMME_MANAGER])
def test_the_editors_may_write(draft, member, api_as, role):
    response = api_as(member(role, username=f"editor-{role}")).patch(
        f"{URL}{draft.pk}/", {"title": "Voortgang"}, format="json"
    )
    assert response.status_code == 200


def test_the_list_takes_as_many_queries_for_three_versions_as_for_one(draft, manager, api_as):
    client = api_as(manager)
    with CaptureQueriesContext(connection) as one:
        assert len(client.get(URL).json()["results"]) == 1
    first = report_finalise(report=draft, actor=manager)
    client.post(f"{URL}{first.pk}/new-version/")
    client.post(URL, {**BODY, "programme": draft.programme_id, "title": "Nog een"}, format="json")

    with CaptureQueriesContext(connection) as three:
        assert len(client.get(URL).json()["results"]) == 3
    assert len(three) == len(one)
