"""The demo study: Leeuwarden's evaluation of its basisbaan pilot (March and April
2025), written from :mod:`basisbaan.demo.research_data` as of the demo's day.

- Before the study's start (1 March 2025) there is no study.
- From then on: the study, its codebook, the respondents whose consent is dated by
  then, and every conversation: held (with its pseudonymised transcript and codings)
  when its day has come, else planned. A transcript's coding is done a week after
  the conversation.
- From the withdrawal (12 May 2025): one participant has withdrawn with "delete all",
  as the withdrawal service does it: no transcript and no codings of theirs, the
  respondent removed from the session (which stays, held), the link to the
  participant cleared, the consent marked withdrawn.
- The memos once the interviews are coded.

The load writes with ``bulk_create`` (a few hundred rows, no per-row validation
queries): the data is fixed and checked here instead. Every fragment's phrase must
be found in its transcript and a quote must be allowed by its speaker's consent,
else the load fails. Audited: the withdrawal (the consent and the respondent). Not
the study's records: the audit log would hold the transcripts' text.

Every ``guid`` (the REFI-QDA identity of the study, its codes, transcripts, codings
and memos) is made from the municipality and the record's place in the story
(:func:`_guid`), so the same day loads the same study, to the council report's hash.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections import Counter
from collections.abc import Iterable

from basisbaan.audit.models import AuditAction
from basisbaan.audit.services import audit_change, snapshot
from basisbaan.demo.data import USERS
from basisbaan.demo.research_data import (
    CODEBOOK,
    CODING_DAYS,
    INTERVIEWER,
    LETTER_VERSION,
    MEMOS,
    PERIOD_END,
    PERIOD_START,
    RESPONDENTS,
    SESSIONS,
    STUDY_ETHICAL_BASIS,
    STUDY_QUESTION,
    STUDY_TITLE,
    WITHDRAWN_CODE,
    WITHDRAWN_ON,
    DemoRespondent,
    DemoSession,
)
from basisbaan.hosts.models import Host
from basisbaan.participants.models import Participant
from basisbaan.programmes.models import Programme
from basisbaan.research.constants import (
    CODE_COLOURS,
    RespondentKind,
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
from basisbaan.tenancy.roles import Role

__all__ = ["DemoResearchError", "fragment_span", "load_demo_research", "redaction_counts"]

TAG = re.compile(r"\[([A-Z]+)-\d+\]")


class DemoResearchError(ValueError):
    """The demo study's data does not fit together (a bug in research_data.py)."""


# The namespace of the demo study's identities (uuid5).
DEMO_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://basisbaan.example/demo/research")


def fragment_span(text: str, phrase: str) -> tuple[int, int]:
    """The offsets of the first occurrence of ``phrase`` in ``text``; fails loudly."""
    start = text.find(phrase)
    if start < 0 or not phrase:
        raise DemoResearchError(f"Fragment niet gevonden in het transcript: {phrase!r}")
    return start, start + len(phrase)


def redaction_counts(text: str) -> dict[str, int]:
    """How many tags of each kind the pseudonymised text holds."""
    return dict(sorted(Counter(match.group(1) for match in TAG.finditer(text)).items()))


def load_demo_research(
    programme: Programme, users: dict[str, User], as_of: dt.date
) -> Study | None:
    """The demo study of ``programme`` as of ``as_of`` (``None`` before it started).

    Run twice, it finds the study made before and writes nothing.
    """
    if as_of < PERIOD_START:
        return None
    municipality = programme.municipality
    existing = Study.objects.filter(
        municipality=municipality, programme=programme, title=STUDY_TITLE
    ).first()
    if existing is not None:
        return existing
    researcher = users[INTERVIEWER]
    study = Study(
        guid=_guid(municipality.slug, "study"),
        municipality=municipality,
        programme=programme,
        title=STUDY_TITLE,
        question=STUDY_QUESTION,
        method=StudyMethod.MIXED,
        period_start=PERIOD_START,
        period_end=PERIOD_END,
        ethical_basis=STUDY_ETHICAL_BASIS,
        letter_version=LETTER_VERSION,
    )
    study.full_clean()
    study.save()
    study.researchers.set(_researchers(users, municipality.slug))
    codes = _codebook(study)
    respondents = _respondents(study, researcher, as_of)
    withdrawn = as_of >= WITHDRAWN_ON
    sessions = _sessions(study, researcher, respondents, as_of, withdrawn)
    _transcripts(sessions, respondents, codes, researcher, as_of, withdrawn)
    if withdrawn:
        _withdraw(respondents[WITHDRAWN_CODE])
    if as_of >= PERIOD_END:
        _memos(study, codes, researcher)
    return study


