"""Writes of the evaluation study. Every write runs in one transaction and is audited.

Studies, respondents, consent and its withdrawal, and sessions (interviews and
focus groups). The rules:

- a study's researchers are members of its municipality whose role may see the
  research (``research.view``); its period is in order; its saturation settings
  are within bounds;
- a respondent has a code unique in its study (R01, R02, ... is suggested); a
  participant respondent is a participant of the study's programme, once per
  study; only a host respondent names a host; a description is a role, never a
  name (a known participant's name in it is refused);
- one consent per respondent; withdrawing it deletes (or, where the respondent
  agreed, unlinks) what the respondent said, and happens once;
- an interview has one respondent, a focus group two or more; a held session has
  a date and every respondent's consent to take part, not withdrawn.
"""

from __future__ import annotations

import copy
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from basisbaan.audit.context import current_channel, current_request_id
from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.audit.services import audit_change, snapshot
from basisbaan.core.services import ensure_same_municipality, model_create, model_update
from basisbaan.hosts.models import Host
from basisbaan.participants.models import Participant
from basisbaan.participants.names import names_in
from basisbaan.programmes.models import Programme
from basisbaan.research.constants import (
    RespondentKind,
    SessionKind,
    SessionStatus,
    WithdrawalChoice,
)
from basisbaan.research.models import (
    Coding,
    Consent,
    Respondent,
    Session,
    Study,
    Transcript,
)
from basisbaan.research.selectors import (
    WithdrawalEffects,
    next_respondent_code,
    withdrawal_effects,
)
from basisbaan.tenancy.models import Membership, User
from basisbaan.tenancy.roles import Perm, has_perm

__all__ = [
    "STUDY_FIELDS",
    "WithdrawalResult",
    "consent_record",
    "consent_withdraw",
    "respondent_create",
    "respondent_update",
    "session_cancel",
    "session_create",
    "session_update",
    "study_create",
    "study_update",
]

STUDY_FIELDS = frozenset(
    {
        "title",
        "question",
        "method",
        "period_start",
        "period_end",
        "ethical_basis",
        "letter_version",
        "guest_base_size",
        "guest_run_length",
        "guest_threshold",
        "francis_initial",
        "francis_stop",
    }
)
RESPONDENT_FIELDS = frozenset({"code", "kind", "participant", "host", "description"})
SESSION_FIELDS = frozenset(
    {"kind", "status", "planned_on", "held_on", "interviewer", "duration_minutes", "respondents"}
)
CODE_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9._-]*$")
# A session date more than this before the study's start or after its end is a typo.
DATE_SLACK = dt.timedelta(days=366)


