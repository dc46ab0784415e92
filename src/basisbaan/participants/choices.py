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
from basisbaan.participants.privacy import (
    Disclosure,
    PersonalDataPolicy,
    audit_participant_list,
    policy_for,
)
from basisbaan.participants.selectors import filter_name

__all__ = ["ParticipantChoiceField", "apply_participant_policy", "audit_shown_participants"]


def _search(queryset: QuerySet[Participant], text: str) -> QuerySet[Participant]:
    return filter_name(queryset, text)


class _PolicySearch:
    """The name search as far as the viewer's policy allows (no search for a
    pseudonym viewer, no digits for a masked-BSN viewer: a refused search finds nobody)."""

    def __init__(self, policy: PersonalDataPolicy, search: Any) -> None:
        self.policy = policy
        self.search = search

    def __call__(self, queryset: QuerySet[Any], text: str) -> QuerySet[Any]:
        allowed = self.policy.search_text(text)
        return self.search(queryset, allowed) if allowed else queryset.none()


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
        # Until the view applies the viewer's policy: pseudonyms, no search.
        self.policy = PersonalDataPolicy(Disclosure.PSEUDONYM)
        super().__init__(*args, **kwargs)
        self.search = _PolicySearch(self.policy, self.search)

    def apply_policy(self, policy: PersonalDataPolicy) -> None:
        """Show and search as ``policy`` allows: names or pseudonyms."""
        self.policy = policy
        search = self.search.search if isinstance(self.search, _PolicySearch) else self.search
        self.search = _PolicySearch(policy, search)
        self._rows = None

    def shown_participant_ids(self) -> list[Any]:
        """The participants whose names the list shows (for the audit)."""
        return self.shown_ids()

    def person(self, obj: Any) -> Participant:
        return obj  # type: ignore[no-any-return]

    def name(self, obj: Any) -> str:
        return self.policy.name(self.person(obj))

    def label_from_instance(self, obj: Any) -> str:
        if self.with_programme:
            return f"{self.name(obj)} ({obj.programme.name})"
        return self.name(obj)


def apply_participant_policy(request: HttpRequest, form: forms.BaseForm) -> None:
    """Let the form's participant choices show and search as the viewer may."""
    policy = policy_for(request)
    for field in form.fields.values():
        if isinstance(field, ParticipantChoiceField):
            field.apply_policy(policy)


def audit_shown_participants(request: HttpRequest, form: forms.BaseForm) -> None:
    """Audit, in one entry, the participants the form's participant choices showed."""
    ids = [
        pk
        for field in form.fields.values()
        if isinstance(field, ParticipantChoiceField)
        for pk in field.shown_participant_ids()
    ]
    audit_participant_list(request, ids)