def _guid(*parts: str) -> uuid.UUID:
    """The same identity for the same record of the story, on every load."""
    return uuid.uuid5(DEMO_NAMESPACE, "/".join(parts))


def _researchers(users: dict[str, User], slug: str) -> list[User]:
    """Every demo user with the researcher role in the municipality."""
    return [
        users[user.username]
        for user in USERS
        if user.role == Role.RESEARCHER and user.municipality == slug
    ]


def _codebook(study: Study) -> dict[str, Code]:
    """The themes and their sub-codes, each theme in its own colour; by key."""
    themes = [
        Code(
            guid=_guid(study.municipality.slug, "code", theme.name),
            municipality=study.municipality,
            study=study,
            name=theme.name,
            description=theme.description,
            colour=CODE_COLOURS[index % len(CODE_COLOURS)],
            position=index * 10,
        )
        for index, theme in enumerate(CODEBOOK)
    ]
    Code.objects.bulk_create(themes)
    codes: dict[str, Code] = {}
    for parent, theme in zip(themes, CODEBOOK, strict=True):
        for number, code in enumerate(theme.codes, start=1):
            codes[code.key] = Code(
                guid=_guid(study.municipality.slug, "code", code.key),
                municipality=study.municipality,
                study=study,
                parent=parent,
                name=code.name,
                description=code.description,
                colour=parent.colour,
                position=parent.position + number,
            )
    Code.objects.bulk_create(codes.values())
    return codes


def _respondents(study: Study, researcher: User, as_of: dt.date) -> dict[str, Respondent]:
    """The respondents whose consent is dated by ``as_of``, with their consent; by code."""
    municipality = study.municipality
    present = [demo for demo in RESPONDENTS if demo.consent_on <= as_of]
    people = {
        person.last_name: person
        for person in Participant.objects.filter(
            municipality=municipality,
            programme=study.programme,
            last_name__in=[demo.participant for demo in present if demo.participant],
        )
    }
    hosts = {
        host.name: host
        for host in Host.objects.filter(
            municipality=municipality, name__in=[demo.host for demo in present if demo.host]
        )
    }
    respondents = {
        demo.code: Respondent(
            municipality=municipality,
            study=study,
            code=demo.code,
            kind=demo.kind,
            participant=_found(people, demo.participant) if demo.participant else None,
            host=_found(hosts, demo.host) if demo.host else None,
            description=demo.description,
        )
        for demo in present
    }
    Respondent.objects.bulk_create(respondents.values())
    Consent.objects.bulk_create(
        _consent(respondents[demo.code], demo, researcher) for demo in present
    )
    return respondents


def _found[T](records: dict[str, T], key: str) -> T:
    if key not in records:
        raise DemoResearchError(f"Demo-respondent verwijst naar onbekende '{key}'.")
    return records[key]


def _consent(respondent: Respondent, demo: DemoRespondent, researcher: User) -> Consent:
    return Consent(
        municipality=respondent.municipality,
        respondent=respondent,
        letter_version=LETTER_VERSION,
        given_on=demo.consent_on,
        scope_interview=True,
        scope_recording=demo.recording,
        scope_quotes=demo.quotes,
        scope_linkage=demo.linkage,
        recorded_by=researcher,
    )


def _sessions(
    study: Study,
    researcher: User,
    respondents: dict[str, Respondent],
    as_of: dt.date,
    withdrawn: bool,
) -> list[tuple[DemoSession, Session]]:
    """Every conversation whose respondents are known by ``as_of``: held once its day
    has come, else planned for that day. The withdrawn respondent is no longer in
    their session."""
    made = [
        (demo, _session(study, researcher, demo, as_of))
        for demo in SESSIONS
        if all(code in respondents for code in demo.respondents)
    ]
    Session.objects.bulk_create(session for _demo, session in made)
    through = Session.respondents.through
    through.objects.bulk_create(
        through(session_id=session.pk, respondent_id=respondents[code].pk)
        for demo, session in made
        for code in demo.respondents
        if not (withdrawn and code == WITHDRAWN_CODE)
    )
    return made


def _session(study: Study, researcher: User, demo: DemoSession, as_of: dt.date) -> Session:
    held = demo.held_on <= as_of
    return Session(
        municipality=study.municipality,
        study=study,
        kind=demo.kind,
        status=SessionStatus.HELD if held else SessionStatus.PLANNED,
        planned_on=demo.held_on,
        held_on=demo.held_on if held else None,
        interviewer=researcher,
        duration_minutes=demo.minutes if held else None,
    )


