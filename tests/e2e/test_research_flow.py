"""A researcher uploads a transcript, reviews the redactions, codes two fragments
with the keyboard and sees the saturation curve move (issue 15); and codes an
exact text selection made with Shift and the arrow keys."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.research import deidentify
from basisbaan.research.constants import RespondentKind
from basisbaan.research.models import Code, Coding, Session, Study, Transcript
from basisbaan.tenancy.models import User
from basisbaan.tenancy.roles import Role
from tests.conftest import TODAY, make_member
from tests.e2e.test_participant_flow import log_in
from tests.factories import HostContactFactory, HostFactory, ParticipantFactory, ProgrammeFactory
from tests.research.factories import (
    CodeFactory,
    CodingFactory,
    ConsentFactory,
    RespondentFactory,
    SessionFactory,
    StudyFactory,
    TranscriptFactory,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# What the researcher pastes: the participant's name and street, the host, the
# host's contact, a date, a nickname no register knows and a phone number.
ORIGINAL = (
    "I: Hoe gaat het met je, Geertje? Bevalt het bij Bakkerij De Korenbloem?\n"
    "R: Goed hoor. Ik ben op 3 maart 2025 begonnen en Sietse Hoekstra helpt me.\n"
    "I: Hoe kom je naar je werk?\n"
    "R: Ik fiets vanaf de Tjalkstraat 4, dat is een kwartier.\n"
    "R: Ik heb nu meer structuur in mijn week.\n"
    "I: En het geld?\n"
    "R: Mijn buurman Knoerie helpt met de papieren. Bel me op 06-23456789.\n"
)
# What is stored: the date stays (rejected), the nickname is replaced (added).
STORED = (
    "I: Hoe gaat het met je, [PERSOON-1]? Bevalt het bij [WERKGEVER-1]?\n"
    "R: Goed hoor. Ik ben op 3 maart 2025 begonnen en [PERSOON-2] helpt me.\n"
    "I: Hoe kom je naar je werk?\n"
    "R: Ik fiets vanaf de [LOCATIE-1], dat is een kwartier.\n"
    "R: Ik heb nu meer structuur in mijn week.\n"
    "I: En het geld?\n"
    "R: Mijn buurman [PERSOON-3] helpt met de papieren. Bel me op [TELEFOONNUMMER-1].\n"
)
STORED_LINES = STORED.splitlines()
# Each line is a segment: (start, end) in the stored text.
SEGMENTS = [(STORED.index(line), STORED.index(line) + len(line)) for line in STORED_LINES]
CODED_TEXT = "I: Hoe bevalt het werk?\nR: Goed, ik werk bij [WERKGEVER-1] met [PERSOON-1].\n"


@dataclass
class World:
    study: Study
    session: Session
    researcher: User
    earlier: list[Transcript]


@pytest.fixture(scope="module", autouse=True)
def _deduce_loaded() -> None:
    """deduce loads once per process (about 5 s from its cache); the live server's
    thread is in this process, so the review page does not wait for it."""
    deidentify.model()


@pytest.fixture
def world(municipality) -> World:
    programme = ProgrammeFactory(municipality=municipality, name="Pilot basisbanen")
    participant = ParticipantFactory(
        programme=programme,
        first_name="Geertje",
        name_prefix="",
        last_name="Wobbes",
        street="Tjalkstraat 4",
    )
    host = HostFactory(municipality=municipality, name="Bakkerij De Korenbloem B.V.")
    HostContactFactory(host=host, name="Sietse Hoekstra")
    study = StudyFactory(programme=programme, title="Evaluatie basisbanen Leeuwarden")
    work, money, colleagues = (
        CodeFactory(study=study, name=name, position=position)
        for position, name in enumerate(["Werk", "Geld", "Collega's"])
    )
    CodeFactory(study=study, name="Structuur", position=3)
    CodeFactory(study=study, name="Reizen", position=4)
    # Two earlier interviews, coded and done: the curve has two points (2, then 3 codes).
    earlier = []
    for day, codes in ((10, [work, money]), (12, [work, colleagues])):
        held = dt.date(2025, 3, day)
        transcript = TranscriptFactory(
            session=SessionFactory(study=study, held_on=held, planned_on=held),
            text=CODED_TEXT,
            coding_done=True,
            coding_done_on=held,
        )
        for code in codes:
            CodingFactory(transcript=transcript, code=code, start=0, end=10)
        earlier.append(transcript)
    # The new interview, held, with the participant as respondent (consent given).
    respondent = RespondentFactory(
        study=study, kind=RespondentKind.PARTICIPANT, participant=participant, code="R03"
    )
    ConsentFactory(respondent=respondent, scope_interview=True)
    held = dt.date(2025, 3, 20)
    session = SessionFactory(study=study, held_on=held, planned_on=held)
    session.respondents.add(respondent)
    researcher = make_member(municipality, Role.RESEARCHER, username="onderzoeker")
    return World(study, session, researcher, earlier)


def tab_to(page, locator, *, key: str = "Tab", limit: int = 200) -> None:
    """Press ``key`` until ``locator`` has the focus: reachable with the keyboard."""
    for _ in range(limit):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press(key)
    raise AssertionError(f"{locator} not reached with {key} in {limit} presses")


def char_point(segment, index: int, fraction: float) -> tuple[float, float]:
    """The window point at ``fraction`` of the width of character ``index`` of a
    segment's text (a plain text node: nothing is coded in it yet)."""
    point = segment.evaluate(
        """(el, [index, fraction]) => {
            const range = document.createRange();
            range.setStart(el.firstChild, index);
            range.setEnd(el.firstChild, index + 1);
            const r = range.getBoundingClientRect();
            return [r.left + r.width * fraction, r.top + r.height / 2];
        }""",
        [index, fraction],
    )
    return point[0], point[1]


