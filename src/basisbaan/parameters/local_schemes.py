"""Writes of a municipality's local schemes for low incomes ("does work pay?").

The functional administrator keeps them current: an individual income
supplement, remission of local taxes or another scheme, with its income limit
(a share of the household's assistance norm), its yearly amounts per household
type and the dates it holds. Each write is one transaction with its audit entry
in the municipality's log. A scheme is ended (``valid_until``), not deleted:
a comparison made before still says what it counted.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from basisbaan.core.services import model_create, model_update
from basisbaan.parameters.constants import LocalSchemeKind
from basisbaan.parameters.models import LocalScheme
from basisbaan.tenancy.models import Municipality, User

__all__ = [
    "AMOUNT_FIELDS",
    "local_scheme_check",
    "local_scheme_create",
    "local_scheme_end",
    "local_scheme_update",
]

AMOUNT_FIELDS = ("amount_single", "amount_single_parent", "amount_couple")
EDIT_FIELDS = (
    "name",
    "kind",
    "income_limit",
    *AMOUNT_FIELDS,
    "valid_from",
    "valid_until",
    "source",
    "is_assumption",
    "note",
)
LIMIT_MIN = Decimal("1.00")
LIMIT_MAX = Decimal("2.00")
AMOUNT_MAX = Decimal(100_000)
LIMIT_PLACES = Decimal("0.0001")
CENTS = Decimal("0.01")


def local_scheme_check(data: dict[str, Any]) -> None:
    """The rules of a scheme, every refusal on its own field at once.

    A name; a kind from the list; an income limit from 100 % to 200 % of the
    assistance norm (1.00 to 2.00); yearly amounts from € 0 to € 100.000; an end
    on or after the start; and a source, unless the scheme is marked as an
    assumption (as a national figure).
    """
    errors: dict[str, str] = {}
    if not (data.get("name") or "").strip():
        errors["name"] = _("Vul de naam van de regeling in.")
    if data.get("kind") not in LocalSchemeKind.values:
        errors["kind"] = _("Kies een soort regeling uit de lijst.")
    limit = data.get("income_limit")
    if limit is None or not LIMIT_MIN <= limit <= LIMIT_MAX:
        errors["income_limit"] = _(
            "De inkomensgrens ligt tussen 100 % en 200 % van de bijstandsnorm."
        )
    for name in AMOUNT_FIELDS:
        amount = data.get(name)
        if amount is None or not Decimal(0) <= amount <= AMOUNT_MAX:
            errors[name] = _("Een bedrag per jaar ligt tussen € 0 en € 100.000.")
    start, end = data.get("valid_from"), data.get("valid_until")
    if start is None:
        errors["valid_from"] = _("Vul de datum in vanaf wanneer de regeling geldt.")
    elif end is not None and end < start:
        errors["valid_until"] = _("De regeling kan niet eindigen voordat ze begint.")
    if not (data.get("source") or "").strip() and not data.get("is_assumption"):
        errors["source"] = _("Vermeld de bron, of markeer de regeling als aanname.")
    if errors:
        raise ValidationError(errors)


def _stored(data: dict[str, Any]) -> dict[str, Any]:
    """The checked values with the decimals they are stored with (and audited as)."""
    places = {"income_limit": LIMIT_PLACES, **dict.fromkeys(AMOUNT_FIELDS, CENTS)}
    return {
        name: value.quantize(places[name]) if name in places else value
        for name, value in data.items()
    }


def _cleaned(data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(EDIT_FIELDS)
    if unknown:
        raise ValidationError(
            _("Deze velden kunnen niet worden gewijzigd: %s") % ", ".join(sorted(unknown))
        )
    cleaned = dict(data)
    for name in ("name", "source", "note"):
        if name in cleaned:
            cleaned[name] = (cleaned[name] or "").strip()
    if "is_assumption" in cleaned:
        cleaned["is_assumption"] = bool(cleaned["is_assumption"])
    return cleaned


@transaction.atomic
def local_scheme_create(
    *,
    municipality: Municipality,
    actor: User | None,
    name: str,
    kind: str,
    income_limit: Decimal,
    amount_single: Decimal,
    amount_single_parent: Decimal,
    amount_couple: Decimal,
    valid_from: dt.date,
    valid_until: dt.date | None = None,
    source: str = "",
    is_assumption: bool = False,
    note: str = "",
) -> LocalScheme:
    """Add a local scheme to ``municipality`` (the rules: :func:`local_scheme_check`)."""
    data = _cleaned(
        {
            "name": name,
            "kind": kind,
            "income_limit": income_limit,
            "amount_single": amount_single,
            "amount_single_parent": amount_single_parent,
            "amount_couple": amount_couple,
            "valid_from": valid_from,
            "valid_until": valid_until,
            "source": source,
            "is_assumption": is_assumption,
            "note": note,
        }
    )
    local_scheme_check(data)
    return model_create(
        instance=LocalScheme(municipality=municipality, **_stored(data)), actor=actor
    )


@transaction.atomic
def local_scheme_update(
    *, scheme: LocalScheme, actor: User | None, data: dict[str, Any]
) -> LocalScheme:
    """Change what ``data`` names of ``scheme``; nothing written when nothing changed."""
    changes = _cleaned(data)
    local_scheme_check({name: getattr(scheme, name) for name in EDIT_FIELDS} | changes)
    scheme, _changed = model_update(
        instance=scheme, data=_stored(changes), actor=actor, allowed=set(EDIT_FIELDS)
    )
    return scheme


@transaction.atomic
def local_scheme_end(
    *, scheme: LocalScheme, actor: User | None, valid_until: dt.date
) -> LocalScheme:
    """End ``scheme``: it holds up to and including ``valid_until``."""
    return local_scheme_update(scheme=scheme, actor=actor, data={"valid_until": valid_until})
