"""The required-word index only skips trigger rows that could not match: it never changes a match."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from app.language.events.lexicon import default_lexicon
from app.language.events.literals import LiteralIndex, required_literals, scanner, unfoldable
from app.language.events.mentions import _matches
from app.language.sentences import find_quotes, split_sentences

LEXICON = default_lexicon()
HERE = Path(__file__).parent
EXAMPLES = [(n, rule.id, example) for n, rule in enumerate(LEXICON.triggers) for example in rule.examples]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?-i:\b(?:saying|said|says|say)\b)", {"say", "said"}),
        (r"\bprotest(?:ed|ing)\b", {"protested", "protesting"}),
        (r"(?:the )?(?:\S+ )?talks (?:ended|resumed)", {"talks ended", "talks resumed"}),
        (r"(?<!the )deal|accord", {"deal", "accord"}),
        (r"talks|\w+ing", {"talks", "ing"}),
        (r"\S+\w+", None),
        (r"talks|\w+", None),
    ],
)
def test_required_literals(pattern: str, expected: set[str] | None) -> None:
    found = required_literals(re.compile(pattern, re.IGNORECASE))
    assert (None if found is None else set(found)) == expected


@pytest.mark.parametrize(("row", "rule_id", "example"), EXAMPLES, ids=[f"{r}:{e}" for _, r, e in EXAMPLES])
def test_every_example_reaches_its_row(row: int, rule_id: str, example: str) -> None:
    assert LEXICON.index is not None
    assert row in LEXICON.index.rows(example), f"{rule_id} skipped for {example!r}"


def test_unfoldable_text_tries_every_row() -> None:
    index = LiteralIndex.build([frozenset({"say"}), None])
    assert index.rows("nothing here") == [1]
    assert unfoldable("Moscow ſaid")
    assert index.rows("Moscow ſaid") == [0, 1]


def test_index_keeps_every_match_of_the_held_out_paragraphs() -> None:
    plain = replace(LEXICON, index=None)
    checked = 0
    for path in sorted(HERE.glob("heldout*/articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(line)["text"]
            quotes = find_quotes(text)
            for sentence in split_sentences(text):
                assert _matches(text, sentence, quotes, LEXICON) == _matches(text, sentence, quotes, plain)
                checked += 1
    assert checked > 100


def _spans(
    pattern: re.Pattern[str], text: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text, start, len(text) if end is None else end)]


def test_scanner_finds_what_the_pattern_finds() -> None:
    texts = [e for rule in LEXICON.triggers for e in (*rule.examples, *rule.not_examples)]
    for path in sorted(HERE.glob("heldout*/articles.jsonl")):
        texts.extend(json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines())
    for rule in LEXICON.triggers:
        scan = rule.scan or rule.pattern
        for text in texts:
            assert _spans(scan, text) == _spans(rule.pattern, text), (rule.id, text)


def test_scanner_looks_ahead_only_when_it_can() -> None:
    assert scanner(re.compile(r"(?<!the )(?:said|told)", re.IGNORECASE)).pattern.startswith("(?=[st])")
    plain = re.compile(r"\S+ talks", re.IGNORECASE)
    assert scanner(plain) is plain
    cased = re.compile("said")
    assert scanner(cased) is cased


def test_rows_in_spans_are_the_rows_of_each_span_text() -> None:
    index = LiteralIndex.build([frozenset({"said"}), frozenset({"sa"}), frozenset({"talks"}), None])
    text = "Kyiv sa. Moscow said talks. Nothing"
    spans = [(0, 8), (9, 27), (28, 35), (9, 18)]
    assert index.rows_in(text, spans) == [index.rows(text[a:b]) for a, b in spans]
    assert index.rows_in(text, spans) == [[1, 3], [0, 1, 2, 3], [3], [1, 3]]  # "said" cut to "sa"
    assert index.rows_in("İstanbul: Moscow said", [(0, 9), (10, 21)]) == [[0, 1, 2, 3], [0, 1, 3]]


def test_scanner_asks_for_a_word_boundary_only_when_every_alternative_begins_with_one() -> None:
    bounded = scanner(re.compile(r"(?<!the )(?-i:\b(?:said|told)\b)|\bstated", re.IGNORECASE))
    assert bounded.pattern.startswith(r"\b(?=[st])")
    assert not scanner(re.compile(r"\bsaid|told", re.IGNORECASE)).pattern.startswith(r"\b")
    assert not scanner(re.compile(r"(?:^|\b)talks", re.IGNORECASE)).pattern.startswith(r"\b")
    assert [m.span() for m in bounded.finditer("He said it; the said; unstated")] == [(3, 7)]
