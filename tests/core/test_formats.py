"""One Dutch style for percentages, months, postcodes and numbers, on every page:
the shared filters, and no template that formats these by hand."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from django.template import Context, Template
from django.utils import translation

from basisbaan.core.formatting import month_text, percent_text, postcode_text

SRC = Path(__file__).resolve().parents[2] / "src" / "basisbaan"


@pytest.mark.parametrize(
    ("value", "places", "fraction", "text"),
    [
        (Decimal("0.022"), None, True, "2,2\u00a0%"),
        (Decimal("0.0774"), None, True, "7,74\u00a0%"),
        (Decimal("0.5"), None, True, "50\u00a0%"),
        (Decimal("0.5"), 1, True, "50,0\u00a0%"),
        (Decimal("1.10"), 0, True, "110\u00a0%"),
        (Decimal("55.50"), None, False, "55,5\u00a0%"),
        (Decimal("60.00"), None, False, "60\u00a0%"),
        (Decimal("12.345"), 2, False, "12,35\u00a0%"),
        (None, None, True, "—"),
        ("nonsense", None, True, "—"),
    ],
)
def test_percentages(value, places, fraction, text):
    assert percent_text(value, places, fraction=fraction) == text


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("8921AB", "8921 AB"),
        ("8921ab", "8921 AB"),
        (" 8921  ab ", "8921 AB"),
        ("8921 AB", "8921 AB"),
        ("", ""),
        ("B-1000", "B-1000"),  # not Dutch: as stored
    ],
)
def test_postcodes(typed, shown):
    assert postcode_text(typed) == shown


def test_months_in_one_style():
    with translation.override("nl"):
        assert month_text(dt.date(2025, 1, 1)) == "januari 2025"
        assert month_text(dt.date(2026, 11, 18)) == "november 2026"
    with translation.override("en"):
        assert month_text(dt.date(2025, 1, 1)) == "January 2025"
    assert month_text(None) == ""


def test_the_filters_in_a_template():
    template = Template(
        "{{ r|percent:1 }}|{{ w|percentage }}|{{ m|month }}|{{ p|postcode }}|"
        '{{ h|number:"-1" }}|{{ g|number:"-1" }}|{{ a|euro }}'
    )
    context = Context(
        {
            "r": Decimal("0.022"),
            "w": Decimal("62.50"),
            "m": dt.date(2025, 1, 1),
            "p": "8921ab",
            "h": Decimal("32.0"),
            "g": Decimal("32.5"),
            "a": Decimal("1234.56"),
        }
    )
    with translation.override("nl"):
        assert template.render(context) == (
            "2,2\u00a0%|62,5\u00a0%|januari 2025|8921 AB|32|32,5|€ 1.234,56"
        )


# What a template may not do itself: the shared filters do it, in one style.
FORBIDDEN = {
    "floatformat (use number or percent)": re.compile(r"\|floatformat"),
    'date:"F Y" (use month)': re.compile(r'\|date:"F Y"'),
    "a raw percentage (use percent or percentage)": re.compile(r"\}\}\s?%"),
    "an unformatted postcode (use postcode)": re.compile(r"\{\{\s*[\w.]*postcode\s*\}\}"),
}


def test_no_template_formats_percentages_months_or_postcodes_by_hand():
    found = []
    for path in sorted(SRC.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for number, line in enumerate(text.splitlines(), start=1):
            for what, pattern in FORBIDDEN.items():
                if pattern.search(line):
                    found.append(f"{path.relative_to(SRC)}:{number}: {what}")
    assert found == []


def test_the_forbidden_patterns_catch_what_they_should():
    samples = {
        "floatformat (use number or percent)": "{{ x|floatformat:1 }}",
        'date:"F Y" (use month)': '{{ d|date:"F Y" }}',
        "a raw percentage (use percent or percentage)": "{{ m.percentage|number:2 }}%",
        "an unformatted postcode (use postcode)": "{{ host.postcode }}",
    }
    for what, sample in samples.items():
        assert FORBIDDEN[what].search(sample), what
