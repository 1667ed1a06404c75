"""Required words of a compiled pattern: a cheap test that rules a trigger row out of a sentence.

Why: the trigger table has a hundred-odd rows and running every row's regular expression
over every sentence cost more than the rest of the language layer together.  Each row's
pattern is read once, when the table is loaded, for a set of literal strings one of which
every match must contain ("{v:say}" → {"say", "says", "said", "saying"}).  A sentence whose
lower-cased text contains none of them cannot match the row, so the row is skipped; a row
without such a set (a pattern made only of wildcards) is always tried.  Nothing here decides
what matches: the row's own pattern still does, on exactly the same text.

The test is sound for ASCII literals (the only ones collected) on text without the four
characters that a case-insensitive pattern equates with an ASCII letter although
``str.lower`` does not ("İ", "ı", "K" Kelvin sign, "ſ" long s): ``unfoldable`` spots those,
and a caller then tries every row.

Finding the strings: one scan of the lower-cased article by a single expression shaped as
a trie of every required string ("sa(?:y(?:s)?|id)"), looked for at every position.  The
strings present at a position all lie on the one path the text spells through the trie,
so the longest of them is what the scan reports there, and the others are its prefixes
(``LiteralIndex.closure``).  That costs one pass of the regular-expression engine per
sentence instead of a Python loop over every three-character piece of it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from re import _constants as sre
from re import _parser as sre_parse
from typing import Any

__all__ = ["LiteralIndex", "required_literals", "scanner", "unfoldable"]

#: Largest finite set of strings tracked for one piece of a pattern.
_LIMIT = 64
#: Characters a case-insensitive pattern equates with an ASCII letter that ``str.lower`` keeps apart.
_UNFOLDABLE = re.compile("[\u0130\u0131\u017f\u212a]")

Strings = frozenset[str]
#: (every string the piece can match, if few and known; strings one of which every match contains)
Info = tuple[Strings | None, Strings | None]


def unfoldable(text: str) -> bool:
    """Whether ``text`` holds a character that defeats the lower-case test (then try every row)."""
    return _UNFOLDABLE.search(text) is not None


@dataclass(frozen=True, slots=True)
class LiteralIndex:
    """Which rows of a table may match a text, looked up by the rows' required strings.

    Built once from each row's ``required_literals`` (None: a row always tried).  A lookup
    lower-cases the text, scans it with ``finder`` (the trie of every required string)
    and takes, for the longest string found at each position, the rows of it and of those
    of its prefixes that are required strings too (``closure``).
    """

    size: int
    always: tuple[int, ...]
    #: Looks, at every position, for the longest required string that begins there (group 1).
    finder: re.Pattern[str] | None
    #: Per required string: the rows of it and of every required string that is a prefix of it.
    closure: Mapping[str, frozenset[int]]

    @classmethod
    def build(cls, keys: Sequence[Strings | None]) -> LiteralIndex:
        """The index of rows ``0..len(keys)-1``, row ``i`` requiring one of ``keys[i]``."""
        rows: dict[str, set[int]] = {}
        for row, strings in enumerate(keys):
            for string in strings or ():
                rows.setdefault(string, set()).add(row)
        closure = {
            string: frozenset(row for prefix in rows if string.startswith(prefix) for row in rows[prefix])
            for string in rows
        }
        finder = re.compile(f"(?=({_trie(rows)}))") if rows else None
        always = tuple(row for row, strings in enumerate(keys) if strings is None)
        return cls(len(keys), always, finder, closure)

    def rows(self, text: str) -> list[int]:
        """The rows that may match somewhere in ``text``, in table order."""
        if unfoldable(text):
            return list(range(self.size))
        return self._found(text.lower(), 0, len(text))

    def rows_in(self, text: str, spans: Sequence[tuple[int, int]]) -> list[list[int]]:
        """``rows(text[start:end])`` for each ``(start, end)`` of ``spans``, lower-casing ``text`` once."""
        if unfoldable(text):  # each span on its own: only a span holding such a character takes every row
            return [self.rows(text[a:b]) for a, b in spans]
        # the lower-cased text has the same length: the one character that lower-cases to two
        # ("İ") is unfoldable and never reaches here
        low = text.lower()
        return [self._found(low, start, end) for start, end in spans]

    def _found(self, low: str, start: int, end: int) -> list[int]:
        """The rows of the strings in ``low[start:end]``: the scan of a span stops at its end,
        so the string found at a position is the longest that fits in the span."""
        found = set(self.always)
        if self.finder is not None:
            for string in set(self.finder.findall(low, start, end)):
                found |= self.closure[string]
        return sorted(found)


def _trie(strings: Iterable[str]) -> str:
    """One expression matching exactly ``strings``, shaped as their trie: "sa(?:y(?:s)?|id)".

    At a position, only the branch of the text's next character can go on, and an optional
    tail is tried before stopping, so the match is the longest string beginning there.
    (The temporal engine's dispatcher builds a similar trie of its rules' first words.)
    """
    tails: dict[str, list[str]] = {}
    for string in sorted(set(strings)):
        tails.setdefault(string[:1], []).append(string[1:])
    ends = "" in tails  # a string ends here: what follows is optional
    branches = [re.escape(first) + _trie(rest) for first, rest in tails.items() if first]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    return f"(?:{body})?" if ends else body


def required_literals(pattern: re.Pattern[str]) -> Strings | None:
    """Lower-case strings one of which every non-empty match of ``pattern`` contains, or None."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    required = _sequence(list(parsed))[1]
    if required is None or "" in required:
        return None
    # a string holding another adds nothing: "add" covers "added"
    return frozenset(s for s in required if not any(t != s and t in s for t in required))


