"""The transition payment and the late-notice compensation of recorded contracts:
the selectors, the costs they book, the end-reason and notice services, the warning
on a late notice, the contract page, the worklist and the API.

Every contract here is 32 hours a week at 14.71 an hour (the minimum wage of 2026),
with the demo's parameters: holiday allowance 8 %, transition payment maximum
102,000 in 2026. By hand:

- gross monthly wage 14.71 × 32 × 52 / 12 = 2,039.7867 -> **2,039.79** (the late
  notice's wage, without holiday allowance);
- holiday allowance 8 % of 2,039.79 = 163.1832 -> 163.18, so the transition
  payment's monthly wage is **2,202.97**.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from django.core.exceptions import ValidationError

from basisbaan.audit.models import AuditAction, AuditEntry
from basisbaan.calc.severance import ServiceLength
from basisbaan.contracts.constants import Decision, EndReason
from basisbaan.contracts.models import (
    Contract,
    ContractPeriod,
    ContractWageLine,
    RenewalDecision,
)
from basisbaan.contracts.selectors import contract_list
from basisbaan.contracts.services import contract_end_reason_set, notice_record, renewal_decide
from basisbaan.contracts.severance import (
    SeveranceCost,
    SeveranceKind,
    late_notice_of,
    monthly_wage_for_severance,
    service_terms,
    severance_costs,
    transition_payment_of,
)
from tests.contracts.factories import (
    AdultContractFactory,
    AdultPeriodFactory,
    ContractSettingsFactory,
    RenewalDecisionFactory,
)
from tests.factories import ProgrammeFactory
from tests.unchanged import unchanged

pytestmark = pytest.mark.django_db
D = dt.date
E = Decimal
TODAY = D(2026, 11, 18)
TP = SeveranceKind.TRANSITION_PAYMENT
LATE = SeveranceKind.LATE_NOTICE


def make_contract(programme, employer="Caparis", participant=None, **fields):
    if participant is not None:
        fields["participant"] = participant
    else:
        fields.update(
            participant__programme=programme,
            participant__first_name="Jan",
            participant__last_name="Jansen",
        )
    return AdultContractFactory(employer_name=employer, **fields)


def make_period(contract, start, end, sequence=1):
    return AdultPeriodFactory(
        contract=contract,
        sequence=sequence,
        start_date=start,
        end_date=end,
        hourly_wage=E("14.71"),
        hours_per_week=E("32.0"),
    )


def decide(period, decision=Decision.NOT_RENEW, notice=None):
    return RenewalDecisionFactory(period=period, decision=decision, notice_sent_on=notice)


def loaded(contract):
    return contract_list(municipality=contract.municipality).get(pk=contract.pk)


def eleven_months(programme):
    """1-1-2026 .. 30-6-2026 renewed (noticed in time), then 1-7-2026 .. 30-11-2026 not
    renewed: 11 months of service ending on 30-11-2026."""
    contract = make_contract(programme)
    first = make_period(contract, D(2026, 1, 1), D(2026, 6, 30))
    decide(first, Decision.RENEW, notice=D(2026, 5, 15))
    second = make_period(contract, D(2026, 7, 1), D(2026, 11, 30), sequence=2)
    decide(second, notice=D(2026, 10, 20))
    return contract


# --- the monthly wage -----------------------------------------------------------------------


def test_the_monthly_wage_with_and_without_holiday_allowance(programme):
    period = make_period(make_contract(programme), D(2026, 1, 1), D(2026, 12, 31))

    assert monthly_wage_for_severance(period) == E("2202.97")
    assert monthly_wage_for_severance(period, holiday=False) == E("2039.79")


def test_the_monthly_wage_follows_the_wage_line_in_force_on_the_day(programme):
    """From 1-7-2026 15.00 an hour: 15 × 32 × 52 / 12 = 2,080.00, plus 166.40 = 2,246.40."""
    period = make_period(make_contract(programme), D(2026, 1, 1), D(2026, 12, 31))
    ContractWageLine.objects.create(
        municipality=period.municipality,
        period=period,
        start_date=D(2026, 7, 1),
        hourly_wage=E("15.00"),
    )

    assert monthly_wage_for_severance(period) == E("2246.40")
    assert monthly_wage_for_severance(period, D(2026, 6, 30)) == E("2202.97")
    assert monthly_wage_for_severance(period, holiday=False) == E("2080.00")


# --- the transition payment -----------------------------------------------------------------


def test_eleven_months_across_a_renewal_not_renewed(programme):
    """2,202.97 × 11 / 36 = 673.1297 -> 673.13, due at the end on 30-11-2026."""
    view = transition_payment_of(loaded(eleven_months(programme)))

    assert view is not None
    assert (view.due, view.prospective, view.reason) == (True, False, EndReason.NOT_RENEWED)
    assert (view.amount, view.monthly_wage, view.service) == (
        E("673.13"),
        E("2202.97"),
        ServiceLength(11, 0),
    )
    assert (view.end, view.cap, view.cap_assumed) == (D(2026, 11, 30), E("102000.00"), False)
    assert view.service_text == "0 jaar, 11 maanden en 0 dagen"
    assert view.why_not == ""


def test_a_resignation_owes_no_transition_payment(programme):
    contract = eleven_months(programme)
    Contract.objects.filter(pk=contract.pk).update(end_reason=EndReason.RESIGNED)

    view = transition_payment_of(loaded(contract))

    assert (view.due, view.prospective, view.amount) == (False, False, E("673.13"))
    assert view.why_not == (
        "Niet verschuldigd bij deze reden van einde: Opzegging door de werknemer."
    )
    assert transition_payment_of(loaded(contract), reason=EndReason.DISMISSAL).due


def test_a_running_contract_shows_what_it_would_be_at_its_end(programme):
    """1-7-2026 .. 31-12-2026 undecided: 2,202.97 × 6 / 36 = 367.16 if not renewed."""
    contract = make_contract(programme)
    make_period(contract, D(2026, 7, 1), D(2026, 12, 31))

    view = transition_payment_of(loaded(contract))

    assert (view.due, view.prospective, view.amount, view.end) == (
        False,
        True,
        E("367.16"),
        D(2026, 12, 31),
    )
    assert view.why_not == (
        "Het contract loopt nog: dit bedrag is verschuldigd als het op 31-12-2026 eindigt "
        "zonder verlenging."
    )


def test_a_permanent_contract_shows_what_it_would_be_at_the_programmes_end(programme):
    """Permanent from 1-1-2026, its period running past the programme's end (31-12-2026):
    1-7-2025 .. 31-12-2026 is 18 months: 2,202.97 × 18 / 36 = 1,101.485 -> 1,101.49."""
    contract = make_contract(programme, is_permanent=True, permanent_from=D(2026, 1, 1))
    make_period(contract, D(2025, 7, 1), D(2025, 12, 31))
    make_period(contract, D(2026, 1, 1), D(2027, 6, 30), sequence=2)

    view = transition_payment_of(loaded(contract))

    assert (view.prospective, view.end, view.amount) == (True, D(2026, 12, 31), E("1101.49"))
    assert view.why_not.startswith("Vast contract: dit bedrag is verschuldigd als het ")


def test_service_counts_an_earlier_contract_within_six_months_with_the_same_employer(
    programme,
):
    """' caparis ' 1-1-2025 .. 30-6-2025, a gap of five months, then 'Caparis' 1-12-2025 ..
    30-11-2026, not renewed: 6 + 12 = 18 months, 2,202.97 × 18 / 36 = 1,101.49. The
    municipality's contract before it counts only when the programme counts successive
    employers as one: 24 months, 2,202.97 × 24 / 36 = 1,468.6467 -> 1,468.65."""
    first = make_contract(programme, "Gemeente Leeuwarden")
    person = first.participant
    make_period(first, D(2024, 7, 1), D(2024, 12, 31))
    make_period(make_contract(programme, " caparis ", person), D(2025, 1, 1), D(2025, 6, 30))
    last = make_contract(programme, "Caparis", person)
    decide(make_period(last, D(2025, 12, 1), D(2026, 11, 30)))

    view = transition_payment_of(loaded(last))

    assert service_terms(loaded(last)) == [
        (D(2025, 1, 1), D(2025, 6, 30)),
        (D(2025, 12, 1), D(2026, 11, 30)),
    ]
    assert (view.service, view.amount) == (ServiceLength(18, 0), E("1101.49"))
    ContractSettingsFactory(programme=programme, chain_across_employers=True)
    across = transition_payment_of(loaded(last))
    assert (across.service, across.amount) == (ServiceLength(24, 0), E("1468.65"))


def test_an_interruption_of_more_than_six_months_starts_the_service_again(programme):
    """Ended 31-5-2025; the next contract starts 2-12-2025, six months and a day later: only
    2-12-2025 .. 1-12-2026 counts, 12 months: 2,202.97 / 3 = 734.3233 -> 734.32."""
    earlier = make_contract(programme)
    make_period(earlier, D(2025, 1, 1), D(2025, 5, 31))
    last = make_contract(programme, participant=earlier.participant)
    decide(make_period(last, D(2025, 12, 2), D(2026, 12, 1)))

    view = transition_payment_of(loaded(last))

    assert (view.service, view.amount) == (ServiceLength(12, 0), E("734.32"))


# --- the late-notice compensation -----------------------------------------------------------


def half_year(programme, notice=None, decision=None):
    """1-7-2026 .. 31-12-2026: notice by 30-11-2026, a notice month of 31 days."""
    period = make_period(make_contract(programme), D(2026, 7, 1), D(2026, 12, 31))
    if decision is not None:
        decide(period, decision, notice)
    return period


@pytest.mark.parametrize(
    ("notice", "days_late", "owed"),
    [
        (D(2026, 11, 30), 0, E("0.00")),
        # 2,039.79 × 10 / 31 = 657.9968 -> 658.00
        (D(2026, 12, 10), 10, E("658.00")),
        (D(2026, 12, 31), 31, E("2039.79")),
    ],
)
def test_late_notice_by_0_10_and_31_days(programme, notice, days_late, owed):
    period = half_year(programme, notice, Decision.RENEW)

    view = late_notice_of(period, today=TODAY)

    assert (view.deadline, view.month_days, view.monthly_wage) == (
        D(2026, 11, 30),
        31,
        E("2039.79"),
    )
    assert (view.days_late, view.owed) == (days_late, owed)


def test_no_notice_is_open_until_the_deadline_or_the_end(programme):
    """No decision: open until the period ends, then a whole month. A decision without a
    notice date: open until the deadline, then a whole month."""
    undecided = half_year(programme)
    decided = half_year(programme, None, Decision.NOT_RENEW)

    assert late_notice_of(undecided, today=TODAY).owed is None
    assert late_notice_of(undecided, today=D(2026, 12, 31)).owed is None
    assert late_notice_of(undecided, today=D(2027, 1, 1)).owed == E("2039.79")
    assert late_notice_of(decided, today=D(2026, 11, 30)).owed is None
    assert late_notice_of(decided, today=D(2026, 12, 1)).owed == E("2039.79")


def test_no_notice_is_owed_under_six_months_or_on_a_permanent_contract(programme):
    short = make_period(make_contract(programme), D(2026, 7, 2), D(2026, 12, 31))
    permanent = make_contract(programme, is_permanent=True, permanent_from=D(2026, 1, 1))
    running = make_period(permanent, D(2026, 1, 1), D(2026, 12, 31))

    assert late_notice_of(short, today=TODAY) is None
    assert late_notice_of(running, today=TODAY) is None


# --- the booked costs -----------------------------------------------------------------------


@pytest.fixture
def world(programme, other_programme):
    """Ending in 2026 (today 18-11-2026):

    - ``eleven``: not renewed after 11 months: a transition payment of 673.13 on 30-11;
      its first half year was noticed in time, its last period is under six months;
    - ``late``: 1-1-2026 .. 30-6-2026, not renewed, noticed 9-6 (deadline 30-5, ten of
      31 days late): late notice 2,039.79 × 10 / 31 = 658.00 and a transition payment
      2,202.97 × 6 / 36 = 367.16, both on 30-6;
    - ``resigned``: the same, noticed in time, but the employee resigned: nothing;
    - ``ended``: 1-7-2025 .. 31-12-2025, no decision recorded at all: a whole month,
      2,039.79, on 31-12-2025 (no transition payment: no end of employment recorded);
    - ``open``: 1-7-2026 .. 31-12-2026, undecided, deadline not passed: nothing yet;
    - another municipality's copy of ``late``: never.
    """
    eleven = eleven_months(programme)
    late = make_contract(programme)
    decide(make_period(late, D(2026, 1, 1), D(2026, 6, 30)), notice=D(2026, 6, 9))
    resigned = make_contract(programme, end_reason=EndReason.RESIGNED)
    decide(make_period(resigned, D(2026, 1, 1), D(2026, 6, 30)), notice=D(2026, 5, 1))
    ended = make_contract(programme)
    make_period(ended, D(2025, 7, 1), D(2025, 12, 31))
    half_year(programme)
    elsewhere = make_contract(other_programme)
    decide(make_period(elsewhere, D(2026, 1, 1), D(2026, 6, 30)), notice=D(2026, 6, 9))
    return eleven, late, ended


def _cost(contract, kind, day, amount):
    period = contract.periods.order_by("-sequence").first()
    if contract.periods.count() > 1 and kind == LATE:
        period = contract.periods.get(end_date=day)
    return SeveranceCost(contract.pk, contract.participant_id, period.pk, day, kind, amount)


def test_the_costs_of_recorded_facts_in_a_year(world, municipality):
    eleven, late, _ended = world

    costs = severance_costs(municipality, start=D(2026, 1, 1), end=D(2026, 12, 31), today=TODAY)

    assert costs == [
        _cost(late, LATE, D(2026, 6, 30), E("658.00")),
        _cost(late, TP, D(2026, 6, 30), E("367.16")),
        _cost(eleven, TP, D(2026, 11, 30), E("673.13")),
    ]


def test_the_window_and_the_filters(world, municipality, programme):
    eleven, late, ended = world

    wider = severance_costs(municipality, start=D(2025, 1, 1), end=D(2026, 6, 30), today=TODAY)
    only = severance_costs(
        municipality,
        start=D(2025, 1, 1),
        end=D(2026, 12, 31),
        today=TODAY,
        contract_ids=[eleven.pk],
    )
    none = severance_costs(
        municipality,
        start=D(2025, 1, 1),
        end=D(2026, 12, 31),
        today=TODAY,
        programme_ids=[ProgrammeFactory(municipality=municipality).pk],
    )

    assert [(c.contract_id, c.kind, c.day) for c in wider] == [
        (ended.pk, LATE, D(2025, 12, 31)),
        (late.pk, LATE, D(2026, 6, 30)),
        (late.pk, TP, D(2026, 6, 30)),
    ]
    assert wider[0].amount == E("2039.79")
    assert [(c.contract_id, c.amount) for c in only] == [(eleven.pk, E("673.13"))]
    assert none == []


def test_the_costs_take_a_fixed_number_of_queries(
    world, municipality, programme, django_assert_max_num_queries
):
    """Periods, wage lines, the participants' periods and two parameter series."""
    with django_assert_max_num_queries(5):
        few = severance_costs(municipality, start=D(2025, 1, 1), end=D(2026, 12, 31), today=TODAY)
    for _ in range(4):
        eleven_months(programme)
    with django_assert_max_num_queries(5):
        more = severance_costs(municipality, start=D(2025, 1, 1), end=D(2026, 12, 31), today=TODAY)
    assert (len(few), len(more)) == (4, 8)


