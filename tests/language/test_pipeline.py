"""The whole language pipeline on the seed article: its gold timeline (issue 3), exactly.

The table below is the acceptance table of the seed, restated for the pure pipeline:
six events, each found by a phrase of its evidence, with its CAMEO root and the window
the text justifies; the served interval lies inside the window and the best date too.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.language import Extraction, extract, extract_record
from app.language.pipeline import agree
from app.language.types import Event
from tests.timeline_check import EXTRACT_EVENT_KEYS

SEED = Path(__file__).parents[2] / "seeds" / "zamin-2025-04-22-putin-bilateral-talks.txt"
PUBLISHED = date(2025, 4, 22)


def _body(raw: str) -> str:
    """The article text after the seed file's front-matter header."""
    if raw.startswith("---"):
        return raw.split("---\n", 2)[2]
    return raw


@pytest.fixture(scope="module")
def seed() -> tuple[str, Extraction]:
    text = _body(SEED.read_text(encoding="utf-8"))
    return text, extract(text, PUBLISHED)


# key, phrases that must all be evidence of the one event, root, window, granularity
GOLD = [
    (
        "E0",
        (
            "since the start of the full-scale war",
            "full-scale invasion of Ukrainian territory in February 2022",
        ),
        "19",
        date(2022, 2, 1),
        date(2022, 2, 28),
        "month",
    ),
    (
        "E3",
        ("had threatened to withdraw", "Trump and Secretary of State Marco Rubio announced"),
        "13",
        date(2025, 4, 18),
        date(2025, 4, 20),
        None,
    ),
    ("E7", ("Trump predicted",), "01", date(2025, 4, 18), date(2025, 4, 22), None),
    (
        "E1",
        ("has proposed initiating bilateral negotiations",),
        "03",
        date(2025, 4, 20),
        date(2025, 4, 22),
        None,
    ),
    ("E2", ("readiness for",), "03", date(2025, 4, 15), date(2025, 4, 22), None),
    ("E5", ("Peskov clarified Putin's remarks",), "03", date(2025, 4, 20), date(2025, 4, 22), None),
]
ORDER = [("E3", "E0"), ("E7", "E3"), ("E1", "E3"), ("E5", "E1")]  # (later, earlier)


def _find(extraction: Extraction, phrase: str, root: str) -> Event:
    """The event of that CAMEO root with the phrase in its evidence (a sentence may report two events)."""
    found = [
        e for e in extraction.events if e.cameo_root == root and any(phrase in s.text for s in e.evidence)
    ]
    assert len(found) == 1, f"{len(found)} events of root {root} have evidence containing {phrase!r}"
    return found[0]


def _by_key(extraction: Extraction) -> dict[str, Event]:
    return {key: _find(extraction, phrases[0], root) for key, phrases, root, *_ in GOLD}


def test_exactly_six_events(seed: tuple[str, Extraction]) -> None:
    _, extraction = seed
    assert len(extraction.events) == 6, [e.label for e in extraction.events]
    assert len({e.id for e in _by_key(extraction).values()}) == 6


@pytest.mark.parametrize(
    ("key", "phrases", "root", "earliest", "latest", "grain"), GOLD, ids=[g[0] for g in GOLD]
)
def test_seed_event(
    seed: tuple[str, Extraction],
    key: str,
    phrases: tuple[str, ...],
    root: str,
    earliest: date,
    latest: date,
    grain: str | None,
) -> None:
    _, extraction = seed
    event = _find(extraction, phrases[0], root)
    for phrase in phrases[1:]:
        assert _find(extraction, phrase, root).id == event.id, (
            f"{key}: {phrase!r} is not merged into {event.label}"
        )
    assert event.cameo_root == root
    assert earliest <= event.time.earliest <= event.time.best <= event.time.latest <= latest, event.time
    if grain:
        assert event.time.granularity == grain


def test_seed_order(seed: tuple[str, Extraction]) -> None:
    _, extraction = seed
    events = _by_key(extraction)
    for later, earlier in ORDER:
        assert events[earlier].time.best <= events[later].time.best, (later, earlier)
    stated = {(r.source, r.target, r.type) for r in extraction.relations}
    assert (events["E3"].id, events["E1"].id, "BEFORE") in stated  # "A few days earlier ... had threatened"
    assert (events["E5"].id, events["E1"].id, "AFTER") in stated  # "Subsequently"
    assert (events["E7"].id, events["E3"].id, "AFTER") in stated  # "Shortly after"


