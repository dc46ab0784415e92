"""REFI-QDA exchange: the files validate against the vendored schemas, a study makes a
lossless round trip, imports are idempotent and refuse damaged or hostile files with
nothing changed, and every export and import is audited."""

from __future__ import annotations

import datetime as dt
import io
import uuid
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from django.core.management import call_command

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.research import exchange, refi
from basisbaan.research.constants import SessionKind, WithdrawalChoice
from basisbaan.research.models import Code, Coding, Transcript
from tests.research.factories import (
    CodeFactory,
    CodingFactory,
    ConsentFactory,
    MemoFactory,
    RespondentFactory,
    SessionFactory,
    StudyFactory,
    TranscriptFactory,
)
from tests.unchanged import unchanged

NS = {"p": refi.PROJECT_NS}
TEXT_A = "I: Hoe bevalt het werk?\nR: Goed, ik werk bij [WERKGEVER-1] met [PERSOON-1]. Één café!\n"
TEXT_B = "I: Wat is lastig?\nR: Het vroege opstaan en de reistijd.\n"


def transcript_of(study, text, *, code="R01", day=dt.date(2025, 3, 12), kind=None):
    respondent = RespondentFactory(study=study, code=code)
    session = SessionFactory(
        study=study, held_on=day, planned_on=day, kind=kind or SessionKind.INTERVIEW
    )
    session.respondents.add(respondent)
    return TranscriptFactory(session=session, text=text)


@pytest.fixture
def study(municipality, programme, researcher):
    study = StudyFactory(programme=programme, municipality=municipality, title="Evaluatie 2025")
    study.researchers.add(researcher)
    return study


@pytest.fixture
def world(study, researcher):
    """A nested codebook (two themes, sub-codes, a grandchild) and codings on two transcripts."""
    a = transcript_of(study, TEXT_A, code="R05")
    b = transcript_of(study, TEXT_B, code="R06", day=dt.date(2025, 3, 14))
    work = CodeFactory(study=study, name="Werk", colour="#D62728", description="Over het werk")
    colleagues = CodeFactory(study=study, name="Collega's", parent=work, colour="#2CA02C")
    cafe = CodeFactory(study=study, name="Café", parent=colleagues, colour="#9467BD", position=1)
    barriers = CodeFactory(study=study, name="Drempels", colour="#1F77B4", position=1)
    travel = CodeFactory(study=study, name="Reistijd", parent=barriers, colour="#8C564B")
    CodingFactory(transcript=a, code=work, start=33, end=58, created_by=researcher)
    CodingFactory(transcript=a, code=colleagues, start=63, end=74, created_by=researcher)
    CodingFactory(transcript=a, code=cafe, start=80, end=84)
    CodingFactory(transcript=b, code=travel, start=46, end=54, created_by=researcher)
    CodingFactory(transcript=b, code=barriers, start=21, end=54)
    MemoFactory(study=study, code=work, title="Werk", text="Structuur komt vaak terug.")
    MemoFactory(study=study, transcript=a, title="R05", text="Positief.")
    MemoFactory(study=study, title="Algemeen", text="Eerste ronde.")
    return {"a": a, "b": b, "codes": [work, colleagues, cafe, barriers, travel]}


