"""The demo's council reports, loaded as of 18-11-2026: the letter's report of June 2025,
final with the figures the system computed on 30-06-2025 (not those of the later
data the demo holds), and the draft of the December 2025 report.

The letter: 16 at work, 6 with LKS, intake closed; 2023 EUR 500,000 to the accounts
result; 2024 EUR 14,000 research and EUR 162,000 basisbaan costs, EUR 324,000 to the
accounts result; 2025 and 2026 the full budget when every contract is renewed.
"""

from __future__ import annotations

import datetime as dt

import pytest

from django.utils import timezone

from basisbaan.audit.models import AuditEntry
from basisbaan.demo.council_report import LETTER_TEXTS
from basisbaan.reports.constants import SECTION_KEYS, ReportStatus
from basisbaan.reports.models import CouncilReport
from basisbaan.reports.outputs import render
from basisbaan.reports.render import document
from basisbaan.reports.services import content_hash, text_warnings
from tests.conftest import TODAY
from tests.demo.story import load_demo_as_of

pytestmark = pytest.mark.django_db

D = dt.date
LETTER_TITLE = "Voortgang basisbanen – raadsinformatiebrief juni 2025"
NEXT_TITLE = "Voortgang basisbanen – december 2025"


@pytest.fixture
def final(demo) -> CouncilReport:
    return CouncilReport.objects.get(municipality=demo, status=ReportStatus.FINAL)


@pytest.fixture
def draft(demo) -> CouncilReport:
    return CouncilReport.objects.get(municipality=demo, status=ReportStatus.DRAFT)


def _rows(report: CouncilReport, block: str, table: int = 0) -> dict[str, list[str]]:
    rows = report.figures["blocks"][block]["tables"][table]["rows"]
    return {row["key"]: [c["text"] for c in row["cells"]] for row in rows}


def _values(report: CouncilReport, block: str, table: int = 0) -> dict[str, list[str | None]]:
    rows = report.figures["blocks"][block]["tables"][table]["rows"]
    return {row["key"]: [c["value"] for c in row["cells"]] for row in rows}


def test_the_demo_has_the_letters_report_final_and_the_next_one_as_a_draft(demo):
    reports = CouncilReport.objects.filter(municipality=demo).order_by("as_of")
    assert [
        (r.title, r.as_of, r.period_start, r.period_end, r.status, r.number) for r in reports
    ] == [
        (LETTER_TITLE, D(2025, 6, 30), D(2025, 1, 1), D(2025, 6, 30), ReportStatus.FINAL, 1),
        (NEXT_TITLE, D(2025, 12, 31), D(2025, 7, 1), D(2025, 12, 31), ReportStatus.DRAFT, 1),
    ]
    assert not CouncilReport.objects.exclude(municipality=demo).exists()


def test_the_final_report_has_the_letters_key_figures(final):
    assert _rows(final, "key_figures") == {
        "working": ["16"],
        "lks": ["6"],
        "started": ["16"],
        "exited": ["0"],
        "intake": ["gesloten"],
    }
    assert final.figures["as_of"] == "2025-06-30"
    assert final.figures["period_start"] == "2025-01-01"
    assert final.figures["facts"] == {
        "aantal_deelnemers": "16",
        "aantal_met_lks": "6",
        "aantal_gestart": "16",
        "aantal_uitgestroomd": "0",
        "peildatum": "30 juni 2025",
        "programma": "Pilot basisbanen 2023-2026",
        "instroom": "gesloten",
    }
    # Both tracks; every one of the 16 had a renewal decided in the period (January-June).
    assert _rows(final, "tracks")["working"] == ["16", "9", "7"]
    contracts = _rows(final, "contracts")
    assert contracts["decided"] == contracts["renew"] == contracts["running"] == ["16"]
    assert contracts["fixed"] == ["16"]
    assert contracts["permanent"] == ["0"]