def _transcripts(
    sessions: Iterable[tuple[DemoSession, Session]],
    respondents: dict[str, Respondent],
    codes: dict[str, Code],
    researcher: User,
    as_of: dt.date,
    withdrawn: bool,
) -> None:
    """A transcript with its codings for every held conversation, except the
    interview of the respondent who withdrew (deleted)."""
    made: list[tuple[DemoSession, Transcript]] = []
    for demo, session in sessions:
        if session.status != SessionStatus.HELD:
            continue
        if withdrawn and demo.respondents == (WITHDRAWN_CODE,):
            continue
        made.append((demo, _transcript(session, demo, researcher, as_of)))
    Transcript.objects.bulk_create(transcript for _demo, transcript in made)
    Coding.objects.bulk_create(
        coding
        for demo, transcript in made
        for coding in _codings(transcript, demo, respondents, codes, researcher, withdrawn)
    )


def _transcript(
    session: Session, demo: DemoSession, researcher: User, as_of: dt.date
) -> Transcript:
    done_on = demo.held_on + dt.timedelta(days=CODING_DAYS)
    names = "-".join(demo.respondents) if len(demo.respondents) == 1 else "focusgroep"
    return Transcript(
        guid=_guid(session.municipality.slug, "transcript", f"{demo.held_on}-{names}"),
        municipality=session.municipality,
        session=session,
        text=demo.text,
        source_name=f"{demo.held_on:%Y-%m-%d}-{names}.docx",
        word_count=len(demo.text.split()),
        redactions=redaction_counts(demo.text),
        uploaded_by=researcher,
        coding_done=done_on <= as_of,
        coding_done_on=done_on if done_on <= as_of else None,
    )


def _codings(
    transcript: Transcript,
    demo: DemoSession,
    respondents: dict[str, Respondent],
    codes: dict[str, Code],
    researcher: User,
    withdrawn: bool,
) -> list[Coding]:
    """The fragments of one transcript; a quote only where its speaker allows quotes."""
    allowed = {demo_respondent.code: demo_respondent.quotes for demo_respondent in RESPONDENTS}
    codings = []
    for number, fragment in enumerate(demo.fragments):
        if len(demo.respondents) > 1 and not fragment.speaker:
            raise DemoResearchError(
                f"Fragment zonder spreker in een focusgroep: {fragment.phrase!r}"
            )
        speaker = fragment.speaker or demo.respondents[0]
        if withdrawn and speaker == WITHDRAWN_CODE:
            continue  # what they said in a group goes with them
        if fragment.speaker and fragment.speaker not in demo.respondents:
            raise DemoResearchError(f"Spreker {fragment.speaker} was niet bij het gesprek.")
        if fragment.quote and not allowed[speaker]:
            raise DemoResearchError(f"{speaker} geeft geen toestemming voor citaten.")
        start, end = fragment_span(demo.text, fragment.phrase)
        codings.append(
            Coding(
                guid=_guid(
                    transcript.municipality.slug, "coding", str(transcript.guid), str(number)
                ),
                municipality=transcript.municipality,
                transcript=transcript,
                code=codes[fragment.code],
                start=start,
                end=end,
                respondent=respondents[fragment.speaker] if fragment.speaker else None,
                is_quote=fragment.quote,
                created_by=researcher,
            )
        )
    return codings


def _withdraw(respondent: Respondent) -> None:
    """The withdrawal with "delete all" (its transcript was never written): the
    consent says so and the link to the participant is gone; both audited."""
    consent = respondent.consent
    before = snapshot(consent)
    consent.withdrawn_on = WITHDRAWN_ON
    consent.withdrawal = WithdrawalChoice.DELETE
    consent.save(update_fields=["withdrawn_on", "withdrawal", "updated_at"])
    audit_change(actor=None, instance=consent, action=AuditAction.UPDATE, before=before)
    if respondent.kind == RespondentKind.PARTICIPANT and respondent.participant_id is not None:
        before = snapshot(respondent)
        respondent.participant = None
        respondent.save(update_fields=["participant", "updated_at"])
        audit_change(actor=None, instance=respondent, action=AuditAction.UPDATE, before=before)


def _memos(study: Study, codes: dict[str, Code], researcher: User) -> None:
    Memo.objects.bulk_create(
        Memo(
            guid=_guid(study.municipality.slug, "memo", title),
            municipality=study.municipality,
            study=study,
            code=codes[key] if key else None,
            title=title,
            text=text,
            author=researcher,
        )
        for key, title, text in MEMOS
    )