def test_the_page_and_the_costs_agree(world, municipality):
    eleven, late, _ended = world

    booked = severance_costs(municipality, start=D(2026, 1, 1), end=D(2026, 12, 31), today=TODAY)

    assert transition_payment_of(loaded(late)).amount == booked[1].amount
    assert late_notice_of(late.periods.get(), today=TODAY).owed == booked[0].amount
    assert transition_payment_of(loaded(eleven)).amount == booked[2].amount


# --- services -------------------------------------------------------------------------------


def test_the_end_reason_is_recorded_and_audited(programme, manager):
    contract = make_contract(programme)

    contract_end_reason_set(contract=contract, actor=manager, reason=EndReason.DISMISSAL)

    contract.refresh_from_db()
    assert contract.end_reason == EndReason.DISMISSAL
    entry = AuditEntry.objects.filter(action=AuditAction.UPDATE).latest("id")
    assert (entry.actor, entry.object_type, entry.object_id) == (
        manager,
        "contracts.contract",
        str(contract.pk),
    )


def test_an_unknown_end_reason_is_refused_in_dutch(programme, manager):
    contract = make_contract(programme)

    with pytest.raises(ValidationError) as info, unchanged(contract):
        contract_end_reason_set(contract=contract, actor=manager, reason="fired")

    assert info.value.message_dict == {
        "end_reason": [
            "Kies een reden uit de lijst: Niet verlengd door de werkgever, Einde van het "
            "programma, Ontslag door de werkgever, Met wederzijds goedvinden, Opzegging door "
            "de werknemer, Ernstig verwijtbaar handelen van de werknemer."
        ]
    }


