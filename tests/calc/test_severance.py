"""The transition payment and the late-notice compensation (calc.severance), by
hand-computed cases and properties.

Transition payment: ``W × (365 × months + 12 × days) / 13,140``, rounded half up
once, at most the larger of the yearly maximum and a year's salary. Late notice:
the monthly wage × days late / the days of the notice month.
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from basisbaan.calc.labour_law import notice_deadline
from basisbaan.calc.severance import (
    ServiceLength,
    late_notice_compensation,
    service_length,
    transition_payment,
    transition_payment_cents,
)

D = dt.date
MAX_2026 = Decimal("102000.00")


# --- service length -------------------------------------------------------------------------


def test_a_first_contract_and_two_renewals_count_as_one_run_of_service():
    """1-1-2024 .. 30-6-2024, 1-7-2024 .. 31-12-2024, 1-1-2025 .. 31-3-2026: 27 months."""
    terms = [(D(2024, 1, 1), D(2024, 6, 30)), (D(2024, 7, 1), D(2024, 12, 31))]
    terms.append((D(2025, 1, 1), D(2026, 3, 31)))

    assert service_length(terms) == ServiceLength(27, 0)


def test_an_interruption_is_not_counted_but_the_terms_around_it_are():
    """1-1-2024 .. 30-6-2024 (6 months), a gap of six months, 1-1-2025 .. 15-3-2025
    (2 months and 15 days): 8 months and 15 days, the gap left out."""
    terms = [(D(2024, 1, 1), D(2024, 6, 30)), (D(2025, 1, 1), D(2025, 3, 15))]

    assert service_length(terms) == ServiceLength(8, 15)


def test_part_of_a_month_counts_its_days():
    """15-1-2024 .. 20-3-2024: 15-1 .. 14-3 two months, 15-3 .. 20-3 six days."""
    assert service_length([(D(2024, 1, 15), D(2024, 3, 20))]) == ServiceLength(2, 6)


def test_no_terms_no_service():
    assert service_length([]) == ServiceLength(0, 0)


# --- the transition payment -----------------------------------------------------------------


def test_eleven_months_is_eleven_thirty_sixths_of_a_monthly_wage():
    """W = 2,700.00: 2,700 × 11 / 36 = 825.00."""
    service = service_length([(D(2026, 1, 1), D(2026, 11, 30))])

    assert service == ServiceLength(11, 0)
    assert transition_payment(
        monthly_wage=Decimal("2700.00"), service=service, yearly_max=MAX_2026
    ) == Decimal("825.00")


def test_two_years_and_three_months_is_three_quarters_of_a_monthly_wage():
    """27 months: W × 27/36 = 0.75 W; W = 2,212.38: 1,659.285 -> 1,659.29 (half up)."""
    service = service_length([(D(2024, 1, 1), D(2026, 3, 31))])

    assert service == ServiceLength(27, 0)
    assert transition_payment(
        monthly_wage=Decimal("2212.38"), service=service, yearly_max=MAX_2026
    ) == Decimal("1659.29")


def test_days_count_pro_rata_per_day():
    """W = 3,650.00, 0 months and 73 days: 3,650 × 12 × 73 / 13,140 = 243.33."""
    assert transition_payment(
        monthly_wage=Decimal("3650.00"), service=ServiceLength(0, 73), yearly_max=MAX_2026
    ) == Decimal("243.33")


def test_a_long_service_on_a_high_wage_stops_at_the_maximum_of_2026():
    """W = 9,000.00 (a year's salary 108,000 is above 102,000, so that is the cap), 40
    years: 9,000 × 480 / 36 = 120,000 -> 108,000.00. W = 8,000.00 (a year 96,000,
    below the maximum): 8,000 × 480 / 36 = 106,666.67 -> 102,000.00."""
    forty_years = ServiceLength(480, 0)

    assert transition_payment(
        monthly_wage=Decimal("9000.00"),
        service=forty_years,
        yearly_max=MAX_2026,
        annual_salary=Decimal("108000.00"),
    ) == Decimal("108000.00")
    assert transition_payment(
        monthly_wage=Decimal("8000.00"),
        service=forty_years,
        yearly_max=MAX_2026,
        annual_salary=Decimal("96000.00"),
    ) == Decimal("102000.00")


def test_a_huge_wage_over_a_short_service_hits_the_maximum():
    """W = 500,000.00 for a year: 500,000 / 3 = 166,666.67 above 102,000; no year's
    salary given, so the maximum caps it."""
    assert transition_payment(
        monthly_wage=Decimal("500000.00"), service=ServiceLength(12, 0), yearly_max=MAX_2026
    ) == Decimal("102000.00")


def test_no_service_or_no_wage_is_nothing():
    assert transition_payment(
        monthly_wage=Decimal("2000"), service=ServiceLength(0, 0), yearly_max=MAX_2026
    ) == Decimal("0.00")
    assert transition_payment(
        monthly_wage=Decimal("0"), service=ServiceLength(5, 0), yearly_max=MAX_2026
    ) == Decimal("0.00")


# --- the late-notice compensation -----------------------------------------------------------

END = D(2026, 12, 31)
START = D(2026, 7, 1)
WAGE = Decimal("3100.00")


def _late(notice_on: dt.date | None, start: dt.date = START) -> Decimal:
    return late_notice_compensation(
        monthly_wage=WAGE,
        deadline=notice_deadline(start, END),
        end=END,
        notice_on=notice_on,
    )


def test_the_deadline_of_a_contract_ending_on_31_december_is_30_november():
    assert notice_deadline(START, END) == D(2026, 11, 30)


def test_notice_on_the_deadline_costs_nothing():
    assert _late(D(2026, 11, 30)) == Decimal("0.00")
    assert _late(D(2026, 10, 1)) == Decimal("0.00")


def test_ten_days_late_is_ten_of_the_31_days_of_the_notice_month():
    """3,100 × 10 / 31 = 1,000.00."""
    assert _late(D(2026, 12, 10)) == Decimal("1000.00")


def test_31_days_late_is_the_whole_month():
    assert _late(D(2026, 12, 31)) == Decimal("3100.00")
    assert _late(D(2027, 2, 1)) == Decimal("3100.00")  # after the end: never more


def test_no_notice_at_all_is_the_whole_month():
    assert _late(None) == Decimal("3100.00")


def test_a_contract_under_six_months_owes_no_notice():
    """1-7-2026 .. 30-12-2026 is a day short of six months: no deadline, nothing owed."""
    start = D(2026, 7, 2)

    assert notice_deadline(start, END) is None
    assert _late(None, start=start) == Decimal("0.00")


# --- properties -----------------------------------------------------------------------------

wages = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("50000"), places=2)
months = st.integers(min_value=0, max_value=600)
days = st.integers(min_value=0, max_value=400)
caps = st.decimals(min_value=Decimal("1000"), max_value=Decimal("200000"), places=2)


@given(wage=wages, m=months, d=days, extra_m=months, extra_d=days, cap=caps)
def test_the_payment_grows_with_service_and_never_passes_its_cap(wage, m, d, extra_m, extra_d, cap):
    shorter = transition_payment(monthly_wage=wage, service=ServiceLength(m, d), yearly_max=cap)
    longer = transition_payment(
        monthly_wage=wage, service=ServiceLength(m + extra_m, d + extra_d), yearly_max=cap
    )

    assert shorter <= longer <= cap


@given(wage=wages, more=wages, m=months, d=days, cap=caps)
def test_the_payment_grows_with_the_wage(wage, more, m, d, cap):
    service = ServiceLength(m, d)

    low = transition_payment(monthly_wage=wage, service=service, yearly_max=cap)
    high = transition_payment(monthly_wage=wage + more, service=service, yearly_max=cap)

    assert low <= high <= cap


@given(
    rows=st.lists(st.tuples(wages, months, days, caps), min_size=1, max_size=30),
)
def test_the_vectorised_payment_equals_the_scalar_to_the_cent(rows):
    cents = transition_payment_cents(
        np.array([int(w * 100) for w, _m, _d, _c in rows], dtype=np.int64),
        np.array([m for _w, m, _d, _c in rows], dtype=np.int64),
        np.array([d for _w, _m, d, _c in rows], dtype=np.int64),
        np.array([int(c * 100) for _w, _m, _d, c in rows], dtype=np.int64),
    )

    expected = [
        int(
            transition_payment(monthly_wage=w, service=ServiceLength(m, d), yearly_max=c)
            .quantize(Decimal("0.01"), ROUND_HALF_UP)
            .scaleb(2)
        )
        for w, m, d, c in rows
    ]
    assert cents.tolist() == expected


ends = st.dates(min_value=D(2024, 1, 1), max_value=D(2030, 12, 31))


@given(wage=wages, end=ends, late=st.integers(0, 40), later=st.integers(0, 40))
def test_late_notice_grows_with_the_days_late_and_stays_within_a_month(wage, end, late, later):
    start = D(end.year - 1, end.month, 1)
    deadline = notice_deadline(start, end)
    assert deadline is not None

    def owed(days: int) -> Decimal:
        return late_notice_compensation(
            monthly_wage=wage,
            deadline=deadline,
            end=end,
            notice_on=deadline + dt.timedelta(days=days),
        )

    assert Decimal(0) <= owed(late) <= owed(late + later) <= wage
    none = late_notice_compensation(monthly_wage=wage, deadline=deadline, end=end, notice_on=None)
    assert none == wage
