"""Actual against planned: the service, the pages, the API and the Excel export on a
small hand-made case.

The case: a programme with pension 5 % and a monitoring fee of EUR 50.00; one contract,
32 hours at 14.06 from 1 March to 31 August 2025; one payroll row, for March 2025.

Planned March 2025 (a whole month; 2025 fixed-term charges 23.72 %, see test_settings):
  gross   14.06 × 32 × 52/12 = 1,949.6533      ->  1,949.65
  holiday 8 % × 1,949.65      =   155.972       ->    155.97
  charges 23.72 % × 2,105.62  =   499.453064    ->    499.45
  pension 5 % × 2,105.62      =   105.281       ->    105.28
  fee                                                  50.00
  total                                             2,760.35
Actual March 2025 (the payroll party's row): 1,949.65 + 155.97 + 505.77 + 105.28 + 120.00
= 2,836.67. Deviation 2,836.67 − 2,760.35 = +76.32, 76.32 / 2,760.35 = 2.76 %.
Threshold 5 % and EUR 50: 76.32 > 50 but not > 5 % × 2,760.35 = 138.02, so within;
with 2 % (55.21) it is over.
"""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape
from rest_framework.test import APIClient

from basisbaan.audit.models import AuditEntry
from basisbaan.costs.comparison import NO_ACTUAL, contract_comparison, programme_comparison
from basisbaan.costs.services import cost_settings_set
from basisbaan.tenancy.roles import Role
from tests.conftest import make_member
from tests.costs.conftest import contract_with, import_payroll
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal

MARCH = ["2025-03", "1949,65", "155,97", "505,77", "105,28", "120,00", "2836,67", "138,67"]


@pytest.fixture
def case(municipality, programme, controller):
    cost_settings_set(
        programme=programme,
        actor=controller,
        data={"pension_rate": E("0.05"), "monitoring_fee": E("50")},
    )
    contract = contract_with(programme, [(D(2025, 3, 1), D(2025, 8, 31), "32", "14.06")])
    import_payroll(municipality, [[contract.participant.bsn, *MARCH]])
    return contract


def test_one_contract_one_month_one_entry(municipality, programme, case):
    """The docstring's arithmetic, line by line."""
    comparison = programme_comparison(municipality=municipality, programme=programme, year=2025)
    [contract] = comparison.contracts
    march = contract.lines[0]
    assert march.month == D(2025, 3, 1)
    planned = march.planned
    assert planned is not None
    assert (
        planned.gross,
        planned.holiday_allowance,
        planned.employer_charges,
        planned.pension,
        planned.monitoring_fee,
        planned.total,
        planned.lks,
    ) == (E("1949.65"), E("155.97"), E("499.45"), E("105.28"), E("50.00"), E("2760.35"), E(0))
    assert march.actual is not None
    assert march.actual.total == E("2836.67")
    assert march.actual.other_costs == E("120.00")
    assert (march.deviation, march.deviation_share, march.deviation_percent) == (
        E("76.32"),
        E("0.0276"),
        E("2.8"),
    )
    assert not march.over_threshold and not march.missing and not march.assumed
    # April to August are planned, not imported: no deviation.
    later = contract.lines[1:]
    assert [line.month.month for line in later] == [4, 5, 6, 7, 8]
    assert all(line.actual is None and line.deviation is None for line in later)
    # The wage follows the minimum wage from 1 July 2025 (14.40 > 14.06).
    assert later[3].planned is not None and later[3].planned.gross == E("1996.80")
    # Totals: the year's plan, the imported month against its plan.
    assert comparison.imported_months == 1
    assert comparison.planned_imported == E("2760.35")
    assert comparison.actual is not None and comparison.actual.total == E("2836.67")
    assert comparison.deviation == E("76.32")
    months = {m.month.month: m for m in comparison.months}
    assert len(comparison.months) == 12
    assert (months[3].contracts, months[3].entries, months[3].deviation) == (1, 1, E("76.32"))
    assert months[1].planned.total == 0 and months[1].actual is None
    assert comparison.planned.total == sum((m.planned.total for m in comparison.months), E(0))


