"""Services of the codebook, memos and codings: writes, audit entries and refusals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.research import coding
from basisbaan.research.constants import CODE_COLOURS
from basisbaan.research.models import Code, Coding, Memo
from tests.research.conftest_coding import Coded, coded_fixture  # noqa: F401
from tests.research.factories import CodeFactory, RespondentFactory, StudyFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def _entries(model: str, action: AuditAction) -> int:
    return AuditEntry.objects.filter(object_type=f"research.{model}", action=action).count()


def test_code_create_takes_the_next_colour_and_is_audited(coded: Coded, researcher) -> None:
    code = coding.code_create(study=coded.study, name="  Zorg   thuis ", actor=researcher)
    assert code.name == "Zorg thuis"
    assert code.colour == CODE_COLOURS[4]  # four codes before it
    assert code.position == 3
    assert _entries("code", AuditAction.CREATE) == 1
    sub = coding.code_create(
        study=coded.study, name="Mantelzorg", parent=code, colour="#abcdef", actor=researcher
    )
    assert (sub.parent, sub.colour, sub.position) == (code, "#ABCDEF", 0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": " "}, "Geef de code een naam."),
        ({"name": "werk"}, "Er is al een code ‘werk’ op deze plek in het codeboek."),
        (
            {"name": "Nieuw", "colour": "blauw"},
            "Een kleur schrijft u als #RRGGBB, bijvoorbeeld #1F77B4.",
        ),
    ],
)
def test_code_create_refusals_change_nothing(coded: Coded, researcher, kwargs, message) -> None:
    with pytest.raises(ValidationError) as info, unchanged():
        coding.code_create(study=coded.study, actor=researcher, **kwargs)
    assert info.value.messages == [message]


def test_same_name_under_another_parent_is_fine(coded: Coded, researcher) -> None:
    code = coding.code_create(study=coded.study, name="Structuur", actor=researcher)
    assert code.parent is None


def test_code_of_another_study_cannot_be_the_parent(coded: Coded, researcher) -> None:
    other = CodeFactory(study=StudyFactory(programme=coded.study.programme))
    with pytest.raises(ValidationError) as info, unchanged():
        coding.code_create(study=coded.study, name="X", parent=other, actor=researcher)
    assert info.value.messages == ["De hoofdcode hoort niet bij dit onderzoek."]


def test_code_update(coded: Coded, researcher) -> None:
    coding.code_update(
        code=coded.g, data={"name": "Inkomen", "colour": "#000000"}, actor=researcher
    )
    coded.g.refresh_from_db()
    assert (coded.g.name, coded.g.colour) == ("Inkomen", "#000000")
    assert _entries("code", AuditAction.UPDATE) == 1
    with pytest.raises(ValidationError), unchanged(coded.g):
        coding.code_update(code=coded.g, data={"name": "Werk"}, actor=researcher)


def test_code_move_and_the_refused_cycle(coded: Coded, researcher) -> None:
    coding.code_move(code=coded.g, parent=coded.s, actor=researcher)
    coded.g.refresh_from_db()
    assert coded.g.parent == coded.s
    with pytest.raises(ValidationError) as info, unchanged(coded.w):
        coding.code_move(code=coded.w, parent=coded.g, actor=researcher)  # W > S > G
    assert info.value.messages == [
        "Een code kan niet onder zichzelf of onder een eigen subcode staan."
    ]
    with pytest.raises(ValidationError), unchanged(coded.w):
        coding.code_move(code=coded.w, parent=coded.w, actor=researcher)
    coding.code_move(code=coded.g, parent=None, actor=researcher)
    coded.g.refresh_from_db()
    assert coded.g.parent is None


def test_code_delete_refuses_a_used_code_or_one_with_children(coded: Coded, researcher) -> None:
    with pytest.raises(ValidationError) as info, unchanged():
        coding.code_delete(code=coded.g, actor=researcher)
    assert info.value.messages == [
        "De code ‘Geld’ is nog 2 keer gebruikt. Verwijder eerst die coderingen of voeg de "
        "code samen met een andere."
    ]
    Coding.objects.filter(code=coded.w).delete()
    with pytest.raises(ValidationError) as info, unchanged():
        coding.code_delete(code=coded.w, actor=researcher)
    assert info.value.messages == [
        "De code ‘Werk’ heeft subcodes. Verplaats of verwijder die eerst."
    ]
    unused = coding.code_create(study=coded.study, name="Ongebruikt", actor=researcher)
    coding.code_delete(code=unused, actor=researcher)
    assert not Code.objects.filter(pk=unused.pk).exists()
    assert _entries("code", AuditAction.DELETE) == 1


def test_memos_on_study_code_and_transcript(coded: Coded, researcher) -> None:
    on_study = coding.memo_create(
        study=coded.study, title="Plan", text="Eerst tien", actor=researcher
    )
    on_code = coding.memo_create(
        study=coded.study, code=coded.w, title="Werk", text="Breed", actor=researcher
    )
    on_text = coding.memo_create(
        study=coded.study, transcript=coded.t1, title="T1", text="Open", actor=researcher
    )
    assert (on_study.code, on_study.transcript, on_study.author) == (None, None, researcher)
    assert on_code.code == coded.w and on_text.transcript == coded.t1
    coding.memo_update(memo=on_code, data={"text": " Smal "}, actor=researcher)
    on_code.refresh_from_db()
    assert on_code.text == "Smal"
    coding.memo_delete(memo=on_study, actor=researcher)
    assert list(Memo.objects.order_by("pk").values_list("title", flat=True)) == ["Werk", "T1"]
    assert _entries("memo", AuditAction.CREATE) == 3
    with pytest.raises(ValidationError), unchanged():
        coding.memo_create(
            study=coded.study,
            code=coded.w,
            transcript=coded.t1,
            title="X",
            text="Y",
            actor=researcher,
        )
    with pytest.raises(ValidationError), unchanged():
        coding.memo_create(study=coded.study, title="", text="Y", actor=researcher)


def test_coding_create_and_delete(coded: Coded, researcher) -> None:
    created = coding.coding_create(
        transcript=coded.t3,
        code=coded.s,
        start=3,
        end=12,
        respondent=coded.r3,
        is_quote=True,
        actor=researcher,
    )
    assert (created.start, created.end, created.respondent, created.is_quote) == (
        3,
        12,
        coded.r3,
        True,
    )
    assert created.created_by == researcher
    assert _entries("coding", AuditAction.CREATE) == 1
    coding.coding_mark_quote(coding=created, is_quote=False, actor=researcher)
    created.refresh_from_db()
    assert created.is_quote is False
    coding.coding_delete(coding=created, actor=researcher)
    assert not Coding.objects.filter(pk=created.pk).exists()
    assert _entries("coding", AuditAction.DELETE) == 1


def test_coding_covers_the_whole_text(coded: Coded, researcher) -> None:
    end = len(coded.t1.text)
    created = coding.coding_create(
        transcript=coded.t1, code=coded.c, start=0, end=end, actor=researcher
    )
    assert created.end == end


@pytest.mark.parametrize(("start", "end"), [(-1, 5), (5, 5), (6, 5), (0, 10_000)])
def test_coding_outside_the_text_is_refused(coded: Coded, researcher, start, end) -> None:
    with pytest.raises(ValidationError) as info, unchanged():
        coding.coding_create(
            transcript=coded.t1, code=coded.c, start=start, end=end, actor=researcher
        )
    assert "De selectie valt buiten de tekst" in info.value.messages[0]


def test_coding_refusals_change_nothing(coded: Coded, researcher) -> None:
    other_study_code = CodeFactory(study=StudyFactory(programme=coded.study.programme))
    stranger = RespondentFactory(study=coded.study, code="R09")
    with pytest.raises(ValidationError) as info, unchanged():
        coding.coding_create(
            transcript=coded.t1, code=other_study_code, start=0, end=5, actor=researcher
        )
    assert info.value.messages == ["De code hoort niet bij het onderzoek van dit gesprek."]
    with pytest.raises(ValidationError) as info, unchanged():
        coding.coding_create(
            transcript=coded.t1, code=coded.c, start=0, end=5, respondent=stranger, actor=researcher
        )
    assert info.value.messages == ["Deze spreker was niet bij dit gesprek."]
    with pytest.raises(ValidationError) as info, unchanged():
        coding.coding_create(transcript=coded.t1, code=coded.w, start=0, end=10, actor=researcher)
    assert info.value.messages == ["Deze selectie heeft deze code al."]


def test_segments_to_range() -> None:
    spans = [(0, 5), (6, 10), (12, 20)]
    assert coding.segments_to_range("", spans, [1]) == (6, 10)
    assert coding.segments_to_range("", spans, [2, 1]) == (6, 20)
    for chosen, message in (
        ([], "Kies een of meer tekstdelen om te coderen."),
        ([0, 2], "Kies tekstdelen die op elkaar volgen; codeer losse delen apart."),
        ([3], "Dat tekstdeel bestaat niet (meer)."),
    ):
        with pytest.raises(ValidationError) as info:
            coding.segments_to_range("", spans, chosen)
        assert info.value.messages == [message]


def test_transcript_mark_coded(coded: Coded, researcher) -> None:
    day = dt.date(2026, 11, 18)
    coding.transcript_mark_coded(transcript=coded.t4, done=True, on=day, actor=researcher)
    coded.t4.refresh_from_db()
    assert (coded.t4.coding_done, coded.t4.coding_done_on) == (True, day)
    coding.transcript_mark_coded(transcript=coded.t4, done=False, on=day, actor=researcher)
    coded.t4.refresh_from_db()
    assert (coded.t4.coding_done, coded.t4.coding_done_on) == (False, None)
    entry = AuditEntry.objects.filter(object_type="research.transcript").latest("pk")
    assert "text" not in entry.changes


def test_saturation_settings_update(coded: Coded, researcher) -> None:
    coding.saturation_settings_update(
        study=coded.study,
        data={"guest_base_size": 6, "guest_threshold": "0.025", "francis_stop": 4},
        actor=researcher,
    )
    coded.study.refresh_from_db()
    assert (coded.study.guest_base_size, coded.study.guest_threshold, coded.study.francis_stop) == (
        6,
        Decimal("0.025"),
        4,
    )
    with pytest.raises(ValidationError), unchanged(coded.study):
        coding.saturation_settings_update(
            study=coded.study, data={"guest_base_size": 0}, actor=researcher
        )
    with pytest.raises(ValidationError), unchanged(coded.study):
        coding.saturation_settings_update(study=coded.study, data={"title": "X"}, actor=researcher)
