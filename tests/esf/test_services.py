"""ESF+ services and selectors: the operation, registrations, results, the
indicator totals, the worklist and the cost claim (hand-computed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.esf import selectors, services
from basisbaan.esf.models import EsfRegistration, StaffRate
from basisbaan.outcomes.models import OutcomeSettings
from tests.factories import ParticipantFactory, UserFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
TODAY = D(2026, 11, 18)


def test_operation_takes_the_flat_rate_from_the_parameters(world):
    operation = world["operation"]
    assert operation.flat_rate == Decimal("0.4000")
    entry = AuditEntry.objects.get(object_type="esf.esfoperation", action=AuditAction.CREATE)
    assert entry.object_id == str(operation.pk)


def test_operation_change_is_audited_and_keeps_the_rate(world, municipality):
    operation = services.operation_save(
        municipality=municipality,
        actor=None,
        programme=world["programme"],
        reference="2025EU-NIEUW",
    )
    assert operation.reference == "2025EU-NIEUW"
    assert operation.flat_rate == Decimal("0.4000")
    entry = AuditEntry.objects.get(object_type="esf.esfoperation", action=AuditAction.UPDATE)
    assert entry.changes["reference"] == ["2025EU-AMR-LWD", "2025EU-NIEUW"]


def test_operation_end_before_start_is_refused(world, municipality):
    with pytest.raises(ValidationError) as error, unchanged(world["operation"]):
        services.operation_save(
            municipality=municipality,
            actor=None,
            programme=world["programme"],
            end_date=D(2024, 12, 31),
        )
    assert error.value.message_dict == {"end_date": ["Het einde ligt vóór het begin."]}


def test_registration_defaults_entry_to_first_placement_and_leaving_to_exit(world):
    assert world["anna"].entry_date == D(2025, 2, 1)
    assert world["anna"].leaving_date is None
    assert world["bert"].entry_date == D(2025, 3, 1)
    assert world["bert"].leaving_date == D(2025, 6, 30)


def test_registration_twice_or_of_another_programme_is_refused(world, municipality):
    with pytest.raises(ValidationError) as error, unchanged():
        services.registration_create(
            municipality=municipality,
            actor=None,
            operation=world["operation"],
            participant=world["people"]["Anna"],
        )
    assert error.value.message_dict == {"participant": ["Deze deelnemer is al geregistreerd."]}
    stranger = ParticipantFactory(municipality=municipality, programme__municipality=municipality)
    with pytest.raises(ValidationError) as error, unchanged():
        services.registration_create(
            municipality=municipality,
            actor=None,
            operation=world["operation"],
            participant=stranger,
        )
    assert "participant" in error.value.message_dict


def test_registration_entry_outside_the_operation_is_refused(world):
    with pytest.raises(ValidationError) as error, unchanged(world["anna"]):
        services.registration_update(
            registration=world["anna"], actor=None, entry_date=D(2024, 12, 31)
        )
    assert error.value.message_dict == {
        "entry_date": ["Deze datum ligt vóór de start van de operatie (01-01-2025)."]
    }


def test_result_before_leaving_is_refused(world):
    with pytest.raises(ValidationError) as error, unchanged():
        services.result_event_add(
            registration=world["bert"], actor=None, date=D(2025, 6, 29), kind="employed"
        )
    assert error.value.message_dict == {
        "date": ["Een resultaat ligt op of na de datum van vertrek."]
    }
    with pytest.raises(ValidationError), unchanged():
        services.result_event_add(
            registration=world["anna"], actor=None, date=D(2025, 6, 29), kind="employed"
        )


def test_rows_compute_the_indicators(world):
    rows = {
        r.participant.first_name: r
        for r in selectors.registration_rows(world["operation"], today=TODAY)
    }
    assert rows["Anna"].codes == {"EECO01", "EECO02", "EECO06", "EECO08", "EECO11"}
    assert rows["Bert"].codes == {"EECO01", "EECO07", "EECO09", "EECO11", "EECR04"}
    assert rows["Bert"].result_codes == ["EECR04"]
    assert rows["Bert"].six_month is None


def test_indicator_totals_are_suppressed_below_the_threshold(world, municipality):
    report = selectors.indicator_report(world["operation"], today=TODAY)
    assert report.threshold == 5
    assert report.values["EECO11"] == {
        "woman": 1,
        "man": 1,
        "non_binary": 0,
        "unknown": 0,
        "total": 2,
    }
    total = report.cell("EECO11", "total")
    assert (total.value, total.mark) == (None, "primary")
    assert report.cell("EECO03", "total").value == 0
    OutcomeSettings.objects.create(municipality=municipality, threshold=1)
    report = selectors.indicator_report(world["operation"], today=TODAY)
    assert report.cell("EECO11", "total").value == 2
    assert report.cell("EECO01", "woman").value == 1
    assert report.cell("EECR04", "man").value == 1


def test_worklist(world):
    problems = selectors.worklist(world["operation"], today=TODAY)
    assert [(p.participant.first_name if p.participant else "", p.kind) for p in problems] == [
        ("Cas", "no_registration"),
        ("Bert", "six_months"),
    ]


def test_worklist_shows_missing_entry_data_result_and_rates(world, municipality):
    services.registration_update(
        registration=world["anna"], actor=None, labour_status="", education="", gender=""
    )
    services.registration_update(
        registration=world["anna"], actor=None, leaving_date=D(2025, 10, 31)
    )
    StaffRate.objects.filter(staff=world["worker"]).delete()
    kinds = [
        (p.participant.first_name if p.participant else p.staff.username, p.kind)
        for p in selectors.worklist(world["operation"], today=TODAY)
    ]
    assert kinds == [
        ("Cas", "no_registration"),
        ("Anna", "status"),
        ("Anna", "education"),
        ("Anna", "gender"),
        ("Anna", "result"),
        ("Anna", "six_months"),
        ("Bert", "six_months"),
        ("consulent", "staff_rate"),
    ]
    last = selectors.worklist(world["operation"], today=TODAY)[-1]
    assert last.text == "2,50 uur zonder uurtarief van deze medewerker."


def test_claim_by_hand(world):
    """Coach: 4,00 + 3,00 h × € 35,00 = € 245,00 (Bert's hour after leaving and
    Cas's hours do not count). Caseworker: 2,50 h × € 29,07 = € 72,675 -> € 72,68.
    Direct € 317,68; 40 % = € 127,072 -> € 127,07; total € 444,75."""
    claim = selectors.cost_claim(world["operation"], first=D(2025, 1, 1), last=D(2025, 12, 31))
    assert [
        (line["staff"].username, line["hours"], line["rate"], line["amount"])
        for line in claim.lines
    ] == [
        ("coach", Decimal(7), Decimal("35.00"), Decimal("245.00")),
        ("consulent", Decimal("2.5"), Decimal("29.07"), Decimal("72.68")),
    ]
    assert (claim.direct, claim.flat, claim.total) == (
        Decimal("317.68"),
        Decimal("127.07"),
        Decimal("444.75"),
    )
    assert claim.assumed is True
    assert claim.standard_hours == {2025: Decimal("1720.000000000000")}


def test_staff_rate_same_day_replaces_and_audits(world, municipality):
    rate = services.staff_rate_set(
        municipality=municipality,
        actor=None,
        staff=world["coach"],
        valid_from=D(2025, 1, 1),
        annual_cost="61000.00",
        part_time_factor="1",
        source="Loonstrook februari 2025",
    )
    assert StaffRate.objects.filter(staff=world["coach"]).count() == 1
    assert rate.annual_cost == Decimal("61000.00")
    entry = AuditEntry.objects.filter(object_type="esf.staffrate", action=AuditAction.UPDATE).get()
    assert entry.changes["annual_cost"] == ["60200.00", "61000.00"]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"annual_cost": "abc"}, "annual_cost"),
        ({"annual_cost": "0"}, "annual_cost"),
        ({"part_time_factor": "1.5"}, "part_time_factor"),
        ({"part_time_factor": "NaN"}, "part_time_factor"),
        ({"source": " "}, "source"),
        ({"valid_from": None}, "valid_from"),
    ],
)
def test_staff_rate_bad_input_is_refused(world, municipality, kwargs, field):
    data = {
        "valid_from": D(2026, 1, 1),
        "annual_cost": "50000",
        "part_time_factor": "1",
        "source": "Loonstrook",
    } | kwargs
    with pytest.raises(ValidationError) as error, unchanged():
        services.staff_rate_set(municipality=municipality, actor=None, staff=world["coach"], **data)
    assert list(error.value.message_dict) == [field]


def test_staff_rate_of_an_outsider_is_refused(world, municipality):
    outsider = UserFactory(username="buiten")
    with pytest.raises(ValidationError) as error, unchanged():
        services.staff_rate_set(
            municipality=municipality,
            actor=None,
            staff=outsider,
            valid_from=D(2026, 1, 1),
            annual_cost="50000",
            source="x",
        )
    assert list(error.value.message_dict) == ["staff"]


def test_registration_is_unique_per_operation(world):
    assert EsfRegistration.objects.filter(operation=world["operation"]).count() == 2
