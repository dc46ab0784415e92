"""The "Loont werken?" panel: on its own page (the target of its hours form, and
of htmx when the form changes) and, through :func:`panel_for`, on the pages of
a participant, a placement and a placement proposal.

The panel shows a household's income: only for viewers who may see the
participant's personal data (``participant.view_personal``). Each page that
shows it audits the read, with :data:`~basisbaan.income.panel.PANEL_FIELDS`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from basisbaan.core.views import TenantDetailView
from basisbaan.hosts.models import Position
from basisbaan.income.panel import PANEL_FIELDS, Panel, build_panel, gain_for_hours, whole_euros
from basisbaan.income.selectors import participant_comparison
from basisbaan.participants.models import Participant
from basisbaan.participants.privacy import NAME_FIELDS, audit_participant_view, sees_personal_data
from basisbaan.participants.selectors import participant_list
from basisbaan.tenancy.models import Municipality
from basisbaan.tenancy.roles import Perm

__all__ = ["PANEL_FIELDS", "GainLine", "ParticipantPanelView", "match_gains", "panel_for"]


@dataclass(frozen=True, slots=True)
class GainLine:
    """One line of the panel for a proposed position: its hours and the gain per
    month in whole euros (``amount`` without its sign, ``direction`` more/less/same)."""

    hours: Decimal
    amount: Decimal
    direction: str


def panel_for(
    request: HttpRequest, participant: Participant, *, hours: Decimal | None = None
) -> Panel | None:
    """The panel for a page about ``participant`` (None when the viewer may not
    see personal data). ``hours``: the page's hours (a position's), else the
    contract's; the panel form's GET input overrides. The caller audits
    :data:`PANEL_FIELDS` with the rest of what its page shows."""
    if not sees_personal_data(request):
        return None
    return build_panel(participant, today=timezone.localdate(), data=request.GET, hours=hours)


class ParticipantPanelView(TenantDetailView):
    """The panel of one participant on its own (htmx: the panel alone)."""

    permission = Perm.PARTICIPANT_VIEW_PERSONAL
    template_name = "income/participant.html"
    context_object_name = "participant"

    def scoped_queryset(self, municipality: Municipality) -> QuerySet[Participant]:
        return participant_list(municipality=municipality)

    def get_template_names(self) -> list[str]:
        htmx = getattr(self.request, "htmx", None)
        if htmx and not htmx.history_restore_request:
            return ["income/_panel.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["panel"] = panel_for(self.request, self.object)
        audit_participant_view(self.request, self.object, [*NAME_FIELDS, *PANEL_FIELDS])
        return context

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        patch_vary_headers(response, ["HX-Request"])
        return response


def match_gains(
    request: HttpRequest, participant: Participant, rows: Sequence[Any]
) -> list[GainLine | None] | None:
    """Per ranked row (with a ``position``), the gain at that position's hours: one
    comparison, then pure arithmetic per row (no query per row). None when the
    viewer may not see personal data; a None line when nothing can be computed
    (household type "other", or no figures for this year)."""
    if not sees_personal_data(request):
        return None
    try:
        base = participant_comparison(participant, today=timezone.localdate())
    except LookupError:
        base = None
    lines: list[GainLine | None] = []
    for row in rows:
        position: Position = row.position
        if base is None:
            lines.append(None)
            continue
        gain = whole_euros(gain_for_hours(base, position.hours_per_week))
        direction = "more" if gain > 0 else "less" if gain < 0 else "same"
        lines.append(GainLine(position.hours_per_week, abs(gain), direction))
    return lines
