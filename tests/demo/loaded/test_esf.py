"""The ESF+ demo (basisbaan.demo.esf) on Leeuwarden's programme, loaded as of 18-11-2026."""

from __future__ import annotations

import datetime as dt

import pytest

from basisbaan.demo.data import LEEUWARDEN
from basisbaan.demo.esf import load_demo_esf
from basisbaan.esf import selectors
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import User
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def test_leeuwarden_is_an_esf_operation_with_most_participants_registered(demo):
    programme = Programme.objects.get(municipality=demo, slug=LEEUWARDEN.programme.slug)
    if selectors.operation_of(programme) is None:
        # Until the loader calls it (see the ESF+ helper's report).
        load_demo_esf(programme, {u.username: u for u in User.objects.all()}, TODAY)
    operation = selectors.operation_of(programme)
    assert operation is not None
    assert (operation.start_date, operation.end_date) == (
        dt.date(2025, 1, 1),
        dt.date(2026, 12, 31),
    )
    rows = selectors.registration_rows(operation, today=TODAY)
    in_scope = selectors.participants_in_scope(operation).count()
    assert len(rows) == in_scope - 2
    problems = selectors.worklist(operation, today=TODAY)
    assert [p.kind for p in problems].count("no_registration") == 2
    assert not [p for p in problems if p.kind == "staff_rate"]
    claim = selectors.cost_claim(operation, first=operation.start_date, last=TODAY)
    assert claim.total > 0
    assert any(r.result_codes for r in rows)
    report = selectors.indicator_report(operation, today=TODAY)
    assert report.values["EECO11"]["total"] == len(rows)
