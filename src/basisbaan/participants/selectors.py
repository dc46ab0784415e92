"""Reads of participants, always within one municipality."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.db.models.functions import Upper

from basisbaan.participants.models import Participant
from basisbaan.participants.validators import normalise_bsn
from basisbaan.tenancy.models import Municipality


def participant_list(
    *,
    municipality: Municipality,
    search: str = "",
    status: str = "",
    programme_id: int | None = None,
    contact_person_id: int | None = None,
) -> QuerySet[Participant]:
    """Participants of ``municipality``, filtered; related rows joined for lists.

    ``search`` matches a whole BSN, or the start of a first or last name.
    """
    qs = Participant.objects.filter(municipality=municipality).select_related(
        "programme", "contact_person"
    )
    search = search.strip()
    if search:
        compact = normalise_bsn(search)
        if compact.isdigit() and len(compact) == 9:
            qs = qs.filter(bsn=compact)
        else:
            # Ordered by the same UPPER() expressions that the PostgreSQL search
            # indexes hold (migration 0003), so the planner uses them.
            qs = qs.filter(
                Q(last_name__istartswith=search) | Q(first_name__istartswith=search)
            ).order_by(Upper("last_name"), Upper("first_name"), "id")
    if status:
        qs = qs.filter(status=status)
    if programme_id:
        qs = qs.filter(programme_id=programme_id)
    if contact_person_id:
        qs = qs.filter(contact_person_id=contact_person_id)
    return qs
