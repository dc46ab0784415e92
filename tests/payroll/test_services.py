"""The import service: every kind of bad row, atomicity, idempotence, corrections."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.payroll import parsing
from basisbaan.payroll.constants import ImportStatus
from basisbaan.payroll.models import PayrollEntry, PayrollImport
from basisbaan.payroll.parsing import PayrollFileError
from basisbaan.payroll.services import payroll_import
from tests.payroll.conftest import ANNA, ANNA_MARCH, BART_MARCH, COR, csv_bytes
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db


def run(municipality, rows, *, actor=None, **kwargs):
    return payroll_import(
        municipality=municipality,
        actor=actor,
        file_name="loon.csv",
        content=kwargs.pop("content") if "content" in kwargs else csv_bytes(rows),
        **kwargs,
    )


def errors(result):
    return [(e.row, e.column, e.message) for e in result.errors]


def with_(row, **changes):
    """``row`` with some columns replaced: with_(ANNA_MARCH, brutoloon="x")."""
    from tests.payroll.conftest import HEADER

    row = list(row)
    for column, value in changes.items():
        row[HEADER.index(column)] = value
    return row


# --- the good path ---------------------------------------------------------------


def test_a_valid_file_is_imported_with_its_contract_and_exact_amounts(
    world, municipality, controller
):
    result = run(municipality, [ANNA_MARCH, BART_MARCH], actor=controller)

    assert result.as_json() == {"rows": 2, "imported": 2, "unchanged": 0, "errors": []}
    anna = PayrollEntry.objects.get(participant=world.anna)
    assert anna.contract == world.anna_contract
    assert anna.period == dt.date(2024, 3, 1)
    assert (
        anna.gross_wage,
        anna.holiday_allowance,
        anna.employer_charges,
        anna.pension,
        anna.other_costs,
        anna.total,
        anna.hours,
    ) == (
        Decimal("2000.00"),
        Decimal("160.00"),
        Decimal("500.00"),
        Decimal("100.00"),
        Decimal("40.00"),
        Decimal("2800.00"),
        Decimal("138.67"),
    )
    record = result.payroll_import
    assert anna.source_import == record
    assert (record.status, record.row_count, record.imported_count, record.uploaded_by) == (
        ImportStatus.IMPORTED,
        2,
        2,
        controller,
    )
    assert record.summary == [
        {"period": "2024-03", "rows": 2, "gross_wage": "3000.00", "total": "4180.00"}
    ]


def test_the_import_is_audited_once_not_per_row(world, municipality, controller):
    result = run(municipality, [ANNA_MARCH, BART_MARCH], actor=controller)

    entries = AuditEntry.objects.filter(object_type="payroll.payrollimport")
    assert [(e.action, e.object_id, e.actor) for e in entries] == [
        (AuditAction.CREATE, str(result.payroll_import.pk), controller)
    ]
    assert entries[0].changes["imported_count"] == [None, 2]


def test_a_row_may_name_the_person_by_employee_number(world, municipality):
    header = ["personeelsnummer", *ANNA_HEADER_TAIL]
    row = ["1002", *BART_MARCH[1:]]

    result = run(municipality, [], content=csv_bytes([row], header=header))

    assert result.errors == []
    assert PayrollEntry.objects.get().participant == world.bart


def test_a_contract_starting_mid_month_covers_that_month(world, municipality):
    """Bart's contract starts on 15 March: March is covered."""
    result = run(municipality, [BART_MARCH])

    assert result.imported == 1


def test_empty_optional_parts_count_as_zero(world, municipality):
    row = with_(ANNA_MARCH, pensioen="", overige_kosten="", totaal="2660,00")

    result = run(municipality, [row])

    assert result.errors == []
    assert PayrollEntry.objects.get().pension == Decimal("0.00")


def test_blank_lines_are_skipped_but_keep_row_numbers(world, municipality):
    content = csv_bytes([ANNA_MARCH, [""] * 9, with_(BART_MARCH, brutoloon="x")])

    result = run(municipality, [], content=content)

    assert result.rows == 2
    assert errors(result)[0][:2] == (4, "brutoloon")


# --- each kind of bad row --------------------------------------------------------

