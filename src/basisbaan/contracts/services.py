"""Writes of contracts and their periods (first period and renewals)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from basisbaan.calc.dates import period_end
from basisbaan.contracts.models import Contract, ContractPeriod
from basisbaan.core.services import ensure_same_municipality, model_create, model_update
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.tenancy.models import Municipality, User

__all__ = ["contract_create", "contract_period_add", "contract_update"]

CONTRACT_FIELDS = {"employer_name", "reference", "wage_subsidy", "employee_number"}


def _check_period(start: dt.date, end: dt.date) -> None:
    if end < start:
        raise ValidationError({"end_date": _("De einddatum ligt vóór de startdatum.")})


@transaction.atomic
def contract_create(
    *,
    municipality: Municipality,
    actor: User | None,
    participant: Participant,
    employer_name: str,
    start_date: dt.date,
    hours_per_week: Decimal,
    hourly_wage: Decimal,
    end_date: dt.date | None = None,
    placement: Placement | None = None,
    reference: str = "",
    wage_subsidy: bool = False,
    employee_number: str = "",
) -> Contract:
    """A contract with its first period; the period lasts the programme's
    default number of months unless ``end_date`` is given."""
    ensure_same_municipality(municipality, participant=participant, placement=placement)
    if placement is not None and placement.participant_id != participant.pk:
        raise ValidationError({"placement": _("Deze plaatsing hoort bij een andere deelnemer.")})
    end = end_date or period_end(start_date, participant.programme.contract_period_months)
    _check_period(start_date, end)
    contract = model_create(
        instance=Contract(
            municipality=municipality,
            participant=participant,
            placement=placement,
            employer_name=employer_name,
            reference=reference,
            wage_subsidy=wage_subsidy,
            employee_number=employee_number,
        ),
        actor=actor,
    )
    model_create(
        instance=ContractPeriod(
            municipality=municipality,
            contract=contract,
            sequence=1,
            start_date=start_date,
            end_date=end,
            hours_per_week=hours_per_week,
            hourly_wage=hourly_wage,
        ),
        actor=actor,
    )
    return contract


@transaction.atomic
def contract_period_add(
    *,
    contract: Contract,
    actor: User | None,
    hours_per_week: Decimal,
    hourly_wage: Decimal,
    start_date: dt.date | None = None,
    end_date: dt.date | None = None,
) -> ContractPeriod:
    """Renew: add a period after the last one (by default the next day, for
    the programme's default number of months)."""
    last = contract.periods.order_by("-sequence").first()
    if last is None:
        raise ValidationError(_("Dit contract heeft nog geen periode."))
    start = start_date or last.end_date + dt.timedelta(days=1)
    if start <= last.end_date:
        raise ValidationError(
            {"start_date": _("Een verlenging begint na het einde van de vorige periode.")}
        )
    end = end_date or period_end(start, contract.participant.programme.contract_period_months)
    _check_period(start, end)
    return model_create(
        instance=ContractPeriod(
            municipality_id=contract.municipality_id,
            contract=contract,
            sequence=last.sequence + 1,
            start_date=start,
            end_date=end,
            hours_per_week=hours_per_week,
            hourly_wage=hourly_wage,
        ),
        actor=actor,
    )


@transaction.atomic
def contract_update(*, contract: Contract, actor: User | None, data: dict[str, Any]) -> Contract:
    """Change the contract's employer, reference or wage-subsidy flag.

    Periods are not edited here: a renewal adds one (:func:`contract_period_add`).
    """
    contract, _changed = model_update(
        instance=contract, data=data, actor=actor, allowed=CONTRACT_FIELDS
    )
    return contract
