"""The programme manager's texts: the fields they may use, and names of participants in them."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _

from basisbaan.participants.names import names_in

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
