"""The programme manager's texts: participants' names and unknown fields warn
(they do not refuse). The small programme has Dennis Bakker and Anja de Vries."""

from __future__ import annotations

import pytest

from basisbaan.reports.services import report_update, text_warnings
from basisbaan.reports.texts import fill, names_in, unknown_fields

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Dennis Bakker werkt sinds juli bij de groenvoorziening.", "Dennis Bakker"),
        ("Zo vertelde Dennis B. over zijn eerste maand.", "Dennis Bakker"),
        ("Mevrouw de Vries is doorgestroomd naar regulier werk.", "Anja de Vries"),
        ("DENNIS   BAKKER", "Dennis Bakker"),
    ],
)
def test_a_participant_s_name_in_a_text_warns(draft, manager, today, text, name):
    report, warnings = report_update(
        report=draft, actor=manager, data={"texts": {"work": text}}, today=today
    )

    assert warnings.names == {"work": [name]}
    assert warnings.fields == {}
    assert report.texts["work"] == text.strip()  # a warning, not a refusal


def test_a_text_without_names_does_not_warn(draft, manager, today):
    _report, warnings = report_update(
        report=draft,
        actor=manager,
        data={
            "texts": {"work": "Vijf deelnemers werken bij de gemeente, de rest bij Bakker & Zn."}
        },
        today=today,
    )

    assert not warnings
    assert (warnings.names, warnings.fields) == ({}, {})


def test_an_unknown_field_is_flagged_and_left_as_written(draft, manager, today):
    _report, warnings = report_update(
        report=draft,
        actor=manager,
        data={
            "texts": {"state": "Er zijn {aantal_deelnemers} deelnemers en {aantal_banen} banen."}
        },
        today=today,
    )

    assert warnings.fields == {"state": ["aantal_banen"]}
    assert warnings.names == {}
    assert fill("{aantal_banen} en {peildatum}", {"peildatum": "31 oktober 2026"}) == (
        "{aantal_banen} en 31 oktober 2026"
    )


def test_the_default_texts_warn_of_nothing(draft):
    assert not text_warnings(draft)


def test_names_are_matched_as_whole_words():
    people = [("Dennis", "", "Bakker"), ("Anja", "de", "Vries")]

    assert names_in("Dennis Bakkerij", people) == []
    assert names_in("Vries", people) == []  # a last name alone is too common a word
    assert names_in("Anja de Vries en Dennis B.", people) == ["Anja de Vries", "Dennis Bakker"]
    assert unknown_fields("{programma} {onbekend} {ook_onbekend}") == ["onbekend", "ook_onbekend"]
