"""The first-word dispatcher is only a speed-up: it finds exactly what one big alternation finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from app.language.temporal.dispatch import Dispatcher, first_prefixes
from app.language.temporal.extract import default_engine
from app.language.temporal.table import BOUNDED

ENGINE = default_engine()
DISPATCHER = ENGINE.table.dispatcher
ALTERNATION = re.compile(
    BOUNDED.format("|".join(f"(?:{p})(?P<r{i}>)" for i, p in enumerate(DISPATCHER.patterns))), re.IGNORECASE
)
PHRASES = sorted(
    {ex.text for rule in ENGINE.table.rules for ex in rule.examples}
    | {t for rule in ENGINE.table.rules for t in rule.not_examples}
)
NOISE = st.sampled_from(
    ["the", "a", "and", "said", "$", "'", "-", "7", "1998", "May", "may", "x", ",", ".", "“", "”"]
    + ["one", "year", "old", "-year", "a-", "\t", "5", "5,000", "2.5", "3rd", "1990s", "5-", "million"]
)
SEPARATORS = st.sampled_from([" ", "  ", "\n", ", ", ""])


def _reference(text: str) -> list[tuple[int, int, int]]:
    return [
        (int(m.lastgroup[1:]), *m.span())
        for m in ALTERNATION.finditer(text)
        if m.lastgroup and m.end() > m.start()
    ]


def _dispatched(text: str) -> list[tuple[int, int, int]]:
    return [(i, *m.span()) for i, m in DISPATCHER.matches(text)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(PHRASES), NOISE), min_size=1, max_size=12),
    SEPARATORS,
)
def test_same_matches_as_one_alternation(parts, sep):
    text = sep.join(parts)
    assert _dispatched(text) == _reference(text)


def test_every_example_start_is_a_candidate_of_its_rule():
    """At the first token of each example match, the dispatcher offers that example's rule."""
    token = re.compile(r"(\w+|[^\w\s])(?:\s+(\w+|[^\w\s]))?")
    for i, rule in enumerate(ENGINE.table.rules):
        for example in rule.examples:
            for m in re.finditer(DISPATCHER.patterns[i], example.text, re.IGNORECASE):
                t = token.match(example.text, m.start())
                if t and m.end() > m.start():
                    assert i in DISPATCHER.candidates(t.group(1), t.group(2) or ""), (rule.id, example.text)


def test_prefix_reading():
    assert first_prefixes(r"(?:the\s+)?(?-i:May)|week[s]?\d") == {"weeks", "week", "may$", "the$ may$"}
    assert first_prefixes(r"\d+\s+days") == {"#$ days$"}  # a number alone, then "days"
    assert first_prefixes(r"\d+(?:st|nd)") == {"#st$", "#nd$"}  # "1st", "2nd": a number, then letters
    assert first_prefixes(r"\d+(?:,\d+)?") == {"#", "#$ \0"}  # "5,000"; "5" or "1998" (then anything)
    assert first_prefixes(r"'?[2-9]0s") == {"'", "#s$"}
    assert first_prefixes(r"(?:1[5-9]|20)\d\d") == {"1", "20"}  # a year is not tried at "5"


def test_a_sign_after_the_first_word_means_no_second_word():
    """For "a year old" the next word must be "year"; "a-year-old" has none: tried where none follows."""
    dispatcher = Dispatcher([r"an?[-\s]years?[-\s]old"], BOUNDED)
    assert dispatcher.candidates("a", "year") == (0,)
    assert dispatcher.candidates("a", "") == (0,)
    assert dispatcher.candidates("a", "man") == ()
    assert [m.span() for _, m in dispatcher.matches("a man, a year old, a-year-old")] == [(7, 17), (19, 29)]


def test_a_number_before_a_word_is_tried_only_for_rules_of_that_word():
    dispatcher = Dispatcher([r"\d{1,3}(?:,\d{3})+\s+years|\d+\s+days", r"\d+th"], BOUNDED)
    assert dispatcher.candidates("5", "days") == (0,)
    assert dispatcher.candidates("5", "million") == ()
    assert dispatcher.candidates("5", "") == (0,)  # "5,000 years"
    assert dispatcher.candidates("5th", "days") == (1,)
    assert dispatcher.candidates("5,", "") == ()
    assert [m.span() for _, m in dispatcher.matches("5 million, 5,000 years, 5th, 3 days")] == [
        (11, 22),
        (24, 27),
        (29, 35),
    ]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.sampled_from(PHRASES), NOISE), min_size=1, max_size=12),
    SEPARATORS,
)
def test_scan_stops_exactly_where_some_rule_is_a_candidate(parts, sep):
    """The scan reads the next word of a two-word prefix ("the" before "third"), so it stops
    where, and only where, ``candidates`` has a rule to try."""
    text = sep.join(parts)
    token = re.compile(r"(?<![\w$€£])(\w+|[^\w\s])(?:(?=\s+(\w+|[^\w\s])))?")  # every word, and the next
    words = token.finditer(text)
    expected = [m.start() for m in words if DISPATCHER.candidates(m.group(1), m.group(2) or "")]
    assert [m.start() for m in DISPATCHER._scan.finditer(text)] == expected


def _words_found(scan_matches):
    return [(m.start(), m.group(1).lower(), (m.group(2) or "").lower()) for m in scan_matches]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(PHRASES),
            NOISE,
            st.sampled_from(["ſ", "\u212a", "İ", "ı", "É", "é", "“", "’", "—", "€", "£", "Σ", "²", "٣", "ǅ"]),
        ),
        min_size=1,
        max_size=12,
    ),
    SEPARATORS,
)
def test_scan_of_the_lower_case_text_finds_the_same_words(parts, sep):
    """The case-sensitive scan of the lower-case text is used only where it finds what the
    case-insensitive scan finds ("ſ" matches "s" ignoring case, but is not "s" in lower case)."""
    text = sep.join(parts)
    assert _words_found(DISPATCHER._scanner.finditer(text)) == _words_found(DISPATCHER._scan.finditer(text))


def test_a_letter_whose_lower_case_depends_on_what_follows_is_scanned_as_written():
    """A final "Σ" lowers to "ς" at a word's end and to "σ" inside one: the text is not lowered
    as a whole for the scan (found by the property test above)."""
    text = "$ 2025 millionΣ'a"
    assert _words_found(DISPATCHER._scanner.finditer(text)) == _words_found(DISPATCHER._scan.finditer(text))
