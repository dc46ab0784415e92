"""Transcripts: reading uploads, proposals with deduce really run, saving only the
pseudonymised text, refusals, the pages and the API."""

from __future__ import annotations

import io

import pytest
from docx import Document

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.research import deidentify
from basisbaan.research.constants import RespondentKind, SessionStatus
from basisbaan.research.models import Transcript
from basisbaan.research.transcripts import (
    redaction_propose,
    transcript_read_upload,
    transcript_save,
)
from tests.factories import HostContactFactory, ParticipantFactory, PlacementFactory
from tests.research.factories import (
    ConsentFactory,
    RespondentFactory,
    SessionFactory,
    StudyFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

TEXT = (
    "I: Hoe gaat het bij Bakkerij Jansen?\n"
    "R: Goed. Pieter Visser is mijn begeleider en Annie's collega's zijn aardig.\n"
    "R: Ik woon aan de Kerkstraat, mijn telefoon is 06-12345678.\n"
)
NAMES = ("Annie", "Bakker", "Bakkerij Jansen", "Pieter", "Visser", "Kerkstraat", "06-12345678")


@pytest.fixture(scope="module", autouse=True)
def _deduce_loaded():
    deidentify.model()  # once per process (about 5 s with the cache)


@pytest.fixture
def session(programme):
    participant = ParticipantFactory(
        programme=programme,
        first_name="Annie",
        name_prefix="",
        last_name="Bakker",
        street="Kerkstraat 12",
    )
    placement = PlacementFactory(
        participant=participant, position__host__name="Bakkerij Jansen B.V."
    )
    HostContactFactory(host=placement.position.host, name="Pieter Visser")
    study = StudyFactory(programme=programme)
    respondent = RespondentFactory(
        study=study, kind=RespondentKind.PARTICIPANT, participant=participant, code="R01"
    )
    ConsentFactory(respondent=respondent)
    session = SessionFactory(study=study)
    session.respondents.add(respondent)
    return session


def test_proposals_from_the_records_and_deduce(session):
    proposals = redaction_propose(session=session, text=TEXT)
    assert [(p.text, p.label, p.source) for p in proposals] == [
        ("Bakkerij Jansen", "[WERKGEVER-1]", "register"),
        ("Pieter Visser", "[PERSOON-1]", "register"),
        ("Annie", "[PERSOON-2]", "register"),
        ("Kerkstraat", "[LOCATIE-1]", "register"),
        ("06-12345678", "[TELEFOONNUMMER-1]", "deduce"),
    ]


def test_saving_stores_only_the_pseudonymised_text_and_audits(session, researcher):
    proposals = redaction_propose(session=session, text=TEXT)
    transcript = transcript_save(
        session=session,
        actor=researcher,
        text=TEXT,
        accepted={p.id for p in proposals},
        added=[("aardig", "PERSOON")],
        source_name="Interview Annie Bakker.docx",
    )
    stored = Transcript.objects.get(pk=transcript.pk)
    assert stored.text == (
        "I: Hoe gaat het bij [WERKGEVER-1]?\n"
        "R: Goed. [PERSOON-1] is mijn begeleider en [PERSOON-2]'s collega's zijn [PERSOON-3].\n"
        "R: Ik woon aan de [LOCATIE-1], mijn telefoon is [TELEFOONNUMMER-1].\n"
    )
    assert all(name not in stored.text for name in NAMES)
    assert stored.source_name == "Interview [PERSOON-1].docx"
    assert stored.redactions == {
        "LOCATIE": 1,
        "PERSOON": 3,
        "TELEFOONNUMMER": 1,
        "WERKGEVER": 1,
    }
    assert stored.word_count == len(stored.text.split())
    entry = AuditEntry.objects.get(object_type="research.transcript", object_id=str(stored.pk))
    assert entry.action == AuditAction.CREATE
    assert entry.changes["text"] == [None, "***"]
    assert "Annie" not in str(entry.changes)


def test_posted_ids_that_are_not_proposals_change_nothing(session, researcher):
    transcript = transcript_save(
        session=session, actor=researcher, text=TEXT, accepted={"0-200", "junk"}
    )
    assert transcript.text == TEXT
    assert transcript.redactions == {}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": SessionStatus.PLANNED}, "dit gesprek is niet gehouden"),
        ("no_consent", "Geen (geldige) toestemming van: R01."),
        ("withdrawn", "Geen (geldige) toestemming van: R01."),
        ("transcript", "Dit gesprek heeft al een transcript."),
    ],
)
def test_refusals_store_nothing(session, researcher, change, message, today):
    if change == "no_consent":
        session.respondents.get().consent.delete()
    elif change == "withdrawn":
        consent = session.respondents.get().consent
        consent.withdrawn_on = today
        consent.save()
    elif change == "transcript":
        Transcript.objects.create(municipality=session.municipality, session=session, text="x")
    else:
        for key, value in change.items():
            setattr(session, key, value)
        session.save()
    with pytest.raises(ValidationError) as caught, unchanged():
        transcript_save(session=session, actor=researcher, text=TEXT, accepted=set())
    assert message in " ".join(caught.value.messages)


