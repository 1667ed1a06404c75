"""The time orientation of the clause around a mention, from a small marker lexicon.

Why: "on Friday" means the previous Friday in past narrative and the next one in
"talks will resume on Friday".  A full tagger is not needed for that choice;
the words in ``rules/tense.toml`` inside the same sentence (bounded window)
decide it.  A future marker wins over past ones ("said talks will resume"), and
news defaults to the past (the ``past`` list documents the markers that
confirm it; they need no test of their own).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["TenseLexicon", "load_tense"]

_WINDOW = 160
_BOUNDARY = re.compile(r"[.!?;\n]\s")


@dataclass(frozen=True, slots=True)
class TenseLexicon:
    """Future markers: single words, multi-word phrases, and clitics such as "'ll"."""

    words: frozenset[str]
    phrases: tuple[str, ...]
    clitics: tuple[str, ...]

    def direction(self, text: str, start: int, end: int) -> int:
        """+1 if the clause containing ``text[start:end]`` looks future, else -1 (past)."""
        lo = max(0, start - _WINDOW)
        left = text[lo:start]
        cut = None
        for cut in _BOUNDARY.finditer(left):
            pass
        if cut is not None:
            left = left[cut.end():]
        right = text[end:end + _WINDOW]
        stop = _BOUNDARY.search(right)
        if stop:
            right = right[: stop.start()]
        tokens = _WORD.findall(f"{left} {right}".lower())
        if self.words.intersection(tokens):
            return 1
        if any(t.endswith(self.clitics) for t in tokens if "'" in t):
            return 1
        joined = f" {' '.join(tokens)} "
        return 1 if any(p in joined for p in self.phrases) else -1


_WORD = re.compile(r"[\w']+")


def load_tense(folder: Path) -> TenseLexicon:
    """Read ``tense.toml``; unknown keys or empty lists are errors."""
    with open(folder / "tense.toml", "rb") as fh:
        raw = tomllib.load(fh)
    if set(raw) != {"future", "past"} or not raw["future"] or not raw["past"]:
        raise ValueError("tense.toml needs exactly non-empty 'future' and 'past' lists")
    future = [p.lower() for p in raw["future"]]
    return TenseLexicon(
        words=frozenset(p for p in future if " " not in p and not p.startswith("'")),
        phrases=tuple(f" {p} " for p in future if " " in p),
        clitics=tuple(p for p in future if p.startswith("'")),
    )
