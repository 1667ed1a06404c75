"""The convention report of the TimeML scorer: kinds of expression and values relative to their date."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[3] / "bench"))

from timeml_conventions import conventions_report, expression_kind, relative_value  # noqa: E402


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Last Friday", "last WD"),
        ("last Monday", "last WD"),
        ("Sept. 30", "MON N"),
        ("a year ago", "N year ago"),
        ("three weeks", "N weeks"),
        ("the weekend.", "the weekend"),
    ],
)
def test_expression_kind(text: str, kind: str) -> None:
    assert expression_kind(text) == kind


CREATED = date(1998, 8, 18)  # a Tuesday of ISO week 34


@pytest.mark.parametrize(
    ("value", "relative"),
    [
        ("1998-W33", "W-1"),
        ("1998-W7", "W-27"),
        ("1998-08-14", "D-4"),
        ("1998-08-14TNI", "D-4TNI"),
        ("1998-07", "M-1"),
        ("1998-Q2", "Q-1"),
        ("1997", "Y-1"),
        ("P1W", "P1W"),
        ("1989-WXX", "YYYY-WXX"),
        ("PAST_REF", "PAST_REF"),
        ("1998-02-30", "1998-02-30"),  # no such day: kept as written
    ],
)
def test_relative_value(value: str, relative: str) -> None:
    assert relative_value(value, CREATED) == relative


def test_report_splits_wrong_values_by_what_the_corpus_says() -> None:
    d1, d2, d3 = date(1998, 8, 18), date(2000, 2, 10), date(1989, 10, 30)
    scored = [
        ("last week", d1, "1998-W33", "1998-W33", True),
        ("last week", d2, "2000-W05", "2000-W05", True),
        ("last week", d3, "1989-WXX", "1989-W43", False),  # the corpus mostly says W-1, as we do
        ("that same day", d1, "1998-XX-XX", "1998-08-14", False),  # one of a kind
        ("Friday", d1, "1998-08-14", "1998-08-07", False),
        ("Monday", d2, "2000-02-07", None, False),  # a miss is no wrong value
        ("Sunday", d3, "1989-10-29", "1989-10-29", True),
    ]
    report = conventions_report(scored)
    assert "3 wrong values" in report
    assert "at least as often as this gold: 1" in report
    assert "the only one of its kind in the corpus: 1" in report
    assert "differs from ours: 1" in report
