import datetime as dt

import pytest

from briefing import params
from briefing.errors import ParameterError

TODAY = dt.date(2026, 11, 22)


def test_defaults_are_today_japan_and_the_end_of_the_last_quarter():
    edition = params.parse(today=TODAY)
    assert edition == params.Parameters(TODAY, "JP", dt.date(2026, 9, 30))
    assert edition.for_papermill() == {
        "as_of": "2026-11-22",
        "focus": "JP",
        "previous_as_of": "2026-09-30",
    }


@pytest.mark.parametrize(
    ("as_of", "previous"),
    [
        ("2026-11-01", "2026-09-30"),
        ("2026-10-01", "2026-09-30"),  # the first day of a quarter: the one before
        ("2026-09-30", "2026-06-30"),  # the last day of a quarter: still the one before
        ("2026-02-15", "2025-12-31"),  # across the year
        ("2020-06-30", "2020-03-31"),
        ("2024-05-31", "2024-03-31"),  # February's end does not matter; March's does
    ],
)
def test_the_previous_edition_is_by_default_the_end_of_the_last_quarter(as_of, previous):
    """Decided from as_of alone, before anything runs: never read back from earlier outputs."""
    assert params.parse(as_of, today=TODAY).previous_as_of == dt.date.fromisoformat(previous)


def test_codes_are_normalised_and_eu_is_known():
    assert params.parse("2020-06-30", "gb", today=TODAY).focus == "GB"
    assert params.parse("2020-06-30", "EU", today=TODAY).focus == "EU"


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"as_of": "2020-13-01"}, "is not a date of the form YYYY-MM-DD"),
        ({"as_of": "30/06/2020"}, "is not a date of the form YYYY-MM-DD"),
        ({"as_of": "2027-01-01"}, "is in the future"),
        ({"focus": "XX"}, "is not an ISO 3166-1 alpha-2 code"),
        ({"focus": "JPN"}, "is not an ISO 3166-1 alpha-2 code"),
        ({"colour": "red"}, "unknown parameter colour"),
    ],
)
def test_bad_parameters_are_one_line_errors(kwargs, message):
    with pytest.raises(ParameterError, match=message) as caught:
        params.parse(today=TODAY, **kwargs)
    assert "\n" not in str(caught.value)


def test_the_previous_edition_is_a_date_before_the_edition():
    edition = params.parse("2021-06-30", "JP", "2020-06-30", today=TODAY)
    assert edition.previous_as_of == dt.date(2020, 6, 30)
    assert edition.for_papermill() == {
        "as_of": "2021-06-30",
        "focus": "JP",
        "previous_as_of": "2020-06-30",
    }
    assert params.parse("2021-06-30", today=TODAY).previous_as_of == dt.date(2021, 3, 31)
    assert params.parse("2021-06-30", "JP", "none", today=TODAY).previous_as_of is None
    with pytest.raises(ParameterError, match="is not before as_of 2021-06-30"):
        params.parse("2021-06-30", "JP", "2021-06-30", today=TODAY)
    with pytest.raises(ParameterError, match="is not a date of the form"):
        params.parse("2021-06-30", "JP", "June 2020", today=TODAY)
