"""Read settings from the environment, and remember what was read.

Every setting that comes from the environment goes through :func:`config`, so
that ``basisbaan show_config`` (and docs/operations.md) can list every variable
with its default and meaning.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Variable:
    name: str
    default: Any
    help_text: str
    secret: bool


REGISTRY: dict[str, Variable] = {}

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class ImproperlyConfiguredError(RuntimeError):
    pass


def config(
    name: str,
    default: Any = None,
    *,
    help_text: str,
    cast: type = str,
    secret: bool = False,
    required: bool = False,
) -> Any:
    """Return environment variable ``name`` cast to ``cast``, or ``default``.

    ``required`` variables raise when missing; ``cast=bool`` accepts 1/0,
    true/false, yes/no, on/off; ``cast=list`` splits on commas.
    """
    REGISTRY[name] = Variable(name, default, help_text, secret)
    raw = os.environ.get(name)
    if raw is None:
        if required:
            raise ImproperlyConfiguredError(f"Environment variable {name} is required: {help_text}")
        return default
    if cast is bool:
        value = raw.strip().lower()
        if value in _TRUE:
            return True
        if value in _FALSE:
            return False
        raise ImproperlyConfiguredError(f"{name} must be a boolean, not {raw!r}")
    if cast is list:
        return [item.strip() for item in raw.split(",") if item.strip()]
    return cast(raw)
