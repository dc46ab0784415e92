"""A payroll file cannot take the server down: errors beyond IMPORT_MAX_ERRORS are
only counted (page, API and CLI alike), the upload limit holds in the API too, and
an .xlsx that unpacks too large or too tightly is refused before openpyxl opens it."""

from __future__ import annotations

import io
import json
import re
import zipfile
from unittest import mock

import pytest

from django.core.files.uploadedfile import SimpleUploadedFile

from basisbaan.payroll.models import PayrollEntry, PayrollImport
from basisbaan.payroll.parsing import PayrollFileError
from basisbaan.payroll.services import payroll_import
from tests.payroll.conftest import ANNA_MARCH, BART_MARCH, after_job, csv_bytes, xlsx_bytes
from tests.payroll.test_api import api, upload
from tests.payroll.test_cli import cli
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db

PERIOD_ERROR = "Ongeldige periode '2024-13': gebruik jjjj-mm, bijvoorbeeld 2024-03."
WAGE_ERROR = "Geen geldig bedrag: 'duizend'. Schrijf bijvoorbeeld 1234,56 of 1.234,56."


def _bad_rows() -> list[list[str]]:
    """Rows 2 to 5 with the same wrong month (one mistake, made systematically),
    row 6 with a wage that is no number: five errors."""
    wrong_month = [*ANNA_MARCH[:1], "2024-13", *ANNA_MARCH[2:]]
    wrong_wage = [*BART_MARCH[:2], "duizend", *BART_MARCH[3:]]
    return [wrong_month] * 4 + [wrong_wage]


MORE = [
    {"column": "periode", "message": PERIOD_ERROR, "count": 2},
    {"column": "brutoloon", "message": WAGE_ERROR, "count": 1},
]
EXPECTED = {
    "rows": 5,
    "imported": 0,
    "unchanged": 0,
    "errors": [
        {"row": 2, "column": "periode", "message": PERIOD_ERROR},
        {"row": 3, "column": "periode", "message": PERIOD_ERROR},
    ],
    "error_count": 5,
    "more_errors": MORE,
}
LINES = [
    "En nog 3 fouten, per kolom en reden:",
    f"kolom periode: {PERIOD_ERROR} (2 keer)",
    f"kolom brutoloon: {WAGE_ERROR} (1 keer)",
]


@pytest.fixture
def two_errors(settings):
    settings.IMPORT_MAX_ERRORS = 2


def test_beyond_the_limit_errors_are_counted_per_column_and_reason(world, municipality, two_errors):
    result = payroll_import(
        municipality=municipality,
        actor=None,
        file_name="loon.csv",
        content=csv_bytes(_bad_rows()),
    )

    assert result.as_json() == EXPECTED
    assert not result.ok
    record = PayrollImport.objects.get()
    assert (record.status, record.error_count, len(record.errors)) == ("refused", 5, 2)
    assert record.more_errors == MORE
    assert PayrollEntry.objects.count() == 0


def test_the_api_answers_the_same_and_the_record_keeps_the_counts(world, controller, two_errors):
    client = api(controller)
    response = upload(client, _bad_rows())

    assert response.status_code == 202
    result = response.json()["result"]
    record = result.pop("import")
    assert result.pop("status") == "refused"
    assert result == EXPECTED
    detail = client.get(f"/api/v1/payroll-imports/{record}/").json()
    assert (detail["error_count"], len(detail["errors"]), detail["more_errors"]) == (5, 2, MORE)


def test_the_cli_prints_the_same_lines(world, tmp_path, capsys, two_errors):
    path = tmp_path / "loon.csv"
    path.write_bytes(csv_bytes(_bad_rows()))

    assert cli(str(path), "--municipality", "leeuwarden") == 1
    assert capsys.readouterr().out.splitlines() == [
        "loon.csv is afgekeurd: 5 fout(en) in 5 regels. Er is niets ingelezen.",
        f"regel 2, kolom periode: {PERIOD_ERROR}",
        f"regel 3, kolom periode: {PERIOD_ERROR}",
        *LINES,
    ]
    assert cli(str(path), "--municipality", "leeuwarden", "--format", "json") == 1
    assert json.loads(capsys.readouterr().out) == EXPECTED