def chart_points(page):
    """The curve's points: one circle per coded conversation (research/charts.py)."""
    return page.locator("svg.rc-chart circle.rc-chart__dot")


def saturation_rows(page, count: int) -> list[list[str]]:
    table = page.get_by_role("table", name="Codes per gesprek")
    expect(table.locator("tbody tr")).to_have_count(count)
    return [
        [cell.strip() for cell in row.locator("th, td").all_inner_texts()]
        for row in table.locator("tbody tr").all()
    ]


def test_researcher_uploads_reviews_codes_with_the_keyboard_and_the_curve_moves(
    world, live_server, new_page, screenshots
):
    base = live_server.url
    page = new_page(1280)
    log_in(page, base, world.researcher.username)

    # Before: two coded interviews, three unique codes.
    page.goto(f"{base}/onderzoek/{world.study.pk}/verzadiging/")
    expect(chart_points(page)).to_have_count(2)
    assert saturation_rows(page, 2) == [
        ["1", "Interview 10-03-2025", "2", "2", "2"],
        ["2", "Interview 12-03-2025", "2", "1", "3"],
    ]

    # Step 1: upload the transcript as a file (UTF-8 text).
    page.goto(f"{base}/onderzoek/gesprekken/{world.session.pk}/transcript/")
    page.get_by_label("Bestand", exact=False).first.set_input_files(
        files=[
            {
                "name": "interview-geertje.txt",
                "mimeType": "text/plain",
                "buffer": ORIGINAL.encode("utf-8"),
            }
        ]
    )
    page.get_by_role("button", name="Verder naar controle").click()
    page.get_by_role("heading", level=1, name="Vervangingen controleren").wait_for()

    # Step 2: the proposals name the participant and the phone number.
    proposals = page.get_by_role("region", name="Voorstellen")
    expect(
        proposals.get_by_role("checkbox", name=re.compile(r"^Geertje → \[PERSOON-1\]"))
    ).to_be_checked()
    expect(
        proposals.get_by_role("checkbox", name=re.compile(r"^06-23456789 → \[TELEFOONNUMMER-1\]"))
    ).to_be_checked()
    page.screenshot(path=str(screenshots / "research-review-1280.png"), full_page=True)
    # Reject the date, add the nickname, update the proposal.
    proposals.get_by_role("checkbox", name=re.compile(r"^3 maart 2025")).uncheck()
    page.get_by_label("Tekst die ook vervangen moet worden (niet verplicht)").fill("Knoerie")
    page.get_by_label("Soort").select_option(label="Persoon")
    page.get_by_role("button", name="Voorstel bijwerken").click()
    preview = page.locator("#tr-preview")
    expect(preview).to_contain_text("Ik ben op 3 maart 2025 begonnen")
    expect(preview).to_contain_text("Mijn buurman [PERSOON-")
    expect(preview).to_contain_text("Bel me op [TELEFOONNUMMER-1].")
    for secret in ("Geertje", "Wobbes", "Tjalkstraat", "Korenbloem", "Hoekstra", "06-23456789"):
        expect(preview).not_to_contain_text(secret)
    expect(proposals.get_by_role("checkbox", name=re.compile(r"^3 maart 2025"))).not_to_be_checked()
    expect(proposals.get_by_role("checkbox", name="Knoerie (PERSOON)")).to_be_checked()
    page.get_by_role("button", name="Opslaan", exact=True).click()

    # The coding page of the new transcript.
    page.get_by_role("status").filter(
        has_text="Het gepseudonimiseerde transcript is opgeslagen."
    ).wait_for()
    transcript = Transcript.objects.get(session=world.session)
    assert page.url == f"{base}/onderzoek/transcript/{transcript.pk}/"
    assert transcript.text == STORED
    assert transcript.source_name == "interview-[PERSOON-1].txt"

    # Code two fragments with the keyboard only: tick a segment with Space, pick
    # the code by typing its name in the select, press Enter on "Coderen".
    for segment, code_name in ((3, "Reizen"), (4, "Structuur")):
        box = page.locator(f"#seg-{segment}")
        tab_to(page, box)
        page.keyboard.press("Space")
        expect(box).to_be_checked()
        tab_to(page, page.get_by_label("Code", exact=True))
        page.keyboard.type(code_name)
        expect(page.get_by_label("Code", exact=True)).to_have_value(
            str(Code.objects.get(study=world.study, name=code_name).pk)
        )
        coding_button = page.get_by_role("button", name="Coderen", exact=True)
        tab_to(page, coding_button)
        page.keyboard.press("Enter")
        start, end = SEGMENTS[segment]
        page.get_by_role("status").filter(
            has_text=f"Gecodeerd met ‘{code_name}’: tekens {start} tot {end}."
        ).wait_for()
    codings = page.get_by_role(
        "table", name="Coderingen in dit transcript, in de volgorde van de tekst"
    )
    expect(codings.locator("tbody tr")).to_have_count(2)
    assert [
        [cell.strip() for cell in row.locator("th, td").all_inner_texts()][:4]
        for row in codings.locator("tbody tr").all()
    ] == [
        ["Reizen", f"{SEGMENTS[3][0]}–{SEGMENTS[3][1]}", STORED_LINES[3], "—"],
        ["Structuur", f"{SEGMENTS[4][0]}–{SEGMENTS[4][1]}", STORED_LINES[4], "—"],
    ]
    page.screenshot(path=str(screenshots / "research-coding-1280.png"), full_page=True)

    # Coding done (keyboard): the interview now counts for saturation.
    tab_to(page, page.get_by_role("button", name="Codering afgerond"))
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(
        has_text="Codering afgerond: het gesprek telt mee voor de verzadiging."
    ).wait_for()

    # The curve moved: one point more (3 after 2), two codes, both new, so the
    # total of unique codes went from 3 to 5.
    page.get_by_role("navigation", name="Onderdelen van dit onderzoek").get_by_role(
        "link", name="Verzadiging"
    ).click()
    page.get_by_role("heading", level=1, name="Verzadiging").wait_for()
    expect(chart_points(page)).to_have_count(3)
    assert saturation_rows(page, 3) == [
        ["1", "Interview 10-03-2025", "2", "2", "2"],
        ["2", "Interview 12-03-2025", "2", "1", "3"],
        ["3", "Interview 20-03-2025", "2", "2", "5"],
    ]
    expect(page.locator("#rc-chart-desc")).to_have_text(
        "Het totaal aantal unieke codes na elk gecodeerd gesprek: van 2 na gesprek 1 tot 5 "
        "na gesprek 3. De tabel ‘Codes per gesprek’ geeft de cijfers."
    )
    page.screenshot(path=str(screenshots / "research-saturation-1280.png"), full_page=True)
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []

    # Stored: the pseudonymised text only, the codings by the researcher, the read audited.
    transcript.refresh_from_db()
    for secret in ("Geertje", "Wobbes", "Tjalkstraat", "06-23456789", "Knoerie"):
        assert secret not in transcript.text
    assert "Mijn buurman [PERSOON-3] helpt" in transcript.text
    assert (transcript.coding_done, transcript.coding_done_on) == (True, TODAY)
    assert sorted(
        Coding.objects.filter(transcript=transcript).values_list(
            "code__name", "start", "end", "created_by__username"
        )
    ) == [
        ("Reizen", *SEGMENTS[3], "onderzoeker"),
        ("Structuur", *SEGMENTS[4], "onderzoeker"),
    ]
    reads = AuditEntry.objects.filter(
        action=AuditAction.VIEW,
        object_type="research.transcript",
        object_id=str(transcript.pk),
        actor=world.researcher,
    )
    # One read for each time the coding page was shown: after saving, after each
    # coding and after "Codering afgerond".
    assert [entry.changes for entry in reads] == [{"fields": ["text"]}] * 4