MUNICIPALITY = "Leeuwarden"

BAD_ROWS = [
    pytest.param(
        with_(ANNA_MARCH, bsn="999999990"),
        "bsn",
        "Onbekende persoon: geen deelnemer van gemeente Leeuwarden heeft dit BSN.",
        id="unknown-bsn",
    ),
    pytest.param(
        with_(ANNA_MARCH, bsn="123456789"),
        "bsn",
        "Dit BSN klopt niet: het voldoet niet aan de elfproef. Controleer de cijfers.",
        id="bsn-eleven-test",
    ),
    pytest.param(
        with_(ANNA_MARCH, bsn="12345"),
        "bsn",
        "Een BSN heeft 9 cijfers (of 8 met een voorloopnul).",
        id="bsn-length",
    ),
    pytest.param(
        with_(ANNA_MARCH, bsn=""),
        "bsn",
        "Vul het BSN of het personeelsnummer in.",
        id="no-person",
    ),
    pytest.param(
        with_(ANNA_MARCH, bsn=COR),
        "periode",
        "Geen contract in 2024-03: de deelnemer heeft in die maand geen contractperiode.",
        id="no-contract",
    ),
    pytest.param(
        with_(BART_MARCH, periode="2024-02"),
        "periode",
        "Geen contract in 2024-02: de deelnemer heeft in die maand geen contractperiode.",
        id="no-contract-that-month",
    ),
    pytest.param(
        with_(ANNA_MARCH, periode="2024-13"),
        "periode",
        "Ongeldige periode '2024-13': gebruik jjjj-mm, bijvoorbeeld 2024-03.",
        id="bad-period",
    ),
    pytest.param(
        with_(ANNA_MARCH, periode="maart"),
        "periode",
        "Ongeldige periode 'maart': gebruik jjjj-mm, bijvoorbeeld 2024-03.",
        id="period-text",
    ),
    pytest.param(
        with_(ANNA_MARCH, periode="2024-03-15"),
        "periode",
        "Ongeldige periode '2024-03-15': een datum moet de eerste van de maand zijn. "
        "Gebruik jjjj-mm, bijvoorbeeld 2024-03.",
        id="period-mid-month",
    ),
    pytest.param(
        with_(ANNA_MARCH, periode=""),
        "periode",
        "Vul de periode in als jjjj-mm, bijvoorbeeld 2024-03.",
        id="no-period",
    ),
    pytest.param(
        with_(ANNA_MARCH, periode="2099-01"),
        "periode",
        "De periode 2099-01 ligt in de toekomst: verloning gaat over maanden die begonnen zijn.",
        id="future-period",
    ),
    pytest.param(
        with_(ANNA_MARCH, brutoloon="twee"),
        "brutoloon",
        "Geen geldig bedrag: 'twee'. Schrijf bijvoorbeeld 1234,56 of 1.234,56.",
        id="non-numeric",
    ),
    pytest.param(
        with_(ANNA_MARCH, pensioen="-100,00", totaal="2600,00"),
        "pensioen",
        "Negatief bedrag: '-100,00'. Bedragen zijn 0 of meer; een correctie levert u aan "
        "als vervangende regel.",
        id="negative",
    ),
    pytest.param(
        with_(ANNA_MARCH, brutoloon="2000,001"),
        "brutoloon",
        "Meer dan twee decimalen: '2000,001'.",
        id="three-decimals",
    ),
    pytest.param(
        with_(ANNA_MARCH, brutoloon=""),
        "brutoloon",
        "Vul een bedrag in.",
        id="missing-gross-wage",
    ),
    pytest.param(
        with_(ANNA_MARCH, totaal="2800,02"),
        "totaal",
        "Het totaal € 2.800,02 is niet de som van de onderdelen (€ 2.800,00); het verschil "
        "mag hoogstens één cent zijn.",
        id="total-not-sum",
    ),
    pytest.param(
        with_(ANNA_MARCH, uren="veel"),
        "uren",
        "Geen geldig aantal uren: 'veel'. Schrijf bijvoorbeeld 138,67.",
        id="hours-non-numeric",
    ),
    pytest.param(
        with_(ANNA_MARCH, uren="-8"),
        "uren",
        "Negatief aantal uren: '-8'.",
        id="hours-negative",
    ),
    pytest.param(
        with_(ANNA_MARCH, uren="800"),
        "uren",
        "Meer uren dan een maand heeft: '800' (hoogstens 744).",
        id="hours-too-many",
    ),
    pytest.param(
        with_(ANNA_MARCH, uren=""),
        "uren",
        "Vul het aantal uren in.",
        id="hours-missing",
    ),
]


