"""The council report's block on the evaluation study: conversations, respondents
(small numbers suppressed), withdrawals and saturation, as of the report's day."""

from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.reports.research import research_block
from basisbaan.research.constants import RespondentKind, SessionKind, SessionStatus
from tests.factories import ProgrammeFactory
from tests.research.factories import (
    CodeFactory,
    CodingFactory,
    ConsentFactory,
    RespondentFactory,
    SessionFactory,
    StudyFactory,
    TranscriptFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def study():
    """Six participants and two staff; one participant withdrew on 12-05-2025; five
    interviews held in March 2025 (one planned), one focus group; six codes."""
    study = StudyFactory(programme=ProgrammeFactory(), title="Evaluatie")
    respondents = [
        RespondentFactory(study=study, kind=RespondentKind.PARTICIPANT, code=f"R0{i}")
        for i in range(1, 7)
    ] + [RespondentFactory(study=study, kind=RespondentKind.STAFF, code=f"R1{i}") for i in (1, 2)]
    for respondent in respondents:
        ConsentFactory(respondent=respondent, given_on=dt.date(2025, 3, 3))
    withdrawn = respondents[5].consent
    withdrawn.withdrawn_on = dt.date(2025, 5, 12)
    withdrawn.withdrawal = "delete"
    withdrawn.save()
    codes = [CodeFactory(study=study, name=f"Thema {i}") for i in range(6)]
    # Code sets per interview in the order held: {0,1,2}, {2,3}, {3}, {4}, {3}.
    for day, code_numbers in zip((4, 5, 6, 7, 10), ([0, 1, 2], [2, 3], [3], [4], [3]), strict=True):
        held = dt.date(2025, 3, day)
        transcript = TranscriptFactory(
            session=SessionFactory(study=study, held_on=held, planned_on=held),
            text="I: Vraag?\nR: Een antwoord van enige lengte.\n",
            coding_done=True,
            coding_done_on=held,
        )
        for n in code_numbers:
            CodingFactory(transcript=transcript, code=codes[n], start=0, end=5)
    SessionFactory(study=study, status=SessionStatus.PLANNED, held_on=None)
    SessionFactory(study=study, kind=SessionKind.FOCUS_GROUP, held_on=dt.date(2025, 4, 22))
    return study


def cells(table):
    return {row["key"]: row["cells"][0]["text"] for row in table["rows"]}


def both(block):
    return {key: text for table in block["tables"] for key, text in cells(table).items()}


def test_the_block_shows_the_study_as_of_the_day_with_few_staff_suppressed(study):
    block = research_block(study.programme, dt.date(2025, 6, 30), 5)

    [table, saturation] = block["tables"]
    assert (table["key"], saturation["key"]) == (
        f"study-{study.guid}",
        f"study-{study.guid}-saturation",
    )
    assert (table["title"], saturation["title"]) == ("Evaluatie", "Verzadiging: Evaluatie")
    assert cells(table) == {
        "interviews": "5",
        "focus_groups": "1",
        "analysed": "5",
        "respondents": "8",
        # Two staff is fewer than five: hidden, and the participants with them (8 - 6 = 2).
        "participant": "afgeschermd",
        "host": "0",
        "staff": "minder dan 5",
        "other": "0",
        "withdrawn": "1",
        "codes": "6",
    }
    # Base 4 interviews: codes 0-4 (5); run 5+: fewer than 2 left, so no window.
    assert cells(saturation) == {
        "saturation": "Verzadiging (Guest) nog niet bereikt na 5 gecodeerde gesprekken.",
        "francis": "Francis 10+3: nog niet bereikt",
    }


def test_saturation_and_withdrawals_count_only_what_happened_by_the_day(study):
    study.guest_base_size = 2
    study.guest_run_length = 2
    study.save()

    before = both(research_block(study.programme, dt.date(2025, 3, 6), 5))
    after = both(research_block(study.programme, dt.date(2025, 6, 30), 5))

    assert (before["interviews"], before["focus_groups"], before["withdrawn"]) == ("3", "0", "0")
    assert before["saturation"] == (
        "Verzadiging (Guest) nog niet bereikt na 3 gecodeerde gesprekken."
    )
    # Windows: 2+2 (base {0,1,2,3} = 4, run {3,4}: 1 new = 25 %), 3+2 (base 4, run {4,3}:
    # 1 new = 25 %): never at or below 5 %.
    assert after["saturation"] == "Verzadiging (Guest) nog niet bereikt na 5 gecodeerde gesprekken."
    assert after["withdrawn"] == "1"


def test_saturation_reached_reads_as_the_window_and_its_ratio(study):
    study.guest_base_size = 3
    study.guest_run_length = 1
    study.save()

    table = research_block(study.programme, dt.date(2025, 6, 30), 5)["tables"][1]

    # 3+1: base {0,1,2,3} (4 codes), run {4}: 1 new = 25 %; 4+1: base 5 codes, run {3}:
    # nothing new = 0 % <= 5 %, reached after 5 conversations.
    assert cells(table)["saturation"] == (
        "Verzadiging bereikt na 5 gesprekken (Guest: 4+1, nieuwe codes 0 van 5 = 0,0\xa0% ≤ 5\xa0%)"
    )


def test_a_programme_without_a_study_or_before_it_began_has_no_table(study):
    assert research_block(ProgrammeFactory(), dt.date(2025, 6, 30), 5)["tables"] == []
    assert research_block(study.programme, dt.date(2025, 2, 28), 5)["tables"] == []
