"""Lists that show participants: sorting and export as the personal-data policy allows.

:class:`PersonalListMixin` is :class:`~basisbaan.core.listing.ListingMixin`
with the policy of :mod:`basisbaan.participants.privacy` plugged in:

- a column sorts only where ``policy.may_order_by`` allows every one of its
  paths (a researcher not by a participant's name, the read-only role not by
  the BSN); the header of a refused column is plain text;
- a viewer who sees pseudonyms may not export the list at all (403, nothing
  written): a file leaves the application and its audit;
- the audit entry of an export names the fields this viewer saw (``bsn_masked``
  where the BSN showed as ``*****1234``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from basisbaan.core.listing import ListColumn, ListingMixin
from basisbaan.participants.models import Participant
from basisbaan.participants.privacy import NAME_FIELDS, PersonalDataPolicy, policy_for

__all__ = ["NAME_KEY", "PersonalListMixin", "bsn_column", "name_column"]

# The column key whose audit field stands for the parts of a name.
NAME_KEY = "participant"


def name_column(
    policy: PersonalDataPolicy,
    participant: Callable[[Any], Participant],
    prefix: str = "participant__",
    title: Any = None,
) -> ListColumn:
    """The participant's name (the pseudonym for a pseudonym viewer), sorted by surname."""
    if policy.sees_identity:
        return ListColumn(
            NAME_KEY,
            title or _("Deelnemer"),
            (f"{prefix}last_name", f"{prefix}first_name"),
            lambda row: participant(row).full_name,
            width=28,
        )
    return ListColumn(
        NAME_KEY, _("Pseudoniem"), (), lambda row: participant(row).pseudonym, width=12
    )


def bsn_column(
    policy: PersonalDataPolicy, participant: Callable[[Any], Participant], prefix: str = ""
) -> ListColumn:
    """The BSN as this viewer may see it (whole, or ``*****1234``)."""
    return ListColumn(
        "bsn", _("BSN"), (f"{prefix}bsn",), lambda row: policy.bsn(participant(row)), width=12
    )


class PersonalListMixin(ListingMixin):
    """A list of rows that name participants; mix in before ``TenantListView``."""

    def policy(self) -> PersonalDataPolicy:
        if not hasattr(self, "_policy"):
            self._policy = policy_for(self.request)
        return self._policy

    def may_order_by(self, model: Any, path: str) -> bool:
        return model is None or self.policy().may_order_by(model, path)

    def export_refused(self) -> bool:
        return not self.policy().sees_identity

    def export_fields(self, columns: Sequence[ListColumn]) -> list[str]:
        fields: list[str] = []
        for name in super().export_fields(columns):
            fields.extend(NAME_FIELDS if name == NAME_KEY else [name])
        return self.policy().shown_fields(fields)
