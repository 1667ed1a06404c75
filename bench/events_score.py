"""Score the event extractor against a gold directory (peace-dev format) and print the figures.

Usage::

    python bench/events_score.py [GOLD_DIR ...] [--heldout] [--cli] [--json] [--details]

``GOLD_DIR`` defaults to ``../shared/corpora/peace-dev`` next to the repository and holds
``articles.jsonl`` and ``events.jsonl`` (format in that directory's README); ``--heldout``
adds the held-out paragraphs of ``tests/language/events/heldout*`` (written for the tests in
the same format: the figures on text no rule was written from).  By default
the ``extract_record`` contract is called in-process; ``--cli`` pipes the articles
through ``parley extract --jsonl -`` instead (the same contract, end to end).

Scoring (as the gold README defines it):

- an extracted event *matches* a gold event when one of its evidence spans overlaps one
  of the gold evidence strings by at least half of the shorter of the two; matching is
  one-to-one per article, greedy by (same CAMEO root first, then larger overlap); an
  extracted event whose gold events are all taken is a false positive (a missed merge);
- precision, recall, F1 over events;
- CAMEO root accuracy, actor accuracy (the extracted actors include one gold actor;
  exact set agreement is printed too) and date accuracy (extracted ``best`` inside the
  gold [earliest, latest]) over matched pairs;
- order accuracy over gold ``after`` pairs whose two events were both matched:
  best(earlier) <= best(later);
- median window width (latest - earliest, days) over all extracted events.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT.parent / "shared" / "corpora" / "peace-dev"
#: Held-out paragraphs written for the tests (same format): ``--heldout`` scores them too.
HELDOUT = ROOT / "tests" / "language" / "events"

Extractor = Callable[[Sequence[dict[str, Any]]], list[dict[str, Any]]]


@dataclass
class Scores:
    """Counts behind the printed figures (kept so tests can assert on them)."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0
    root_ok: int = 0
    actor_ok: int = 0
    actor_exact: int = 0
    date_ok: int = 0
    order_pairs: int = 0
    order_ok: int = 0
    widths: list[int] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def ratio(self, part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    def figures(self) -> dict[str, float]:
        precision = self.ratio(self.matched, self.predicted)
        recall = self.ratio(self.matched, self.gold)
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "cameo_root_accuracy": self.ratio(self.root_ok, self.matched),
            "actor_accuracy": self.ratio(self.actor_ok, self.matched),
            "actor_exact": self.ratio(self.actor_exact, self.matched),
            "date_accuracy": self.ratio(self.date_ok, self.matched),
            "order_accuracy": self.ratio(self.order_ok, self.order_pairs),
            "median_window_days": float(statistics.median(self.widths)) if self.widths else 0.0,
        }


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def in_process(articles: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Run the ``extract_record`` contract in this process."""
    sys.path.insert(0, str(ROOT))
    from app.language import extract_record

    return [extract_record(a["id"], a["text"], date.fromisoformat(a["published"][:10])) for a in articles]


def via_cli(articles: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Pipe the articles through ``parley extract --jsonl -``."""
    lines = "".join(json.dumps({k: a[k] for k in ("id", "text", "published")}) + "\n" for a in articles)
    done = subprocess.run(
        [sys.executable, "-m", "app", "extract", "--jsonl", "-"],
        input=lines,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def _gold_spans(text: str, evidence: Sequence[str]) -> list[tuple[int, int]]:
    spans = []
    for phrase in evidence:
        start = text.find(phrase)
        while start >= 0:
            spans.append((start, start + len(phrase)))
            start = text.find(phrase, start + 1)
    return spans


def _overlap(pred: Sequence[dict[str, Any]], gold: Sequence[tuple[int, int]]) -> int:
    """The best overlap (chars) between a prediction's evidence and a gold event's, if >= half the shorter."""
    best = 0
    for span in pred:
        for start, end in gold:
            common = min(span["end"], end) - max(span["start"], start)
            shorter = min(span["end"] - span["start"], end - start)
            if common > 0 and common * 2 >= shorter:
                best = max(best, common)
    return best


def score_article(
    text: str, gold: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]], scores: Scores
) -> None:
    """Add one article's counts to ``scores``."""
    spans = {g["id"]: _gold_spans(text, g["evidence"]) for g in gold}
    pairs = []
    for p_index, event in enumerate(predicted):
        for g in gold:
            common = _overlap(event["evidence"], spans[g["id"]])
            if common:
                same_root = event["cameo"][:2] == g["cameo_root"]
                pairs.append((not same_root, -common, p_index, g["id"]))
    pairs.sort()
    taken_pred: dict[int, str] = {}
    taken_gold: dict[str, int] = {}
    for _, _, p_index, g_id in pairs:
        if p_index not in taken_pred and g_id not in taken_gold:
            taken_pred[p_index], taken_gold[g_id] = g_id, p_index
    by_id = {g["id"]: g for g in gold}
    scores.predicted += len(predicted)
    scores.gold += len(gold)
    scores.matched += len(taken_pred)
    scores.widths.extend(
        (date.fromisoformat(e["latest"]) - date.fromisoformat(e["earliest"])).days for e in predicted
    )
    for p_index, g_id in taken_pred.items():
        event, g = predicted[p_index], by_id[g_id]
        scores.root_ok += event["cameo"][:2] == g["cameo_root"]
        scores.actor_ok += bool(set(event["actors"]) & set(g["actors"]))
        scores.actor_exact += set(event["actors"]) == set(g["actors"])
        scores.date_ok += g["earliest"] <= event["best"] <= g["latest"]
    for g in gold:
        if g["id"] not in taken_gold:
            scores.misses.append(f"{g['id']} ({g['cameo_root']}) {g['label']}")
        for earlier in g.get("after", []):
            if g["id"] in taken_gold and earlier in taken_gold:
                scores.order_pairs += 1
                later_best = predicted[taken_gold[g["id"]]]["best"]
                scores.order_ok += predicted[taken_gold[earlier]]["best"] <= later_best