def test_the_final_report_has_the_money_of_the_letters_day(final):
    """2023 and 2024 closed as the letter says (whole euros: 161,946 basisbaan costs and
    324,054 to the accounts result are the letter's rounded 162,000 and 324,000); 2025
    open with January-May's payroll, as on 30-06-2025, not the whole year the demo now
    holds."""
    table = final.figures["blocks"]["finances"]["tables"][0]
    assert table["columns"] == ["2023", "2024", "2025"]
    assert _rows(final, "finances") == {
        "state": ["afgesloten", "afgesloten", "lopend"],
        "budget": ["€ 500.000", "€ 500.000", "€ 500.000"],
        "payroll": ["€ 0", "€ 156.565", "€ 203.963"],
        "monitoring": ["€ 0", "€ 5.381", "€ 6.425"],
        "research": ["€ 0", "€ 14.000", "€ 0"],
        "other": ["€ 0", "€ 0", "€ 0"],
        "spent": ["€ 0", "€ 175.946", "€ 210.388"],
        "to_result": ["€ 500.000", "€ 324.054", "–"],
    }
    values = _values(final, "finances")
    assert int(values["payroll"][1]) + int(values["monitoring"][1]) == 161_946


def test_the_final_report_forecasts_the_full_budget_with_every_contract_renewed(final):
    assert final.figures["blocks"]["forecast"]["tables"][0]["columns"] == ["2025", "2026"]
    forecast = _rows(final, "forecast")
    assert forecast["budget"] == ["€ 500.000", "€ 500.000"]
    # +1.4 % and +8.3 %: 2026 holds 24,862 of transition payments at the programme's end.
    assert forecast["all_renewed"] == ["€ 506.883", "€ 541.608"]
    # No renewals: every contract ends with its running period in 2025, and the employer
    # owes each a transition payment (issue 18): EUR 11,303 more than the contracts' 381,054.
    assert forecast["no_renewals"] == ["€ 392.357", "€ 0"]
    # No room for intake in July 2025: the letter's intake stop.
    assert _rows(final, "forecast", 1) == {"room": ["0"]}


def test_the_final_report_has_the_letters_texts_filled_in(final):
    assert final.texts == LETTER_TEXTS
    assert set(final.filled_texts) == set(SECTION_KEYS)
    assert (
        "Op dit moment zijn er 16 mensen werkzaam in een basisbaan, waarvan 6 met "
        "loonkostensubsidie." in final.filled_texts["state"]
    )
    assert "Inmiddels zijn er 16 deelnemers aan de basisbaan" in final.filled_texts["background"]
    assert all("{" not in text for text in final.filled_texts.values())
    assert not text_warnings(final)  # no participant's name, no unknown field


def test_the_final_report_is_frozen_with_its_hash_by_the_programme_manager(final):
    assert final.content_hash == content_hash(final)
    assert len(final.content_hash) == 64
    assert final.finalised_by.username == "programmamanager"
    assert final.created_by.username == "programmamanager"
    assert timezone.localtime(final.finalised_at) == timezone.make_aware(
        dt.datetime(2025, 6, 30, 12)
    )
    entries = AuditEntry.objects.filter(object_type="reports.councilreport")
    assert sorted(entries.values_list("action", "actor_label", "channel")) == [
        ("create", "programmamanager", "cli"),
        ("create", "programmamanager", "cli"),
        ("update", "programmamanager", "cli"),
    ]


def test_the_draft_starts_from_the_letters_texts(draft, final):
    assert draft.texts == LETTER_TEXTS
    assert draft.figures is None
    assert draft.filled_texts is None
    assert draft.content_hash == ""
    assert draft.previous is None
    assert draft.created_by.username == "programmamanager"


def test_both_reports_make_a_document(final, draft):
    doc = document(final, today=TODAY)
    assert [s.key for s in doc.sections] == list(SECTION_KEYS)
    html = render(doc, "html").decode()
    assert LETTER_TITLE in html
    assert "waarvan 6 met loonkostensubsidie" in html
    later = document(draft, today=TODAY)
    assert later.is_draft
    assert later.figures["as_of"] == "2025-12-31"


def test_the_command_names_the_reports(demo_output):
    assert (
        "Raadsrapportage 'Voortgang basisbanen – raadsinformatiebrief juni 2025' per "
        "30-06-2025: definitief." in demo_output
    )
    assert (
        "Raadsrapportage 'Voortgang basisbanen – december 2025' per 31-12-2025: concept."
        in demo_output
    )


def test_a_second_load_changes_nothing(demo):
    def state() -> list[tuple]:
        return list(
            CouncilReport.objects.order_by("pk").values_list(
                "pk", "title", "as_of", "status", "content_hash", "texts", "figures", "updated_at"
            )
        )

    before, audit = state(), AuditEntry.objects.count()
    output = load_demo_as_of(TODAY)
    assert "al geladen" in output
    assert state() == before
    assert AuditEntry.objects.count() == audit
