"""Which rules can start at a word: a first-word index over the compiled rule patterns.

Why: one big alternation of all rows costs the regex engine a try of every
row at every word start (measured: 0.4 MB/s on news text).  Instead each row's
regex is read once (``re._parser``) for the literal prefixes its matches can
begin with; at extraction time the text is cut into tokens and only the rows
whose prefixes fit a token are tried there, in priority order.  The result is
exactly the leftmost-first, priority-ordered match of the single alternation
(rows are only skipped where they cannot match), at several MB/s.

Prefixes are sound approximations: a prefix may be shorter than what really
matches (never longer); ``#`` stands for "a digit" where the row allows
several (a literal digit is itself: a year's row is not tried at "5"), and a
row whose first character is not pinned down is tried at every token.  A
number followed by white space or a sign is a first word like any other: the
amount rows are tried at "5" before "years", not before "million".
"""

from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import cached_property
from typing import Any

__all__ = ["Dispatcher", "first_prefixes"]

_DIGIT = "#"
_END = "$"  # the word ends here: the token must equal the prefix
_ALONE = "\0"  # as a second word: there is none, a sign follows the first word directly ("a-year")
_SMALL_CLASS = 8
_MAX_PREFIX = 24


def _class_chars(av: list[tuple[Any, Any]]) -> set[str] | None:
    """The characters of a small class ``[ap]`` or ``[$€£]``; ``{"#"}`` for digit classes, ``{" "}``
    for classes with white space (or of many punctuation signs only); None if too broad.

    A small class of punctuation signs keeps its signs: at the start of a match they are the
    tokens the row can begin with (read as "anywhere", the row would be tried at every token)."""
    chars: set[str] = set()
    for op, arg in av:
        if op is sre.CATEGORY and arg is sre.CATEGORY_SPACE:
            chars.add(" ")
        elif op is sre.LITERAL:
            chars.add(chr(arg).lower())
        elif op is sre.RANGE and chr(arg[0]).isdigit() and chr(arg[1]).isdigit():
            chars.update(str(d) for d in range(int(chr(arg[0])), int(chr(arg[1])) + 1))
        elif op is sre.CATEGORY and arg is sre.CATEGORY_DIGIT:
            chars.update("0123456789")
        else:
            return None
    if chars and all(c.isdigit() for c in chars):
        return {_DIGIT}
    punctuation = bool(chars) and not any(c.isalnum() or c == "_" for c in chars)
    if " " in chars or (punctuation and len(chars) > _SMALL_CLASS):
        return {" "}
    return chars if len(chars) <= _SMALL_CLASS else None


def _seq(items: Sequence[Any], start: bool, depth: int = 0, cross: bool = True) -> set[str]:
    """Literal prefixes (lower case) that a match of ``items`` begins with.

    ``start`` is True at the first character of the match (where non-word
    characters and digit classes are index keys); inside a word the prefix
    simply stops at anything that is not a letter or digit literal.  Where the
    first word is followed by obligatory white space (and ``cross``), the
    prefix goes on into the second word: ``"the$ end$"``.
    """
    if not items:
        return {_END}  # the pattern ends here, and every rule is followed by (?!\\w)
    if depth > _MAX_PREFIX:
        return {""}
    (op, av), rest = items[0], list(items[1:])
    if start and cross and _digit_class(op, av):
        return _number(items, depth)
    if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
        return _seq(rest, start, depth, cross)
    if op is sre.SUBPATTERN:
        return _seq(list(av[-1].data) + rest, start, depth, cross)
    if op is sre.BRANCH:
        return set().union(*(_seq(list(b.data) + rest, start, depth, cross) for b in av[1]))
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        low, high, body = av
        if not start and cross and low >= 1 and _only_space(body):
            return {f"{_END} {tail}" for tail in _seq(rest, True, 0, False)}
        once = list(body.data) + (rest if high == 1 else [(sre.ANY, None)])
        found = _seq(once, start, depth, cross)
        return found | _seq(rest, start, depth, cross) if low == 0 else found
    if op is sre.LITERAL:
        return _after(chr(av).lower(), rest, start, depth, cross)
    if op is sre.IN and not start and cross and (signs := _space_and_signs(av)) is not None:
        return _space_or_sign(signs, rest)
    if op is sre.IN:
        chars = _class_chars(av)
        if chars is None:
            return {""}
        if chars == {_DIGIT}:
            return {_DIGIT} if start else {""}
        if chars == {" "}:
            return {""} if start else {_END}
        return set().union(*(_after(c, rest, start, depth, cross) for c in chars))
    return {""}


