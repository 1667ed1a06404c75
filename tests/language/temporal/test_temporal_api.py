"""The public surface of app.language.temporal: names, shift, display, the timex JSONL record."""

from __future__ import annotations

from datetime import date

import app.language.temporal as temporal
from app.language.temporal import display, shift, timex_record
from app.language.types import Interval, Offset


def test_exported_names():
    assert sorted(temporal.__all__) == ["display", "find_timexes", "shift", "timex_record"]
    for name in temporal.__all__:
        assert callable(getattr(temporal, name))


def _iv(a: str, b: str, best: str, grain: str = "day") -> Interval:
    return Interval(date.fromisoformat(a), date.fromisoformat(b), date.fromisoformat(best), grain)


def test_shift_a_few_days_earlier():
    out = shift(_iv("2025-04-20", "2025-04-22", "2025-04-21"), Offset(-1, 2, 6, "day"))
    assert (out.earliest, out.latest, out.granularity) == (date(2025, 4, 14), date(2025, 4, 20), "day")
    assert out.earliest <= out.best <= out.latest


def test_shift_later_and_same():
    later = shift(_iv("2025-04-18", "2025-04-20", "2025-04-19"), Offset(1, 0, 3, "day"))
    assert (later.earliest, later.latest) == (date(2025, 4, 18), date(2025, 4, 23))
    same = shift(_iv("2025-04-18", "2025-04-20", "2025-04-19"), Offset(0, 0, 0, "day"))
    assert (same.earliest, same.latest, same.best) == (
        date(2025, 4, 18),
        date(2025, 4, 20),
        date(2025, 4, 19),
    )
    month = shift(_iv("2022-02-01", "2022-02-28", "2022-02-14", "month"), Offset(1, 1, 1, "month"))
    assert (month.earliest, month.latest, month.granularity) == (date(2022, 3, 1), date(2022, 3, 28), "month")


def test_display_rules():
    assert display(_iv("2025-04-18", "2025-04-20", "2025-04-19")) == "18–20 Apr 2025"
    assert display(_iv("2025-04-22", "2025-04-22", "2025-04-22")) == "22 Apr 2025"
    assert display(_iv("2022-02-01", "2022-02-28", "2022-02-14", "month")) == "Feb 2022"
    assert display(_iv("2025-04-01", "2025-05-31", "2025-04-30", "month")) == "Apr–May 2025"
    assert display(_iv("2025-01-01", "2025-12-31", "2025-07-01", "year")) == "2025"
    assert display(_iv("2025-04-10", "2025-04-24", "2025-04-17")) == "c. 17 Apr 2025"
    assert display(_iv("2025-04-28", "2025-05-03", "2025-04-30")) == "28 Apr–3 May 2025"
    assert display(_iv("2024-12-30", "2025-01-02", "2024-12-31")) == "30 Dec 2024–2 Jan 2025"


def test_timex_record_contract():
    rec = timex_record("a1", "At the end of last week they met; talks lasted three days.", date(2025, 4, 22))
    assert rec["id"] == "a1"
    keys = {"start", "end", "text", "type", "value", "earliest", "latest", "granularity"}
    assert all(set(t) == keys for t in rec["timexes"])
    first, second = rec["timexes"]
    assert first == {
        "start": 3,
        "end": 23,
        "text": "the end of last week",
        "type": "DATE",
        "value": "2025-W16",
        "earliest": "2025-04-18",
        "latest": "2025-04-20",
        "granularity": "day",
    }
    assert (second["type"], second["value"], second["earliest"], second["latest"]) == (
        "DURATION",
        "P3D",
        None,
        None,
    )


def test_tense_hint_overrides_clause_detection():
    ref = date(2025, 4, 22)
    assert temporal.find_timexes("on Monday", ref)[0].value == "2025-04-21"
    assert temporal.find_timexes("on Monday", ref, tense=1)[0].value == "2025-04-28"
    assert temporal.find_timexes("talks will resume on Monday", ref, tense=-1)[-1].value == "2025-04-21"


def test_amounts_in_words_and_odd_joiners():
    ref = date(2025, 4, 22)
    found = [(m.text, m.value) for m in temporal.find_timexes("two+three days, twenty-four hours", ref)]
    assert found == [("three days", "P3D"), ("twenty-four hours", "PT24H")]
