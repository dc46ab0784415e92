"""Every reason of every match can be said in words, and says what it should."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from basisbaan.calc.matching import Candidate, Opening, match_pair
from basisbaan.intake.explain import component_lines

COMPETENCES = ["teamwork", "physical", "reliable", "caring"]
SECTORS = ["green", "care", "sport"]
WORK = ["outdoor", "people", "host"]
CONSTRAINTS = ["no_evenings", "no_long_standing", "quiet"]
levels = st.one_of(st.none(), st.integers(1, 3))
where = st.one_of(st.none(), st.tuples(st.floats(0, 20), st.floats(0, 20)))


def codes(vocabulary: list[str]) -> st.SearchStrategy[frozenset[str]]:
    return st.frozensets(st.sampled_from(vocabulary), max_size=3)


candidates = st.builds(
    Candidate,
    id=st.just(1),
    hours_available=st.one_of(st.none(), st.sampled_from([16.0, 32.0])),
    tracks=st.frozensets(st.sampled_from(["transition", "social_value"])),
    location=where,
    travel_km=st.one_of(st.none(), st.sampled_from([3.0, 10.0])),
    competences=codes(COMPETENCES),
    sectors=codes(SECTORS),
    interests=codes(SECTORS),
    preferred_work=codes(WORK),
    support_need=levels,
    constraints=codes(CONSTRAINTS),
    language=st.one_of(st.none(), st.integers(1, 7)),
)
openings = st.builds(
    Opening,
    id=st.just(2),
    hours=st.sampled_from([24.0, 32.0]),
    track=st.sampled_from(["transition", "social_value"]),
    location=where,
    required_competences=codes(COMPETENCES),
    sector=st.sampled_from(["", *SECTORS]),
    work_types=codes(WORK),
    supervision=levels,
    accommodates=codes(CONSTRAINTS),
    language=st.one_of(st.none(), st.integers(1, 7)),
)


@settings(max_examples=150, deadline=None)
@given(candidates, openings)
def test_every_component_has_a_sentence(candidate, opening):
    lines = component_lines(match_pair(candidate, opening))
    assert [line["criterion"] for line in lines] == [
        "hours",
        "track",
        "travel",
        "competences",
        "sector",
        "work",
        "supervision",
        "accessibility",
        "language",
    ]
    for line in lines:
        assert line["text"].endswith(".")
        assert "%(" not in line["text"]


def test_partial_sentences():
    candidate = Candidate(
        1,
        competences=frozenset({"teamwork"}),
        interests=frozenset({"green"}),
        preferred_work=frozenset({"people"}),
        support_need=3,
        constraints=frozenset({"no_evenings", "quiet"}),
        language=2,
    )
    opening = Opening(
        2,
        hours=24,
        track="transition",
        required_competences=frozenset({"teamwork", "physical"}),
        sector="green",
        work_types=frozenset({"outdoor"}),
        supervision=2,
        accommodates=frozenset({"no_evenings"}),
        language=3,
    )
    texts = [line["text"] for line in component_lines(match_pair(candidate, opening))]
    assert texts[3:] == [
        "1 van 2 gevraagde competenties: Samenwerken; ontbreekt: Lichamelijk werk aankunnen.",
        "Sector Groen en openbare ruimte: een interesse van de deelnemer.",
        "Soort werk (Buiten werken) past niet bij de voorkeur.",
        "Begeleiding: nodig intensief, de werkplek biedt minder: regelmatig.",
        "Toegankelijkheid: 1 van 2 beperkingen opgevangen (geen avonddiensten); "
        "niet: rustige werkomgeving.",
        "Taal: niveau A2, lager dan gevraagd B1.",
    ]
