"""Checking a rule's examples: the rule tables' own test corpus (STYLE.md habit 5).

Why in the package: the pytest suite, the meta-test that proves a wrong
expectation fails, and anyone editing a table from a shell all need the same
strict check.  An example passes only if exactly one mention covers its phrase,
exactly, from that rule, with every expected field equal; examples of a
``block`` rule and ``not_examples`` pass only if nothing is found at all.
"""

from __future__ import annotations

from typing import Any

from app.language.temporal.extract import Engine
from app.language.temporal.table import DEFAULT_REFERENCE, Example, Rule
from app.language.types import TemporalMention

__all__ = ["check_example", "check_not_example"]


def _actual(m: TemporalMention, key: str) -> Any:
    iv = m.interval
    if key in {"earliest", "latest", "best", "granularity"}:
        return getattr(iv, key) if iv else None
    if key == "offset":
        o = m.offset
        return [o.direction, o.low, o.high, o.unit] if o else None
    return getattr(m, key)


def check_example(engine: Engine, rule: Rule, example: Example) -> list[str]:
    """Every way ``example`` fails for ``rule`` (empty list = it passes)."""
    mentions = engine.find(example.text, example.reference)
    if rule.op == "block":
        return [f"block rule example yielded {m.text!r} ({m.rule_id})" for m in mentions]
    start = example.text.index(example.span)
    end = start + len(example.span)
    covering = [m for m in mentions if m.start <= start and end <= m.end]
    if len(covering) != 1:
        found = [(m.text, m.rule_id) for m in mentions]
        return [f"expected exactly one mention covering {example.span!r}, found {found}"]
    m = covering[0]
    problems = []
    if (m.start, m.end) != (start, end):
        problems.append(f"mention {m.text!r} is not exactly {example.span!r}")
    if m.rule_id != rule.id:
        problems.append(f"found by {m.rule_id!r}, not {rule.id!r}")
    for key, want in example.expect.items():
        got = _actual(m, key)
        if got != want:
            problems.append(f"{key}: expected {want!r}, got {got!r}")
    return problems


def check_not_example(engine: Engine, text: str) -> list[str]:
    """Every mention found in a not-example (empty list = it passes)."""
    return [f"found {m.text!r} ({m.rule_id})" for m in engine.find(text, DEFAULT_REFERENCE)]
