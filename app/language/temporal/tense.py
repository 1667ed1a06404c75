"""The time orientation of the clause around a mention, from a small marker lexicon.

Why: "on Friday" means the previous Friday in past narrative and the next one in
"talks will resume on Friday".  A full tagger is not needed for that choice;
the words in ``rules/tense.toml`` inside the same sentence (bounded window)
decide it (see ``TenseLexicon.direction`` for the order of evidence); with no
evidence at all the operators fall back on their own defaults (weekdays look
back, as news narrates the past; month-days take the nearest).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["TenseLexicon", "load_tense"]

_WINDOW = 160
_NEAR = 10  # words before a mention where a future marker counts as strong evidence
_BOUNDARY = re.compile(r"[.!?;\n]\s")


@dataclass(frozen=True, slots=True)
class TenseLexicon:
    """Future and past markers: single words, multi-word phrases, and clitics such as "'ll"."""

    words: frozenset[str]
    phrases: tuple[str, ...]
    clitics: tuple[str, ...]
    past: frozenset[str]

    def _is_past(self, token: str) -> bool:
        return token in self.past or (len(token) > 4 and token.endswith("ed") and not token.endswith("eed"))

    def direction(self, text: str, start: int, end: int) -> int:
        """The time orientation around ``text[start:end]``: sign = future (+) or past (-),
        2 = strong evidence right next to the mention, 1 = evidence in the clause, 0 = none.

        Order of evidence: a future marker among the ten words before ("will be
        held in June", "would arrive as soon as Tuesday");
        a past verb right next to the mention ("said Friday", "was held on
        Friday"); any future marker in the clause ("said talks will resume on
        Monday"); any past marker in the clause.
        """
        lo = max(0, start - _WINDOW)
        left = text[lo:start]
        cuts = [m.end() for m in _BOUNDARY.finditer(left)]
        if cuts:
            left = left[cuts[-1] :]
        right = text[end : end + _WINDOW]
        stop = _BOUNDARY.search(right)
        if stop:
            right = right[: stop.start()]
        before = _WORD.findall(left.lower())
        after = _WORD.findall(right.lower())
        if self._future(before[-_NEAR:]):
            return 2
        if any(self._is_past(t) for t in before[-3:] + after[:2]):
            return -2
        tokens = before + after
        if self._future(tokens):
            return 1
        return -1 if any(self._is_past(t) for t in tokens) else 0

    def _future(self, tokens: list[str]) -> bool:
        if self.words.intersection(tokens):
            return True
        if any(t.endswith(self.clitics) for t in tokens if "'" in t):
            return True
        joined = f" {' '.join(tokens)} "
        return any(p in joined for p in self.phrases)


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
        past=frozenset(p.lower() for p in raw["past"]),
    )
