"""The pure pseudonymisation (basisbaan.calc.redaction): known names and detector
findings become non-overlapping, consistently numbered proposals."""

from __future__ import annotations

import random

from basisbaan.calc.redaction import Added, Finding, KnownName, apply, fold, propose

ANNIE = KnownName("PERSOON", "participant:1", ("Annie Bakker", "Annie", "Bakker"))
BAKKERIJ = KnownName("WERKGEVER", "host:7", ("Bakkerij Jansen B.V.", "Bakkerij Jansen"))
JOSE = KnownName("PERSOON", "user:3", ("José Hernández", "José", "Hernández"))


def spans(proposals):
    return [(p.text, p.tag, p.number, p.source) for p in proposals]


def test_known_names_are_numbered_per_entity_in_order_of_appearance():
    text = "Annie werkt bij Bakkerij Jansen. Jose Hernandez belt Annie Bakker elke week."
    proposals = propose(text, [ANNIE, BAKKERIJ, JOSE], [])
    assert spans(proposals) == [
        ("Annie", "PERSOON", 1, "register"),
        ("Bakkerij Jansen", "WERKGEVER", 1, "register"),
        ("Jose Hernandez", "PERSOON", 2, "register"),
        ("Annie Bakker", "PERSOON", 1, "register"),
    ]
    result = apply(text, proposals, {p.id for p in proposals})
    assert result.text == (
        "[PERSOON-1] werkt bij [WERKGEVER-1]. [PERSOON-2] belt [PERSOON-1] elke week."
    )
    assert result.counts == {"PERSOON": 2, "WERKGEVER": 1}


def test_matching_ignores_case_and_accents_and_keeps_possessives():
    text = "ANNIE's fiets, Bakkers auto en josé's jas; Annies tas."
    result = apply(text, p := propose(text, [ANNIE, JOSE], []), {x.id for x in p})
    assert (
        result.text
        == "[PERSOON-1]'s fiets, [PERSOON-1]s auto en [PERSOON-2]'s jas; [PERSOON-1]s tas."
    )


def test_only_whole_words_match():
    text = "Annieke en Bakkerij Bakkerstraat, Debakker."
    assert propose(text, [ANNIE], []) == []


def test_a_first_name_that_is_a_dutch_word_matches_alone_only_with_a_capital():
    roos = KnownName("PERSOON", "participant:2", ("Roos de Wit", "Roos", "de Wit"))
    text = "Ik kreeg een roos van Roos. Mevrouw De Wit lachte."
    assert spans(propose(text, [roos], [])) == [
        ("Roos", "PERSOON", 1, "register"),
        ("De Wit", "PERSOON", 1, "register"),
    ]


def test_known_names_win_over_the_detector_and_its_rest_is_kept():
    text = "Gisteren sprak ik mevrouw Annie Bakker en Sietske Hoekstra in Drachten."
    # deduce merged the two names into one span; the known name wins, the rest stays.
    findings = [(18, 59, "PERSOON"), (62, 70, "LOCATIE")]
    assert text[18:59] == "mevrouw Annie Bakker en Sietske Hoekstra "
    proposals = propose(text, [ANNIE], findings)
    assert spans(proposals) == [
        ("mevrouw", "PERSOON", 1, "deduce"),
        ("Annie Bakker", "PERSOON", 2, "register"),
        ("en Sietske Hoekstra", "PERSOON", 3, "deduce"),
        ("Drachten", "LOCATIE", 1, "deduce"),
    ]


def test_the_longer_detector_span_wins_and_same_text_gets_the_same_number():
    text = "Piet de Vries en Vries. Later weer Piet de Vries, en Klaas."
    findings = [
        Finding(0, 13, "PERSOON"),
        Finding(5, 13, "PERSOON"),
        Finding(17, 22, "PERSOON"),
        Finding(35, 48, "PERSOON"),
        Finding(53, 58, "PERSOON"),
    ]
    proposals = propose(text, [], findings)
    assert spans(proposals) == [
        ("Piet de Vries", "PERSOON", 1, "deduce"),
        ("Vries", "PERSOON", 2, "deduce"),
        ("Piet de Vries", "PERSOON", 1, "deduce"),
        ("Klaas", "PERSOON", 3, "deduce"),
    ]


