"""A password validator that refuses common Dutch passwords.

Django's ``CommonPasswordValidator`` knows 20,000 English-language passwords;
this one adds Dutch words, municipality and place names and Basisbaan's own
words (``common-passwords-nl.txt``), also with digits or punctuation around them
(``Welkom2025!``, ``leeuwarden1``) and with letters for digits (``w3lk0m``).
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

__all__ = ["DutchCommonPasswordValidator", "is_common_dutch"]

WORDS_FILE = Path(__file__).resolve().parent / "common-passwords-nl.txt"
_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)


@cache
def _words() -> frozenset[str]:
    lines = WORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def _core(password: str) -> str:
    """The password without case, spaces, separators and the digits and signs
    around it: ``Zomer-2025!`` -> ``zomer``."""
    lowered = re.sub(r"[\s\-_.]", "", password.lower())
    return re.sub(r"^[\d\W]+|[\d\W]+$", "", lowered)


def is_common_dutch(password: str) -> bool:
    """Whether ``password`` is a listed word, with digits or signs before or after,
    or one written with digits for letters."""
    words = _words()
    lowered = password.lower()
    candidates = {lowered, _core(password), _core(lowered.translate(_LEET))}
    return any(candidate in words for candidate in candidates if candidate)


class DutchCommonPasswordValidator:
    """Refuse a password that is a common Dutch word or a municipality's name."""

    def validate(self, password: str, user: object = None) -> None:
        if is_common_dutch(password):
            raise ValidationError(
                _("Dit wachtwoord is te gangbaar (een bekend woord of plaatsnaam)."),
                code="password_too_common",
            )

    def get_help_text(self) -> str:
        return _(
            "Uw wachtwoord mag geen bekend woord of plaatsnaam zijn, ook niet met cijfers erachter."
        )
