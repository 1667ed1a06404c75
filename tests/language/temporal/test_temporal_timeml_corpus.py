"""The TimeML scorer on the shared TBAQ corpus (skipped when the corpus is not there)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).parents[3]
CORPUS = REPO.parent / "shared" / "corpora" / "tbaq"
sys.path.insert(0, str(REPO / "bench"))

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def docs():
    if not CORPUS.is_dir():
        pytest.skip(f"TBAQ corpus not found at {CORPUS} (see bench/TEMPORAL.md)")
    import timeml_score

    return timeml_score.read_corpus(CORPUS, limit=60)


def test_scorer_reads_gold_spans(docs):
    for doc in docs:
        for g in doc.gold:
            assert 0 <= g.start < g.end <= len(doc.text)


def test_engine_beats_floor_and_baseline_shape(docs):
    import timeml_score

    figures = timeml_score.run(docs, timeml_score.engine_system).figures()
    assert figures["relaxed_f1"] > 0.85
    assert figures["strict_f1"] > 0.75
    assert figures["value_acc"] > 0.7


def test_scorer_counts_a_perfect_system_as_perfect(docs):
    import timeml_score

    figures = timeml_score.run(docs, lambda d: list(d.gold)).figures()
    assert figures["strict_f1"] == figures["relaxed_f1"] == figures["value_f1"] == 1.0
