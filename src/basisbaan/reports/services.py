"""Writes of council reports: create, edit a draft, finalise (freeze), a new version.

A final version is frozen: its figures (suppressed as published), its texts with
the fields filled in and a SHA-256 hash of both are stored and never change. A
correction is a new version that supersedes it. Every write is audited.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from basisbaan.core.services import model_create, model_update
from basisbaan.participants.models import Participant
from basisbaan.programmes.models import Programme
from basisbaan.reports.constants import MAX_SECTION_TEXT, SECTION_KEYS, ReportStatus
from basisbaan.reports.defaults import DEFAULT_TEXTS
from basisbaan.reports.figures import report_figures
from basisbaan.reports.models import CouncilReport, HouseStyle
from basisbaan.reports.tables import hidden_keys, hide
from basisbaan.reports.texts import fill, names_in, unknown_fields
from basisbaan.tenancy.models import User

__all__ = [
    "TextWarnings",
    "content_hash",
    "house_style_save",
    "live_figures",
    "live_figures_counted",
    "report_create",
    "report_finalise",
    "report_new_version",
    "report_update",
    "text_warnings",
]

EARLIEST = dt.date(2000, 1, 1)


@dataclass
class TextWarnings:
    """What a programme manager should look at before finalising (no refusal)."""

    names: dict[str, list[str]] = field(default_factory=dict)  # section -> names found
    fields: dict[str, list[str]] = field(default_factory=dict)  # section -> unknown fields

    def __bool__(self) -> bool:
        return bool(self.names or self.fields)


def text_warnings(report: CouncilReport) -> TextWarnings:
    """Participants' names and unknown ``{fields}`` in the report's texts."""
    people = list(
        Participant.objects.filter(municipality_id=report.municipality_id).values_list(
            "first_name", "name_prefix", "last_name"
        )
    )
    warnings = TextWarnings()
    for key, text in (report.texts or {}).items():
        if not text:
            continue
        found = names_in(text, people)
        if found:
            warnings.names[key] = found
        unknown = unknown_fields(text)
        if unknown:
            warnings.fields[key] = unknown
    return warnings


def _clean_texts(texts: Any) -> dict[str, str]:
    if not isinstance(texts, dict):
        raise ValidationError({"texts": _("De teksten horen per onderdeel te staan.")})
    unknown = sorted(set(texts) - set(SECTION_KEYS))
    if unknown:
        raise ValidationError(
            {"texts": _("Onbekende onderdelen: %(keys)s.") % {"keys": ", ".join(unknown)}}
        )
    cleaned = {}
    for key in SECTION_KEYS:
        value = texts.get(key, "")
        if not isinstance(value, str):
            raise ValidationError({"texts": _("Een tekst is geen tekst: %(key)s.") % {"key": key}})
        value = value.replace("\x00", "").replace("\r\n", "\n").strip()
        if len(value) > MAX_SECTION_TEXT:
            raise ValidationError(
                {
                    "texts": _("Een onderdeel is te lang (meer dan %(n)s tekens).")
                    % {"n": MAX_SECTION_TEXT}
                }
            )
        cleaned[key] = value
    return cleaned


def _check_period(
    programme: Programme, as_of: dt.date, start: dt.date, end: dt.date, today: dt.date
) -> None:
    if start > end:
        raise ValidationError({"period_start": _("De periode begint na haar einde.")})
    if not start <= as_of <= end:
        raise ValidationError({"as_of": _("De peildatum ligt in de periode.")})
    if as_of > today:
        raise ValidationError({"as_of": _("De peildatum ligt in de toekomst.")})
    if as_of < programme.start_date or start < EARLIEST:
        raise ValidationError({"as_of": _("De peildatum ligt vóór de start van het programma.")})


@transaction.atomic
def report_create(
    *,
    programme: Programme,
    actor: User | None,
    title: str,
    as_of: dt.date,
    period_start: dt.date,
    period_end: dt.date,
    today: dt.date,
    texts: dict[str, str] | None = None,
) -> CouncilReport:
    """A new draft report; its texts start from the latest report of the programme,
    or from the default structure."""
    _check_period(programme, as_of, period_start, period_end, today)
    if texts is None:
        latest = (
            CouncilReport.objects.filter(
                municipality_id=programme.municipality_id, programme=programme
            )
            .order_by("-as_of", "-number", "-id")
            .first()
        )
        texts = dict(latest.texts) if latest is not None else dict(DEFAULT_TEXTS)
    report = CouncilReport(
        municipality_id=programme.municipality_id,
        programme=programme,
        title=title.strip(),
        as_of=as_of,
        period_start=period_start,
        period_end=period_end,
        texts=_clean_texts(texts),
        created_by=actor,
    )
    return model_create(instance=report, actor=actor)


def _refuse_final(report: CouncilReport) -> None:
    if report.status != ReportStatus.DRAFT:
        raise ValidationError(
            _("Deze versie is definitief en verandert niet meer. Maak een nieuwe versie.")
        )


@transaction.atomic
def report_update(
    *, report: CouncilReport, actor: User | None, data: dict[str, Any], today: dt.date
) -> tuple[CouncilReport, TextWarnings]:
    """Change a draft's title, dates or texts; the warnings about its texts."""
    report = CouncilReport.objects.select_for_update().get(pk=report.pk)
    _refuse_final(report)
    changes = dict(data)
    if "texts" in changes:
        merged = (
            {**report.texts, **(changes["texts"] or {})}
            if isinstance(changes["texts"], dict)
            else changes["texts"]
        )
        changes["texts"] = _clean_texts(merged)
    if "title" in changes:
        changes["title"] = str(changes["title"]).strip()
    _check_period(
        report.programme,
        changes.get("as_of", report.as_of),
        changes.get("period_start", report.period_start),
        changes.get("period_end", report.period_end),
        today,
    )
    report, _changed = model_update(
        instance=report,
        data=changes,
        actor=actor,
        allowed={"title", "as_of", "period_start", "period_end", "texts"},
    )
    return report, text_warnings(report)


