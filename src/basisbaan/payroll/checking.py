"""The whole-file check of a payroll file: clean chunks column by column
(:mod:`basisbaan.payroll.fastpath`), every other row by the reference
:class:`~basisbaan.payroll.validation.RowChecker`.

It sits above both, so neither imports the other in a circle.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.payroll.fastpath import ChunkChecker
from basisbaan.payroll.lookups import Lookups
from basisbaan.payroll.parsing import PayrollFile
from basisbaan.payroll.validation import EntrySink, NullSink, Outcome, Progress, RowChecker
from basisbaan.tenancy.models import Municipality

__all__ = ["gc_paused", "validate_rows"]


def validate_rows(
    parsed: PayrollFile,
    *,
    municipality: Municipality,
    correction: bool,
    sink: EntrySink | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
    fast: bool = True,
) -> Outcome:
    """Check every row of ``parsed``, handing new rows to ``sink`` as they pass.

    ``fast=False`` checks every row one by one (the reference; for tests).
    """
    lookups = Lookups(municipality)
    lookups.before_query = getattr(sink, "pause", None)
    checker = RowChecker(
        parsed,
        lookups,
        correction=correction,
        today=today or timezone.localdate(),
        sink=sink or NullSink(),
    )
    chunks = ChunkChecker(checker, parsed) if fast else None
    total = parsed.estimated_rows
    with gc_paused():
        _check_chunks(parsed, checker, chunks, progress, total)
    if progress is not None:
        progress(_("inlezen"), checker.outcome.rows, checker.outcome.rows)
    return checker.outcome


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile: a big file makes millions of lists
    and strings (none in cycles), and the collector would scan them over and over."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _check_chunks(
    parsed: PayrollFile,
    checker: RowChecker,
    chunks: Any,
    progress: Progress | None,
    total: int,
) -> None:
    for chunk in parsed.chunks:
        if chunks is None or not chunks.check(chunk):
            for row, cells in zip(chunk.numbers, chunk.rows, strict=True):
                checker.check(row, cells)
        if progress is not None:
            done = checker.outcome.rows
            progress(_("inlezen"), done, max(total, done))