@pytest.mark.parametrize("way", ["keyboard", "mouse"])
def test_researcher_codes_an_exact_selection(world, live_server, new_page, way):
    transcript = TranscriptFactory(session=world.session, text=STORED)
    phrase = "structuur in mijn week"
    start = STORED.index(phrase)
    end = start + len(phrase)
    base = live_server.url
    page = new_page(1280)
    log_in(page, base, world.researcher.username)
    page.goto(f"{base}/onderzoek/transcript/{transcript.pk}/")

    segment = page.locator("#segtext-4")
    # In the middle of the window: the sticky coding bar covers the bottom.
    segment.evaluate("el => el.scrollIntoView({block: 'center'})")
    at = STORED_LINES[4].index(phrase)
    first, last = char_point(segment, at, 0.25), char_point(segment, at + len(phrase) - 1, 0.75)
    if way == "keyboard":
        # The caret before "structuur" (a click there), then Shift+ArrowRight over the phrase.
        page.mouse.click(*first)
        for _ in phrase:
            page.keyboard.press("Shift+ArrowRight")
    else:
        # A drag from the first letter to the last.
        page.mouse.move(*first)
        page.mouse.down()
        page.mouse.move(*last, steps=5)
        page.mouse.up()
    assert page.evaluate("window.getSelection().toString()") == phrase
    expect(page.locator("#rc-live")).to_have_text(
        f"Selectie: tekens {start} tot {end} (‘{phrase}’). Kies een code en druk op Coderen."
    )

    # On to the code with the keyboard; the selection stays what is coded.
    code = page.get_by_label("Code", exact=True)
    tab_to(page, code)
    page.keyboard.type("Structuur")
    tab_to(page, page.get_by_role("button", name="Coderen", exact=True))
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(
        has_text=f"Gecodeerd met ‘Structuur’: tekens {start} tot {end}."
    ).wait_for()

    coding = Coding.objects.get(transcript=transcript)
    assert (coding.code.name, coding.start, coding.end) == ("Structuur", start, end)
    assert STORED[coding.start : coding.end] == phrase
    expect(page.locator("#segtext-4 mark")).to_have_text(phrase)
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
