"""Throughput of the temporal engine, against dateparser, on news text and on adversarial input.

Usage:  python bench/timex_bench.py [--corpus DIR] [--repeat N]

Prints MB of text per CPU second (one core) for ``find_timexes`` on:
- the seed article repeated to ~1 MB (news prose, English);
- the TimeML corpus text, when ``--corpus`` points at a folder of ``.tml`` files;
- 1 MB of digits and month names, and 1 MB of a single digit (adversarial:
  catastrophic regex backtracking would show up here as seconds, not ms);
and dateparser's ``search_dates`` on the first 50 kB of the news text, for scale.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from app.language.temporal import find_timexes  # noqa: E402
from app.language.temporal.dateparser_adapter import search  # noqa: E402

REFERENCE = date(2025, 4, 22)
SEED = REPO / "seeds" / "zamin-2025-04-22-putin-bilateral-talks.txt"
HOSTILE = "2025 1967 April 22 2025 Feb. 30 12:30 3 p.m. 1 1 1 1 a few days earlier March May 9999999999 "


def _mb_per_s(fn: Callable[[str], object], text: str, repeat: int) -> tuple[float, float]:
    """(MB/s, seconds of the best run) over ``repeat`` runs."""
    best = float("inf")
    for _ in range(repeat):
        started = time.process_time()
        fn(text)
        best = min(best, time.process_time() - started)
    mb = len(text.encode("utf-8")) / 1e6
    return (mb / best if best else float("inf")), best


def _sized(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None, help="folder of TimeML .tml files")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    def engine(text: str) -> object:
        return find_timexes(text, REFERENCE)

    def baseline(text: str) -> object:
        return search(text, REFERENCE)

    seed = SEED.read_text(encoding="utf-8").split("---", 2)[-1]
    inputs = {"seed article x ~1 MB": _sized(seed + "\n", 1_000_000)}
    if args.corpus:
        sys.path.insert(0, str(REPO / "bench"))
        from timeml_score import read_corpus

        inputs["TimeML corpus text"] = "\n\n".join(d.text for d in read_corpus(args.corpus))
    inputs["1 MB digits + month names"] = _sized(HOSTILE, 1_000_000)
    inputs["1 MB of one digit"] = "7" * 1_000_000
    engine(seed)  # load the tables outside the timed runs
    print("| input | MB | parley MB/s | best run s |")
    print("|---|---|---|---|")
    for name, text in inputs.items():
        rate, seconds = _mb_per_s(engine, text, args.repeat)
        print(f"| {name} | {len(text.encode('utf-8')) / 1e6:.2f} | {rate:.2f} | {seconds:.3f} |")
    sample = inputs["seed article x ~1 MB"][:50_000]
    baseline(sample[:2000])  # its imports and language data
    rate, seconds = _mb_per_s(baseline, sample, 1)
    ours, _ = _mb_per_s(engine, sample, args.repeat)
    print(
        f"\ndateparser search_dates on 50 kB of the news text: {rate:.3f} MB/s; parley {ours:.2f} MB/s "
        f"({ours / rate:.0f}x)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
