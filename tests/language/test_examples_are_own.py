"""Rule-table examples are the project's own words, not sentences of the measuring corpora.

TBAQ and the peace development set are for measuring and for finding missing kinds of
language; an example that repeats one of their sentences is a rule fitted to that sentence,
and its figures would not carry over to unseen text.  Any seven words in a row shared with
either corpus fail this test (skipped when the corpora are not beside the checkout).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator

import pytest

from app.settings import PROJECT_ROOT

CORPORA = PROJECT_ROOT.parent / "shared" / "corpora"
RUN = 7
_TAG = re.compile(r"<[^>]+>")


def _strings(node: object) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for value in node.values():
            yield from _strings(value)
    elif isinstance(node, list):
        for value in node:
            yield from _strings(value)


def _runs(text: str) -> Iterator[tuple[str, ...]]:
    words = text.lower().split()
    return (tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1))


def _corpus_runs() -> set[tuple[str, ...]]:
    texts = [_TAG.sub(" ", p.read_text(encoding="utf-8")) for p in (CORPORA / "tbaq").rglob("*.tml")]
    texts += [p.read_text(encoding="utf-8") for p in (CORPORA / "peace-dev").glob("*.jsonl")]
    return {run for text in texts for run in _runs(text)}


def test_no_example_repeats_a_corpus_sentence() -> None:
    if not (CORPORA / "tbaq").is_dir() or not (CORPORA / "peace-dev").is_dir():
        pytest.skip(f"corpora not found at {CORPORA}: this check needs ../shared/corpora (tbaq, peace-dev)")
    seen = _corpus_runs()
    assert len(seen) > 100_000, "the corpora were not read"
    copied = [
        f"{path.relative_to(PROJECT_ROOT)}: {text[:80]!r}"
        for path in sorted((PROJECT_ROOT / "app" / "language").rglob("*.toml"))
        for text in _strings(tomllib.loads(path.read_text(encoding="utf-8")))
        if any(run in seen for run in _runs(text))
    ]
    assert copied == [], "examples that repeat a corpus sentence:\n" + "\n".join(copied)


def test_the_check_sees_a_copied_sentence() -> None:
    """The runs are compared the way the check compares them: a corpus sentence is caught."""
    sample = "the envoys met in the capital on a cold Monday morning to sign"
    assert set(_runs(sample)) & set(_runs("Yesterday " + sample.upper() + " it."))
