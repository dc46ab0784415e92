"""Keyset ("cursor") paging of a list: the rows after the last one shown, by its sort key.

``?page=2000`` reads 49,975 rows to skip them; a keyset page asks for the rows
*after* the last row shown, ``WHERE (last_name, first_name, id) > (x, y, z)``,
which PostgreSQL answers from the index that sorts the list, as fast at the
millionth row as at the first. It also stays correct while rows are added or
removed between two requests: no row is shown twice, none present at the
start is skipped.

:class:`Keyset` reads a queryset's ordering (its ``order_by``, else the model's
``Meta.ordering``), adds the primary key as the last key when the ordering does
not end on it (a total order: every row has its own position), and builds

- the condition "after this position" (or "before", for the previous page):
  one row-value comparison where every key sorts the same way and none can be
  NULL, else the expansion ``a > x OR (a = x AND b > y) ...`` that places NULLs
  where the database sorts them (PostgreSQL: as the largest value, SQLite: as
  the smallest, unless the ordering says ``nulls_first``/``nulls_last``);
- the opaque token that carries a position to the client and back: encrypted and
  authenticated (Fernet, a key derived from ``SECRET_KEY``), because the sort
  values are personal data (names) and, for a pseudonym viewer, the database id
  that viewer is not shown; a token that was changed is refused.

An ordering on an aggregate or window (``?ordering=total`` of payroll) or on a
relation as a whole (which Django expands to the related model's ordering)
cannot be paged this way: :class:`UnsupportedOrderingError`, a 400 for the client
(docs/api.md).
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import or_
from typing import Any

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db import connections
from django.db.models import F, Model, Q, QuerySet
from django.db.models.expressions import Col, OrderBy, Value
from django.db.models.fields.tuple_lookups import Tuple, TupleGreaterThan, TupleLessThan
from django.db.models.sql.constants import LOUTER
from django.utils.crypto import salted_hmac

__all__ = ["InvalidCursorError", "Keyset", "Position", "UnsupportedOrderingError"]

SALT = "basisbaan.api.cursor"
KEY_PREFIX = "cursor_key_"
# Databases that sort NULL as the largest value when the ordering does not say.
NULLS_LARGEST = {"postgresql", "oracle"}


class InvalidCursorError(ValueError):
    """A token that is not one of ours, was changed, or belongs to another ordering."""


class UnsupportedOrderingError(ValueError):
    """An ordering keyset paging cannot follow (an aggregate, a window, a relation)."""


@dataclass(frozen=True, slots=True)
class Key:
    """One sort key: the expression, its alias in the queryset, and how it sorts."""

    alias: str
    expression: Any
    descending: bool
    nulls_first: bool | None  # as the ordering says it (None: not said)
    nulls_last: bool | None
    nullable: bool
    nulls_at_end: bool  # where NULLs come in this key's direction, on this database

    def reversed(self) -> Key:
        return Key(
            self.alias,
            self.expression,
            not self.descending,
            None,
            None,
            self.nullable,
            not self.nulls_at_end,
        )

    def order_by(self, explicit_nulls: bool) -> OrderBy:
        """The ORDER BY term; with ``explicit_nulls`` (the reversed order) the NULLs
        placement is spelled out where the key can be NULL."""
        if explicit_nulls and self.nullable:
            first, last = (None, True) if self.nulls_at_end else (True, None)
        else:
            first, last = self.nulls_first, self.nulls_last
        return OrderBy(
            self.expression, descending=self.descending, nulls_first=first, nulls_last=last
        )

    def after(self, value: Any) -> Q | None:
        """Rows whose key comes strictly after ``value``; None: none can."""
        if value is None:
            return None if self.nulls_at_end else Q(**{f"{self.alias}__isnull": False})
        beyond = Q(**{f"{self.alias}__{'lt' if self.descending else 'gt'}": value})
        if self.nullable and self.nulls_at_end:
            beyond |= Q(**{f"{self.alias}__isnull": True})
        return beyond

    def equal(self, value: Any) -> Q:
        if value is None:
            return Q(**{f"{self.alias}__isnull": True})
        return Q(**{self.alias: value})


@dataclass(frozen=True, slots=True)
class Position:
    """Where a page starts: after (or, ``backward``, before) the row with these keys."""

    values: tuple[Any, ...]
    backward: bool = False


class Keyset:
    """The sort keys of ``queryset`` and the queries that page through it by them."""

    def __init__(self, queryset: QuerySet[Any]) -> None:
        model = queryset.model
        terms = _ordering_terms(queryset)
        vendor = connections[queryset.db].vendor
        annotated = queryset
        pending: list[tuple[str, Any, bool, bool | None, bool | None]] = []
        for index, (expression, descending, first, last) in enumerate(terms):
            alias = f"{KEY_PREFIX}{index}"
            pending.append((alias, expression, descending, first, last))
            if _is_pk(model, expression):
                break
        else:
            descending = pending[-1][2] if pending else False
            pending.append((f"{KEY_PREFIX}{len(pending)}", F("pk"), descending, None, None))
        try:
            annotated = queryset.annotate(**{alias: expr for alias, expr, *_ in pending})
        except (FieldError, FieldDoesNotExist, TypeError, ValueError) as exc:
            raise UnsupportedOrderingError(str(exc)) from exc
        query = annotated.query
        keys = []
        for alias, expression, descending, first, last in pending:
            resolved = query.annotations[alias]
            if resolved.contains_aggregate or resolved.contains_over_clause:
                raise UnsupportedOrderingError(alias)
            nullable = _nullable(resolved, query)
            # Where the ordering puts NULLs, else where the database does.
            at_end = bool(last) if first or last else (vendor in NULLS_LARGEST) != descending
            keys.append(Key(alias, expression, descending, first, last, nullable, at_end))
        self.model: type[Model] = model
        self.keys: tuple[Key, ...] = tuple(keys)
        self.queryset: QuerySet[Any] = annotated
        described = "|".join(f"{k.expression!r}:{k.descending}:{k.nulls_at_end}" for k in keys)
        self.fingerprint = hashlib.sha256(f"{model._meta.label}|{described}".encode()).hexdigest()[
            :16
        ]

    # -- the queries ------------------------------------------------------------------

    def page(self, position: Position | None, size: int) -> tuple[list[Any], bool]:
        """Up to ``size`` rows from ``position`` in the list's order, and whether more
        lie beyond them (forward: after the last, backward: before the first)."""
        backward = position is not None and position.backward
        keys = [key.reversed() for key in self.keys] if backward else list(self.keys)
        queryset = self.queryset
        if position is not None:
            queryset = queryset.filter(_after(keys, position.values))
        queryset = queryset.order_by(*(key.order_by(explicit_nulls=backward) for key in keys))
        rows = list(queryset[: size + 1])
        more = len(rows) > size
        rows = rows[:size]
        if backward:
            rows.reverse()
        return rows, more

    # -- the token --------------------------------------------------------------------

    def values(self, row: Any) -> tuple[Any, ...]:
        return tuple(getattr(row, key.alias) for key in self.keys)

    def encode(self, values: Sequence[Any], *, backward: bool = False) -> str:
        payload = {"o": self.fingerprint, "k": [_dump(v) for v in values], "b": backward}
        data = json.dumps(payload, separators=(",", ":")).encode()
        return _fernet().encrypt(data).decode("ascii").rstrip("=")

    def decode(self, token: str) -> Position:
        """The position a token of :meth:`encode` holds; :class:`InvalidCursorError` otherwise."""
        try:
            padded = token + "=" * (-len(token) % 4)
            payload = json.loads(_fernet().decrypt(padded.encode("ascii")))
        except (InvalidToken, ValueError, TypeError) as exc:  # UnicodeError is a ValueError
            raise InvalidCursorError("unreadable") from exc
        if not isinstance(payload, dict) or not isinstance(payload.get("k"), list):
            raise InvalidCursorError("shape")
        if payload.get("o") != self.fingerprint:
            raise InvalidCursorError("ordering")
        if len(payload["k"]) != len(self.keys) or not isinstance(payload.get("b"), bool):
            raise InvalidCursorError("shape")
        try:
            values = tuple(_load(v) for v in payload["k"])
        except (KeyError, TypeError, ValueError, ArithmeticError) as exc:
            raise InvalidCursorError("value") from exc
        return Position(values, backward=payload["b"])


def _fernet() -> MultiFernet:
    """Fernet keys derived from ``SECRET_KEY`` (and its fallbacks, so a rotated key
    still reads the cursors a client holds)."""
    secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return MultiFernet(
        [
            Fernet(
                base64.urlsafe_b64encode(
                    salted_hmac(SALT, "fernet", secret=secret, algorithm="sha256").digest()
                )
            )
            for secret in secrets
        ]
    )


def _after(keys: Sequence[Key], values: Sequence[Any]) -> Any:
    """The condition "the row comes after ``values``" in the order of ``keys``."""
    same_way = len({key.descending for key in keys}) == 1
    if same_way and not any(key.nullable for key in keys):
        # One row-value comparison: PostgreSQL reads it as an index range.
        lookup = TupleLessThan if keys[0].descending else TupleGreaterThan
        return lookup(Tuple(*(F(key.alias) for key in keys)), tuple(values))
    alternatives = []
    equal_so_far = Q()
    for key, value in zip(keys, values, strict=True):
        beyond = key.after(value)
        if beyond is not None:
            alternatives.append(equal_so_far & beyond)
        equal_so_far &= key.equal(value)
    if not alternatives:
        return Q(pk__in=[])
    condition = reduce(or_, alternatives)
    first, value = keys[0], values[0]
    if not first.nullable and value is not None:
        # The first key bounds the range, so the index that sorts the list starts there.
        condition &= Q(**{f"{first.alias}__{'lte' if first.descending else 'gte'}": value})
    return condition


Term = tuple[Any, bool, bool | None, bool | None]
# Deeper than any chain of related orderings here (Django refuses a loop itself).
MAX_DEPTH = 5


def _ordering_terms(queryset: QuerySet[Any]) -> list[Term]:
    """``(expression, descending, nulls_first, nulls_last)`` per term of the ordering,
    an ordering by a relation expanded as Django does (the related model's ordering)."""
    query = queryset.query
    if query.extra_order_by:
        raise UnsupportedOrderingError("extra")
    raw: Sequence[Any] = query.order_by
    if not raw and query.default_ordering:
        raw = queryset.model._meta.ordering
    terms: list[Term] = []
    for term in raw:
        terms += _expand(queryset, term, "", outer_descending=False, depth=0)
    return terms


def _expand(
    queryset: QuerySet[Any], term: Any, prefix: str, *, outer_descending: bool, depth: int
) -> list[Term]:
    if depth > MAX_DEPTH:
        raise UnsupportedOrderingError("depth")
    if isinstance(term, str):
        descending = term.startswith("-") != outer_descending
        name = prefix + term.lstrip("-")
        if term == "?" or term.startswith("?"):
            raise UnsupportedOrderingError(term)
        if not prefix and (name == "pk" or name in queryset.query.annotations):
            return [(F(name), descending, None, None)]
        related = _ordering_of_relation(queryset.model, name)
        if related:
            return [
                term
                for item in related
                for term in _expand(
                    queryset,
                    item,
                    name + "__",
                    outer_descending=descending,
                    depth=depth + 1,
                )
            ]
        return [(F(name), descending, None, None)]
    if not isinstance(term, OrderBy):
        if not hasattr(term, "resolve_expression"):
            raise UnsupportedOrderingError(repr(term))
        # As Django: a bare expression takes the direction of the relation's term ...
        term = OrderBy(term, descending=outer_descending)
    # ... and an OrderBy keeps its own, also under ``-relation`` (find_ordering_name).
    expression = term.prefix_references(prefix).expression if prefix else term.expression
    return [(expression, term.descending, term.nulls_first, term.nulls_last)]


def _ordering_of_relation(model: Any, name: str) -> Sequence[Any]:
    """The related model's ordering when ``name`` ends on a relation that Django sorts
    by it (``study``); empty for a column (``study_id``, ``study__title``).

    :class:`UnsupportedOrderingError` for what is neither (a transform: ``name__lower``).
    """
    parts = name.split("__")
    for index, part in enumerate(parts):
        try:
            field = model._meta.get_field(part)
        except FieldDoesNotExist as exc:
            raise UnsupportedOrderingError(name) from exc
        last = index == len(parts) - 1
        if field.is_relation:
            if field.related_model is None or field.many_to_many or field.one_to_many:
                raise UnsupportedOrderingError(name)  # more than one value per row
            if last:
                if part == getattr(field, "attname", None):
                    return ()
                ordering: Sequence[Any] = field.related_model._meta.ordering
                return ordering
            model = field.related_model
        elif not last:
            raise UnsupportedOrderingError(name)
    return ()


def _is_pk(model: type[Model], expression: Any) -> bool:
    pk = model._meta.pk
    assert pk is not None
    name = getattr(expression, "name", None) if isinstance(expression, F) else None
    return name in ("pk", pk.name, pk.attname)


def _nullable(expression: Any, query: Any) -> bool:
    """Whether ``expression`` (resolved) can be NULL in a row: a nullable column, a
    column reached through an outer or nullable join, or anything but columns and
    constants (a subquery)."""
    for node in expression.flatten():
        if isinstance(node, Col):
            if node.target.null or _outer(node.alias, query):
                return True
        elif isinstance(node, Value):
            if node.value is None:
                return True
        elif not node.get_source_expressions():
            return True
    return False


def _outer(alias: str | None, query: Any) -> bool:
    while alias is not None:
        join = query.alias_map.get(alias)
        if join is None:
            return False
        if getattr(join, "join_type", None) == LOUTER or getattr(join, "nullable", False):
            return True
        alias = getattr(join, "parent_alias", None)
    return False


# -- values in a token: JSON with the types that JSON lacks ----------------------------


def _dump(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime.datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, datetime.date):
        return {"d": value.isoformat()}
    if isinstance(value, datetime.time):
        return {"t": value.isoformat()}
    if isinstance(value, Decimal):
        return {"n": str(value)}
    if isinstance(value, uuid.UUID):
        return {"u": str(value)}
    if isinstance(value, datetime.timedelta):
        return {"td": [value.days, value.seconds, value.microseconds]}
    raise UnsupportedOrderingError(type(value).__name__)


def _load(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if not isinstance(value, dict) or len(value) != 1:
        raise ValueError("value")
    ((tag, text),) = value.items()
    if tag == "td":
        days, seconds, micro = text
        return datetime.timedelta(days=days, seconds=seconds, microseconds=micro)
    if not isinstance(text, str):
        raise ValueError("value")
    loaders: dict[str, Any] = {
        "dt": datetime.datetime.fromisoformat,
        "d": datetime.date.fromisoformat,
        "t": datetime.time.fromisoformat,
        "n": Decimal,
        "u": uuid.UUID,
    }
    return loaders[tag](text)