def _digit_class(op: Any, av: Any) -> bool:
    """Whether the item is a digit class (``\\d``, ``[1-9]``), or one repeated at least once."""
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return av[0] >= 1 and _class_chars_of(av[2]) == {_DIGIT}
    return op is sre.IN and _class_chars(av) == {_DIGIT}


def _digits_only(op: Any, av: Any) -> bool:
    """Whether the item matches digits and nothing else (or nothing at all)."""
    if op is sre.LITERAL:
        return chr(av) in "0123456789"
    if op is sre.IN:
        return _class_chars(av) == {_DIGIT}
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return all(_digits_only(*item) for item in av[2].data)
    if op is sre.SUBPATTERN:
        return all(_digits_only(*item) for item in av[-1].data)
    if op is sre.BRANCH:
        return all(_digits_only(*item) for branch in av[1] for item in branch.data)
    return False


def _number(items: Sequence[Any], depth: int) -> set[str]:
    """Prefixes of a match that begins with a number: the digit class ``items[0]`` and the items
    after it that match only digits, or digits and signs (``[\\d,.]*``: where such an item
    takes a sign, the number ends there, before a sign: ``"#$ \\0"``)."""
    run, signs = 1, False
    while run < len(items):
        if _digits_only(*items[run]):
            run += 1
        elif _digits_or_signs(*items[run]):
            run, signs = run + 1, True
        else:
            break
    found = _after_digits(list(items[run:]), depth)
    return found | {f"{_DIGIT}{_END} {_ALONE}"} if signs else found


def _digits_or_signs(op: Any, av: Any) -> bool:
    """Whether the item is a repeated class of digits and signs (``[\\d,.]*``)."""
    if op not in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT) or len(av[2].data) != 1:
        return False
    item_op, item_av = av[2].data[0]
    return item_op is sre.IN and all(_digit_or_sign(kind, arg) for kind, arg in item_av)


def _digit_or_sign(kind: Any, arg: Any) -> bool:
    if kind is sre.CATEGORY:
        return arg is sre.CATEGORY_DIGIT
    if kind is sre.RANGE:
        return chr(arg[0]).isdigit() and chr(arg[1]).isdigit()
    char = chr(arg) if kind is sre.LITERAL else "a"
    return char in "0123456789" or not (char.isalnum() or char == "_" or char.isspace())


def _after_digits(rest: list[Any], depth: int) -> set[str]:
    """Prefixes of a match that begins with a number (a run of digits, then ``rest``).

    Where white space or a sign follows the number, the word is the number alone: two-word
    prefixes ``"#$ years"`` / ``"#$ \\0"``, as after a first word (amount rows are tried at "5"
    only before a unit, not before "million"); where letters follow, the word goes on with
    them (``"#s$"``: "1990s", ``"#th"``).  Anything else (more digits, the end of the pattern)
    gives ``"#"``: any word that begins with a digit."""
    found = set()
    for tail in _seq(rest, False, depth, True):
        found.add(_DIGIT + tail if tail.startswith(f"{_END} ") or tail[:1].isalpha() else _DIGIT)
    return found


def _space_and_signs(av: list[tuple[Any, Any]]) -> set[str] | None:
    """The signs of a class of white space and signs (``[-\\s]``), or None for any other class."""
    signs: set[str] = set()
    space = False
    for op, arg in av:
        if op is sre.CATEGORY and arg is sre.CATEGORY_SPACE or op is sre.LITERAL and chr(arg).isspace():
            space = True
        elif op is sre.LITERAL and not (chr(arg).isalnum() or chr(arg) == "_"):
            signs.add(chr(arg))
        else:
            return None
    return signs if space else None


def _space_or_sign(signs: set[str], rest: list[Any]) -> set[str]:
    """After the first word, one white space or one of ``signs`` (``[-\\s]`` in "a-year-old" and
    "a year old"): two-word prefixes for the space, whose second word is what ``rest`` begins
    with, and for a sign a second word of its own, ``_ALONE``: the rule is tried after this
    first word only where no other word follows it (measured: "a", "one", "two" were tried
    for amounts before every word)."""
    seconds = {"" if tail.startswith(_END) else tail for tail in _seq(rest, True, 0, False)}
    found = {f"{_END} {tail}" for tail in seconds}
    return found | {f"{_END} {_ALONE}"} if signs else found


