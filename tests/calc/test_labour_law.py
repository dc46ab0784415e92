"""The labour-law rules (calc/labour_law.py): notice deadline, chain rule, minimum wage.

Each case argues its expected answer in its docstring from the article it follows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from basisbaan.calc.dates import add_months, period_end
from basisbaan.calc.labour_law import (
    LEGAL_CHAIN_LIMITS,
    ChainLimits,
    ChainReason,
    MinimumWageTable,
    Rate,
    Term,
    age_on,
    chain_continues,
    chain_of,
    chain_status,
    check_renewal,
    first_shortfall,
    lasts_six_months,
    notice_deadline,
)

D = dt.date
E = Decimal


def half_years(first: dt.date, count: int) -> list[Term]:
    """``count`` consecutive six-month terms from ``first``, without gaps."""
    terms, start = [], first
    for _ in range(count):
        end = period_end(start, 6)
        terms.append(Term(start, end))
        start = end + dt.timedelta(days=1)
    return terms


# --- notice deadline (aanzegtermijn, art. 7:668 BW) ------------------------------------------


def test_notice_deadline_is_one_month_before_the_end():
    """A half-year contract 1 July - 31 December 2024 lasts six months, so the employer
    must say in writing at least one month before the end whether it is renewed:
    31 December minus one month is 30 November (November has no 31st)."""
    assert notice_deadline(D(2024, 7, 1), D(2024, 12, 31)) == D(2024, 11, 30)


def test_notice_deadline_of_a_contract_ending_30_june():
    """1 January - 30 June 2025: one month before 30 June is 30 May."""
    assert notice_deadline(D(2025, 1, 1), D(2025, 6, 30)) == D(2025, 5, 30)


def test_no_notice_duty_under_six_months():
    """1 July - 30 December 2024 is one day short of six months: the law asks no notice."""
    assert lasts_six_months(D(2024, 7, 1), D(2024, 12, 30)) is False
    assert notice_deadline(D(2024, 7, 1), D(2024, 12, 30)) is None


def test_a_mid_month_half_year_lasts_six_months():
    """16 July 2024 - 15 January 2025 is exactly six months (16 July + 6 months - 1 day);
    the deadline is 15 December."""
    assert lasts_six_months(D(2024, 7, 16), D(2025, 1, 15))
    assert notice_deadline(D(2024, 7, 16), D(2025, 1, 15)) == D(2024, 12, 15)


# --- chain rule (ketenregeling, art. 7:668a BW) -----------------------------------------------


def test_a_fourth_contract_is_permanent_by_law():
    """Three consecutive half-year contracts (first contract and two renewals) are allowed;
    the fourth contract in a row (the third renewal) makes it permanent from its start."""
    first, second, third, fourth = half_years(D(2024, 7, 1), 4)
    check = check_renewal([first, second, third], fourth)
    assert (check.position, check.makes_permanent) == (4, True)
    assert check.reason == ChainReason.COUNT
    assert check.permanent_from == fourth.start == D(2026, 1, 1)


def test_the_third_contract_is_the_last_one_and_says_so():
    """The second renewal is the third contract: still fixed-term, but the next renewal
    would make it permanent, so the check says ``next_makes_permanent``."""
    first, second, third = half_years(D(2024, 7, 1), 3)
    check = check_renewal([first, second], third)
    assert (check.position, check.makes_permanent) == (3, False)
    assert check.renewals_left == 0
    assert check.next_makes_permanent
    assert check_renewal([first], second).renewals_left == 1


def test_more_than_36_months_is_permanent_from_the_first_day_after():
    """A year contract from 1 January 2023, renewed for two years (2024-2025), then for
    one more year: the chain passes 36 months on 31 December 2025, so the third contract
    is permanent from 1 January 2026 although it is only the third."""
    terms = [Term(D(2023, 1, 1), D(2023, 12, 31)), Term(D(2024, 1, 1), D(2025, 12, 31))]
    check = check_renewal(terms, Term(D(2026, 1, 1), D(2026, 12, 31)))
    assert check.position == 3
    assert check.reason == ChainReason.DURATION
    assert check.permanent_from == D(2026, 1, 1)
    assert check.last_fixed_day == D(2025, 12, 31)


def test_a_renewal_that_passes_36_months_midway():
    """From 1 March 2023: 18 months, then a renewal of 24 months to 28 February 2027 would
    run past 28 February 2026 (36 months): permanent from 1 March 2026. Ending on
    28 February 2026 instead stays within the chain."""
    first = Term(D(2023, 3, 1), D(2024, 8, 31))
    long = check_renewal([first], Term(D(2024, 9, 1), D(2026, 8, 31)))
    assert (long.reason, long.permanent_from) == (ChainReason.DURATION, D(2026, 3, 1))
    assert long.months == 42
    short = check_renewal([first], Term(D(2024, 9, 1), D(2026, 2, 28)))
    assert not short.makes_permanent
    assert short.months == 36


def test_a_gap_of_five_months_continues_the_chain():
    """Three contracts to 30 June 2025, then a new one from 1 December 2025: the
    interruption 1 July - 30 November is five months, at most six, so the chain goes on
    and the new contract is the fourth: permanent."""
    terms = half_years(D(2024, 1, 1), 3)
    assert terms[-1].end == D(2025, 6, 30)
    check = check_renewal(terms, Term(D(2025, 12, 1), D(2026, 5, 31)))
    assert check.position == 4
    assert check.makes_permanent


def test_a_gap_of_more_than_six_months_breaks_the_chain():
    """The same three contracts, then a new one from 2 January 2026: the interruption
    1 July 2025 - 1 January 2026 is six months and a day, more than six months, so the
    chain is broken and the new contract starts a new chain."""
    terms = half_years(D(2024, 1, 1), 3)
    check = check_renewal(terms, Term(D(2026, 1, 2), D(2026, 7, 1)))
    assert check.position == 1
    assert not check.makes_permanent
    assert check.chain_start == D(2026, 1, 2)
    assert check.renewals_left == 2


def test_a_gap_of_exactly_six_months_still_continues_the_chain():
    """Art. 7:668a lid 1: contracts that follow each other 'met tussenpozen van ten
    hoogste zes maanden' form a chain. An interruption of exactly six months (1 July -
    31 December 2025, the next contract from 1 January 2026) is 'at most six months':
    the chain continues. Only a longer interruption breaks it (the test above). Warning
    one case too early is safe; one case too late would make a contract permanent
    without anyone noticing."""
    assert chain_continues(D(2025, 6, 30), D(2026, 1, 1))
    assert not chain_continues(D(2025, 6, 30), D(2026, 1, 2))
    terms = half_years(D(2024, 1, 1), 3)
    assert check_renewal(terms, Term(D(2026, 1, 1), D(2026, 6, 30))).position == 4


def test_the_36_months_include_the_gaps():
    """'een periode van 36 maanden, deze tussenpozen inbegrepen': a year from 1 January
    2023, five months without a contract, then a contract from 1 June 2024 to
    31 January 2026: the chain runs from 1 January 2023 and passes 36 months after
    31 December 2025, so the second contract is permanent from 1 January 2026."""
    check = check_renewal(
        [Term(D(2023, 1, 1), D(2023, 12, 31))], Term(D(2024, 6, 1), D(2026, 1, 31))
    )
    assert check.chain_start == D(2023, 1, 1)
    assert (check.reason, check.permanent_from) == (ChainReason.DURATION, D(2026, 1, 1))


def test_chain_of_walks_back_only_while_the_chain_continues():
    old = Term(D(2020, 1, 1), D(2020, 12, 31))
    recent = half_years(D(2022, 1, 1), 2)
    assert chain_of([old, *recent]) == tuple(recent)
    assert chain_of([]) == ()


def test_chain_status_points_at_the_term_that_made_it_permanent():
    """Five half-year periods recorded (as the demo renews through 2026): the fourth
    made the chain permanent by law, and the fifth is past that point too."""
    terms = half_years(D(2024, 7, 1), 5)
    statuses = chain_status(terms)
    assert [s.check.position for s in statuses] == [1, 2, 3, 4, 5]
    assert [s.check.makes_permanent for s in statuses] == [False, False, False, True, True]
    assert statuses[3].check.permanent_from == D(2026, 1, 1)


def test_the_legal_limits_are_the_default():
    assert ChainLimits(max_contracts=3, max_months=36, max_gap_months=6) == LEGAL_CHAIN_LIMITS
    first, second, third, fourth = half_years(D(2024, 7, 1), 4)
    assert check_renewal([first, second, third], fourth, LEGAL_CHAIN_LIMITS) == check_renewal(
        [first, second, third], fourth
    )


def test_a_fourth_new_contract_after_a_gap_is_permanent_from_its_start():
    """Three contracts 1 January 2024 - 30 June 2025, then, after a three-month gap, a new
    contract 1 October 2025 - 31 March 2026: the fourth in the chain, so permanent by law
    on its first day, 1 October 2025 (not at some later point)."""
    terms = half_years(D(2024, 1, 1), 3)
    check = check_renewal(terms, Term(D(2025, 10, 1), D(2026, 3, 31)))
    assert (check.position, check.reason, check.permanent_from) == (
        4,
        ChainReason.COUNT,
        D(2025, 10, 1),
    )
    assert check.chain_start == D(2024, 1, 1)


def test_36_months_and_one_day_is_permanent_from_the_day_after_36_months_mid_period():
    """A first contract 1 January 2024 - 31 December 2025 (24 months) and a renewal
    1 January 2026 - 1 January 2027: the chain lasts 36 months and one day. The 36th
    month ends on 31 December 2026, so the renewal is permanent from 1 January 2027, its
    last day, not from its start. The same renewal ending on 31 December 2026 is exactly
    36 months: still fixed-term, and the next contract would be the third."""
    first = Term(D(2024, 1, 1), D(2025, 12, 31))
    check = check_renewal([first], Term(D(2026, 1, 1), D(2027, 1, 1)))
    assert (check.position, check.reason) == (2, ChainReason.DURATION)
    assert check.last_fixed_day == D(2026, 12, 31)
    assert check.permanent_from == D(2027, 1, 1)
    assert check.months == 36  # whole months; the extra day is no month
    exact = check_renewal([first], Term(D(2026, 1, 1), D(2026, 12, 31)))
    assert (exact.makes_permanent, exact.months, exact.renewals_left) == (False, 36, 1)


def test_a_cao_with_six_contracts_in_48_months():
    """A collective agreement allowing six contracts in 48 months, half-year contracts
    from 1 July 2024: the fourth (from 1 January 2026) stays fixed-term, with two renewals
    left (by law it is permanent from that day); the sixth (1 January - 30 June 2027) is
    the last; the seventh is permanent from its start, 1 July 2027. A sixth contract from
    1 January 2027 to 30 June 2028 (48 months of chain) still fits; to 31 July 2028 it
    passes 48 months: permanent from 1 July 2028."""
    cao = ChainLimits(max_contracts=6, max_months=48)
    terms = half_years(D(2024, 7, 1), 7)
    fourth = check_renewal(terms[:3], terms[3], cao)
    assert (fourth.position, fourth.makes_permanent, fourth.renewals_left) == (4, False, 2)
    assert fourth.last_fixed_day == D(2028, 6, 30)
    sixth = check_renewal(terms[:5], terms[5], cao)
    assert (sixth.position, sixth.makes_permanent, sixth.next_makes_permanent) == (6, False, True)
    seventh = check_renewal(terms[:6], terms[6], cao)
    assert (seventh.reason, seventh.permanent_from) == (ChainReason.COUNT, D(2027, 7, 1))
    assert seventh.limits == cao
    fits = check_renewal(terms[:5], Term(D(2027, 1, 1), D(2028, 6, 30)), cao)
    assert not fits.makes_permanent
    past = check_renewal(terms[:5], Term(D(2027, 1, 1), D(2028, 7, 31)), cao)
    assert (past.reason, past.permanent_from) == (ChainReason.DURATION, D(2028, 7, 1))
    # The law itself made the fourth contract permanent.
    assert check_renewal(terms[:3], terms[3]).permanent_from == D(2026, 1, 1)


def test_a_gap_of_exactly_the_maximum_and_one_day_more_with_other_limits():
    """A cao with a three-month gap (seasonal work): a contract ending 31 March 2025 and
    the next starting 1 July 2025 (gap 1 April - 30 June: three months) continue the
    chain; starting 2 July 2025 (three months and a day) starts a new one. Under the law
    (six months) both continue it."""
    seasonal = ChainLimits(max_gap_months=3)
    end = D(2025, 3, 31)
    assert chain_continues(end, D(2025, 7, 1), seasonal)
    assert not chain_continues(end, D(2025, 7, 2), seasonal)
    assert chain_continues(end, D(2025, 7, 2))
    previous = [Term(D(2024, 10, 1), end)]
    assert check_renewal(previous, Term(D(2025, 7, 1), D(2025, 9, 30)), seasonal).position == 2
    new = check_renewal(previous, Term(D(2025, 7, 2), D(2025, 9, 30)), seasonal)
    assert (new.position, new.chain_start) == (1, D(2025, 7, 2))
    assert chain_of([*previous, Term(D(2025, 7, 2), D(2025, 9, 30))], seasonal) == (
        Term(D(2025, 7, 2), D(2025, 9, 30)),
    )


def test_chain_status_with_cao_limits():
    """Five half-year periods under a cao of six contracts: none made it permanent."""
    terms = half_years(D(2024, 7, 1), 5)
    statuses = chain_status(terms, ChainLimits(max_contracts=6, max_months=48))
    assert [s.check.makes_permanent for s in statuses] == [False] * 5


@given(
    start=st.dates(min_value=D(2020, 1, 1), max_value=D(2030, 12, 31)),
    gap_days=st.integers(min_value=0, max_value=400),
)
def test_a_gap_continues_the_chain_exactly_when_it_is_at_most_six_months(start, gap_days):
    """Property: the interruption (days strictly between the contracts) continues the
    chain exactly when it fits in six calendar months counted from its first day."""
    previous = Term(start, start + dt.timedelta(days=30))
    next_start = previous.end + dt.timedelta(days=gap_days + 1)
    first_free_day = previous.end + dt.timedelta(days=1)
    within = next_start <= add_months(first_free_day, 6)
    assert chain_continues(previous.end, next_start) == within
    assert (check_renewal([previous], Term(next_start, next_start)).position == 2) == within


# --- minimum wage -------------------------------------------------------------------------


TABLE = MinimumWageTable(
    hourly=(
        Rate(D(2024, 1, 1), E("13.27")),
        Rate(D(2024, 7, 1), E("13.68")),
        Rate(D(2025, 1, 1), E("14.06")),
        Rate(D(2025, 7, 1), E("14.40")),
        Rate(D(2026, 1, 1), E("14.71")),
    ),
    by_week={
        36: (Rate(D(2023, 1, 1), E("12.40")), Rate(D(2023, 7, 1), E("12.79"))),
        38: (Rate(D(2023, 1, 1), E("11.75")), Rate(D(2023, 7, 1), E("12.12"))),
        40: (Rate(D(2023, 1, 1), E("11.16")), Rate(D(2023, 7, 1), E("11.51"))),
    },
    youth={
        20: (Rate(D(2023, 1, 1), E("0.80")),),
        19: (Rate(D(2023, 1, 1), E("0.60")),),
        18: (Rate(D(2023, 1, 1), E("0.50")),),
        17: (Rate(D(2023, 1, 1), E("0.395")),),
        16: (Rate(D(2023, 1, 1), E("0.345")),),
        15: (Rate(D(2023, 1, 1), E("0.30")),),
    },
)
ADULT = D(1980, 5, 17)


def test_a_period_over_a_rise_has_two_steps():
    """April - September 2024: 13.27 until 30 June, 13.68 from 1 July."""
    steps = TABLE.schedule(D(2024, 4, 1), D(2024, 9, 30), birth_date=ADULT)
    assert [(s.start, s.value, s.since) for s in steps] == [
        (D(2024, 4, 1), E("13.27"), D(2024, 1, 1)),
        (D(2024, 7, 1), E("13.68"), D(2024, 7, 1)),
    ]
    short = first_shortfall(E("13.27"), steps)
    assert short is not None and (short.since, short.value) == (D(2024, 7, 1), E("13.68"))
    assert first_shortfall(E("13.68"), steps) is None


def test_youth_minimum_wage_by_age_on_each_day():
    """Born 10 March 2005: 19 on 1 January 2025 (60 % of 14.06 = 8.436 -> 8.44), 20 from
    10 March 2025 (80 % = 11.248 -> 11.25), and from 1 July 80 % of 14.40 = 11.52."""
    steps = TABLE.schedule(D(2025, 1, 1), D(2025, 12, 31), birth_date=D(2005, 3, 10))
    assert [(s.start, s.value, s.age) for s in steps] == [
        (D(2025, 1, 1), E("8.44"), 19),
        (D(2025, 3, 10), E("11.25"), 20),
        (D(2025, 7, 1), E("11.52"), 20),
    ]
    assert steps[1].since == D(2025, 3, 10)


def test_turning_21_gives_the_adult_minimum_from_the_birthday():
    """Born 1 October 2004: 20 until 30 September 2025 (80 % of 14.40 = 11.52), 21 from
    1 October 2025 (14.40)."""
    steps = TABLE.schedule(D(2025, 7, 1), D(2025, 12, 31), birth_date=D(2004, 10, 1))
    assert [(s.start, s.value, s.age) for s in steps] == [
        (D(2025, 7, 1), E("11.52"), 20),
        (D(2025, 10, 1), E("14.40"), None),
    ]
    assert steps[1].since == D(2025, 10, 1)


def test_before_2024_by_fulltime_week_and_then_hourly():
    """Second half of 2023 with a 36-hour week: 12.79; from 1 January 2024 the one hourly
    amount 13.27. A 40-hour week: 11.51 first."""
    steps36 = TABLE.schedule(D(2023, 7, 1), D(2024, 6, 30), birth_date=ADULT, fulltime_hours=36)
    assert [s.value for s in steps36] == [E("12.79"), E("13.27")]
    steps40 = TABLE.schedule(D(2023, 7, 1), D(2024, 6, 30), birth_date=ADULT, fulltime_hours=40)
    assert [s.value for s in steps40] == [E("11.51"), E("13.27")]
    # 37 hours is no published week: the 38-hour amounts.
    steps37 = TABLE.schedule(D(2023, 7, 1), D(2023, 12, 31), birth_date=ADULT, fulltime_hours=37)
    assert [s.value for s in steps37] == [E("12.12")]


def test_days_before_the_first_known_amount_are_left_out():
    steps = TABLE.schedule(D(2022, 7, 1), D(2023, 3, 31), birth_date=ADULT)
    assert [(s.start, s.value) for s in steps] == [(D(2023, 1, 1), E("11.75"))]
    assert TABLE.step_on(D(2022, 12, 31), birth_date=ADULT) is None


def test_an_assumed_rise_is_marked_and_can_be_ignored():
    """A controller's assumption of 15.00 from 1 July 2026: flagged as assumed; a check
    that counts published amounts only does not see it."""
    table = MinimumWageTable(
        hourly=(*TABLE.hourly, Rate(D(2026, 7, 1), E("15.00"), assumed=True)),
        by_week=TABLE.by_week,
        youth=TABLE.youth,
    )
    steps = table.schedule(D(2026, 1, 1), D(2026, 12, 31), birth_date=ADULT)
    assert [(s.value, s.assumed) for s in steps] == [(E("14.71"), False), (E("15.00"), True)]
    assert first_shortfall(E("14.71"), steps, include_assumed=False) is None
    flagged = first_shortfall(E("14.71"), steps)
    assert flagged is not None and flagged.assumed


def test_past_the_last_known_amount_it_holds_for_certain():
    """The last known hourly amount is from 1 January 2026; nothing is known about
    1 July 2026. The minimum wage does not fall, so 14.71 still holds for certain: a
    wage of 14.00 in a contract from August 2026 is below the minimum, not 'assumed'."""
    step = TABLE.step_on(D(2026, 8, 1), birth_date=ADULT)
    assert step is not None and (step.value, step.assumed) == (E("14.71"), False)
    steps = TABLE.schedule(D(2026, 8, 1), D(2027, 1, 31), birth_date=ADULT)
    short = first_shortfall(E("14.00"), steps, include_assumed=False)
    assert short is not None and short.since == D(2026, 1, 1)


@pytest.mark.parametrize(
    ("birth", "day", "age"),
    [
        (D(2004, 7, 15), D(2024, 7, 14), 19),
        (D(2004, 7, 15), D(2024, 7, 15), 20),
        (D(2004, 2, 29), D(2025, 2, 28), 20),
        (D(2004, 2, 29), D(2025, 3, 1), 21),
    ],
)
def test_age_on(birth, day, age):
    """Someone born on 29 February has their birthday on 1 March in a common year."""
    assert age_on(birth, day) == age
