"""CPU cost of the language layer per article, on the ingest benchmark's generated articles.

Usage::

    python bench/language_bench.py                          # 2,000 articles, 5 rounds
    python bench/language_bench.py --n 500 --repeat 3
    python bench/language_bench.py --against /tmp/parley-old # ratio to another checkout
    python bench/language_bench.py --articles news.jsonl     # real articles (text, published)

Why a bench of its own: ingestion's budget per article (issue #6) is split between the
language layer and storage, and the language layer's share is pure CPU, so it is timed
with ``time.process_time`` (one core; a busy shared machine is not counted against it)
over the articles ``bench/ingest_bench.py`` generates (seeded, the same every run).
Tables are loaded and the articles extracted once before timing; each figure is the
median over ``--repeat`` rounds.

Printed: ms per article and articles per CPU second for ``app.language.extract``, and
the shares of its two largest stages, each timed alone on the same articles: the
temporal engine (``find_timexes``) and event mentions (``find_mentions``, given the
sentences, quotes, time mentions and actors it reads).  The rest is actors, dating,
merging and ordering.

``--against DIR`` runs the same rounds on the language layer of another checkout ``DIR``
(a worktree of an earlier commit) in a child process, alternating rounds with this one
(and which of the two goes first) so both see the same machine load, and prints the
ratio of the two medians.  On a shared machine the figures move by 10% from run to run:
compare checkouts with ``--against``, not across separate runs.
"""

from __future__ import annotations

import argparse
import gc
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]

Article = tuple[str, date]


def _articles(n: int, source: Path | None = None) -> list[Article]:
    """The first ``n`` articles of the ingest benchmark (generated, seeded), or of ``source``."""
    if source is not None:
        rows = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()[:n]]
        return [(row["text"], date.fromisoformat(row["published"])) for row in rows]
    sys.path.insert(0, str(REPO / "bench"))
    import ingest_bench

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "articles.jsonl"
        ingest_bench.generate(path, n)
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    return [(row["text"], date.fromisoformat(row["published"])) for row in rows]


def _stages(root: Path) -> dict[str, Callable[[Article], object]]:
    """The timed functions of the language layer found under ``root``, by name."""
    sys.path.insert(0, str(root))
    from app.language import extract
    from app.language.actors.gazetteer import default_gazetteer
    from app.language.actors.references import resolve_references
    from app.language.events.lexicon import default_lexicon
    from app.language.events.mentions import find_mentions
    from app.language.sentences import find_quotes, split_sentences
    from app.language.temporal import find_timexes

    prepared: dict[Article, tuple[Any, ...]] = {}

    def mentions(article: Article) -> object:
        text, published = article
        inputs = prepared.get(article)
        if inputs is None:  # read once, outside the timed rounds (the warm-up fills it)
            actors = resolve_references(text, default_gazetteer().find(text))
            inputs = (split_sentences(text), find_quotes(text), find_timexes(text, published), actors)
            prepared[article] = inputs
        sentences, quotes, timexes, actors = inputs
        return find_mentions(text, sentences, quotes, timexes, actors, default_lexicon())

    return {
        "extract": lambda article: extract(*article),
        "temporal": lambda article: find_timexes(*article),
        "mentions": mentions,
    }


def _round(stages: dict[str, Callable[[Article], object]], articles: Sequence[Article]) -> dict[str, float]:
    """CPU milliseconds per article of each stage over ``articles``, once."""
    out = {}
    for name, stage in stages.items():
        gc.collect()  # each stage starts from a collected heap: no stage pays for another's garbage
        started = time.process_time()
        for article in articles:
            stage(article)
        out[name] = (time.process_time() - started) * 1000 / len(articles)
    return out


def _serve(root: Path, n: int, source: Path | None) -> None:
    """Child of ``--against``: one line of timings per line read on stdin."""
    articles = _articles(n, source)
    stages = _stages(root)
    _round(stages, articles)  # warm the tables and the prepared inputs
    for _ in sys.stdin:
        print(json.dumps(_round(stages, articles)), flush=True)


def _median(rounds: Sequence[dict[str, float]], name: str) -> float:
    return statistics.median(r[name] for r in rounds)


def _print(title: str, rounds: Sequence[dict[str, float]]) -> None:
    total = _median(rounds, "extract")
    temporal, mentions = _median(rounds, "temporal"), _median(rounds, "mentions")
    print(f"{title}: {total:.3f} ms/article, {1000 / total:.0f} articles per CPU second")
    print(f"  temporal engine (find_timexes) {temporal:.3f} ms  {temporal / total:5.1%}")
    print(f"  event mentions (find_mentions) {mentions:.3f} ms  {mentions / total:5.1%}")
    rest = total - temporal - mentions
    print(f"  actors, dating, merging, order {rest:.3f} ms  {rest / total:5.1%}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed rounds (default 5, median printed)")
    parser.add_argument("--against", type=Path, help="another checkout to time in alternating rounds")
    parser.add_argument(
        "--articles", type=Path, help="a JSONL file of articles (text, published) instead of generated ones"
    )
    parser.add_argument("--serve", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        _serve(args.serve, args.n, args.articles)
        return 0
    child = None
    if args.against:
        command = [sys.executable, __file__, "--serve", str(args.against.resolve()), "--n", str(args.n)]
        if args.articles:
            command += ["--articles", str(args.articles.resolve())]
        child = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    articles = _articles(args.n, args.articles)
    stages = _stages(REPO)
    _round(stages, articles)  # warm the tables and the prepared inputs
    ours: list[dict[str, float]] = []
    theirs: list[dict[str, float]] = []
    for repeat in range(args.repeat):
        if repeat % 2:  # who goes first alternates, so neither always runs right after the other
            ours.append(_round(stages, articles))
        if child is not None and child.stdin is not None and child.stdout is not None:
            child.stdin.write("\n")
            child.stdin.flush()
            theirs.append(json.loads(child.stdout.readline()))
        if not repeat % 2:
            ours.append(_round(stages, articles))
    if child is not None:
        child.communicate()
    kind = f"articles of {args.articles}" if args.articles else "generated articles"
    print(f"{len(articles)} {kind}, median of {args.repeat} rounds (CPU time, one core)")
    _print(f"this checkout ({REPO})", ours)
    if theirs:
        _print(f"against ({args.against})", theirs)
        ratio = _median(theirs, "extract") / _median(ours, "extract")
        print(f"speed-up: {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
