"""factory_boy factories with Dutch fake data. BSNs pass the eleven-test."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

import factory
from faker import Faker

from basisbaan.contracts.models import Contract, ContractPeriod
from basisbaan.hosts.constants import HostKind, Track
from basisbaan.hosts.models import Host, HostContact, Position
from basisbaan.participants.constants import ACTIVE_STATUSES, HouseholdType, ParticipantStatus
from basisbaan.participants.models import Participant
from basisbaan.placements.models import Placement
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import Membership, Municipality, User
from basisbaan.tenancy.roles import Role

fake = Faker("nl_NL")


def valid_bsn(rng: random.Random | None = None) -> str:
    """A random 9-digit number that passes the BSN eleven-test."""
    rng = rng or random.Random()
    while True:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        total = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True))
        last = total % 11
        if last <= 9:
            return "".join(map(str, digits)) + str(last)


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Gemeente {n}")
    slug = factory.Sequence(lambda n: f"gemeente-{n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    first_name = factory.LazyFunction(fake.first_name)
    last_name = factory.LazyFunction(fake.last_name)
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.nl")
    password = factory.django.Password("demo")


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    role = Role.CASEWORKER


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Programme

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"Basisbanen {n}")
    slug = factory.Sequence(lambda n: f"basisbanen-{n}")
    start_date = dt.date(2023, 1, 1)
    end_date = dt.date(2026, 12, 31)


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    programme = factory.SubFactory(ProgrammeFactory)
    municipality = factory.SelfAttribute("programme.municipality")
    bsn = factory.LazyFunction(valid_bsn)
    first_name = factory.LazyFunction(fake.first_name)
    last_name = factory.LazyFunction(fake.last_name)
    date_of_birth = factory.LazyFunction(lambda: fake.date_of_birth(minimum_age=21, maximum_age=64))
    email = factory.LazyFunction(fake.email)
    phone = "06-12345678"
    street = factory.LazyFunction(fake.street_address)
    postcode = factory.LazyFunction(lambda: fake.postcode().replace(" ", " "))
    city = "Leeuwarden"
    household_type = HouseholdType.SINGLE
    social_assistance_start = dt.date(2019, 3, 1)
    status = ParticipantStatus.WAITING
    # An active participant has one fixed contact person (as the services demand):
    # one caseworker per municipality serves every factory participant.
    contact_person = factory.LazyAttribute(
        lambda o: default_contact_person(o.municipality) if o.status in ACTIVE_STATUSES else None
    )


def default_contact_person(municipality: Municipality) -> User:
    user, _made = User.objects.get_or_create(
        username=f"aanspreekpunt-{municipality.slug}",
        defaults={"first_name": "Vast", "last_name": "Aanspreekpunt"},
    )
    Membership.objects.get_or_create(
        user=user, municipality=municipality, defaults={"role": Role.CASEWORKER}
    )
    return user


class HostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Host

    municipality = factory.SubFactory(MunicipalityFactory)
    name = factory.Sequence(lambda n: f"{fake.company()} {n}")
    kind = HostKind.EMPLOYER
    city = "Leeuwarden"


class HostContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HostContact

    host = factory.SubFactory(HostFactory)
    municipality = factory.SelfAttribute("host.municipality")
    name = factory.LazyFunction(fake.name)
    role = "Leidinggevende"
    email = factory.LazyFunction(fake.email)


class PositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Position

    host = factory.SubFactory(HostFactory)
    municipality = factory.SelfAttribute("host.municipality")
    title = "Medewerker groenonderhoud"
    tasks = "Onderhoud van openbaar groen"
    hours_per_week = Decimal("32.0")
    track = Track.TRANSITION
    places = 2


class PlacementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Placement

    participant = factory.SubFactory(ParticipantFactory, status=ParticipantStatus.PLACED)
    municipality = factory.SelfAttribute("participant.municipality")
    position = factory.SubFactory(
        PositionFactory, host__municipality=factory.SelfAttribute("...municipality")
    )
    track = Track.TRANSITION
    start_date = dt.date(2024, 7, 1)


class ContractFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contract

    participant = factory.SubFactory(ParticipantFactory)
    municipality = factory.SelfAttribute("participant.municipality")
    employer_name = "Caparis"


class ContractPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContractPeriod

    contract = factory.SubFactory(ContractFactory)
    municipality = factory.SelfAttribute("contract.municipality")
    sequence = 1
    start_date = dt.date(2024, 7, 1)
    end_date = dt.date(2024, 12, 31)
    hours_per_week = Decimal("32.0")
    hourly_wage = Decimal("13.68")