def _better(a: Strings | None, b: Strings | None) -> Strings | None:
    """The more selective of two requirements (longest shortest string, then fewest strings)."""
    usable = [s for s in (a, b) if s is not None and s and "" not in s]
    if not usable:
        return None
    return max(usable, key=lambda s: (min(len(x) for x in s), -len(s)))


def _concat(a: Strings, b: Strings) -> Strings | None:
    if len(a) * len(b) > _LIMIT:
        return None
    return frozenset(x + y for x, y in product(a, b))


def _sequence(items: Iterable[tuple[Any, Any]]) -> Info:
    """A concatenation: runs of finite pieces multiply out; the best run or piece requirement wins."""
    exact: Strings | None = frozenset({""})
    run: Strings | None = frozenset({""})
    best: Strings | None = None
    for op, arg in items:
        piece_exact, piece_required = _node(op, arg)
        best = _better(best, piece_required)
        if exact is not None:
            exact = _concat(exact, piece_exact) if piece_exact is not None else None
        joined = _concat(run, piece_exact) if run is not None and piece_exact is not None else None
        if joined is None:
            best = _better(best, run)
            run = piece_exact  # a piece too large or unknown starts a new run (or none)
        else:
            run = joined
        if run is None:
            run = frozenset({""})
    best = _better(best, run)
    if exact is not None:
        best = _better(best, exact)
    return exact, best


def _union(infos: list[Info]) -> Info:
    exact: Strings | None = None
    if all(e is not None for e, _ in infos):
        merged = frozenset().union(*(e for e, _ in infos if e is not None))
        exact = merged if len(merged) <= _LIMIT else None
    required: Strings | None = None
    if all(r is not None for _, r in infos):
        required = frozenset().union(*(r for _, r in infos if r is not None))
    return exact, required


