"""A small payroll world: participants with contracts (and employee numbers).

Anna   BSN 123456782, personeelsnummer 1001: periods 01-01-2024..30-06-2024
       and 01-07-2024..31-12-2024 (one contract, renewed)
Bart   BSN 111222333, personeelsnummer 1002: period 15-03-2024..14-09-2024
Cor    BSN 100000009, no contract
Emmen  BSN 123456782 is also a participant in the other municipality.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest

from basisbaan.contracts.models import Contract
from basisbaan.participants.models import Participant
from tests.factories import (
    ContractFactory,
    ContractPeriodFactory,
    ParticipantFactory,
    ProgrammeFactory,
)

HEADER = [
    "bsn",
    "periode",
    "brutoloon",
    "vakantiegeld",
    "werkgeverslasten",
    "pensioen",
    "overige_kosten",
    "totaal",
    "uren",
]
ANNA = "123456782"
BART = "111222333"
COR = "100000009"
# A row of Anna for March 2024 whose parts add up to its total: 2000 + 160 + 500 + 100 + 40.
ANNA_MARCH = [
    ANNA,
    "2024-03",
    "2000,00",
    "160,00",
    "500,00",
    "100,00",
    "40,00",
    "2800,00",
    "138,67",
]
BART_MARCH = [BART, "2024-03", "1000,00", "80,00", "250,00", "50,00", "0,00", "1380,00", "69,33"]


@dataclass
class World:
    anna: Participant
    bart: Participant
    cor: Participant
    anna_contract: Contract
    bart_contract: Contract
    other_anna: Participant


@pytest.fixture
def world(municipality, other_municipality) -> World:
    programme = ProgrammeFactory(municipality=municipality)
    anna = ParticipantFactory(programme=programme, bsn=ANNA, first_name="Anna", last_name="Bakker")
    bart = ParticipantFactory(programme=programme, bsn=BART, first_name="Bart", last_name="Visser")
    cor = ParticipantFactory(programme=programme, bsn=COR, first_name="Cor", last_name="Mulder")
    anna_contract = ContractFactory(participant=anna, employee_number="1001")
    ContractPeriodFactory(
        contract=anna_contract,
        sequence=1,
        start_date=dt.date(2024, 1, 1),
        end_date=dt.date(2024, 6, 30),
    )
    ContractPeriodFactory(
        contract=anna_contract,
        sequence=2,
        start_date=dt.date(2024, 7, 1),
        end_date=dt.date(2024, 12, 31),
    )
    bart_contract = ContractFactory(participant=bart, employee_number="1002")
    ContractPeriodFactory(
        contract=bart_contract,
        start_date=dt.date(2024, 3, 15),
        end_date=dt.date(2024, 9, 14),
        hourly_wage=Decimal("14.06"),
    )
    other_programme = ProgrammeFactory(municipality=other_municipality)
    other_anna = ParticipantFactory(programme=other_programme, bsn=ANNA, first_name="Anna")
    other_contract = ContractFactory(participant=other_anna, employee_number="1001")
    ContractPeriodFactory(
        contract=other_contract, start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 12, 31)
    )
    return World(anna, bart, cor, anna_contract, bart_contract, other_anna)


def csv_bytes(
    rows: list[list[str]],
    *,
    header: list[str] | None = None,
    delimiter: str = ";",
    encoding: str = "utf-8",
    bom: bool = False,
) -> bytes:
    """A CSV file as Excel writes it: CRLF line ends, fields quoted when needed."""
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header or HEADER)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows: list[list[object]], header: list[str] | None = None) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Loonkosten"
    sheet.append(header or HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def after_job(client, response):
    """Follow a page's redirect to its job page to the job's result (jobs run at once in tests)."""
    from basisbaan.jobs.models import Job

    assert response.status_code == 302, response.content
    match = re.fullmatch(r"/taken/(\d+)/", response["Location"])
    assert match, response["Location"]
    job = Job.objects.get(pk=int(match[1]))
    assert job.status == "done", job.message
    assert client.get(response["Location"]).status_code == 200
    return client.get(job.result_url)
