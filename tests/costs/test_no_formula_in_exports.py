"""No export carries a live formula: a participant, host or programme named
``=HYPERLINK(...)`` is text in every spreadsheet the application hands out.

The walk finds every list with an export in the URL configuration (so a new
list is walked too), and adds the workbooks of costs and budgets.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import pytest
from openpyxl import load_workbook

from django.urls import URLPattern, URLResolver, get_resolver

from basisbaan.core.export import FORMULA_PREFIXES
from tests.costs.conftest import contract_with, import_payroll
from tests.factories import HostFactory, PlacementFactory

HOSTILE = '=HYPERLINK("http://x","y")'
# The roles that together may open every export.
EXPORTERS = ("controller", "manager", "admin_user", "caseworker")


def _list_exports() -> list[str]:
    """The paths of every page with a list export (pages without URL arguments)."""
    found: list[str] = []

    def walk(patterns: list[URLPattern | URLResolver], prefix: str) -> None:
        for pattern in patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + route)
                continue
            view = getattr(pattern.callback, "view_class", None)
            if getattr(view, "export_name", None) and "<" not in route:
                found.append("/" + prefix + route)

    walk(get_resolver().url_patterns, "")
    return sorted(set(found))


@pytest.fixture
def hostile(municipality, programme, controller):
    """A contract with payroll whose participant, host and programme are formulas."""
    contract = contract_with(
        programme,
        [(dt.date(2025, 3, 1), dt.date(2025, 8, 31), "32", "14.06")],
        participant__first_name=HOSTILE,
        participant__last_name="-1+2",
    )
    import_payroll(
        municipality,
        [
            [
                contract.participant.bsn,
                "2025-03",
                "1949,65",
                "155,97",
                "505,77",
                "105,28",
                "120,00",
                "2836,67",
                "138,67",
            ]
        ],
    )
    host = HostFactory(municipality=municipality, name=HOSTILE)
    PlacementFactory(participant=contract.participant, position__host=host)
    programme.name = "@SUM(A1:A2)"
    programme.save()
    return contract


def _cells(response) -> list[object]:
    """Every cell value of an .xlsx or CSV download; asserts no xlsx cell is a formula."""
    if response["Content-Type"].startswith("text/csv"):
        text = response.content.decode("utf-8-sig")
        return [field for row in csv.reader(io.StringIO(text), delimiter=";") for field in row]
    book = load_workbook(io.BytesIO(response.content))
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (response.request["PATH_INFO"], cell.coordinate)
                values.append(cell.value)
    # And in the file itself: no <f> element anywhere.
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name), name
    return values


def test_no_export_carries_a_formula(request, client_as, programme, hostile):
    clients = [client_as(request.getfixturevalue(role)) for role in EXPORTERS]
    downloads = []
    paths = _list_exports()
    assert {"/deelnemers/", "/werkgevers/", "/verloning/", "/audit/"} <= set(paths)
    for path in paths:
        for file_format in ("xlsx", "csv"):
            for client in clients:
                response = client.get(path, {"export": file_format})
                if response.status_code == 200 and "attachment" in response.get(
                    "Content-Disposition", ""
                ):
                    downloads.append(response)
                    break
    for path in (
        f"/kosten/{programme.pk}/2025/export.xlsx",
        f"/budget/{programme.pk}/export.xlsx",
    ):
        response = clients[0].get(path)
        assert response.status_code == 200, path
        downloads.append(response)
    # Every list export was reached (not only the ones some role happened to open).
    assert len(downloads) == 2 * len(paths) + 2
    texts = [value for response in downloads for value in _cells(response) if value]
    formulas = [
        value for value in texts if isinstance(value, str) and value.startswith(FORMULA_PREFIXES)
    ]
    assert formulas == []
    # The hostile names are in the files, as text behind an apostrophe.
    assert any(isinstance(v, str) and v.startswith("'" + HOSTILE) for v in texts)
    assert any(isinstance(v, str) and "'" + HOSTILE in v for v in texts)