def test_seed_actors_and_resolution(seed: tuple[str, Extraction]) -> None:
    _, extraction = seed
    events = _by_key(extraction)
    assert events["E1"].actors == ("RUS",) and "UKR" in events["E1"].targets
    assert events["E3"].actors == ("USA",)
    assert events["E2"].actors == ("UKR",)
    assert events["E5"].actors == ("RUS",)
    assert events["E7"].resolution == "event-relative"
    assert events["E0"].resolution == "absolute"
    assert "this week" not in events["E7"].time_text  # the speaker's week inside a quote dates nothing


def test_ids_follow_first_evidence(seed: tuple[str, Extraction]) -> None:
    _, extraction = seed
    assert [e.id for e in extraction.events] == [f"e{n}" for n in range(1, 7)]
    firsts = [(e.evidence[0].start, e.trigger.start) for e in extraction.events]
    assert [f[0] for f in firsts] == sorted(f[0] for f in firsts)


def test_record_contract(seed: tuple[str, Extraction]) -> None:
    text, extraction = seed
    record = extract_record("seed", text, PUBLISHED)
    assert set(record) == {"id", "events", "relations"}
    json.dumps(record)
    keys = EXTRACT_EVENT_KEYS
    for line, event in zip(record["events"], extraction.events, strict=True):
        assert set(line) == keys
        assert line["best"] == event.time.best.isoformat()
        for span in line["evidence"]:
            assert text[span["start"] : span["end"]] == span["text"]
    for relation in record["relations"]:
        assert set(relation) == {"from", "to", "type"} and relation["type"] in {"BEFORE", "AFTER", "SAME_AS"}


def test_pure_and_repeatable(seed: tuple[str, Extraction]) -> None:
    text, extraction = seed
    assert extract(text, PUBLISHED) == extraction


def test_empty_text_has_no_events() -> None:
    assert extract("", PUBLISHED).events == ()


@pytest.mark.parametrize(
    ("text", "root", "earliest", "latest", "resolution"),
    [
        # present perfect: the recent past
        ("Iran has proposed talks with Oman.", "03", date(2025, 4, 20), date(2025, 4, 22), "implicit"),
        # "X said", undated: the day's news
        ("Turkey condemned the attack.", "11", date(2025, 4, 21), date(2025, 4, 22), "implicit"),
        # an absolute date in the clause wins
        ("On April 2, 2025, Qatar hosted the talks.", "04", date(2025, 4, 2), date(2025, 4, 2), "absolute"),
        # "will meet" is planned, after publication
        ("The delegations will meet in Doha.", "04", date(2025, 4, 22), date(2025, 5, 22), "implicit"),
        # a headline in the present reports the day's news
        ("Ukraine accepts US proposal for talks", "03", date(2025, 4, 21), date(2025, 4, 22), "implicit"),
        # past perfect with nothing to refer back to: within the last month
        ("Iran had proposed talks with Oman.", "03", date(2025, 3, 23), date(2025, 4, 22), "implicit"),
    ],
)
def test_time_rules(text: str, root: str, earliest: date, latest: date, resolution: str) -> None:
    events = extract(text, PUBLISHED).events
    assert len(events) == 1, events
    event = events[0]
    assert (event.cameo_root, event.time.earliest, event.time.latest, event.resolution) == (
        root,
        earliest,
        latest,
        resolution,
    )


def test_noun_events_default_to_the_recent_past_and_background_to_years() -> None:
    proposal = next(
        e
        for e in extract("Kyiv welcomed the US proposal for a ceasefire.", PUBLISHED).events
        if e.cameo == "0256"
    )
    assert (proposal.time.earliest, proposal.time.latest) == (date(2025, 3, 23), date(2025, 4, 22))
    war = next(
        e
        for e in extract(
            "Iran proposed talks for the first time since the start of the war.", PUBLISHED
        ).events
        if e.cameo_root == "19"
    )
    assert war.time.granularity == "year" and war.time.earliest.year == 2015


