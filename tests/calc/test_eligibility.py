"""The pure eligibility check: met, not met or unknown per criterion, hand-computed."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from basisbaan.calc.eligibility import (
    Criteria,
    Facts,
    Outcome,
    TrackConditions,
    check_eligibility,
    combine,
    whole_months_between,
)

ON = dt.date(2025, 3, 15)
CRITERIA = Criteria(
    min_months_on_assistance=12,
    min_age=18,
    max_age=66,
    tracks={
        "transition": TrackConditions(min_hours=Decimal("24"), min_language=3),
        "social_value": TrackConditions(min_hours=Decimal("16")),
    },
)


def test_whole_months():
    assert whole_months_between(dt.date(2024, 3, 15), ON) == 12
    assert whole_months_between(dt.date(2024, 3, 16), ON) == 11
    assert whole_months_between(dt.date(2025, 4, 1), ON) == 0


def test_everything_met():
    facts = Facts(dt.date(1980, 1, 1), dt.date(2020, 1, 1), Decimal("32"), 4)
    result = check_eligibility(CRITERIA, facts, ON)
    assert [(r.key, r.track, r.outcome, r.actual) for r in result.criteria] == [
        ("assistance", "", Outcome.MET, 62),
        ("min_age", "", Outcome.MET, 45),
        ("max_age", "", Outcome.MET, 45),
        ("hours", "transition", Outcome.MET, Decimal("32")),
        ("language", "transition", Outcome.MET, 4),
        ("hours", "social_value", Outcome.MET, Decimal("32")),
    ]
    assert result.outcome == Outcome.MET
    assert result.possible_tracks == ("transition", "social_value")


def test_eleven_months_on_assistance_is_not_met_and_refuses():
    facts = Facts(dt.date(1980, 1, 1), dt.date(2024, 3, 16), Decimal("32"), 4)
    result = check_eligibility(CRITERIA, facts, ON)
    assert result.criteria[0].outcome == Outcome.NOT_MET
    assert result.criteria[0].actual == 11
    assert result.outcome == Outcome.NOT_MET


def test_missing_data_is_unknown_never_guessed():
    """No assistance start, no profile: those criteria are unknown, the age is still met."""
    result = check_eligibility(CRITERIA, Facts(date_of_birth=dt.date(1990, 6, 1)), ON)
    assert [r.outcome for r in result.criteria] == [
        Outcome.UNKNOWN,
        Outcome.MET,
        Outcome.MET,
        Outcome.UNKNOWN,
        Outcome.UNKNOWN,
        Outcome.UNKNOWN,
    ]
    assert result.outcome == Outcome.UNKNOWN
    assert result.possible_tracks == ()


def test_a_track_condition_not_met_leaves_the_other_track():
    """20 hours and A2: transition (24 h, B1) is not met, social value (16 h) is."""
    facts = Facts(dt.date(1980, 1, 1), dt.date(2020, 1, 1), Decimal("20"), 2)
    result = check_eligibility(CRITERIA, facts, ON)
    assert result.tracks == {"transition": Outcome.NOT_MET, "social_value": Outcome.MET}
    assert result.outcome == Outcome.MET


def test_age_limits_are_inclusive():
    turns_67 = Facts(dt.date(1958, 3, 15), dt.date(2020, 1, 1), Decimal("32"), 4)
    still_66 = Facts(dt.date(1958, 3, 16), dt.date(2020, 1, 1), Decimal("32"), 4)
    assert check_eligibility(CRITERIA, turns_67, ON).outcome == Outcome.NOT_MET
    assert check_eligibility(CRITERIA, still_66, ON).outcome == Outcome.MET


def test_no_criteria_is_met():
    assert check_eligibility(Criteria(), Facts(), ON).outcome == Outcome.MET


def test_combine():
    assert combine([Outcome.MET, Outcome.UNKNOWN]) == Outcome.UNKNOWN
    assert combine([Outcome.UNKNOWN, Outcome.NOT_MET]) == Outcome.NOT_MET
    assert combine([]) == Outcome.MET


facts = st.builds(
    Facts,
    date_of_birth=st.one_of(st.none(), st.dates(dt.date(1940, 1, 1), dt.date(2010, 1, 1))),
    assistance_start=st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2025, 3, 15))),
    hours_available=st.one_of(st.none(), st.decimals(0, 40, places=1)),
    language_level=st.one_of(st.none(), st.integers(1, 7)),
)


@given(facts)
def test_unknown_exactly_when_the_data_is_missing(person):
    result = check_eligibility(CRITERIA, person, ON)
    for criterion in result.criteria:
        assert (criterion.outcome == Outcome.UNKNOWN) == (criterion.actual is None)
    assert result.outcome == combine(
        [
            *(c.outcome for c in result.criteria if not c.track),
            Outcome.MET
            if Outcome.MET in result.tracks.values()
            else Outcome.UNKNOWN
            if Outcome.UNKNOWN in result.tracks.values()
            else Outcome.NOT_MET,
        ]
    )


@given(st.dates(dt.date(2000, 1, 1), dt.date(2025, 3, 15)), st.integers(1, 400))
def test_an_earlier_start_never_loses_the_assistance_criterion(start, days):
    later = check_eligibility(CRITERIA, Facts(assistance_start=start), ON).criteria[0]
    earlier_start = start - dt.timedelta(days=days)
    earlier = check_eligibility(CRITERIA, Facts(assistance_start=earlier_start), ON).criteria[0]
    assert earlier.actual >= later.actual
    assert not (later.outcome == Outcome.MET and earlier.outcome != Outcome.MET)
