"""Data versions: a cheap answer to "has anything changed since?".

A forecast reads a programme's contracts, payroll, budgets and the national
parameters; computing it takes seconds at 100,000 contracts. Instead of hashing
those inputs on every request, every committed change to them raises a counter
(:class:`~basisbaan.core.models.DataVersion`): one for the municipality, one for
the national figures. A computed answer is cached under the counters it was read
at, so a repeat view costs one indexed read and a cache lookup, and any change
makes the next view compute again.

The counters are raised by ``post_save``/``post_delete`` receivers on the models
in :data:`TRACKED` (whichever face wrote: page, API, command line, admin, demo),
and explicitly by the writes that bypass those signals (``bulk_create``,
``COPY``, ``QuerySet.update``): :func:`changed`. This is cache bookkeeping, not
business logic: no rule depends on it.

Why after the commit, not inside the writer's transaction: an ``UPDATE`` of the
counter row would hold its lock until the commit, serialising every write of a
municipality behind the slowest one (a payroll import) and risking a deadlock
with the audit chain's lock. Raised after the commit, the order is safe: a
reader reads the counters *before* the data, so an answer computed from old data
is stored under an old number, never under the new one.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F, Model
from django.db.models.signals import post_delete, post_save

__all__ = ["NATIONAL", "TRACKED", "DataVersions", "changed", "connect", "scope_of", "version_of"]

NATIONAL = "national"
# A random number drawn once per database: a database made anew (its counters back
# at 0, its ids used again) never finds the answers cached for the old one.
INSTANCE = "instance"

# The models whose rows a forecast, the capacity answer or the budget page read
# (app_label.ModelName). A row with a municipality raises that municipality's
# counter; one without (national parameters) the national counter.
TRACKED = (
    "programmes.Programme",
    "budgets.Budget",
    "budgets.Expenditure",
    "budgets.PlannedStart",
    "payroll.PayrollImport",
    "payroll.PayrollEntry",
    "contracts.ContractSettings",
    "contracts.Contract",
    "contracts.ContractPeriod",
    "contracts.ContractWageLine",
    "contracts.RenewalDecision",
    "contracts.WageValueMeasurement",
    "contracts.LkvEntitlement",
    "placements.Placement",
    "participants.Participant",
    "costs.ProgrammeCostSettings",
    "costs.IndexationAssumption",
    "parameters.ParameterValue",
    "parameters.LocalScheme",
    "outcomes.Exit",
)

_PENDING = "_basisbaan_versions"


def scope_of(municipality_id: int | None) -> str:
    """The counter of a municipality, or the national one for None."""
    return NATIONAL if municipality_id is None else f"m{municipality_id}"


@dataclass(frozen=True, slots=True)
class DataVersions:
    """The counters an answer was read at (part of its cache key)."""

    instance: int
    municipality: int
    national: int

    def key(self) -> str:
        return f"{self.instance}.{self.municipality}.{self.national}"


def version_of(municipality_id: int, *, using: str = DEFAULT_DB_ALIAS) -> DataVersions:
    """The counters of a municipality and the national figures, in one query (0
    before the first change). Read them *before* the data they version."""
    from basisbaan.core.models import DataVersion

    scopes = (scope_of(municipality_id), NATIONAL, INSTANCE)
    rows = DataVersion.objects.using(using).filter(scope__in=scopes)
    found = dict(rows.values_list("scope", "number"))
    if INSTANCE not in found:
        DataVersion.objects.using(using).bulk_create(
            [DataVersion(scope=INSTANCE, number=secrets.randbits(62))], ignore_conflicts=True
        )
        found = dict(rows.values_list("scope", "number"))
    return DataVersions(found[INSTANCE], found.get(scopes[0], 0), found.get(NATIONAL, 0))


def _raise(scopes: Iterable[str], using: str) -> None:
    from basisbaan.core.models import DataVersion

    for scope in sorted(set(scopes)):
        if not DataVersion.objects.using(using).filter(scope=scope).update(number=F("number") + 1):
            DataVersion.objects.using(using).bulk_create(
                [DataVersion(scope=scope, number=0)], ignore_conflicts=True
            )
            DataVersion.objects.using(using).filter(scope=scope).update(number=F("number") + 1)


def _in_transaction(using: str) -> bool:
    """Whether a commit is still to come. A test case's own transaction never
    commits (Django marks it, as its ``durable`` check knows): inside one, a change
    counts at once, in the transaction, and a rolled-back savepoint takes it along."""
    connection = connections[using]
    if not connection.in_atomic_block:
        return False
    return not getattr(connection.atomic_blocks[0], "_from_testcase", False)


def changed(municipality_id: int | None, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Record a change to the data of a municipality (None: national figures).

    In a transaction the counter is raised once, after the commit (nothing when it
    rolls back); outside one, at once.
    """
    scope = scope_of(municipality_id)
    if not _in_transaction(using):
        _raise([scope], using)
        return
    connection = connections[using]
    pending: _Pending | None = getattr(connection, _PENDING, None)
    if pending is None or not pending.registered(connection.run_on_commit):
        # The first change of this transaction (or the earlier one rolled back,
        # taking its callback along).
        pending = _Pending()
        setattr(connection, _PENDING, pending)

        def flush() -> None:
            done: _Pending | None = getattr(connection, _PENDING, None)
            setattr(connection, _PENDING, None)
            _raise(done.scopes if done is not None else (), using)

        pending.flush = flush
        transaction.on_commit(flush, using=using, robust=True)
        pending.hooks = connection.run_on_commit
    pending.scopes.add(scope)


class _Pending:
    """The scopes changed in the running transaction, and its one on-commit callback."""

    def __init__(self) -> None:
        self.scopes: set[str] = set()
        self.flush: Any = None
        self.hooks: Any = None  # the connection's list of callbacks when it was added

    def registered(self, hooks: list[Any]) -> bool:
        """Whether the callback is still to run. Django replaces the list when a
        savepoint or the transaction rolls back (and after a commit), so the same
        list means it is there; a new one is searched."""
        if hooks is self.hooks:
            return True
        return any(entry[1] is self.flush for entry in hooks)


def _municipality_id(instance: Model) -> int | None:
    return getattr(instance, "municipality_id", None)


def _on_write(sender: type[Model], instance: Model, using: str, **kwargs: Any) -> None:
    if kwargs.get("raw"):  # loaddata
        return
    changed(_municipality_id(instance), using=using)


def connect() -> None:
    """Connect the receivers (``CoreConfig.ready``)."""
    for label in TRACKED:
        model = apps.get_model(label)
        post_save.connect(_on_write, sender=model, dispatch_uid=f"versions-save-{label}")
        post_delete.connect(_on_write, sender=model, dispatch_uid=f"versions-delete-{label}")