def test_not_renewing_records_the_end_reason_unless_one_is_set(programme, manager):
    plain = half_year(programme)
    resigned = make_period(
        make_contract(programme, end_reason=EndReason.RESIGNED), D(2026, 7, 1), D(2026, 12, 31)
    )

    for period in (plain, resigned):
        renewal_decide(period=period, actor=manager, decision=Decision.NOT_RENEW, reason="Klaar")

    plain.contract.refresh_from_db()
    resigned.contract.refresh_from_db()
    assert plain.contract.end_reason == EndReason.NOT_RENEWED
    assert resigned.contract.end_reason == EndReason.RESIGNED


def test_a_notice_is_recorded_on_the_decision(programme, manager):
    period = half_year(programme, None, Decision.NOT_RENEW)

    decision = notice_record(period=period, actor=manager, notice_sent_on=D(2026, 12, 10))

    assert RenewalDecision.objects.get(pk=decision.pk).notice_sent_on == D(2026, 12, 10)
    fresh = ContractPeriod.objects.get(pk=period.pk)
    assert late_notice_of(fresh, today=TODAY).owed == E("658.00")


def test_a_notice_before_the_decision_or_the_period_is_refused(programme, manager):
    undecided = half_year(programme)
    decided = half_year(programme, None, Decision.NOT_RENEW)

    with pytest.raises(ValidationError) as first, unchanged(undecided):
        notice_record(period=undecided, actor=manager, notice_sent_on=D(2026, 11, 1))
    with pytest.raises(ValidationError) as second, unchanged(decided.decision):
        notice_record(period=decided, actor=manager, notice_sent_on=D(2026, 6, 30))

    assert first.value.messages == [
        "Leg eerst het besluit over verlenging vast: de aanzegging is de schriftelijke "
        "mededeling van dat besluit."
    ]
    assert second.value.message_dict == {
        "notice_sent_on": ["De aanzegging ligt vóór het begin van de periode."]
    }


