"""Sentence and quote spans: exact offsets into the original text."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from app.language.sentences import _END, find_quotes, split_sentences

SEED = Path(__file__).parents[2] / "seeds" / "zamin-2025-04-22-putin-bilateral-talks.txt"


def test_offsets_are_exact_and_ordered():
    text = "Mr. Smith met Gen. Ivanov on Sept. 3. They talked.\nThen they left! Did they? Yes."
    spans = split_sentences(text)
    assert [s.text for s in spans] == [
        "Mr. Smith met Gen. Ivanov on Sept. 3.",
        "They talked.",
        "Then they left!",
        "Did they?",
        "Yes.",
    ]
    for s in spans:
        assert text[s.start : s.end] == s.text


def test_abbreviations_that_also_end_sentences():
    text = "He said no. The talks ended at 3 p.m. Negotiators met on Sept. 30. The envoy sat. Then he left."
    assert [s.text for s in split_sentences(text)] == [
        "He said no.",
        "The talks ended at 3 p.m.",
        "Negotiators met on Sept. 30.",
        "The envoy sat.",
        "Then he left.",
    ]
    kept = "Resolution No. 5 passed at 10 a.m. GMT on Monday. Gen. Ivanov agreed."
    assert [s.text for s in split_sentences(kept)] == [
        "Resolution No. 5 passed at 10 a.m. GMT on Monday.",
        "Gen. Ivanov agreed.",
    ]


def test_closing_quote_stays_with_its_sentence():
    text = 'He said "we will talk." Then he left.'
    assert [s.text for s in split_sentences(text)] == ['He said "we will talk."', "Then he left."]


def test_initials_and_us_do_not_split():
    text = "The U.S. envoy J. R. Smith arrived. Talks began."
    assert [s.text for s in split_sentences(text)] == ["The U.S. envoy J. R. Smith arrived.", "Talks began."]


def test_quotes_straight_and_curly():
    text = 'Kyiv wants "any peace talks." Trump said “we will reach a deal this week.”'
    quotes = find_quotes(text)
    assert [q.text for q in quotes] == ["any peace talks.", "we will reach a deal this week."]
    for q in quotes:
        assert text[q.start : q.end] == q.text


def test_unclosed_quote_runs_to_paragraph_end():
    text = "He said “first part\n“second part.”"
    assert [q.text for q in find_quotes(text)] == ["first part", "second part."]


def test_quotes_close_at_the_first_paragraph_end_after_them():
    text = 'a "one\n\nb" “two “three\n” “four” "five'
    expected = ["one", " “two “three", "two “three", "three", "four", "five"]  # 'b"' opens a quote
    assert [q.text for q in find_quotes(text)] == expected
    assert find_quotes("no quote marks at all\n\n") == ()


def test_seed_sentences_and_quotes():
    text = SEED.read_text(encoding="utf-8")
    sentences = split_sentences(text)
    assert any(s.text.startswith("A few days earlier") for s in sentences)
    assert any(s.text.startswith("Shortly after, Trump predicted") for s in sentences)
    quotes = [q.text for q in find_quotes(text)]
    assert "would reach a peace agreement this week." in quotes
    assert "any peace talks." in quotes


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_gives_consistent_spans(text):
    for span in (*split_sentences(text), *find_quotes(text)):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text


PLAIN_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])|\n+")  # the sentence end as first written


END_PARTS = [".", "!", "?", "\n", "a", "A", " ", "3", '"', "“", ")", "”", "  ", "Mr", "p.m"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(END_PARTS)))
def test_sentence_end_is_the_plain_pattern(parts):
    """``_END`` begins with the class of its first character only to be found faster."""
    text = "".join(parts)
    assert [m.span() for m in _END.finditer(text)] == [m.span() for m in PLAIN_END.finditer(text)]
