"""Guidance services: the week grid save, the hours rules (own entries only,
closed months, quarter hours), the one-contact-person rule, sessions, signals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditEntry
from basisbaan.guidance import services
from basisbaan.guidance.constants import Activity, SessionStatus
from basisbaan.guidance.models import ClosedPeriod, HoursEntry
from basisbaan.guidance.services import WeekCell
from basisbaan.participants.models import ContactPersonChange
from basisbaan.participants.services import participant_set_contact_person
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.factories import ParticipantFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

D = dt.date
E = Decimal
MONDAY = D(2025, 3, 3)


def _week(participants, hours="1.5", activity=Activity.COACHING):
    return [
        WeekCell(p.pk, activity, MONDAY + dt.timedelta(days=day), E(hours) if hours else None)
        for p in participants
        for day in range(7)
    ]


def test_a_week_of_15_participants_is_saved_in_bulk_with_an_audit_entry_each(
    municipality, placed, coach, django_assert_max_num_queries
):
    people = [placed().participant for _ in range(15)]
    before = AuditEntry.objects.count()
    # 12, and the audit chain's head: locked and moved once for the whole batch.
    with django_assert_max_num_queries(14):
        result = services.hours_week_save(
            municipality=municipality,
            actor=coach,
            staff=coach,
            week_start=MONDAY,
            cells=_week(people, hours="0.75"),  # 11,25 hours a day: within the 12
        )
    assert (result.created, result.updated, result.deleted) == (105, 0, 0)
    assert HoursEntry.objects.count() == 105
    assert sum(e.hours for e in HoursEntry.objects.all()) == E("78.75")
    entries = AuditEntry.objects.filter(object_type="guidance.hoursentry")
    assert AuditEntry.objects.count() - before == 105
    assert {e.action for e in entries} == {"create"}
    assert entries.first().changes["hours"] == [None, "0.75"]


def test_saving_the_same_week_again_changes_nothing_and_edits_are_exact(
    municipality, placed, coach
):
    people = [placed().participant for _ in range(2)]
    save = lambda cells: services.hours_week_save(  # noqa: E731
        municipality=municipality, actor=coach, staff=coach, week_start=MONDAY, cells=cells
    )
    save(_week(people))
    audits = AuditEntry.objects.count()
    assert save(_week(people)).changed == 0
    assert AuditEntry.objects.count() == audits
    cells = _week(people)
    cells[0] = WeekCell(people[0].pk, Activity.COACHING, MONDAY, E("2.25"))
    cells[1] = WeekCell(people[0].pk, Activity.COACHING, MONDAY + dt.timedelta(days=1), None)
    result = save(cells)
    assert (result.created, result.updated, result.deleted) == (0, 1, 1)
    assert HoursEntry.objects.get(participant=people[0], date=MONDAY).hours == E("2.25")
    assert HoursEntry.objects.count() == 13
    update = AuditEntry.objects.get(action="update", object_type="guidance.hoursentry")
    assert update.changes == {"hours": ["1.50", "2.25"]}
    assert (
        AuditEntry.objects.filter(action="delete", object_type="guidance.hoursentry").count() == 1
    )


def test_one_wrong_cell_refuses_the_whole_week(municipality, placed, coach):
    people = [placed().participant for _ in range(3)]
    cells = _week(people)
    cells[5] = WeekCell(people[0].pk, Activity.COACHING, cells[5].date, E("1.3"))
    with pytest.raises(ValidationError) as caught, unchanged():
        services.hours_week_save(
            municipality=municipality, actor=coach, staff=coach, week_start=MONDAY, cells=cells
        )
    key = f"cell:{people[0].pk}:coaching:2025-03-08"
    assert caught.value.message_dict == {key: ["Vul uren in kwartieren in: 1, 1,25, 1,5 of 1,75."]}
    assert HoursEntry.objects.count() == 0


def test_a_participant_of_another_municipality_is_refused(
    municipality, other_municipality, placed, coach
):
    stranger = ParticipantFactory(programme__municipality=other_municipality)
    with pytest.raises(ValidationError), unchanged():
        services.hours_week_save(
            municipality=municipality,
            actor=coach,
            staff=coach,
            week_start=MONDAY,
            cells=_week([stranger]),
        )
    assert HoursEntry.objects.count() == 0


def test_own_entries_only_but_a_programme_manager_may_correct(
    municipality, placed, coach, caseworker_user, manager
):
    person = placed().participant
    with pytest.raises(ValidationError) as caught, unchanged():
        services.hours_week_save(
            municipality=municipality,
            actor=caseworker_user,
            staff=coach,
            week_start=MONDAY,
            cells=_week([person]),
        )
    assert caught.value.message_dict == {
        "staff": ["U kunt alleen uw eigen uren vastleggen of wijzigen."]
    }
    services.hours_week_save(
        municipality=municipality,
        actor=manager,
        staff=coach,
        week_start=MONDAY,
        cells=_week([person]),
    )
    assert set(HoursEntry.objects.values_list("staff__username", flat=True)) == {"coach"}
    assert set(
        AuditEntry.objects.filter(object_type="guidance.hoursentry").values_list(
            "actor_label", flat=True
        )
    ) == {"manager"}


def test_a_closed_month_cannot_change(municipality, placed, coach, manager):
    person = placed().participant
    entry = services.hours_entry_create(
        municipality=municipality,
        actor=coach,
        participant=person,
        staff=coach,
        date=D(2025, 2, 28),
        activity=Activity.INTAKE,
        hours=E("2"),
    )
    period = services.period_close(municipality=municipality, actor=manager, month=D(2025, 2, 14))
    assert (period.month, period.closed_by) == (D(2025, 2, 1), manager)
    with pytest.raises(ValidationError, match="februari 2025 is afgesloten"), unchanged():
        services.hours_entry_update(entry=entry, actor=coach, data={"hours": E("3")})
    with pytest.raises(ValidationError), unchanged():
        services.hours_entry_delete(entry=entry, actor=coach)
    with pytest.raises(ValidationError), unchanged():
        services.hours_entry_create(
            municipality=municipality,
            actor=coach,
            participant=person,
            staff=coach,
            date=D(2025, 2, 3),
            activity=Activity.INTAKE,
            hours=E("1"),
        )
    # A week across the month border: the February days refuse, so nothing is saved.
    cells = [
        WeekCell(person.pk, Activity.COACHING, D(2025, 2, 24) + dt.timedelta(days=i), E(1))
        for i in range(7)
    ]
    with pytest.raises(ValidationError), unchanged():
        services.hours_week_save(
            municipality=municipality,
            actor=coach,
            staff=coach,
            week_start=D(2025, 2, 24),
            cells=cells,
        )
    assert HoursEntry.objects.get().hours == E("2")
    with pytest.raises(ValidationError, match="al afgesloten"), unchanged():
        services.period_close(municipality=municipality, actor=manager, month=D(2025, 2, 1))
    assert ClosedPeriod.objects.count() == 1


@pytest.mark.parametrize(
    ("hours", "message"),
    [
        (E("0"), "Vul een aantal uren groter dan 0 in."),
        (E("12.25"), "Meer dan 12 uur op één dag kan niet."),
        (E("24"), "Meer dan 12 uur op één dag kan niet."),
        (E("0.1"), "Vul uren in kwartieren in: 1, 1,25, 1,5 of 1,75."),
    ],
)
def test_hours_are_quarter_hours_within_a_day(municipality, placed, coach, hours, message):
    person = placed().participant
    with pytest.raises(ValidationError) as caught, unchanged(person):
        services.hours_entry_create(
            municipality=municipality,
            actor=coach,
            participant=person,
            staff=coach,
            date=MONDAY,
            activity=Activity.TRAVEL,
            hours=hours,
        )
    assert caught.value.message_dict == {"hours": [message]}


def test_one_entry_per_participant_staff_day_and_activity(municipality, placed, coach):
    person = placed().participant
    kwargs = dict(
        municipality=municipality,
        actor=coach,
        participant=person,
        staff=coach,
        date=MONDAY,
        activity=Activity.TRAVEL,
        hours=E(1),
    )
    services.hours_entry_create(**kwargs)
    with pytest.raises(ValidationError, match="al uren"), unchanged():
        services.hours_entry_create(**kwargs)


# -- the one fixed contact person ------------------------------------------------------


def test_an_active_participant_keeps_exactly_one_contact_person(
    municipality, placed, coach, manager
):
    person = placed().participant
    other = make_member(municipality, Role.CASEWORKER, username="tweede")
    with pytest.raises(ValidationError) as caught, unchanged():
        participant_set_contact_person(participant=person, actor=manager, contact_person=None)
    assert "contact_person" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught, unchanged():
        participant_set_contact_person(participant=person, actor=manager, contact_person=other)
    assert caught.value.message_dict == {
        "reason": ["Geef de reden waarom het vaste aanspreekpunt wisselt."]
    }
    participant_set_contact_person(
        participant=person, actor=manager, contact_person=other, reason="Coach met verlof"
    )
    person.refresh_from_db()
    assert person.contact_person == other
    change = ContactPersonChange.objects.get()
    assert (change.from_user, change.to_user, change.reason, change.changed_by) == (
        coach,
        other,
        "Coach met verlof",
        manager,
    )
    assert AuditEntry.objects.filter(object_type="participants.contactpersonchange").count() == 1


def test_an_exited_participant_may_lose_the_contact_person(municipality, coach, manager, programme):
    person = ParticipantFactory(programme=programme, status="exited", contact_person=coach)
    participant_set_contact_person(
        participant=person, actor=manager, contact_person=None, reason="Uitgestroomd"
    )
    person.refresh_from_db()
    assert person.contact_person is None


# -- sessions and signals --------------------------------------------------------------


def test_plan_record_and_act_on_a_feedback_session(
    municipality, placed, coach, caseworker_user, host_contact
):
    placement = placed(start=D(2025, 1, 6))
    session = services.feedback_session_plan(
        placement=placement,
        actor=coach,
        planned_date=D(2025, 2, 17),
        host_contact=host_contact,
        jobcoach=coach,
    )
    assert session.status == SessionStatus.PLANNED
    session = services.feedback_session_record(
        session=session,
        actor=coach,
        data={
            "held_on": D(2025, 2, 18),
            "participant_present": True,
            "caseworker": caseworker_user,
            "score_work": 4,
            "score_wellbeing": 3,
            "score_finances": 2,
            "score_host": 5,
            "notes": "Gaat goed; budgetcoach ingeschakeld.",
        },
    )
    session.refresh_from_db()
    assert (session.status, session.held_on, session.score_finances) == ("held", D(2025, 2, 18), 2)
    action = services.feedback_action_add(
        session=session,
        actor=coach,
        description="Afspraak budgetcoach",
        owner=caseworker_user,
        due_date=D(2025, 3, 1),
    )
    services.feedback_action_done(action=action, actor=caseworker_user, done_on=D(2025, 2, 25))
    action.refresh_from_db()
    assert action.done_on == D(2025, 2, 25)
    with pytest.raises(ValidationError), unchanged():
        services.feedback_session_cancel(session=session, actor=coach)


def test_a_session_is_planned_with_a_contact_of_the_placement_host(municipality, placed, coach):
    from tests.factories import HostContactFactory

    placement = placed()
    elsewhere = HostContactFactory(host__municipality=municipality)
    with pytest.raises(ValidationError) as caught, unchanged():
        services.feedback_session_plan(
            placement=placement, actor=coach, planned_date=D(2025, 3, 1), host_contact=elsewhere
        )
    assert "host_contact" in caught.value.message_dict


def test_a_signal_is_raised_followed_up_and_closed(
    municipality, placed, coach, manager, host_contact
):
    person = placed().participant
    signal = services.signal_raise(
        participant=person,
        actor=coach,
        kind="absence",
        description="Drie dagen ziek gemeld",
        owner=coach,
        raised_by_host_contact=host_contact,
    )
    assert (signal.raised_by, signal.raised_by_host_contact, signal.is_open) == (
        None,
        host_contact,
        True,
    )
    with pytest.raises(ValidationError) as caught, unchanged():
        services.signal_close(signal=signal, actor=coach)
    assert "follow_up" in caught.value.message_dict
    services.signal_update(signal=signal, actor=coach, data={"owner": manager})
    signal = services.signal_close(
        signal=signal, actor=manager, follow_up="Gesprek gevoerd, weer aan het werk"
    )
    signal.refresh_from_db()
    assert (signal.is_open, signal.closed_by, signal.owner) == (False, manager, manager)
    with pytest.raises(ValidationError), unchanged():
        services.signal_update(signal=signal, actor=coach, data={"follow_up": "x"})