# --- pages ----------------------------------------------------------------------------------


def ending_30_november(programme):
    """1-4-2026 .. 30-11-2026: notice by 30-10-2026 (a notice month of 31 days)."""
    return make_period(make_contract(programme), D(2026, 4, 1), D(2026, 11, 30))


WARNING = (
    "Te laat aangezegd: aanzegvergoeding € 658,00 (10 dagen na de uiterste aanzegdatum 30-10-2026)."
)


def test_a_late_notice_on_the_decision_form_warns_with_the_compensation(
    programme, manager, client_as, municipality
):
    period = ending_30_november(programme)

    response = client_as(manager).post(
        f"/contracten/{period.contract_id}/besluit/",
        {"decision": "not_renew", "reason": "Uitstroom", "notice_sent_on": "09-11-2026"},
        follow=True,
    )

    assert WARNING in [str(m) for m in response.context["messages"]]
    booked = severance_costs(municipality, start=D(2026, 11, 1), end=D(2026, 11, 30), today=TODAY)
    assert [(c.kind, c.amount) for c in booked] == [
        (LATE, E("658.00")),
        # 2,202.97 × 8 / 36 = 489.5489 -> 489.55
        (TP, E("489.55")),
    ]


def test_a_notice_in_time_does_not_warn(programme, manager, client_as):
    period = ending_30_november(programme)

    response = client_as(manager).post(
        f"/contracten/{period.contract_id}/besluit/",
        {"decision": "not_renew", "reason": "Uitstroom", "notice_sent_on": "30-10-2026"},
        follow=True,
    )

    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_recording_a_late_notice_later_warns_too(programme, manager, client_as):
    period = ending_30_november(programme)
    decide(period)
    client = client_as(manager)
    url = f"/contracten/{period.contract_id}/periodes/{period.pk}/aanzegging/"

    assert client.get(url).status_code == 200
    response = client.post(url, {"notice_sent_on": "09-11-2026"}, follow=True)

    assert [str(m) for m in response.context["messages"]] == [
        "De aanzegging is vastgelegd.",
        WARNING,
    ]
    assert RenewalDecision.objects.get(period=period).notice_sent_on == D(2026, 11, 9)


