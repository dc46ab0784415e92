"""Writes of the codebook, memos and codings, and the saturation settings of a study.

Every function is one transaction and writes its audit entry. A refusal raises a
``ValidationError`` in Dutch and changes nothing.

- Codes nest; a move that would make a code its own ancestor is refused, and so is
  deleting a code that still has codings or sub-codes. A code's name is unique
  among its siblings; its colour is ``#RRGGBB`` (a new code gets the next colour of
  :data:`~basisbaan.research.constants.CODE_COLOURS`).
- A coding points into the pseudonymised text with code-point offsets
  ``0 <= start < end <= len(text)``; its code belongs to the transcript's study and
  its speaker (when given) to the session's respondents. An exact duplicate (same
  transcript, code, start, end and speaker) is refused.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from basisbaan.core.services import model_create, model_delete, model_update
from basisbaan.research.constants import CODE_COLOURS
from basisbaan.research.models import Code, Coding, Memo, Respondent, Study, Transcript
from basisbaan.tenancy.models import User

__all__ = [
    "code_create",
    "code_delete",
    "code_move",
    "code_update",
    "coding_create",
    "coding_delete",
    "coding_mark_quote",
    "memo_create",
    "memo_delete",
    "memo_update",
    "next_colour",
    "saturation_settings_update",
    "segments_to_range",
    "transcript_mark_coded",
]

COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
MAX_DEPTH = 20
SATURATION_FIELDS = frozenset(
    {"guest_base_size", "guest_run_length", "guest_threshold", "francis_initial", "francis_stop"}
)


# -- codes --------------------------------------------------------------------------------


def next_colour(study: Study) -> str:
    """The colour a new code of ``study`` gets: the palette in turn."""
    count = Code.objects.filter(municipality_id=study.municipality_id, study=study).count()
    return CODE_COLOURS[count % len(CODE_COLOURS)]


def _clean_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": _("Geef de code een naam.")})
    return name


def _check_colour(colour: str) -> str:
    if not COLOUR.match(colour or ""):
        raise ValidationError(
            {"colour": _("Een kleur schrijft u als #RRGGBB, bijvoorbeeld #1F77B4.")}
        )
    return colour.upper()


def _check_parent(study: Study, parent: Code | None) -> None:
    if parent is not None and (
        parent.study_id != study.pk or parent.municipality_id != study.municipality_id
    ):
        raise ValidationError({"parent": _("De hoofdcode hoort niet bij dit onderzoek.")})


def _check_sibling_name(study: Study, parent: Code | None, name: str, exclude: int | None) -> None:
    siblings = Code.objects.filter(
        municipality_id=study.municipality_id, study=study, parent=parent, name__iexact=name
    )
    if exclude is not None:
        siblings = siblings.exclude(pk=exclude)
    if siblings.exists():
        raise ValidationError(
            {
                "name": _("Er is al een code ‘%(name)s’ op deze plek in het codeboek.")
                % {"name": name}
            }
        )


@transaction.atomic
def code_create(
    *,
    study: Study,
    name: str,
    actor: User | None,
    parent: Code | None = None,
    description: str = "",
    colour: str = "",
    position: int | None = None,
) -> Code:
    """A new code in ``study``'s codebook, under ``parent`` (or at the top)."""
    name = _clean_name(name)
    _check_parent(study, parent)
    _check_sibling_name(study, parent, name, exclude=None)
    colour = _check_colour(colour) if colour else next_colour(study)
    if position is None:
        position = Code.objects.filter(study=study, parent=parent).count()
    code = Code(
        municipality_id=study.municipality_id,
        study=study,
        parent=parent,
        name=name,
        description=(description or "").strip(),
        colour=colour,
        position=position,
    )
    return model_create(instance=code, actor=actor)


