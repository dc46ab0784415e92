"""Analyses of a small hand-made coded study (tests/research/conftest_coding.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from django.db import connection
from django.test.utils import CaptureQueriesContext

from basisbaan.research import analysis
from basisbaan.research.constants import RespondentKind
from tests.research.conftest_coding import TEXT, Coded, coded_fixture  # noqa: F401

pytestmark = pytest.mark.django_db


def test_segments_are_the_non_blank_lines_without_their_breaks() -> None:
    assert analysis.segments("a\n\n  bc \r\nd") == [(0, 1), (5, 7), (10, 11)]
    assert analysis.segments("") == []
    spans = analysis.segments(TEXT)
    assert len(spans) == 4
    assert TEXT[spans[0][0] : spans[0][1]] == "I: Hoe bevalt het werk bij [WERKGEVER-1]?"


def test_codebook_tree_in_order_with_depths_and_counts(coded: Coded) -> None:
    tree = analysis.codebook_tree(municipality=coded.study.municipality, study=coded.study)
    assert [(r.code.name, r.depth, r.codings, r.transcripts) for r in tree] == [
        ("Werk", 0, 3, 3),
        ("Structuur", 1, 1, 1),
        ("Geld", 0, 2, 2),
        ("Collega's", 0, 2, 2),
    ]


def test_codebook_tree_of_another_municipality_is_empty(coded: Coded, other_municipality) -> None:
    assert analysis.codebook_tree(municipality=other_municipality, study=coded.study) == []


def test_code_overview_fragments_with_context_in_the_order_held(coded: Coded) -> None:
    overview = analysis.code_overview(municipality=coded.study.municipality, code=coded.w)
    assert [(f.transcript_id, f.start, f.end) for f in overview.fragments] == [
        (coded.t1.pk, 0, 10),
        (coded.t2.pk, 0, 8),
        (coded.t4.pk, 0, 5),
    ]
    first = overview.fragments[0]
    assert first.text == "I: Hoe bev"
    assert first.before == ""
    assert first.after == TEXT[10:70] + "…"
    assert first.session_kind_label == "Interview"
    assert first.speaker is None
    assert [str(r) for r in first.respondents] == [f"R01 ({coded.r1.participant.pseudonym})"]
    assert first.respondents[0].kind_label == "Deelnemer"
    assert overview.transcript_ids == sorted([coded.t1.pk, coded.t2.pk, coded.t4.pk])


def test_code_overview_with_sub_codes(coded: Coded) -> None:
    overview = analysis.code_overview(
        municipality=coded.study.municipality, code=coded.w, include_children=True, context=3
    )
    assert [(f.code_name, f.transcript_id, f.start) for f in overview.fragments] == [
        ("Werk", coded.t1.pk, 0),
        ("Structuur", coded.t1.pk, 5),
        ("Werk", coded.t2.pk, 0),
        ("Werk", coded.t4.pk, 0),
    ]
    sub = overview.fragments[1]
    assert (sub.before, sub.text, sub.after) == ("…" + TEXT[2:5], TEXT[5:20], TEXT[20:23] + "…")


def test_code_overview_takes_a_fixed_number_of_queries(coded: Coded) -> None:
    with CaptureQueriesContext(connection) as queries:
        analysis.code_overview(
            municipality=coded.study.municipality, code=coded.w, include_children=True
        )
    assert len(queries) == 6


def test_cooccurrence_table(coded: Coded) -> None:
    table = analysis.cooccurrence_table(municipality=coded.study.municipality, study=coded.study)
    assert [r.code.name for r in table.codes] == ["Werk", "Structuur", "Geld", "Collega's"]
    assert table.rows == [
        [None, (1, 1), (0, 1), (1, 1)],
        [(1, 1), None, (0, 1), (0, 0)],
        [(0, 1), (0, 1), None, (0, 1)],
        [(1, 1), (0, 0), (0, 1), None],
    ]


def test_comparison_per_respondent_kind(coded: Coded) -> None:
    result = analysis.comparison(municipality=coded.study.municipality, study=coded.study)
    assert result.kinds == [
        (RespondentKind.PARTICIPANT, "Deelnemer", 2),
        (RespondentKind.HOST, "Werkgever", 1),
        (RespondentKind.STAFF, "Medewerker gemeente", 1),
        (RespondentKind.OTHER, "Anders", 0),
    ]
    assert [(r.row.code.name, r.cells) for r in result.rows] == [
        ("Werk", [1, 1, 0, 0]),
        ("Structuur", [1, 0, 0, 0]),
        ("Geld", [2, 0, 0, 0]),  # the focus group's fragment counts for R04 only
        ("Collega's", [1, 1, 1, 0]),  # unattributed: R03 and R04 both
    ]


def test_quotes_only_with_consent_for_quotes(coded: Coded) -> None:
    items = analysis.quotes(municipality=coded.study.municipality, study=coded.study)
    assert [(q.fragment.coding_id, q.allowed, q.missing) for q in items] == [
        (coded.codings["t1s"].pk, True, []),
        (coded.codings["t2w"].pk, False, ["R02"]),
        (coded.codings["t3g"].pk, True, []),
    ]


def test_quotes_of_a_withdrawn_speaker_are_withheld(coded: Coded, today) -> None:
    consent = coded.r4.consent
    consent.withdrawn_on = today
    consent.save()
    items = analysis.quotes(municipality=coded.study.municipality, study=coded.study)
    assert [(q.allowed, q.missing) for q in items][2] == (False, ["R04"])


def test_saturation_of_the_coded_transcripts_in_the_order_held(coded: Coded) -> None:
    sat = analysis.study_saturation(municipality=coded.study.municipality, study=coded.study)
    assert [t[0] for t in sat.transcripts] == [coded.t1.pk, coded.t2.pk, coded.t3.pk]
    assert [(p.number, p.codes, p.new, p.cumulative) for p in sat.points] == [
        (1, 3, 3, 3),
        (2, 2, 1, 4),
        (3, 2, 0, 4),
    ]
    # Defaults 4+2 and 10+3: too few conversations.
    assert sat.guest.windows == ()
    assert sat.guest_text() == "Verzadiging (Guest) nog niet bereikt na 3 gecodeerde gesprekken."
    assert sat.francis_text() == "Francis 10+3: nog niet bereikt"


def test_saturation_with_the_study_settings(coded: Coded) -> None:
    study = coded.study
    study.guest_base_size = 1
    study.guest_run_length = 1
    study.guest_threshold = Decimal("0.05")
    study.francis_initial = 1
    study.francis_stop = 1
    study.save()
    sat = analysis.study_saturation(municipality=study.municipality, study=study)
    assert [(w.label, w.base_codes, w.new_in_run, w.ratio) for w in sat.guest.windows] == [
        ("1+1", 3, 1, Decimal("0.3333")),
        ("2+1", 4, 0, Decimal("0.0000")),
    ]
    assert sat.guest.reached_at == 3
    assert sat.guest_text() == (
        "Verzadiging bereikt na 3 gesprekken (Guest: 2+1, nieuwe codes 0 van 4 = 0,0\xa0% ≤ 5\xa0%)"
    )
    assert sat.francis_text() == "Francis 1+1: bereikt bij gesprek 3"
    assert sat.total_codes == 4