def _audit_members(
    actor: User | None, instance: Study | Session, name: str, before: set[int], after: set[int]
) -> AuditEntry:
    """An update entry for a change of a many-to-many field (ids only), which
    :func:`audit_change` does not see (it compares the record's own fields)."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        actor_label=actor.get_username() if actor is not None and actor.pk else "systeem",
        municipality_id=instance.municipality_id,
        action=AuditAction.UPDATE,
        object_type=instance._meta.label_lower,
        object_id=str(instance.pk),
        changes={name: [sorted(before), sorted(after)]},
        request_id=current_request_id(),
        channel=current_channel(),
    )


# -- studies ---------------------------------------------------------------------


def _check_researchers(study: Study, researchers: Iterable[User]) -> list[User]:
    people = list(researchers)
    roles = dict(
        Membership.objects.filter(
            municipality_id=study.municipality_id, user__in=[p.pk for p in people]
        ).values_list("user_id", "role")
    )
    for person in people:
        if not has_perm(roles.get(person.pk), Perm.RESEARCH_VIEW):
            raise ValidationError(
                {
                    "researchers": _(
                        "Een onderzoeker moet lid zijn van de gemeente met een rol die het "
                        "onderzoek mag zien."
                    )
                }
            )
    return people


def _check_study(study: Study) -> None:
    if study.period_start and study.period_end and study.period_start > study.period_end:
        raise ValidationError({"period_end": _("De periode eindigt vóór het begin.")})
    threshold = study.guest_threshold
    if threshold is not None and not Decimal("0") < Decimal(threshold) < Decimal("1"):
        raise ValidationError(
            {"guest_threshold": _("De drempel ligt tussen 0 en 1 (bijvoorbeeld 0,05 voor 5 %).")}
        )
    for name in ("guest_base_size", "guest_run_length", "francis_initial", "francis_stop"):
        value = getattr(study, name)
        if value is None or not 1 <= int(value) <= 100:
            raise ValidationError({name: _("Vul een aantal van 1 tot en met 100 in.")})


@transaction.atomic
def study_create(
    *,
    programme: Programme,
    actor: User | None,
    researchers: Iterable[User] = (),
    **fields: Any,
) -> Study:
    """A new study of ``programme`` with ``fields`` (see :data:`STUDY_FIELDS`)."""
    unknown = set(fields) - STUDY_FIELDS
    if unknown:
        raise ValidationError(_("Onbekende velden: %s") % ", ".join(sorted(unknown)))
    study = Study(municipality_id=programme.municipality_id, programme=programme, **fields)
    _check_study(study)
    people = _check_researchers(study, researchers)
    model_create(instance=study, actor=actor)
    study.researchers.set(people)
    return study


@transaction.atomic
def study_update(
    *,
    study: Study,
    actor: User | None,
    data: dict[str, Any],
    researchers: Iterable[User] | None = None,
) -> Study:
    """Change ``data`` (fields of :data:`STUDY_FIELDS`) and, when given, the researchers."""
    unknown = set(data) - STUDY_FIELDS
    if unknown:
        raise ValidationError(_("Onbekende velden: %s") % ", ".join(sorted(unknown)))
    probe = copy.copy(study)
    for name, value in data.items():
        setattr(probe, name, value)
    _check_study(probe)
    people = _check_researchers(study, researchers) if researchers is not None else None
    study, _changed = model_update(instance=study, data=data, actor=actor, allowed=STUDY_FIELDS)
    if people is not None:
        current = set(study.researchers.values_list("pk", flat=True))
        if current != {p.pk for p in people}:
            study.researchers.set(people)
            _audit_members(actor, study, "researchers", current, {p.pk for p in people})
    return study


# -- respondents -----------------------------------------------------------------


def _check_respondent(respondent: Respondent, *, withdrawn: bool = False) -> None:
    study = respondent.study
    code = respondent.code
    if not CODE_PATTERN.match(code):
        raise ValidationError(
            {"code": _("Een respondentcode bestaat uit hoofdletters en cijfers, zoals R01.")}
        )
    taken = Respondent.objects.filter(study=study, code=code).exclude(pk=respondent.pk)
    if taken.exists():
        raise ValidationError(
            {
                "code": _("Deze code is al in gebruik in dit onderzoek. Vrij is %(code)s.")
                % {"code": next_respondent_code(study)}
            }
        )
    if respondent.kind not in RespondentKind.values:
        raise ValidationError({"kind": _("Kies een soort respondent.")})
    ensure_same_municipality(
        study.municipality, participant=respondent.participant, host=respondent.host
    )
    if respondent.kind == RespondentKind.PARTICIPANT:
        participant = respondent.participant
        if participant is None and not withdrawn:
            raise ValidationError({"participant": _("Kies de deelnemer.")})
        if participant is not None and participant.programme_id != study.programme_id:
            raise ValidationError(
                {
                    "participant": _(
                        "Deze deelnemer doet niet mee aan het programma van het onderzoek."
                    )
                }
            )
        if (
            participant is not None
            and Respondent.objects.filter(study=study, participant=participant)
            .exclude(pk=respondent.pk)
            .exists()
        ):
            raise ValidationError(
                {"participant": _("Deze deelnemer is al respondent in dit onderzoek.")}
            )
    elif respondent.participant is not None:
        raise ValidationError(
            {"participant": _("Alleen een respondent van de soort deelnemer is een deelnemer.")}
        )
    if respondent.host is not None and respondent.kind != RespondentKind.HOST:
        raise ValidationError({"host": _("Alleen een respondent van een werkgever noemt die.")})
    if respondent.description and names_in(
        respondent.description,
        Participant.objects.filter(municipality_id=study.municipality_id).values_list(
            "first_name", "name_prefix", "last_name"
        ),
    ):
        # Which name is not said: whoever types it here must not learn it back.
        raise ValidationError(
            {
                "description": _(
                    "De omschrijving bevat de naam van een deelnemer. Beschrijf een rol, geen naam."
                )
            }
        )


def _clean_code(code: str | None) -> str:
    return (code or "").strip().upper()


@transaction.atomic
def respondent_create(
    *,
    study: Study,
    actor: User | None,
    kind: str,
    code: str = "",
    participant: Participant | None = None,
    host: Host | None = None,
    description: str = "",
) -> Respondent:
    """A respondent of ``study``; without a code the next free one (R01, R02, ...)."""
    respondent = Respondent(
        municipality_id=study.municipality_id,
        study=study,
        code=_clean_code(code) or next_respondent_code(study),
        kind=kind,
        participant=participant,
        host=host,
        description=(description or "").strip(),
    )
    _check_respondent(respondent)
    return model_create(instance=respondent, actor=actor)


@transaction.atomic
def respondent_update(
    *, respondent: Respondent, actor: User | None, data: dict[str, Any]
) -> Respondent:
    """Change the code, kind, participant, host or description of ``respondent``.

    After a withdrawal the participant link stays cleared."""
    unknown = set(data) - RESPONDENT_FIELDS
    if unknown:
        raise ValidationError(_("Onbekende velden: %s") % ", ".join(sorted(unknown)))
    data = dict(data)
    if "code" in data:
        data["code"] = _clean_code(data["code"])
    if "description" in data:
        data["description"] = (data["description"] or "").strip()
    consent = Consent.objects.filter(respondent=respondent).first()
    withdrawn = consent is not None and consent.withdrawn
    if withdrawn and data.get("participant") is not None:
        raise ValidationError(
            {"participant": _("De toestemming is ingetrokken: de koppeling blijft weg.")}
        )
    probe = Respondent(
        pk=respondent.pk,
        municipality_id=respondent.municipality_id,
        study=respondent.study,
        **{
            "code": respondent.code,
            "kind": respondent.kind,
            "participant": respondent.participant,
            "host": respondent.host,
            "description": respondent.description,
            **data,
        },
    )
    _check_respondent(probe, withdrawn=withdrawn)
    respondent, _changed = model_update(
        instance=respondent, data=data, actor=actor, allowed=RESPONDENT_FIELDS
    )
    return respondent


# -- consent ---------------------------------------------------------------------


@transaction.atomic
def consent_record(
    *,
    respondent: Respondent,
    actor: User | None,
    given_on: dt.date,
    today: dt.date,
    scope_interview: bool = True,
    scope_recording: bool = False,
    scope_quotes: bool = False,
    scope_linkage: bool = False,
    letter_version: str = "",
) -> Consent:
    """The informed consent of ``respondent`` (one per respondent); the letter
    version defaults to the study's."""
    if Consent.objects.filter(respondent=respondent).exists():
        raise ValidationError(_("Voor deze respondent is al toestemming vastgelegd."))
    if given_on > today:
        raise ValidationError({"given_on": _("De datum van de toestemming ligt in de toekomst.")})
    if scope_linkage and respondent.kind != RespondentKind.PARTICIPANT:
        raise ValidationError(
            {"scope_linkage": _("Koppelen met de registratie kan alleen bij een deelnemer.")}
        )
    consent = Consent(
        municipality_id=respondent.municipality_id,
        respondent=respondent,
        letter_version=(letter_version or "").strip() or respondent.study.letter_version,
        given_on=given_on,
        scope_interview=scope_interview,
        scope_recording=scope_recording,
        scope_quotes=scope_quotes,
        scope_linkage=scope_linkage,
        recorded_by=actor if actor is not None and actor.pk else None,
    )
    return model_create(instance=consent, actor=actor)


