"""The programme manager's texts: the fields they may use, and names of participants in them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from django.utils.translation import gettext_lazy as _

__all__ = ["FIELDS", "fill", "names_in", "unknown_fields"]

# The fields a text may use, filled from the report's published figures.
FIELDS: dict[str, object] = {
    "aantal_deelnemers": _("deelnemers aan het werk op de peildatum"),
    "aantal_met_lks": _("van wie met loonkostensubsidie"),
    "aantal_gestart": _("deelnames gestart sinds het begin"),
    "aantal_uitgestroomd": _("uitgestroomd sinds het begin"),
    "peildatum": _("de peildatum, voluit"),
    "programma": _("de naam van het programma"),
    "instroom": _("open of gesloten"),
}

FIELD = re.compile(r"\{([a-z_]+)\}")


def fill(text: str, facts: Mapping[str, str]) -> str:
    """``text`` with every known ``{field}`` replaced by its value; others stay as written."""
    return FIELD.sub(lambda m: facts.get(m.group(1), m.group(0)), text)


def unknown_fields(text: str) -> list[str]:
    return sorted({m.group(1) for m in FIELD.finditer(text)} - set(FIELDS))


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
