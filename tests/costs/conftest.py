"""Helpers for the cost tests: contracts with periods, and payroll rows imported through
the payroll import (as a payroll party's CSV)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from basisbaan.contracts.models import Contract
from basisbaan.payroll.services import payroll_import
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Municipality
from tests.factories import ContractFactory, ContractPeriodFactory, ProgrammeFactory

D = dt.date
E = Decimal
HEADER = "bsn;periode;brutoloon;vakantiegeld;werkgeverslasten;pensioen;overige_kosten;totaal;uren"


def contract_with(programme: Programme, periods, **contract) -> Contract:
    """A contract in ``programme`` with ``periods`` = [(start, end, hours, wage), ...];
    the participant is an adult on every date used (born 1980)."""
    contract.setdefault("participant__date_of_birth", D(1980, 5, 17))
    made = ContractFactory(
        participant__programme=programme,
        participant__municipality=programme.municipality,
        **contract,
    )
    for sequence, (start, end, hours, wage) in enumerate(periods, 1):
        ContractPeriodFactory(
            contract=made,
            sequence=sequence,
            start_date=start,
            end_date=end,
            hours_per_week=E(hours),
            hourly_wage=E(wage),
        )
    return made


def import_payroll(municipality: Municipality, rows: list[list[str]]) -> None:
    """Import ``rows`` (bsn, periode, amounts with a decimal comma, uren); must pass."""
    text = "\r\n".join([HEADER, *(";".join(row) for row in rows)]) + "\r\n"
    result = payroll_import(
        municipality=municipality, actor=None, file_name="test.csv", content=text.encode()
    )
    assert result.ok, result.errors


@pytest.fixture
def programme(municipality) -> Programme:
    return ProgrammeFactory(
        municipality=municipality, start_date=D(2024, 1, 1), end_date=D(2027, 12, 31)
    )
