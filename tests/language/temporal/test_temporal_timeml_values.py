"""The TimeML scorer's value normalisation: one spelling per ISO 8601 value, nothing merged beyond."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[3] / "bench"))

import timeml_score  # noqa: E402


@pytest.mark.parametrize(
    ("system", "gold"),
    [
        ("2000-W07", "2000-W7"),
        ("2000-W07-WE", "2000-W7-WE"),
        ("1989-11-06T17:00", "1989-11-06T17"),
        ("1989-11-06T17:00", "1989-11-06T17:00:00"),
        ("2000-W12", "2000-W12"),
    ],
)
def test_same_iso_value_written_two_ways_is_equal(system: str, gold: str) -> None:
    assert timeml_score.same_value(system, gold)


@pytest.mark.parametrize(
    ("system", "gold"),
    [
        ("1949", "1949-XX"),  # a year against "some month of 1949"
        ("199", "199X"),  # a decade against a year of it
        ("1989-10-27T00:00", "1989-10-27T24"),  # start of the day against its end
        ("2000-W17", "2000-W1"),
        ("1989-11-06T17:30", "1989-11-06T17"),
        ("P1D", "PT24H"),
    ],
)
def test_different_values_stay_different(system: str, gold: str) -> None:
    assert not timeml_score.same_value(system, gold)


def test_exact_mode_compares_strings() -> None:
    assert not timeml_score.same_value("2000-W07", "2000-W7", exact=True)
    assert timeml_score.same_value("2000-W07", "2000-W07", exact=True)


def test_tally_counts_normalised_values() -> None:
    gold = [timeml_score.Timex(0, 9, "DATE", "2000-W7")]
    system = [timeml_score.Timex(0, 9, "DATE", "2000-W07")]
    loose, strict = timeml_score.Tally(), timeml_score.Tally(exact_values=True)
    loose.add(gold, system)
    strict.add(gold, system)
    assert loose.value_ok == 1 and strict.value_ok == 0
    assert loose.per_type["DATE"].value_ok == 1


@pytest.mark.parametrize(
    ("system", "gold", "shape"),
    [
        ("PXY", "PAST_REF", "reference word"),
        ("1998-W33", "P1W", "duration against point"),
        ("P13Y", "P12Y", "other amount"),
        ("1949", "1949-XX", "gold underspecified"),
        ("1998-XX", "1998-10", "system underspecified"),
        ("1998", "1998-10", "coarser or finer"),
        ("1998-08-14", "1998-08-07", "same grain, other period"),
        ("1998-W32", "1998-08-04", "other grain"),
    ],
)
def test_wrong_values_are_sorted_by_shape(system: str, gold: str, shape: str) -> None:
    assert timeml_score.value_shape(system, gold) == shape
