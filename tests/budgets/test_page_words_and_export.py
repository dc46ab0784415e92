"""The budget page for a controller: the chosen scenario's figure beside the simulation's
band and chance (labelled apart), plain words in front with the technique behind
"Hoe is dit berekend?", the Excel export equal to the page, and the capacity form
keeping its question and the scenario across submits."""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from basisbaan.budgets.capacity import programme_capacity
from basisbaan.budgets.forecasting import programme_forecast
from basisbaan.calc.forecast import Scenario

pytestmark = pytest.mark.django_db
D = dt.date
EURO = re.compile(r"€\s?(-?[\d.]+,\d\d)")


def _euros(text: str) -> list[Decimal]:
    return [Decimal(m.replace(".", "").replace(",", ".")) for m in EURO.findall(text)]


def page_rows(html: str) -> list[list[object]]:
    """The year table (id="jaren") as [year, closed, budget, spent, committed, forecast,
    rest, low, high, chance in % or None]."""
    body = html.split('id="jaren"', 1)[1].split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = []
    for tr in re.findall(r"<tr>(.*?)</tr>", body, re.S):
        year = int(re.search(r"<th[^>]*>\s*(\d{4})", tr).group(1))
        cells = re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)
        money = [_euros(c) for c in cells]
        chance = re.search(r"([\d,]+)\s?%", cells[6])
        rows.append(
            [
                year,
                "afgesloten" in tr,
                *(m[0] if m else None for m in money[:5]),
                money[5][0] if money[5] else None,
                money[5][1] if money[5] else None,
                float(chance.group(1).replace(",", ".")) if chance else None,
            ]
        )
    return rows


def outside_details(html: str) -> str:
    """The text a user sees without opening a disclosure (tags, and so URLs, removed)."""
    html = re.sub(r"<details.*?</details>", "", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("scenario", ["all_renewed", "no_renewals", "observed"])
def test_the_excel_export_equals_the_page(client_as, controller, programme, scenario):
    client = client_as(controller)
    query = f"?scenario={scenario}&draws=300&seed=7"
    shown = page_rows(client.get(f"/budget/{programme.pk}/{query}").content.decode())
    book = load_workbook(
        io.BytesIO(client.get(f"/budget/{programme.pk}/export.xlsx{query}").content)
    )
    sheet = book["Budget per jaar"]
    exported = []
    for row in sheet.iter_rows(min_row=2, max_row=1 + len(shown), values_only=True):
        year, closed, *money, chance = row
        exported.append(
            [
                year,
                closed == "ja",
                *(None if v is None else Decimal(str(v)).quantize(Decimal("0.01")) for v in money),
                None if chance is None else round(chance * 100, 1),
            ]
        )
    assert len(shown) == 2
    assert exported == shown


def test_band_and_chance_come_from_the_simulation_and_say_so(client_as, controller, programme):
    """In "all renewed" the figure is that scenario's; the band and the chance are the
    simulation's of the observed course, labelled as such; a figure outside the band
    says so."""
    html = client_as(controller).get(f"/budget/{programme.pk}/?scenario=all_renewed").content
    html = html.decode()
    forecast = programme_forecast(programme, draws=1000, seed=2023)
    rows = page_rows(html)
    for row, year in zip(rows, forecast.years, strict=True):
        assert row[5] == year.all_renewed
        assert (row[7], row[8]) == (year.p10, year.p90)
    assert "Prognose (Alle contracten verlengd)" in html
    assert "Onzekerheid (simulatie): 80 % kans tussen" in html
    assert "Kans boven budget (simulatie)" in html
    assert "altijd uit een simulatie van het waargenomen verloop" in html
    outside = [y for y in forecast.years if not y.p10 <= y.all_renewed <= y.p90]
    assert html.count("buiten de 80 %-band van de simulatie") == len(outside)


def test_the_page_speaks_to_a_controller(client_as, controller, programme):
    html = client_as(controller).get(f"/budget/{programme.pk}/").content.decode()
    front = outside_details(html)
    for word in ("Seed", "seed", "Trekkingen", "trekkingen", "Beta(", "P10", "P90", "P50"):
        assert word not in front, word
    year = programme_forecast(programme, draws=1000, seed=2023).years[0]
    low, high = (
        f"{v:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
        for v in (year.p10, year.p90)
    )
    assert (
        f"2025: onzekerheid: 80 % kans dat de uitgaven tussen € {low} en € {high} liggen" in front
    )
    assert "<summary>Hoe is dit berekend?</summary>" in html
    details = html.split("<summary>Hoe is dit berekend?</summary>", 1)[1].split("</details>", 1)[0]
    assert "voorkennis Beta(8, 2)" in details
    assert "startgetal 2023" in details


def test_the_capacity_form_keeps_its_question_and_the_scenario(client_as, controller, programme):
    url = (
        f"/budget/{programme.pk}/?scenario=no_renewals&draws=300&seed=5"
        "&month=01-12-2025&hours=24&probability=80"
    )
    html = client_as(controller).get(url).content.decode()
    capacity = html.split('aria-label="Ruimte voor nieuwe instroom berekenen"', 1)[1].split(
        "</form>"
    )[0]
    assert 'name="hours" value="24"' in capacity
    assert 'name="probability" value="80"' in capacity
    assert 'value="01-12-2025"' in capacity
    for hidden in (
        'name="scenario" value="no_renewals"',
        'name="draws" value="300"',
        'name="seed" value="5"',
    ):
        assert f'<input type="hidden" {hidden}>' in capacity, hidden
    scenario = html.split('aria-label="Scenario kiezen"', 1)[1].split("</form>")[0]
    for hidden in (
        'name="month" value="01-12-2025"',
        'name="hours" value="24"',
        'name="probability" value="80"',
    ):
        assert f'<input type="hidden" {hidden}>' in scenario, hidden
    assert '<option value="no_renewals" selected>' in scenario
    assert "kunnen starten in december 2025 met 24,0 uur per week" in html


def test_the_capacity_form_starts_empty_of_hidden_questions(client_as, controller, programme):
    html = client_as(controller).get(f"/budget/{programme.pk}/").content.decode()
    scenario = html.split('aria-label="Scenario kiezen"', 1)[1].split("</form>")[0]
    assert 'name="hours"' not in scenario


def test_capacity_starts_the_month_after_today(programme):
    assert programme_capacity(programme, today=D(2025, 3, 10)).month == D(2025, 4, 1)
    assert programme_capacity(programme, today=D(2025, 12, 31)).month == D(2026, 1, 1)
    # Never before the programme, never after its last month.
    assert programme_capacity(programme, today=D(2024, 6, 1)).month == D(2025, 1, 1)
    assert programme_capacity(programme, today=D(2027, 3, 1)).month == D(2026, 12, 1)
    assert Scenario.OBSERVED  # the capacity's base is the observed course
