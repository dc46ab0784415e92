"""The command line's help is in one language: English, like Django's own commands.

``basisbaan help`` lists the project's commands beside Django's; operators and
developers read them. Every project command (``src/basisbaan/*/management/
commands/*.py``) must have a help text, every argument it adds must have one,
and none may be Dutch. What the commands *report* (a refused payroll row, the
budget table) stays Dutch, like the rest of the product.

The language check is a word-list heuristic: a text fails when it contains a
common Dutch word that is no English word, or when a text of four words or more
contains none of the common English function words.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import pytest

from django.core.management import load_command_class
from django.core.management.base import BaseCommand

import basisbaan

SOURCE = Path(basisbaan.__file__).parent
COMMANDS = sorted(
    (path.parts[-4], path.stem)
    for path in SOURCE.glob("*/management/commands/*.py")
    if not path.stem.startswith("_")
)
# Common Dutch words that are not English words too (so no "of", "is", "in", "die", "met").
DUTCH_WORDS = """
    de het een van voor niet wordt worden naam gemeente gemeenten alleen bij zonder dan naar
    ook deze dat geen nog als maar moet kan uit aan zijn heeft elke regel regels bestand
    bestanden gebruiker gebruikersnaam opnieuw werkplek deelnemer deelnemers korte lees
    schrijf toon maak laad en op te tot wat welke wanneer standaard aantal
"""
ENGLISH_WORDS = """
    the a an of to for and or with without in on by from as is it its their them only
    when after before
"""
DUTCH = frozenset(DUTCH_WORDS.split())
ENGLISH = frozenset(ENGLISH_WORDS.split())
WORD = re.compile(r"[A-Za-zÀ-ÿ]+")


def _texts(app: str, name: str) -> list[tuple[str, str | None]]:
    """(what, help) for the command and for each argument it adds to Django's."""
    command = load_command_class(f"basisbaan.{app}", name)
    parser = command.create_parser("basisbaan", name)
    django_own = {
        option
        for action in BaseCommand().create_parser("basisbaan", name)._actions
        for option in action.option_strings
    }
    texts: list[tuple[str, str | None]] = [(name, command.help)]
    for action in parser._actions:
        if set(action.option_strings) & django_own or action.help == argparse.SUPPRESS:
            continue
        texts.append((f"{name} {'/'.join(action.option_strings) or action.dest}", action.help))
    return texts


def language_problem(text: str | None) -> str | None:
    if not text or not text.strip():
        return "no help"
    words = [word.lower() for word in WORD.findall(text)]
    dutch = sorted(set(words) & DUTCH)
    if dutch:
        return f"Dutch words {dutch}"
    if len(words) >= 4 and not set(words) & ENGLISH:
        return "no English function word"
    return None


def test_the_heuristic_tells_the_languages_apart():
    assert (
        language_problem("Korte naam van de gemeente.")
        == "Dutch words ['de', 'gemeente', 'korte', 'naam', 'van']"
    )
    assert language_problem("Alleen controleren en tellen; niets opslaan.") is not None
    assert language_problem("Lees een loonbestand in voor een gemeente.") is not None
    assert language_problem("Short name (slug) of the municipality.") is None
    assert language_problem("Write the files again.") is None
    assert language_problem("") == "no help"


def test_the_walk_finds_every_command():
    assert len(COMMANDS) >= 9
    assert ("payroll", "import_payroll") in COMMANDS


@pytest.mark.parametrize(("app", "name"), COMMANDS, ids=[name for _app, name in COMMANDS])
def test_the_command_and_its_arguments_have_english_help(app, name):
    problems = {
        what: problem
        for what, text in _texts(app, name)
        if (problem := language_problem(text)) is not None
    }
    assert problems == {}