def _only_space(body: Any) -> bool:
    """Whether a repeated item is a class of white space only (``\\s+``): then it takes all the
    white space before the next word (a repeat of ``[-\\s]`` may end on a sign before it)."""
    data = list(body.data)
    return len(data) == 1 and data[0][0] is sre.IN and _space_and_signs(data[0][1]) == set()


def _class_chars_of(body: Any) -> set[str] | None:
    data = list(body.data)
    return _class_chars(data[0][1]) if len(data) == 1 and data[0][0] is sre.IN else None


def _after(char: str, rest: list[Any], start: bool, depth: int, cross: bool) -> set[str]:
    """Prefixes that begin with the literal ``char``: a letter or digit goes on into the word
    (a year ``(?:1[5-9]|20)\\d\\d`` begins with "1" or "20", and is not tried at "5"); a sign
    right after the first word means no second word follows it (``_ALONE``)."""
    if not char.isalnum():
        if start or char == "_":
            return {char} if start else {""}
        return {f"{_END} {_ALONE}"} if cross and not char.isspace() else {_END}
    return {char + tail for tail in _seq(rest, False, depth + 1, cross)}


def first_prefixes(regex: str, flags: int = re.IGNORECASE) -> set[str]:
    """The set of prefixes any match of ``regex`` starts with ("" = could start with anything)."""
    return _seq(list(sre_parse.parse(regex, flags).data), True)


def _trie(words: Mapping[str, str], prefixes: Iterable[str] = ()) -> str | None:
    """A look-ahead body for where the text begins with one of ``prefixes`` (any word going on
    from there), or with one of ``words`` followed by that word's tail regex; None if there are
    none.  Factored as one trie, so each character of the text is compared once: with a trie per
    kind the scan compared the first letter of every word of the text with each trie's branches
    in turn.  Only whether something matches counts (the body is a look-ahead), so a prefix
    ends its branch and the order of the branches does not matter.
    """
    root: dict[str, Any] = {}
    for word, tail in words.items():
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node.setdefault("", tail)
    for prefix in prefixes:
        node = root
        for ch in prefix:
            node = node.setdefault(ch, {})
        node[""] = None  # a prefix: whatever follows fits

    def emit(node: dict[str, Any]) -> str:
        if node.get("", "") is None:
            return ""
        alts = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if "" in node:
            alts.append(node[""])
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    return emit(root) if root else None


def _starts(index: _Index, words: Mapping[str, str] | None = None) -> str | None:
    """A look-ahead body for where a word fits some prefix of ``index`` (None: any word fits).

    ``words`` are the whole words to look for with the regex that must follow each (by default
    the exact words of ``index``, followed by the end of the word)."""
    if index.any:
        return None
    if words is None:
        words = dict.fromkeys(index.exact, "(?!\\w)")
    starts = [r"\d"] if _DIGIT in index.prefix else []
    trie = _trie(words, set(index.prefix) - {_DIGIT})
    if trie is not None:
        starts.append(trie)
    return "|".join(starts) or r"(?!)"