@pytest.mark.parametrize(("row", "column", "message"), BAD_ROWS)
def test_each_kind_of_bad_row_is_reported_with_row_column_and_reason(
    world, municipality, row, column, message
):
    """The bad row is row 3 (header 1, a good row 2); nothing is imported."""
    result = run(municipality, [BART_MARCH, row])

    assert errors(result) == [(3, column, message)]
    assert result.as_json()["imported"] == 0
    assert PayrollEntry.objects.count() == 0


def test_a_total_one_cent_off_is_accepted(world, municipality):
    result = run(municipality, [with_(ANNA_MARCH, totaal="2800,01")])

    assert result.errors == []


def test_the_same_person_and_month_twice_in_one_file(world, municipality):
    result = run(municipality, [ANNA_MARCH, BART_MARCH, with_(ANNA_MARCH, brutoloon="2000")])

    assert errors(result) == [(4, "bsn", "Deze persoon en maand (2024-03) staan al in regel 2.")]


def test_a_bsn_of_another_municipality_is_unknown_here(world, other_municipality):
    """Bart is a participant of Leeuwarden, not of Emmen."""
    result = run(other_municipality, [BART_MARCH])

    assert errors(result) == [
        (2, "bsn", "Onbekende persoon: geen deelnemer van gemeente Emmen heeft dit BSN.")
    ]


def test_unknown_employee_number(world, municipality):
    header = ["personeelsnummer", *ANNA_HEADER_TAIL]
    result = run(municipality, [], content=csv_bytes([["9999", *ANNA_MARCH[1:]]], header=header))

    assert errors(result) == [
        (
            2,
            "personeelsnummer",
            "Onbekende persoon: geen contract van gemeente Leeuwarden heeft dit personeelsnummer.",
        )
    ]


def test_bsn_and_employee_number_of_different_people(world, municipality):
    header = ["bsn", "personeelsnummer", *ANNA_HEADER_TAIL]
    row = [ANNA, "1002", *ANNA_MARCH[1:]]

    result = run(municipality, [], content=csv_bytes([row], header=header))

    assert errors(result) == [
        (
            2,
            "personeelsnummer",
            "Het BSN en het personeelsnummer horen bij verschillende deelnemers.",
        )
    ]


def test_every_error_of_every_row_is_reported(world, municipality):
    rows = [
        with_(ANNA_MARCH, bsn="999999990", brutoloon="x"),
        BART_MARCH,
        with_(BART_MARCH, periode="2024-04", uren="-1", totaal="1"),
    ]

    result = run(municipality, rows)

    assert [(r, c) for r, c, _m in errors(result)] == [
        (2, "bsn"),
        (2, "brutoloon"),
        (4, "uren"),
    ]


# --- all or nothing, idempotence, corrections ------------------------------------


def test_one_bad_row_imports_nothing_but_the_refusal_is_recorded(world, municipality):
    rows = [ANNA_MARCH, BART_MARCH, with_(ANNA_MARCH, periode="2024-04", totaal="1,00")]

    result = run(municipality, rows)

    assert len(result.errors) == 1
    assert PayrollEntry.objects.count() == 0
    record = PayrollImport.objects.get()
    assert (record.status, record.row_count, record.imported_count, record.error_count) == (
        ImportStatus.REFUSED,
        3,
        0,
        1,
    )
    assert record.errors[0]["row"] == 4
    assert not AuditEntry.objects.filter(object_type="payroll.payrollimport").exists()