def test_anaphoric_time_follows_the_anchor_event() -> None:
    text = (
        "On April 10, 2025, Egypt proposed talks with Sudan. "
        "Two days later, the Rapid Support Forces rejected the proposal."
    )
    first, second = extract(text, PUBLISHED).events
    assert first.time.earliest == date(2025, 4, 10)
    assert second.time.best == date(2025, 4, 12)
    assert second.resolution == "event-relative"


def test_future_modality_and_negation() -> None:
    planned = extract("The two delegations are set to meet in Istanbul.", PUBLISHED).events[0]
    assert planned.modality == "planned"
    denied = extract("Israel has not accepted the proposal.", PUBLISHED).events[0]
    assert denied.modality == "denied"


# ---------------------------------------------------------------- properties on any text
WORDS = st.sampled_from(
    [
        "Russia",
        "Ukraine",
        "Putin",
        "Trump",
        "Hamas",
        "Israel",
        "said",
        "proposed",
        "talks",
        "ceasefire",
        "agreed",
        "rejected",
        "on",
        "Monday",
        "a",
        "few",
        "days",
        "earlier",
        ",",
        ".",
        "“",
        "”",
        "will",
        "not",
        "had",
        "has",
        "the",
        "in",
        "2024",
        "May",
        "15",
        "shortly",
        "after",
        "strikes",
        "killed",
    ]
)
TEXTS = st.lists(WORDS, max_size=60).map(" ".join)
DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))


@settings(max_examples=60, deadline=None)
@given(TEXTS, DAYS)
def test_any_text_gives_consistent_events(text: str, published: date) -> None:
    extraction = extract(text, published)
    ids = [e.id for e in extraction.events]
    assert ids == [f"e{n}" for n in range(1, len(ids) + 1)]
    for event in extraction.events:
        assert event.time.earliest <= event.time.best <= event.time.latest
        assert event.evidence and all(text[s.start : s.end] == s.text for s in event.evidence)
    known = set(ids)
    assert all(r.source in known and r.target in known and r.source != r.target for r in extraction.relations)


def test_a_datetime_publication_is_read_as_its_day() -> None:
    text = "Iran has proposed talks with Oman."
    assert extract(text, datetime(2025, 4, 22, 15, 30)) == extract(text, date(2025, 4, 22))


@pytest.mark.parametrize(
    ("template", "subjects", "written", "label"),
    [
        ("{actor} threatens {target}", 2, None, "{actor} threaten {target}"),
        ("{actor} says it is ready for talks", 2, None, "{actor} say they are ready for talks"),
        ("{actor} carries out a bombing", 2, None, "{actor} carry out a bombing"),
        ("{actor} denies the allegations", 1, None, "{actor} denies the allegations"),
        (
            "{actor} agree a ceasefire",
            1,
            "{actor} and {target} agree a ceasefire",
            "{actor} agrees a ceasefire",
        ),
        (
            "{actor} agree a ceasefire",
            2,
            "{actor} and {target} agree a ceasefire",
            "{actor} agree a ceasefire",
        ),
        ("war: {actor} against {target}", 2, None, "war: {actor} against {target}"),
        ("{actor} proposal of a ceasefire", 1, None, "{actor} proposal of a ceasefire"),
    ],
)
def test_label_verbs_agree_with_their_subjects(
    template: str, subjects: int, written: str | None, label: str
) -> None:
    assert agree(template, subjects, written) == label


def test_labels_of_plural_subjects_are_grammatical() -> None:
    text = "On Friday, Donald Trump and Marco Rubio threatened to withdraw from the talks."
    (event,) = extract(text, date(2025, 4, 22)).events
    assert event.label == "Donald Trump and Marco Rubio threaten"


def test_labels_list_three_parties_with_commas() -> None:
    text = "On Monday, Egypt, Qatar and Turkey signed a declaration, witnessed by Donald Trump."
    (event,) = extract(text, date(2025, 10, 14)).events
    assert event.label == "Egypt, Qatar and Turkey sign an agreement"
    assert event.targets == ()  # a witness is no party
