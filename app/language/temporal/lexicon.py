"""Named word lists and sub-patterns that rule patterns refer to as ``{name}``.

Why data: months, weekdays, number words, units and the vague amounts are the
knowledge of the engine; keeping them in ``rules/lexicon.toml`` and
``rules/vagueness.toml`` means a new phrasing is a new row, and "a few days" =
2–6 days exists exactly once in the repository.

Placeholder syntax inside a pattern:

``{month}``        capturing group named ``month`` over the ``month`` lexicon
``{month:end}``    the same lexicon, captured as group ``end``
``{~month}``       the same words, not captured

A surface form that contains an upper-case letter is matched case-sensitively
("May" the month, never "may" the verb); all others ignore case.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["Lexicon", "LexiconError", "PLACEHOLDER", "load_lexicon"]

PLACEHOLDER = re.compile(r"\{(~?)([a-z_][a-z_0-9]*)(?::([a-z_][a-z_0-9]*))?\}")
_LEFTOVER = re.compile(r"\{~?[A-Za-z_][^}]*\}")
_DECODERS = frozenset({"int", "text", "amount", "quantity", "word_year"})


class LexiconError(ValueError):
    """A lexicon or vagueness table is malformed."""


@dataclass(frozen=True, slots=True)
class SubPattern:
    """A named raw regular expression with how to decode what it captured."""

    regex: str
    decode: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All word lists (surface -> value) and sub-patterns, plus the vagueness table."""

    words: dict[str, dict[str, Any]]
    patterns: dict[str, SubPattern]
    adverbs: dict[str, tuple[int, int, str]]

    def names(self) -> frozenset[str]:
        return frozenset(self.words) | frozenset(self.patterns)

    def alternation(self, name: str) -> str:
        """The regex (no group) for the words or sub-pattern called ``name``."""
        if name in self.patterns:
            return "(?:" + self.expand(self.patterns[name].regex, capture=False) + ")"
        surfaces = sorted(self.words[name], key=lambda s: (-len(s), s))
        return "(?:" + "|".join(_factored([_chars(s) for s in surfaces])) + ")"

    def expand(self, pattern: str, capture: bool = True, prefix: str = "") -> str:
        """Replace every placeholder of ``pattern`` by its regex (groups named ``prefix + name``)."""

        def one(m: re.Match[str]) -> str:
            silent, name, group = m.group(1), m.group(2), m.group(3) or m.group(2)
            if name not in self.names():
                raise LexiconError(f"unknown lexicon reference {{{name}}}")
            body = self.alternation(name)
            if silent or not capture:
                return body
            return f"(?P<{prefix}{group}>{body})"

        expanded = PLACEHOLDER.sub(one, _spaced(pattern))
        leftover = _LEFTOVER.search(expanded)
        if leftover:
            raise LexiconError(f"malformed lexicon reference {leftover.group(0)}")
        return expanded

    def decoder(self, name: str) -> str:
        """How a captured group over lexicon/pattern ``name`` becomes a value."""
        return self.patterns[name].decode if name in self.patterns else "lexicon"

    def decode(self, name: str, surface: str) -> Any:
        """The value of ``surface`` captured by placeholder ``name``."""
        how = self.decoder(name)
        if how == "lexicon":
            table = self.words[name]
            key = " ".join(surface.split())
            return table[key] if key in table else table[key.lower()]
        if how == "int":
            return int(re.match(r"\d+", surface).group())  # type: ignore[union-attr]
        if how == "amount":
            return self.amount(surface)
        if how == "quantity":
            return self.quantity(surface)
        if how == "word_year":
            return self.word_year(surface)
        return surface

    def amount(self, surface: str) -> float:
        """A number written in digits ("14", "1 1/2") or words ("twenty four", "a"), perhaps
        with "and a half" ("two and a half")."""
        text = " ".join(surface.lower().replace("-", " ").split())
        if text.endswith(" and a half"):  # "two and a half", "1 and a half"
            return self.amount(text.removesuffix(" and a half")) + 0.5
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", text):
            return float(text.replace(",", ""))
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            return float(text)
        m = re.fullmatch(r"(\d+)\s+(\d+)/(\d+)", text)
        if m:
            return int(m.group(1)) + int(m.group(2)) / int(m.group(3))
        if text in {"a", "an"}:
            return 1.0
        total = 0.0
        for word in re.split(r"[^a-z]+", text):
            if not word:
                continue
            if word == "and":
                continue
            value = self.words["number"][word]
            total = total * value if value >= 100 and total else total + value
        return total

    def word_year(self, surface: str) -> int:
        """A year said in words: "nineteen ninety-six" = 1996, "two thousand and one" = 2001."""
        text = " ".join(surface.lower().replace("-", " ").split())
        if text.startswith("nineteen "):
            return 1900 + int(self.amount(text[len("nineteen ") :]))
        rest = text[len("two thousand") :].strip().removeprefix("and").strip()
        return 2000 + (int(self.amount(rest)) if rest else 0)

    def quantity(self, surface: str) -> tuple[float, float]:
        """``(low, high)``: a vague quantity from the vagueness table, else an exact amount."""
        key = " ".join(surface.lower().split())
        if key in self.words["vague"]:
            low, high = self.words["vague"][key]
            return float(low), float(high)
        n = self.amount(surface)
        return n, n