def test_importing_the_same_file_twice_changes_nothing(world, municipality):
    content = csv_bytes([ANNA_MARCH, BART_MARCH])
    first = run(municipality, [], content=content)
    stored = list(PayrollEntry.objects.order_by("id").values())

    second = run(municipality, [], content=content)

    assert first.as_json() == {"rows": 2, "imported": 2, "unchanged": 0, "errors": []}
    assert second.as_json() == {"rows": 2, "imported": 0, "unchanged": 2, "errors": []}
    assert list(PayrollEntry.objects.order_by("id").values()) == stored


def test_the_same_values_written_differently_are_unchanged(world, municipality):
    run(municipality, [ANNA_MARCH])
    same = with_(ANNA_MARCH, brutoloon="2.000", vakantiegeld="160", totaal="2800.00")

    result = run(municipality, [same])

    assert (result.imported, result.unchanged, result.errors) == (0, 1, [])


def test_a_row_that_differs_from_an_earlier_import_is_an_error(world, municipality):
    first = run(municipality, [ANNA_MARCH])
    changed = with_(ANNA_MARCH, brutoloon="2100,00", totaal="2900,00")

    result = run(municipality, [BART_MARCH, changed])

    assert errors(result) == [
        (
            3,
            "brutoloon",
            "Wijkt af van de eerder ingelezen verloning van deze persoon voor 2024-03 "
            f"(import {first.payroll_import.pk}): brutoloon was € 2.000,00, nu € 2.100,00. "
            "Lever het bestand aan als correctie om de regel te vervangen.",
        )
    ]
    assert PayrollEntry.objects.get().gross_wage == Decimal("2000.00")
    assert PayrollEntry.objects.count() == 1


def test_a_correction_replaces_the_entry_and_audits_before_and_after(
    world, municipality, controller
):
    first = run(municipality, [ANNA_MARCH])
    entry = PayrollEntry.objects.get()
    changed = with_(ANNA_MARCH, brutoloon="2100,00", totaal="2900,00")

    result = run(municipality, [changed, BART_MARCH], actor=controller, correction=True)

    assert result.as_json() == {"rows": 2, "imported": 1, "unchanged": 0, "errors": []}
    assert result.replaced == 1
    entry.refresh_from_db()
    assert (entry.gross_wage, entry.total) == (Decimal("2100.00"), Decimal("2900.00"))
    assert entry.source_import == result.payroll_import
    audit = AuditEntry.objects.get(object_type="payroll.payrollentry")
    assert (audit.action, audit.object_id, audit.actor) == (
        AuditAction.UPDATE,
        str(entry.pk),
        controller,
    )
    assert audit.changes == {
        "gross_wage": ["2000.00", "2100.00"],
        "total": ["2800.00", "2900.00"],
        "source_import": [first.payroll_import.pk, result.payroll_import.pk],
    }
    assert result.payroll_import.replaced_count == 1


def test_a_correction_with_identical_rows_replaces_nothing(world, municipality):
    run(municipality, [ANNA_MARCH])

    result = run(municipality, [ANNA_MARCH], correction=True)

    assert (result.imported, result.unchanged, result.replaced) == (0, 1, 0)
    assert not AuditEntry.objects.filter(object_type="payroll.payrollentry").exists()


def test_a_dry_run_counts_but_writes_nothing(world, municipality):
    result = run(municipality, [ANNA_MARCH, BART_MARCH], dry_run=True)

    assert result.as_json() == {"rows": 2, "imported": 2, "unchanged": 0, "errors": []}
    assert PayrollEntry.objects.count() == 0
    record = PayrollImport.objects.get()
    assert (record.status, record.dry_run) == (ImportStatus.CHECKED, True)


