"""Jurisdiction codes and the names sources use for them."""

from __future__ import annotations

import pytest

from briefing import countries


def test_names_of_codes():
    assert countries.name("JP") == "Japan"
    assert countries.name("TW") == "Taiwan"
    assert countries.name("EU") == "European Union"
    assert countries.name("ZZ") is None


@pytest.mark.parametrize(
    "place, code",
    [
        ("CN", "CN"),
        ("cn", "CN"),
        ("Hong Kong", "HK"),
        ("Burma", "MM"),
        ("Russia", "RU"),
        ("U.A.E.", "AE"),
        ("Germany", "DE"),
        ("Crimea Region of Ukraine", None),
        ("Atlantis", None),
        ("", None),
    ],
)
def test_codes_of_names(place, code):
    assert countries.code(place) == code


def test_every_name_of_a_jurisdiction_resolves_back_to_it():
    for code in ("RU", "MM", "KR", "JP"):
        names = countries.names(code)
        assert names and all(countries.code(n) == code for n in names)


def test_abbreviations_are_named_in_capitals():
    assert "UAE" in countries.names("AE") and "Uae" not in countries.names("AE")
