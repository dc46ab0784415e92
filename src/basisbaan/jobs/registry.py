"""The kinds of background job, registered by the apps that own the work.

The jobs app knows no domain app: each app registers its kinds in its
``AppConfig.ready`` (``register(JobKind(...))``), and a job names its kind.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from basisbaan.jobs.models import Job

Progress = Callable[[str, int, int], None]


class JobError(Exception):
    """An expected failure, with a message in Dutch for the user."""


@dataclass(frozen=True, slots=True)
class JobOutcome:
    """What a finished job leaves: a JSON result, where to see it, a line for the user."""

    result: dict[str, Any] = field(default_factory=dict)
    url: str = ""
    message: str = ""


@dataclass(frozen=True, slots=True)
class JobKind:
    kind: str
    # run(job, progress) -> JobOutcome; one transaction of its own: all or nothing.
    run: Callable[[Job, Progress], JobOutcome]
    # on_failure(job): tidy what the job's start left (a waiting file, a status);
    # runs after the work was rolled back.
    on_failure: Callable[[Job], None] | None = None


_KINDS: dict[str, JobKind] = {}


def register(kind: JobKind) -> None:
    _KINDS[kind.kind] = kind


def get_kind(name: str) -> JobKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise JobError(f"Onbekende soort taak: {name}") from None
