"""The participant choice of a form: a name search and at most 20 matches.

Used wherever a form chooses one participant from a list that grows with the
municipality (a new contract, a new placement). The form gives the scoped
queryset (``participant_list(municipality=...)``, perhaps narrowed by status);
the choice is validated against all of it, the list shows at most
:data:`~basisbaan.core.choices.LIMIT` of them. The view audits only the shown
rows: :func:`audit_shown_participants`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from basisbaan.core.choices import BoundedModelChoiceField
from basisbaan.participants.models import Participant
from basisbaan.participants.privacy import audit_participant_list
from basisbaan.participants.selectors import filter_name

__all__ = ["ParticipantChoiceField", "audit_shown_participants"]


def _search(queryset: QuerySet[Participant], text: str) -> QuerySet[Participant]:
    return filter_name(queryset, text)


class ParticipantChoiceField(BoundedModelChoiceField):
    """A participant, found by words of the name; labelled with the programme."""

    def __init__(self, *args: Any, with_programme: bool = True, **kwargs: Any) -> None:
        kwargs.setdefault("search", _search)
        kwargs.setdefault("search_label", _("Zoek de deelnemer op naam"))
        kwargs.setdefault("choose_label", _("Kies de deelnemer"))
        kwargs.setdefault(
            "search_hint", _("Woorden uit de naam, in elke volgorde, bijvoorbeeld ‘amrani fatima’.")
        )
        self.with_programme = with_programme
        super().__init__(*args, **kwargs)

    def shown_participant_ids(self) -> list[Any]:
        """The participants whose names the list shows (for the audit)."""
        return self.shown_ids()

    def label_from_instance(self, obj: Any) -> str:
        if self.with_programme:
            return f"{obj.full_name} ({obj.programme.name})"
        return str(obj.full_name)


def audit_shown_participants(request: HttpRequest, form: forms.BaseForm) -> None:
    """Audit, in one entry, the participants the form's participant choices showed."""
    ids = [
        pk
        for field in form.fields.values()
        if isinstance(field, ParticipantChoiceField)
        for pk in field.shown_participant_ids()
    ]
    audit_participant_list(request, ids)
