"""The columns of the guidance lists (signals, hours, feedback sessions, the cadence
of sessions, hours against the norm), as the viewer's personal-data policy allows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from basisbaan.core.export import Kind
from basisbaan.core.listing import ListColumn
from basisbaan.participants.listing import NAME_KEY, name_column
from basisbaan.participants.privacy import PersonalDataPolicy


def _user(user: object) -> str:
    return str(user) if user is not None else ""


def signal_columns(policy: PersonalDataPolicy) -> list[ListColumn]:
    return [
        ListColumn(
            "raised_on", _("Gemeld op"), ("raised_on",), lambda s: s.raised_on, Kind.DATE, 12
        ),
        ListColumn("kind", _("Soort"), ("kind",), lambda s: s.get_kind_display(), width=22),
        name_column(policy, lambda s: s.participant),
        ListColumn(
            "contact_person",
            _("Vast aanspreekpunt"),
            ("participant__contact_person__last_name", "participant__contact_person__username"),
            lambda s: _user(s.participant.contact_person),
            width=24,
        ),
        ListColumn(
            "owner",
            _("Eigenaar"),
            ("owner__last_name", "owner__username"),
            lambda s: _user(s.owner),
            width=24,
        ),
        ListColumn(
            "status",
            _("Status"),
            ("closed_at",),
            lambda s: _("open") if s.is_open else _("gesloten"),
            field="closed_at",
        ),
    ]


def iso_week(day: object) -> str:
    """The ISO week of a day as ``2026-W47``: the week the week page shows."""
    assert isinstance(day, dt.date)
    iso = day.isocalendar()
    return f"{iso.year}-W{iso.week:02d}"


def hours_columns(policy: PersonalDataPolicy) -> list[ListColumn]:
    """One registration: day, week, participant, programme, staff member, activity, hours, note."""
    return [
        ListColumn("date", _("Datum"), ("date",), lambda h: h.date, Kind.DATE, 12),
        ListColumn("week", _("Week"), ("date",), lambda h: iso_week(h.date), width=10),
        name_column(policy, lambda h: h.participant),
        ListColumn(
            "programme",
            _("Programma"),
            ("participant__programme__name",),
            lambda h: h.participant.programme.name,
            width=24,
        ),
        ListColumn(
            "staff",
            _("Medewerker"),
            ("staff__last_name", "staff__username"),
            lambda h: _user(h.staff),
            width=24,
        ),
        ListColumn(
            "activity", _("Activiteit"), ("activity",), lambda h: h.get_activity_display(), width=28
        ),
        ListColumn("hours", _("Uren"), ("hours",), lambda h: h.hours, Kind.DECIMAL, 8),
        ListColumn("note", _("Toelichting"), (), lambda h: h.note, width=40),
    ]


def session_columns(policy: PersonalDataPolicy) -> list[ListColumn]:
    """One feedback session: when, about whom and where, its status and scores."""
    return [
        ListColumn(
            "planned_date",
            _("Gepland op"),
            ("planned_date", "planned_time"),
            lambda s: s.planned_date,
            Kind.DATE,
            12,
        ),
        name_column(policy, lambda s: s.placement.participant, prefix="placement__participant__"),
        ListColumn(
            "host",
            _("Werkgever"),
            ("placement__position__host__name",),
            lambda s: s.placement.position.host.name,
            width=28,
        ),
        ListColumn("status", _("Status"), ("status",), lambda s: s.get_status_display()),
        ListColumn("held_on", _("Gehouden op"), ("held_on",), lambda s: s.held_on, Kind.DATE, 12),
        ListColumn(
            "present",
            _("Deelnemer aanwezig"),
            ("participant_present",),
            lambda s: (_("ja") if s.participant_present else _("nee")) if s.held_on else "",
            width=10,
            field="participant_present",
        ),
        ListColumn(
            "jobcoach",
            _("Jobcoach"),
            ("jobcoach__last_name", "jobcoach__username"),
            lambda s: _user(s.jobcoach),
            width=24,
        ),
        ListColumn(
            "caseworker",
            _("Consulent"),
            ("caseworker__last_name", "caseworker__username"),
            lambda s: _user(s.caseworker),
            width=24,
        ),
        ListColumn(
            "score_work", _("Werk"), ("score_work",), lambda s: s.score_work, Kind.INTEGER, 8
        ),
        ListColumn(
            "score_wellbeing",
            _("Welzijn"),
            ("score_wellbeing",),
            lambda s: s.score_wellbeing,
            Kind.INTEGER,
            8,
        ),
        ListColumn(
            "score_finances",
            _("Financiën"),
            ("score_finances",),
            lambda s: s.score_finances,
            Kind.INTEGER,
            8,
        ),
        ListColumn(
            "score_host",
            _("Relatie met de werkgever"),
            ("score_host",),
            lambda s: s.score_host,
            Kind.INTEGER,
            10,
        ),
    ]


def _hours(hundredths: int) -> Decimal:
    """Hours given in hundredths (1025) as a number of hours (10.25)."""
    return Decimal(int(hundredths)) / 100


def _quarter(index: int) -> Callable[[Any], Decimal]:
    """The hours of quarter ``index`` (0-3) of a norm row."""
    return lambda row: _hours(row.line.quarters[index])


def norm_columns() -> list[ListColumn]:
    """Per participant: the year's hours against the pro-rata norm, per quarter, the cost.

    The rows are the norm page's (the report, not a queryset); the name is the
    participant's full name, which the page only shows to a viewer who sees identities
    (the export is refused to anyone else).
    """
    columns = [
        ListColumn(NAME_KEY, _("Deelnemer"), (), lambda r: r.label, width=28),
        ListColumn("programme", _("Programma"), (), lambda r: r.extra["programme"], width=24),
        ListColumn("days", _("Dagen geplaatst"), (), lambda r: r.extra["days"], Kind.INTEGER, 10),
        ListColumn(
            "norm_year", _("Norm heel jaar"), (), lambda r: _hours(r.line.norm_year), Kind.DECIMAL
        ),
        ListColumn("hours", _("Uren tot nu"), (), lambda r: _hours(r.line.hours), Kind.DECIMAL),
        ListColumn(
            "norm_to_date",
            _("Norm tot nu"),
            (),
            lambda r: _hours(r.line.norm_to_date),
            Kind.DECIMAL,
        ),
        ListColumn("ratio", _("Uren / norm"), (), lambda r: r.line.ratio, Kind.PERCENT, 10),
    ]
    for index, title in enumerate((_("K1"), _("K2"), _("K3"), _("K4"))):
        columns.append(ListColumn(f"q{index + 1}", title, (), _quarter(index), Kind.DECIMAL, 8))
    columns.append(ListColumn("cost", _("Kosten"), (), lambda r: r.cost, Kind.MONEY, 12))
    return columns


def cadence_columns(policy: PersonalDataPolicy) -> list[ListColumn]:
    """Per running placement: the last held session, when the next is due, overdue or not."""
    return [
        name_column(policy, lambda r: r.placement.participant),
        ListColumn(
            "contact_person",
            _("Vast aanspreekpunt"),
            (),
            lambda r: _user(r.placement.participant.contact_person),
            width=24,
        ),
        ListColumn("host", _("Werkgever"), (), lambda r: r.placement.position.host.name, width=28),
        ListColumn("last_held", _("Laatst gehouden"), (), lambda r: r.last_held, Kind.DATE, 14),
        ListColumn("next_due", _("Volgende uiterlijk"), (), lambda r: r.next_due, Kind.DATE, 14),
        ListColumn(
            "overdue",
            _("Achterstallig"),
            (),
            lambda r: _("ja") if r.overdue else _("nee"),
            width=12,
        ),
        ListColumn("planned", _("Gepland"), (), lambda r: r.planned, Kind.DATE, 12),
    ]