def score(gold_dir: Path, extractor: Extractor = in_process) -> Scores:
    """Score ``extractor`` on a gold directory."""
    articles = _read_jsonl(gold_dir / "articles.jsonl")
    gold = _read_jsonl(gold_dir / "events.jsonl")
    records = {r["id"]: r for r in extractor(articles)}
    scores = Scores()
    for article in articles:
        events = [g for g in gold if g["doc"] == article["id"]]
        score_article(article["text"], events, records[article["id"]]["events"], scores)
    return scores


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold_dir", nargs="*", type=Path, help=f"gold directories (default {DEFAULT_GOLD})")
    parser.add_argument(
        "--heldout", action="store_true", help="also score the held-out sets under tests/language/events/"
    )
    parser.add_argument("--cli", action="store_true", help="pipe through `parley extract --jsonl -`")
    parser.add_argument("--json", action="store_true", help="print the figures as one JSON object")
    parser.add_argument("--details", action="store_true", help="also list the gold events that were missed")
    args = parser.parse_args(argv)
    folders = list(args.gold_dir) or ([] if args.heldout else [DEFAULT_GOLD])
    if args.heldout:
        folders += sorted(p for p in HELDOUT.glob("heldout*") if (p / "events.jsonl").exists())
    for folder in folders:
        if not (folder / "events.jsonl").exists():
            print(f"no gold data at {folder} (expected articles.jsonl and events.jsonl)", file=sys.stderr)
            return 2
    results = {folder: score(folder, via_cli if args.cli else in_process) for folder in folders}
    if args.json:
        rounded = {str(f): {k: round(v, 4) for k, v in s.figures().items()} for f, s in results.items()}
        print(json.dumps(next(iter(rounded.values())) if len(rounded) == 1 else rounded))
    else:
        for folder, scores in results.items():
            counts = f"{scores.gold} gold events, {scores.predicted} extracted, {scores.matched} matched"
            print(f"gold {folder}: {counts}")
            for name, value in scores.figures().items():
                print(f"  {name:22s} {value:8.3f}")
            print(f"  order pairs            {scores.order_pairs:8d}")
            if args.details:
                for miss in scores.misses:
                    print("  missed:", miss)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