def members(content: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def tree_of(study) -> list[tuple]:
    """The codebook as comparable rows: (path, colour, description, position order)."""
    codes = list(Code.objects.filter(study=study))
    by_pk = {c.pk: c for c in codes}

    def path(code):
        names = [code.name]
        while code.parent_id is not None:
            code = by_pk[code.parent_id]
            names.insert(0, code.name)
        return " / ".join(names)

    rows = [(path(c), c.colour, c.description) for c in codes]
    return sorted(rows)


def codings_of(study) -> list[tuple]:
    return sorted(
        (c.transcript.text[:12], c.code.name, c.start, c.end)
        for c in Coding.objects.filter(transcript__session__study=study).select_related(
            "code", "transcript"
        )
    )


def qdpx(project_xml: bytes, sources: dict[str, str] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project_xml)
        for name, text in (sources or {}).items():
            archive.writestr(name, text.encode())
    return buffer.getvalue()


# ------------------------------------------------------------------------- export


def test_the_exported_project_validates_and_holds_the_exact_texts(world, study, researcher):
    content = exchange.study_export_qdpx(study=study, actor=researcher)
    files = members(content)
    a, b = world["a"], world["b"]
    assert sorted(files) == sorted(
        ["project.qde", f"Sources/{a.guid}.txt", f"Sources/{b.guid}.txt"]
    )
    assert files[f"Sources/{a.guid}.txt"].decode("utf-8") == TEXT_A
    assert files[f"Sources/{b.guid}.txt"] == TEXT_B.encode("utf-8")
    tree = etree.fromstring(files["project.qde"])
    assert refi.project_schema().validate(tree.getroottree()), refi.project_schema().error_log
    assert tree.tag == "{urn:QDA-XML:project:1.0}Project"
    assert tree.get("name") == "Evaluatie 2025"
    assert tree.get("origin").startswith("Basisbaan ")
    assert tree.get("creatingUserGUID") == exchange.user_guid(researcher.pk)
    # The children in the schema's order.
    assert [etree.QName(c).localname for c in tree] == [
        "Users",
        "CodeBook",
        "Cases",
        "Sources",
        "Notes",
        "Description",
        "NoteRef",
    ]
    users = tree.findall("p:Users/p:User", NS)
    assert [(u.get("guid"), u.get("name")) for u in users] == [
        (str(uuid.uuid5(exchange.USER_NAMESPACE, str(researcher.pk))), researcher.username)
    ]
    sources = tree.findall("p:Sources/p:TextSource", NS)
    assert [(s.get("guid"), s.get("name"), s.get("plainTextPath")) for s in sources] == [
        (str(a.guid), "Interview R05 12-03-2025", f"internal://{a.guid}.txt"),
        (str(b.guid), "Interview R06 14-03-2025", f"internal://{b.guid}.txt"),
    ]
    selections = sources[0].findall("p:PlainTextSelection", NS)
    assert [(s.get("startPosition"), s.get("endPosition")) for s in selections] == [
        ("33", "58"),
        ("63", "74"),
        ("80", "84"),
    ]
    # Code points: "café" at 80 to 84 in a text with "Één" before it.
    assert TEXT_A[80:84] == "café"
    coding = selections[0].find("p:Coding", NS)
    assert coding.get("creatingUser") == exchange.user_guid(researcher.pk)
    assert coding.find("p:CodeRef", NS).get("targetGUID") == str(world["codes"][0].guid)
    cases = tree.findall("p:Cases/p:Case", NS)
    assert [(c.get("name"), c.findtext("p:Description", namespaces=NS)) for c in cases] == [
        ("R05", "Medewerker gemeente"),
        ("R06", "Medewerker gemeente"),
    ]
    assert cases[0].find("p:SourceRef", NS).get("targetGUID") == str(a.guid)
    top = tree.findall("p:CodeBook/p:Codes/p:Code", NS)
    assert [(c.get("name"), c.get("color"), c.get("isCodable")) for c in top] == [
        ("Werk", "#D62728", "true"),
        ("Drempels", "#1F77B4", "true"),
    ]
    assert [c.get("name") for c in top[0].iter("{urn:QDA-XML:project:1.0}Code")] == [
        "Werk",
        "Collega's",
        "Café",
    ]


def test_the_export_names_no_participant(municipality, programme, researcher):
    from tests.factories import ParticipantFactory

    study = StudyFactory(programme=programme, municipality=municipality)
    participant = ParticipantFactory(municipality=municipality)
    respondent = RespondentFactory(study=study, code="R01", kind="participant")
    respondent.participant = participant
    respondent.save()
    session = SessionFactory(study=study)
    session.respondents.add(respondent)
    TranscriptFactory(session=session, text=TEXT_B)
    xml = members(exchange.study_export_qdpx(study=study, actor=researcher))["project.qde"]
    for value in (participant.first_name, participant.last_name, participant.bsn):
        assert value and value.encode() not in xml
    assert b'name="R01"' in xml


def test_a_withdrawn_respondent_has_no_case_and_an_unlinked_transcript_no_code(study, researcher):
    kept = transcript_of(study, TEXT_A, code="R01")
    gone = transcript_of(study, TEXT_B, code="R02")
    consent = ConsentFactory(respondent=gone.session.respondents.get())
    consent.withdrawn_on = dt.date(2025, 4, 1)
    consent.withdrawal = WithdrawalChoice.KEEP_UNLINKED
    consent.save()
    Transcript.objects.filter(pk=gone.pk).update(unlinked=True)
    tree = etree.fromstring(
        members(exchange.study_export_qdpx(study=study, actor=researcher))["project.qde"]
    )
    assert [c.get("name") for c in tree.findall("p:Cases/p:Case", NS)] == ["R01"]
    assert [s.get("name") for s in tree.findall("p:Sources/p:TextSource", NS)] == [
        "Interview R01 12-03-2025",
        "Interview 12-03-2025",
    ]
    assert kept.pk


def test_the_codebook_export_validates(world, study, researcher):
    content = exchange.codebook_export_qdc(study=study, actor=researcher)
    tree = etree.fromstring(content)
    assert refi.codebook_schema().validate(tree.getroottree()), refi.codebook_schema().error_log
    assert tree.tag == "{urn:QDA-XML:codebook:1.0}CodeBook"
    codes = tree.findall("{urn:QDA-XML:codebook:1.0}Codes/{urn:QDA-XML:codebook:1.0}Code")
    assert [c.get("name") for c in codes] == ["Werk", "Drempels"]
    assert codes[0].findtext("{urn:QDA-XML:codebook:1.0}Description") == "Over het werk"


def test_exports_are_audited(world, study, researcher):
    exchange.study_export_qdpx(study=study, actor=researcher)
    export = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="research.transcript")
    ids = ",".join(str(t.pk) for t in sorted([world["a"], world["b"]], key=lambda t: t.pk))
    assert export.changes == {
        "filters": {"study": str(study.pk), "transcripts": ids},
        "rows": 2,
        "format": "qdpx",
        "fields": ["text"],
    }
    assert export.actor == researcher
    assert not AuditEntry.objects.filter(action=AuditAction.LIST).exists()
    exchange.codebook_export_qdc(study=study, actor=researcher)
    qdc = AuditEntry.objects.get(action=AuditAction.EXPORT, object_type="research.code")
    assert qdc.changes == {"filters": {"study": str(study.pk)}, "rows": 5, "format": "qdc"}


