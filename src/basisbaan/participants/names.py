"""Finding participants' names in free text (a council report's texts, a research
respondent's description), whole words, ignoring case and accents."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

__all__ = ["names_in"]


def _fold(text: str) -> str:
    """Lower case without accents, one space between words: ``"Emre  Yıldız"`` ->
    ``"emre yildiz"``."""
    decomposed = unicodedata.normalize("NFKD", text.replace("ı", "i"))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"\w+", plain))


def names_in(text: str, people: Iterable[tuple[str, str, str]]) -> list[str]:
    """The participants (first name, prefix, last name) whose name ``text`` contains.

    A match is the full name ("Dennis Bakker", "Anja de Vries"), the last name with
    the prefix ("de Vries"), or the first name with the last name's initial
    ("Dennis B."), as whole words, ignoring case and accents. A last name alone that
    is also a common word would make too much noise and is not matched unless it
    has its prefix.
    """
    folded = f" {_fold(text)} "
    found = []
    for first, prefix, last in people:
        full = _fold(" ".join(p for p in (first, prefix, last) if p))
        candidates = [full]
        if prefix:
            candidates.append(_fold(f"{prefix} {last}"))
        if first and last:
            candidates.append(_fold(f"{first} {last[0]}"))
        if any(c and f" {c} " in folded for c in candidates):
            found.append(" ".join(p for p in (first, prefix, last) if p))
    return sorted(set(found))
