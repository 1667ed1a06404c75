"""Rule tables: load ``rules/*.toml``, validate every row, compile the rows for dispatch.

A rule is a row (STYLE.md habit 4): an id, a pattern over named lexicons (and
optionally ``before``: words matched just before the mention, whose slots
count, but which stay outside its span, as TimeBank leaves "about" out), the
operator that turns what it captured into an underspecified value, its anchor
kind, and the examples and not-examples that are its tests.  Validation happens
at load time (habit 6) so that a typo in a table fails loudly instead of
silently matching nothing: unknown keys, duplicate ids, unknown operators,
patterns that match the empty string, references to missing lexicons, raw
named groups and rules without examples are all ``TableError``.

Matching behaves as ONE alternation of all rows scanned once over the text
(leftmost match wins; among rules matching at the same place, the higher
``priority`` and then the earlier row wins); ``dispatch.Dispatcher`` makes
that fast by trying at each word only the rows that can start there.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from app.language.temporal.dispatch import Dispatcher
from app.language.temporal.lexicon import PLACEHOLDER, Lexicon, LexiconError

__all__ = ["Example", "Rule", "RuleTable", "TableError", "load_rules"]

_RULE_KEYS = {
    "id",
    "pattern",
    "before",
    "type",
    "op",
    "params",
    "anchor",
    "mod",
    "timeml",
    "priority",
    "examples",
    "not_examples",
    "note",
}
_EXAMPLE_KEYS = {
    "text",
    "span",
    "value",
    "type",
    "earliest",
    "latest",
    "best",
    "granularity",
    "mod",
    "anchor",
    "reference",
    "offset",
    "in_quote",
}
_TYPES = {"DATE", "TIME", "DURATION", "SET"}
_ANCHORS = {"absolute", "publication", "event", "none"}
#: Narrative roles a row may take (params.narrative), see ``narrative.narrative_values``.
_NARRATIVE_ROLES = {"aside", "current", "story_period", "year_of", "weekday", "story_year", "last_named"}
DEFAULT_REFERENCE = date(2025, 4, 22)
#: Every row matches whole words only, and never right after a currency sign.
BOUNDED = r"(?<![\w$€£])(?:{})(?!\w)"


class TableError(ValueError):
    """A rule table is malformed (the message names the file and the rule)."""


@dataclass(frozen=True, slots=True)
class Example:
    """One phrase a rule must find, with what it must resolve to (unset fields are not checked)."""

    text: str
    span: str
    reference: date
    expect: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Rule:
    """One validated row of a rule table."""

    id: str
    pattern: str
    before: str
    type: str
    op: str
    anchor: str
    params: dict[str, Any]
    mod: str | None
    timeml: bool
    priority: int
    groups: tuple[tuple[str, str], ...]
    examples: tuple[Example, ...]
    not_examples: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class RuleTable:
    """Every rule in priority order, the lexicon they use, and the dispatcher over their regexes."""

    rules: tuple[Rule, ...]
    lexicon: Lexicon
    dispatcher: Dispatcher
    by_id: dict[str, Rule] = field(default_factory=dict)

    def rule(self, rule_id: str) -> Rule:
        """The row called ``rule_id`` (KeyError if there is none)."""
        return self.by_id[rule_id]


def _example(where: str, raw: Any) -> Example:
    if isinstance(raw, str):
        raw = {"text": raw}
    unknown = set(raw) - _EXAMPLE_KEYS
    if unknown:
        raise TableError(f"{where}: unknown example keys {sorted(unknown)}")
    if "text" not in raw:
        raise TableError(f"{where}: example without text")
    expect = {k: v for k, v in raw.items() if k not in {"text", "span", "reference"}}
    for key in ("earliest", "latest", "best"):
        if key in expect and expect[key] is not None:
            expect[key] = date.fromisoformat(str(expect[key]))
    reference = date.fromisoformat(str(raw.get("reference", DEFAULT_REFERENCE)))
    span = raw.get("span", raw["text"])
    if span not in raw["text"]:
        raise TableError(f"{where}: span {span!r} not in example text")
    return Example(raw["text"], span, reference, expect)


def _rule(where: str, raw: dict[str, Any], lexicon: Lexicon, operators: frozenset[str]) -> Rule:
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise TableError(f"{where}: unknown keys {sorted(unknown)}")
    for key in ("id", "pattern", "type", "op", "anchor"):
        if key not in raw:
            raise TableError(f"{where}: missing {key!r}")
    where = f"{where} ({raw['id']})"
    if raw["type"] not in _TYPES:
        raise TableError(f"{where}: type must be one of {sorted(_TYPES)}")
    if raw["anchor"] not in _ANCHORS:
        raise TableError(f"{where}: anchor must be one of {sorted(_ANCHORS)}")
    if raw["op"] not in operators:
        raise TableError(f"{where}: unknown operator {raw['op']!r}")
    before = raw.get("before", "")
    pattern = raw["pattern"]
    if any(s in before + pattern for s in ("(?P<", "(?P=")):
        raise TableError(f"{where}: capture with {{lexicon}} placeholders, not raw named groups")
    try:
        regex = re.compile(lexicon.expand(pattern), re.IGNORECASE)
        re.compile(lexicon.expand(f"{before}(?:{pattern})"), re.IGNORECASE)
    except (LexiconError, re.error) as exc:
        raise TableError(f"{where}: {exc}") from exc
    if regex.fullmatch(""):
        raise TableError(f"{where}: pattern matches the empty string")
    groups = []
    for m in PLACEHOLDER.finditer(before + pattern):
        if not m.group(1):
            groups.append((m.group(3) or m.group(2), m.group(2)))
    names = [g for g, _ in groups]
    if len(set(names)) != len(names):
        raise TableError(f"{where}: a group name is used twice; write {{lexicon:other_name}}")
    params = dict(raw.get("params", {}))
    if params.get("narrative", "current") not in _NARRATIVE_ROLES:
        raise TableError(f"{where}: narrative role must be one of {sorted(_NARRATIVE_ROLES)}")
    if isinstance(params.get("quantity"), str):  # a vague amount named from the vagueness table
        if params["quantity"] not in lexicon.words["vague"]:
            raise TableError(f"{where}: quantity {params['quantity']!r} is not in vagueness.toml")
        params["quantity"] = lexicon.quantity(params["quantity"])
    examples = tuple(_example(where, e) for e in raw.get("examples", []))
    if not examples:
        raise TableError(f"{where}: a rule needs at least one example")
    return Rule(
        id=raw["id"],
        pattern=pattern,
        before=before,
        type=raw["type"],
        op=raw["op"],
        anchor=raw["anchor"],
        params=params,
        mod=raw.get("mod"),
        timeml=bool(raw.get("timeml", True)),
        priority=int(raw.get("priority", 0)),
        groups=tuple(groups),
        examples=examples,
        not_examples=tuple(raw.get("not_examples", [])),
        source=where,
    )


def load_rules(folder: Path, lexicon: Lexicon, operators: frozenset[str]) -> RuleTable:
    """Load every ``*.toml`` rule file of ``folder`` (except the lexicons) into one table."""
    rules: list[Rule] = []
    seen: set[str] = set()
    for path in sorted(folder.glob("*.toml")):
        if path.name in {"lexicon.toml", "vagueness.toml", "tense.toml"}:
            continue
        with open(path, "rb") as fh:
            raw = tomllib.load(fh)
        if set(raw) - {"rule"}:
            raise TableError(f"{path.name}: unknown top-level keys {sorted(set(raw) - {'rule'})}")
        for i, row in enumerate(raw.get("rule", [])):
            rule = _rule(f"{path.name}[{i}]", row, lexicon, operators)
            if rule.id in seen:
                raise TableError(f"{path.name}: duplicate rule id {rule.id!r}")
            seen.add(rule.id)
            rules.append(rule)
    order = sorted(range(len(rules)), key=lambda i: (-rules[i].priority, i))
    ordered = tuple(rules[i] for i in order)
    patterns = [
        lexicon.expand(f"{r.before}(?P<r{i}__at>)" if r.before else "", prefix=f"r{i}_")
        + lexicon.expand(f"(?:{r.pattern})" if r.before else r.pattern, prefix=f"r{i}_")
        for i, r in enumerate(ordered)
    ]
    return RuleTable(ordered, lexicon, Dispatcher(patterns, BOUNDED), {r.id: r for r in ordered})
