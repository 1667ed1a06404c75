"""A lexicon's alternation is factored into a trie only for speed: it matches what the plain one does."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from app.language.temporal.extract import default_engine
from app.language.temporal.lexicon import Lexicon

LEXICON = default_engine().table.lexicon
# what follows the alternation in a rule: the match must end where the plain alternation's does
TAILS = ["", r"(?!\w)", "s", r"\s+\w", r"\.", r"(?=\s)", r"\s*$"]


def _plain(surfaces: list[str]) -> str:
    """The alternation as the surfaces are listed, longest first (the order matches are tried in)."""
    parts = []
    for surface in sorted(surfaces, key=lambda s: (-len(s), s)):
        body = re.escape(surface).replace(r"\ ", r"\s+")
        parts.append(f"(?-i:{body})" if surface.lower() != surface else body)
    return "(?:" + "|".join(parts) + ")"


def _factored(surfaces: list[str]) -> str:
    return Lexicon({"words": dict.fromkeys(surfaces, 0)}, {}, {}).alternation("words")


def _same(surfaces: list[str], text: str) -> None:
    for tail in TAILS:
        plain = re.compile(_plain(surfaces) + tail, re.IGNORECASE)
        factored = re.compile(_factored(surfaces) + tail, re.IGNORECASE)
        for start in range(len(text) + 1):
            expected, got = plain.match(text, start), factored.match(text, start)
            assert (got and got.span()) == (expected and expected.span()), (surfaces, tail, text, start)


WORDS = sorted({w for name in LEXICON.words for w in LEXICON.words[name]})
NOISE = st.sampled_from([" ", "  ", "\n", "s", ".", "-", "teen", "x", "İ", "ſ", "K"])


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(sorted(LEXICON.words)), st.lists(st.one_of(st.sampled_from(WORDS), NOISE), max_size=5))
def test_shipped_lexicons_match_as_listed(name, parts):
    _same(list(LEXICON.words[name]), "".join(parts))


SURFACE = st.text(alphabet="aAbB -.ſ", min_size=1, max_size=5)


@settings(max_examples=300, deadline=None)
@given(st.lists(SURFACE, min_size=1, max_size=6, unique=True), st.text(alphabet="aAbB -.ſ\n", max_size=8))
def test_any_word_list_matches_as_listed(surfaces, text):
    """Shared starts, words that end where others go on, capitals, spaces (white space runs)."""
    _same(surfaces, text)


def test_shared_starts_are_factored():
    assert _factored(["seven", "seventeen", "seventy", "six"]) == "(?:s(?:even(?:t(?:een|y)|)|ix))"
    assert _factored(["May", "March"]) == "(?:(?-i:Ma)(?:(?-i:rch)|(?-i:y)))"


def test_white_space_is_shared_only_before_a_visible_character():
    """A space run shared by "a  b" and "a " could stop short of the second space: not shared."""
    _same(["a  b", "a "], "a  b")
    _same(["no more", "no less", "no"], "no  more")