@dataclass(frozen=True)
class WithdrawalResult:
    consent: Consent
    effects: WithdrawalEffects


@transaction.atomic
def consent_withdraw(
    *, respondent: Respondent, actor: User | None, on: dt.date, keep_unlinked: bool
) -> WithdrawalResult:
    """Withdraw ``respondent``'s consent on ``on``.

    Delete (``keep_unlinked=False``): the transcripts of the sessions whose only
    respondent this is go (their codings, quotes and memos with them), and so do
    the focus-group codings attributed to this respondent. Keep unlinked: those
    transcripts stay, marked unlinked, and the codings lose their attribution.
    Both: the respondent leaves every session and loses the participant link, and
    stays as a code, so that the withdrawals can be counted.
    """
    consent = Consent.objects.select_for_update().filter(respondent=respondent).first()
    if consent is None:
        raise ValidationError(_("Er is geen toestemming vastgelegd om in te trekken."))
    if consent.withdrawn:
        raise ValidationError(_("De toestemming is al ingetrokken."))
    if on < consent.given_on:
        raise ValidationError({"on": _("De intrekking ligt vóór de datum van de toestemming.")})
    effects = withdrawal_effects(respondent)
    transcripts = Transcript.objects.filter(pk__in=effects.transcript_ids).order_by("pk")
    attributed = Coding.objects.filter(respondent=respondent).exclude(
        transcript_id__in=effects.transcript_ids
    )
    if keep_unlinked:
        for transcript in transcripts:
            before = snapshot(transcript)
            transcript.unlinked = True
            transcript.save(update_fields=["unlinked", "updated_at"])
            audit_change(actor=actor, instance=transcript, action=AuditAction.UPDATE, before=before)
        for coding in Coding.objects.filter(respondent=respondent).order_by("pk"):
            before = snapshot(coding)
            coding.respondent = None
            coding.save(update_fields=["respondent", "updated_at"])
            audit_change(actor=actor, instance=coding, action=AuditAction.UPDATE, before=before)
    else:
        for coding in attributed.order_by("pk"):
            _delete(coding, actor)
        for transcript in transcripts:
            _delete(transcript, actor)
    for session in respondent.sessions.order_by("pk"):
        ids = set(session.respondents.values_list("pk", flat=True))
        session.respondents.remove(respondent)
        _audit_members(actor, session, "respondents", ids, ids - {respondent.pk})
    if respondent.participant_id is not None:
        before = snapshot(respondent)
        respondent.participant = None
        respondent.save(update_fields=["participant", "updated_at"])
        audit_change(actor=actor, instance=respondent, action=AuditAction.UPDATE, before=before)
    before = snapshot(consent)
    consent.withdrawn_on = on
    consent.withdrawal = (
        WithdrawalChoice.KEEP_UNLINKED if keep_unlinked else WithdrawalChoice.DELETE
    )
    consent.full_clean()
    consent.save(update_fields=["withdrawn_on", "withdrawal", "updated_at"])
    audit_change(actor=actor, instance=consent, action=AuditAction.UPDATE, before=before)
    return WithdrawalResult(consent=consent, effects=effects)


