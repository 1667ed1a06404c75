"""Find every TIMEX3 in a text: one scan of the compiled rule table, then one operator per match.

Why this shape: matching behaves as a single alternation over all rule rows
(see ``table`` and ``dispatch``), so the text is scanned once, left to right,
and the mentions come out sorted and non-overlapping by construction.  Each
match is handed to the operator its row names, with the decoded slots; the
operator's reading gets the span, the rule id, the anchor kind and whether it
lies inside quoted speech.  A last pass (``narrative``) gives event-anchored
mentions the value they have against the last date mentioned before them.

The tables are loaded (and validated) on first use, not at import.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from app.language.sentences import find_quotes
from app.language.temporal.amounts import ADVERB_OPERATORS, AMOUNT_OPERATORS
from app.language.temporal.dates import DATE_OPERATORS
from app.language.temporal.lexicon import load_lexicon
from app.language.temporal.narrative import narrative_values
from app.language.temporal.ranges import ordered_ranges, shared_month_days
from app.language.temporal.reading import Context, Reading
from app.language.temporal.speech import speech_days, with_speaker_time
from app.language.temporal.table import Rule, RuleTable, load_rules
from app.language.temporal.tense import TenseLexicon, load_tense
from app.language.types import Span, TemporalMention

__all__ = ["OPERATORS", "Engine", "RULES_DIR", "default_engine", "find_timexes"]

RULES_DIR = Path(__file__).with_name("rules")
#: Operators whose reading depends on the clause's tense (unless a year is written).
TENSED = frozenset({"date", "weekday", "week_of_month", "weekend", "period", "season", "holiday", "clock"})
OPERATORS: frozenset[str] = (
    frozenset(DATE_OPERATORS) | frozenset(AMOUNT_OPERATORS) | frozenset(ADVERB_OPERATORS)
)


class _Plan(NamedTuple):
    """What ``find`` needs of rule ``i``, worked out once: its slots' group names and lexicons,
    the group where its span starts (rules with words ``before`` the mention), and whether its
    reading depends on the clause's tense.  (Building ``f"r{i}_{name}"`` at every match cost
    more than decoding the slots.)"""

    rule: Rule
    slots: tuple[tuple[str, str, str], ...]  # (group name, slot name, lexicon)
    at: str | None
    tensed: bool


@dataclass(frozen=True, slots=True)
class Engine:
    """A loaded rule table plus the tense lexicon: everything extraction needs."""

    table: RuleTable
    tense: TenseLexicon
    ago_rules: frozenset[str] = frozenset()
    clock_rules: frozenset[str] = frozenset()
    roles: dict[str, str] = field(default_factory=dict)
    plans: tuple[_Plan, ...] = ()

    def __post_init__(self) -> None:
        plans = tuple(
            _Plan(
                rule,
                tuple((f"r{i}_{name}", name, lex) for name, lex in rule.groups),
                f"r{i}__at" if rule.before else None,
                rule.op in TENSED and not rule.params.get("nearest"),
            )
            for i, rule in enumerate(self.table.rules)
        )
        object.__setattr__(self, "plans", plans)

    def read(self, rule: Rule, slots: dict[str, Any], ctx: Context) -> Reading | None:
        """Run the operator of ``rule`` on decoded ``slots``."""
        if rule.op in ADVERB_OPERATORS:
            return ADVERB_OPERATORS[rule.op](slots, rule.params, ctx, self.table.lexicon.adverbs)
        op: Callable[..., Reading | None] = DATE_OPERATORS.get(rule.op) or AMOUNT_OPERATORS[rule.op]
        return op(slots, rule.params, ctx)

    def find(
        self,
        text: str,
        reference: date,
        tense: int | None = None,
        quotes: tuple[Span, ...] | None = None,
        speaker_time: bool = True,
    ) -> tuple[TemporalMention, ...]:
        """All mentions in ``text``; ``tense`` overrides the per-clause tense detection when given;
        ``quotes`` are the text's quotes when the caller has found them already (``find_quotes``);
        inside a quote whose saying is dated ("..., he said on Monday") the time words count from
        that day unless ``speaker_time`` is off (``speech.py``)."""
        if quotes is None:
            quotes = find_quotes(text)
        starts = [q.start for q in quotes]
        decode = self.table.lexicon.decode
        plans = self.plans
        hint = None if tense is None else 3 * (tense > 0) - 3 * (tense < 0)  # a caller's hint is strong
        mentions: list[TemporalMention] = []
        for index, m in self.table.dispatcher.matches(text):
            rule, slot_groups, at, tensed = plans[index]
            slots: dict[str, Any] = dict(rule.params)
            for group, name, lex in slot_groups:
                surface = m.group(group)
                if surface is not None:
                    slots[name] = decode(lex, surface)
            start, end = m.span()
            if at is not None:
                start = m.start(at)
            direction = 0
            if hint is not None:
                direction = hint
            elif tensed and "year" not in slots and "iso_date" not in slots:
                direction = self.tense.direction(text, start, end)
            try:
                reading = self.read(rule, slots, Context(reference, direction))
            except (ValueError, OverflowError):  # the time would lie outside years 1..9999
                reading = None
            if reading is None:
                continue
            in_quote = bool(quotes) and _inside(quotes, starts, start, end)
            anchor = "speaker" if in_quote and rule.anchor == "publication" else rule.anchor
            mentions.append(
                TemporalMention(
                    start=start,
                    end=end,
                    text=text[start:end],
                    type=reading.type,
                    value=reading.value,
                    rule_id=rule.id,
                    anchor=anchor,
                    interval=reading.interval,
                    mod=reading.mod or rule.mod,
                    offset=reading.offset,
                    in_quote=in_quote,
                )
            )
        found = narrative_values(tuple(mentions), reference, self.ago_rules, self.clock_rules, self.roles)
        found = shared_month_days(text, ordered_ranges(text, found))
        if not quotes or not speaker_time or not any(m.in_quote for m in found):
            return found
        days = speech_days(text, quotes, found, self.tense.report_words)
        if not days:
            return found
        return with_speaker_time(found, reference, days, self._quote_reader(tense))

    def _quote_reader(self, tense: int | None) -> Callable[[date, Span], list[TemporalMention]]:
        """Reads a quote's own words against the day it was said, with offsets in the whole text."""

        def read_quote(day: date, quote: Span) -> list[TemporalMention]:
            whole = (Span(0, len(quote.text), quote.text),)  # every word of it is quoted
            return [
                dataclasses.replace(m, start=m.start + quote.start, end=m.end + quote.start)
                for m in self.find(quote.text, day, tense, whole, speaker_time=False)
            ]

        return read_quote


