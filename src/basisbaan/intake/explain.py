"""Dutch words for the pure checks: eligibility criteria and match components.

The calculations say *what* was found (codes and numbers); this module says it
in the user's language through gettext, with Dutch number formats.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from basisbaan.calc.eligibility import CriterionResult, Key
from basisbaan.calc.matching import HARD, Component, Criterion, Match, Status
from basisbaan.hosts.constants import Track
from basisbaan.intake.vocabulary import (
    Competence,
    ConstraintCategory,
    LanguageLevel,
    Level,
    Sector,
    WorkType,
)

LEVELS = list(LanguageLevel)


def _num(value: Any, digits: int = 1) -> str:
    """A number in the active language's format, without decimals when whole (32, 7,5)."""
    if float(value) == int(value):
        return number_format(int(value))
    # Rounded half up first: number_format cuts a float's digits off (2.58 -> 2,5).
    return number_format(
        Decimal(str(value)).quantize(Decimal(1).scaleb(-digits), ROUND_HALF_UP), digits
    )


def _many(value: Any) -> int:
    """The count that picks singular or plural: 1 for one, else 2 (also for 1,5)."""
    return 1 if value is not None and float(value) == 1 else 2


def _count(template: str, value: Any) -> str:
    """``value`` put in its (plural-aware) ``template``; "" when unknown."""
    return "" if value is None else template % {"actual": _num(value)}


def _language(ordinal: Any) -> str:
    return str(LEVELS[int(ordinal) - 1].label)


def _labels(choices: Any, codes: Iterable[str]) -> str:
    known = dict(choices.choices)
    return ", ".join(str(known.get(code, code)) for code in codes)


def criterion_text(result: CriterionResult) -> str:
    """One eligibility criterion in words: what is required and what was found
    (the outcome is shown beside it, see :func:`outcome_label`)."""
    track = str(Track(result.track).label) + ": " if result.track else ""
    r, a = result.required, result.actual
    if result.key == Key.ASSISTANCE:
        text = _("minimaal %(required)s maanden in de bijstand") % {"required": r}
        found = _count(ngettext("%(actual)s maand", "%(actual)s maanden", _many(a)), a)
        missing = _("startdatum bijstand ontbreekt")
    elif result.key == Key.MIN_AGE:
        text = _("minimaal %(required)s jaar oud") % {"required": r}
        found = _count(ngettext("%(actual)s jaar", "%(actual)s jaar", _many(a)), a)
        missing = _("geboortedatum ontbreekt")
    elif result.key == Key.MAX_AGE:
        text = _("hoogstens %(required)s jaar oud") % {"required": r}
        found = _count(ngettext("%(actual)s jaar", "%(actual)s jaar", _many(a)), a)
        missing = _("geboortedatum ontbreekt")
    elif result.key == Key.HOURS:
        text = _("minimaal %(required)s uur per week beschikbaar") % {"required": _num(r)}
        found = _count(ngettext("%(actual)s uur", "%(actual)s uur", _many(a)), a)
        missing = _("beschikbare uren staan niet in het profiel")
    else:
        text = _("taalniveau Nederlands minimaal %(required)s") % {"required": _language(r)}
        found = _language(a) if a is not None else ""
        missing = _("taalniveau staat niet in het profiel")
    detail = found if a is not None else missing
    return f"{track}{text} ({detail})"


def _hard_text(c: Component) -> str:
    if c.criterion == Criterion.HOURS:
        if c.status == Status.UNKNOWN:
            return _("Uren: beschikbare uren onbekend; de werkplek vraagt %(req)s uur.") % {
                "req": _num(c.required)
            }
        if c.status == Status.FULL:
            return _("Uren: de werkplek vraagt %(req)s uur, de deelnemer kan %(have)s uur.") % {
                "req": _num(c.required),
                "have": _num(c.value),
            }
        return _("Uren: de werkplek vraagt %(req)s uur, de deelnemer kan maar %(have)s uur.") % {
            "req": _num(c.required),
            "have": _num(c.value),
        }
    if c.criterion == Criterion.TRACK:
        track = Track(c.found[0]).label
        return {
            Status.UNKNOWN: _("Spoor: nog niet vastgesteld welke sporen passen."),
            Status.FULL: _("Spoor: %(track)s past bij de deelnemer.") % {"track": track},
            Status.NONE: _("Spoor: %(track)s past niet bij de deelnemer.") % {"track": track},
        }[c.status]
    if c.status == Status.UNKNOWN:
        return _("Reisafstand: onbekend (postcode of reisbereik ontbreekt).")
    values: dict[str, object] = {"km": _num(c.value), "max": _num(c.required, 0)}
    if c.status == Status.FULL:
        return _("Reisafstand: %(km)s km, binnen het reisbereik van %(max)s km.") % values
    return _("Reisafstand: %(km)s km, verder dan het reisbereik van %(max)s km.") % values


