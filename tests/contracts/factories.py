"""Factories of the contracts app: adults born in 1980, wages at the minimum."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from django.utils import timezone

from basisbaan.contracts.constants import Decision, WageLineReason, WageValueMethod
from basisbaan.contracts.models import (
    ContractSettings,
    ContractWageLine,
    RenewalDecision,
    WageValueMeasurement,
)
from tests.factories import ContractFactory, ContractPeriodFactory, ParticipantFactory

__all__ = [
    "AdultContractFactory",
    "AdultPeriodFactory",
    "ContractSettingsFactory",
    "ContractWageLineFactory",
    "RenewalDecisionFactory",
    "WageValueMeasurementFactory",
]


class AdultContractFactory(ContractFactory):
    """A contract of a participant born on 17 May 1980: an adult on every date in the tests."""

    participant = factory.SubFactory(ParticipantFactory, date_of_birth=dt.date(1980, 5, 17))


class AdultPeriodFactory(ContractPeriodFactory):
    """The second half of 2024 at 13.68 an hour, the minimum wage from 1 July 2024."""

    contract = factory.SubFactory(AdultContractFactory)


class ContractSettingsFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractSettings

    programme = factory.SubFactory("tests.factories.ProgrammeFactory")
    municipality = factory.SelfAttribute("programme.municipality")
    default_employer_name = "Caparis"
    fulltime_hours = 38
    remeasurement_months = 12


class ContractWageLineFactory(factory.django.DjangoModelFactory):
    """A rise within the period's second half (1 October 2024), to 14.00."""

    class Meta:
        model = ContractWageLine

    period = factory.SubFactory(AdultPeriodFactory)
    municipality = factory.SelfAttribute("period.municipality")
    start_date = dt.date(2024, 10, 1)
    hourly_wage = Decimal("14.00")
    reason = WageLineReason.CAO
    note = "Cao-verhoging"


class RenewalDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RenewalDecision

    period = factory.SubFactory(AdultPeriodFactory)
    municipality = factory.SelfAttribute("period.municipality")
    decision = Decision.NOT_RENEW
    reason = "Uitstroom naar regulier werk"
    decided_at = factory.LazyFunction(timezone.now)


class WageValueMeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WageValueMeasurement

    participant = factory.SubFactory(ParticipantFactory, date_of_birth=dt.date(1980, 5, 17))
    municipality = factory.SelfAttribute("participant.municipality")
    measured_on = dt.date(2024, 7, 1)
    percentage = Decimal("60.00")
    method = WageValueMethod.UNIFORM
    assessor = "R. de Boer"
    next_measurement_on = dt.date(2025, 7, 1)
