"""Travel distances nationally: the shipped PC4 table, and an installation's own table."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest

from django.core.management import CommandError, call_command

from basisbaan.calc.matching import distance_km
from basisbaan.intake import geo
from basisbaan.intake.models import PostcodeArea

pytestmark = pytest.mark.django_db


def km(a: str, b: str) -> float:
    here, there = geo.postcode_location(a), geo.postcode_location(b)
    assert here is not None and there is not None
    return distance_km(here, there)


def test_the_shipped_table_covers_the_country():
    with geo.NATIONAL_TABLE.open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    assert len(rows) == 4086
    assert len({row["postcode"] for row in rows}) == 4086
    assert all(len(row["postcode"]) == 4 and row["postcode"].isdigit() for row in rows)


def test_distances_between_known_postcodes_anywhere_in_the_country():
    # Leeuwarden centre to Groningen centre: about 50 km as the crow flies.
    assert round(km("8911 AB", "9711 CD"), 6) == 51.660386
    assert round(km("1011", "3011"), 6) == 57.833281  # Amsterdam - Rotterdam
    assert round(km("7811", "8911"), 6) == 87.239805  # Emmen - Leeuwarden
    assert km("8911", "8911") == 0.0


def test_an_unknown_postcode_has_no_location():
    assert geo.postcode_location("0999 AA") is None
    assert geo.postcode_location("") is None
    assert geo.postcode_location("abcd") is None


GOOD = (
    "postcode;latitude;longitude;place\n8911;53,20000;5,80000;Leeuwarden\n1000;52,37;4,90;Nieuw\n"
)


def _write(tmp_path, text, name="pc4.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_load_postcodes_overrides_and_extends_the_shipped_table(tmp_path, capsys):
    shipped = geo.postcode_location("8911")

    call_command("load_postcodes", _write(tmp_path, GOOD))

    assert list(PostcodeArea.objects.values_list("postcode", "latitude", "longitude", "place")) == [
        ("1000", Decimal("52.37000"), Decimal("4.90000"), "Nieuw"),
        ("8911", Decimal("53.20000"), Decimal("5.80000"), "Leeuwarden"),
    ]
    assert capsys.readouterr().out == (
        "2 postcodes in de eigen tabel (2 nieuw of gewijzigd, 0 verwijderd).\n"
    )
    assert geo.postcode_location("8911") != shipped
    assert geo.postcode_location("1000") is not None
    assert geo.postcode_location("9711") == geo.national_table()["9711"]


def test_loading_the_same_file_twice_changes_nothing(tmp_path, capsys):
    path = _write(tmp_path, GOOD)
    call_command("load_postcodes", path)
    before = list(PostcodeArea.objects.values_list("pk", "postcode", "latitude", "longitude"))
    capsys.readouterr()

    call_command("load_postcodes", path)

    assert (
        list(PostcodeArea.objects.values_list("pk", "postcode", "latitude", "longitude")) == before
    )
    assert "(0 nieuw of gewijzigd, 0 verwijderd)" in capsys.readouterr().out


def test_a_bad_file_is_refused_whole_and_the_table_stays(tmp_path, capsys):
    call_command("load_postcodes", _write(tmp_path, GOOD))
    before = list(PostcodeArea.objects.values_list("pk", "postcode", "latitude", "longitude"))
    bad = (
        "postcode,latitude,longitude\n"
        "9711,53.2167,6.5697\n"
        "97,53.2,6.5\n"
        "9712,91,6.5\n"
        "9713,53.2,zes\n"
        "9711,53.2,6.5\n"
    )

    with pytest.raises(CommandError, match="Niets ingelezen: 4 fout"):
        call_command("load_postcodes", _write(tmp_path, bad, "bad.csv"))

    assert capsys.readouterr().err.splitlines() == [
        "Rij 3: postcode moet vier cijfers zijn (1000-9999).",
        "Rij 4: breedtegraad moet een getal tussen 50,5 en 54 zijn.",
        "Rij 5: lengtegraad moet een getal tussen 3 en 7,5 zijn.",
        "Rij 6: postcode 9711 staat ook in rij 2.",
    ]
    assert (
        list(PostcodeArea.objects.values_list("pk", "postcode", "latitude", "longitude")) == before
    )


def test_a_file_without_the_columns_is_refused(tmp_path, capsys):
    with pytest.raises(CommandError):
        call_command("load_postcodes", _write(tmp_path, "pc,lat\n8911,53.2\n"))

    assert (
        capsys.readouterr().err.strip()
        == "De kop mist de kolom(men): postcode, latitude, longitude."
    )
    assert not PostcodeArea.objects.exists()
