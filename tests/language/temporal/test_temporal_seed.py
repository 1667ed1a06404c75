"""The seed article's time words resolve as in issue 3's gold table (publication Tue 2025-04-22)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from app.language.temporal import find_timexes
from app.language.types import Offset

SEED = Path(__file__).parents[3] / "seeds" / "zamin-2025-04-22-putin-bilateral-talks.txt"
REFERENCE = date(2025, 4, 22)


def _body() -> str:
    text = SEED.read_text(encoding="utf-8")
    return text.split("---", 2)[-1] if text.startswith("---") else text


def _by_text() -> dict[str, object]:
    return {m.text: m for m in find_timexes(_body(), REFERENCE)}


def test_seed_mentions():
    found = _by_text()
    feb = found["February 2022"]
    assert (feb.type, feb.value, feb.anchor) == ("DATE", "2022-02", "absolute")
    assert (feb.interval.earliest, feb.interval.latest, feb.interval.granularity) == (
        date(2022, 2, 1),
        date(2022, 2, 28),
        "month",
    )
    few = found["A few days"]  # TimeML's DURATION; "earlier" is its signal, read by the event layer
    assert few.type == "DURATION" and few.value == "PXD"
    assert few.anchor == "event" and few.offset == Offset(-1, 2, 6, "day") and few.interval is None
    end = found["the end of last week"]
    assert end.anchor == "publication" and end.type == "DATE"
    assert (end.interval.earliest, end.interval.latest, end.interval.granularity) == (
        date(2025, 4, 18),
        date(2025, 4, 20),
        "day",
    )
    assert found["Shortly after"].offset == Offset(1, 0, 3, "day")
    assert found["Shortly after"].anchor == "event"
    sub = found["Subsequently"]
    assert sub.anchor == "event" and sub.offset.direction == 1
    week = found["this week"]
    assert week.in_quote and week.anchor == "speaker" and week.interval is not None
    assert found["Currently"].value == "PRESENT_REF"
    assert found["a few days"].type == "DURATION"


def test_seed_has_no_spurious_mentions():
    texts = set(_by_text())
    assert texts == {
        "A few days",
        "Subsequently",
        "February 2022",
        "the end of last week",
        "a few days",
        "Shortly after",
        "this week",
        "Currently",
    }