def test_the_page_shows_the_same_lines(world, controller, client_as, two_errors):
    client = client_as(controller)
    response = client.post(
        "/verloning/importeren/",
        {"file": SimpleUploadedFile("loon.csv", csv_bytes(_bad_rows()))},
    )
    page = after_job(client, response).content.decode()
    block = re.search(r'<p id="meer-fouten">(.*?)</p>\s*<ul[^>]*>(.*?)</ul>', page, re.S)
    assert block is not None
    shown = [block[1], *re.findall(r"<li>(.*?)</li>", block[2])]
    assert [line.replace("&#x27;", "'") for line in shown] == LINES
    assert page.count('<th scope="row" class="bb-num">') == 2


def test_the_api_refuses_a_file_above_the_upload_limit_with_413(world, controller, settings):
    settings.PAYROLL_MAX_UPLOAD_BYTES = 1024 * 1024
    client = api(controller)
    for size in (1024 * 1024 + 1, 2 * 1024 * 1024):  # by its size, and by Content-Length
        file = SimpleUploadedFile("loon.csv", b"x" * size, content_type="text/csv")
        with unchanged():
            response = client.post("/api/v1/payroll-imports/", {"file": file}, format="multipart")
        assert response.status_code == 413, size
        assert response.json() == {"file": ["Het bestand is groter dan 1 MB."]}


def test_the_page_refuses_a_large_file_in_the_same_words(world, controller, client_as, settings):
    settings.PAYROLL_MAX_UPLOAD_BYTES = 1024 * 1024
    with unchanged():
        response = client_as(controller).post(
            "/verloning/importeren/",
            {"file": SimpleUploadedFile("loon.csv", b"x" * (1024 * 1024 + 1))},
        )
    assert response.status_code == 200
    assert "Het bestand is groter dan 1 MB." in response.content.decode()


def _with_member(content: bytes, name: str, data: bytes) -> bytes:
    """``content`` (an .xlsx) with one more part."""
    out = io.BytesIO(content)
    with zipfile.ZipFile(out, "a", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, data)
    return out.getvalue()


def test_a_zip_bomb_is_refused_before_openpyxl_opens_it(world, municipality, controller):
    # 50 MB of zeros pack into about 50 KB: a ratio of about 1000.
    bomb = _with_member(xlsx_bytes([ANNA_MARCH]), "xl/media/image1.bin", bytes(50 * 1024 * 1024))
    assert len(bomb) < 200 * 1024

    with mock.patch("openpyxl.load_workbook") as load, unchanged():
        with pytest.raises(PayrollFileError) as refused:
            payroll_import(
                municipality=municipality, actor=None, file_name="loon.xlsx", content=bomb
            )
        response = api(controller).post(
            "/api/v1/payroll-imports/",
            {"file": SimpleUploadedFile("loon.xlsx", bomb)},
            format="multipart",
        )
    load.assert_not_called()
    message = (
        "Dit Excel-bestand is verdacht: een deel ervan pakt uit tot meer dan 100 keer zijn "
        "grootte. Sla het opnieuw op als .xlsx of CSV."
    )
    assert str(refused.value) == message
    assert (response.status_code, response.json()) == (400, {"file": [message]})


def test_an_xlsx_that_unpacks_too_large_is_refused(world, municipality, settings):
    settings.IMPORT_XLSX_MAX_UNPACKED_BYTES = 10 * 1024 * 1024
    # 12 MB of varied digits: packed only a few times smaller, but too large unpacked.
    data = "".join(str(n * 7919 % 100003) for n in range(2_500_000)).encode()[: 12 * 1024 * 1024]
    big = _with_member(xlsx_bytes([ANNA_MARCH]), "xl/media/image1.bin", data)

    with (
        mock.patch("openpyxl.load_workbook") as load,
        unchanged(),
        pytest.raises(PayrollFileError) as refused,
    ):
        payroll_import(municipality=municipality, actor=None, file_name="loon.xlsx", content=big)
    load.assert_not_called()
    assert str(refused.value) == (
        "Dit Excel-bestand is uitgepakt groter dan 10 MB. Lever het aan als CSV, of in delen."
    )


def test_a_normal_xlsx_still_imports(world, municipality):
    result = payroll_import(
        municipality=municipality,
        actor=None,
        file_name="loon.xlsx",
        content=xlsx_bytes([ANNA_MARCH]),
    )
    assert (result.ok, result.imported) == (True, 1)


def test_openpyxl_parses_the_xml_with_defusedxml():
    """openpyxl uses defusedxml when it is installed: no entity expansion, no
    external entities. The dependency must stay installed."""
    import openpyxl.xml
    from openpyxl.xml import functions

    assert openpyxl.xml.DEFUSEDXML is True
    assert functions.fromstring.__module__.startswith("defusedxml")
