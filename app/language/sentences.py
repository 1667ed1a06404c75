"""Sentence spans and quoted-speech spans of an article.

Why here and not in a library: the event layer needs exact character offsets
into the original text (evidence spans), quotes that may contain several
sentences, and behaviour that is the same on every machine; a few dozen
lines of rules do that for news English without a model download.

A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets
after it) followed by white space and a capital letter, digit or opening
quote, unless the word before the full stop is an abbreviation ("Mr.",
"Gen.", "U.S."), an initial ("J. R."), a number abbreviation before a number
("No. 5", "Sept. 30") or "a.m."/"p.m." before a day or time zone; a line
break always ends a sentence.
A quote is the text between a pair of double quotes (straight ``"..."`` paired
in order, curly ``“...”`` nested); a quote left open at the end of a paragraph
runs to that paragraph's end, as news prose writes multi-paragraph quotes.
"""

from __future__ import annotations

import re

from app.language.types import Span

__all__ = ["ABBREVIATIONS", "find_quotes", "split_sentences"]

#: Always abbreviations: a full stop after these never ends a sentence.
ABBREVIATIONS = frozenset(
    (
        *("mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm"),
        *("gov", "sen", "rep", "st", "jr", "sr", "rev", "pres", "vs", "inc", "corp", "co"),
        *("ltd", "dept", "approx", "u.s", "u.k", "u.n", "e.g", "i.e"),
    )
)
#: Abbreviations only when a number follows ("No. 5", "Jan. 22", "Sept. 30").
BEFORE_NUMBER = frozenset(
    ("no", "nos", "fig", "vol", "art", "jan", "feb", "mar", "apr", "aug", "sep", "sept", "oct", "nov", "dec")
)
#: Clock abbreviations, only when a day or a time zone follows ("3 p.m. Friday", "10 a.m. GMT").
BEFORE_DAY = frozenset(["a.m", "p.m"])
_DAY_OR_ZONE = re.compile(
    r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:GMT|UTC|EST|EDT|CET|CEST|PST|PDT|BST|MSK)\b"
)
#: A sentence end: stops (and closing quotes or brackets) before a capital, digit or opening quote,
#: or line breaks.  Written to begin with the class of its first character, so that the regex
#: engine skips to the next stop or line break instead of trying every position (measured: 4x).
_END = re.compile(r"[.!?\n](?:(?<=\n)\n*|[.!?]*[\"'”’)\]]*(?=\s+[\"“‘(\[]?[A-Z0-9]))")
_SPACES = re.compile(r"\s*")
_QUOTE_MARK = re.compile(r'[“”"]')
_WORD_BEFORE = re.compile(r"([\w.]+)\.$")


def _is_abbreviation(text: str, stop: int, following: int) -> bool:
    """Whether the full stop at ``stop`` closes an abbreviation or an initial, not a sentence.

    ``following`` is where the next word starts.
    """
    if text[stop] != ".":
        return False
    m = _WORD_BEFORE.search(text, max(0, stop - 12), stop + 1)
    if not m:
        return False
    word = m.group(1).lower()
    if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
        return True
    if word in BEFORE_NUMBER:
        return text[following : following + 1].isdigit()
    if word in BEFORE_DAY:
        return bool(_DAY_OR_ZONE.match(text, following))
    return False


def _trimmed(text: str, start: int, end: int) -> Span | None:
    piece = text[start:end]
    words = piece.strip()  # ``strip`` removes what ``str.isspace`` calls white space
    if not words:
        return None
    start += len(piece) - len(piece.lstrip())
    return Span(start, start + len(words), words)


def split_sentences(text: str) -> tuple[Span, ...]:
    """The sentences of ``text`` as spans (offsets are Python string indices), in order."""
    spans: list[Span] = []
    start = 0
    for m in _END.finditer(text):
        following = _SPACES.match(text, m.end()).end()  # type: ignore[union-attr]
        if m.group(0)[0] != "\n" and _is_abbreviation(text, m.start(), following):
            continue
        span = _trimmed(text, start, m.end())
        if span:
            spans.append(span)
        start = m.end()
    tail = _trimmed(text, start, len(text))
    if tail:
        spans.append(tail)
    return tuple(spans)


def find_quotes(text: str) -> tuple[Span, ...]:
    """Spans of quoted material (inside the quote marks), in order of their opening mark.

    Only the quote marks are visited; a paragraph's end matters only while a quote is open, and
    is then found with ``str.find`` (measured: news text has several line breaks per quote mark,
    and most articles none)."""
    if '"' not in text and "“" not in text and "”" not in text:  # ``in`` is faster than the regex
        return ()
    found: list[tuple[int, int]] = []
    curly: list[int] = []
    straight: int | None = None
    after = 0  # where the next line break that could close a quote is looked for
    for m in _QUOTE_MARK.finditer(text):
        i, ch = m.start(), m.group(0)
        if curly or straight is not None:
            end = text.find("\n", after, i)
            if end != -1:
                _close(found, curly, straight, end)
                straight = None
        after = i + 1
        if ch == "“":
            curly.append(i + 1)
        elif ch == "”" and curly:
            found.append((curly.pop(), i))
        elif ch == '"':
            if straight is None:
                straight = i + 1
            else:
                found.append((straight, i))
                straight = None
    if curly or straight is not None:
        end = text.find("\n", after)
        _close(found, curly, straight, len(text) if end == -1 else end)
    return tuple(Span(a, b, text[a:b]) for a, b in sorted(found) if b > a)


def _close(found: list[tuple[int, int]], curly: list[int], straight: int | None, end: int) -> None:
    """Close every open quote at ``end`` (a paragraph's end: quotes do not run past it)."""
    if straight is not None:
        found.append((straight, end))
    while curly:
        found.append((curly.pop(), end))
