"""In-article merging: one event told twice becomes one event; different events stay apart."""

from __future__ import annotations

from datetime import date

from app.language import extract
from app.language.ordering.dedupe import intersect
from app.language.types import Interval

PUBLISHED = date(2025, 4, 22)


def test_intersection_keeps_the_narrower_grain() -> None:
    month = Interval(date(2022, 2, 1), date(2022, 2, 28), date(2022, 2, 14), "month")
    years = Interval(date(2015, 1, 1), date(2025, 4, 22), date(2020, 1, 1), "year")
    merged = intersect(month, years)
    assert merged == month
    assert intersect(month, Interval(date(2023, 1, 1), date(2023, 1, 2), date(2023, 1, 1), "day")) is None


def test_same_event_told_twice_is_merged_with_both_evidence_sentences() -> None:
    text = (
        "On April 18, 2025, Israel and Hamas held talks in Doha. "
        "The talks between Israel and Hamas were held on April 18, 2025."
    )
    events = extract(text, PUBLISHED).events
    assert len(events) == 1
    assert len(events[0].evidence) == 2


def test_later_act_by_another_speaker_is_not_merged() -> None:
    text = (
        "Vladimir Putin has proposed talks with Ukraine. "
        "Subsequently, Kremlin spokesman Dmitry Peskov said Russia remains open to talks."
    )
    events = extract(text, PUBLISHED).events
    assert len(events) == 2
    assert {r.type for r in extract(text, PUBLISHED).relations} == {"AFTER"}


def test_elaboration_folds_into_the_speakers_event() -> None:
    text = (
        "On April 20, 2025, Dmitry Peskov said Russia remains open to talks. He added that much work remains."
    )
    events = extract(text, PUBLISHED).events
    assert len(events) == 1 and len(events[0].evidence) == 2
    assert events[0].cameo_root == "03"


def test_denied_and_asserted_do_not_merge() -> None:
    text = "Israel has accepted the proposal. Hamas has not accepted the proposal."
    events = extract(text, PUBLISHED).events
    assert sorted(e.modality for e in events) == ["asserted", "denied"]
