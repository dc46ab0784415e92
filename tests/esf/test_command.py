"""``basisbaan esf``: the indicator totals, the claim, the deelnemerslijst and the
worklist as CSV, each run audited; Dutch errors with exit code 2.

The suite's today is 18 November 2026 (conftest of tests/esf: the world).
"""

from __future__ import annotations

import io

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from basisbaan.audit.models import AuditAction, AuditEntry
from tests.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    call_command("esf", *[str(a) for a in args], stdout=out)
    return out.getvalue().splitlines()


def test_indicators(world):
    lines = run("indicators", world["programme"].pk)
    assert lines[0] == "Code;Indicator;Code bevestigd;Vrouwen;Mannen;Non-binair;Onbekend;Totaal"
    assert lines[11] == ("EECO11;Deelnemers totaal;nee;minder dan 5;minder dan 5;0;0;minder dan 5")
    assert len(lines) == 23
    entry = AuditEntry.objects.filter(action=AuditAction.EXPORT).latest("id")
    assert entry.channel == "cli"


def test_claim_whole_operation_and_a_year(world):
    lines = run("claim", world["programme"].pk)
    assert lines[1].startswith("Jolanda Coach;2025;01-01-2025;")
    assert lines[-1] == "Totaal;;;;;;;;;444,75"
    year = run("claim", world["programme"].pk, "--year", 2026)
    assert year[-1] == "Totaal;;;;;;;;;0,00"
    with pytest.raises(CommandError, match="Het jaar 2024 valt buiten de operatie"):
        run("claim", world["programme"].pk, "--year", 2024)


def test_participants_without_and_with_bsn(world, tmp_path):
    lines = run("participants", world["programme"].pk)
    assert lines[0].split(";")[:3] == ["Naam", "BSN", "Start eerste ESF-activiteit"]
    assert lines[1].startswith("Anna Akkerman;;01-02-2025;")
    assert "111222333" not in "\n".join(lines)
    target = tmp_path / "lijst.csv"
    assert run("participants", world["programme"].pk, "--with-bsn", "--output", target) == []
    text = target.read_bytes().decode("utf-8")
    assert text.startswith("\ufeffNaam;BSN;")
    assert "Anna Akkerman;111222333;01-02-2025;" in text
    entry = AuditEntry.objects.filter(action=AuditAction.EXPORT).latest("id")
    assert "bsn" in str(entry.changes)


def test_worklist(world):
    lines = run("worklist", world["programme"].pk)
    assert lines[0] == "Soort;Deelnemer of medewerker;Wat ontbreekt"
    assert "no_registration;Cas Claassen;Nog niet geregistreerd voor ESF+." in lines


def test_unknown_programme_or_no_operation(world, municipality):
    with pytest.raises(CommandError, match="Onbekend programma: 999999") as unknown:
        run("indicators", 999999)
    assert unknown.value.returncode == 2
    other = ProgrammeFactory(municipality=municipality, name="Zonder", slug="zonder")
    with pytest.raises(CommandError, match="is geen ESF\\+-operatie"):
        run("worklist", other.pk)
