"""The demo study as loaded with the demo (as of 18-11-2026): 22 respondents of whom
one withdrew, 21 interview transcripts and 2 focus groups, coded to saturation at
interview 17; and the same study as of days within its period."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from decimal import Decimal

import pytest

from basisbaan.calc import saturation
from basisbaan.demo.research import load_demo_research
from basisbaan.demo.research_data import CODEBOOK, SESSIONS, STUDY_TITLE
from basisbaan.participants.models import Participant
from basisbaan.programmes.models import Programme
from basisbaan.research.constants import (
    RespondentKind,
    SessionKind,
    SessionStatus,
    StudyMethod,
    WithdrawalChoice,
)
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
from basisbaan.tenancy.models import User
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def study(demo) -> Study:
    return Study.objects.get(municipality=demo, title=STUDY_TITLE)


def _code_sets(study: Study) -> list[set[int]]:
    """The codes of each transcript, in the order the conversations were held."""
    transcripts = Transcript.objects.filter(session__study=study).order_by(
        "session__held_on", "session_id"
    )
    return [set(t.codings.values_list("code_id", flat=True)) for t in transcripts]


def test_the_study(study):
    assert study.programme.slug == "pilot-2023-2026"
    assert study.method == StudyMethod.MIXED
    assert (study.period_start, study.period_end) == (D(2025, 3, 1), D(2025, 4, 30))
    assert "AVG artikel 6 lid 1 onder a" in study.ethical_basis
    assert sorted(study.researchers.values_list("username", flat=True)) == [
        "landelijkbeheer",
        "onderzoeker",
    ]
    assert set(study.sessions.values_list("interviewer__username", flat=True)) == {"onderzoeker"}
    assert Memo.objects.filter(study=study).count() == 3


def test_respondents_and_their_consent(study):
    respondents = Respondent.objects.filter(study=study)
    assert respondents.count() == 22
    counts = {kind: respondents.filter(kind=kind).count() for kind in RespondentKind.values}
    assert counts == {"participant": 12, "host": 7, "staff": 3, "other": 0}
    # Every participant but the one who withdrew is linked to the programme's record.
    linked = respondents.filter(participant__isnull=False)
    assert linked.count() == 11
    assert not linked.exclude(participant__programme=study.programme).exists()
    assert respondents.filter(kind="host", host__isnull=False).count() == 7
    consents = Consent.objects.filter(respondent__study=study)
    assert consents.count() == 22
    assert set(consents.values_list("letter_version", flat=True)) == {"1.0"}
    assert all(D(2025, 3, 3) <= c.given_on <= D(2025, 3, 7) for c in consents)
    assert consents.filter(scope_recording=True).count() == 21
    assert consents.filter(scope_quotes=False).count() == 3
    assert consents.filter(scope_linkage=True).count() == 8


def test_one_respondent_withdrew_and_nothing_of_theirs_is_left(study):
    consent = Consent.objects.get(respondent__study=study, withdrawn_on__isnull=False)
    respondent = consent.respondent
    assert (respondent.code, respondent.kind) == ("R09", RespondentKind.PARTICIPANT)
    assert (consent.withdrawn_on, consent.withdrawal) == (D(2025, 5, 12), WithdrawalChoice.DELETE)
    assert respondent.participant is None
    assert not respondent.sessions.exists()
    assert not Coding.objects.filter(respondent=respondent).exists()
    # Their interview stays on record, held, without respondent or transcript.
    interviews = Session.objects.filter(study=study, kind=SessionKind.INTERVIEW)
    assert interviews.count() == 22
    assert set(interviews.values_list("status", flat=True)) == {SessionStatus.HELD}
    empty = interviews.get(respondents__isnull=True)
    assert empty.held_on == D(2025, 3, 20)
    assert not Transcript.objects.filter(session=empty).exists()


def test_transcripts_and_codes(study):
    transcripts = Transcript.objects.filter(session__study=study)
    assert transcripts.filter(session__kind=SessionKind.INTERVIEW).count() == 21
    assert transcripts.filter(session__kind=SessionKind.FOCUS_GROUP).count() == 2
    assert not transcripts.filter(coding_done=False).exists()
    assert Code.objects.filter(study=study).count() == 47
    assert Code.objects.filter(study=study, parent__isnull=True).count() == len(CODEBOOK) == 6
    fragments = sum(len(s.fragments) for s in SESSIONS if s.respondents != ("R09",))
    assert Coding.objects.filter(transcript__session__study=study).count() == fragments == 147


def test_every_coding_is_its_phrase(study):
    """Each transcript's codings are the data's fragments: code, and text slice."""
    names = {code.key: code.name for theme in CODEBOOK for code in theme.codes}
    by_day = {session.held_on: session for session in SESSIONS}
    for transcript in Transcript.objects.filter(session__study=study).select_related("session"):
        demo = by_day[transcript.session.held_on]
        assert transcript.text == demo.text
        assert transcript.word_count == len(demo.text.split())
        codings = transcript.codings.select_related("code").order_by("id")
        assert [(c.code.name, transcript.text[c.start : c.end]) for c in codings] == [
            (names[f.code], f.phrase) for f in demo.fragments
        ]


def test_no_participant_name_or_street_in_any_transcript(study):
    """Against every participant in the database, of every municipality."""
    words = set()
    streets = set()
    for first, last, street in Participant.objects.values_list("first_name", "last_name", "street"):
        words |= {first, last}
        streets |= {street, street.rsplit(" ", 1)[0]}
    assert len(streets) > 20
    for text in Transcript.objects.filter(session__study=study).values_list("text", flat=True):
        assert not set(re.findall(r"\w+", text)) & words
        assert not [street for street in streets if street and street in text]
        tags = set(re.findall(r"\[([A-Z]+)-\d+\]", text))
        assert tags <= {"PERSOON", "WERKGEVER", "LOCATIE", "INSTELLING"}


def test_quotes_only_where_the_speaker_allows_them(study):
    quotes = Coding.objects.filter(transcript__session__study=study, is_quote=True)
    assert quotes.count() == 39
    for coding in quotes.select_related("respondent__consent", "transcript__session"):
        speaker = coding.respondent or coding.transcript.session.respondents.get()
        assert speaker.consent.scope_quotes, speaker.code
    groups = Coding.objects.filter(transcript__session__kind=SessionKind.FOCUS_GROUP)
    assert not groups.filter(respondent__isnull=True).exists()


def test_saturation_at_interview_17(study):
    sets = _code_sets(study)
    assert len(sets) == 23
    guest = saturation.guest(
        sets,
        base_size=study.guest_base_size,
        run_length=study.guest_run_length,
        threshold=study.guest_threshold,
    )
    assert (study.guest_base_size, study.guest_run_length) == (4, 2)
    assert study.guest_threshold == Decimal("0.05")
    assert guest.reached_at == 17
    assert guest.window is not None
    assert guest.window.label == "15+2"
    assert (guest.window.base_codes, guest.window.new_in_run) == (39, 1)
    francis = saturation.francis(sets, initial=study.francis_initial, stop=study.francis_stop)
    assert francis.reached_at == 19
    assert saturation.curve(sets)[-1].cumulative == 41


def _users() -> dict[str, User]:
    return {user.username: user for user in User.objects.all()}


def _again(study: Study, as_of: dt.date) -> Study:
    """The study loaded once more as of ``as_of``, beside the demo's (renamed, and with
    new identities: the demo's are the same on every load)."""
    Study.objects.filter(pk=study.pk).update(title="Eerder geladen")
    for model, mine in (
        (Study, {"pk": study.pk}),
        (Code, {"study": study}),
        (Transcript, {"session__study": study}),
        (Coding, {"transcript__session__study": study}),
        (Memo, {"study": study}),
    ):
        for pk in model.objects.filter(**mine).values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(guid=uuid.uuid4())
    again = load_demo_research(study.programme, _users(), as_of)
    assert again is not None
    assert again.pk != study.pk
    return again


