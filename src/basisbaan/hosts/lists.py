"""The columns of the host list: what sorts and what the export holds (no personal data)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from basisbaan.core.export import Kind
from basisbaan.core.listing import ListColumn

HOST_COLUMNS = (
    ListColumn("name", _("Naam"), ("name",), lambda h: h.name, width=32),
    ListColumn("kind", _("Soort"), ("kind",), lambda h: h.get_kind_display(), width=22),
    ListColumn("city", _("Plaats"), ("city",), lambda h: h.city),
    ListColumn(
        "positions",
        _("Werkplekken"),
        ("position_count",),
        lambda h: h.position_count,
        Kind.INTEGER,
        12,
        "position_count",
    ),
    ListColumn("active", _("Actief"), ("active",), lambda h: _("ja") if h.active else _("nee")),
)
