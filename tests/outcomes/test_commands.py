"""``basisbaan outcomes`` and ``basisbaan business_case``: the API's JSON, Dutch
tables, and clear refusals. The suite's today is 18 November 2026; the small
programme (conftest) has three participants placed on 1 July 2024, one of whom
left on 30 June 2025."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
from decimal import Decimal

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.budgets.services import budget_create, expenditure_create
from basisbaan.outcomes.layout import outcome_tables
from basisbaan.outcomes.reports import cached_outcome_report
from basisbaan.outcomes.services import assumption_set, outcome_settings_update
from tests.factories import PlacementFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def run(name: str, *args: str) -> str:
    out = io.StringIO()
    call_command(name, *args, stdout=out)
    return out.getvalue()


def cells(text: str, label: str) -> list[str]:
    """The cells of the table line that starts with ``label`` (columns are two or more
    spaces apart)."""
    line = next(line for line in text.splitlines() if line.startswith(label + "  "))
    return re.split(r"\s{2,}", line)[1:]


@pytest.fixture
def research(small):
    """EUR 1,000 of research booked in 2025 on the small programme."""
    programme = small[0]
    budget = budget_create(programme=programme, actor=None, year=2025, amount=Decimal("50000"))
    expenditure_create(
        budget=budget,
        actor=None,
        category="research",
        booked_on=dt.date(2025, 3, 1),
        amount=Decimal("1000"),
        description="Evaluatie",
    )
    return small


ARGS = ("--municipality", "leeuwarden", "--programme", "klein")


def test_outcomes_json_is_the_api_answer(small, researcher, api_as):
    programme = small[0]

    printed = json.loads(run("outcomes", *ARGS, "--format", "json"))
    answered = api_as(researcher).get(f"/api/v1/outcomes/{programme.pk}/").json()

    assert printed == answered
    started = printed["tables"][0]["rows"][0]
    assert started["key"] == "started"
    assert [c["value"] for c in started["cells"]] == [None, None, "0"]


def test_outcomes_table_suppresses_below_the_threshold_and_shows_at_it(small):
    table = run("outcomes", *ARGS)

    assert table.splitlines()[0] == (
        "Uitkomsten van Basisbanen Klein (klein) op 18-11-2026. Aantallen onder 5 zijn afgeschermd."
    )
    # 3 started, all on the transition track (Totaal, transition, social value).
    assert cells(table, "Gestart") == ["minder dan 5", "minder dan 5", "0"]
    assert cells(table, "Tussen twee plaatsingen") == ["0", "0", "0"]


def test_outcomes_table_shows_every_cell_as_the_layout_does(municipality):
    programme = ProgrammeFactory(municipality=municipality, name="Basisbanen Vijf", slug="vijf")
    for _ in range(5):
        PlacementFactory(participant__programme=programme, start_date=dt.date(2024, 7, 1))

    table = run("outcomes", "--municipality", "leeuwarden", "--programme", "vijf")

    tables = outcome_tables(cached_outcome_report(programme, as_of=dt.date(2026, 11, 18)))
    for layout in tables:
        assert layout.title in table
        for row in layout.rows:
            assert cells(table, row.label) == [c.text for c in row.cells], row.key
    # Nobody is between placements: a published 0 in every column.
    assert cells(table, "Tussen twee plaatsingen") == ["0", "0", "0"]


def test_outcomes_on_an_earlier_day(small):
    table = run("outcomes", *ARGS, "--as-of", "2024-12-31")

    assert "op 31-12-2024" in table.splitlines()[0]
    # The reasons table has a column per year up to the as-of year, and the total.
    assert "Uitstroom per reden en jaar" in table
    lines = table.splitlines()
    header = lines[lines.index("Uitstroom per reden en jaar") + 2]
    assert header.split() == ["2023", "2024", "Totaal"]


def test_business_case_json(research, controller, api_as):
    programme = research[0]

    printed = json.loads(run("business_case", *ARGS, "--format", "json"))
    answered = api_as(controller).get(f"/api/v1/business-case/{programme.pk}/").json()

    assert printed == answered
    y2024, y2025, y2026 = printed["years"]
    assert (y2024["research"], y2025["research"], y2026["research"]) == ("0.00", "1000.00", "0.00")
    # No contracts, no guidance hours: the research is the only cost.
    assert y2025["gross_cost"] == "1000.00"
    assert printed["total"]["gross_cost"] == "1000.00"
    # EUR 2,883 a year = 240.25 a month: 2024 3 x 6 months = 18 -> 4,324.50;
    # 2025 3 x 6 + 2 x 6 = 30 -> 7,207.50; 2026 2 x 10 = 20 -> 4,805.00.
    assert [y["execution_saved_gross"] for y in printed["years"]] == [
        "4324.50",
        "7207.50",
        "4805.00",
    ]
    assert printed["total"]["execution_saved_gross"] == "16337.00"
    # net cost = gross cost - the savings after deadweight, per year.
    for year in printed["years"]:
        assert Decimal(year["net_cost"]) == Decimal(year["gross_cost"]) - Decimal(
            year["assistance_saved_net"]
        ) - Decimal(year["execution_saved_net"])
    assert printed["net_cost_per_participant_year"] is None


def test_business_case_per_participant_year_at_the_threshold(research):
    outcome_settings_update(municipality=research[0].municipality, actor=None, threshold=3)

    printed = json.loads(run("business_case", *ARGS, "--format", "json"))

    assert printed["enough_participants"] is True
    net = Decimal(printed["total"]["net_cost"])
    # 68 basisbaan months are 68 / 12 participant-years; 3 placements.
    assert Decimal(printed["net_cost_per_participant_year"]) == (net * 12 / 68).quantize(
        Decimal("0.01")
    )
    assert Decimal(printed["net_cost_per_placement"]) == (net / 3).quantize(Decimal("0.01"))
    assert None not in {s["net_cost_per_participant_year"] for s in printed["sensitivity"]}


def test_business_case_table(research):
    table = run("business_case", *ARGS)

    assert table.splitlines()[0] == (
        "Business case van Basisbanen Klein (klein) op 18-11-2026: de volle maanden vóór 11-2026."
    )
    assert cells(table, "") == ["2024", "2025", "2026", "Totaal"]
    assert cells(table, "Onderzoek") == ["EUR 0,00", "EUR 1.000,00", "EUR 0,00", "EUR 1.000,00"]
    assert cells(table, "Bespaarde uitvoeringskosten, bruto") == [
        "EUR 4.324,50",
        "EUR 7.207,50",
        "EUR 4.805,00",
        "EUR 16.337,00",
    ]
    assert "Netto kosten per deelnemerjaar: minder dan 5 deelnemers" in table
    assert "Netto kosten per plaatsing: minder dan 5 deelnemers (over 3 plaatsingen)" in table
    assert (
        "- Uitvoeringskosten van één uitkering per jaar: 2883 (standaard). Bron: Berenschot"
        in table
    )


def test_each_run_is_audited_as_an_export_from_the_command_line(small):
    run("business_case", *ARGS, "--format", "json")

    entry = AuditEntry.objects.get(action=AuditAction.EXPORT)
    assert (entry.object_type, entry.channel, entry.municipality) == (
        "outcomes.assumption",
        "cli",
        small[0].municipality,
    )
    assert entry.changes["filters"] == {"programme": str(small[0].pk), "as_of": "2026-11-18"}


@pytest.mark.parametrize("command", ["outcomes", "business_case"])
@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--municipality", "nergens", "--programme", "klein"),
            "Onbekende gemeente: nergens.",
        ),
        (
            ("--municipality", "leeuwarden", "--programme", "groot"),
            "Gemeente leeuwarden heeft geen programma groot.",
        ),
        (
            (*ARGS, "--as-of", "2025-02-30"),
            "Ongeldige peildatum: 2025-02-30. Gebruik jjjj-mm-dd, bijvoorbeeld 2025-12-31.",
        ),
        (
            (*ARGS, "--as-of", "2026-11-19"),
            "De peildatum 19-11-2026 ligt na vandaag (18-11-2026).",
        ),
    ],
)
def test_a_wrong_slug_or_date_is_refused(small, command, args, message):
    with pytest.raises(CommandError) as refused:
        run(command, *args)

    assert str(refused.value) == message
    assert refused.value.returncode == 2
    assert not AuditEntry.objects.filter(action=AuditAction.EXPORT).exists()


def test_a_stored_assumption_shows_its_value_date_and_source(small, controller):
    assumption_set(
        municipality=small[0].municipality,
        actor=controller,
        key="execution_cost_year",
        effective_date=dt.date(2025, 1, 1),
        value=Decimal("2900"),
        source="Eigen begroting 2025",
    )

    table = run("business_case", *ARGS)

    # Stored as 2900.000000: shown without the decimals and without an exponent.
    assert (
        "- Uitvoeringskosten van één uitkering per jaar: 2900 (vanaf 01-01-2025). "
        "Bron: Eigen begroting 2025"
    ) in table
    # EUR 2,900 a year = 241.67 a month (rounded per month): 2024 18 months -> 4,350.06.
    assert cells(table, "Bespaarde uitvoeringskosten, bruto")[0] == "EUR 4.350,06"
