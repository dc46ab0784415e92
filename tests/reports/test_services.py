"""Council report services: create, edit a draft, finalise (freeze), new versions.

The suite's today is 18 November 2026; the small programme (conftest) has seven
participants placed on 1 July 2024, two of whom left on 30 June 2025, and three
contracts with wage-cost subsidy running on the reporting date 31 October 2026.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
import json

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.reports.constants import SECTION_KEYS, ReportStatus
from basisbaan.reports.defaults import DEFAULT_TEXTS
from basisbaan.reports.models import CouncilReport
from basisbaan.reports.services import (
    content_hash,
    published_figures,
    report_create,
    report_finalise,
    report_new_version,
    report_update,
)
from tests.reports.conftest import AS_OF, PERIOD_END, PERIOD_START, place
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

STATE_FILLED = (
    "Op 31 oktober 2026 zijn 5 mensen werkzaam in een basisbaan, "
    "waarvan minder dan 5 met loonkostensubsidie. De instroom is open."
)


def shown(figures, block, row, column=0):
    """The text of one cell of the first table of ``block``."""
    table = figures["blocks"][block]["tables"][0]
    return next(r for r in table["rows"] if r["key"] == row)["cells"][column]["text"]


def entries(report):
    return list(
        AuditEntry.objects.filter(object_type="reports.councilreport", object_id=str(report.pk))
        .order_by("id")
        .values_list("action", flat=True)
    )


# -- create and edit ----------------------------------------------------------------------


def test_a_new_report_is_a_draft_with_the_default_texts(draft, manager):
    assert (draft.status, draft.number, draft.previous, draft.created_by) == (
        ReportStatus.DRAFT,
        1,
        None,
        manager,
    )
    assert draft.texts == {key: DEFAULT_TEXTS[key] for key in SECTION_KEYS}
    assert (draft.figures, draft.filled_texts, draft.content_hash) == (None, None, "")
    assert entries(draft) == [AuditAction.CREATE]


def test_a_new_report_starts_from_the_latest_texts_of_the_programme(draft, manager, today):
    report_update(
        report=draft, actor=manager, data={"texts": {"region": "Samen met Emmen."}}, today=today
    )

    second = report_create(
        programme=draft.programme,
        actor=manager,
        title="Voortgang, tweede helft",
        as_of=dt.date(2026, 11, 1),
        period_start=dt.date(2026, 7, 1),
        period_end=dt.date(2026, 12, 31),
        today=today,
    )

    assert second.texts["region"] == "Samen met Emmen."
    assert second.texts["opening"] == DEFAULT_TEXTS["opening"]


@pytest.mark.parametrize(
    ("as_of", "start", "end", "field", "message"),
    [
        (
            AS_OF,
            dt.date(2026, 12, 1),
            dt.date(2026, 11, 1),
            "period_start",
            "De periode begint na haar einde.",
        ),
        (
            dt.date(2025, 12, 31),
            PERIOD_START,
            PERIOD_END,
            "as_of",
            "De peildatum ligt in de periode.",
        ),
        (
            dt.date(2026, 11, 19),
            PERIOD_START,
            PERIOD_END,
            "as_of",
            "De peildatum ligt in de toekomst.",
        ),
        (
            dt.date(2022, 12, 31),
            dt.date(2022, 1, 1),
            dt.date(2022, 12, 31),
            "as_of",
            "De peildatum ligt vóór de start van het programma.",
        ),
    ],
)
def test_a_report_with_impossible_dates_is_refused(
    small, manager, today, as_of, start, end, field, message
):
    with pytest.raises(ValidationError) as refused, unchanged():
        report_create(
            programme=small[0],
            actor=manager,
            title="Voortgang",
            as_of=as_of,
            period_start=start,
            period_end=end,
            today=today,
        )
    assert refused.value.message_dict == {field: [message]}


def test_editing_a_draft_merges_its_texts_and_changes_its_title(draft, manager, today):
    report, warnings = report_update(
        report=draft,
        actor=manager,
        data={"title": "  Voortgang 2026  ", "texts": {"work": "Het werk gaat door.\r\n"}},
        today=today,
    )

    assert report.title == "Voortgang 2026"
    assert report.texts["work"] == "Het werk gaat door."
    assert report.texts["opening"] == DEFAULT_TEXTS["opening"]
    assert not warnings
    assert entries(draft) == [AuditAction.CREATE, AuditAction.UPDATE]


def test_an_unknown_section_is_refused(draft, manager, today):
    with pytest.raises(ValidationError) as refused, unchanged(draft):
        report_update(report=draft, actor=manager, data={"texts": {"epilogue": "x"}}, today=today)
    assert refused.value.message_dict == {"texts": ["Onbekende onderdelen: epilogue."]}


# -- finalise -----------------------------------------------------------------------------


def test_finalising_freezes_the_figures_the_filled_texts_and_their_hash(draft, manager, today):
    shown = published_figures(draft)

    report = report_finalise(report=draft, actor=manager)

    assert (report.status, report.finalised_by) == (ReportStatus.FINAL, manager)
    assert report.figures == shown
    assert report.filled_texts["state"] == STATE_FILLED
    assert report.filled_texts["opening"] == (
        "Met deze brief informeren wij u over de voortgang van Basisbanen Klein. "
        "De cijfers in deze brief gaan over de stand op 31 oktober 2026."
    )
    stored = CouncilReport.objects.get(pk=draft.pk)
    assert stored.content_hash == content_hash(stored)
    assert entries(draft) == [AuditAction.CREATE, AuditAction.UPDATE]


def test_the_content_hash_is_the_sha256_of_title_dates_filled_texts_and_figures(draft, manager):
    report = CouncilReport.objects.get(pk=report_finalise(report=draft, actor=manager).pk)
    payload = {
        "title": "Voortgang basisbanen",
        "as_of": "2026-10-31",
        "period": ["2026-01-01", "2026-12-31"],
        "texts": report.filled_texts,
        "figures": report.figures,
    }
    text = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    assert report.content_hash == hashlib.sha256(text.encode()).hexdigest()
    assert len(report.content_hash) == 64
    # Stable: the same content read again gives the same hash.
    assert content_hash(CouncilReport.objects.get(pk=report.pk)) == report.content_hash
    changed = copy.copy(report)
    changed.filled_texts = {**report.filled_texts, "closing": "Anders."}
    assert content_hash(changed) != report.content_hash


def test_a_final_version_refuses_every_change(draft, manager, today):
    report = report_finalise(report=draft, actor=manager)
    message = ["Deze versie is definitief en verandert niet meer. Maak een nieuwe versie."]

    with pytest.raises(ValidationError) as refused, unchanged(report):
        report_update(report=report, actor=manager, data={"title": "Anders"}, today=today)
    assert refused.value.messages == message
    with pytest.raises(ValidationError) as refused_again, unchanged(report):
        report_finalise(report=report, actor=manager)
    assert refused_again.value.messages == message


def test_the_model_refuses_to_save_a_changed_final_version(draft, manager):
    report = CouncilReport.objects.get(pk=report_finalise(report=draft, actor=manager).pk)

    for change in (
        {"texts": {**report.texts, "closing": "Anders."}},
        {"figures": {}},
        {"content_hash": "0" * 64},
        {"status": ReportStatus.DRAFT},
    ):
        fresh = CouncilReport.objects.get(pk=report.pk)
        for name, value in change.items():
            setattr(fresh, name, value)
        with pytest.raises(ValueError, match="cannot be changed"), unchanged(report):
            fresh.save()


def test_a_later_data_change_does_not_alter_a_final_version(small, draft, manager, today):
    programme = small[0]
    other = report_create(
        programme=programme,
        actor=manager,
        title="Tweede concept",
        as_of=AS_OF,
        period_start=PERIOD_START,
        period_end=PERIOD_END,
        today=today,
    )
    final = report_finalise(report=draft, actor=manager)
    frozen = CouncilReport.objects.get(pk=final.pk)
    draft_before = published_figures(other)

    for index in range(5):
        place(programme, "Nieuw", "", f"Deelnemer{index}", start=dt.date(2025, 1, 1))

    again = CouncilReport.objects.get(pk=final.pk)
    assert again.figures == frozen.figures
    assert published_figures(again) == frozen.figures
    assert again.filled_texts == frozen.filled_texts
    assert again.content_hash == frozen.content_hash == content_hash(again)
    draft_after = published_figures(CouncilReport.objects.get(pk=other.pk))
    assert draft_after != draft_before
    assert shown(draft_before, "tracks", "working", 0) == "5"
    assert shown(draft_after, "tracks", "working", 0) == "10"


# -- versions -----------------------------------------------------------------------------


def test_a_new_version_supersedes_the_final_one_once_it_is_final(draft, manager, today):
    first = report_finalise(report=draft, actor=manager)

    second = report_new_version(report=first, actor=manager)

    assert (second.status, second.number, second.previous_id) == (ReportStatus.DRAFT, 2, first.pk)
    assert second.texts == first.texts
    assert (second.title, second.as_of, second.period_start, second.period_end) == (
        first.title,
        first.as_of,
        first.period_start,
        first.period_end,
    )
    assert CouncilReport.objects.get(pk=first.pk).status == ReportStatus.FINAL

    report_update(
        report=second, actor=manager, data={"texts": {"closing": "Tot ziens."}}, today=today
    )
    report_finalise(report=second, actor=manager)

    statuses = dict(CouncilReport.objects.values_list("number", "status"))
    assert statuses == {1: ReportStatus.SUPERSEDED, 2: ReportStatus.FINAL}
    old = CouncilReport.objects.get(pk=first.pk)
    assert (old.figures, old.content_hash) == (first.figures, first.content_hash)


def test_a_new_version_is_made_once_and_only_of_the_valid_final_one(draft, manager):
    with pytest.raises(ValidationError) as of_draft, unchanged(draft):
        report_new_version(report=draft, actor=manager)
    assert of_draft.value.messages == [
        "Alleen van de geldende definitieve versie maakt u een nieuwe versie."
    ]
    first = report_finalise(report=draft, actor=manager)
    report_new_version(report=first, actor=manager)

    with pytest.raises(ValidationError) as twice, unchanged(first):
        report_new_version(report=first, actor=manager)
    assert twice.value.messages == ["Van deze versie bestaat al een nieuwe versie."]


def test_every_version_and_every_step_is_audited(draft, manager, today):
    first = report_finalise(report=draft, actor=manager)
    second = report_new_version(report=first, actor=manager)
    report_update(report=second, actor=manager, data={"title": "Voortgang (herzien)"}, today=today)
    report_finalise(report=second, actor=manager)

    assert entries(first) == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.UPDATE]
    assert entries(second) == [AuditAction.CREATE, AuditAction.UPDATE, AuditAction.UPDATE]
    rows = AuditEntry.objects.filter(object_type="reports.councilreport").order_by("id")
    assert {row.actor for row in rows} == {manager}
    superseded = rows.filter(object_id=str(first.pk)).last()
    assert superseded.changes["status"] == [ReportStatus.FINAL, ReportStatus.SUPERSEDED]
