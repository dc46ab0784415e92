"""The demo study's data (basisbaan.demo.research_data), without loading the demo:
its shape, its fragments, the names it must never hold, and the saturation it was
designed for. The loaded study is tested in tests/demo/loaded/test_research_demo.py."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from basisbaan.calc import saturation
from basisbaan.demo.data import EMMEN, LEEUWARDEN, USERS
from basisbaan.demo.pilot import PILOT_PEOPLE
from basisbaan.demo.research import DemoResearchError, fragment_span, load_demo_research
from basisbaan.demo.research_data import (
    CODEBOOK,
    RESPONDENTS,
    SESSIONS,
    WITHDRAWN_CODE,
)
from basisbaan.intake.demo import NEWCOMERS
from basisbaan.research.constants import RedactionTag, RespondentKind, SessionKind
from basisbaan.research.models import Study
from tests.factories import ProgrammeFactory

D = dt.date
KEYS = {code.key for theme in CODEBOOK for code in theme.codes}
QUOTES = {respondent.code: respondent.quotes for respondent in RESPONDENTS}
HELD_ORDER = sorted(SESSIONS, key=lambda session: session.held_on)
# What remains after the withdrawal: every transcript but the withdrawn one's.
REMAINING = [session for session in HELD_ORDER if session.respondents != (WITHDRAWN_CODE,)]


def code_sets(sessions) -> list[set[str]]:
    return [{fragment.code for fragment in session.fragments} for session in sessions]


def test_codebook_has_six_themes_of_four_to_eight_codes():
    sizes = [len(theme.codes) for theme in CODEBOOK]
    assert sizes == [7, 7, 7, 6, 7, 7]
    assert len(KEYS) == 41  # 47 codes with the themes
    names = [code.name for theme in CODEBOOK for code in theme.codes]
    assert len(set(names)) == len(names)
    assert all(code.description for theme in CODEBOOK for code in theme.codes)


def test_respondents_and_sessions():
    kinds = [respondent.kind for respondent in RESPONDENTS]
    assert len(RESPONDENTS) == 22
    assert kinds.count(RespondentKind.PARTICIPANT) == 12
    assert kinds.count(RespondentKind.HOST) == 7
    assert kinds.count(RespondentKind.STAFF) == 3
    assert all(D(2025, 3, 3) <= r.consent_on <= D(2025, 3, 7) for r in RESPONDENTS)
    interviews = [s for s in SESSIONS if s.kind == SessionKind.INTERVIEW]
    groups = [s for s in SESSIONS if s.kind == SessionKind.FOCUS_GROUP]
    assert len(interviews) == 22
    assert sorted(code for s in interviews for code in s.respondents) == sorted(QUOTES)
    assert [len(g.respondents) for g in groups] == [3, 4]
    assert max(s.held_on for s in interviews) < min(g.held_on for g in groups)
    assert all(D(2025, 3, 1) <= s.held_on <= D(2025, 4, 30) for s in SESSIONS)


@pytest.mark.parametrize("session", SESSIONS, ids=lambda s: "-".join(s.respondents))
def test_transcript_shape(session):
    """150 to 350 words, 4 to 10 fragments each found in the text, known codes, quotes
    only with the speaker's consent, speakers only in a group, and tags of known kinds."""
    assert 150 <= len(session.text.split()) <= 350
    assert 4 <= len(session.fragments) <= 10
    group = session.kind == SessionKind.FOCUS_GROUP
    speakers = {f"R{n}:" for n in range(1, len(session.respondents) + 1)}
    for line in session.text.splitlines():
        assert (
            line.startswith("I: ")
            or (group and line.split()[0] in speakers)
            or (not group and line.startswith("R: "))
        )
    for fragment in session.fragments:
        assert fragment.code in KEYS
        start, end = fragment_span(session.text, fragment.phrase)
        assert session.text[start:end] == fragment.phrase
        assert bool(fragment.speaker) == group
        speaker = fragment.speaker or session.respondents[0]
        assert speaker in session.respondents
        assert not fragment.quote or QUOTES[speaker]
    tags = set(re.findall(r"\[([A-Z]+)-\d+\]", session.text))
    assert tags <= set(RedactionTag.values)


def test_a_missing_fragment_fails_loudly():
    with pytest.raises(DemoResearchError, match="Fragment niet gevonden"):
        fragment_span("I: Hoe gaat het?\nR: Goed.\n", "Slecht.")


def test_no_demo_name_or_street_in_any_transcript():
    """No first or last name or street of any demo person (participants of both
    municipalities, the Emmen pilot, the newcomers) or demo user, as a word."""
    people = [
        *LEEUWARDEN.participants,
        *EMMEN.participants,
        *(pilot.person for pilot in PILOT_PEOPLE),
        *NEWCOMERS,
    ]
    words = {word for p in people for word in (p.first_name, p.last_name) if word}
    words |= {word for u in USERS for word in (u.first_name, u.last_name)}
    streets = {p.street for p in people} | {p.street.rsplit(" ", 1)[0] for p in people}
    for session in SESSIONS:
        found = set(re.findall(r"\w+", session.text)) & words
        assert not found, (session.respondents, found)
        assert not [street for street in streets if street in session.text]


def test_the_codes_reach_saturation_at_interview_17():
    """Guest et al. (base 4, run 2, 5 %): first at 15+2; Francis 10+3 at 19. The
    focus groups bring one more code."""
    sets = code_sets(REMAINING)
    assert [point.new for point in saturation.curve(sets)] == [
        8, 6, 5, 4, 3, 2, 2, 1, 2, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 1, 0,
    ]  # fmt: skip
    for together in (sets, sets[:21]):  # with and without the focus groups
        guest = saturation.guest(together, base_size=4, run_length=2, threshold=Decimal("0.05"))
        assert guest.reached_at == 17
        assert guest.window is not None
        assert guest.window.label == "15+2"
        assert guest.window.ratio == Decimal("0.0256")
        assert saturation.francis(together, initial=10, stop=3).reached_at == 19
    assert len(set().union(*sets)) == 41


@pytest.mark.django_db
def test_nothing_before_the_study_started():
    programme = ProgrammeFactory()
    assert load_demo_research(programme, {}, D(2025, 2, 28)) is None
    assert not Study.objects.exists()