# ---------------------------------------------------------------------- round trip


def fresh_study(municipality, programme, study_texts):
    other = StudyFactory(programme=programme, municipality=municipality, title="Kopie")
    for n, text in enumerate(study_texts):
        transcript_of(other, text, code=f"X{n}", day=dt.date(2025, 5, 1 + n))
    return other


def test_a_round_trip_is_lossless_and_a_second_import_adds_nothing(
    world, study, municipality, programme, researcher
):
    content = exchange.study_export_qdpx(study=study, actor=researcher)
    other = fresh_study(municipality, programme, [TEXT_B, TEXT_A])
    result = exchange.codings_import_qdpx(study=other, actor=researcher, content=content)
    assert result == exchange.ImportResult(
        codes_created=5, codes_skipped=0, codings_created=5, codings_skipped=0, sources_matched=2
    )
    assert (
        tree_of(other)
        == tree_of(study)
        == [
            ("Drempels", "#1F77B4", ""),
            ("Drempels / Reistijd", "#8C564B", ""),
            ("Werk", "#D62728", "Over het werk"),
            ("Werk / Collega's", "#2CA02C", ""),
            ("Werk / Collega's / Café", "#9467BD", ""),
        ]
    )
    assert codings_of(other) == codings_of(study)
    assert len(codings_of(other)) == 5
    # The order of the codebook is kept too.
    assert [c.name for c in Code.objects.filter(study=other, parent=None)] == ["Werk", "Drempels"]
    # New GUIDs: the originals belong to the first study.
    assert not Code.objects.filter(study=other, guid=world["codes"][0].guid).exists()
    again = exchange.codings_import_qdpx(study=other, actor=researcher, content=content)
    assert again == exchange.ImportResult(
        codes_created=0, codes_skipped=5, codings_created=0, codings_skipped=5, sources_matched=2
    )
    assert len(codings_of(other)) == 5


