"""``with unchanged(): ...`` asserts that a refused request or call changed nothing.

A refusal test (403, 404 for another municipality's record, 400 or a
ValidationError for bad input) must show that the refusal left the database
as it was, not only that an error came back. The snapshot taken before and
after the block covers:

- the number of rows of every table (audit log and sessions aside),
- the latest ``updated_at`` of every table that has one (an update in place),
- the number of audit entries: every service audits its writes, so this
  catches any write; and a refusal shows nothing, so it logs no access either.
  A refused form that is shown again with its choices (names) may log that
  list: ``reads=True`` then counts only entries of a write,
- every field of the records passed in, read again from the database,
- with ``tables=True``, the full content of every table (small worlds only).

``ignore=[Model]`` leaves out a table the refusal writes by design (a refused
payroll file is kept as a refused import, with its errors); the test then
asserts that record itself.

A block that raises is fine: ``with pytest.raises(ValidationError), unchanged():``
compares the database after the exception too, and lets it through.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.apps import apps
from django.db import models
from django.db.models import Max

from basisbaan.audit.models import AuditAction, AuditEntry

__all__ = ["unchanged"]

READS = [AuditAction.VIEW, AuditAction.LIST, AuditAction.EXPORT, AuditAction.LOGIN]
SKIPPED = {"sessions.session", "audit.auditentry"}


def _tables(ignore: tuple[type[models.Model], ...]) -> list[type[models.Model]]:
    return [
        model
        for model in apps.get_models()
        if model._meta.label_lower not in SKIPPED
        and model not in ignore
        and not model._meta.proxy
        and model._meta.managed
    ]


def _state(
    records: tuple[models.Model, ...],
    tables: bool,
    reads: bool,
    ignore: tuple[type[models.Model], ...],
) -> dict[str, Any]:
    audit = AuditEntry.objects.exclude(action__in=READS) if reads else AuditEntry.objects.all()
    state: dict[str, Any] = {"audit entries": audit.count()}
    for model in _tables(ignore):
        label = model._meta.label_lower
        manager = model._base_manager
        state[f"{label} rows"] = manager.count()
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            state[f"{label} updated_at"] = manager.aggregate(last=Max("updated_at"))["last"]
        if tables:
            state[f"{label} content"] = list(manager.order_by("pk").values_list())
    for record in records:
        state[f"{record._meta.label_lower} #{record.pk}"] = (
            type(record)._base_manager.filter(pk=record.pk).values().first()
        )
    return state


@contextmanager
def unchanged(
    *records: models.Model,
    tables: bool = False,
    reads: bool = False,
    ignore: Iterable[type[models.Model]] = (),
) -> Iterator[None]:
    """Assert that the block changes nothing in the database (see the module docstring)."""
    left_out = tuple(ignore)
    before = _state(records, tables, reads, left_out)
    try:
        yield
    finally:
        after = _state(records, tables, reads, left_out)
        changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
        assert not changed, f"the refusal changed the database: {changed}"