def test_a_lower_threshold_marks_the_deviation(municipality, programme, controller, case):
    cost_settings_set(programme=programme, actor=controller, data={"deviation_rate": E("0.02")})
    programme.refresh_from_db()
    comparison = programme_comparison(municipality=municipality, programme=programme, year=2025)
    march = comparison.contracts[0].lines[0]
    assert march.over_threshold
    assert comparison.over_count == 1
    assert comparison.months[2].over_count == 1
    # An amount threshold above the deviation clears it again: both must be exceeded.
    cost_settings_set(programme=programme, actor=controller, data={"deviation_amount": E("80")})
    programme.refresh_from_db()
    again = programme_comparison(municipality=municipality, programme=programme, year=2025)
    assert not again.contracts[0].lines[0].over_threshold


def test_a_contract_without_an_entry_in_an_imported_month_is_missing(municipality, programme, case):
    """A second contract, same hours and wage, has no row in March: actual 0, deviation
    −2,760.35, over the threshold. In a month nobody was imported, nothing is missing."""
    other = contract_with(programme, [(D(2025, 3, 1), D(2025, 4, 30), "32", "14.06")])
    comparison = programme_comparison(municipality=municipality, programme=programme, year=2025)
    lines = {c.contract.pk: c.lines for c in comparison.contracts}
    march, april = lines[other.pk]
    assert march.missing and march.actual == NO_ACTUAL
    assert march.deviation == E("-2760.35") and march.over_threshold
    assert not april.missing and april.actual is None and april.deviation is None
    assert comparison.months[2].entries == 1 and comparison.months[2].contracts == 2


def test_the_page_shows_plan_actual_and_deviation(client_as, programme, controller, case):
    response = client_as(controller).get(f"/kosten/{programme.pk}/2025/")
    assert response.status_code == 200
    text = response.content.decode()
    for shown in (
        "€ 2.760,35",
        "€ 2.836,67",
        "€ 505,77",
        "€ 499,45",
        "+\u00a0€ 76,32",
        "2,8&nbsp;%",
        "binnen drempel",
        # As the page escapes it: a random name may hold an apostrophe (Evie van 't Riet).
        escape(case.participant.full_name),
    ):
        assert shown in text, shown
    assert "boven drempel</strong>" not in text
    assert f'href="/kosten/contract/{case.pk}/"' in text
    # Names and payroll amounts shown are recorded in the audit log.
    listed = AuditEntry.objects.filter(action="list").values_list("object_type", flat=True)
    assert {"participants.participant", "payroll.payrollentry"} <= set(listed)


def test_over_the_threshold_is_said_in_words_not_only_colour(
    client_as, programme, controller, case
):
    cost_settings_set(programme=programme, actor=controller, data={"deviation_rate": E("0.02")})
    text = client_as(controller).get(f"/kosten/{programme.pk}/2025/").content.decode()
    assert '<strong class="bb-badge bb-badge--closed">boven drempel</strong>' in text
    assert "<strong>+\u00a0€ 76,32</strong>" in text
    assert "1 maand boven drempel" in text


def test_months_with_an_assumed_figure_are_marked(client_as, municipality, programme, controller):
    """July 2026 uses the assumed minimum wage (not published); the contract's wage
    14.71 is below 14.71 × 1.02 = 15.00, so the plan pays the assumed figure."""
    from basisbaan.costs.services import indexation_set

    indexation_set(
        municipality=municipality, actor=controller, key="minimum_wage_hourly", rate=E("0.02")
    )
    contract = contract_with(programme, [(D(2026, 6, 1), D(2026, 8, 31), "32", "14.71")])
    comparison = programme_comparison(municipality=municipality, programme=programme, year=2026)
    flags = [(line.month.month, line.assumed) for line in comparison.contracts[0].lines]
    assert flags == [(6, False), (7, True), (8, True)]
    assert comparison.assumptions[D(2026, 7, 1)]
    text = client_as(controller).get(f"/kosten/{programme.pk}/2026/").content.decode()
    assert "Deze planning gebruikt aannames" in text
    assert "juli 2026: WML per uur (21+)" in text
    assert 'bb-badge--waiting" title="De planning gebruikt een aangenomen waarde">aanname' in text
    assert contract.pk == comparison.contracts[0].contract.pk