class Dispatcher:
    """Token-indexed access to rule patterns, in priority order.

    ``patterns[i]`` is rule ``i``'s expanded regex with its groups named
    ``r{i}_<slot>``.  A trie of all first-word prefixes finds the tokens where
    some rule may start; there only the rules whose prefixes fit the token are
    tried, in priority order, first match wins.  (Separate regexes beat one
    alternation here: each keeps the regex engine's own fast first-character
    check, measured 2x faster on news text.)
    """

    def __init__(self, patterns: Sequence[str], bounded: str, flags: int = re.IGNORECASE) -> None:
        self.patterns = tuple(patterns)
        self._bounded = bounded
        self._flags = flags
        self._words = _Words()
        self._numbers = _Words()  # words that begin with a number, by what follows its digits
        for i, pattern in enumerate(self.patterns):
            for p in first_prefixes(pattern, flags):
                if p.startswith(_DIGIT) and p != _DIGIT:
                    self._numbers.add(p[len(_DIGIT) :], i)
                else:
                    self._words.add(p, i)
        self._two = self._words.two
        body = self._words.starts()
        numbers = self._numbers.starts()
        if body is None:
            body = r"[^\s]"
        elif numbers != r"(?!)":
            body = f"{body}|\\d" if numbers is None else f"{body}|\\d+(?:{numbers})"
        # the next word is captured too: the rules of a two-word prefix depend on it
        scan = rf"(?<![\w$€£])(?=(?:{body}))(\w+|[^\w\s])(?:(?=\s+(\w+|[^\w\s])))?"
        self._scanner = _Scan(scan, flags, self._words.literals() | self._numbers.literals() | set("$€£"))
        self._memo: dict[str | tuple[str, str], tuple[tuple[int, re.Pattern[str]], ...]] = {}
        self._compiled = tuple(re.compile(bounded.format(p), flags) for p in self.patterns)

    @property
    def _scan(self) -> re.Pattern[str]:
        """The scan over the text as it is (compiled on first use)."""
        return self._scanner.plain

    def candidates(self, token: str, following: str | None = None) -> tuple[int, ...]:
        """Indices of the rules that may match at ``token`` (before ``following``), in priority order.

        A one-word prefix must fit the token; a two-word prefix must have the
        token as its first word and fit ``following`` (``_seq`` never makes a
        prefix longer than what really matches, so no rule that could match
        is left out).
        """
        key = token.lower()
        second = following.lower() if following else None
        hits = self._words.rules(key, second)
        after = _after_number(key)
        if after is not None:
            hits |= self._numbers.rules(after, second)
        return tuple(sorted(hits))

    def _regexes(self, key: str | tuple[str, str]) -> tuple[tuple[int, re.Pattern[str]], ...]:
        rules = self.candidates(*key) if isinstance(key, tuple) else self.candidates(key)
        found = tuple((i, self._compiled[i]) for i in rules)
        if len(self._memo) > 200_000:
            self._memo.clear()
        self._memo[key] = found
        return found

    def matches(self, text: str) -> Iterator[tuple[int, re.Match[str]]]:
        """Leftmost-first, non-overlapping ``(rule index, match)`` pairs over ``text``."""
        limit = 0
        memo = self._memo
        two = self._two
        for tok in self._scanner.finditer(text):
            start = tok.start()
            if start < limit:
                continue
            word: str = tok.group(1)
            key: str | tuple[str, str] = word
            if word[:1].isdecimal() or word.lower() in two:
                key = (word, tok.group(2) or "")
            for i, regex in memo[key] if key in memo else self._regexes(key):
                m = regex.match(text, start)
                if m and m.end() > start:
                    limit = m.end()
                    yield i, m
                    break


class _Scan:
    """The scan, case-sensitive over the lower-case text, where that finds the same words.

    Why: matching ignoring case costs the regex engine a case fold at every comparison, and the
    scan compares the first letters of every word of the text with the trie's branches (measured:
    the scan took 40% less time over TBAQ).  The scan's ``literals`` are lower case, so a text
    finds the same words either way if each of its characters matches, ignoring case, exactly
    the literals its lower case equals, and keeps its class (word, space, digit): always so for
    ASCII (unless a literal is a non-ASCII letter that matches an ASCII one, such as "ſ"); other
    characters are checked once each.  The words found are in lower case (``candidates`` and
    the rules' own regexes do not care).  The scan ignoring case is compiled only when a text
    needs it (the scan is a long regex: compiling it took a tenth of the tables' loading).
    """

    def __init__(self, pattern: str, flags: int, literals: set[str]) -> None:
        self._pattern, self._flags = pattern, flags
        self._literals = literals
        folds = any(not c.isascii() and _FOLDS_TO_ASCII.match(c) for c in literals)
        self._lower = (
            None if folds or not flags & re.IGNORECASE else re.compile(pattern, flags & ~re.IGNORECASE)
        )
        self._checked: dict[str, bool] = {}

    @cached_property
    def plain(self) -> re.Pattern[str]:
        return re.compile(self._pattern, self._flags)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if self._lower is not None and (
            text.isascii() or all(self._same(c) for c in set(text) if not c.isascii())
        ):
            return self._lower.finditer(text.lower())
        return self.plain.finditer(text)

    def _same(self, char: str) -> bool:
        """Whether ``char`` is found by the scan as its lower case is (remembered: few such)."""
        if char not in self._checked:
            low = char.lower()
            self._checked[char] = (
                len(low) == 1
                # a lower case that depends on what follows (a final "Σ" is "ς") is not checked once
                and ("x" + char).lower()[1:] == ("x" + char + "x").lower()[1:-1] == low
                and all(bool(kind.match(char)) == bool(kind.match(low)) for kind in _KINDS)
                and {c for c in self._literals if re.match(re.escape(c), char, re.IGNORECASE)}
                == {low} & self._literals
            )
        return self._checked[char]


