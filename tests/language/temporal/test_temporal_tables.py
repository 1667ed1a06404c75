"""Rule tables are validated when loaded (STYLE.md habit 6): broken rows fail loudly."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from app.language.temporal.extract import RULES_DIR, default_engine, load_engine
from app.language.temporal.lexicon import PLACEHOLDER, LexiconError
from app.language.temporal.table import TableError

GOOD_ROW = """
[[rule]]
id = "test.row"
pattern = "{relative} fortnight"
type = "DATE"
op = "shift"
anchor = "publication"
examples = [{ text = "last fortnight" }]
"""


def _tables_with(tmp_path: Path, extra: str) -> Path:
    folder = tmp_path / "rules"
    shutil.copytree(RULES_DIR, folder)
    (folder / "zz_extra.toml").write_text(extra, encoding="utf-8")
    return folder


def test_shipped_tables_load():
    engine = default_engine()
    assert len(engine.table.rules) > 50
    assert len({r.id for r in engine.table.rules}) == len(engine.table.rules)


def test_a_good_row_loads(tmp_path):
    load_engine(_tables_with(tmp_path, GOOD_ROW))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            (
                'examples = [{ text = "last fortnight" }]',
                'colour = "red"\nexamples = [{ text = "last fortnight" }]',
            ),
            "unknown keys",
        ),
        (('pattern = "{relative} fortnight"', 'pattern = "(?:x)?"'), "empty string"),
        (('pattern = "{relative} fortnight"', 'pattern = "{no_such_words} fortnight"'), "unknown lexicon"),
        (('examples = [{ text = "last fortnight" }]', "examples = []"), "at least one example"),
        (('op = "shift"', 'op = "teleport"'), "unknown operator"),
        (('pattern = "{relative} fortnight"', 'pattern = "(?P<x>last) fortnight"'), "placeholders"),
        (
            ('pattern = "{relative} fortnight"', 'pattern = "{relative} {relative}"'),
            "used twice|redefinition",
        ),
        (('type = "DATE"', 'type = "EPOCH"'), "type must be"),
        (
            ('examples = [{ text = "last fortnight" }]', 'examples = [{ text = "x", when = "y" }]'),
            "unknown example keys",
        ),
        (
            ('examples = [{ text = "last fortnight" }]', 'examples = [{ text = "x", span = "y" }]'),
            "not in example text",
        ),
        (('op = "shift"', 'op = "shift"\nparams = { narrative = "gossip" }'), "narrative role"),
    ],
)
def test_broken_rows_are_rejected(tmp_path, change, message):
    old, new = change
    with pytest.raises(TableError, match=message):
        load_engine(_tables_with(tmp_path, GOOD_ROW.replace(old, new)))


def test_duplicate_ids_are_rejected(tmp_path):
    with pytest.raises(TableError, match="duplicate rule id"):
        load_engine(_tables_with(tmp_path, GOOD_ROW + GOOD_ROW))


def test_broken_lexicon_is_rejected(tmp_path):
    folder = _tables_with(tmp_path, "")
    vague = folder / "vagueness.toml"
    vague.write_text(
        vague.read_text(encoding="utf-8").replace('"a few" = [2, 6]', '"a few" = [6, 2]'), encoding="utf-8"
    )
    with pytest.raises(LexiconError, match="low <= high"):
        load_engine(folder)


#: Lexicons read by operators in code rather than named in a pattern.
USED_BY_CODE = {"vague", "adverb", "number"}


def test_every_lexicon_is_used():
    """Unused lexicons are dead knowledge: every one is referenced by a rule or a sub-pattern."""
    engine = default_engine()
    lexicon = engine.table.lexicon
    sources = [r.before + r.pattern for r in engine.table.rules] + [
        p.regex for p in lexicon.patterns.values()
    ]
    used = {m.group(2) for text in sources for m in PLACEHOLDER.finditer(text)}
    assert set(lexicon.names()) - used - USED_BY_CODE == set()


def test_vague_amounts_live_in_one_table():
    """ "a few" = 2..6 days and "shortly" = 0..3 days are stated once, in vagueness.toml."""
    lexicon = default_engine().table.lexicon
    assert lexicon.words["vague"]["a few"] == (2, 6)
    assert lexicon.words["vague"]["several"] == (3, 7)
    assert lexicon.adverbs["shortly"] == (0, 3, "day")
    assert lexicon.adverbs["recently"] == (0, 30, "day")
    numbers = re.compile(r"\b(?:2, 6|0, 3|3, 7)\b|low = 2, high = 6")
    for path in Path(RULES_DIR).parent.glob("*.py"):
        assert not numbers.search(path.read_text(encoding="utf-8")), path.name