def test_importing_a_study_into_itself_adds_nothing(world, study, researcher):
    content = exchange.study_export_qdpx(study=study, actor=researcher)
    with unchanged(reads=True):
        result = exchange.codings_import_qdpx(study=study, actor=researcher, content=content)
    assert (result.created, result.skipped, result.sources_matched) == (0, 10, 2)


def test_the_import_is_audited(world, study, municipality, programme, researcher):
    content = exchange.study_export_qdpx(study=study, actor=researcher)
    other = fresh_study(municipality, programme, [TEXT_A, TEXT_B])
    exchange.codings_import_qdpx(study=other, actor=researcher, content=content)
    created = AuditEntry.objects.filter(action=AuditAction.CREATE, actor=researcher)
    assert created.filter(object_type="research.code").count() == 5
    assert created.filter(object_type="research.coding").count() == 5
    assert set(Coding.objects.filter(code__study=other).values_list("created_by", flat=True)) == {
        researcher.pk
    }


def test_sources_match_by_name_and_unknown_sources_are_reported(study, researcher):
    transcript = transcript_of(study, TEXT_A, code="R05")
    code = CodeFactory(study=study, name="Werk")
    guid = "{6F9619FF-8B86-D011-B42D-00C04FC964FF}"
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Andere tool">
  <CodeBook><Codes><Code guid="{code.guid}" name="Werk" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="{guid}" name="interview r05 12-03-2025">
      <PlainTextSelection guid="{uuid.uuid4()}" startPosition="3" endPosition="9">
        <Coding guid="{uuid.uuid4()}"><CodeRef targetGUID="{code.guid}"/></Coding>
      </PlainTextSelection>
    </TextSource>
    <TextSource guid="{uuid.uuid4()}" name="Interview Y99" plainTextPath="internal://y.txt"/>
  </Sources>
</Project>""".encode()
    result = exchange.codings_import_qdpx(
        study=study, actor=researcher, content=qdpx(xml, {"sources/y.txt": "iets anders"})
    )
    assert result.unmatched_sources == ("Interview Y99",)
    assert (result.codings_created, result.codes_skipped, result.sources_matched) == (1, 1, 1)
    coding = Coding.objects.get(transcript=transcript)
    assert (coding.code, coding.start, coding.end) == (code, 3, 9)


# ------------------------------------------------------------------------ codebook


OTHER_TOOL_QDC = b"""<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="ATLAS.ti 23">
  <Codes>
    <Code guid="{A1B2C3D4-0000-4000-8000-000000000001}" name="Motivatie" isCodable="false" color="#f0a">
      <Description>Waarom iemand werkt</Description>
      <Code guid="{A1B2C3D4-0000-4000-8000-000000000002}" name="Geld" isCodable="true" color="#00AA11"/>
      <Code guid="{A1B2C3D4-0000-4000-8000-000000000003}" name="Erbij horen" isCodable="true"/>
    </Code>
    <Code guid="a1b2c3d4-0000-4000-8000-000000000004" name="Werk" isCodable="true" color="#123456"/>
  </Codes>