#: A character that matches an ASCII one ignoring case ("ſ" ~ "s", the Kelvin sign ~ "k").
_FOLDS_TO_ASCII = re.compile(r"[\x00-\x7f]", re.IGNORECASE)
_KINDS = (re.compile(r"\w"), re.compile(r"\s"), re.compile(r"\d"))


def _after_number(word: str) -> str | None:
    """What follows the digits a word begins with ("s" in "1990s", "" in "1998"); None if it
    does not begin with one (digits as ``\\d`` reads them: any decimal digit)."""
    n = 0
    while n < len(word) and word[n].isdecimal():
        n += 1
    return word[n:] if n else None


class _Words:
    """First words and two-word prefixes ("the$ end$") to the rules they start."""

    def __init__(self) -> None:
        self.first = _Index()
        self.two: dict[str, _Index] = {}

    def add(self, prefix: str, rule: int) -> None:
        if " " in prefix:
            head, tail = prefix.split(" ", 1)
            self.two.setdefault(head[: -len(_END)], _Index()).add(tail, rule)
        else:
            self.first.add(prefix, rule)

    def rules(self, word: str, following: str | None) -> set[int]:
        """The rules for ``word`` (lower case) before ``following`` (None: no word follows)."""
        found = self.first.rules(word) if word else set()
        seconds = self.two.get(word)
        if seconds is not None:
            found |= seconds.rules(following)
        return found

    def literals(self) -> set[str]:
        """Every character of the words and prefixes (the literals of the scan's tries)."""
        keys = [*self.first.exact, *self.first.prefix, *self.two]
        for seconds in self.two.values():
            keys += [*seconds.exact, *seconds.prefix]
        return set("".join(keys))

    def starts(self) -> str | None:
        """A look-ahead body for where a word fits (None: any word does).

        The scan stops only at a word some rule may start with; after the first word of a
        two-word prefix ("the"), only where the next word fits one of its second words, or
        where no word follows (then every rule of the word is tried): about half the words
        the scan used to stop at had no rule to try (measured on news text and TimeBank)."""
        words: dict[str, str] = dict.fromkeys(self.first.exact, "(?!\\w)")
        for word, seconds in self.two.items():
            second = _starts(seconds)
            if second is not None and word not in words:
                words[word] = f"(?!\\w)(?:(?!\\s+\\S)|\\s+(?:{second}))"
            else:
                words[word] = "(?!\\w)"
        return _starts(self.first, words)


class _Index:
    """Prefixes (exact words, word beginnings, ``#`` for digits, "" for anything) to the rules they start."""

    def __init__(self) -> None:
        self.exact: dict[str, set[int]] = {}
        self.prefix: dict[str, set[int]] = {}
        self.any: set[int] = set()
        self.alone: set[int] = set()  # second words only: the rules for when no word follows
        self.longest = 1

    def add(self, prefix: str, rule: int) -> None:
        if not prefix:
            self.any.add(rule)
        elif prefix == _ALONE:
            self.alone.add(rule)
        elif prefix.endswith(_END) and len(prefix) > 1:
            self.exact.setdefault(prefix[:-1], set()).add(rule)
        else:
            self.prefix.setdefault(prefix, set()).add(rule)
            self.longest = max(self.longest, len(prefix))

    def rules(self, token: str | None) -> set[int]:
        """The rules whose prefix fits the (lower-case) ``token``; all of them when it is unknown."""
        if not token:
            return self.any.union(self.alone, *self.exact.values(), *self.prefix.values())
        found = set(self.any)
        found.update(self.exact.get(token, ()))
        if token[0].isdigit():
            found.update(self.prefix.get(_DIGIT, ()))
        for k in range(1, min(len(token), self.longest) + 1):
            found.update(self.prefix.get(token[:k], ()))
        return found