def test_a_detector_finding_equal_to_a_known_variant_counts_as_that_entity():
    text = "Bakker, zei hij. Annie Bakker."
    # The register finds both; a detector finding of "Bakker" alone would be the same person.
    proposals = propose(text, [ANNIE], [(0, 6, "PERSOON")])
    assert [p.number for p in proposals] == [1, 1]
    text = "De buurman Bakker komt."
    proposals = propose(text, [KnownName("PERSOON", "x", ("Annie",))], [(11, 17, "PERSOON")])
    assert spans(proposals) == [("Bakker", "PERSOON", 1, "deduce")]


def test_rejections_renumber_so_tags_stay_consecutive():
    text = "Annie, José en Klaas."
    proposals = propose(text, [ANNIE, JOSE], [(15, 20, "PERSOON")])
    assert [p.label for p in proposals] == ["[PERSOON-1]", "[PERSOON-2]", "[PERSOON-3]"]
    keep = {p.id for p in proposals if p.text != "José"}
    result = apply(text, proposals, keep)
    assert result.text == "[PERSOON-1], José en [PERSOON-2]."
    assert result.counts == {"PERSOON": 2}
    assert [r.label for r in result.replacements] == ["[PERSOON-1]", "[PERSOON-2]"]


def test_added_phrases_are_hidden_everywhere_and_reuse_a_proposal_number():
    text = "Sjoukje zei dat Sjoukje en Annie bij de Friese Schaatsclub zitten. annie ook."
    proposals = propose(text, [ANNIE], [])
    result = apply(
        text,
        proposals,
        {p.id for p in proposals},
        [Added("sjoukje", "PERSOON"), ("Friese Schaatsclub", "WERKGEVER"), ("Annie", "PERSOON")],
    )
    assert result.text == (
        "[PERSOON-1] zei dat [PERSOON-1] en [PERSOON-2] bij de [WERKGEVER-1] zitten. "
        "[PERSOON-2] ook."
    )
    assert [r.source for r in result.replacements][:3] == ["researcher", "researcher", "register"]


def test_nothing_accepted_leaves_the_text_as_it_was():
    text = "Annie Bakker."
    proposals = propose(text, [ANNIE], [])
    assert apply(text, proposals, set()).text == text
    assert apply(text, proposals, set()).counts == {}


def test_ids_are_stable_for_the_same_text():
    text = "Annie en Bakkerij Jansen."
    assert [p.id for p in propose(text, [ANNIE, BAKKERIJ], [])] == ["0-5", "9-24"]
    assert propose(text, [ANNIE, BAKKERIJ], []) == propose(text, [ANNIE, BAKKERIJ], [])


def test_fold_keeps_one_code_point_per_character():
    text = "İstanbul, Ærø, Straße, Zoë ’s"
    assert len(fold(text)) == len(text)
    assert fold("Zoë Hernández") == "zoe hernandez"


def test_two_hundred_names_in_ten_thousand_words_are_all_found():
    """Correctness at size; the time it takes is ``bench/research_redaction.py``'s
    (tests never time things: a busy machine made this flaky)."""
    rng = random.Random(4)
    firsts = [f"Voornaam{i}" for i in range(200)]
    names = [
        KnownName("PERSOON", f"p{i}", (f"{first} Achternaam{i}", first, f"Achternaam{i}"))
        for i, first in enumerate(firsts)
    ]
    words = ["ik", "werk", "graag", "bij", "de", "gemeente", "en", "het", "gaat", "goed"]
    text = " ".join(
        rng.choice(firsts) if rng.random() < 0.02 else rng.choice(words) for _ in range(10_000)
    )
    proposals = propose(text, names, [])
    expected = sum(word in firsts for word in text.split())
    assert len(proposals) == expected == 201
