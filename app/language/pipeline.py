"""The whole language pipeline: article text + publication date → dated, ordered, merged events.

Why one function: the CLI (``parley extract``), the REST API and the ingest path must
produce the same events from the same text, so they all call ``extract`` (or
``extract_record`` for the JSONL contract of DESIGN.md).  It is a pure function: no
database, no clock, no environment; the publication date is an argument.

Stages, in the one direction data flows:
sentences, quotes, time mentions (temporal engine) → actors and back-references
(gazetteer) → event mentions (trigger lexicon, clauses, cues) → elaborations folded
into their speaker's event → dating (own words, anchor event, tense) → SAME_AS merging
→ ordering links and interval narrowing → events numbered by first evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime
from functools import cache
from typing import Any

from app.language.actors.gazetteer import default_gazetteer
from app.language.actors.references import resolve_references
from app.language.events.anchoring import Article
from app.language.events.lexicon import Lexicon, default_lexicon
from app.language.events.mention import Mention, Timed
from app.language.events.mentions import find_mentions
from app.language.events.parties import inherit_parties
from app.language.events.timing import assign_times
from app.language.ordering.dedupe import best_code, fold_elaborations, merge_same
from app.language.ordering.relations import Link, derive_relations, propagate
from app.language.sentences import find_quotes, split_sentences
from app.language.temporal import find_timexes
from app.language.types import ActorMention, Event, EventRelation, Extraction, Interval, Span

__all__ = ["extract", "extract_record"]

_CONFIDENCE = {3: 0.9, 2: 0.8, 1: 0.7, 0: 0.5}
_NO_TARGET = re.compile(r"\s+(?:and|with|to|from|on|against|between|of|for)?\s*\{target\}")


def extract(text: str, published: date) -> Extraction:
    """Everything the language layer finds in one article published on ``published``.

    A ``datetime`` is accepted and read as its calendar day (the service reasons in days).
    """
    if isinstance(published, datetime):
        published = published.date()
    lexicon = default_lexicon()
    sentences = split_sentences(text)
    quotes = find_quotes(text)
    timexes = find_timexes(text, published, quotes=quotes)
    actors = resolve_references(text, default_gazetteer().find(text))
    mentions = find_mentions(text, sentences, quotes, timexes, actors, lexicon)
    groups = fold_elaborations(mentions)
    article = Article(text, sentences, actors, timexes, published, lexicon)
    timed = assign_times(groups, article)
    merged, _ = merge_same(timed)
    order = sorted(range(len(merged)), key=lambda i: _first_position(merged[i]))
    with_parties = inherit_parties(text, sentences, [merged[i] for i in order])  # "the agreement, ..."
    updated = list(merged)
    for n, old in enumerate(order):
        updated[old] = with_parties[n]
    merged = tuple(updated)
    rank = {old: new for new, old in enumerate(order)}
    links = [Link(rank[i], rank[t], kind) for i in order for t, kind in merged[i].links]
    intervals = propagate([merged[i].interval for i in order], links)
    events = tuple(
        _event(f"e{n + 1}", merged[old], intervals[n], sentences, lexicon) for n, old in enumerate(order)
    )
    relations = tuple(
        EventRelation(events[link.source].id, events[link.target].id, link.type)
        for link in derive_relations(intervals, links)
    )
    return Extraction(sentences, quotes, timexes, actors, events, relations)


def _first_position(group: Timed) -> tuple[int, int]:
    first = min(group.mentions, key=lambda m: (m.sentence, m.trigger.start))
    return first.sentence, first.trigger.start


def _unique(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _names(actors: Sequence[ActorMention]) -> str:
    """People by name when the text names them, else the states or organisations."""
    names = _unique([a.person for a in actors if a.person] or [a.name for a in actors])
    return " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]


def _count(actors: Sequence[ActorMention]) -> int:
    """How many parties a label names as its subject (a plural name such as "Houthis" counts two)."""
    people = _unique([a.person for a in actors if a.person])
    if people:
        return len(people)
    names = _unique([a.name for a in actors])
    return 2 if len(names) == 1 and _PLURAL_NAME.search(names[0]) else len(names)


@cache  # a pure function of a rule's label and a count: every article asks the same few questions
def agree(template: str, subjects: int, written: str | None = None) -> str:
    """The label template with its verb agreeing with ``subjects`` parties.

    Templates are ``written`` "{actor} signs ..." (one party) or "{actor} and {target} hold ..."
    (two); without its target the second names one party unless the actors are several:
    "Donald Trump and Marco Rubio threaten", "Myanmar agrees a ceasefire".
    """
    match = _SUBJECT_VERB.match(template)
    if match is None:
        return template
    subject, verb, rest = match.groups()
    written_plural = "{actor} and {target}" in (written or template)
    if subjects > 1 and written_plural:
        return template
    if subjects > 1:
        verb = _PLURAL_VERBS.get(verb) or (
            verb[:-3] + "y"
            if verb.endswith("ies")
            else verb[:-2]
            if verb.endswith(("sses", "shes", "ches", "xes", "zes", "oes"))
            else verb[:-1]
            if verb.endswith("s") and not verb.endswith("ss")
            else verb
        )
        rest = rest.replace(" it is ", " they are ").replace(" its ", " their ")
    elif written_plural:
        verb = _SINGULAR_VERBS.get(verb) or (
            verb[:-1] + "ies"
            if re.search(r"[^aeiou]y$", verb)
            else verb + "es"
            if verb.endswith(("s", "sh", "ch", "x", "z", "o"))
            else verb + "s"
        )
    return subject + verb + rest


@cache  # a rule's label, the same for every article
def _untargeted(label: str) -> str:
    """The label without its target: "{actor} holds talks with {target}" → "{actor} holds talks"."""
    return _NO_TARGET.sub("", label)


_SUBJECT_VERB = re.compile(r"^(\{actor\}(?: and \{target\})? )([a-z-]+)(.*)$", re.DOTALL)
_PLURAL_VERBS = {"is": "are", "has": "have", "does": "do"}
_SINGULAR_VERBS = {v: k for k, v in _PLURAL_VERBS.items()}
_PLURAL_NAME = re.compile(r"is$")  # "Houthis"


def _event(
    ident: str, group: Timed, interval: Interval, sentences: Sequence[Span], lexicon: Lexicon
) -> Event:
    mentions: Sequence[Mention] = group.mentions
    if len(mentions) > 1:  # most events are told once
        mentions = sorted(mentions, key=lambda m: (m.sentence, m.trigger.start))
    cameo = best_code(group.mentions)
    head = max((m for m in mentions if m.cameo == cameo), key=lambda m: len(m.actors), default=mentions[0])
    codes = _unique([c for m in mentions for c in m.codes])
    targets = tuple(c for c in _unique([c for m in mentions for c in m.target_codes]) if c not in codes)
    others = [t for t in head.targets if t.code not in head.codes]
    if head.actors:
        template = head.label if others else _untargeted(head.label)
        template = agree(template, _count(head.actors) + ("{actor} and {target}" in template), head.label)
        label = template.replace("{actor}", _names(head.actors)).replace("{target}", _names(others))
    else:  # nobody named as acting: say what happened, and to whom
        entry = lexicon.cameo.get(cameo)
        label = (entry.name if entry else cameo) + (f" ({_names(others)})" if others else "")
    evidence = tuple(sentences[i] for i in sorted({m.sentence for m in mentions}))
    return Event(
        id=ident,
        cameo=cameo,
        label=label[:1].upper() + label[1:],
        actors=codes,
        targets=targets,
        modality=group.head.modality,
        time=interval,
        time_text=group.time_text,
        resolution=group.resolution,
        evidence=evidence,
        trigger=head.trigger,
        rule_ids=_unique([r for m in mentions for r in m.rule_ids]),
        goldstein=lexicon.goldstein(cameo),
        confidence=_CONFIDENCE.get(group.strength, 0.5),
    )


def extract_record(id: str, text: str, published: date) -> dict[str, Any]:
    """One output line of ``parley extract --jsonl`` (the contract in DESIGN.md, Interfaces)."""
    extraction = extract(text, published)
    return {
        "id": id,
        "events": [
            {
                "id": e.id,
                "cameo": e.cameo,
                "label": e.label,
                "actors": list(e.actors),
                "targets": list(e.targets),
                "modality": e.modality,
                "earliest": e.time.earliest.isoformat(),
                "latest": e.time.latest.isoformat(),
                "best": e.time.best.isoformat(),
                "granularity": e.time.granularity,
                "time_text": e.time_text,
                "resolution": e.resolution,
                "evidence": [{"start": s.start, "end": s.end, "text": s.text} for s in e.evidence],
            }
            for e in extraction.events
        ],
        "relations": [{"from": r.source, "to": r.target, "type": r.type} for r in extraction.relations],
    }
