"""Event mentions: trigger matches in one article, with their clause's actors, time words and modality.

Why this stage exists apart from dating and merging: it is the only place that reads
words; everything after it reasons over ``Mention`` values.  Per sentence it

1. matches the trigger lexicon outside quoted speech (what a speaker says inside quotes
   is the content of the speech event, not an event of its own), keeping the best of
   overlapping matches (priority, then length) — except that a noun event nested in a
   verbal one ("accepts *the US proposal for a ceasefire*") is an event of its own;
2. attaches actors and targets inside the trigger's clause (``clauses.py``): a verb's
   subject stands after the verb before it (so reported content does not take the
   reporter as its subject), a verb without one shares a coordinated verb's subject;
3. reads tense and modality cues in the words before the trigger (``cues.toml``);
4. gives each time expression of the sentence (outside quotes, DATE/TIME) to one
   trigger: a sentence-initial one ("On May 11, ...") to every act of the sentence that
   has none of its own, any other to the nearest trigger of its clause;
5. folds reporting verbs with their content and participles with their act
   (``reporting.py``) and marks elaborations ("He added that...").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from app.language.events.clauses import (
    adjacent_actor,
    antecedent,
    between_group,
    clause_bounds,
    inverted_speaker,
    nominal_actors,
    passive_agents,
    relative_clauses,
    subject_group,
    targets_between,
)
from app.language.events.lexicon import Lexicon, TriggerRule
from app.language.events.mention import Mention
from app.language.events.reporting import combine_reports
from app.language.events.time_attachment import attach_times
from app.language.types import ActorMention, Span, TemporalMention

__all__ = ["SYMMETRIC_ROOTS", "THIRD_PARTY_CODES", "find_mentions"]

#: Roots of events whose parties act together ("talks between A and B", "fighting between A and B"):
#: only these take the "between" group as actors when no subject is named.
SYMMETRIC_ROOTS = frozenset({"04", "05", "08", "19"})
#: Codes of a symmetric root whose actor is a third party: "mediated between A and B" names
#: the parties mediated, not the mediator.
THIRD_PARTY_CODES = frozenset({"043", "045"})
_SUBORDINATE = re.compile(
    r"\b(?:after|before|when|since|because|while|until|once|if|unless|although|whereas|that|where)\b",
    re.IGNORECASE,
)
_PARTICIPLE_CLAUSE = re.compile(r"(?:,|\bwhile|\bafter|\bbefore|\bwhen|\bby)\s+$", re.IGNORECASE)
_COMMA_PARTICIPLE = re.compile(r"^[^.;]*,\s+(?:\w+ly\s+)?$")
_DETERMINER = re.compile(r"\b(?:the|a|an|its|their|his|her)\s+$", re.IGNORECASE)
_AFTER_CONJUNCTION = re.compile(r"\b(?:and|but)\s+$")
_COORDINATED = re.compile(r"\b(?:and|but)\b")
_PRESENT = re.compile(r"^(?-i:[a-z]+[^s\W]s)\b")


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
    rows: Sequence[Sequence[int] | None] = [None] * len(sentences)
    if lexicon.index is not None:  # the rows each sentence may match, lower-casing the article once
        rows = lexicon.index.rows_in(text, [(s.start, s.end) for s in sentences])
    here = _by_sentence(sentences, timexes)
    for index, sentence in enumerate(sentences):
        found.extend(
            _sentence_mentions(text, index, sentence, quotes, here[index], actors, lexicon, rows[index])
        )
    return tuple(found)


def _by_sentence(
    sentences: Sequence[Span], timexes: Sequence[TemporalMention]
) -> list[list[TemporalMention]]:
    """The time expressions that begin in each sentence, in their order (found once per article
    rather than looked for among all of them in every sentence)."""
    starts = [s.start for s in sentences]
    here: list[list[TemporalMention]] = [[] for _ in sentences]
    for timex in timexes:
        index = bisect_right(starts, timex.start) - 1
        if index >= 0 and timex.start < sentences[index].end:
            here[index].append(timex)
    return here


def _inside(position: int, spans: Sequence[Span]) -> bool:
    return any(s.start <= position < s.end for s in spans)


def _compatible(a: tuple[TriggerRule, Span], b: tuple[TriggerRule, Span]) -> bool:
    """Two matches may both stand if they do not overlap or a noun event sits inside a verbal one."""
    span_a, span_b = a[1], b[1]
    if span_a.end <= span_b.start or span_b.end <= span_a.start:
        return True
    for (inner_rule, inner), (outer_rule, outer) in ((a, b), (b, a)):
        nested = outer.start < inner.start and inner.end <= outer.end
        if nested and inner_rule.kind == "nominal" and outer_rule.kind != "nominal":
            return inner_rule.cameo[:2] != outer_rule.cameo[:2]
    return False


def _matches(
    text: str, sentence: Span, quotes: Sequence[Span], lexicon: Lexicon, rows: Sequence[int] | None = None
) -> list[tuple[TriggerRule, Span]]:
    """The trigger matches of a sentence that stand together, in text order.

    ``rows``: the table rows the sentence may match (``LiteralIndex.rows`` of its text),
    when the caller looked them up for the whole article at once.
    """
    candidates = []
    rules = lexicon.triggers
    if rows is None and lexicon.index is not None:  # only rows whose required words the sentence contains
        rows = lexicon.index.rows(text[sentence.start : sentence.end])
    for rule in rules if rows is None else (rules[row] for row in rows):
        for match in (rule.scan or rule.pattern).finditer(text, sentence.start, sentence.end):
            if match.end() > match.start() and not _inside(match.start(), quotes):
                candidates.append((rule, Span(match.start(), match.end(), match.group())))
    if len(candidates) < 2:
        return candidates  # nothing to choose between
    candidates.sort(key=lambda c: (-c[0].priority, -(c[1].end - c[1].start), c[1].start))
    kept: list[tuple[TriggerRule, Span]] = []
    for candidate in candidates:
        if all(_compatible(candidate, other) for other in kept):
            kept.append(candidate)
    return sorted(kept, key=lambda c: c[1].start)


def _cues(prefix: str, match_text: str, rule: TriggerRule, lexicon: Lexicon) -> tuple[str, str]:
    if rule.kind == "nominal":
        return rule.tense or "nominal", rule.modality or "asserted"
    tense, modality = None, None
    head = match_text.rsplit(" ", 1)[0] + " " if " " in match_text else ""
    probes = dict.fromkeys((prefix.rstrip() + " ", (prefix + head).rstrip() + " "))  # one when equal
    root = rule.cameo[:2]
    cues = lexicon.cues
    for probe in probes:
        # only the cues whose required words the probe holds (every cue when there is no index)
        rows = range(len(cues)) if lexicon.cue_index is None else lexicon.cue_index.rows(probe)
        for cue in (cues[row] for row in rows):
            if (cue.tense is None or tense is not None) and (cue.modality is None or modality is not None):
                continue  # the first cue that sets a value wins: this one could change nothing
            if root not in cue.skip_roots and cue.before.search(probe):
                tense = tense or cue.tense
                modality = modality or cue.modality
    first = match_text.split(" ")[0]
    if tense is None and _PRESENT.match(first) and first.lower() not in lexicon.nouns:
        tense = "present"  # "Moscow demands", not "talks collapsed"
    return rule.tense or tense or "past", rule.modality or modality or "asserted"


def _actors(
    text: str, local: Sequence[ActorMention], rule: TriggerRule, span: Span, start: int, limit: int
) -> tuple[ActorMention, ...]:
    participle = span.text.split(" ")[0].lower().endswith("ing")
    if rule.kind == "nominal":
        found = nominal_actors(text, local, span, limit)
    elif _AFTER_CONJUNCTION.search(text[max(0, span.start - 8) : span.start]):
        found = passive_agents(text, local, span, limit)  # "... and urged Washington": the subject is shared
    else:
        found = (
            passive_agents(text, local, span, limit)
            or subject_group(text, local, start, span.start, participle)
            or adjacent_actor(text, [a for a in local if a.start >= start], span)
        )
    if not found and rule.kind == "speech" and not participle:  # "..., said the ministry"
        found = inverted_speaker(text, local, span, limit)
    if not found and rule.cameo[:2] in SYMMETRIC_ROOTS and rule.cameo not in THIRD_PARTY_CODES:
        found = between_group(text, local, span.start, limit)
    return found


def _participle_subject(
    text: str, span: Span, earlier: Sequence[Mention], ing_nouns: frozenset[str]
) -> tuple[ActorMention, ...]:
    """A participle after a comma ("Petro suspended talks with the ELN, accusing the group of ...")
    has the subject of the verb before it, whatever names stand in between."""
    first = span.text.split(" ")[0].lower()
    verbs = [m for m in earlier if m.kind != "nominal" and m.actors]
    if not first.endswith("ing") or first in ing_nouns or not verbs:
        return ()
    if not _COMMA_PARTICIPLE.search(text[verbs[-1].trigger.end : span.start]):
        return ()
    return verbs[-1].actors


def _shared_subject(
    text: str, span: Span, earlier: Sequence[Mention], cameo: str = ""
) -> tuple[ActorMention, ...]:
    """The subject a verb shares with an earlier one: "Baku announced ... and demanded ...".

    A verb joined by "and"/"but" shares the sentence's first named subject, a participle
    ("..., while commending Modi") the subject of the verb before it; a verb of a
    subordinate clause ("soon after fighting erupted") has a subject of its own.
    """
    between = text[earlier[-1].trigger.end : span.start]
    if _COORDINATED.search(between):
        return next((m.actors for m in earlier if m.kind != "nominal" and m.actors), ())
    if _PARTICIPLE_CLAUSE.search(between) and span.text.split(" ")[0].lower().endswith("ing"):
        return next((m.actors for m in reversed(earlier) if m.kind != "nominal" and m.actors), ())
    if _SUBORDINATE.search(between):
        # "A and B agreed ..., after five days of border fighting": a symmetric event without
        # parties of its own is between the main clause's parties
        parties = next((m.actors for m in earlier if m.kind != "nominal" and m.actors), ())
        symmetric = cameo[:2] in SYMMETRIC_ROOTS and cameo not in THIRD_PARTY_CODES
        return parties if symmetric and len({a.code for a in parties}) >= 2 else ()
    if _SUBORDINATE.search(span.text.split(" ")[0]) or "," in between:
        return ()  # "..., where clashes erupted": a clause of its own
    main = [m for m in earlier if not m.trigger.text.lower().endswith(" by")]  # not "hosted by X"
    return main[-1].actors if main and main[-1].kind == "act" else ()


def _sentence_mentions(
    text: str,
    index: int,
    sentence: Span,
    quotes: Sequence[Span],
    timexes: Sequence[TemporalMention],
    actors: Sequence[ActorMention],
    lexicon: Lexicon,
    rows: Sequence[int] | None = None,
) -> list[Mention]:
    matches = _matches(text, sentence, quotes, lexicon, rows)
    if not matches:
        return []  # nothing below adds a mention to a sentence without a trigger
    clauses = clause_bounds(text, sentence, lexicon.boundaries)
    local = [a for a in actors if sentence.start <= a.start < sentence.end and not _inside(a.start, quotes)]
    relatives = relative_clauses(text, sentence)
    main = [a for a in local if not any(r0 <= a.start < r1 for r0, r1 in relatives)]
    mentions: list[Mention] = []
    for position, (rule, span) in enumerate(matches):
        start, end = next(((a, b) for a, b in clauses if a <= span.start < b), (sentence.start, sentence.end))
        limit = min(matches[position + 1][1].start if position + 1 < len(matches) else end, end)
        relative = next(((r0, r1) for r0, r1 in relatives if r0 <= span.start < r1), None)
        if relative is not None and rule.kind != "nominal":  # "..., which have mediated talks, ..."
            who = antecedent(text, main, relative[0])
        else:
            verbs = [
                s.end
                for r, s in matches[:position]
                if r.kind != "nominal"
                and start <= s.start
                and not any(r0 <= s.start < r1 for r0, r1 in relatives)
            ]
            start = max([start, *verbs])  # a verb's subject stands after the verb before it
            who = _participle_subject(text, span, mentions, lexicon.ing_nouns) or _actors(
                text, main if relatives else local, rule, span, start, limit
            )
        nominalised = bool(_DETERMINER.search(text[max(0, span.start - 8) : span.start]))
        first = span.text.split(" ")[0].lower()
        plural = first.endswith("s") and not first.endswith("ss")  # "demands", not "readiness"
        if nominalised and rule.kind == "act" and plural and first not in lexicon.nouns:
            continue  # "fell short of its demands", "the strikes on the camps": a plural noun, not a verb
        if not who and rule.kind != "nominal" and mentions and not nominalised:
            who = _shared_subject(
                text, span, mentions, rule.cameo
            )  # "the release of ..." is a noun: no subject
        tense, modality = _cues(text[start : span.start], span.text, rule, lexicon)
        acted_on = who if rule.subject == "target" else ()
        mentions.append(
            Mention(
                (rule.id,),
                rule.kind,
                rule.cameo,
                rule.label,
                span,
                index,
                () if acted_on else who,
                acted_on,
                tense,
                modality,
                acted_on=rule.subject == "target",
                aside=relative is not None,
            )
        )
    taken = [a for m in mentions for a in m.actors]
    for position, mention in enumerate(mentions):
        nxt = mentions[position + 1].trigger.start if position + 1 < len(mentions) else sentence.end
        end = next((b for a, b in clauses if a <= mention.trigger.start < b), sentence.end)
        targets = targets_between(text, local, mention.trigger.start, min(nxt, end), taken)
        if targets:  # a copy only when something changes: most triggers have no target
            mentions[position] = mention._replace(targets=mention.targets + targets)
    mentions = attach_times(text, sentence, clauses, mentions, timexes)
    mentions = combine_reports(text, mentions, lexicon.light_words, lexicon.ing_nouns)
    kept = [m for m in mentions if (m.kind != "speech" or m.actors) and not _standing(sentence, m)]
    headline = not _closed(sentence)
    marked = [_mark_elaboration(text, sentence, m, lexicon) for m in kept]
    return [m if m.headline == headline else m._replace(headline=headline) for m in marked]


def _closed(sentence: Span) -> bool:
    """Whether a sentence ends as running prose does (a headline does not)."""
    return sentence.text.rstrip("”\"’' ").endswith((".", "!", "?"))


def _standing(sentence: Span, mention: Mention) -> bool:
    """Present simple in running prose ("Moscow demands Kiev abandon...") states a position, not an event.

    Headlines (a sentence not closed by a full stop) report news in the present and stay.
    """
    return (
        mention.tense == "present"
        and mention.kind == "act"
        and mention.timex is None
        and bool(mention.actors)  # "Moscow demands ...", not "cross-border clashes that killed"
        and _closed(sentence)
    )


def _mark_elaboration(text: str, sentence: Span, mention: Mention, lexicon: Lexicon) -> Mention:
    if "statement.say" not in mention.rule_ids or mention.timex is not None:
        return mention
    words = text[sentence.start : sentence.end]
    cued = any(cue.before.search(words) for cue in lexicon.elaborations)
    pronoun = any(
        a.kind == "reference" and a.person is not None for a in mention.actors
    )  # "he", not "the army"
    elaboration = cued or pronoun
    return mention if mention.elaboration == elaboration else mention._replace(elaboration=elaboration)