@transaction.atomic
def code_update(*, code: Code, data: dict[str, Any], actor: User | None) -> Code:
    """Change a code's name, description, colour or position (not its place: see
    :func:`code_move`)."""
    data = dict(data)
    if "name" in data:
        data["name"] = _clean_name(data["name"])
        _check_sibling_name(code.study, code.parent, data["name"], exclude=code.pk)
    if "colour" in data:
        data["colour"] = _check_colour(data["colour"])
    if "description" in data:
        data["description"] = (data["description"] or "").strip()
    code, _changed = model_update(
        instance=code, data=data, actor=actor, allowed={"name", "description", "colour", "position"}
    )
    return code


def _ancestors(code: Code) -> list[int]:
    ids: list[int] = []
    parents = dict(Code.objects.filter(study_id=code.study_id).values_list("pk", "parent_id"))
    current: int | None = code.pk
    while current is not None and len(ids) <= len(parents):
        ids.append(current)
        current = parents.get(current)
    return ids


@transaction.atomic
def code_move(
    *, code: Code, parent: Code | None, actor: User | None, position: int | None = None
) -> Code:
    """Put ``code`` (with its sub-codes) under ``parent``, or at the top with ``None``."""
    _check_parent(code.study, parent)
    if parent is not None and code.pk in _ancestors(parent):
        raise ValidationError(
            {"parent": _("Een code kan niet onder zichzelf of onder een eigen subcode staan.")}
        )
    _check_sibling_name(code.study, parent, code.name, exclude=code.pk)
    data: dict[str, Any] = {"parent": parent}
    if position is not None:
        data["position"] = position
    code, _changed = model_update(
        instance=code, data=data, actor=actor, allowed={"parent", "position"}
    )
    return code


@transaction.atomic
def code_delete(*, code: Code, actor: User | None) -> None:
    """Delete a code that has neither codings nor sub-codes."""
    codings = Coding.objects.filter(code=code).count()
    if codings:
        raise ValidationError(
            _(
                "De code ‘%(name)s’ is nog %(n)s keer gebruikt. Verwijder eerst die "
                "coderingen of voeg de code samen met een andere."
            )
            % {"name": code.name, "n": codings}
        )
    if Code.objects.filter(parent=code).exists():
        raise ValidationError(
            _("De code ‘%(name)s’ heeft subcodes. Verplaats of verwijder die eerst.")
            % {"name": code.name}
        )
    model_delete(instance=code, actor=actor)


# -- memos --------------------------------------------------------------------------------


def _memo_target(study: Study, code: Code | None, transcript: Transcript | None) -> None:
    if code is not None and transcript is not None:
        raise ValidationError(_("Een memo hoort bij het onderzoek, één code of één transcript."))
    if code is not None and code.study_id != study.pk:
        raise ValidationError({"code": _("De code hoort niet bij dit onderzoek.")})
    if transcript is not None and transcript.session.study_id != study.pk:
        raise ValidationError({"transcript": _("Het transcript hoort niet bij dit onderzoek.")})


@transaction.atomic
def memo_create(
    *,
    study: Study,
    title: str,
    text: str,
    actor: User | None,
    code: Code | None = None,
    transcript: Transcript | None = None,
) -> Memo:
    """A memo on the study, on one of its codes or on one of its transcripts."""
    _memo_target(study, code, transcript)
    memo = Memo(
        municipality_id=study.municipality_id,
        study=study,
        code=code,
        transcript=transcript,
        title=(title or "").strip(),
        text=(text or "").strip(),
        author=actor if actor is not None and actor.pk else None,
    )
    return model_create(instance=memo, actor=actor)


@transaction.atomic
def memo_update(*, memo: Memo, data: dict[str, Any], actor: User | None) -> Memo:
    data = {k: (v or "").strip() if isinstance(v, str) else v for k, v in data.items()}
    memo, _changed = model_update(instance=memo, data=data, actor=actor, allowed={"title", "text"})
    return memo


@transaction.atomic
def memo_delete(*, memo: Memo, actor: User | None) -> None:
    model_delete(instance=memo, actor=actor)


# -- codings ------------------------------------------------------------------------------


