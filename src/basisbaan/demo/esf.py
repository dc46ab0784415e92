"""The ESF+ demo: Leeuwarden's programme as an ESF+ operation 2025-2026.

Every participant with a placement in the operation's period is registered
(deterministic answers), except the last two, so the worklist shows them; those
who left get a result event (work after an exit to work, else job searching);
the guidance staff get dated employment costs for the cost claim.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Final

from basisbaan.calc.dates import add_days
from basisbaan.esf import selectors, services
from basisbaan.esf.constants import Answer, Education, EventKind, Gender, LabourStatus
from basisbaan.participants.constants import WORK_REASONS
from basisbaan.programmes.models import Programme
from basisbaan.tenancy.models import User

__all__ = ["load_demo_esf"]

OPERATION_START: Final = dt.date(2025, 1, 1)
OPERATION_END: Final = dt.date(2026, 12, 31)
UNREGISTERED: Final = 2
STATUSES: Final = (
    LabourStatus.LONG_TERM_UNEMPLOYED,
    LabourStatus.UNEMPLOYED,
    LabourStatus.LONG_TERM_UNEMPLOYED,
    LabourStatus.INACTIVE,
)
EDUCATIONS: Final = (Education.ISCED_0_2, Education.ISCED_3_4, Education.ISCED_0_2)
# Annual gross employment cost, part-time factor and the source, per demo account.
RATES: Final = {
    "consulent": (Decimal("61920.00"), Decimal(1), "Salarisspecificatie 2025, schaal 9"),
    "jobcoach": (Decimal("52000.00"), Decimal("0.8889"), "Salarisspecificatie 2025, 32 van 36 uur"),
    "programmamanager": (Decimal("82560.00"), Decimal(1), "Salarisspecificatie 2025, schaal 11"),
}


def load_demo_esf(programme: Programme, users: dict[str, User], as_of: dt.date) -> None:
    """Mark ``programme`` an ESF+ operation for 2025-2026 and register its participants."""
    municipality = programme.municipality
    operation = services.operation_save(
        municipality=municipality,
        actor=None,
        programme=programme,
        co_financed=True,
        reference="2025EU-AMR-FRL-001",
        start_date=OPERATION_START,
        end_date=OPERATION_END,
        target_group=(
            "Inwoners met een bijstandsuitkering en een afstand tot de arbeidsmarkt "
            "(arbeidsmarktregio Fryslân)"
        ),
    )
    people = list(selectors.participants_in_scope(operation).order_by("id"))
    for number, participant in enumerate(people[: max(len(people) - UNREGISTERED, 0)]):
        first = services.first_placement_start(participant)
        entry = max(first or OPERATION_START, OPERATION_START)
        leaving = participant.exit_date
        if entry > as_of or (leaving is not None and leaving < entry):
            continue
        registration = services.registration_create(
            municipality=municipality,
            actor=None,
            operation=operation,
            participant=participant,
            entry_date=entry,
            labour_status=STATUSES[number % len(STATUSES)],
            education=EDUCATIONS[number % len(EDUCATIONS)],
            disability=number % 5 == 0,
            gender=Gender.NON_BINARY if number % 9 == 8 else (Gender.WOMAN, Gender.MAN)[number % 2],
            third_country=Answer.NO,
            foreign_background=Answer.UNKNOWN if number % 4 == 0 else Answer.NO,
            minority=Answer.UNKNOWN,
            homeless=Answer.NO,
            rural=Answer.YES if number % 3 == 0 else Answer.NO,
            target_group_evidence="Beschikking Participatiewet",
            activities="Basisbaan met begeleiding op de werkplek",
            leaving_date=leaving,
        )
        if leaving is None:
            continue
        to_work = participant.exit_reason in WORK_REASONS
        day = add_days(leaving, 7 if to_work else 3)
        if day <= as_of:
            services.result_event_add(
                registration=registration,
                actor=None,
                date=day,
                kind=EventKind.EMPLOYED if to_work else EventKind.JOB_SEARCHING,
            )
    for username, (cost, factor, source) in RATES.items():
        if username in users:
            services.staff_rate_set(
                municipality=municipality,
                actor=None,
                staff=users[username],
                valid_from=OPERATION_START,
                annual_cost=cost,
                part_time_factor=factor,
                source=source,
            )