def test_the_contract_page_shows_the_end_of_employment(programme, manager, client_as):
    contract = eleven_months(programme)

    response = client_as(manager).get(f"/contracten/{contract.pk}/")

    body = response.content.decode()
    assert 'id="einde-dienstverband"' in body
    assert "€ 673,13" in body
    assert "€ 2.202,97" in body
    assert "0 jaar, 11 maanden en 0 dagen" in body
    assert "Niet verlengd door de werkgever" in body
    notices = response.context["severance"].notices
    assert [(n.label, n.notice.deadline if n.notice else None) for n in notices] == [
        ("Eerste contract", D(2026, 5, 30)),
        ("Verlenging 1", None),
    ]
    assert f'action="/contracten/{contract.pk}/einde/"' in body


def test_the_end_reason_form_saves_through_the_service(programme, manager, client_as):
    contract = eleven_months(programme)

    response = client_as(manager).post(
        f"/contracten/{contract.pk}/einde/", {"end_reason": "serious_culpable"}
    )

    assert response.status_code == 302
    assert response["Location"] == f"/contracten/{contract.pk}/#einde-dienstverband"
    contract.refresh_from_db()
    assert contract.end_reason == EndReason.SERIOUS_CULPABLE
    assert not transition_payment_of(loaded(contract)).due


