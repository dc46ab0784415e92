"""Reads of the evaluation study, always within one municipality."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from basisbaan.participants.models import Participant
from basisbaan.research.constants import RespondentKind, SessionKind, SessionStatus
from basisbaan.research.models import (
    Coding,
    Consent,
    Memo,
    Respondent,
    Session,
    Study,
    Transcript,
)
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.scoping import scope

CODE_NUMBER = re.compile(r"^R(\d+)$")


def study_list(*, municipality: Municipality | None) -> QuerySet[Study]:
    return scope(Study.objects.select_related("programme"), municipality)


def study_list_counted(*, municipality: Municipality | None) -> QuerySet[Study]:
    """The studies with their numbers of respondents, held sessions and withdrawals."""
    return study_list(municipality=municipality).annotate(
        respondent_count=Count("respondents", distinct=True),
        held_count=Count("sessions", filter=Q(sessions__status=SessionStatus.HELD), distinct=True),
        withdrawn_count=Count(
            "respondents",
            filter=Q(respondents__consent__withdrawn_on__isnull=False),
            distinct=True,
        ),
    )


def respondent_list(*, municipality: Municipality | None, study: Study) -> QuerySet[Respondent]:
    """The respondents of ``study`` with their consent (no participant's name is read)."""
    return scope(
        Respondent.objects.filter(study=study).select_related("consent", "host"),
        municipality,
    ).order_by("code", "id")


def session_list(*, municipality: Municipality | None, study: Study) -> QuerySet[Session]:
    return scope(
        Session.objects.filter(study=study)
        .select_related("interviewer", "transcript")
        .prefetch_related("respondents"),
        municipality,
    )


def programme_participants(*, municipality: Municipality | None, study: Study) -> list[Participant]:
    """The participants a participant respondent can be chosen from, by pseudonym
    (in pseudonym order: an order by name would tell something of the names)."""
    people = list(
        scope(Participant.objects.filter(programme_id=study.programme_id), municipality).only(
            "pk", "programme_id", "municipality_id"
        )
    )
    return sorted(people, key=lambda p: p.pseudonym)


def withdrawal_count(study: Study) -> int:
    """How many respondents of ``study`` withdrew their consent."""
    return Consent.objects.filter(
        municipality_id=study.municipality_id, respondent__study=study, withdrawn_on__isnull=False
    ).count()


def next_respondent_code(study: Study) -> str:
    """The next free code R01, R02, ... (after the highest R-number in use)."""
    used = Respondent.objects.filter(study=study).values_list("code", flat=True)
    numbers = [int(m.group(1)) for code in used if (m := CODE_NUMBER.match(code))]
    return f"R{max(numbers, default=0) + 1:02d}"


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    planned: int = 0
    held: int = 0
    cancelled: int = 0


@dataclass(frozen=True)
class StudyFigures:
    respondents: list[tuple[str, int]]  # (label, count) per kind
    respondent_total: int
    consents: int
    withdrawals: int
    sessions: list[KindCount]
    transcripts: int
    coded: int


def study_figures(study: Study) -> StudyFigures:
    """The study page's counts: respondents by kind, consents, withdrawals, sessions
    per kind and status, transcripts and transcripts whose coding is done."""
    municipality_id = study.municipality_id
    by_kind = dict(
        Respondent.objects.filter(municipality_id=municipality_id, study=study)
        .values_list("kind")
        .annotate(n=Count("id"))
        .values_list("kind", "n")
    )
    sessions: dict[tuple[str, str], int] = {
        (kind, status): n
        for kind, status, n in Session.objects.filter(municipality_id=municipality_id, study=study)
        .values_list("kind", "status")
        .annotate(n=Count("id"))
        .values_list("kind", "status", "n")
    }
    transcripts = Transcript.objects.filter(municipality_id=municipality_id, session__study=study)
    return StudyFigures(
        respondents=[(str(k.label), by_kind.get(k.value, 0)) for k in RespondentKind],
        respondent_total=sum(by_kind.values()),
        consents=Consent.objects.filter(
            municipality_id=municipality_id, respondent__study=study
        ).count(),
        withdrawals=withdrawal_count(study),
        sessions=[
            KindCount(
                kind=k.value,
                label=str(k.label),
                planned=sessions.get((k.value, SessionStatus.PLANNED), 0),
                held=sessions.get((k.value, SessionStatus.HELD), 0),
                cancelled=sessions.get((k.value, SessionStatus.CANCELLED), 0),
            )
            for k in SessionKind
        ],
        transcripts=transcripts.count(),
        coded=transcripts.filter(coding_done=True).count(),
    )


@dataclass(frozen=True)
class WithdrawalEffects:
    """What withdrawing a respondent's consent touches (the confirmation page and
    the service count the same things)."""

    transcript_ids: list[int] = field(default_factory=list)  # sessions with this respondent only
    transcript_codings: int = 0  # codings in those transcripts
    transcript_quotes: int = 0  # of which quotes
    transcript_memos: int = 0  # memos on those transcripts
    attributed_codings: int = 0  # codings attributed to the respondent elsewhere
    attributed_quotes: int = 0
    sessions: int = 0  # sessions the respondent leaves
    participant_linked: bool = False

    @property
    def transcripts(self) -> int:
        return len(self.transcript_ids)


def withdrawal_effects(respondent: Respondent) -> WithdrawalEffects:
    """What a withdrawal of ``respondent``'s consent would delete or unlink."""
    # Count first, then filter: a filter on the same relation first would count
    # only the joined row.
    sessions = (
        Session.objects.filter(municipality_id=respondent.municipality_id)
        .annotate(n=Count("respondents", distinct=True))
        .filter(respondents=respondent)
    )
    session_ids = list(sessions.values_list("pk", flat=True))
    sole = [pk for pk, n in sessions.values_list("pk", "n") if n == 1]
    transcript_ids = sorted(
        Transcript.objects.filter(session_id__in=sole).values_list("pk", flat=True)
    )
    in_transcripts = Coding.objects.filter(transcript_id__in=transcript_ids)
    attributed = Coding.objects.filter(respondent=respondent).exclude(
        transcript_id__in=transcript_ids
    )
    return WithdrawalEffects(
        transcript_ids=transcript_ids,
        transcript_codings=in_transcripts.count(),
        transcript_quotes=in_transcripts.filter(is_quote=True).count(),
        transcript_memos=Memo.objects.filter(transcript_id__in=transcript_ids).count(),
        attributed_codings=attributed.count(),
        attributed_quotes=attributed.filter(is_quote=True).count(),
        sessions=len(session_ids),
        participant_linked=respondent.participant_id is not None,
    )