# -- reading uploads -----------------------------------------------------------


def upload(name, data):
    return SimpleUploadedFile(name, data)


@pytest.mark.parametrize(
    "data",
    [
        "Zoë zegt: één café.\r\n".encode(),
        b"\xef\xbb\xbf" + "Zoë zegt: één café.\r\n".encode(),
        "Zoë zegt: één café.\r\n".encode("cp1252"),
    ],
)
def test_text_files_in_utf8_with_or_without_bom_or_cp1252(data):
    assert transcript_read_upload(upload("a.txt", data)) == "Zoë zegt: één café.\n"


def test_a_word_file_gives_its_paragraphs():
    document = Document()
    document.add_paragraph("I: Vertel eens.")
    document.add_paragraph("R: Het gaat goed.")
    buffer = io.BytesIO()
    document.save(buffer)
    assert transcript_read_upload(upload("a.docx", buffer.getvalue())) == (
        "I: Vertel eens.\nR: Het gaat goed."
    )


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("a.pdf", b"%PDF", "Kies een tekstbestand (.txt) of een Word-bestand (.docx)."),
        (
            "a.docx",
            b"geen zip",
            "Dit Word-bestand kan niet worden gelezen. Sla het op als .docx of .txt.",
        ),
        ("a.txt", b"x" * (2 * 1024 * 1024 + 1), "Het bestand is groter dan 2 MB."),
        ("a.txt", b"  \n", "Het transcript is leeg."),
    ],
)
def test_unreadable_uploads_are_refused_in_dutch(name, data, message):
    with pytest.raises(ValidationError) as caught:
        transcript_read_upload(upload(name, data))
    assert caught.value.messages == [message]


# -- pages ---------------------------------------------------------------------


def test_upload_review_and_save_through_the_pages(session, researcher, client_as):
    client = client_as(researcher)
    url = f"/onderzoek/gesprekken/{session.pk}/transcript/"
    assert client.get(url).status_code == 200
    page = client.post(url, {"file": upload("gesprek.txt", TEXT.encode())})
    assert page.status_code == 200
    body = page.content.decode()
    assert "[WERKGEVER-1]" in body and 'name="accept"' in body
    proposals = redaction_propose(session=session, text=TEXT)
    keep = [p.id for p in proposals if p.text != "Kerkstraat"]
    review = f"{url}controleren/"
    page = client.post(
        review,
        {
            "original": TEXT,
            "accept": keep,
            "phrase": "Kerkstraat",
            "tag": "LOCATIE",
            "action": "update",
        },
    )
    assert page.status_code == 200
    assert 'value="LOCATIE\tKerkstraat"' in page.content.decode()
    assert not Transcript.objects.exists()
    response = client.post(
        review,
        {
            "original": TEXT,
            "accept": keep,
            "added": ["LOCATIE\tKerkstraat"],
            "action": "save",
            "source_name": "gesprek.txt",
        },
    )
    assert response.status_code == 302
    stored = Transcript.objects.get(session=session)
    assert "Kerkstraat" not in stored.text
    assert "[LOCATIE-1]" in stored.text
    assert "original" not in client.session


def test_a_caseworker_cannot_open_the_upload(session, caseworker, client_as):
    url = f"/onderzoek/gesprekken/{session.pk}/transcript/"
    assert client_as(caseworker).get(url).status_code == 403


# -- API -----------------------------------------------------------------------


def test_api_propose_save_list_and_audited_detail(session, researcher, api_as):
    client = api_as(researcher)
    proposed = client.post(
        "/api/v1/transcripts/propose/", {"session": session.pk, "text": TEXT}, format="json"
    )
    assert proposed.status_code == 200
    body = proposed.json()
    assert [p["label"] for p in body["proposals"]] == [
        "[WERKGEVER-1]",
        "[PERSOON-1]",
        "[PERSOON-2]",
        "[LOCATIE-1]",
        "[TELEFOONNUMMER-1]",
    ]
    assert not Transcript.objects.exists()
    saved = client.post(
        "/api/v1/transcripts/",
        {"session": session.pk, "text": TEXT, "accepted": [p["id"] for p in body["proposals"]]},
        format="json",
    )
    assert saved.status_code == 201
    pk = saved.json()["id"]
    listed = client.get("/api/v1/transcripts/").json()
    rows = listed["results"] if isinstance(listed, dict) else listed
    assert [r["id"] for r in rows] == [pk]
    assert "text" not in rows[0]
    detail = client.get(f"/api/v1/transcripts/{pk}/").json()
    assert detail["text"] == body["preview"]
    entry = AuditEntry.objects.filter(action=AuditAction.VIEW, object_id=str(pk)).get()
    assert entry.changes["fields"] == ["text"] or "text" in str(entry.changes)
    again = client.post(
        "/api/v1/transcripts/",
        {"session": session.pk, "text": TEXT, "accepted": []},
        format="json",
    )
    assert again.status_code == 400
