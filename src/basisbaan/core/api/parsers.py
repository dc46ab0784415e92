"""Request parsers that refuse what the database or Python cannot take.

DRF's own parsers let two kinds of input through to a server error: JSON nested
so deep that ``json.load`` raises ``RecursionError``, and strings with a NUL
character, which PostgreSQL refuses in text ("A string literal cannot contain
NUL (0x00) characters"). These parsers answer both with 400 before any view
code runs. They are the API's ``DEFAULT_PARSER_CLASSES``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# No request of this API nests lists and objects more than a few levels deep; 32
# leaves room for clients that wrap their data and stays far below Python's
# recursion limit.
MAX_DEPTH = 32

TOO_DEEP = _("De gegevens zijn te diep genest.")
NUL_CHARACTER = _("De gegevens bevatten een ongeldig teken (NUL).")


def check_depth_and_characters(data: Any, depth: int = 0) -> None:
    """Raise ``ParseError`` if ``data`` nests deeper than MAX_DEPTH or holds a NUL.

    ``depth`` is the number of lists and objects around ``data``. Keys are
    checked as well as values: a key comes back in error messages.
    """
    if isinstance(data, Mapping | list | tuple) and depth >= MAX_DEPTH:
        raise ParseError(TOO_DEEP)
    if isinstance(data, str):
        if "\x00" in data:
            raise ParseError(NUL_CHARACTER)
    elif isinstance(data, Mapping):
        for key, value in data.items():
            check_depth_and_characters(key, depth)
            check_depth_and_characters(value, depth + 1)
    elif isinstance(data, list | tuple):
        for item in data:
            check_depth_and_characters(item, depth + 1)


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, with a 400 for deep nesting and NUL characters."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            # json.load gives up on deep nesting before MAX_DEPTH can be checked.
            raise ParseError(TOO_DEEP) from None
        check_depth_and_characters(data)
        return data


class FormParser(parsers.FormParser):
    """DRF's form parser, with a 400 for NUL characters in names or values."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        check_depth_and_characters(dict(data.lists()))
        return data


class MultiPartParser(parsers.MultiPartParser):
    """DRF's multipart parser, with a 400 for NUL characters in form fields.

    File contents are not checked: they are bytes, read by the import code.
    """

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        result = super().parse(stream, media_type, parser_context)
        check_depth_and_characters(dict(result.data.lists()))
        check_depth_and_characters(list(result.files))
        return result