</CodeBook>
"""


def test_a_codebook_of_another_tool_is_imported(study, researcher):
    existing = CodeFactory(study=study, name="Werk", colour="#D62728", position=0)
    result = exchange.codebook_import_qdc(study=study, actor=researcher, content=OTHER_TOOL_QDC)
    assert result == exchange.ImportResult(codes_created=3, codes_skipped=1)
    assert tree_of(study) == [
        ("Motivatie", "#FF00AA", "Waarom iemand werkt"),
        ("Motivatie / Erbij horen", "#D62728", ""),  # the next colour in turn
        ("Motivatie / Geld", "#00AA11", ""),
        ("Werk", "#D62728", ""),  # matched by name: left as it was
    ]
    motivation = Code.objects.get(study=study, name="Motivatie")
    assert str(motivation.guid) == "a1b2c3d4-0000-4000-8000-000000000001"
    assert motivation.position == 1
    assert existing.pk in Code.objects.filter(study=study).values_list("pk", flat=True)
    again = exchange.codebook_import_qdc(study=study, actor=researcher, content=OTHER_TOOL_QDC)
    assert again == exchange.ImportResult(codes_created=0, codes_skipped=4)


def test_a_codebook_round_trip(world, study, municipality, programme, researcher):
    content = exchange.codebook_export_qdc(study=study, actor=researcher)
    other = StudyFactory(programme=programme, municipality=municipality)
    result = exchange.codebook_import_qdc(study=other, actor=researcher, content=content)
    assert result.codes_created == 5
    assert tree_of(other) == tree_of(study)


# ------------------------------------------------------------------------ refusals


def project_with_selection(code_guid, source_guid, start, end, text):
    xml = f"""<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="x">
  <CodeBook><Codes><Code guid="{code_guid}" name="Nieuw" isCodable="true"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="{source_guid}" name="bron" plainTextPath="internal://{source_guid}.txt">
      <PlainTextSelection guid="{uuid.uuid4()}" startPosition="{start}" endPosition="{end}">
        <Coding guid="{uuid.uuid4()}"><CodeRef targetGUID="{code_guid}"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>""".encode()
    return qdpx(xml, {f"Sources/{source_guid}.txt": text})


def refused(study, researcher, content, *, qdc=False) -> list[str]:
    with pytest.raises(refi.RefiError) as caught, unchanged():
        if qdc:
            exchange.codebook_import_qdc(study=study, actor=researcher, content=content)
        else:
            exchange.codings_import_qdpx(study=study, actor=researcher, content=content)
    return caught.value.messages


def test_a_selection_beyond_the_text_is_refused(study, researcher):
    transcript = transcript_of(study, TEXT_B)
    content = project_with_selection(uuid.uuid4(), transcript.guid, 10, 999, TEXT_B)
    [message] = refused(study, researcher, content)
    assert "loopt tot positie 999, maar de tekst is 56 tekens lang" in message
    assert len(TEXT_B) == 56


def test_a_source_with_another_text_is_refused(study, researcher):
    transcript = transcript_of(study, TEXT_B)
    content = project_with_selection(uuid.uuid4(), transcript.guid, 1, 5, TEXT_A)
    [message] = refused(study, researcher, content)
    assert message.startswith("De tekst van bron 'bron' verschilt van het transcript")


def test_a_wrong_namespace_is_refused(study, researcher):
    xml = b'<?xml version="1.0"?><Project xmlns="urn:QDA-XML:project:1:0" name="x"/>'
    [message] = refused(study, researcher, qdpx(xml))
    assert "onbekende naamruimte" in message
    assert "urn:QDA-XML:project:1:0" in message
    bare = b'<?xml version="1.0"?><CodeBook><Codes/></CodeBook>'
    [message] = refused(study, researcher, bare, qdc=True)
    assert "(geen naamruimte)" in message


def test_entities_are_refused(study, researcher):
    bomb = b"""<?xml version="1.0"?>
