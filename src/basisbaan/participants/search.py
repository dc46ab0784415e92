"""The participant name search: one normalised text per participant, searched by words.

A name is stored a second time in :attr:`Participant.search_name`, written the way
a search is typed: lower case, without accents, every run of other characters
(spaces, hyphens, apostrophes) one space, and a space in front. A search is
normalised the same way and split into words; a participant matches when every
word starts a word of the name, in any order. So "Ozturk" finds "Öztürk",
"fatima amrani" and "Amrani Fatima" find "Fatima el Amrani", "meer" and
"van der meer" find "Jan van der Meer", "d'ancona" finds "Hedy d'Ancona".

Why a column and not ``unaccent()`` in the query: the same normalisation runs
on SQLite and PostgreSQL, in Python, and the column can carry a trigram index
on PostgreSQL (migration 0005), which serves ``LIKE '% word%'``.

Django-free: the model, the services, the data generator and the migration
call :func:`search_name`; the selector calls :func:`search_words`.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["MAX_WORDS", "search_name", "search_words"]

# More words than any real name has; the rest of a search is ignored.
MAX_WORDS = 6

# Letters that do not decompose into a base letter and an accent.
_SPECIAL = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th", "æ": "ae", "œ": "oe", "ı": "i"}
)
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def _normalise(text: str) -> str:
    """Lower case, accents and ligatures gone, other characters as spaces."""
    folded = unicodedata.normalize("NFKD", (text or "").casefold().translate(_SPECIAL))
    plain = "".join(char for char in folded if not unicodedata.combining(char))
    return _NOT_WORD.sub(" ", plain.translate(_SPECIAL)).strip()


def search_name(*parts: str) -> str:
    """The stored search text of a name: ``" fatima el amrani"`` (a space in front,
    so that every word, also the first, starts after a space)."""
    words = " ".join(_normalise(part) for part in parts if part and _normalise(part))
    return " " + words if words else ""


def search_words(text: str) -> list[str]:
    """The words of a search, normalised, without repeats, longest first (the
    most selective condition first), at most :data:`MAX_WORDS`."""
    words = dict.fromkeys(_normalise(text).split())
    return sorted(words, key=len, reverse=True)[:MAX_WORDS]
