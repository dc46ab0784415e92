"""The columns of the signal list, as the viewer's personal-data policy allows."""

from __future__ import annotations

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