def _spaced(pattern: str) -> str:
    """Let a space in a pattern match any white space.

    Outside character classes " ?" and " *" become ``\\s*`` and " " becomes
    ``\\s+``; inside a class ("[- ]") a space becomes ``\\s``.
    """
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        ch = pattern[i]
        if ch == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
            out.append(r"\s" if ch == " " else ch)
        elif ch == "[":
            in_class = True
            out.append(ch)
        elif ch == " " and pattern[i + 1 : i + 2] in ("?", "*"):
            out.append(r"\s*")
            i += 1
        else:
            out.append(r"\s+" if ch == " " else ch)
        i += 1
    return "".join(out)


_Char = tuple[str, bool]  # a character of a surface, and whether it is matched case-sensitively
_Group = tuple[_Char | None, list[tuple[_Char, ...]]]  # surfaces that begin with one character


def _chars(surface: str) -> tuple[_Char, ...]:
    """A surface as characters to factor; one with a capital letter is matched case-sensitively."""
    sensitive = surface.lower() != surface
    return tuple((ch, sensitive) for ch in surface)


def _regex(chars: tuple[_Char, ...]) -> str:
    """The regex of a run of characters: a space matches any white space; case-sensitive runs
    are wrapped in ``(?-i:...)``."""
    out: list[str] = []
    for i, (ch, sensitive) in enumerate(chars):
        body = r"\s+" if ch == " " else re.escape(ch)
        if sensitive and (i == 0 or not chars[i - 1][1]):
            body = "(?-i:" + body
        if sensitive and (i + 1 == len(chars) or not chars[i + 1][1]):
            body += ")"
        out.append(body)
    return "".join(out)


def _exclusive(a: _Char, b: _Char) -> bool:
    """Whether no text can match both characters at one place.

    Only ASCII is vouched for: two ASCII characters that differ (in lower case, unless both are
    case-sensitive) never match the same character, and a space (any white space) never matches
    a visible character."""
    (x, x_sensitive), (y, y_sensitive) = a, b
    if not (x.isascii() and y.isascii()) or (x.isspace() and y.isspace()):
        return False
    return x != y if x_sensitive and y_sensitive else x.lower() != y.lower()


def _shared_start(items: list[tuple[_Char, ...]]) -> tuple[_Char, ...]:
    """The longest run of characters all ``items`` begin with, that can be matched only one way.

    A space (any run of white space) may end the run only if every item goes on with a visible
    character: then the run must take all the white space there is, as each item alone would."""
    first = items[0]
    n = 0
    while n < len(first) and all(len(item) > n and item[n] == first[n] for item in items):
        n += 1
    visible_next = all(len(item) > n and not item[n][0].isspace() for item in items)
    if n and first[n - 1][0].isspace() and not visible_next:
        n -= 1
    return first[:n]