def earlier_versions(report: CouncilReport) -> list[CouncilReport]:
    versions = []
    current = report.previous
    while current is not None:
        versions.append(current)
        current = current.previous
    return versions


def earlier_published(programme: Programme, as_of: dt.date) -> CouncilReport | None:
    """The programme's latest final report of an earlier day (what a reader of the
    new one can subtract from)."""
    return (
        CouncilReport.objects.filter(
            municipality_id=programme.municipality_id,
            programme=programme,
            status=ReportStatus.FINAL,
            as_of__lt=as_of,
        )
        .order_by("-as_of", "-number")
        .first()
    )


def live_figures(
    programme: Programme,
    *,
    as_of: dt.date,
    period_start: dt.date,
    versions: list[CouncilReport] | None = None,
) -> dict[str, Any]:
    """:func:`live_figures_counted` without the count."""
    figures, _count = live_figures_counted(
        programme, as_of=as_of, period_start=period_start, versions=versions
    )
    return figures


def live_figures_counted(
    programme: Programme,
    *,
    as_of: dt.date,
    period_start: dt.date,
    versions: list[CouncilReport] | None = None,
) -> tuple[dict[str, Any], int]:
    """The figures as they would be published on ``as_of`` now (a draft, the
    dashboard): computed; protected against subtraction from the latest earlier
    final report; every cell hidden by one of ``versions`` (the earlier versions
    of the report, or every final report of that day) stays hidden. With the
    number of cells that last rule hid."""
    earlier = earlier_published(programme, as_of)
    figures = report_figures(
        programme,
        as_of=as_of,
        period_start=period_start,
        earlier=earlier.figures if earlier is not None else None,
    )
    if versions is None:
        versions = list(
            CouncilReport.objects.filter(
                municipality_id=programme.municipality_id,
                programme=programme,
                as_of=as_of,
                figures__isnull=False,
            )
        )
    keep: set[str] = set()
    for version in versions:
        if version.figures is not None:
            keep |= hidden_keys(version.figures)
    return figures, hide(figures, keep, _("afgeschermd"))


