"""The columns of the guidance lists (signals, hours, feedback sessions), as the
viewer's personal-data policy allows."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from basisbaan.core.export import Kind
from basisbaan.core.listing import ListColumn
from basisbaan.participants.listing import name_column
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
