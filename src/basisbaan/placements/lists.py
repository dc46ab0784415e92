"""The columns of the placement list, as the viewer's personal-data policy allows."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from basisbaan.core.export import Kind
from basisbaan.core.listing import ListColumn
from basisbaan.participants.listing import name_column
from basisbaan.participants.privacy import PersonalDataPolicy


def placement_columns(policy: PersonalDataPolicy) -> list[ListColumn]:
    return [
        name_column(policy, lambda p: p.participant),
        ListColumn(
            "position", _("Werkplek"), ("position__title",), lambda p: p.position.title, width=28
        ),
        ListColumn(
            "host",
            _("Werkgever"),
            ("position__host__name",),
            lambda p: p.position.host.name,
            width=28,
        ),
        ListColumn("track", _("Spoor"), ("track",), lambda p: p.get_track_display(), width=22),
        ListColumn(
            "start",
            _("Start"),
            ("start_date",),
            lambda p: p.start_date,
            Kind.DATE,
            12,
            "start_date",
        ),
        ListColumn(
            "end", _("Einde"), ("end_date",), lambda p: p.end_date, Kind.DATE, 12, "end_date"
        ),
    ]
