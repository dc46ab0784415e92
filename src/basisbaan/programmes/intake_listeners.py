"""Who follows a programme's intake: a small interface, so programmes imports no app above it.

Opening or closing intake (:func:`~basisbaan.programmes.services.programme_set_intake`)
changes more than the programme: the match proposals of ``intake`` wait while
intake is closed and are open again when it opens. ``intake`` sits above
``programmes``, so the dependency is inverted as in ``payroll/locks.py``: the
intake app registers its listener here when Django starts
(:meth:`basisbaan.intake.apps.IntakeConfig.ready`), and the service calls every
listener in its own transaction, so no page or API answer shows the programme
open and its proposals still waiting.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from basisbaan.programmes.models import Programme
    from basisbaan.tenancy.models import User

__all__ = ["IntakeListener", "intake_changed", "register_intake_listener"]


class IntakeListener(Protocol):
    def __call__(self, *, programme: Programme, actor: User | None) -> object: ...


_listeners: list[IntakeListener] = []


def register_intake_listener(listener: IntakeListener) -> None:
    """Let ``listener`` follow intake changes; registering it twice is harmless."""
    if listener not in _listeners:
        _listeners.append(listener)


def intake_changed(*, programme: Programme, actor: User | None) -> None:
    """Tell every listener that ``programme``'s intake (or its closing reason) changed."""
    for listener in _listeners:
        listener(programme=programme, actor=actor)