def _delete(instance: Coding | Transcript, actor: User | None) -> None:
    before = snapshot(instance, None if isinstance(instance, Coding) else ["session", "word_count"])
    pk = instance.pk
    instance.delete()
    instance.pk = pk
    audit_change(actor=actor, instance=instance, action=AuditAction.DELETE, before=before)


# -- sessions --------------------------------------------------------------------


def _same_municipality(study: Study, respondents: list[Respondent]) -> None:
    for respondent in respondents:
        ensure_same_municipality(study.municipality, respondents=respondent)


def _is_member(user: User, municipality_id: int) -> bool:
    return Membership.objects.filter(user=user, municipality_id=municipality_id).exists()


def _check_session(session: Session, respondents: list[Respondent], today: dt.date) -> None:
    """Every rule of a conversation, the first broken one refused (a Dutch message)."""
    if session.kind not in SessionKind.values:
        raise ValidationError({"kind": _("Kies interview of focusgroep.")})
    if session.status not in SessionStatus.values:
        raise ValidationError({"status": _("Kies een status.")})
    _check_session_respondents(session, respondents)
    _check_session_dates(session, today)
    if session.status == SessionStatus.HELD:
        _check_session_consent(session, respondents)
    if session.interviewer is not None and not _is_member(
        session.interviewer, session.study.municipality_id
    ):
        raise ValidationError({"interviewer": _("De interviewer is geen lid van de gemeente.")})


def _check_session_respondents(session: Session, respondents: list[Respondent]) -> None:
    """Respondents of this study, who did not withdraw: one for an interview, two or
    more for a focus group."""
    if Consent.objects.filter(
        respondent__in=[r.pk for r in respondents], withdrawn_on__isnull=False
    ).exists():
        raise ValidationError(
            {"respondents": _("Een respondent heeft de toestemming ingetrokken.")}
        )
    if any(respondent.study_id != session.study_id for respondent in respondents):
        raise ValidationError({"respondents": _("Een respondent hoort niet bij dit onderzoek.")})
    if session.kind == SessionKind.INTERVIEW and len(respondents) != 1:
        raise ValidationError({"respondents": _("Een interview heeft precies één respondent.")})
    if session.kind == SessionKind.FOCUS_GROUP and len(respondents) < 2:
        raise ValidationError({"respondents": _("Een focusgroep heeft twee of meer respondenten.")})


