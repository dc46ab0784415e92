"""The pure matching: hard filters, points per criterion, and rankings argued case by case."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from basisbaan.calc.matching import (
    Candidate,
    Criterion,
    Opening,
    Status,
    excluded_for_position,
    match_pair,
    rank_all,
    rank_for_candidate,
    rank_for_position,
    score_matrix,
)

COMPETENCES = frozenset({"physical", "reliable", "teamwork"})

# Medewerker groenonderhoud: 32 hours, transition track, at (0, 0).
GREEN = Opening(
    id=1,
    hours=32,
    track="transition",
    location=(0.0, 0.0),
    required_competences=COMPETENCES,
    sector="green",
    work_types=frozenset({"outdoor"}),
    supervision=2,
    accommodates=frozenset({"no_evenings"}),
    language=2,  # A2
)


def fit(id: int, **changes: object) -> Candidate:
    """A candidate who meets everything the green position asks, 3 km away."""
    base = {
        "id": id,
        "hours_available": 32.0,
        "tracks": frozenset({"transition"}),
        "location": (3.0, 0.0),
        "travel_km": 10.0,
        "competences": COMPETENCES,
        "sectors": frozenset({"green"}),
        "interests": frozenset(),
        "preferred_work": frozenset({"outdoor"}),
        "support_need": 2,
        "constraints": frozenset(),
        "language": 3,  # B1
    }
    return Candidate(**(base | changes))  # type: ignore[arg-type]


def points(match, criterion: Criterion) -> float:
    return next(c.points for c in match.components if c.criterion == criterion)


def test_a_perfect_fit_scores_100_with_every_criterion_full_or_not_asked():
    match = match_pair(fit(1), GREEN)
    assert (match.score, match.eligible) == (100, True)
    # No constraints: accessibility is not asked of the position (full points).
    statuses = {c.criterion: c.status for c in match.components}
    assert statuses[Criterion.ACCESSIBILITY] == Status.NOT_ASKED
    assert all(s == Status.FULL for k, s in statuses.items() if k != Criterion.ACCESSIBILITY)


def test_points_of_a_partial_match_hand_computed():
    """2 of 3 competences: 30 x 2/3 = 20; green only an interest: 15 / 2 = 7.5;
    outdoor preferred: 15; needs intensive (3), gets regular (2), one level short:
    15 x 0.5 = 7.5; its one constraint (no evenings) accommodated: 15; B1 >= A2: 10.
    Total 75."""
    b = fit(
        2,
        competences=frozenset({"physical", "reliable"}),
        sectors=frozenset(),
        interests=frozenset({"green"}),
        support_need=3,
        constraints=frozenset({"no_evenings"}),
    )
    match = match_pair(b, GREEN)
    assert [points(match, c) for c in list(Criterion)[3:]] == [20, 7.5, 15, 7.5, 15, 10]
    assert match.score == 75
    competences = next(c for c in match.components if c.criterion == Criterion.COMPETENCES)
    assert (competences.found, competences.missing) == (("physical", "reliable"), ("teamwork",))


def test_unknown_data_scores_half_and_does_not_filter():
    """Only hours, track and place known: competences 15, sector 7.5, work 7.5,
    supervision 7.5, no constraints 15, language 5: 57.5, rounded half up to 58."""
    d = Candidate(
        3, hours_available=36, tracks=frozenset({"transition"}), location=(1, 1), travel_km=10
    )
    match = match_pair(d, GREEN)
    assert (match.score, match.eligible) == (58, True)
    assert [c.status for c in match.components if c.criterion != Criterion.ACCESSIBILITY][3:] == [
        Status.UNKNOWN
    ] * 5
    nothing = match_pair(Candidate(4), GREEN)
    assert nothing.eligible  # nothing known: nothing refuses, everything says "unknown"
    assert {
        c.status
        for c in nothing.components
        if c.criterion in (Criterion.HOURS, Criterion.TRACK, Criterion.TRAVEL)
    } == {Status.UNKNOWN}


def test_hard_constraints_filter_with_the_reason():
    too_few_hours = match_pair(fit(5, hours_available=24.0), GREEN)
    wrong_track = match_pair(fit(6, tracks=frozenset({"social_value"})), GREEN)
    too_far = match_pair(fit(7, location=(12.0, 0.0)), GREEN)
    assert not too_few_hours.eligible and not wrong_track.eligible and not too_far.eligible
    assert [r.criterion for r in too_few_hours.refusals] == [Criterion.HOURS]
    assert [r.criterion for r in wrong_track.refusals] == [Criterion.TRACK]
    assert [(r.criterion, r.value) for r in too_far.refusals] == [(Criterion.TRAVEL, 12.0)]
    # Exactly at the edge still fits: 32 hours for 32, 10 km for a 10 km range.
    assert match_pair(fit(8, location=(6.0, 8.0)), GREEN).eligible


def test_ranking_for_a_position_is_argued():
    """Expected order, and why:

    1. A: meets everything (100).
    2. H: meets everything too (100), but comes after A on the waiting list, so a tie
       goes to A, who waits longer at the same priority.
    3. B: two of three competences, green only as an interest, needs more support (75).
    4. C: all competences, but prefers care (0 for sector), preferred work unknown
       (7.5), one of two constraints accommodated (7.5), language A1 where A2 is
       asked (5): 30 + 0 + 7.5 + 15 + 7.5 + 5 = 65.
    5. D: an almost empty profile: every unknown criterion scores half (58): an
       incomplete profile sinks, but does not vanish.
    E (24 hours), F (social-value track only) and G (12 km, range 10) are filtered out.
    """
    a = fit(1)
    b = fit(
        2,
        competences=frozenset({"physical", "reliable"}),
        sectors=frozenset(),
        interests=frozenset({"green"}),
        support_need=3,
        constraints=frozenset({"no_evenings"}),
    )
    c = fit(
        3,
        sectors=frozenset({"care"}),
        preferred_work=frozenset(),
        support_need=1,
        constraints=frozenset({"no_long_standing", "no_evenings"}),
        language=1,
    )
    d = Candidate(
        4, hours_available=36, tracks=frozenset({"transition"}), location=(1, 1), travel_km=10
    )
    e = fit(5, hours_available=24.0)
    f = fit(6, tracks=frozenset({"social_value"}))
    g = fit(7, location=(12.0, 0.0))
    h = fit(8)
    waiting_list = [d, e, a, c, f, b, g, h]
    ranked = rank_for_position(waiting_list, GREEN)
    assert [(m.candidate_id, m.score) for m in ranked] == [
        (1, 100),
        (8, 100),
        (2, 75),
        (3, 65),
        (4, 58),
    ]
    assert [m.candidate_id for m in excluded_for_position(waiting_list, GREEN)] == [5, 6, 7]
    assert [m.candidate_id for m in rank_for_position(waiting_list, GREEN, limit=2)] == [1, 8]


def test_ranking_for_a_participant_is_argued():
    """For candidate A:

    1. Green nearby (2 km): everything fits (100), and nearer than the other 100.
    2. Green farther (8 km): also 100; a tie goes to the nearer position.
    3. Library (social value is also allowed for A): no competences asked (30), sector
       culture not preferred (0), work type host not preferred (0), supervision light
       for a regular need (7.5), language not asked (10), no constraints (15): 62.5 -> 63.
    Not listed: a 36-hour position (A has 32 hours) and one 15 km away.
    """
    a = fit(1, tracks=frozenset({"transition", "social_value"}))
    far = Opening(**(GREEN.__dict__ | {"id": 11, "location": (8.0, 0.0)}))
    near = Opening(**(GREEN.__dict__ | {"id": 12, "location": (3.0, 2.0)}))
    library = Opening(
        id=13,
        hours=24,
        track="social_value",
        location=(2.0, 2.0),
        sector="culture",
        work_types=frozenset({"host"}),
        supervision=1,
    )
    long_hours = Opening(**(GREEN.__dict__ | {"id": 14, "hours": 36.0}))
    distant = Opening(**(GREEN.__dict__ | {"id": 15, "location": (15.0, 0.0)}))
    ranked = rank_for_candidate(a, [library, far, long_hours, near, distant])
    assert [(m.position_id, m.score) for m in ranked] == [(12, 100), (11, 100), (13, 63)]


def test_empty_inputs_rank_nothing():
    assert rank_for_position([], GREEN) == []
    assert rank_for_candidate(fit(1), []) == []


codes = st.frozensets(st.sampled_from(["a", "b", "c", "d", "e"]), max_size=4)
levels = st.one_of(st.none(), st.integers(1, 3))
points_xy = st.one_of(st.none(), st.tuples(st.floats(0, 30), st.floats(0, 30)))
candidates = st.builds(
    Candidate,
    id=st.integers(1, 10**6),
    hours_available=st.one_of(st.none(), st.sampled_from([16.0, 24.0, 32.0, 36.0])),
    tracks=st.frozensets(st.sampled_from(["transition", "social_value"])),
    location=points_xy,
    travel_km=st.one_of(st.none(), st.sampled_from([3.0, 10.0, 25.0])),
    competences=codes,
    sectors=codes,
    interests=codes,
    preferred_work=codes,
    support_need=levels,
    constraints=codes,
    language=st.one_of(st.none(), st.integers(1, 7)),
)
openings = st.builds(
    Opening,
    id=st.integers(1, 10**6),
    hours=st.sampled_from([16.0, 24.0, 32.0]),
    track=st.sampled_from(["transition", "social_value"]),
    location=points_xy,
    required_competences=codes,
    sector=st.sampled_from(["", "a", "b"]),
    work_types=codes,
    supervision=levels,
    accommodates=codes,
    language=st.one_of(st.none(), st.integers(1, 7)),
)


@settings(max_examples=60, deadline=None)
@given(st.lists(candidates, min_size=1, max_size=6), st.lists(openings, min_size=1, max_size=4))
def test_the_vectorised_scores_equal_the_explained_ones(cands, opens):
    scores, eligible = score_matrix(cands, opens)
    for i, c in enumerate(cands):
        for j, o in enumerate(opens):
            match = match_pair(c, o)
            assert (match.score, match.eligible) == (scores[i, j], eligible[i, j])
            assert 0 <= match.score <= 100
            # The points of the components add up to the score (before rounding).
            total = sum(comp.points for comp in match.components)
            assert match.score == math.floor(total + 0.5 + 1e-9)


@settings(max_examples=40, deadline=None)
@given(st.lists(candidates, min_size=1, max_size=8), st.lists(openings, min_size=1, max_size=3))
def test_rank_all_orders_like_rank_for_position(cands, opens):
    order, counts, _scores = rank_all(cands, opens)
    for j, opening in enumerate(opens):
        expected = [m.candidate_id for m in rank_for_position(cands, opening)]
        assert [cands[int(i)].id for i in order[j, : int(counts[j])]] == expected