def test_loading_it_again_writes_nothing(study):
    with unchanged(study):
        assert load_demo_research(study.programme, _users(), D(2026, 11, 18)) == study


def test_nothing_before_march_2025(demo):
    programme = Programme.objects.get(municipality=demo, slug="pilot-2023-2026")
    with unchanged():
        assert load_demo_research(programme, _users(), D(2025, 2, 28)) is None


def test_as_of_a_day_in_march_only_the_sessions_held_so_far(study):
    """20 March 2025: nine interviews held (the last that day, still with its
    transcript), the rest planned; coding done a week after each conversation."""
    again = _again(study, D(2025, 3, 20))
    sessions = Session.objects.filter(study=again)
    assert Respondent.objects.filter(study=again).count() == 22
    assert sessions.count() == 24
    held = sessions.filter(status=SessionStatus.HELD)
    assert held.count() == 9
    assert not held.filter(held_on__gt=D(2025, 3, 20)).exists()
    planned = sessions.filter(status=SessionStatus.PLANNED)
    assert not planned.filter(held_on__isnull=False).exists()
    assert not Transcript.objects.filter(session__in=planned).exists()
    transcripts = Transcript.objects.filter(session__study=again)
    assert transcripts.count() == 9
    assert transcripts.filter(session__respondents__code="R09").exists()
    assert transcripts.filter(coding_done=True).count() == 5
    assert not Consent.objects.filter(respondent__study=again, withdrawn_on__isnull=False).exists()
    assert not Memo.objects.filter(study=again).exists()


def test_as_of_may_first_all_held_none_withdrawn(study):
    again = _again(study, D(2025, 5, 1))
    assert Transcript.objects.filter(session__study=again).count() == 24
    assert not Session.objects.filter(study=again, status=SessionStatus.PLANNED).exists()
    assert Respondent.objects.filter(study=again, participant__isnull=False).count() == 12
    assert not Consent.objects.filter(respondent__study=again, withdrawn_on__isnull=False).exists()
