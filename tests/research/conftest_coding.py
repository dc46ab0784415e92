"""A small hand-made coded study for the coding and analysis tests.

Study with codes W (werk), W/S (structuur, a sub-code of W), G (geld), C (collega's).
Respondents: R01 participant (consent with quotes), R02 host (consent without
quotes), R03 staff (no consent record), R04 participant in the focus group.

Sessions, in the order held:
- T1 interview R01, 10-03-2025, coded done: W[0,10) S[5,20) G[30,40)
- T2 interview R02, 12-03-2025, coded done: W[0,8) C[0,8)
- T3 focus group R03+R04, 14-03-2025, coded done: G[0,5) speaker R04 (quote), C[10,20)
- T4 interview R01 (second), 20-03-2025, not done: W[0,5)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from basisbaan.research.constants import RespondentKind, SessionKind
from basisbaan.research.models import Code, Coding, Respondent, Study, Transcript
from tests.factories import ParticipantFactory
from tests.research.factories import (
    CodeFactory,
    ConsentFactory,
    RespondentFactory,
    SessionFactory,
    StudyFactory,
    TranscriptFactory,
)

TEXT = (
    "I: Hoe bevalt het werk bij [WERKGEVER-1]?\n"
    "R: Goed. Ik heb structuur en collega's.\n"
    "\n"
    "I: En het geld?\n"
    "R: Het loon is beter dan de uitkering.\n"
)


@dataclass
class Coded:
    study: Study
    w: Code
    s: Code
    g: Code
    c: Code
    r1: Respondent
    r2: Respondent
    r3: Respondent
    r4: Respondent
    t1: Transcript
    t2: Transcript
    t3: Transcript
    t4: Transcript
    codings: dict[str, Coding]


def _transcript(
    study: Study, kind: str, held: dt.date, respondents: list[Respondent], done: bool
) -> Transcript:
    session = SessionFactory(study=study, kind=kind, held_on=held, planned_on=held)
    session.respondents.set(respondents)
    return TranscriptFactory(
        session=session, text=TEXT, coding_done=done, coding_done_on=held if done else None
    )


def _coding(t: Transcript, code: Code, start: int, end: int, **extra: object) -> Coding:
    return Coding.objects.create(
        municipality=t.municipality, transcript=t, code=code, start=start, end=end, **extra
    )


@pytest.fixture(name="coded")
def coded_fixture(programme) -> Coded:
    study = StudyFactory(programme=programme)
    w = CodeFactory(study=study, name="Werk", colour="#1F77B4", position=0)
    s = CodeFactory(study=study, name="Structuur", parent=w, colour="#D62728")
    g = CodeFactory(study=study, name="Geld", colour="#2CA02C", position=1)
    c = CodeFactory(study=study, name="Collega's", colour="#9467BD", position=2)
    participant = ParticipantFactory(programme=programme, municipality=programme.municipality)
    participant4 = ParticipantFactory(programme=programme, municipality=programme.municipality)
    r1 = RespondentFactory(
        study=study, code="R01", kind=RespondentKind.PARTICIPANT, participant=participant
    )
    r2 = RespondentFactory(study=study, code="R02", kind=RespondentKind.HOST)
    r3 = RespondentFactory(study=study, code="R03", kind=RespondentKind.STAFF)
    r4 = RespondentFactory(
        study=study, code="R04", kind=RespondentKind.PARTICIPANT, participant=participant4
    )
    ConsentFactory(respondent=r1, scope_quotes=True)
    ConsentFactory(respondent=r2, scope_quotes=False)
    ConsentFactory(respondent=r4, scope_quotes=True)
    t1 = _transcript(study, SessionKind.INTERVIEW, dt.date(2025, 3, 10), [r1], True)
    t2 = _transcript(study, SessionKind.INTERVIEW, dt.date(2025, 3, 12), [r2], True)
    t3 = _transcript(study, SessionKind.FOCUS_GROUP, dt.date(2025, 3, 14), [r3, r4], True)
    t4 = _transcript(study, SessionKind.INTERVIEW, dt.date(2025, 3, 20), [r1], False)
    codings = {
        "t1w": _coding(t1, w, 0, 10),
        "t1s": _coding(t1, s, 5, 20, is_quote=True),
        "t1g": _coding(t1, g, 30, 40),
        "t2w": _coding(t2, w, 0, 8, is_quote=True),
        "t2c": _coding(t2, c, 0, 8),
        "t3g": _coding(t3, g, 0, 5, respondent=r4, is_quote=True),
        "t3c": _coding(t3, c, 10, 20),
        "t4w": _coding(t4, w, 0, 5),
    }
    return Coded(study, w, s, g, c, r1, r2, r3, r4, t1, t2, t3, t4, codings)