def test_the_contract_page(client_as, municipality, programme, controller, case):
    comparison = contract_comparison(
        municipality=municipality, contract=case, start=D(2025, 3, 1), end=D(2025, 8, 31)
    )
    assert [line.month.month for line in comparison.contracts[0].lines] == [3, 4, 5, 6, 7, 8]
    assert comparison.deviation == E("76.32")
    response = client_as(controller).get(f"/kosten/contract/{case.pk}/")
    assert response.status_code == 200
    text = response.content.decode()
    assert "€ 2.836,67" in text and "+\u00a0€ 76,32" in text
    assert f'href="/kosten/{programme.pk}/2025/"' in text


def test_the_api_gives_exact_decimal_strings(municipality, programme, controller, case):
    client = APIClient()
    client.force_authenticate(controller)
    response = client.get(
        f"/api/v1/programmes/{programme.pk}/costs/",
        {"year": 2025},
        HTTP_X_MUNICIPALITY=municipality.slug,
    )
    assert response.status_code == 200
    data = response.json()
    assert data["programme"] == programme.pk and data["year"] == 2025
    assert data["threshold"] == {"rate": "0.050000", "amount": "50.00"}
    assert (data["planned_imported"], data["actual_total"], data["deviation"]) == (
        "2760.35",
        "2836.67",
        "76.32",
    )
    march = data["lines"][0]
    assert march == {
        "contract": case.pk,
        "participant": case.participant_id,
        "month": "2025-03",
        "planned": {
            "gross": "1949.65",
            "holiday_allowance": "155.97",
            "employer_charges": "499.45",
            "pension": "105.28",
            "monitoring_fee": "50.00",
            "total": "2760.35",
            "lks": "0.00",
        },
        "actual": {
            "gross_wage": "1949.65",
            "holiday_allowance": "155.97",
            "employer_charges": "505.77",
            "pension": "105.28",
            "other_costs": "120.00",
            "total": "2836.67",
            "hours": "138.67",
        },
        "missing": False,
        "deviation": "76.32",
        "deviation_share": "0.0276",
        "over_threshold": False,
        "assumed": False,
        "assumed_keys": [],
        "wage_value_missing": False,
    }
    assert data["lines"][1]["actual"] is None and data["lines"][1]["deviation"] is None
    assert data["months"][2]["deviation"] == "76.32"
    assert len(data["months"]) == 12
    with unchanged():
        refused = client.get(
            f"/api/v1/programmes/{programme.pk}/costs/",
            {"year": "elf"},
            HTTP_X_MUNICIPALITY=municipality.slug,
        )
    assert refused.status_code == 400


