"""The speaker's time: time words inside a quote count from the day the quote was said."""

from __future__ import annotations

from datetime import date

import pytest

from app.language.temporal.extract import find_timexes

REFERENCE = date(2024, 3, 14)  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # said on Monday: "tomorrow" is Tuesday, not the day after publication
        (
            '"We will sign the deal tomorrow," the minister said on Monday.',
            [("tomorrow", "2024-03-12"), ("Monday", "2024-03-11")],
        ),
        # the day before the quote, its speaker between
        (
            'On Monday, the minister told reporters: "Talks resume today."',
            [("Monday", "2024-03-11"), ("today", "2024-03-11")],
        ),
        # a quote of two sentences is dated by the saying after its end
        (
            '"We sign tomorrow. Then we rest," the envoy said on Monday.',
            [("tomorrow", "2024-03-12"), ("Monday", "2024-03-11")],
        ),
        # a quote whose saying is not dated keeps the publication date
        ('"We meet tomorrow," he said.', [("tomorrow", "2024-03-15")]),
        # a day that is not the saying's ("on Monday" belongs to the attack) dates nothing
        (
            '"We will retaliate tomorrow," he said of the attack that killed nine on Monday.',
            [("tomorrow", "2024-03-15"), ("Monday", "2024-03-11")],
        ),
    ],
)
def test_quoted_time_words_count_from_the_saying(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.text, m.value) for m in find_timexes(text, REFERENCE)] == expected


def test_quoted_mentions_stay_marked_as_the_speakers() -> None:
    found = find_timexes('"We will sign the deal tomorrow," the minister said on Monday.', REFERENCE)
    assert [(m.anchor, m.in_quote) for m in found] == [("speaker", True), ("publication", False)]
