"""Words next to a time expression that only place an event near it are not a second mention.

Rule examples check that a phrase is found; they cannot say that *nothing else*
is found around it.  These sentences pin the whole list of mentions.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.language.temporal.extract import find_timexes

REFERENCE = date(2025, 4, 22)  # a Tuesday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The shelling began shortly after 11 o'clock Sunday night.",
            [("11 o'clock Sunday night", "2025-04-20T23:00")],
        ),
        ("The convoy left soon after midnight.", [("midnight", "2025-04-22T24:00")]),
        ("The ceasefire was broken shortly before 6 a.m.", [("6 a.m.", "2025-04-22T06:00")]),
        ("Talks resumed soon after Tuesday's vote.", [("Tuesday", "2025-04-22")]),
        ("The envoy arrived shortly after March 3.", [("March 3", "2025-03-03")]),
        ("Shortly after, the envoy left.", [("Shortly after", "2025-04-24")]),
    ],
)
def test_only_the_time_is_a_mention(text: str, expected: list[tuple[str, str]]) -> None:
    found = [(m.text, m.value) for m in find_timexes(text, REFERENCE)]
    assert found == expected
