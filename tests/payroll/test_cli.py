"""``basisbaan import_payroll``: JSON output and exit codes 0, 1 and 2."""

from __future__ import annotations

import json
from unittest import mock

import pytest

from django.core.management import ManagementUtility

from basisbaan.audit.models import AuditEntry
from basisbaan.payroll.models import PayrollEntry, PayrollImport
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.payroll.conftest import ANNA_MARCH, BART_MARCH, csv_bytes, xlsx_bytes

pytestmark = pytest.mark.django_db


def cli(*args: str) -> int:
    """Run the command as the console script does; return its exit code.

    The command closes the database connections when it ends; here that would
    end the test's transaction, so that one step is left out.
    """
    try:
        with mock.patch("django.core.management.base.connections.close_all"):
            ManagementUtility(["basisbaan", "import_payroll", *args]).execute()
    except SystemExit as exit_:
        return int(exit_.code or 0)
    return 0


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "loon-2024-03.csv"
    path.write_bytes(csv_bytes([ANNA_MARCH, BART_MARCH]))
    return path


def test_json_output_and_exit_code_0(world, good_file, capsys):
    code = cli(str(good_file), "--municipality", "leeuwarden", "--format", "json")

    out = capsys.readouterr().out
    assert code == 0
    assert json.loads(out) == {"rows": 2, "imported": 2, "unchanged": 0, "errors": []}
    assert PayrollEntry.objects.count() == 2


def test_second_run_is_all_unchanged(world, good_file, capsys):
    cli(str(good_file), "--municipality", "leeuwarden", "--format", "json")
    capsys.readouterr()

    code = cli(str(good_file), "--municipality", "leeuwarden", "--format", "json")

    assert code == 0
    assert json.loads(capsys.readouterr().out) == {
        "rows": 2,
        "imported": 0,
        "unchanged": 2,
        "errors": [],
    }
    assert PayrollEntry.objects.count() == 2


def test_refused_rows_exit_1_with_every_error(world, tmp_path, capsys):
    bad = list(BART_MARCH)
    bad[2] = "duizend"
    path = tmp_path / "loon.csv"
    path.write_bytes(csv_bytes([ANNA_MARCH, bad]))

    code = cli(str(path), "--municipality", "leeuwarden", "--format", "json")

    assert code == 1
    assert json.loads(capsys.readouterr().out) == {
        "rows": 2,
        "imported": 0,
        "unchanged": 0,
        "errors": [
            {
                "row": 3,
                "column": "brutoloon",
                "message": "Geen geldig bedrag: 'duizend'. Schrijf bijvoorbeeld 1234,56 of "
                "1.234,56.",
            }
        ],
    }
    assert PayrollEntry.objects.count() == 0


def test_text_output_in_dutch(world, tmp_path, capsys):
    bad = list(BART_MARCH)
    bad[1] = "2024-13"
    path = tmp_path / "loon.csv"
    path.write_bytes(csv_bytes([bad]))

    code = cli(str(path), "--municipality", "leeuwarden")

    assert code == 1
    assert capsys.readouterr().out.splitlines() == [
        "loon.csv is afgekeurd: 1 fout(en) in 1 regels. Er is niets ingelezen.",
        "regel 2, kolom periode: Ongeldige periode '2024-13': gebruik jjjj-mm, "
        "bijvoorbeeld 2024-03.",
    ]


def test_text_output_of_a_successful_import(world, good_file, capsys):
    code = cli(str(good_file), "--municipality", "leeuwarden")

    record = PayrollImport.objects.get()
    assert code == 0
    assert capsys.readouterr().out.strip() == (
        f"loon-2024-03.csv ingelezen voor gemeente Leeuwarden (import {record.pk}). "
        "2 regels: 2 nieuw, 0 ongewijzigd, 0 vervangen."
    )


def test_dry_run_writes_nothing(world, good_file, capsys):
    code = cli(str(good_file), "--municipality", "leeuwarden", "--dry-run", "--format", "json")

    assert code == 0
    assert json.loads(capsys.readouterr().out)["imported"] == 2
    assert PayrollEntry.objects.count() == 0


def test_correction_replaces(world, tmp_path, capsys):
    first = tmp_path / "maart.csv"
    first.write_bytes(csv_bytes([ANNA_MARCH]))
    cli(str(first), "--municipality", "leeuwarden")
    changed = list(ANNA_MARCH)
    changed[2], changed[7] = "2100,00", "2900,00"
    second = tmp_path / "maart-correctie.csv"
    second.write_bytes(csv_bytes([changed]))

    refused = cli(str(second), "--municipality", "leeuwarden", "--format", "json")
    corrected = cli(str(second), "--municipality", "leeuwarden", "--correction")

    assert (refused, corrected) == (1, 0)
    assert str(PayrollEntry.objects.get().gross_wage) == "2100.00"


def test_xlsx_file(world, tmp_path, capsys):
    path = tmp_path / "loon.xlsx"
    path.write_bytes(xlsx_bytes([ANNA_MARCH, BART_MARCH]))

    code = cli(str(path), "--municipality", "leeuwarden", "--format", "json")

    assert code == 0
    assert json.loads(capsys.readouterr().out)["imported"] == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["{missing}", "--municipality", "leeuwarden"], "Kan {missing} niet lezen"),
        (["{good}", "--municipality", "nergens"], "Onbekende gemeente: nergens"),
        (["{columns}", "--municipality", "leeuwarden"], "De kopregel mist de kolommen"),
        (["{xls}", "--municipality", "leeuwarden"], "Het oude Excel-formaat (.xls)"),
        (
            ["{good}", "--municipality", "leeuwarden", "--user", "consulent"],
            "Gebruiker consulent mag in Leeuwarden geen loonbestanden inlezen.",
        ),
        (["{good}"], "the following arguments are required: --municipality"),
    ],
    ids=["missing-file", "unknown-municipality", "missing-columns", "xls", "user", "argument"],
)
def test_usage_errors_exit_2_and_write_nothing(
    world, municipality, good_file, tmp_path, capsys, args, message
):
    make_member(municipality, Role.CASEWORKER, username="consulent")
    files = {
        "missing": str(tmp_path / "bestaat-niet.csv"),
        "good": str(good_file),
        "columns": str(tmp_path / "kolommen.csv"),
        "xls": str(tmp_path / "oud.xls"),
    }
    (tmp_path / "kolommen.csv").write_bytes(b"bsn;periode\r\n123456782;2024-03\r\n")
    (tmp_path / "oud.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")

    code = cli(*(a.format(**files) for a in args), "--format", "json")

    assert code == 2
    captured = capsys.readouterr()
    assert message.format(**files) in captured.err
    assert captured.out == ""
    assert PayrollImport.objects.count() == 0
    assert PayrollEntry.objects.count() == 0


def test_user_is_recorded_and_audited(world, municipality, good_file, capsys):
    user = make_member(municipality, Role.CONTROLLER, username="controller")

    code = cli(str(good_file), "--municipality", "leeuwarden", "--user", "controller")

    record = PayrollImport.objects.get()
    assert code == 0
    assert record.uploaded_by == user
    assert AuditEntry.objects.get(object_type="payroll.payrollimport").actor == user


def test_progress_bar_on_stderr_when_asked(world, good_file, capsys):
    code = cli(str(good_file), "--municipality", "leeuwarden", "--progress", "always")

    err = capsys.readouterr().err
    assert code == 0
    assert "inlezen      [##############################] 100% 2/2 regels" in err
