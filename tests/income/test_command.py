"""``basisbaan income_check``: the API's JSON, a Dutch table, and exit code 2 for a
bad input."""

from __future__ import annotations

import io
import json

import pytest

from django.core.management import call_command
from django.core.management.base import CommandError

from basisbaan.tenancy.roles import Role
from tests.income.conftest import EXAMPLE, add_scheme
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

ARGS = ["--household", "single", "--hours", "36", "--wage", "14.06", "--year", "2025"]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("income_check", *args, stdout=out)
    return out.getvalue()


def test_json_is_the_apis_answer(api_as, member):
    api = api_as(member(Role.CASEWORKER)).post("/api/v1/income-check/", EXAMPLE, format="json")

    printed = json.loads(run(*ARGS, "--format", "json"))

    assert printed == api.json()
    assert printed["working"]["net_wage"] == "2214.89"
    assert printed["year_figures"]["wage_tax"] == "1847.26"


def test_the_table_in_dutch():
    text = run(*ARGS)

    lines = text.splitlines()
    assert lines[0] == "Loont werken? 2025: single, 36 uur per week tegen EUR 14,06 bruto."
    assert lines[2] == "Per maand              Met bijstand  Met basisbaan"
    assert lines[3] == "Netto loon                 EUR 0,00   EUR 2.214,89"
    assert "Verschil per maand: EUR 856,63" in text
    assert "Verschil per jaar: EUR 10.279,63" in text
    assert "Loont vanaf: 22 uur per week" in text
    assert "Marginale druk: 53,6 %" in text
    assert "Vrijlating" not in text  # at 36 hours no assistance is left to top up
    assert "- Het uurloon en de uren zijn het hele jaar gelijk gehouden." in text
    assert "(aanname)" in text


def test_a_municipality_adds_its_local_schemes(municipality):
    add_scheme(municipality)

    data = json.loads(run(*ARGS, "--municipality", "leeuwarden", "--format", "json"))

    assert data["on_assistance"]["local"] == [
        {"name": "Individuele inkomenstoeslag", "amount": "50.00"}
    ]


def test_children_a_partner_and_the_start_month():
    data = json.loads(
        run(
            "--household",
            "couple",
            "--children",
            "5,13",
            "--rent",
            "650",
            "--partner-income",
            "8000",
            "--hours",
            "32",
            "--wage",
            "14.71",
            "--year",
            "2026",
            "--start-month",
            "3",
            "--pension-rate",
            "0.05",
            "--format",
            "json",
        )  # fmt: skip
    )

    assert data["inputs"]["children_ages"] == [5, 13]
    assert data["inputs"]["partner_income_year"] == "8000.00"
    assert data["inputs"]["start_month"] == 3
    assert data["inputs"]["pension_rate"] == "0.0500"
    assert [m["working"] for m in data["first_year"]][:3] == [False, False, True]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--hours", "50"], "Ongeldige waarde voor --hours: 50"),
        (["--hours", "1e309"], "Ongeldige waarde voor --hours: 1e309"),
        (["--wage", "veel"], "Ongeldige waarde voor --wage: veel"),
        (["--year", "2010"], "Voor 2010 zijn niet alle rekenregels vastgelegd"),
        (["--year", "99999"], "Voor 99999 zijn niet alle rekenregels vastgelegd"),
        (["--children", "5,x"], "Ongeldige leeftijden van kinderen: 5,x."),
        (["--children", "5"], "single_parent"),
        (["--municipality", "nergens"], "Onbekende gemeente: nergens."),
    ],
)
def test_bad_inputs_stop_with_exit_code_2(args, message):
    with unchanged(), pytest.raises(CommandError, match=message) as refused:
        run(*ARGS, *args)

    assert refused.value.returncode == 2
