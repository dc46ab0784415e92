"""The report's block on the evaluation study: per study of the programme, the
conversations held, the respondents (small numbers suppressed), the withdrawals
of consent and whether saturation was reached, all as of the report's day.

Respondents per kind are counts of people and go through the one suppression
function, linked to their total: a handful of staff interviewed would otherwise
name them. The number of conversations and of withdrawals are the study's course,
published as they are (the letter does: "21 interviews"); neither says who.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from basisbaan.calc.suppression import split, suppress
from basisbaan.programmes.models import Programme
from basisbaan.reports.tables import Json, cell, count_cell, text_cell
from basisbaan.research.analysis import study_saturation
from basisbaan.research.constants import RespondentKind, SessionKind, SessionStatus
from basisbaan.research.models import Code, Consent, Session, Study

__all__ = ["research_block"]

KIND_LABELS = {
    RespondentKind.PARTICIPANT: gettext_lazy("– deelnemers"),
    RespondentKind.HOST: gettext_lazy("– werkgevers"),
    RespondentKind.STAFF: gettext_lazy("– medewerkers van de gemeente"),
    RespondentKind.OTHER: gettext_lazy("– anderen"),
}


def _sessions(study: Study, as_of: dt.date) -> dict[str, int]:
    held = Q(status=SessionStatus.HELD, held_on__lte=as_of)
    counts = Session.objects.filter(municipality_id=study.municipality_id, study=study).aggregate(
        interviews=Count("id", filter=held & Q(kind=SessionKind.INTERVIEW)),
        focus_groups=Count("id", filter=held & Q(kind=SessionKind.FOCUS_GROUP)),
    )
    return {key: int(value) for key, value in counts.items()}


def _respondents(study: Study, as_of: dt.date) -> tuple[dict[str, int], int]:
    """Respondents with consent given by ``as_of`` per kind, and the withdrawals by then."""
    consents = Consent.objects.filter(
        municipality_id=study.municipality_id, respondent__study=study, given_on__lte=as_of
    )
    per_kind = dict(
        consents.values_list("respondent__kind")
        .annotate(n=Count("id"))
        .values_list("respondent__kind", "n")
    )
    withdrawn = consents.filter(withdrawn_on__lte=as_of).count()
    return {kind.value: per_kind.get(kind.value, 0) for kind in RespondentKind}, withdrawn


def _study_tables(study: Study, as_of: dt.date, threshold: int) -> list[Json]:
    """The study's counts, and its saturation in words (a table of its own: long
    texts in the counts' column would squeeze their labels)."""
    sessions = _sessions(study, as_of)
    kinds, withdrawn = _respondents(study, as_of)
    values = {"respondents": sum(kinds.values()), **kinds}
    marks = suppress(values, [split("respondents", list(kinds))], threshold=threshold)
    saturation = study_saturation(municipality=study.municipality, study=study, as_of=as_of)
    codes = Code.objects.filter(municipality_id=study.municipality_id, study=study).count()
    rows = [
        _row("interviews", _("Interviews gehouden"), cell(str(n := sessions["interviews"]), n)),
        _row(
            "focus_groups",
            _("Focusgroepen gehouden"),
            cell(str(n := sessions["focus_groups"]), n),
        ),
        _row(
            "analysed",
            _("Gesprekken in de analyse"),
            cell(str(n := len(saturation.points)), n),
            _(
                "Gehouden gesprekken waarvan het transcript gecodeerd is; zonder de gesprekken "
                "van wie de toestemming introk en alles liet verwijderen."
            ),
        ),
        _row(
            "respondents",
            _("Respondenten met toestemming"),
            count_cell(values["respondents"], marks["respondents"], threshold),
            _("Iedereen die schriftelijk toestemming gaf, ook wie die later introk."),
        ),
        *(
            _row(
                kind, str(KIND_LABELS[RespondentKind(kind)]), count_cell(n, marks[kind], threshold)
            )
            for kind, n in kinds.items()
        ),
        _row(
            "withdrawn",
            _("Toestemming ingetrokken"),
            cell(str(withdrawn), withdrawn),
            _(
                "Hun transcripten, coderingen en citaten zijn verwijderd, of zonder koppeling "
                "met de persoon bewaard als zij daarmee instemden."
            ),
        ),
        _row(
            "codes",
            _("Codes in het codeboek"),
            cell(str(codes), codes),
            _("De thema's en subthema's waarmee de gesprekken zijn geanalyseerd."),
        ),
    ]
    saturation_rows = [
        _row(
            "saturation",
            _("Verzadiging (Guest e.a. 2020)"),
            text_cell(saturation.guest_text()),
            _(
                "Verzadigd als een reeks volgende gesprekken ten hoogste de drempel aan nieuwe "
                "codes oplevert, gemeten tegen de codes van alle eerdere gesprekken."
            ),
        ),
        _row("francis", _("Verzadiging (Francis e.a. 2010)"), text_cell(saturation.francis_text())),
    ]
    return [
        {
            "key": f"study-{study.guid}",
            "title": study.title,
            "columns": [_("Aantal")],
            "rows": rows,
            "note": "",
        },
        {
            "key": f"study-{study.guid}-saturation",
            "title": _("Verzadiging: %(title)s") % {"title": study.title},
            "columns": [_("Uitkomst")],
            "rows": saturation_rows,
            "note": "",
        },
    ]


def _row(key: str, label: str, shown: Json, definition: str = "") -> Json:
    return {"key": key, "label": label, "definition": definition, "cells": [shown]}


def research_block(programme: Programme, as_of: dt.date, threshold: int) -> Json:
    """One table per study of ``programme`` begun by ``as_of``."""
    studies = (
        Study.objects.filter(
            municipality_id=programme.municipality_id, programme=programme, period_start__lte=as_of
        )
        .select_related("municipality")
        .order_by("period_start", "pk")
    )
    return {
        "title": _("Het evaluatieonderzoek"),
        "tables": [table for study in studies for table in _study_tables(study, as_of, threshold)],
    }
