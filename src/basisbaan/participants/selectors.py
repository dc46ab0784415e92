"""Reads of participants, always within one municipality."""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.db.models.functions import Upper

from basisbaan.participants.models import Participant
from basisbaan.participants.search import search_words
from basisbaan.participants.validators import normalise_bsn
from basisbaan.tenancy.models import Municipality

# pg_trgm indexes three-letter pieces: a word this long narrows the search through the index.
SELECTIVE = 3


def participant_list(
    *,
    municipality: Municipality,
    search: str = "",
    status: str = "",
    programme_id: int | None = None,
    contact_person_id: int | None = None,
) -> QuerySet[Participant]:
    """Participants of ``municipality``, filtered; related rows joined for lists.

    ``search`` matches a whole BSN, or words of the name in any order, each
    the start of a word of the name, without regard to case or accents
    ("ozturk amr" finds "Amra Öztürk"; see participants/search.py).
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
            qs = filter_name(qs, search)
    if status:
        qs = qs.filter(status=status)
    if programme_id:
        qs = qs.filter(programme_id=programme_id)
    if contact_person_id:
        qs = qs.filter(contact_person_id=contact_person_id)
    return qs


def filter_name[M: Model](qs: QuerySet[M], search: str, path: str = "") -> QuerySet[M]:
    """Rows of ``qs`` whose name has every word of ``search`` as the start of a word.

    ``search_name`` holds " first prefix last" (a space before every word), so
    "the start of a word" is ``LIKE '% word%'``: on PostgreSQL served by the
    trigram index (migration 0005). A search without letters or digits finds
    nobody. ``path`` leads from the rows to their participant (``participant__``
    for placements).
    """
    words = search_words(search)
    if not words:
        return qs.none()
    for word in words:
        qs = qs.filter(**{f"{path}search_name__contains": " " + word})
    if not path and len(words[0]) >= SELECTIVE:
        # A word of 3 letters or more is selective: find the rows through the
        # trigram index and sort those few. Ordered by the name itself, the
        # planner would walk the name index through all 100,000 rows to find
        # 25 surnames late in the alphabet (Visser, Zijlstra: 130-150 ms against
        # 7-10). UPPER() has no index, so it cannot choose that walk. Shorter
        # words match thousands of names: there the walk finds 25 at once.
        qs = qs.order_by(Upper("last_name"), Upper("first_name"), "id")
    return qs
