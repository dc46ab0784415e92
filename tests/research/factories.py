"""Factories of the evaluation study (see tests/factories.py for the rest)."""

from __future__ import annotations

import datetime as dt

import factory

from basisbaan.research.constants import RespondentKind, SessionKind, SessionStatus
from basisbaan.research.models import (
    Code,
    Coding,
    Consent,
    Memo,
    Respondent,
    Session,
    Study,
    Transcript,
)
from tests.factories import ProgrammeFactory


class StudyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Study

    programme = factory.SubFactory(ProgrammeFactory)
    municipality = factory.SelfAttribute("programme.municipality")
    title = factory.Sequence(lambda n: f"Evaluatie basisbanen {n}")
    question = "Wat is de meerwaarde van basisbanen voor deelnemers en werkgevers?"
    period_start = dt.date(2025, 3, 1)
    period_end = dt.date(2025, 6, 30)
    ethical_basis = "Toestemming van de respondent (AVG artikel 6 lid 1 onder a)."


class RespondentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Respondent

    study = factory.SubFactory(StudyFactory)
    municipality = factory.SelfAttribute("study.municipality")
    code = factory.Sequence(lambda n: f"R{n + 1:02d}")
    kind = RespondentKind.STAFF
    description = "jobcoach"


class ConsentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Consent

    respondent = factory.SubFactory(RespondentFactory)
    municipality = factory.SelfAttribute("respondent.municipality")
    letter_version = "1.0"
    given_on = dt.date(2025, 3, 3)
    scope_interview = True
    scope_recording = True
    scope_quotes = True
    scope_linkage = False


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    study = factory.SubFactory(StudyFactory)
    municipality = factory.SelfAttribute("study.municipality")
    kind = SessionKind.INTERVIEW
    status = SessionStatus.HELD
    planned_on = dt.date(2025, 3, 10)
    held_on = dt.date(2025, 3, 10)
    duration_minutes = 45


class TranscriptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Transcript

    session = factory.SubFactory(SessionFactory)
    municipality = factory.SelfAttribute("session.municipality")
    text = "I: Hoe bevalt het werk?\nR: Goed, ik werk bij [WERKGEVER-1] met [PERSOON-1].\n"
    word_count = factory.LazyAttribute(lambda o: len(o.text.split()))


class CodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Code

    study = factory.SubFactory(StudyFactory)
    municipality = factory.SelfAttribute("study.municipality")
    name = factory.Sequence(lambda n: f"Code {n}")
    colour = "#1F77B4"


class MemoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Memo

    study = factory.SubFactory(StudyFactory)
    municipality = factory.SelfAttribute("study.municipality")
    title = "Eerste indruk"
    text = "Deelnemers noemen structuur vaak."


class CodingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coding

    transcript = factory.SubFactory(TranscriptFactory)
    municipality = factory.SelfAttribute("transcript.municipality")
    code = factory.SubFactory(
        CodeFactory,
        study=factory.SelfAttribute("..transcript.session.study"),
    )
    start = 0
    end = 10