def test_another_municipality_cannot_set_the_end_reason(programme, outsider, client_as):
    contract = eleven_months(programme)

    with unchanged(contract):
        response = client_as(outsider).post(
            f"/contracten/{contract.pk}/einde/", {"end_reason": "resigned"}
        )

    assert response.status_code == 404


def test_the_worklist_shows_what_delay_costs(programme, manager, client_as):
    """Undecided 1-5-2026 .. 30-11-2026, deadline 30-10 passed by 19 days on 18-11:
    2,039.79 × 19 / 31 = 1,250.1942 -> 1,250.19 now; 2,039.79 / 31 = 65.80 a day."""
    period = ending_30_november(programme)

    response = client_as(manager).get("/contracten/beslissingen/")

    [row] = response.context["rows"]
    assert row.period == period
    assert (row.delay.per_day, row.delay.so_far, row.delay.monthly_wage) == (
        E("65.80"),
        E("1250.19"),
        E("2039.79"),
    )
    body = response.content.decode()
    assert "€ 65,80 per dag te laat; zonder aanzegging € 2.039,79" in body
    assert "nu al € 1.250,19" in body


# --- API ------------------------------------------------------------------------------------


def test_the_api_shows_the_transition_payment_and_the_notices(programme, manager, api_as):
    contract = eleven_months(programme)
    client = api_as(manager)

    body = client.get(f"/api/v1/contracts/{contract.pk}/").json()
    listed = client.get("/api/v1/contracts/").json()["results"][0]

    assert body["end_reason"] == ""
    assert body["transition_payment"] == {
        "due": True,
        "prospective": False,
        "amount": "673.13",
        "monthly_wage": "2202.97",
        "service_months": 11,
        "service_days": 0,
        "cap": "102000.00",
        "cap_source": body["transition_payment"]["cap_source"],
        "cap_assumed": False,
        "end": "2026-11-30",
        "reason": "not_renewed",
        "why_not": "",
    }
    assert "Art. 7:673" in body["transition_payment"]["cap_source"]
    first = contract.periods.get(sequence=1)
    assert body["late_notice"] == [
        {
            "period": first.pk,
            "deadline": "2026-05-30",
            "notice_sent_on": "2026-05-15",
            "days_late": 0,
            "monthly_wage": "2039.79",
            "month_days": 31,
            "owed": "0.00",
            "per_day": "65.80",
        }
    ]
    assert "transition_payment" not in listed


