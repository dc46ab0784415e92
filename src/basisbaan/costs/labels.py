"""Human names for the parameter keys a plan assumed, for the pages and the export."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from basisbaan.parameters.constants import ParameterKey

__all__ = ["assumption_labels", "key_labels"]

# The cost model looks the minimum wage up per full-time week (one amount from 2024).
_MINIMUM_WAGE_ROWS = {"minimum_wage_36", "minimum_wage_38", "minimum_wage_40"}


def key_labels(keys: Iterable[str]) -> list[str]:
    """The labels of ``keys``, each once, in the given order."""
    labels: list[str] = []
    for key in keys:
        name = ParameterKey.MINIMUM_WAGE_HOURLY if key in _MINIMUM_WAGE_ROWS else key
        try:
            label = str(ParameterKey(name).label)
        except ValueError:
            label = name
        if label not in labels:
            labels.append(label)
    return labels


def assumption_labels(
    assumptions: Mapping[dt.date, tuple[str, ...]],
) -> list[tuple[dt.date, list[str]]]:
    """Per month, the labels of the figures that are assumptions, in month order."""
    return [(month, key_labels(keys)) for month, keys in sorted(assumptions.items())]