# --- usage errors ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Het bestand is leeg."),
        (
            b"bsn;periode;brutoloon\r\n123456782;2024-03;1\r\n",
            "De kopregel mist de kolommen: vakantiegeld, werkgeverslasten, pensioen, "
            "overige_kosten, totaal, uren. Nodig zijn: bsn of personeelsnummer, periode, "
            "brutoloon, vakantiegeld, werkgeverslasten, pensioen, overige_kosten, totaal, uren.",
        ),
        (
            b"naam;periode;brutoloon;vakantiegeld;werkgeverslasten;pensioen;overige_kosten;"
            b"totaal;uren\r\n",
            "De kopregel mist de kolommen: bsn of personeelsnummer. Nodig zijn: bsn of "
            "personeelsnummer, periode, brutoloon, vakantiegeld, werkgeverslasten, pensioen, "
            "overige_kosten, totaal, uren.",
        ),
        (
            b"bsn;bsn;periode;brutoloon;vakantiegeld;werkgeverslasten;pensioen;overige_kosten;"
            b"totaal;uren\r\n",
            "De kolom 'bsn' staat twee keer in de kopregel.",
        ),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1rest",
            "Het oude Excel-formaat (.xls) wordt niet ondersteund. Sla het bestand op als "
            "Excel-werkmap (.xlsx) of als CSV.",
        ),
        (b"PK\x03\x04 not really a zip", "Dit Excel-bestand is niet te lezen. Is het beschadigd?"),
    ],
    ids=["empty", "missing-columns", "no-person-column", "duplicate-column", "xls", "bad-xlsx"],
)
def test_an_unreadable_file_is_a_usage_error_and_records_nothing(
    world, municipality, content, message
):
    with pytest.raises(PayrollFileError) as raised, unchanged():
        run(municipality, [], content=content)

    assert str(raised.value) == message
    assert PayrollImport.objects.count() == 0


def test_a_file_without_rows_imports_nothing(world, municipality):
    result = run(municipality, [])

    assert result.as_json() == {"rows": 0, "imported": 0, "unchanged": 0, "errors": []}


ANNA_HEADER_TAIL = [
    "periode",
    "brutoloon",
    "vakantiegeld",
    "werkgeverslasten",
    "pensioen",
    "overige_kosten",
    "totaal",
    "uren",
]


def test_a_file_that_breaks_halfway_stores_nothing_and_no_record(world, municipality, monkeypatch):
    """A CSV error after rows were already streamed into the table rolls all back."""
    monkeypatch.setattr(parsing, "CHUNK_ROWS", 1)
    good = csv_bytes([ANNA_MARCH, BART_MARCH], delimiter=",")
    broken = good + b'"' + b"x" * 200_000 + b'",2024-05,1,0,0,0,0,1,1\r\n'

    with pytest.raises(PayrollFileError) as raised, unchanged():
        run(municipality, [], content=broken)

    assert str(raised.value).startswith("Regel 4 van het bestand is geen geldige CSV")
    assert PayrollEntry.objects.count() == 0
    assert PayrollImport.objects.count() == 0


# --- a closed budget year is locked --------------------------------------------------


def _close_2024(programme):
    from django.utils import timezone

    from basisbaan.budgets.models import Budget

    return Budget.objects.create(
        municipality=programme.municipality,
        programme=programme,
        year=2024,
        amount=Decimal("500000.00"),
        closed_at=timezone.now(),
        spent_at_close=Decimal("0.00"),
        accounts_result=Decimal("500000.00"),
    )


@pytest.mark.parametrize("fast", [True, False])
def test_payroll_in_a_closed_budget_year_is_refused_whole(world, municipality, fast):
    """Closing 2024 locks its spending: neither a new month nor a correction gets in."""
    from basisbaan.payroll.checking import validate_rows

    _close_2024(world.anna.programme)
    parsed = parsing.read_payroll_file(csv_bytes([ANNA_MARCH, BART_MARCH]), "loon.csv")

    outcome = validate_rows(parsed, municipality=municipality, correction=False, fast=fast)

    name = world.anna.programme.name
    message = (
        f"Het budgetjaar 2024 van {name} is afgesloten: verloning over 2024-03 kan niet meer "
        "worden ingelezen of gecorrigeerd."
    )
    assert [(e.row, e.column, e.message) for e in outcome.errors] == [
        (2, "periode", message),
        (3, "periode", message),
    ]


def test_a_closed_year_elsewhere_does_not_lock_this_programme(world, municipality):
    from tests.factories import ProgrammeFactory

    _close_2024(ProgrammeFactory(municipality=municipality))

    result = run(municipality, [ANNA_MARCH, BART_MARCH])

    assert result.as_json() == {"rows": 2, "imported": 2, "unchanged": 0, "errors": []}
    assert PayrollEntry.objects.count() == 2
