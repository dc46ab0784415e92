"""Writes of guidance: hours (one entry, a whole week, a closed month), the
programme settings, feedback sessions and actions, signals, calendar feeds.

Every function runs in one transaction and writes its audit entries in it.
Hours rules, checked for every write whatever the face (UI, API, CSV, CLI):

- staff log their own hours; a programme manager (``guidance.manage``) may
  correct anyone's, and that correction is audited under the manager's name;
- a month closed by the programme manager cannot change any more;
- an entry is quarter hours, more than 0, about a participant of the same
  municipality, by a staff member of it;
- one staff member logs at most :data:`~basisbaan.calc.dates.MAX_HOURS_PER_DAY`
  (12) hours on one day, over all participants and activities together.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from basisbaan.audit.context import current_channel, current_request_id
from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.audit.services import snapshot
from basisbaan.calc.dates import MAX_HOURS_PER_DAY, DateProblem
from basisbaan.calc.guidance import CENT
from basisbaan.core.dates import day_hours_message, hours_text, within_message
from basisbaan.core.services import (
    ensure_same_municipality,
    model_create,
    model_delete,
    model_update,
)
from basisbaan.guidance.constants import (
    GUIDANCE_SETTINGS_FIELDS,
    HOURS_STEP,
    MAX_HOURS_PER_ENTRY,
    SESSION_RECORD_FIELDS,
    STAFF_ROLES,
    Activity,
    SessionStatus,
)
from basisbaan.guidance.models import (
    CalendarFeed,
    ClosedPeriod,
    FeedbackAction,
    FeedbackSession,
    GuidanceSettings,
    HoursEntry,
    Signal,
)
from basisbaan.guidance.selectors import signal_host_contacts
from basisbaan.hosts.models import HostContact
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.roles import Perm, has_perm

__all__ = [
    "WeekCell",
    "audit_hours_rows",
    "calendar_feed_renew",
    "calendar_feed_revoke",
    "check_hours",
    "days_over_limit",
    "feedback_action_add",
    "feedback_action_done",
    "feedback_session_cancel",
    "feedback_session_plan",
    "feedback_session_record",
    "guidance_settings_set",
    "hours_entry_create",
    "hours_entry_delete",
    "hours_entry_update",
    "hours_week_save",
    "period_close",
    "signal_close",
    "signal_raise",
    "signal_update",
]


# -- helpers ---------------------------------------------------------------------------


def _role(municipality_id: int, user: User | None) -> str | None:
    if user is None or not user.pk:
        return None
    return (
        Membership.objects.filter(user=user, municipality_id=municipality_id)
        .values_list("role", flat=True)
        .first()
    )


def _check_staff(municipality_id: int, user: User | None, field: str = "staff") -> None:
    if user is None:
        return
    if not Membership.objects.filter(
        user=user, municipality_id=municipality_id, role__in=STAFF_ROLES
    ).exists():
        raise ValidationError(
            {field: _("Kies een consulent, jobcoach of programmamanager van uw gemeente.")}
        )


def _may_write_for(municipality_id: int, actor: User | None, staff_id: int) -> None:
    """Own entries only, unless the actor manages guidance (programme manager)."""
    if actor is None or actor.pk == staff_id:
        return
    if not has_perm(_role(municipality_id, actor), Perm.GUIDANCE_MANAGE):
        raise ValidationError({"staff": _("U kunt alleen uw eigen uren vastleggen of wijzigen.")})


def closed_months(municipality_id: int, days: Iterable[dt.date]) -> set[dt.date]:
    """The closed months among those of ``days``."""
    months = {d.replace(day=1) for d in days}
    if not months:
        return set()
    return set(
        ClosedPeriod.objects.filter(municipality_id=municipality_id, month__in=months).values_list(
            "month", flat=True
        )
    )


def _closed_error(month: dt.date) -> ValidationError:
    return ValidationError(
        {
            "date": _("%(month)s is afgesloten; uren daarin kunnen niet meer wijzigen.")
            % {"month": date_format(month, "F Y")}
        }
    )


def check_hours(hours: Decimal) -> str | None:
    """Why ``hours`` cannot be logged, or None. Quarter hours, > 0, <= 12 (a day's most)."""
    if hours <= 0:
        return _("Vul een aantal uren groter dan 0 in.")
    if hours > min(MAX_HOURS_PER_ENTRY, MAX_HOURS_PER_DAY):
        return _("Meer dan %(max)s uur op één dag kan niet.") % {
            "max": hours_text(MAX_HOURS_PER_DAY)
        }
    if hours % HOURS_STEP:
        return _("Vul uren in kwartieren in: 1, 1,25, 1,5 of 1,75.")
    return None


HoursKey = tuple[int, int, dt.date, str]  # participant, staff, day, activity


def days_over_limit(
    municipality_id: int, wanted: dict[HoursKey, Decimal | None]
) -> dict[tuple[int, dt.date], Decimal]:
    """The (staff member, day) pairs whose hours would add up to more than
    :data:`MAX_HOURS_PER_DAY` once ``wanted`` is written (None removes an
    entry), with that total. One query: the stored hours of those days."""
    if not wanted:
        return {}
    staff_ids = {k[1] for k in wanted}
    days = {k[2] for k in wanted}
    totals: dict[tuple[int, dt.date], Decimal] = defaultdict(Decimal)
    stored = HoursEntry.objects.filter(
        municipality_id=municipality_id, staff_id__in=staff_ids, date__in=days
    ).values_list("participant_id", "staff_id", "date", "activity", "hours")
    for participant_id, staff_id, day, activity, hours in stored:
        if (participant_id, staff_id, day, activity) not in wanted:
            totals[(staff_id, day)] += hours
    for (_participant, staff_id, day, _activity), wanted_hours in wanted.items():
        totals[(staff_id, day)] += wanted_hours or Decimal(0)
    return {key: total for key, total in totals.items() if total > MAX_HOURS_PER_DAY}


def audit_hours_rows(
    *,
    actor: User | None,
    municipality_id: int,
    action: AuditAction,
    rows: list[tuple[Any, dict[str, Any]]],
) -> None:
    """One audit entry per changed row, written in one statement."""
    if not rows:
        return
    request_id, channel = current_request_id(), current_channel()
    label = actor.get_username() if actor is not None and actor.pk else "systeem"
    AuditEntry.objects.bulk_create(
        AuditEntry(
            actor=actor if actor is not None and actor.pk else None,
            actor_label=label,
            municipality_id=municipality_id,
            action=action,
            object_type=HoursEntry._meta.label_lower,
            object_id=str(instance.pk or ""),
            object_repr=str(instance)[:200],
            changes=changes,
            request_id=request_id,
            channel=channel,
        )
        for instance, changes in rows
    )


# -- settings --------------------------------------------------------------------------

SETTINGS_FIELDS = frozenset(GUIDANCE_SETTINGS_FIELDS)


@transaction.atomic
def guidance_settings_set(
    *, programme: Programme, actor: User | None, data: dict[str, Any]
) -> GuidanceSettings:
    """Save a programme's guidance settings (made with the defaults on first save).

    An hourly rate needs its source and date, like any figure the product
    computes with.
    """
    existing = GuidanceSettings.objects.filter(programme=programme).first()
    merged = {
        name: data.get(name, getattr(existing, name) if existing else None)
        for name in ("hourly_rate", "rate_source", "rate_date")
    }
    if merged["hourly_rate"] is not None and not (merged["rate_source"] and merged["rate_date"]):
        raise ValidationError({"rate_source": _("Geef bij het uurtarief de bron en de datum op.")})
    if existing is None:
        row = GuidanceSettings(municipality_id=programme.municipality_id, programme=programme)
        unknown = set(data) - SETTINGS_FIELDS
        if unknown:
            raise ValidationError(
                _("Deze velden kunnen niet worden gewijzigd: %s") % ", ".join(sorted(unknown))
            )
        for name, value in data.items():
            setattr(row, name, value)
        return model_create(instance=row, actor=actor)
    row, _changed = model_update(
        instance=existing, data=data, actor=actor, allowed=set(SETTINGS_FIELDS)
    )
    return row


# -- hours -----------------------------------------------------------------------------


def _check_entry(
    *,
    municipality: Municipality,
    actor: User | None,
    participant: Participant,
    staff: User,
    date: dt.date,
    hours: Decimal,
    activity: str,
) -> None:
    ensure_same_municipality(municipality, participant=participant)
    _check_staff(municipality.pk, staff)
    _may_write_for(municipality.pk, actor, staff.pk)
    if activity not in Activity.values:
        raise ValidationError({"activity": _("Kies een activiteit uit de lijst.")})
    if message := check_hours(hours):
        raise ValidationError({"hours": message})
    if date > timezone.localdate() + dt.timedelta(days=7):
        raise ValidationError({"date": _("Uren liggen niet verder dan een week in de toekomst.")})
    if date < participant.programme.start_date:
        raise ValidationError(
            {
                "date": within_message(
                    DateProblem.BEFORE,
                    participant.programme.start_date,
                    participant.programme.end_date,
                    _("het programma"),
                )
            }
        )
    if month := next(iter(closed_months(municipality.pk, [date])), None):
        raise _closed_error(month)
    if over := days_over_limit(
        municipality.pk, {(participant.pk, staff.pk, date, activity): hours}
    ):
        raise ValidationError({"hours": day_hours_message(date, next(iter(over.values())))})


def _check_unique(entry: HoursEntry) -> None:
    clash = HoursEntry.objects.filter(
        participant_id=entry.participant_id,
        staff_id=entry.staff_id,
        date=entry.date,
        activity=entry.activity,
    ).exclude(pk=entry.pk)
    if clash.exists():
        raise ValidationError(
            {"activity": _("Voor deze deelnemer, dag en activiteit staan al uren; wijzig die.")}
        )


@transaction.atomic
def hours_entry_create(
    *,
    municipality: Municipality,
    actor: User | None,
    participant: Participant,
    staff: User,
    date: dt.date,
    activity: str,
    hours: Decimal,
    note: str = "",
) -> HoursEntry:
    _check_entry(
        municipality=municipality,
        actor=actor,
        participant=participant,
        staff=staff,
        date=date,
        hours=hours,
        activity=activity,
    )
    entry = HoursEntry(
        municipality=municipality,
        participant=participant,
        staff=staff,
        date=date,
        activity=activity,
        hours=hours.quantize(CENT),
        note=note,
    )
    _check_unique(entry)
    return model_create(instance=entry, actor=actor)


@transaction.atomic
def hours_entry_update(
    *, entry: HoursEntry, actor: User | None, data: dict[str, Any]
) -> HoursEntry:
    """Change an entry's date, activity, hours or note (not whose or about whom)."""
    if month := next(iter(closed_months(entry.municipality_id, [entry.date])), None):
        raise _closed_error(month)
    _check_entry(
        municipality=entry.municipality,
        actor=actor,
        participant=entry.participant,
        staff=entry.staff,
        date=data.get("date", entry.date),
        hours=data.get("hours", entry.hours),
        activity=data.get("activity", entry.activity),
    )
    probe = HoursEntry(
        pk=entry.pk,
        participant_id=entry.participant_id,
        staff_id=entry.staff_id,
        date=data.get("date", entry.date),
        activity=data.get("activity", entry.activity),
    )
    _check_unique(probe)
    entry, _changed = model_update(
        instance=entry, data=data, actor=actor, allowed={"date", "activity", "hours", "note"}
    )
    return entry


@transaction.atomic
def hours_entry_delete(*, entry: HoursEntry, actor: User | None) -> None:
    if month := next(iter(closed_months(entry.municipality_id, [entry.date])), None):
        raise _closed_error(month)
    _may_write_for(entry.municipality_id, actor, entry.staff_id)
    model_delete(instance=entry, actor=actor)


@dataclass(frozen=True, slots=True)
class WeekCell:
    """One cell of the week grid: hours (None or 0 = none) of one participant,
    activity and day."""

    participant_id: int
    activity: str
    date: dt.date
    hours: Decimal | None


@dataclass(frozen=True, slots=True)
class WeekResult:
    created: int
    updated: int
    deleted: int

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.deleted


@transaction.atomic
def hours_week_save(
    *,
    municipality: Municipality,
    actor: User | None,
    staff: User,
    week_start: dt.date,
    cells: Sequence[WeekCell],
) -> WeekResult:
    """Save a staff member's week grid in one go: create, change and remove
    entries so that the given cells hold exactly the given hours.

    Cells not given are left alone. Everything is checked first; one wrong
    cell refuses the whole week (``ValidationError`` with ``cell:<pid>:<activity>:<date>``
    keys). Bulk writes, one audit entry per changed entry.
    """
    week_end = week_start + dt.timedelta(days=6)
    _check_staff(municipality.pk, staff)
    _may_write_for(municipality.pk, actor, staff.pk)
    participant_ids = {c.participant_id for c in cells}
    known = dict(
        Participant.objects.filter(municipality=municipality, pk__in=participant_ids).values_list(
            "pk", "programme__start_date"
        )
    )
    closed = closed_months(municipality.pk, [week_start, week_end])
    errors: dict[str, str] = {}
    seen: set[tuple[int, str, dt.date]] = set()
    for cell in cells:
        key = f"cell:{cell.participant_id}:{cell.activity}:{cell.date:%Y-%m-%d}"
        if (cell.participant_id, cell.activity, cell.date) in seen:
            errors[key] = _("Twee regels hebben dezelfde deelnemer en activiteit; voeg ze samen.")
            continue
        seen.add((cell.participant_id, cell.activity, cell.date))
        if cell.participant_id not in known:
            errors[key] = _("Deze deelnemer hoort niet bij uw gemeente.")
        elif cell.activity not in Activity.values:
            errors[key] = _("Kies een activiteit uit de lijst.")
        elif not week_start <= cell.date <= week_end:
            errors[key] = _("Deze dag valt buiten de week.")
        elif cell.hours and cell.date < known[cell.participant_id]:
            errors[key] = _("Deze dag ligt vóór de start van het programma.")
        elif cell.hours and (message := check_hours(cell.hours)):
            errors[key] = message
    existing = {
        (e.participant_id, e.activity, e.date): e
        for e in HoursEntry.objects.filter(
            municipality=municipality,
            staff=staff,
            date__range=(week_start, week_end),
            participant_id__in=participant_ids,
        )
    }
    to_create: list[HoursEntry] = []
    to_update: list[tuple[HoursEntry, Decimal, Decimal]] = []
    to_delete: list[HoursEntry] = []
    for cell in cells:
        current = existing.get((cell.participant_id, cell.activity, cell.date))
        wanted = cell.hours.quantize(CENT) if cell.hours else None
        if current is None and wanted is None:
            continue
        if current is not None and wanted == current.hours:
            continue
        if cell.date.replace(day=1) in closed:
            errors[f"cell:{cell.participant_id}:{cell.activity}:{cell.date:%Y-%m-%d}"] = str(
                _closed_error(cell.date.replace(day=1)).message_dict["date"][0]
            )
            continue
        if current is None:
            assert wanted is not None
            to_create.append(
                HoursEntry(
                    municipality=municipality,
                    participant_id=cell.participant_id,
                    staff=staff,
                    date=cell.date,
                    activity=cell.activity,
                    hours=wanted,
                )
            )
        elif wanted is None:
            to_delete.append(current)
        else:
            to_update.append((current, current.hours, wanted))
    if not errors:
        week_hours: dict[HoursKey, Decimal | None] = {
            (c.participant_id, staff.pk, c.date, c.activity): c.hours.quantize(CENT)
            if c.hours
            else None
            for c in cells
        }
        for (_staff, day), total in sorted(days_over_limit(municipality.pk, week_hours).items()):
            errors[f"day:{day:%Y-%m-%d}"] = day_hours_message(day, total)
    if errors:
        raise ValidationError(errors)
    deleted_rows = [(e, {k: [v, None] for k, v in snapshot(e).items()}) for e in to_delete]
    if to_delete:
        HoursEntry.objects.filter(pk__in=[e.pk for e in to_delete]).delete()
    created = HoursEntry.objects.bulk_create(to_create)
    now = timezone.now()
    for entry, _old, hours in to_update:
        entry.hours, entry.updated_at = hours, now
    if to_update:
        HoursEntry.objects.bulk_update([e for e, _o, _h in to_update], ["hours", "updated_at"])
    mid = municipality.pk
    audit_hours_rows(
        actor=actor,
        municipality_id=mid,
        action=AuditAction.CREATE,
        rows=[(e, {k: [None, v] for k, v in snapshot(e).items()}) for e in created],
    )
    audit_hours_rows(
        actor=actor,
        municipality_id=mid,
        action=AuditAction.UPDATE,
        rows=[(e, {"hours": [str(old), str(new)]}) for e, old, new in to_update],
    )
    audit_hours_rows(actor=actor, municipality_id=mid, action=AuditAction.DELETE, rows=deleted_rows)
    return WeekResult(created=len(created), updated=len(to_update), deleted=len(to_delete))


@transaction.atomic
def period_close(
    *,
    municipality: Municipality,
    actor: User | None,
    month: dt.date,
    closed_by: User | None = None,
) -> ClosedPeriod:
    """Close a month: from now on its hours cannot change. Closing twice is refused.

    ``closed_by`` is who closed it (the actor, unless the demo loader or a
    command acts for someone).
    """
    month = month.replace(day=1)
    by = closed_by or actor
    if by is None:
        raise ValidationError({"month": _("Geef aan wie de maand afsluit.")})
    if ClosedPeriod.objects.filter(municipality=municipality, month=month).exists():
        raise ValidationError({"month": _("Deze maand is al afgesloten.")})
    if month >= timezone.localdate().replace(day=1):
        raise ValidationError({"month": _("Alleen een voorbije maand kan worden afgesloten.")})
    period = ClosedPeriod(municipality=municipality, month=month, closed_by=by)
    return model_create(instance=period, actor=actor)


# -- feedback sessions -----------------------------------------------------------------


def _check_people(
    municipality: Municipality,
    host_contact: HostContact | None,
    jobcoach: User | None,
    caseworker: User | None,
) -> None:
    ensure_same_municipality(municipality, host_contact=host_contact)
    _check_staff(municipality.pk, jobcoach, "jobcoach")
    _check_staff(municipality.pk, caseworker, "caseworker")


@transaction.atomic
def feedback_session_plan(
    *,
    placement: Placement,
    actor: User | None,
    planned_date: dt.date,
    planned_time: dt.time | None = None,
    location: str = "",
    host_contact: HostContact | None = None,
    jobcoach: User | None = None,
    caseworker: User | None = None,
) -> FeedbackSession:
    """Plan a feedback session about a placement."""
    municipality = placement.municipality
    _check_people(municipality, host_contact, jobcoach, caseworker)
    if host_contact is not None and host_contact.host_id != placement.position.host_id:
        raise ValidationError(
            {"host_contact": _("Kies een contactpersoon van de werkgever van deze plaatsing.")}
        )
    if planned_date < placement.start_date:
        raise ValidationError(
            {"planned_date": _("Een feedbacksessie ligt niet vóór de start van de plaatsing.")}
        )
    session = FeedbackSession(
        municipality=municipality,
        placement=placement,
        planned_date=planned_date,
        planned_time=planned_time,
        location=location,
        host_contact=host_contact,
        jobcoach=jobcoach,
        caseworker=caseworker,
    )
    return model_create(instance=session, actor=actor)


RECORD_FIELDS = frozenset(SESSION_RECORD_FIELDS)


@transaction.atomic
def feedback_session_record(
    *, session: FeedbackSession, actor: User | None, data: dict[str, Any]
) -> FeedbackSession:
    """Record a session as held: date, who took part, four scores 1-5, notes."""
    if session.status == SessionStatus.CANCELLED:
        raise ValidationError(_("Een vervallen sessie kan geen verslag krijgen."))
    _check_people(
        session.municipality,
        data.get("host_contact"),
        data.get("jobcoach"),
        data.get("caseworker"),
    )
    held_on = data.get("held_on")
    if held_on is None:
        raise ValidationError({"held_on": _("Vul de datum in waarop de sessie is gehouden.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Een sessie kan niet in de toekomst gehouden zijn.")})
    for name in ("score_work", "score_wellbeing", "score_finances", "score_host"):
        value = data.get(name)
        if value is not None and not 1 <= value <= 5:
            raise ValidationError({name: _("Geef een score van 1 tot en met 5.")})
    session, _changed = model_update(
        instance=session,
        data={**data, "status": SessionStatus.HELD},
        actor=actor,
        allowed=RECORD_FIELDS | {"status"},
    )
    return session


@transaction.atomic
def feedback_session_cancel(*, session: FeedbackSession, actor: User | None) -> FeedbackSession:
    if session.status != SessionStatus.PLANNED:
        raise ValidationError(_("Alleen een geplande sessie kan vervallen."))
    session, _changed = model_update(
        instance=session,
        data={"status": SessionStatus.CANCELLED},
        actor=actor,
        allowed={"status"},
    )
    return session


@transaction.atomic
def feedback_action_add(
    *,
    session: FeedbackSession,
    actor: User | None,
    description: str,
    owner: User,
    due_date: dt.date,
) -> FeedbackAction:
    _check_staff(session.municipality_id, owner, "owner")
    action = FeedbackAction(
        municipality_id=session.municipality_id,
        session=session,
        description=description,
        owner=owner,
        due_date=due_date,
    )
    return model_create(instance=action, actor=actor)


@transaction.atomic
def feedback_action_done(
    *, action: FeedbackAction, actor: User | None, done_on: dt.date | None = None
) -> FeedbackAction:
    action, _changed = model_update(
        instance=action,
        data={"done_on": done_on or timezone.localdate()},
        actor=actor,
        allowed={"done_on"},
    )
    return action


# -- signals ---------------------------------------------------------------------------


@transaction.atomic
def signal_raise(
    *,
    participant: Participant,
    actor: User | None,
    kind: str,
    description: str,
    owner: User,
    raised_on: dt.date | None = None,
    raised_by_host_contact: HostContact | None = None,
    raised_by: User | None = None,
) -> Signal:
    """Record a signal about a participant, raised by the actor (or
    ``raised_by``) or by a host contact (the actor records it for them).

    A host contact must work for the host of a placement of the participant
    running on ``raised_on``: a contact of another employer is refused.
    """
    municipality = participant.municipality
    raised_on = raised_on or timezone.localdate()
    ensure_same_municipality(municipality, raised_by_host_contact=raised_by_host_contact)
    if (
        raised_by_host_contact is not None
        and not signal_host_contacts(participant=participant, on=raised_on)
        .filter(pk=raised_by_host_contact.pk)
        .exists()
    ):
        raise ValidationError(
            {
                "raised_by_host_contact": _(
                    "Deze contactpersoon hoort niet bij de werkgever waar de deelnemer op "
                    "%(day)s geplaatst is."
                )
                % {"day": date_format(raised_on, "SHORT_DATE_FORMAT")}
            }
        )
    _check_staff(municipality.pk, owner, "owner")
    signal = Signal(
        municipality=municipality,
        participant=participant,
        kind=kind,
        raised_on=raised_on,
        raised_by=None if raised_by_host_contact is not None else (raised_by or actor),
        raised_by_host_contact=raised_by_host_contact,
        description=description,
        owner=owner,
    )
    return model_create(instance=signal, actor=actor)


@transaction.atomic
def signal_update(*, signal: Signal, actor: User | None, data: dict[str, Any]) -> Signal:
    """Change the owner or the follow-up notes of an open signal."""
    if not signal.is_open:
        raise ValidationError(_("Dit signaal is gesloten."))
    if "owner" in data:
        _check_staff(signal.municipality_id, data["owner"], "owner")
    signal, _changed = model_update(
        instance=signal, data=data, actor=actor, allowed={"owner", "follow_up"}
    )
    return signal


@transaction.atomic
def signal_close(*, signal: Signal, actor: User | None, follow_up: str = "") -> Signal:
    if not signal.is_open:
        raise ValidationError(_("Dit signaal is al gesloten."))
    data: dict[str, Any] = {"closed_at": timezone.now(), "closed_by": actor}
    if follow_up.strip():
        data["follow_up"] = follow_up.strip()
    if not (data.get("follow_up") or signal.follow_up):
        raise ValidationError({"follow_up": _("Beschrijf de opvolging voordat u sluit.")})
    signal, _changed = model_update(
        instance=signal, data=data, actor=actor, allowed={"closed_at", "closed_by", "follow_up"}
    )
    return signal


# -- calendar feed ---------------------------------------------------------------------


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def calendar_feed_renew(*, municipality: Municipality, user: User) -> str:
    """Make a new secret feed token for ``user`` (revoking the old) and return it.

    Only the digest is stored: the token is shown once.
    """
    _check_staff(municipality.pk, user, "user")
    token = secrets.token_urlsafe(32)
    old = CalendarFeed.objects.filter(municipality=municipality, user=user).first()
    if old is not None:
        model_delete(instance=old, actor=user)
    model_create(
        instance=CalendarFeed(
            municipality=municipality, user=user, token_digest=token_digest(token)
        ),
        actor=user,
    )
    return token


@transaction.atomic
def calendar_feed_revoke(*, municipality: Municipality, user: User) -> bool:
    old = CalendarFeed.objects.filter(municipality=municipality, user=user).first()
    if old is None:
        return False
    model_delete(instance=old, actor=user)
    return True
