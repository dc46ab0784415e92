"""Studies, respondents, consent and its withdrawal, sessions: the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.research import services
from basisbaan.research.constants import (
    RespondentKind,
    SessionKind,
    SessionStatus,
    WithdrawalChoice,
)
from basisbaan.research.models import Coding, Consent, Memo, Respondent, Session, Transcript
from basisbaan.research.selectors import (
    next_respondent_code,
    study_figures,
    withdrawal_count,
    withdrawal_effects,
)
from basisbaan.tenancy.roles import Role
from tests.conftest import TODAY, make_member
from tests.factories import HostFactory, ParticipantFactory, ProgrammeFactory
from tests.research.factories import (
    CodeFactory,
    CodingFactory,
    ConsentFactory,
    MemoFactory,
    RespondentFactory,
    SessionFactory,
    StudyFactory,
    TranscriptFactory,
)
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

STUDY = {
    "title": "Evaluatie basisbanen 2025",
    "question": "Wat levert een basisbaan op?",
    "period_start": dt.date(2025, 3, 1),
    "period_end": dt.date(2025, 12, 31),
    "ethical_basis": "Toestemming (AVG artikel 6 lid 1 onder a).",
}


@pytest.fixture
def study(programme):
    return StudyFactory(programme=programme)


def participant_respondent(study, **kwargs):
    participant = ParticipantFactory(programme=study.programme, **kwargs)
    return RespondentFactory(
        study=study,
        code="R01",
        kind=RespondentKind.PARTICIPANT,
        participant=participant,
        description="",
    )


# -- studies -----------------------------------------------------------------------


def test_a_study_is_created_with_its_researchers_and_audited(programme, researcher, manager):
    study = services.study_create(
        programme=programme, actor=manager, researchers=[researcher], **STUDY
    )
    assert list(study.researchers.all()) == [researcher]
    assert study.municipality_id == programme.municipality_id
    assert study.guest_threshold == Decimal("0.05")
    entry = AuditEntry.objects.get(object_type="research.study", object_id=str(study.pk))
    assert entry.action == AuditAction.CREATE


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"period_end": dt.date(2025, 2, 1)}, "period_end"),
        ({"guest_threshold": Decimal("0")}, "guest_threshold"),
        ({"guest_threshold": Decimal("1")}, "guest_threshold"),
        ({"guest_base_size": 0}, "guest_base_size"),
        ({"francis_stop": 101}, "francis_stop"),
    ],
)
def test_a_study_with_bad_settings_is_refused(programme, manager, changes, field):
    with pytest.raises(ValidationError) as error, unchanged():
        services.study_create(programme=programme, actor=manager, **{**STUDY, **changes})
    assert field in error.value.message_dict


def test_a_researcher_must_be_a_member_who_may_see_the_research(
    programme, manager, caseworker, outsider, other_municipality
):
    other_researcher = make_member(other_municipality, Role.RESEARCHER)
    for person in (caseworker, outsider, other_researcher):
        with pytest.raises(ValidationError) as error, unchanged():
            services.study_create(programme=programme, actor=manager, researchers=[person], **STUDY)
        assert list(error.value.message_dict) == ["researchers"]


def test_a_study_update_changes_the_researchers_with_an_entry(study, researcher, manager):
    old_title = study.title
    services.study_update(
        study=study, actor=manager, data={"title": "Nieuw"}, researchers=[researcher]
    )
    study.refresh_from_db()
    assert study.title == "Nieuw"
    entries = AuditEntry.objects.filter(object_type="research.study", action=AuditAction.UPDATE)
    assert sorted((e.changes for e in entries), key=str) == [
        {"researchers": [[], [researcher.pk]]},
        {"title": [old_title, "Nieuw"]},
    ]


def test_a_study_update_with_a_period_out_of_order_is_refused(study, manager):
    with pytest.raises(ValidationError), unchanged(study):
        services.study_update(
            study=study, actor=manager, data={"period_start": dt.date(2026, 1, 1)}
        )


# -- respondents -------------------------------------------------------------------


def test_the_next_code_follows_the_highest_r_number(study, researcher):
    assert next_respondent_code(study) == "R01"
    first = services.respondent_create(
        study=study, actor=researcher, kind=RespondentKind.STAFF, description="jobcoach"
    )
    assert first.code == "R01"
    services.respondent_create(study=study, actor=researcher, kind=RespondentKind.OTHER, code="r07")
    assert next_respondent_code(study) == "R08"


def test_a_taken_code_is_refused_with_the_free_one(study, researcher):
    RespondentFactory(study=study, code="R01")
    with pytest.raises(ValidationError) as error, unchanged():
        services.respondent_create(
            study=study, actor=researcher, kind=RespondentKind.STAFF, code="R01"
        )
    assert error.value.message_dict["code"] == [
        "Deze code is al in gebruik in dit onderzoek. Vrij is R02."
    ]


def test_a_participant_respondent_of_the_programme_once_per_study(study, researcher):
    participant = ParticipantFactory(programme=study.programme)
    respondent = services.respondent_create(
        study=study, actor=researcher, kind=RespondentKind.PARTICIPANT, participant=participant
    )
    assert respondent.participant == participant
    with pytest.raises(ValidationError) as error, unchanged():
        services.respondent_create(
            study=study, actor=researcher, kind=RespondentKind.PARTICIPANT, participant=participant
        )
    assert list(error.value.message_dict) == ["participant"]


def test_participant_refusals(study, researcher, other_programme, municipality):
    elsewhere = ParticipantFactory(programme=ProgrammeFactory(municipality=municipality))
    other_municipality = ParticipantFactory(programme=other_programme)
    mine = ParticipantFactory(programme=study.programme)
    cases = [
        {"kind": RespondentKind.PARTICIPANT},  # none chosen
        {"kind": RespondentKind.PARTICIPANT, "participant": elsewhere},
        {"kind": RespondentKind.PARTICIPANT, "participant": other_municipality},
        {"kind": RespondentKind.STAFF, "participant": mine},
    ]
    for case in cases:
        with pytest.raises(ValidationError) as error, unchanged():
            services.respondent_create(study=study, actor=researcher, **case)
        assert list(error.value.message_dict) == ["participant"]


def test_only_a_host_respondent_names_a_host(study, researcher, municipality):
    host = HostFactory(municipality=municipality)
    respondent = services.respondent_create(
        study=study,
        actor=researcher,
        kind=RespondentKind.HOST,
        host=host,
        description="leidinggevende",
    )
    assert respondent.host == host
    with pytest.raises(ValidationError) as error, unchanged():
        services.respondent_create(
            study=study, actor=researcher, kind=RespondentKind.STAFF, host=host
        )
    assert list(error.value.message_dict) == ["host"]


def test_a_name_in_the_description_is_refused_without_saying_it(study, researcher):
    ParticipantFactory(programme=study.programme, first_name="Dennis", last_name="Bakker")
    with pytest.raises(ValidationError) as error, unchanged():
        services.respondent_create(
            study=study,
            actor=researcher,
            kind=RespondentKind.STAFF,
            description="collega van Dennis Bakker",
        )
    assert error.value.message_dict["description"] == [
        "De omschrijving bevat de naam van een deelnemer. Beschrijf een rol, geen naam."
    ]
    assert "Bakker" not in str(error.value)


# -- consent -----------------------------------------------------------------------


def test_consent_takes_the_study_letter_version_and_is_recorded_once(study, researcher):
    study.letter_version = "2.1"
    study.save()
    respondent = RespondentFactory(study=study)
    consent = services.consent_record(
        respondent=respondent,
        actor=researcher,
        given_on=dt.date(2025, 3, 3),
        today=TODAY,
        scope_recording=True,
    )
    assert (consent.letter_version, consent.recorded_by, consent.scope_recording) == (
        "2.1",
        researcher,
        True,
    )
    with pytest.raises(ValidationError), unchanged(consent):
        services.consent_record(
            respondent=respondent, actor=researcher, given_on=dt.date(2025, 3, 4), today=TODAY
        )


def test_consent_in_the_future_or_linkage_for_staff_is_refused(study, researcher):
    respondent = RespondentFactory(study=study)
    with pytest.raises(ValidationError), unchanged():
        services.consent_record(
            respondent=respondent, actor=researcher, given_on=TODAY + dt.timedelta(1), today=TODAY
        )
    with pytest.raises(ValidationError), unchanged():
        services.consent_record(
            respondent=respondent,
            actor=researcher,
            given_on=TODAY,
            today=TODAY,
            scope_linkage=True,
        )


# -- withdrawal --------------------------------------------------------------------


@pytest.fixture
def world(study):
    """R01 (a participant) in an interview with a transcript (3 codings, 1 a quote, and
    a memo) and in a focus group with R02 and R03, where 2 of the 4 codings are R01's
    (one a quote); R02 has a second interview of its own."""
    r1 = participant_respondent(study)
    r2 = RespondentFactory(study=study, code="R02")
    r3 = RespondentFactory(study=study, code="R03")
    for r in (r1, r2, r3):
        ConsentFactory(respondent=r)
    interview = SessionFactory(study=study)
    interview.respondents.set([r1])
    own = TranscriptFactory(session=interview)
    code = CodeFactory(study=study)
    CodingFactory(transcript=own, code=code, start=0, end=5, is_quote=True)
    CodingFactory(transcript=own, code=code, start=5, end=9)
    CodingFactory(transcript=own, code=code, start=9, end=12, respondent=r1)
    MemoFactory(study=study, transcript=own)
    group = SessionFactory(study=study, kind=SessionKind.FOCUS_GROUP)
    group.respondents.set([r1, r2, r3])
    shared = TranscriptFactory(session=group)
    CodingFactory(transcript=shared, code=code, start=0, end=4, respondent=r1, is_quote=True)
    CodingFactory(transcript=shared, code=code, start=4, end=8, respondent=r1)
    CodingFactory(transcript=shared, code=code, start=8, end=12, respondent=r2)
    CodingFactory(transcript=shared, code=code, start=12, end=16)
    other = SessionFactory(study=study)
    other.respondents.set([r2])
    TranscriptFactory(session=other)
    return {"r1": r1, "r2": r2, "r3": r3, "own": own, "shared": shared, "group": group}


def test_the_effects_count_what_a_withdrawal_touches(world):
    effects = withdrawal_effects(world["r1"])
    assert effects.transcript_ids == [world["own"].pk]
    assert (
        effects.transcript_codings,
        effects.transcript_quotes,
        effects.transcript_memos,
        effects.attributed_codings,
        effects.attributed_quotes,
        effects.sessions,
        effects.participant_linked,
    ) == (3, 1, 1, 2, 1, 2, True)


def test_withdrawal_with_delete_removes_what_the_respondent_said(world, researcher, study):
    r1 = world["r1"]
    result = services.consent_withdraw(
        respondent=r1, actor=researcher, on=dt.date(2025, 5, 1), keep_unlinked=False
    )
    assert result.effects.transcripts == 1
    assert list(Transcript.objects.order_by("pk").values_list("pk", flat=True)) == [
        world["shared"].pk,
        world["shared"].pk + 1,
    ]
    assert Coding.objects.filter(transcript=world["shared"]).count() == 2
    assert Coding.objects.count() == 2
    assert Coding.objects.filter(is_quote=True).count() == 0
    assert Memo.objects.count() == 0
    r1.refresh_from_db()
    assert r1.participant is None
    assert r1.code == "R01"
    assert list(world["group"].respondents.order_by("code").values_list("code", flat=True)) == [
        "R02",
        "R03",
    ]
    assert Session.objects.count() == 3
    consent = Consent.objects.get(respondent=r1)
    assert (consent.withdrawn_on, consent.withdrawal) == (
        dt.date(2025, 5, 1),
        WithdrawalChoice.DELETE,
    )
    assert withdrawal_count(study) == 1
    deleted = AuditEntry.objects.filter(action=AuditAction.DELETE)
    assert sorted(deleted.values_list("object_type", flat=True)) == [
        "research.coding",
        "research.coding",
        "research.transcript",
    ]
    updated = AuditEntry.objects.filter(action=AuditAction.UPDATE)
    assert sorted(updated.values_list("object_type", flat=True)) == [
        "research.consent",
        "research.respondent",
        "research.session",
        "research.session",
    ]


def test_withdrawal_keeping_the_material_unlinks_it(world, researcher):
    r1 = world["r1"]
    services.consent_withdraw(
        respondent=r1, actor=researcher, on=dt.date(2025, 5, 1), keep_unlinked=True
    )
    assert Transcript.objects.count() == 3
    assert list(Transcript.objects.filter(unlinked=True).values_list("pk", flat=True)) == [
        world["own"].pk
    ]
    assert Coding.objects.count() == 7
    assert Coding.objects.filter(is_quote=True).count() == 2
    assert Coding.objects.filter(respondent=r1).count() == 0
    assert Coding.objects.filter(respondent__isnull=False).count() == 1  # R02's
    assert Memo.objects.count() == 1
    r1.refresh_from_db()
    assert r1.participant is None
    assert r1.sessions.count() == 0
    assert Consent.objects.get(respondent=r1).withdrawal == WithdrawalChoice.KEEP_UNLINKED
    assert not AuditEntry.objects.filter(action=AuditAction.DELETE).exists()
    assert AuditEntry.objects.filter(object_type="research.coding").count() == 3


def test_withdrawing_twice_or_without_consent_is_refused(world, researcher, study):
    r1 = world["r1"]
    services.consent_withdraw(
        respondent=r1, actor=researcher, on=dt.date(2025, 5, 1), keep_unlinked=False
    )
    with pytest.raises(ValidationError), unchanged(r1, tables=True):
        services.consent_withdraw(
            respondent=r1, actor=researcher, on=dt.date(2025, 5, 2), keep_unlinked=True
        )
    bare = RespondentFactory(study=study, code="R09")
    with pytest.raises(ValidationError), unchanged(tables=True):
        services.consent_withdraw(
            respondent=bare, actor=researcher, on=dt.date(2025, 5, 2), keep_unlinked=False
        )


def test_withdrawal_before_the_consent_is_refused(world, researcher):
    with pytest.raises(ValidationError), unchanged(tables=True):
        services.consent_withdraw(
            respondent=world["r2"], actor=researcher, on=dt.date(2025, 1, 1), keep_unlinked=False
        )


def test_a_withdrawn_participant_link_is_not_set_again(world, researcher, study):
    r1 = world["r1"]
    services.consent_withdraw(
        respondent=r1, actor=researcher, on=dt.date(2025, 5, 1), keep_unlinked=False
    )
    r1.refresh_from_db()
    someone = ParticipantFactory(programme=study.programme)
    with pytest.raises(ValidationError), unchanged(r1):
        services.respondent_update(respondent=r1, actor=researcher, data={"participant": someone})


# -- sessions ----------------------------------------------------------------------


@pytest.fixture
def pair(study):
    a = RespondentFactory(study=study, code="R01")
    b = RespondentFactory(study=study, code="R02")
    ConsentFactory(respondent=a)
    ConsentFactory(respondent=b)
    return a, b


def test_an_interview_and_a_focus_group_are_created(study, pair, researcher):
    a, b = pair
    interview = services.session_create(
        study=study,
        actor=researcher,
        kind=SessionKind.INTERVIEW,
        respondents=[a],
        status=SessionStatus.HELD,
        held_on=dt.date(2025, 4, 1),
        interviewer=researcher,
        duration_minutes=50,
        today=TODAY,
    )
    group = services.session_create(
        study=study,
        actor=researcher,
        kind=SessionKind.FOCUS_GROUP,
        respondents=[a, b],
        planned_on=dt.date(2025, 6, 1),
        today=TODAY,
    )
    assert list(interview.respondents.all()) == [a]
    assert group.respondents.count() == 2
    figures = study_figures(study)
    assert [(k.kind, k.planned, k.held, k.cancelled) for k in figures.sessions] == [
        ("interview", 0, 1, 0),
        ("focus_group", 1, 0, 0),
    ]
    assert (figures.respondent_total, figures.consents, figures.withdrawals) == (2, 2, 0)


def test_session_refusals(study, pair, researcher, outsider):
    a, b = pair
    nobody = RespondentFactory(study=study, code="R03")  # no consent
    stranger = RespondentFactory(code="R04")  # another study
    base = {
        "study": study,
        "actor": researcher,
        "today": TODAY,
        "kind": SessionKind.INTERVIEW,
        "respondents": [a],
        "planned_on": dt.date(2025, 4, 1),
    }
    cases = [
        ({"respondents": [a, b]}, "respondents"),
        ({"respondents": []}, "respondents"),
        ({"kind": SessionKind.FOCUS_GROUP}, "respondents"),
        ({"respondents": [stranger]}, "respondents"),
        ({"status": SessionStatus.HELD}, "held_on"),
        (
            {"status": SessionStatus.HELD, "held_on": dt.date(2025, 4, 1), "respondents": [nobody]},
            "respondents",
        ),
        ({"status": SessionStatus.HELD, "held_on": TODAY + dt.timedelta(1)}, "held_on"),
        ({"planned_on": dt.date(2019, 1, 1)}, "planned_on"),
        ({"planned_on": None}, "planned_on"),
        ({"held_on": dt.date(2025, 4, 1)}, "held_on"),
        ({"interviewer": outsider}, "interviewer"),
    ]
    for changes, field in cases:
        with pytest.raises(ValidationError) as error, unchanged():
            services.session_create(**{**base, **changes})
        assert field in error.value.message_dict, changes


def test_a_session_without_consent_to_interview_cannot_be_held(study, researcher):
    r = RespondentFactory(study=study)
    ConsentFactory(respondent=r, scope_interview=False)
    with pytest.raises(ValidationError), unchanged():
        services.session_create(
            study=study,
            actor=researcher,
            kind=SessionKind.INTERVIEW,
            respondents=[r],
            status=SessionStatus.HELD,
            held_on=dt.date(2025, 4, 1),
            today=TODAY,
        )


def test_cancel_a_planned_session_only(study, pair, researcher):
    a, _b = pair
    planned = services.session_create(
        study=study,
        actor=researcher,
        kind=SessionKind.INTERVIEW,
        respondents=[a],
        planned_on=dt.date(2025, 4, 1),
        today=TODAY,
    )
    services.session_cancel(session=planned, actor=researcher)
    assert Session.objects.get(pk=planned.pk).status == SessionStatus.CANCELLED
    with pytest.raises(ValidationError), unchanged(planned):
        services.session_cancel(session=planned, actor=researcher)
    held = SessionFactory(study=study)
    held.respondents.set([a])
    with pytest.raises(ValidationError), unchanged(held):
        services.session_cancel(session=held, actor=researcher)


def test_a_session_with_a_transcript_stays_held(study, pair, researcher):
    a, _b = pair
    session = SessionFactory(study=study)
    session.respondents.set([a])
    TranscriptFactory(session=session)
    with pytest.raises(ValidationError), unchanged(session):
        services.session_update(
            session=session,
            actor=researcher,
            data={"status": SessionStatus.PLANNED, "held_on": None},
            today=TODAY,
        )


def test_session_update_changes_respondents_with_an_entry(study, pair, researcher):
    a, b = pair
    session = SessionFactory(
        study=study, kind=SessionKind.INTERVIEW, status=SessionStatus.PLANNED, held_on=None
    )
    session.respondents.set([a])
    services.session_update(
        session=session,
        actor=researcher,
        data={"kind": SessionKind.FOCUS_GROUP, "respondents": [a, b]},
        today=TODAY,
    )
    session.refresh_from_db()
    assert session.kind == SessionKind.FOCUS_GROUP
    assert (
        AuditEntry.objects.filter(
            object_type="research.session", changes={"respondents": [[a.pk], [a.pk, b.pk]]}
        ).count()
        == 1
    )
    assert Respondent.objects.count() == 2