def test_the_api_sets_the_end_reason(programme, manager, api_as):
    contract = eleven_months(programme)
    client = api_as(manager)
    url = f"/api/v1/contracts/{contract.pk}/end-reason/"

    response = client.post(url, {"end_reason": "resigned"}, format="json")

    assert response.status_code == 200, response.json()
    assert response.json()["end_reason"] == "resigned"
    assert response.json()["transition_payment"]["due"] is False
    with unchanged(contract):
        refused = client.post(url, {"end_reason": "fired"}, format="json")
    assert refused.status_code == 400


def test_the_api_warns_of_a_late_notice(programme, manager, api_as):
    period = ending_30_november(programme)
    client = api_as(manager)

    response = client.post(
        f"/api/v1/contracts/{period.contract_id}/decisions/",
        {"decision": "not_renew", "reason": "Uitstroom", "notice_sent_on": "2026-11-09"},
        format="json",
    )

    assert response.status_code == 201, response.json()
    assert (response.json()["late_notice_compensation"], response.json()["warning"]) == (
        "658.00",
        WARNING,
    )


def test_the_api_records_a_notice(programme, manager, api_as):
    period = ending_30_november(programme)
    decide(period)
    client = api_as(manager)

    response = client.post(
        f"/api/v1/contracts/{period.contract_id}/notice/",
        {"period": period.pk, "notice_sent_on": "2026-10-30"},
        format="json",
    )

    assert response.status_code == 200, response.json()
    assert (response.json()["late_notice_compensation"], response.json()["warning"]) == (
        None,
        "",
    )


def test_the_api_refuses_another_municipalitys_contract(programme, outsider, api_as):
    contract = eleven_months(programme)

    with unchanged(contract):
        response = api_as(outsider).post(
            f"/api/v1/contracts/{contract.pk}/end-reason/", {"end_reason": "resigned"}
        )

    assert response.status_code == 404


def test_the_worklist_api_gives_the_delay_cost(programme, manager, api_as):
    ending_30_november(programme)

    [row] = api_as(manager).get("/api/v1/contract-decisions-due/").json()

    assert row["delay_cost"] == {
        "deadline": "2026-10-30",
        "per_day": "65.80",
        "so_far": "1250.19",
        "monthly_wage": "2039.79",
    }