def _inside(quotes: tuple[Span, ...], starts: list[int], start: int, end: int) -> bool:
    """Whether ``[start, end)`` lies inside a quote (nesting deeper than four is not looked at)."""
    i = bisect.bisect_right(starts, start) - 1
    return any(quotes[j].start <= start and end <= quotes[j].end for j in range(i, max(i - 4, -1), -1))


def load_engine(folder: Path = RULES_DIR) -> Engine:
    """Load and validate the tables of ``folder`` (tests load broken copies this way)."""
    lexicon = load_lexicon(folder)
    table = load_rules(folder, lexicon, OPERATORS)
    return Engine(
        table,
        load_tense(folder),
        ago_rules=frozenset(r.id for r in table.rules if r.op == "ago"),
        clock_rules=frozenset(r.id for r in table.rules if r.op == "clock"),
        roles={r.id: str(r.params["narrative"]) for r in table.rules if "narrative" in r.params},
    )


@lru_cache(maxsize=1)
def default_engine() -> Engine:
    """The engine over the shipped tables, loaded once on first use."""
    return load_engine(RULES_DIR)


def find_timexes(
    text: str,
    reference: date,
    *,
    tense: int | None = None,
    quotes: tuple[Span, ...] | None = None,
) -> tuple[TemporalMention, ...]:
    """All TIMEX3 mentions of ``text``, sorted by start and non-overlapping.

    ``reference`` is the publication date (DCT) deictic expressions resolve
    against; ``tense`` (-1 past, +1 future, 0 none) forces the direction of bare
    weekdays, months and month-days instead of reading it from each clause; ``quotes``
    (what ``find_quotes(text)`` returns) spare a caller that has them a second search.
    """
    return default_engine().find(text, reference, tense, quotes)