def _node(op: Any, arg: Any) -> Info:
    if op is sre.LITERAL:
        char = chr(arg)
        return (frozenset({char.lower()}), frozenset({char.lower()})) if char.isascii() else (None, None)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return frozenset({""}), None  # zero width: the pieces either side stay adjacent
    if op is sre.IN:
        items = list(arg)
        if all(kind is sre.LITERAL and chr(value).isascii() for kind, value in items):
            chars = frozenset(chr(value).lower() for _, value in items)
            return chars, chars
        return None, None
    if op is sre.BRANCH:
        return _union([_sequence(list(alt)) for alt in arg[1]])
    if op is sre.SUBPATTERN or op is sre.ATOMIC_GROUP:
        body = arg[-1] if op is sre.SUBPATTERN else arg
        return _sequence(list(body))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = arg
        inner_exact, inner_required = _sequence(list(body))
        exact: Strings | None = None
        if inner_exact is not None and high <= 4:
            power: Strings | None = frozenset({""})
            exact = frozenset({""}) if low == 0 else None
            for count in range(1, high + 1):
                power = _concat(power, inner_exact) if power is not None else None
                if power is None:
                    exact = None
                    break
                if count >= low:
                    exact = power if exact is None else exact | power
            if exact is not None and len(exact) > _LIMIT:
                exact = None
        return exact, (inner_required if low >= 1 else None)
    return None, None  # any character, negated sets, back-references, conditionals


def scanner(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` behind a word boundary, when every match begins at one, and a look-ahead at
    the characters its non-empty matches can begin with.

    The same non-empty matches: a position where none can begin is passed over at once
    instead of trying every alternative there.  The boundary is the cheaper test (measured
    three times faster than the look-ahead alone on news text): it is written only when
    every alternative opens with ``\\b`` (after other zero-width tests, which stand at the
    same position).  ``pattern`` itself when neither can be told, or when the pattern does
    not ignore case (the look-ahead is written in lower case).
    """
    if not pattern.flags & re.IGNORECASE:
        return pattern
    parsed = list(sre_parse.parse(pattern.pattern, pattern.flags))
    firsts = _first_sequence(parsed)[0]
    head = r"\b" if _at_boundary(parsed) else ""
    if firsts:
        head += "(?=[" + "".join(re.escape(char) for char in sorted(firsts)) + "])"
    return re.compile(f"{head}(?:{pattern.pattern})", pattern.flags) if head else pattern


def _at_boundary(items: Iterable[tuple[Any, Any]]) -> bool:
    """Whether every match of a concatenation begins with ``\\b`` (zero-width tests before it
    stand at the same position; anything else, "^" included, is not known to)."""
    for op, arg in items:
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            continue
        if op is sre.AT:
            return arg is sre.AT_BOUNDARY
        if op is sre.SUBPATTERN:
            return _at_boundary(arg[-1])
        if op is sre.BRANCH:
            return all(_at_boundary(alternative) for alternative in arg[1])
        return False
    return False


#: (the characters a piece's non-empty matches begin with, None: any; whether it can match empty)
First = tuple[set[str] | None, bool]


def _first_sequence(items: Iterable[tuple[Any, Any]]) -> First:
    firsts: set[str] = set()
    for op, arg in items:
        piece, empty = _first(op, arg)
        if piece is None:
            return None, False
        firsts |= piece
        if not empty:
            return firsts, False
    return firsts, True


def _first(op: Any, arg: Any) -> First:
    if op is sre.LITERAL:
        return {chr(arg).lower()}, False
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return set(), True
    if op is sre.IN and all(kind is sre.LITERAL for kind, _ in arg):
        return {chr(value).lower() for _, value in arg}, False
    if op is sre.BRANCH:
        firsts: set[str] = set()
        empty = False
        for alternative in arg[1]:
            piece, piece_empty = _first_sequence(alternative)
            if piece is None:
                return None, False
            firsts |= piece
            empty = empty or piece_empty
        return firsts, empty
    if op is sre.SUBPATTERN:
        return _first_sequence(arg[-1])
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
        low, _, body = arg
        piece, empty = _first_sequence(body)
        return piece, low == 0 or empty
    return None, False  # any character, classes, back-references: any first character