<!DOCTYPE CodeBook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="a1b2c3d4-0000-4000-8000-000000000004" name="&b;" isCodable="true"/>
</Codes></CodeBook>"""
    [message] = refused(study, researcher, bomb, qdc=True)
    assert "DTD of entiteiten" in message
    external = (
        b'<?xml version="1.0"?><!DOCTYPE p SYSTEM "file:///etc/passwd">'
        b'<Project xmlns="urn:QDA-XML:project:1.0" name="x"/>'
    )
    [message] = refused(study, researcher, qdpx(external))
    assert "DTD" in message


def test_not_a_zip_and_damaged_xml_are_refused(study, researcher):
    [message] = refused(study, researcher, b"dit is geen zip")
    assert message == (
        "Het bestand is geen geldig .qdpx-bestand: het is geen (leesbaar) zip-archief."
    )
    [message] = refused(study, researcher, qdpx(b"<Project"))
    assert message.startswith("project.qde is geen geldige XML (regel 1)")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("andere.txt", b"x")
    [message] = refused(study, researcher, buffer.getvalue())
    assert message == "Het zip-archief bevat geen project.qde."


def test_a_file_that_breaks_the_schema_is_refused(study, researcher):
    qdc = b"""<?xml version="1.0"?><CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="niet-een-guid" name="A" isCodable="true"/></Codes></CodeBook>"""
    messages = refused(study, researcher, qdc, qdc=True)
    assert messages[0].startswith("Het codeboek voldoet niet aan het REFI-QDA-schema (regel 2)")


def test_a_zip_bomb_is_refused(study, researcher, monkeypatch):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", b" " * (5 * 1024 * 1024))
    [message] = refused(study, researcher, buffer.getvalue())
    assert "zip-bom" in message
    monkeypatch.setattr(refi, "MAX_UPLOAD_BYTES", 100)
    [message] = refused(study, researcher, buffer.getvalue())
    assert message == "Het bestand is te groot: de grens is 0 MB."


def test_an_unknown_code_reference_is_refused(study, researcher):
    transcript = transcript_of(study, TEXT_B)
    content = project_with_selection(uuid.uuid4(), transcript.guid, 1, 5, TEXT_B)
    broken = members(content)
    qde = broken["project.qde"].replace(b'<CodeRef targetGUID="', b'<CodeRef targetGUID="0')
    qde = qde.replace(b'targetGUID="0', b'targetGUID="f', 1)
    files = {k: v.decode() for k, v in broken.items() if k != "project.qde"}
    messages = refused(study, researcher, qdpx(qde, files))
    assert any("niet in het codeboek staat" in m or "REFI-QDA-schema" in m for m in messages)


# ----------------------------------------------------------------------------- CLI


def test_the_command_writes_the_file(world, study, tmp_path: Path, capsys):
    out = tmp_path / "studie.qdpx"
    call_command("export_qdpx", "--study", str(study.pk), "--out", str(out))
    files = members(out.read_bytes())
    assert files[f"Sources/{world['a'].guid}.txt"].decode() == TEXT_A
    assert str(out) in capsys.readouterr().out
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.actor, entry.actor_label, entry.changes["rows"]) == (None, "systeem", 2)


def test_the_command_refuses_an_unknown_study(db, tmp_path: Path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Onbekend onderzoek: 999999"), unchanged():
        call_command("export_qdpx", "--study", "999999", "--out", str(tmp_path / "x.qdpx"))


# --------------------------------------------------------------------------- pages


def test_the_page_offers_downloads_and_uploads(world, study, researcher, client_as):
    from django.urls import reverse

    response = client_as(researcher).get(reverse("research:export", args=[study.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert reverse("research:export_file", args=[study.pk, "qdpx"]) in html
    assert reverse("research:export_file", args=[study.pk, "qdc"]) in html
    assert 'for="id_qdc-file">Bestand (.qdc)' in html
    assert 'accept=".qdpx"' in html


def test_the_page_downloads_the_project(world, study, researcher, client_as):
    from django.urls import reverse

    response = client_as(researcher).get(reverse("research:export_file", args=[study.pk, "qdpx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="evaluatie-2025.qdpx"'
    assert members(response.content)[f"Sources/{world['b'].guid}.txt"].decode() == TEXT_B
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, actor=researcher).count() == 1


def test_the_page_imports_a_codebook_and_shows_the_counts(study, researcher, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    upload = SimpleUploadedFile("atlas.qdc", OTHER_TOOL_QDC, content_type="application/xml")
    response = client_as(researcher).post(
        reverse("research:import", args=[study.pk, "qdc"]), {"qdc-file": upload}, follow=True
    )
    assert response.status_code == 200
    assert (
        "Geïmporteerd: 4 nieuwe codes (0 al aanwezig), 0 nieuwe coderingen (0 al aanwezig)."
        in response.content.decode()
    )
    assert Code.objects.filter(study=study).count() == 4


def test_the_page_shows_the_errors_and_saves_nothing(study, researcher, client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    upload = SimpleUploadedFile("kapot.qdpx", b"geen zip")
    with unchanged():
        response = client_as(researcher).post(
            reverse("research:import", args=[study.pk, "qdpx"]), {"qdpx-file": upload}
        )
    assert response.status_code == 200
    assert "het is geen (leesbaar) zip-archief" in response.content.decode()


def test_another_municipality_sees_no_study(world, study, outsider, client_as):
    from django.urls import reverse

    with unchanged():
        response = client_as(outsider).get(reverse("research:export_file", args=[study.pk, "qdpx"]))
    assert response.status_code == 403
