"""The base class of every project command."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from basisbaan.audit.context import reset_channel, reset_request_id, set_channel, set_request_id


class BasisbaanCommand(BaseCommand):
    """A management command whose audit entries say they came from the command line.

    Each run gets its own request id and the ``cli`` channel, and both are reset
    afterwards, so that work later in the same thread (another command, a test)
    does not inherit them.
    """

    def execute(self, *args: Any, **options: Any) -> str | None:
        channel = set_channel("cli")
        request_id = set_request_id(None)
        try:
            return super().execute(*args, **options)
        finally:
            reset_request_id(request_id)
            reset_channel(channel)


def positive(value: str) -> int:
    """An argparse type: a whole number of at least 1."""
    number = int(value)
    if number < 1:
        raise ValueError(value)
    return number


def non_negative(value: str) -> int:
    """An argparse type: a whole number of at least 0."""
    number = int(value)
    if number < 0:
        raise ValueError(value)
    return number