def segments_to_range(
    text: str, segments: list[tuple[int, int]], chosen: list[int]
) -> tuple[int, int]:
    """The ``(start, end)`` of consecutive ``chosen`` segment numbers (from
    :func:`basisbaan.research.analysis.segments`); refused when none or with a gap."""
    numbers = sorted(set(chosen))
    if not numbers:
        raise ValidationError({"segments": _("Kies een of meer tekstdelen om te coderen.")})
    if any(n < 0 or n >= len(segments) for n in numbers):
        raise ValidationError({"segments": _("Dat tekstdeel bestaat niet (meer).")})
    if numbers != list(range(numbers[0], numbers[-1] + 1)):
        raise ValidationError(
            {"segments": _("Kies tekstdelen die op elkaar volgen; codeer losse delen apart.")}
        )
    return segments[numbers[0]][0], segments[numbers[-1]][1]


@transaction.atomic
def coding_create(
    *,
    transcript: Transcript,
    code: Code,
    start: int,
    end: int,
    actor: User | None,
    respondent: Respondent | None = None,
    is_quote: bool = False,
) -> Coding:
    """Code ``transcript.text[start:end]`` with ``code``."""
    session = transcript.session
    if code.study_id != session.study_id or code.municipality_id != transcript.municipality_id:
        raise ValidationError({"code": _("De code hoort niet bij het onderzoek van dit gesprek.")})
    if not (isinstance(start, int) and isinstance(end, int)):
        raise ValidationError({"start": _("Begin en einde zijn hele getallen.")})
    if not 0 <= start < end <= len(transcript.text):
        raise ValidationError(
            {
                "start": _(
                    "De selectie valt buiten de tekst: begin %(start)s en einde %(end)s, "
                    "de tekst telt %(n)s tekens."
                )
                % {"start": start, "end": end, "n": len(transcript.text)}
            }
        )
    if respondent is not None and not session.respondents.filter(pk=respondent.pk).exists():
        raise ValidationError({"respondent": _("Deze spreker was niet bij dit gesprek.")})
    duplicate = Coding.objects.filter(
        transcript=transcript, code=code, start=start, end=end, respondent=respondent
    ).exists()
    if duplicate:
        raise ValidationError(_("Deze selectie heeft deze code al."))
    coding = Coding(
        municipality_id=transcript.municipality_id,
        transcript=transcript,
        code=code,
        start=start,
        end=end,
        respondent=respondent,
        is_quote=is_quote,
        created_by=actor if actor is not None and actor.pk else None,
    )
    return model_create(instance=coding, actor=actor)


@transaction.atomic
def coding_delete(*, coding: Coding, actor: User | None) -> None:
    model_delete(instance=coding, actor=actor)


@transaction.atomic
def coding_mark_quote(*, coding: Coding, is_quote: bool, actor: User | None) -> Coding:
    """Mark (or unmark) a coded fragment as a quote for reporting."""
    coding, _changed = model_update(
        instance=coding, data={"is_quote": bool(is_quote)}, actor=actor, allowed={"is_quote"}
    )
    return coding


@transaction.atomic
def transcript_mark_coded(
    *, transcript: Transcript, done: bool, on: dt.date, actor: User | None
) -> Transcript:
    """Mark the coding of a transcript done (it then counts for saturation) or not."""
    data: dict[str, Any] = {"coding_done": bool(done), "coding_done_on": on if done else None}
    transcript, _changed = model_update(
        instance=transcript, data=data, actor=actor, allowed={"coding_done", "coding_done_on"}
    )
    return transcript


# -- saturation settings ------------------------------------------------------------------


@transaction.atomic
def saturation_settings_update(*, study: Study, data: dict[str, Any], actor: User | None) -> Study:
    """Change the Guest and Francis settings of ``study``."""
    data = dict(data)
    if "guest_threshold" in data and data["guest_threshold"] is not None:
        data["guest_threshold"] = Decimal(str(data["guest_threshold"]))
    study, _changed = model_update(
        instance=study, data=data, actor=actor, allowed=SATURATION_FIELDS
    )
    return study