def _soft_text(c: Component) -> str:
    s = c.status
    values: dict[str, object]
    if c.criterion == Criterion.COMPETENCES:
        asked = len(c.found) + len(c.missing)
        if s == Status.NOT_ASKED:
            return _("Competenties: de werkplek vraagt geen bepaalde competenties.")
        if s == Status.UNKNOWN:
            return _("Competenties van de deelnemer onbekend; gevraagd: %(asked)s.") % {
                "asked": _labels(Competence, c.missing)
            }
        text = _("%(n)s van %(asked)s gevraagde competenties") % {"n": len(c.found), "asked": asked}
        if c.found:
            text += ": " + _labels(Competence, c.found)
        if c.missing:
            text += "; " + _("ontbreekt: %(missing)s") % {"missing": _labels(Competence, c.missing)}
        return text + "."
    if c.criterion == Criterion.SECTOR:
        if s == Status.NOT_ASKED:
            return _("Sector: niet opgegeven bij de werkplek.")
        if s == Status.UNKNOWN:
            return _("Sector: voorkeur en interesses van de deelnemer onbekend.")
        sector = _labels(Sector, c.found or c.missing)
        return {
            Status.FULL: _("Sector %(s)s: een voorkeur van de deelnemer."),
            Status.PARTIAL: _("Sector %(s)s: een interesse van de deelnemer."),
            Status.NONE: _("Sector %(s)s: geen voorkeur of interesse van de deelnemer."),
        }[s] % {"s": sector}
    if c.criterion == Criterion.WORK:
        if s == Status.NOT_ASKED:
            return _("Soort werk: niet opgegeven bij de werkplek.")
        if s == Status.UNKNOWN:
            return _("Soort werk: voorkeur van de deelnemer onbekend.")
        if s == Status.FULL:
            return _("Soort werk past bij de voorkeur: %(w)s.") % {"w": _labels(WorkType, c.found)}
        return _("Soort werk (%(w)s) past niet bij de voorkeur.") % {
            "w": _labels(WorkType, c.missing)
        }
    if c.criterion == Criterion.SUPERVISION:
        if s == Status.UNKNOWN:
            return _("Begeleiding: behoefte of capaciteit onbekend.")
        values = {
            "need": str(Level(int(c.required or 0)).label).lower(),
            "cap": str(Level(int(c.value or 0)).label).lower(),
        }
        if s == Status.FULL:
            return _("Begeleiding: nodig %(need)s, de werkplek biedt %(cap)s.") % values
        return _("Begeleiding: nodig %(need)s, de werkplek biedt minder: %(cap)s.") % values
    if c.criterion == Criterion.ACCESSIBILITY:
        if s == Status.NOT_ASKED:
            return _("Toegankelijkheid: geen beperkingen voor werk opgegeven.")
        values = {
            "n": len(c.found),
            "all": len(c.found) + len(c.missing),
            # Constraint labels read as part of the sentence: lower case.
            "found": _labels(ConstraintCategory, c.found).lower(),
            "missing": _labels(ConstraintCategory, c.missing).lower(),
        }
        if s == Status.FULL:
            return _("Toegankelijkheid: de werkplek houdt rekening met %(found)s.") % values
        if s == Status.NONE:
            return _("Toegankelijkheid: de werkplek kan geen rekening houden met %(missing)s.") % (
                values
            )
        return (
            _(
                "Toegankelijkheid: %(n)s van %(all)s beperkingen opgevangen (%(found)s); "
                "niet: %(missing)s."
            )
            % values
        )
    if s == Status.NOT_ASKED:
        return _("Taal: de werkplek vraagt geen bepaald taalniveau.")
    if s == Status.UNKNOWN:
        return _("Taal: niveau van de deelnemer onbekend; gevraagd %(req)s.") % {
            "req": _language(c.required)
        }
    values = {"have": _language(c.value), "req": _language(c.required)}
    if s == Status.FULL:
        return _("Taal: niveau %(have)s, gevraagd %(req)s.") % values
    return _("Taal: niveau %(have)s, lager dan gevraagd %(req)s.") % values


def component_lines(match: Match) -> list[dict[str, Any]]:
    """Every criterion of a match as a JSON-safe row with its sentence and points."""
    lines = []
    for c in match.components:
        hard = c.criterion in HARD
        lines.append(
            {
                "criterion": c.criterion.value,
                "status": c.status.value,
                "hard": hard,
                "points": round(c.points, 1),
                "weight": c.weight,
                "text": _hard_text(c) if hard else _soft_text(c),
            }
        )
    return lines