def _check_session_dates(session: Session, today: dt.date) -> None:
    """Dates near the study's period; held on a day (not in the future) only when held;
    a planned conversation has its planned day."""
    study = session.study
    earliest = study.period_start - DATE_SLACK
    latest = study.period_end + DATE_SLACK
    for name in ("planned_on", "held_on"):
        value = getattr(session, name)
        if value is not None and not earliest <= value <= latest:
            raise ValidationError(
                {name: _("Deze datum ligt ver buiten de periode van het onderzoek.")}
            )
    if session.held_on is not None and session.held_on > today:
        raise ValidationError({"held_on": _("Een gesprek kan niet in de toekomst gehouden zijn.")})
    if session.status == SessionStatus.HELD and session.held_on is None:
        raise ValidationError({"held_on": _("Vul in op welke dag het gesprek is gehouden.")})
    if session.status != SessionStatus.HELD and session.held_on is not None:
        raise ValidationError(
            {"held_on": _("Alleen een gehouden gesprek heeft een datum gehouden.")}
        )
    if session.status == SessionStatus.PLANNED and session.planned_on is None:
        raise ValidationError({"planned_on": _("Vul in wanneer het gesprek gepland is.")})


def _check_session_consent(session: Session, respondents: list[Respondent]) -> None:
    """A held conversation: every respondent consented to it by the day it was held."""
    consents = {
        c.respondent_id: c
        for c in Consent.objects.filter(respondent__in=[r.pk for r in respondents])
    }
    for respondent in respondents:
        consent = consents.get(respondent.pk)
        if (
            consent is None
            or not consent.scope_interview
            or consent.withdrawn
            or session.held_on is None
            or consent.given_on > session.held_on
        ):
            raise ValidationError(
                {
                    "respondents": _(
                        "%(code)s heeft (op die dag) geen toestemming voor een gesprek."
                    )
                    % {"code": respondent.code}
                }
            )


@transaction.atomic
def session_create(
    *,
    study: Study,
    actor: User | None,
    kind: str,
    respondents: Iterable[Respondent],
    today: dt.date,
    status: str = SessionStatus.PLANNED,
    planned_on: dt.date | None = None,
    held_on: dt.date | None = None,
    interviewer: User | None = None,
    duration_minutes: int | None = None,
) -> Session:
    """A planned or held interview or focus group of ``study``."""
    people = list(respondents)
    session = Session(
        municipality_id=study.municipality_id,
        study=study,
        kind=kind,
        status=status,
        planned_on=planned_on,
        held_on=held_on,
        interviewer=interviewer,
        duration_minutes=duration_minutes,
    )
    _same_municipality(study, people)
    _check_session(session, people, today)
    model_create(instance=session, actor=actor)
    session.respondents.set(people)
    return session


@transaction.atomic
def session_update(
    *, session: Session, actor: User | None, data: dict[str, Any], today: dt.date
) -> Session:
    """Change ``data`` (fields of the session, ``respondents`` a list) of ``session``.

    A session with a transcript stays held; a cancelled session is not changed."""
    unknown = set(data) - SESSION_FIELDS
    if unknown:
        raise ValidationError(_("Onbekende velden: %s") % ", ".join(sorted(unknown)))
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("Een vervallen gesprek verandert niet meer."))
    data = dict(data)
    people = (
        list(data.pop("respondents"))
        if "respondents" in data
        else list(session.respondents.order_by("pk"))
    )
    _same_municipality(session.study, people)
    probe = Session(
        pk=session.pk,
        municipality_id=session.municipality_id,
        study=session.study,
        kind=data.get("kind", session.kind),
        status=data.get("status", session.status),
        planned_on=data.get("planned_on", session.planned_on),
        held_on=data.get("held_on", session.held_on),
        interviewer=data.get("interviewer", session.interviewer),
        duration_minutes=data.get("duration_minutes", session.duration_minutes),
    )
    if probe.status != SessionStatus.HELD and Transcript.objects.filter(session=session).exists():
        raise ValidationError({"status": _("Dit gesprek heeft een transcript: het is gehouden.")})
    _check_session(probe, people, today)
    session, _changed = model_update(
        instance=session, data=data, actor=actor, allowed=SESSION_FIELDS - {"respondents"}
    )
    current = set(session.respondents.values_list("pk", flat=True))
    if current != {r.pk for r in people}:
        session.respondents.set(people)
        _audit_members(actor, session, "respondents", current, {r.pk for r in people})
    return session


@transaction.atomic
def session_cancel(*, session: Session, actor: User | None) -> Session:
    """Cancel a planned session (a held one, with or without transcript, stays)."""
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("Dit gesprek is al vervallen."))
    if session.status == SessionStatus.HELD:
        raise ValidationError(_("Een gehouden gesprek kan niet vervallen."))
    session, _changed = model_update(
        instance=session,
        data={"status": SessionStatus.CANCELLED},
        actor=actor,
        allowed={"status"},
    )
    return session
