"""The columns of the programme list: what sorts and what the export holds."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from basisbaan.core.export import Kind
from basisbaan.core.listing import ListColumn

PROGRAMME_COLUMNS = (
    ListColumn("name", _("Naam"), ("name",), lambda p: p.name, width=32),
    ListColumn(
        "start", _("Start"), ("start_date",), lambda p: p.start_date, Kind.DATE, 12, "start_date"
    ),
    ListColumn("end", _("Einde"), ("end_date",), lambda p: p.end_date, Kind.DATE, 12, "end_date"),
    ListColumn(
        "intake",
        _("Instroom"),
        ("intake_open",),
        lambda p: _("open") if p.intake_open else _("gesloten"),
        field="intake_open",
    ),
    ListColumn(
        "participants",
        _("Deelnemers"),
        ("participant_count",),
        lambda p: p.participant_count,
        Kind.INTEGER,
        12,
        "participant_count",
    ),
)