def test_the_excel_export(client_as, programme, controller, case):
    response = client_as(controller).get(f"/kosten/{programme.pk}/2025/export.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'kosten-{programme.slug}-2025.xlsx"')
    book = load_workbook(io.BytesIO(response.content))
    lines = book["Per contract en maand"]
    header = [cell.value for cell in lines[1]]
    row = dict(zip(header, [cell.value for cell in lines[2]], strict=True))
    assert row["Maand"] == "2025-03"
    assert E(str(row["Gepland totaal"])) == E("2760.35")
    assert E(str(row["Totaal"])) == E("2836.67")
    assert E(str(row["Afwijking"])) == E("76.32")
    assert row["Boven drempel"] == "nee"
    assert row["Deelnemer"] == case.participant.full_name
    assert lines.max_row == 1 + 6  # March to August
    months = book["Per maand"]
    assert months.max_row == 1 + 12


def test_another_municipality_gets_404_everywhere(
    client_as, municipality, other_municipality, programme, case
):
    stranger = make_member(other_municipality, Role.CONTROLLER)
    client = client_as(stranger)
    api = APIClient()
    api.force_authenticate(stranger)
    with unchanged(programme, case):
        for url in (
            f"/kosten/{programme.pk}/",
            f"/kosten/{programme.pk}/2025/",
            f"/kosten/{programme.pk}/2025/export.xlsx",
            f"/kosten/contract/{case.pk}/",
        ):
            assert client.get(url).status_code == 404, url
        assert api.get(f"/api/v1/programmes/{programme.pk}/costs/").status_code == 404
        # Nor through the other municipality's header: the user is no member there.
        assert (
            api.get(
                f"/api/v1/programmes/{programme.pk}/costs/",
                HTTP_X_MUNICIPALITY=municipality.slug,
            ).status_code
            == 403
        )


@pytest.mark.parametrize("role", [Role.CASEWORKER, Role.JOBCOACH, Role.RESEARCHER])
def test_roles_without_the_cost_right_are_refused(client_as, municipality, programme, case, role):
    user = make_member(municipality, role)
    client = client_as(user)
    api = APIClient()
    api.force_authenticate(user)
    with unchanged():
        assert client.get("/kosten/").status_code == 403
        assert client.get(f"/kosten/{programme.pk}/2025/").status_code == 403
        assert client.get(f"/kosten/contract/{case.pk}/").status_code == 403
        assert api.get(f"/api/v1/programmes/{programme.pk}/costs/").status_code == 403


def test_read_only_sees_the_comparison_but_not_the_settings_link(
    client_as, municipality, programme, case
):
    client = client_as(make_member(municipality, Role.READ_ONLY))
    text = client.get(f"/kosten/{programme.pk}/2025/").content.decode()
    assert "€ 2.836,67" in text
    assert f"/kosten/{programme.pk}/instellingen/" not in text


def test_a_year_out_of_range_is_not_found(client_as, programme, controller):
    client = client_as(controller)
    with unchanged():
        assert client.get(f"/kosten/{programme.pk}/1999/").status_code == 404


def _contracts_with_entries(municipality, programme, count: int) -> None:
    for _ in range(count):
        contract = contract_with(programme, [(D(2025, 3, 1), D(2025, 8, 31), "32", "14.06")])
        import_payroll(municipality, [[contract.participant.bsn, *MARCH]])


def test_the_page_needs_as_many_queries_for_10_contracts_as_for_2(
    client_as, municipality, programme, controller
):
    client = client_as(controller)
    url = f"/kosten/{programme.pk}/2025/"
    _contracts_with_entries(municipality, programme, 2)
    client.get(url)  # warm up: session, caches
    with CaptureQueriesContext(connection) as two:
        assert client.get(url).status_code == 200
    _contracts_with_entries(municipality, programme, 8)
    with CaptureQueriesContext(connection) as ten:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count('href="/kosten/contract/') == 10
    assert len(ten) == len(two), [q["sql"][:120] for q in ten.captured_queries]


def test_the_api_needs_as_many_queries_for_10_contracts_as_for_2(
    municipality, programme, controller
):
    api = APIClient()
    api.force_authenticate(controller)
    url = f"/api/v1/programmes/{programme.pk}/costs/?year=2025"
    _contracts_with_entries(municipality, programme, 2)
    with CaptureQueriesContext(connection) as two:
        assert api.get(url, HTTP_X_MUNICIPALITY=municipality.slug).status_code == 200
    _contracts_with_entries(municipality, programme, 8)
    with CaptureQueriesContext(connection) as ten:
        response = api.get(url, HTTP_X_MUNICIPALITY=municipality.slug)
    assert len(response.json()["lines"]) == 60
    assert len(ten) == len(two)
