"""The study pages as a researcher (pseudonyms only) and as outsiders; the consent form PDF."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from django.urls import reverse

from basisbaan.research.constants import RespondentKind, SessionKind, WithdrawalChoice
from basisbaan.research.models import Consent, Respondent, Session, Study, Transcript
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ParticipantFactory
from tests.research.factories import (
    ConsentFactory,
    RespondentFactory,
    SessionFactory,
    StudyFactory,
    TranscriptFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

FIRST, LAST = "Wilhelmina", "Zonderland"


@pytest.fixture
def world(programme, researcher):
    study = StudyFactory(programme=programme, title="Evaluatie 2025")
    study.researchers.set([researcher])
    participant = ParticipantFactory(programme=programme, first_name=FIRST, last_name=LAST)
    r1 = RespondentFactory(
        study=study,
        code="R01",
        kind=RespondentKind.PARTICIPANT,
        participant=participant,
        description="",
    )
    r2 = RespondentFactory(study=study, code="R02")
    ConsentFactory(respondent=r1)
    interview = SessionFactory(study=study)
    interview.respondents.set([r1])
    TranscriptFactory(session=interview)
    return {"study": study, "r1": r1, "r2": r2, "participant": participant}


def pages(world):
    study, r1 = world["study"], world["r1"]
    return [
        reverse("research:list"),
        reverse("research:detail", args=[study.pk]),
        reverse("research:edit", args=[study.pk]),
        reverse("research:respondents", args=[study.pk]),
        reverse("research:respondent_create", args=[study.pk]),
        reverse("research:respondent_edit", args=[study.pk, r1.pk]),
        reverse("research:consent", args=[study.pk, r1.pk]),
        reverse("research:consent", args=[study.pk, world["r2"].pk]),
        reverse("research:consent_withdraw", args=[study.pk, r1.pk]),
        reverse("research:sessions", args=[study.pk]),
        reverse("research:session_create", args=[study.pk]),
    ]


def test_every_page_opens_for_the_researcher_without_a_name(world, researcher, client_as):
    client = client_as(researcher)
    pseudonym = world["participant"].pseudonym
    seen_pseudonym = False
    for url in pages(world):
        response = client.get(url)
        assert response.status_code == 200, url
        text = response.content.decode()
        assert FIRST not in text and LAST not in text, url
        seen_pseudonym = seen_pseudonym or pseudonym in text
    assert seen_pseudonym


def test_the_detail_page_shows_the_counts(world, researcher, client_as):
    response = client_as(researcher).get(reverse("research:detail", args=[world["study"].pk]))
    figures = response.context["figures"]
    assert (figures.respondent_total, figures.consents, figures.transcripts) == (2, 1, 1)
    assert figures.sessions[0].held == 1


def test_another_municipality_gets_404_and_a_caseworker_403(
    world, outsider, client_as, municipality, other_municipality
):
    other_researcher = make_member(other_municipality, Role.RESEARCHER)
    client = client_as(other_researcher)
    for url in pages(world)[1:]:
        assert client.get(url).status_code == 404, url
    caseworker = make_member(municipality, Role.CASEWORKER)
    for url in pages(world):
        assert client_as(caseworker).get(url).status_code == 403, url


def test_a_study_is_created_through_the_form(programme, researcher, client_as):
    response = client_as(researcher).post(
        reverse("research:create"),
        {
            "programme": programme.pk,
            "title": "Nieuw onderzoek",
            "question": "Wat werkt?",
            "method": "interviews",
            "period_start": "01-03-2026",
            "period_end": "31-10-2026",
            "ethical_basis": "Toestemming.",
            "letter_version": "1.0",
            "researchers": [researcher.pk],
            "guest_base_size": 4,
            "guest_run_length": 2,
            "guest_threshold": "0,05",
            "francis_initial": 10,
            "francis_stop": 3,
        },
    )
    study = Study.objects.get(title="Nieuw onderzoek")
    assert response.status_code == 302
    assert response.url == reverse("research:detail", args=[study.pk])
    assert list(study.researchers.all()) == [researcher]


def test_a_refused_respondent_comes_back_with_the_error(world, researcher, client_as):
    study = world["study"]
    with unchanged(reads=True):
        response = client_as(researcher).post(
            reverse("research:respondent_create", args=[study.pk]),
            {"kind": "staff", "code": "R01", "description": "jobcoach"},
        )
    assert response.status_code == 200
    assert "Deze code is al in gebruik in dit onderzoek. Vrij is R03." in response.content.decode()


def test_consent_is_recorded_and_withdrawn_through_the_pages(world, researcher, client_as):
    study, r2 = world["study"], world["r2"]
    client = client_as(researcher)
    response = client.post(
        reverse("research:consent", args=[study.pk, r2.pk]),
        {"given_on": "03-03-2025", "scope_interview": "on", "scope_quotes": "on"},
    )
    assert response.status_code == 302
    consent = Consent.objects.get(respondent=r2)
    assert (consent.scope_quotes, consent.scope_recording) == (True, False)
    r1 = world["r1"]
    page = client.get(reverse("research:consent_withdraw", args=[study.pk, r1.pk]))
    assert "1 transcript van een gesprek met alleen deze respondent wordt verwijderd" in (
        page.content.decode()
    )
    response = client.post(
        reverse("research:consent_withdraw", args=[study.pk, r1.pk]),
        {"on": "01-05-2025", "withdrawal": "delete"},
    )
    assert response.status_code == 302
    assert Consent.objects.get(respondent=r1).withdrawal == WithdrawalChoice.DELETE
    assert Transcript.objects.count() == 0
    assert Respondent.objects.get(pk=r1.pk).participant is None
    assert client.get(response.url).status_code == 200
    # Withdrawn: the confirmation page is gone.
    assert (
        client.get(reverse("research:consent_withdraw", args=[study.pk, r1.pk])).status_code == 404
    )


def test_a_session_is_planned_and_cancelled_through_the_pages(world, researcher, client_as):
    study = world["study"]
    client = client_as(researcher)
    response = client.post(
        reverse("research:session_create", args=[study.pk]),
        {
            "kind": SessionKind.INTERVIEW,
            "status": "planned",
            "planned_on": "01-06-2025",
            "respondents": [world["r2"].pk],
            "interviewer": researcher.pk,
        },
    )
    assert response.status_code == 302
    session = Session.objects.get(planned_on=dt.date(2025, 6, 1))
    client.post(reverse("research:session_cancel", args=[study.pk, session.pk]))
    session.refresh_from_db()
    assert session.status == "cancelled"


def test_the_consent_form_pdf_names_the_code_only(world, researcher, client_as, tmp_path):
    response = client_as(researcher).get(
        reverse("research:consent_pdf", args=[world["study"].pk, world["r1"].pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="toestemmingsformulier-r01.pdf"'
    content = response.content
    assert content.startswith(b"%PDF")
    assert FIRST.encode() not in content
    path = Path(tmp_path) / "toestemming.pdf"
    path.write_bytes(content)
    validator = os.environ.get("PDF_VALIDATOR")
    from tests.pdfua import validate_pdfua, validator_available

    if validator_available():
        assert validate_pdfua(path) == []
    elif validator:
        pytest.fail(f"PDF_VALIDATOR {validator} does not run")


# -- API ---------------------------------------------------------------------------


def test_the_api_lists_respondents_by_pseudonym_only(world, researcher, api_as):
    client = api_as(researcher)
    study = world["study"]
    response = client.get(f"/api/v1/research/respondents/?study={study.pk}")
    assert response.status_code == 200
    body = response.content.decode()
    assert FIRST not in body and LAST not in body
    rows = response.json()["results"] if "results" in response.json() else response.json()
    assert [(r["code"], r["pseudonym"]) for r in rows] == [
        ("R01", world["participant"].pseudonym),
        ("R02", None),
    ]
    for url in (
        "/api/v1/research/studies/",
        "/api/v1/research/sessions/",
        "/api/v1/research/consents/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert FIRST not in response.content.decode()


def test_the_api_creates_a_respondent_by_pseudonym_and_withdraws_consent(
    world, researcher, api_as, programme
):
    client = api_as(researcher)
    study = world["study"]
    someone = ParticipantFactory(programme=programme)
    response = client.post(
        "/api/v1/research/respondents/",
        {"study": study.pk, "kind": "participant", "pseudonym": someone.pseudonym},
        format="json",
    )
    assert response.status_code == 201, response.content
    assert response.json()["code"] == "R03"
    assert Respondent.objects.get(code="R03").participant == someone
    consent = Consent.objects.get(respondent=world["r1"])
    response = client.post(
        f"/api/v1/research/consents/{consent.pk}/withdraw/",
        {"on": "2025-05-01", "withdrawal": "keep_unlinked"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["withdrawal"] == "keep_unlinked"
    assert Transcript.objects.get().unlinked is True
    with unchanged(consent, reads=True):
        again = client.post(
            f"/api/v1/research/consents/{consent.pk}/withdraw/",
            {"on": "2025-05-02", "withdrawal": "delete"},
            format="json",
        )
    assert again.status_code == 400


def test_the_api_refuses_another_municipality_and_a_caseworker(
    world, api_as, municipality, other_municipality
):
    other = api_as(make_member(other_municipality, Role.RESEARCHER))
    study = world["study"]
    assert other.get(f"/api/v1/research/studies/{study.pk}/").status_code == 404
    with unchanged():
        response = other.post(
            "/api/v1/research/sessions/",
            {"study": study.pk, "kind": "interview", "planned_on": "2025-06-01", "respondents": []},
            format="json",
        )
    assert response.status_code == 400
    caseworker = api_as(make_member(municipality, Role.CASEWORKER))
    assert caseworker.get("/api/v1/research/studies/").status_code == 403


def test_the_api_gives_the_study_as_qdpx_and_the_codebook_as_qdc_and_audits_both(
    world, researcher, api_as
):
    import io
    import zipfile

    from basisbaan.audit.models import AuditEntry
    from tests.research.factories import CodeFactory

    study = world["study"]
    CodeFactory(study=study, name="Structuur")
    client = api_as(researcher)
    before = AuditEntry.objects.filter(action="export").count()

    qdpx = client.get(f"/api/v1/research/studies/{study.pk}/qdpx/", HTTP_ACCEPT="application/zip")
    qdc = client.get(f"/api/v1/research/studies/{study.pk}/qdc/")

    assert (qdpx.status_code, qdpx["Content-Type"]) == (200, "application/zip")
    assert qdpx["Content-Disposition"] == 'attachment; filename="evaluatie-2025.qdpx"'
    names = zipfile.ZipFile(io.BytesIO(qdpx.content)).namelist()
    assert names[0] == "project.qde" and len(names) == 2
    assert (qdc.status_code, qdc["Content-Type"]) == (200, "application/xml")
    assert b"<Code " in qdc.content and b'name="Structuur"' in qdc.content
    assert FIRST.encode() not in qdpx.content and FIRST.encode() not in qdc.content
    assert AuditEntry.objects.filter(action="export").count() == before + 2


def test_the_api_plans_a_focus_group_by_respondent_ids_and_refuses_an_unknown_one(
    world, researcher, api_as
):
    from basisbaan.research.models import Session

    client = api_as(researcher)
    study, r1, r2 = world["study"], world["r1"], world["r2"]
    planned = {"study": study.pk, "kind": "focus_group", "status": "planned"}
    planned["planned_on"] = "2025-04-22"

    response = client.post(
        "/api/v1/research/sessions/", {**planned, "respondents": [r2.pk, r1.pk]}, format="json"
    )

    assert response.status_code == 201, response.content
    made = Session.objects.get(pk=response.json()["id"])
    assert sorted(made.respondents.values_list("code", flat=True)) == ["R01", "R02"]
    with unchanged(study, tables=True):
        refused = client.post(
            "/api/v1/research/sessions/",
            {**planned, "respondents": [r1.pk, 999_999]},
            format="json",
        )
    assert refused.status_code == 400
    assert refused.json()["respondents"] == ["Onbekend in uw gemeente."]
