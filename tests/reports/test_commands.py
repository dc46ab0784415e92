"""``basisbaan council_report``: the frozen final version when there is one for the
reporting date, otherwise a draft computed now (not stored); Dutch refusals.
The suite's today is 18 November 2026."""

from __future__ import annotations

import io

import pytest
from docx import Document as Word

from django.core.management import call_command
from django.core.management.base import CommandError

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.reports.models import CouncilReport
from basisbaan.reports.services import content_hash, report_finalise, report_update
from tests.reports.conftest import place
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

ARGS = ("--municipality", "leeuwarden", "--programme", "klein")


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("council_report", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_without_a_final_version_it_writes_a_draft_computed_now(small, tmp_path):
    target = tmp_path / "brief.html"

    out, _err = run(*ARGS, "--as-of", "2026-10-31", "--format", "html", "--out", str(target))

    assert out == (
        f"Concept met de gegevens van 18-11-2026 (niet opgeslagen) geschreven naar {target}.\n"
    )
    html = target.read_text()
    assert "<title>Voortgang Basisbanen Klein</title>" in html
    # The default texts, filled from the figures of 31 October 2026.
    assert "De cijfers in deze brief gaan over de stand op 31 oktober 2026." in html
    assert not CouncilReport.objects.exists()
    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.object_type, entry.channel, entry.actor) == ("reports.councilreport", "cli", None)
    assert entry.changes["format"] == "html"
    assert entry.changes["filters"]["status"] == "draft"


def test_a_draft_takes_the_title_and_the_latest_texts_of_the_programme(
    draft, manager, today, tmp_path
):
    report_update(
        report=draft,
        actor=manager,
        data={"texts": {"closing": "Met vriendelijke groet, het college."}},
        today=today,
    )
    target = tmp_path / "brief.docx"

    run(
        *ARGS,
        "--as-of",
        "2026-11-01",
        "--format",
        "docx",
        "--out",
        str(target),
        "--title",
        "Stand november",
    )

    word = Word(str(target))
    texts = [p.text for p in word.paragraphs]
    assert texts[0] == "Stand november"
    assert word.paragraphs[0].style.name == "Heading 1"
    assert "Met vriendelijke groet, het college." in texts
    assert "Concept – de cijfers zijn van vandaag en kunnen nog veranderen." in texts
    assert CouncilReport.objects.count() == 1


def test_a_final_version_is_written_as_frozen_with_its_hash(small, draft, manager, tmp_path):
    report = report_finalise(report=draft, actor=manager)
    before, after = tmp_path / "voor.html", tmp_path / "na.html"

    out, _err = run(*ARGS, "--as-of", "2026-10-31", "--format", "html", "--out", str(before))
    for index in range(5):
        place(small[0], "Nieuw", "", f"Deelnemer{index}")
    run(*ARGS, "--as-of", "2026-10-31", "--format", "html", "--out", str(after))

    stored = CouncilReport.objects.get(pk=report.pk)
    assert stored.content_hash == content_hash(stored)
    assert out == (
        f"Definitieve versie 1 geschreven naar {before}.\n"
        f"Inhoudshash (SHA-256): {stored.content_hash}\n"
    )
    assert after.read_bytes() == before.read_bytes()
    assert "Concept" not in before.read_text()
    exports = AuditEntry.objects.filter(action=AuditAction.EXPORT)
    assert {e.changes["filters"]["content_hash"] for e in exports} == {stored.content_hash}


def test_a_final_version_writes_a_pdf_and_keeps_its_title(draft, manager, tmp_path):
    report_finalise(report=draft, actor=manager)
    target = tmp_path / "brief.pdf"

    _out, err = run(*ARGS, "--as-of", "2026-10-31", "--out", str(target), "--title", "Anders")

    assert target.read_bytes().startswith(b"%PDF")
    assert err == "Een definitieve versie houdt haar titel; --title is niet gebruikt.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--municipality", "atlantis", "--programme", "klein"), "Onbekende gemeente: atlantis."),
        (
            ("--municipality", "leeuwarden", "--programme", "groot"),
            "Gemeente leeuwarden heeft geen programma groot.",
        ),
        (
            (*ARGS, "--as-of", "2026-11-19"),
            "De peildatum 19-11-2026 ligt na vandaag (18-11-2026).",
        ),
        (
            (*ARGS, "--as-of", "2022-12-31"),
            "De peildatum 31-12-2022 ligt vóór de start van het programma (01-01-2023).",
        ),
    ],
)
def test_a_wrong_municipality_programme_or_date_is_refused_in_dutch(small, tmp_path, args, message):
    target = tmp_path / "brief.html"

    with pytest.raises(CommandError) as refused, unchanged():
        run(*args, "--format", "html", "--out", str(target))

    assert str(refused.value) == message
    assert refused.value.returncode == 2
    assert not target.exists()


def test_a_missing_folder_is_refused(small, tmp_path):
    target = tmp_path / "nergens" / "brief.html"

    with pytest.raises(CommandError) as refused:
        run(*ARGS, "--format", "html", "--out", str(target))

    assert str(refused.value) == f"De map {target.parent} bestaat niet."
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()