def published_figures(report: CouncilReport) -> dict[str, Any]:
    """The report's figures as they are (frozen) or would be published now (draft,
    see :func:`live_figures`: every cell an earlier version of it kept back stays
    hidden)."""
    if report.figures is not None:
        frozen: dict[str, Any] = report.figures
        return frozen
    return live_figures(
        report.programme,
        as_of=report.as_of,
        period_start=report.period_start,
        versions=earlier_versions(report),
    )


def filled_texts(report: CouncilReport, figures: dict[str, Any]) -> dict[str, str]:
    if report.filled_texts is not None:
        stored: dict[str, str] = report.filled_texts
        return stored
    facts = figures.get("facts", {})
    return {key: fill(text, facts) for key, text in (report.texts or {}).items()}


def content_hash(report: CouncilReport) -> str:
    payload = {
        "title": report.title,
        "as_of": report.as_of.isoformat(),
        "period": [report.period_start.isoformat(), report.period_end.isoformat()],
        "texts": report.filled_texts,
        "figures": report.figures,
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@transaction.atomic
def report_finalise(
    *, report: CouncilReport, actor: User | None, figures: dict[str, Any] | None = None
) -> CouncilReport:
    """Freeze a draft: figures, filled texts and their hash are stored for good.
    The version it replaces (if final) becomes superseded.

    ``figures``: the report's figures as computed earlier (:func:`published_figures`
    on the as-of day), frozen instead of computing them now. Only the demo gives
    them: it loads data up to a later day than its 30-06-2025 report's, so that
    report's figures are computed before the later data is there
    (``basisbaan.demo.loader``).
    """
    report = CouncilReport.objects.select_for_update().get(pk=report.pk)
    _refuse_final(report)
    if figures is None:
        figures = published_figures(report)
    frozen = CouncilReport(
        title=report.title,
        as_of=report.as_of,
        period_start=report.period_start,
        period_end=report.period_end,
        figures=figures,
        filled_texts=filled_texts(report, figures),
    )
    report, _changed = model_update(
        instance=report,
        data={
            "figures": frozen.figures,
            "filled_texts": frozen.filled_texts,
            "content_hash": content_hash(frozen),
            "status": ReportStatus.FINAL,
            "finalised_at": timezone.now(),
            "finalised_by": actor,
        },
        actor=actor,
        allowed={
            "figures",
            "filled_texts",
            "content_hash",
            "status",
            "finalised_at",
            "finalised_by",
        },
    )
    previous = report.previous
    if previous is not None and previous.status == ReportStatus.FINAL:
        model_update(
            instance=previous,
            data={"status": ReportStatus.SUPERSEDED},
            actor=actor,
            allowed={"status"},
        )
    return report


@transaction.atomic
def report_new_version(*, report: CouncilReport, actor: User | None) -> CouncilReport:
    """A draft that will supersede the final ``report``: same title, dates and texts."""
    report = CouncilReport.objects.select_for_update().get(pk=report.pk)
    if report.status != ReportStatus.FINAL:
        raise ValidationError(
            _("Alleen van de geldende definitieve versie maakt u een nieuwe versie.")
        )
    if CouncilReport.objects.filter(previous=report).exists():
        raise ValidationError(_("Van deze versie bestaat al een nieuwe versie."))
    draft = CouncilReport(
        municipality_id=report.municipality_id,
        programme=report.programme,
        title=report.title,
        as_of=report.as_of,
        period_start=report.period_start,
        period_end=report.period_end,
        texts=dict(report.texts),
        number=report.number + 1,
        previous=report,
        created_by=actor,
    )
    return model_create(instance=draft, actor=actor)


@transaction.atomic
def house_style_save(*, municipality: Any, actor: User | None, data: dict[str, Any]) -> HouseStyle:
    """Create or change the municipality's house style for its documents."""
    allowed = {"name", "colour", "accent", "font", "logo_svg", "logo_alt"}
    style = HouseStyle.objects.select_for_update().filter(municipality=municipality).first()
    if style is None:
        return model_create(
            instance=HouseStyle(
                municipality=municipality, **{k: v for k, v in data.items() if k in allowed}
            ),
            actor=actor,
        )
    style, _changed = model_update(instance=style, data=data, actor=actor, allowed=allowed)
    return style
