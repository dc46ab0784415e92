"""A task backend whose queue cannot be reached (like a Redis that is down)."""

from __future__ import annotations

from django.tasks.backends.immediate import ImmediateBackend


class UnreachableBackend(ImmediateBackend):
    def enqueue(self, task, args, kwargs):  # type: ignore[no-untyped-def]
        raise ConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
