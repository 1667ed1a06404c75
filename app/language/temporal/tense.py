"""The time orientation of the clause around a mention, from a small marker lexicon.

Why: "on Friday" means the previous Friday in past narrative and the next one in
"talks will resume on Friday".  A full tagger is not needed for that choice;
the words in ``rules/tense.toml`` inside the same sentence (bounded window)
decide it.  A future marker wins over past ones ("said talks will resume"), and
news defaults to the past.
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
    """Compiled future/past marker patterns."""

    future: re.Pattern[str]
    past: re.Pattern[str]

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
        clause = f"{left} {right}"
        if self.future.search(clause):
            return 1
        return -1


def _words(phrases: list[str]) -> re.Pattern[str]:
    alternatives = []
    for phrase in sorted(phrases, key=len, reverse=True):
        body = re.escape(phrase).replace(r"\ ", r"\s+")
        alternatives.append(rf"(?<!\w){body}" if phrase[0].isalnum() else body)
    return re.compile(rf"(?:{'|'.join(alternatives)})(?!\w)", re.IGNORECASE)


def load_tense(folder: Path) -> TenseLexicon:
    """Read ``tense.toml``; unknown keys or empty lists are errors."""
    with open(folder / "tense.toml", "rb") as fh:
        raw = tomllib.load(fh)
    if set(raw) != {"future", "past"} or not raw["future"] or not raw["past"]:
        raise ValueError("tense.toml needs exactly non-empty 'future' and 'past' lists")
    return TenseLexicon(_words(raw["future"]), _words(raw["past"]))
