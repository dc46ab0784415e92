"""The columns of the follow-up worklist and the list of exits, as the viewer's
personal-data policy allows."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from basisbaan.core.export import Kind
from basisbaan.core.listing import ListColumn
from basisbaan.outcomes.models import FollowUp
from basisbaan.outcomes.selectors import is_overdue
from basisbaan.participants.listing import name_column
from basisbaan.participants.privacy import PersonalDataPolicy


def _yes_no(value: bool | None) -> str:
    return "" if value is None else str(_("ja") if value else _("nee"))


def follow_up_status(follow_up: FollowUp, today: dt.date) -> str:
    """The status as the worklist shows it: ``te laat`` for an overdue open one."""
    if is_overdue(follow_up, today):
        return str(_("te laat"))
    return str(follow_up.get_status_display())


def follow_up_columns(policy: PersonalDataPolicy, today: dt.date) -> list[ListColumn]:
    """One measurement: whom, which (months after the exit), when, the exit, the answer.

    The columns the page shows sort; the rest (the programme, the reason and the
    answers) are in the export only.
    """
    return [
        name_column(policy, lambda f: f.exit.participant, "exit__participant__", _("Persoon")),
        ListColumn(
            "programme",
            _("Programma"),
            (),
            lambda f: f.exit.programme.name,
            width=24,
        ),
        ListColumn("months", _("Meting (maanden)"), ("months",), lambda f: f.months, Kind.INTEGER),
        ListColumn("due_date", _("Datum"), ("due_date",), lambda f: f.due_date, Kind.DATE, 12),
        ListColumn(
            "exit_date",
            _("Uitstroom"),
            ("exit__exit_date",),
            lambda f: f.exit.exit_date,
            Kind.DATE,
            12,
        ),
        ListColumn(
            "reason",
            _("Reden van uitstroom"),
            (),
            lambda f: f.exit.get_reason_display(),
            width=28,
        ),
        ListColumn(
            "status", _("Status"), ("status",), lambda f: follow_up_status(f, today), width=16
        ),
        ListColumn(
            "measured_on",
            _("Gemeten op"),
            (),
            lambda f: f.measured_on,
            Kind.DATE,
            12,
        ),
        ListColumn("works", _("Werkt"), (), lambda f: _yes_no(f.works), width=8),
        ListColumn(
            "hours_per_week",
            _("Uren per week"),
            (),
            lambda f: f.hours_per_week,
            Kind.DECIMAL,
            10,
        ),
        ListColumn(
            "same_employer",
            _("Zelfde werkgever"),
            (),
            lambda f: _yes_no(f.same_employer),
            width=10,
        ),
    ]


def exit_columns(policy: PersonalDataPolicy) -> list[ListColumn]:
    """One exit: when, who, from which programme, why, and the work that came after."""
    return [
        ListColumn("exit_date", _("Datum"), ("exit_date",), lambda e: e.exit_date, Kind.DATE, 12),
        name_column(policy, lambda e: e.participant),
        ListColumn(
            "programme", _("Programma"), ("programme__name",), lambda e: e.programme.name, width=24
        ),
        ListColumn("kind", _("Soort"), ("kind",), lambda e: e.get_kind_display(), width=30),
        ListColumn("reason", _("Reden"), ("reason",), lambda e: e.get_reason_display(), width=28),
        ListColumn("track", _("Spoor"), ("track",), lambda e: e.get_track_display(), width=22),
        ListColumn(
            "employer", _("Nieuwe werkgever"), ("employer",), lambda e: e.employer, width=28
        ),
        ListColumn(
            "hours_per_week",
            _("Uren per week"),
            ("hours_per_week",),
            lambda e: e.hours_per_week,
            Kind.DECIMAL,
            10,
        ),
        ListColumn(
            "contract_type",
            _("Soort contract"),
            ("contract_type",),
            lambda e: e.get_contract_type_display(),
            width=16,
        ),
        ListColumn(
            "wage_band", _("Loon"), ("wage_band",), lambda e: e.get_wage_band_display(), width=30
        ),
    ]