def _group_of(groups: list[_Group], head: _Char) -> list[tuple[_Char, ...]] | None:
    """The latest group of items that begin with ``head``, if only groups that cannot match where
    ``head`` does come after it (so an item may join it without passing any other)."""
    for group_head, members in reversed(groups):
        if group_head == head:
            return members
        if group_head is None or not _exclusive(group_head, head):
            return None
    return None


def _factored(items: list[tuple[_Char, ...]]) -> list[str]:
    """The alternatives of ``items`` (in priority order) with shared first characters factored out.

    Why: the regex engine tries an alternation's branches one by one, so "(?:seventeen|seventy|
    seven|six)" costs four tries at every "s"; "s(?:even(?:t(?:een|y)|)|ix)" costs one (measured:
    the number-word lists made up much of the time of the amount rules, tried at every number).
    Matching is unchanged: an item is only moved before items that cannot match where it does
    (another first character, see ``_exclusive``), never before an item that may (a word that has
    ended here), so every text still meets the alternatives in the same order.
    """
    groups: list[_Group] = []
    for item in items:
        head = item[0] if item else None
        target = _group_of(groups, head) if head is not None else None
        if target is None:
            groups.append((head, [item]))
        else:
            target.append(item)
    parts = []
    for head, members in groups:
        if head is None or len(members) == 1:
            parts.append(_regex(members[0]))
        elif shared := _shared_start(members):
            rest = _factored([m[len(shared) :] for m in members])
            parts.append(_regex(shared) + "(?:" + "|".join(rest) + ")")
        else:  # they begin with white space that may be matched in more than one way
            parts.extend(_regex(m) for m in members)
    return parts


def _check_keys(where: str, table: dict[str, Any], allowed: set[str]) -> None:
    unknown = set(table) - allowed
    if unknown:
        raise LexiconError(f"{where}: unknown keys {sorted(unknown)}")


def load_lexicon(folder: Path) -> Lexicon:
    """Read ``lexicon.toml`` and ``vagueness.toml`` from ``folder`` and validate them."""
    with open(folder / "lexicon.toml", "rb") as fh:
        raw = tomllib.load(fh)
    with open(folder / "vagueness.toml", "rb") as fh:
        vague = tomllib.load(fh)
    _check_keys("lexicon.toml", raw, {"lexicon", "pattern"})
    _check_keys("vagueness.toml", vague, {"quantity", "adverb"})
    words: dict[str, dict[str, Any]] = {}
    for name, table in raw.get("lexicon", {}).items():
        if not table:
            raise LexiconError(f"lexicon {name!r} is empty")
        words[name] = dict(table)
    quantities: dict[str, Any] = {}
    for surface, bounds in vague.get("quantity", {}).items():
        if not (isinstance(bounds, list) and len(bounds) == 2 and 0 <= bounds[0] <= bounds[1]):
            raise LexiconError(f"vague quantity {surface!r} needs [low, high] with 0 <= low <= high")
        quantities[surface] = (bounds[0], bounds[1])
    words["vague"] = quantities
    adverbs: dict[str, tuple[int, int, str]] = {}
    for surface, row in vague.get("adverb", {}).items():
        _check_keys(f"vague adverb {surface!r}", row, {"low", "high", "unit"})
        if not 0 <= row["low"] <= row["high"]:
            raise LexiconError(f"vague adverb {surface!r}: need 0 <= low <= high")
        adverbs[surface] = (row["low"], row["high"], row["unit"])
    words["adverb"] = {s: s for s in adverbs}
    patterns: dict[str, SubPattern] = {}
    for name, row in raw.get("pattern", {}).items():
        _check_keys(f"pattern {name!r}", row, {"regex", "decode"})
        decode = row.get("decode", "text")
        if decode not in _DECODERS:
            raise LexiconError(f"pattern {name!r}: unknown decoder {decode!r}")
        patterns[name] = SubPattern(row["regex"], decode)
    clash = set(patterns) & set(words)
    if clash:
        raise LexiconError(f"names used both as lexicon and pattern: {sorted(clash)}")
    lexicon = Lexicon(words, patterns, adverbs)
    for name in patterns:
        regex = re.compile(lexicon.alternation(name), re.IGNORECASE)
        if regex.fullmatch(""):
            raise LexiconError(f"pattern {name!r} matches the empty string")
    return lexicon
