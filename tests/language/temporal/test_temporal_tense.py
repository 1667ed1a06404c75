"""The tense table's own examples are tests: each sentence must get the stated direction."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from app.language.temporal.extract import RULES_DIR, default_engine
from app.language.temporal.tense import TenseExample, TenseLexicon, load_tense

LEXICON = default_engine().tense


def _direction(lexicon: TenseLexicon, example: TenseExample) -> int:
    start = example.text.index(example.mention)
    return lexicon.direction(example.text, start, start + len(example.mention))


@pytest.mark.parametrize("example", LEXICON.examples, ids=[e.text for e in LEXICON.examples])
def test_tense_example(example: TenseExample) -> None:
    assert _direction(LEXICON, example) == example.direction


def test_a_wrong_direction_fails() -> None:
    """The check can fail: the opposite of an example's direction is never what comes out."""
    example = LEXICON.examples[0]
    wrong = dataclasses.replace(example, direction=-example.direction)
    assert _direction(LEXICON, wrong) != wrong.direction


def test_the_table_has_examples_of_both_directions_and_none() -> None:
    signs = {(e.direction > 0) - (e.direction < 0) for e in LEXICON.examples}
    assert signs == {-1, 0, 1}


def test_unknown_keys_are_errors(tmp_path: Path) -> None:
    shutil.copy(RULES_DIR / "tense.toml", tmp_path / "tense.toml")
    with open(tmp_path / "tense.toml", "a") as fh:
        fh.write('\n[misc]\nword = "x"\n')
    with pytest.raises(ValueError):
        load_tense(tmp_path)


def test_the_verb_nearest_the_mention_decides() -> None:
    text = "They said they would appeal the ruling, announced Wednesday."
    start = text.index("Wednesday")
    assert LEXICON.direction(text, start, start + 9) < 0
    text = "Talks that collapsed in March will resume on Monday."
    start = text.index("Monday")
    assert LEXICON.direction(text, start, start + 6) > 0
