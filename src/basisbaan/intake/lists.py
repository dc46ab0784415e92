"""The columns of the waiting list's export: in its own order (priority, then the
referral date), numbered as on the page; no sorting, the order is the ranking."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from basisbaan.core.export import Kind
from basisbaan.core.listing import ListColumn
from basisbaan.participants.listing import name_column
from basisbaan.participants.privacy import PersonalDataPolicy


def _priority(participant: Any) -> str:
    referral = getattr(participant, "referral", None)
    return str(referral.get_priority_display()) if referral else str(_("Normaal"))


def waiting_columns(policy: PersonalDataPolicy) -> list[ListColumn]:
    """Columns over ``(number, participant)`` rows."""
    name = name_column(policy, lambda row: row[1])
    return [
        ListColumn("number", _("Nr."), (), lambda row: row[0], Kind.INTEGER, 6),
        ListColumn(name.key, name.title, (), name.value, width=name.width),
        ListColumn("priority", _("Prioriteit"), (), lambda row: _priority(row[1])),
        ListColumn(
            "queue_date",
            _("Aangemeld op"),
            (),
            lambda row: row[1].queue_date,
            Kind.DATE,
            12,
            "referred_on",
        ),
        ListColumn("programme", _("Programma"), (), lambda row: row[1].programme.name, width=28),
    ]
