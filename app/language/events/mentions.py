"""Event mentions: trigger matches in one article, with their clause's actors, time words and modality.

Why this stage exists apart from dating and merging: it is the only place that reads
words; everything after it reasons over ``Mention`` values.  Per sentence it

1. matches the trigger lexicon outside quoted speech (what a speaker says inside quotes
   is the content of the speech event, not an event of its own), keeping the best of
   overlapping matches (priority, then length);
2. attaches actors and targets inside the trigger's clause (``clauses.py``);
3. reads tense and modality cues in the words before the trigger (``cues.toml``);
4. gives each time expression of the sentence (outside quotes, DATE/TIME) to one
   trigger: a sentence-initial one ("A few days earlier, ...") to the main act of the
   sentence, any other to the nearest trigger of its clause;
5. folds a reporting verb and the content it introduces into one mention ("announced
   that ... the US might abandon these efforts" is one threat), unless the content is a
   future event of its own or has another actor.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from app.language.events.clauses import (
    clause_bounds,
    nominal_actors,
    passive_agents,
    subject_group,
    targets_between,
)
from app.language.events.lexicon import Lexicon, TriggerRule
from app.language.types import ActorMention, Span, TemporalMention

__all__ = ["Mention", "find_mentions"]

_INITIAL = re.compile(r"^\W*(?:\w+\W+){0,1}$")
_DATED_TYPES = ("DATE", "TIME")


@dataclass(frozen=True, slots=True)
class Mention:
    """One reported event in one sentence, before dating and merging."""

    rule_ids: tuple[str, ...]
    kind: str
    cameo: str
    label: str
    trigger: Span
    sentence: int
    actors: tuple[ActorMention, ...]
    targets: tuple[ActorMention, ...]
    tense: str
    modality: str
    timex: TemporalMention | None = None
    elaboration: bool = False

    @property
    def codes(self) -> tuple[str, ...]:
        return _unique(m.code for m in self.actors)

    @property
    def target_codes(self) -> tuple[str, ...]:
        return tuple(c for c in _unique(m.code for m in self.targets) if c not in self.codes)

    @property
    def persons(self) -> tuple[str, ...]:
        return _unique(m.person for m in self.actors if m.person is not None)


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def find_mentions(
    text: str,
    sentences: Sequence[Span],
    quotes: Sequence[Span],
    timexes: Sequence[TemporalMention],
    actors: Sequence[ActorMention],
    lexicon: Lexicon,
) -> tuple[Mention, ...]:
    """Every event mention of the article, in text order."""
    found: list[Mention] = []
    for index, sentence in enumerate(sentences):
        found.extend(_sentence_mentions(text, index, sentence, quotes, timexes, actors, lexicon))
    return tuple(found)


def _inside(position: int, spans: Sequence[Span]) -> bool:
    return any(s.start <= position < s.end for s in spans)


def _matches(
    text: str, sentence: Span, quotes: Sequence[Span], lexicon: Lexicon
) -> list[tuple[TriggerRule, Span]]:
    candidates = []
    for rule in lexicon.triggers:
        for match in rule.pattern.finditer(text, sentence.start, sentence.end):
            if match.end() > match.start() and not _inside(match.start(), quotes):
                candidates.append((rule, Span(match.start(), match.end(), match.group())))
    candidates.sort(key=lambda c: (-c[0].priority, -(c[1].end - c[1].start), c[1].start))
    kept: list[tuple[TriggerRule, Span]] = []
    for rule, span in candidates:
        if all(span.end <= other.start or other.end <= span.start for _, other in kept):
            kept.append((rule, span))
    return sorted(kept, key=lambda c: c[1].start)


def _cues(prefix: str, match_text: str, rule: TriggerRule, lexicon: Lexicon) -> tuple[str, str]:
    if rule.kind == "nominal":
        return "nominal", rule.modality or "asserted"
    tense, modality = None, None
    head = match_text.rsplit(" ", 1)[0] + " " if " " in match_text else ""
    for probe in (prefix.rstrip() + " ", (prefix + head).rstrip() + " "):
        for cue in lexicon.cues:
            if cue.before.search(probe):
                tense = tense or cue.tense
                modality = modality or cue.modality
    return tense or "past", rule.modality or modality or "asserted"


def _sentence_mentions(
    text: str,
    index: int,
    sentence: Span,
    quotes: Sequence[Span],
    timexes: Sequence[TemporalMention],
    actors: Sequence[ActorMention],
    lexicon: Lexicon,
) -> list[Mention]:
    clauses = clause_bounds(text, sentence, lexicon.boundaries)
    local = [a for a in actors if sentence.start <= a.start < sentence.end and not _inside(a.start, quotes)]
    matches = _matches(text, sentence, quotes, lexicon)
    mentions: list[Mention] = []
    for position, (rule, span) in enumerate(matches):
        start, end = next(((a, b) for a, b in clauses if a <= span.start < b), (sentence.start, sentence.end))
        limit = matches[position + 1][1].start if position + 1 < len(matches) else end
        limit = min(limit, end)
        if rule.kind == "nominal":
            who = nominal_actors(text, local, span, limit)
        else:
            who = passive_agents(text, local, span.end, limit) or subject_group(
                text, local, start, span.start
            )
        tense, modality = _cues(text[start : span.start], span.text, rule, lexicon)
        mentions.append(
            Mention((rule.id,), rule.kind, rule.cameo, rule.label, span, index, who, (), tense, modality)
        )
    taken = [a for m in mentions for a in m.actors]
    for position, mention in enumerate(mentions):
        nxt = mentions[position + 1].trigger.start if position + 1 < len(mentions) else sentence.end
        end = next((b for a, b in clauses if a <= mention.trigger.start < b), sentence.end)
        targets = targets_between(local, mention.trigger.start, min(nxt, end), taken)
        mentions[position] = replace(mention, targets=targets)
    mentions = _attach_times(text, sentence, clauses, mentions, timexes)
    mentions = _combine_speech(mentions)
    return [_mark_elaboration(text, sentence, m, lexicon) for m in mentions if m.kind != "speech" or m.actors]


def _attach_times(
    text: str,
    sentence: Span,
    clauses: Sequence[tuple[int, int]],
    mentions: list[Mention],
    timexes: Sequence[TemporalMention],
) -> list[Mention]:
    if not mentions:
        return mentions
    owners: dict[int, TemporalMention] = {}
    for timex in timexes:
        if not (sentence.start <= timex.start < sentence.end) or timex.in_quote:
            continue
        if timex.type not in _DATED_TYPES or (timex.interval is None and timex.offset is None):
            continue
        acts = [i for i, m in enumerate(mentions) if m.kind != "nominal"]
        if _INITIAL.match(text[sentence.start : timex.start]) and acts:
            owner = acts[0]
        else:
            clause = next(
                ((a, b) for a, b in clauses if a <= timex.start < b), (sentence.start, sentence.end)
            )
            near = [i for i, m in enumerate(mentions) if clause[0] <= m.trigger.start < clause[1]] or list(
                range(len(mentions))
            )
            owner = min(near, key=lambda i: _distance(mentions[i].trigger, timex))
        if owner not in owners or _distance(mentions[owner].trigger, timex) < _distance(
            mentions[owner].trigger, owners[owner]
        ):
            owners[owner] = timex
    return [replace(m, timex=owners.get(i)) for i, m in enumerate(mentions)]


def _distance(trigger: Span, timex: TemporalMention) -> int:
    if timex.end <= trigger.start:
        return trigger.start - timex.end
    if trigger.end <= timex.start:
        return timex.start - trigger.end
    return 0


def _combine_speech(mentions: list[Mention]) -> list[Mention]:
    """A reporting verb and the content it introduces in the same sentence become one mention."""
    out: list[Mention] = []
    for mention in mentions:
        host = out[-1] if out else None
        if host is not None and _introduces(host, mention):
            out[-1] = _fold_content(host, mention)
        else:
            out.append(mention)
    return out


def _introduces(host: Mention, content: Mention) -> bool:
    if host.kind != "speech" or content.tense == "future" or content.modality == "planned":
        return False
    if content.timex is not None and host.timex is not None:
        return False
    return not content.codes or set(content.codes) <= set(host.codes)


def _fold_content(host: Mention, content: Mention) -> Mention:
    kind = "speech" if content.kind == "speech" else "act"
    return replace(
        host,
        rule_ids=host.rule_ids + content.rule_ids,
        kind=kind,
        cameo=content.cameo if content.kind != "speech" else host.cameo,
        label=content.label if content.kind != "speech" else host.label,
        targets=host.targets + content.targets,
        timex=host.timex or content.timex,
        modality=host.modality,
    )


def _mark_elaboration(text: str, sentence: Span, mention: Mention, lexicon: Lexicon) -> Mention:
    if "statement.say" not in mention.rule_ids or mention.timex is not None:
        return mention
    words = text[sentence.start : sentence.end]
    cued = any(cue.before.search(words) for cue in lexicon.elaborations)
    pronoun = any(a.kind == "reference" for a in mention.actors)
    return replace(mention, elaboration=cued or pronoun)
