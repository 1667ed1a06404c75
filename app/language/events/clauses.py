"""Clauses and who did what: attaching actors to a trigger inside its clause.

Why clause level: a sentence often reports two acts by two parties ("Zelensky has not
yet responded, although Kyiv emphasised its readiness for talks"); an actor belongs to
the trigger of its own clause.  The rules here are shallow on purpose (no parser):

- the *subject* of a verb is the last group of actor names before it in the clause,
  skipping names governed by a preposition ("talks with the US") and possessives
  ("Putin's remarks", which name whose event a noun is, not who acts);
- a passive "by X" right after the trigger names the actor;
- the actor of a *nominal* trigger is a name or possessive right before it
  ("Russia's full-scale invasion", "US proposal") or "by X" after it;
- targets are the names after the trigger, up to the next trigger.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.language.types import ActorMention, Span

__all__ = [
    "clause_bounds",
    "is_possessive",
    "nominal_actors",
    "passive_agents",
    "relative_clauses",
    "subject_group",
    "targets_between",
]

_PREPOSITION = re.compile(
    r"\b(?:with|against|to|for|between|in|from|on|at|into|toward|towards|by|among|over|than|about|across|"
    r"near|inside|outside|throughout|within|along|toward|despite)\s+(?:the\s+)?(?:\w+\s+)?$",
    re.IGNORECASE,
)
#: Title words and names before a gazetteer name belong to it: "with King Hussein of Jordan" is
#: governed by "with" even though "of" stands right before "Jordan".
_NAME_HEAD = re.compile(r"(?:\b(?:[A-Z][\w.’'-]*|of|the|de|al|bin)\s+)+$")
#: What may stand between a name and its relative clause: "The M23 rebels, who ...", "The M23
#: rebel group, which ...".
_HEAD_NOUN = re.compile(
    r"^(?:\s+(?:rebels?|rebel|group|militia|forces|army|military|government|delegation|leaders?|officials?|"
    r"movement|fighters|authorities)){0,2}[\s,]*$",
    re.IGNORECASE,
)
_RELATIVE = re.compile(r",\s+(?:which|who)\b[^,;.]*(?:,|(?=\.))")
_SENTENCE_END = re.compile(r"[.!?\n]")
_JOINABLE = re.compile(
    r"^(?:\s|,|&|and\b|of\b|the\b|[A-Z][\w.’'-]*|-|['’]s\b|"
    r"(?:government|army|military|forces|delegation|leaders?|officials?|ministry|cabinet|rebels?|group)\b)*$"
)
_POSSESSIVE = re.compile(r"^['’]s?\b")
#: Nouns after a possessive that make the possessor the one who acts ("Israel's Cabinet approved").
_INSTITUTION = re.compile(
    r"^['’]s?\s+(?:\w+\s+)?(?:cabinet|government|army|military|forces|troops|ministry|foreign ministry|"
    r"delegation|president|prime minister|leaders?|spokesman|spokesperson|parliament|officials?|"
    r"negotiators?|side)\b",
    re.IGNORECASE,
)
_LOCATIVE = re.compile(r"\b(?:in|at|inside|across|near|from|over)\s+(?:the\s+)?(?:\w+\s+)?$", re.IGNORECASE)
#: Who watched an act is no party to it: "signed a declaration, witnessed by Donald Trump and ...".
_WITNESS = re.compile(
    r"\b(?:witnessed\s+by|in\s+the\s+presence\s+of|attended\s+by)\s+(?:[\w’'-]+\s+){0,3}"
    r"(?:(?:and|,)\s+(?:[\w’'-]+\s+){0,3})*$",
    re.IGNORECASE,
)
_WITH = re.compile(r"\bwith\s+(?:the\s+)?$", re.IGNORECASE)
_BETWEEN = re.compile(r"\bbetween\s+(?:the\s+)?$", re.IGNORECASE)
_BY = re.compile(r"\bby\s+(?:the\s+)?$")
_BEFORE_INVERSION = re.compile(r"(?:[,\"”’']|,\s+(?:a|an|the))\s*$")  # "..., said X", "..., a claim X denied"
_AFTER_VERB = re.compile(r"^\s+(?:the\s+)?(?:[A-Z][\w.’'-]*\s+){0,3}$")
_AGENT_AFTER_BY = re.compile(r"^\s+(?:(?:the|its|their|his|her)\s+)?(?:[A-Z][\w.-]*\s+){0,3}$")
_AGENT = re.compile(r"^\s+by\s+(?:the\s+)?$", re.IGNORECASE)
_NOMINAL_GAP = re.compile(r"^(?:['’]s?)?\s*(?:[\w-]+\s+){0,2}$")
_SUBJECT_GAP = 90


def relative_clauses(text: str, sentence: Span) -> tuple[tuple[int, int], ...]:
    """Relative clauses set off by commas ("Saudi Arabia, which has mediated talks, urged ..."):
    the main clause reads through them, and their own verb's subject is the name before them."""
    return tuple(m.span() for m in _RELATIVE.finditer(text, sentence.start, sentence.end))


def clause_bounds(text: str, sentence: Span, boundaries: re.Pattern[str]) -> tuple[tuple[int, int], ...]:
    """The clauses of a sentence as absolute ``(start, end)`` ranges, split at boundary words."""
    cuts = [sentence.start]
    for match in boundaries.finditer(text, sentence.start, sentence.end):
        cuts.append(match.start())
    cuts.append(sentence.end)
    return tuple((a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a)


def is_possessive(text: str, mention: ActorMention) -> bool:
    """True when the name is followed by 's ("Putin's remarks") and does not name an acting body."""
    after = text[mention.end : mention.end + 40]
    return bool(_POSSESSIVE.match(after)) and not _INSTITUTION.match(after)


def subject_group(
    text: str, actors: Sequence[ActorMention], start: int, position: int, participle: bool = False
) -> tuple[ActorMention, ...]:
    """The subject of a verb at ``position``: the last joinable group of names in ``[start, position)``.

    A group governed by a preposition ("between Russia and Ukraine") is not a subject.
    """
    candidates = [m for m in actors if start <= m.start and m.end <= position and not is_possessive(text, m)]
    groups: list[list[ActorMention]] = []
    for mention in candidates:
        if groups and _JOINABLE.match(text[groups[-1][-1].end : mention.start]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    for group in reversed(groups):
        if position - group[-1].end > _SUBJECT_GAP:
            return ()
        before = _NAME_HEAD.sub(
            "", _SENTENCE_END.split(text[max(0, group[0].start - 60) : group[0].start])[-1]
        )
        absolute = participle and _WITH.search(before) and not text[group[-1].end : position].strip()
        if not _PREPOSITION.search(before) or absolute:
            return tuple(group)
    return ()


def antecedent(text: str, actors: Sequence[ActorMention], position: int) -> tuple[ActorMention, ...]:
    """The names a relative clause starting at ``position`` refers to: the group right before it
    ("... in the presence of Donald Trump, who said ..."), whatever governs that group."""
    before = [m for m in actors if m.end <= position and _HEAD_NOUN.match(text[m.end : position])]
    if not before:
        return ()
    group = [before[-1]]
    for mention in reversed([m for m in actors if m.end <= group[0].start]):
        if not _JOINABLE.match(text[mention.end : group[0].start]):
            break
        group.insert(0, mention)
    return tuple(group)


def passive_agents(
    text: str, actors: Sequence[ActorMention], trigger: Span, limit: int
) -> tuple[ActorMention, ...]:
    """The agent of a passive trigger ("talks mediated by the United States", "a deal brokered by Qatar").

    Only a trigger that ends in a participle (or in "by" itself) is passive: in "accepted
    a proposal by Washington" the "by" phrase belongs to the object, not to the verb.
    """
    last = trigger.text.rsplit(" ", 1)[-1].lower()
    if last == "by":
        pattern = _AGENT_AFTER_BY
    elif last.endswith(("ed", "en")):
        pattern = _AGENT
    else:
        return ()
    end = trigger.end
    agents = [m for m in actors if end <= m.start < limit and pattern.match(text[end : m.start])]
    for mention in actors:  # "mediated by Qatar, Egypt and Turkey"
        if (
            agents
            and agents[-1].end <= mention.start < limit
            and _JOINABLE.match(text[agents[-1].end : mention.start])
        ):
            agents.append(mention)
    return tuple(agents)


def inverted_speaker(
    text: str, actors: Sequence[ActorMention], trigger: Span, limit: int
) -> tuple[ActorMention, ...]:
    """The speaker named after a reporting verb: "..., said Qatar's foreign ministry on Saturday".

    Only after a comma or a quotation ("..., said X", "”, said X"): in "but said the RSF
    must withdraw" the name after the verb begins what was said.
    """
    if not _BEFORE_INVERSION.search(text[max(0, trigger.start - 8) : trigger.start]):
        return ()
    for mention in actors:
        if trigger.end <= mention.start < limit and _AFTER_VERB.match(text[trigger.end : mention.start]):
            return (mention,)
    return ()


def adjacent_actor(text: str, actors: Sequence[ActorMention], trigger: Span) -> tuple[ActorMention, ...]:
    """A name or possessive right before a trigger ("Russia's readiness", "US proposal"); not a
    place ("announced in Beijing after four days of talks")."""
    before = [
        m
        for m in actors
        if m.end <= trigger.start
        and _NOMINAL_GAP.match(text[m.end : trigger.start])
        and not (m.kind != "person" and _LOCATIVE.search(text[max(0, m.start - 30) : m.start]))
    ]
    return (before[-1],) if before else ()


def nominal_actors(
    text: str, actors: Sequence[ActorMention], trigger: Span, limit: int
) -> tuple[ActorMention, ...]:
    """The actor of a noun trigger: a name or possessive just before it, else "by X" after it."""
    before = adjacent_actor(text, actors, trigger)
    if before:
        return before
    inside = [
        m
        for m in actors
        if trigger.start <= m.start < trigger.end and (is_possessive(text, m) or _BY.search(text[: m.start]))
    ]
    if inside:
        return (inside[0],)
    return passive_agents(text, actors, trigger, limit)


def targets_between(
    text: str, actors: Sequence[ActorMention], start: int, end: int, exclude: Sequence[ActorMention]
) -> tuple[ActorMention, ...]:
    """Names in ``[start, end)`` that are not already someone's actor nor a place or topic
    ("talks in Doha", "conflict over Karabakh")."""
    taken = {(m.start, m.end) for m in exclude}
    return tuple(
        m
        for m in actors
        if start <= m.start
        and m.end <= end
        and (m.start, m.end) not in taken
        and not (m.kind != "person" and _LOCATIVE.search(text[max(0, m.start - 30) : m.start]))
        and not _WITNESS.search(text[max(0, m.start - 30) : m.start])
    )


def between_group(
    text: str, actors: Sequence[ActorMention], start: int, limit: int
) -> tuple[ActorMention, ...]:
    """The parties of "between A and B" in ``[start, limit)``: both sides act in a symmetric event."""
    for index, mention in enumerate(actors):
        if start <= mention.start < limit and _BETWEEN.search(
            text[max(0, mention.start - 20) : mention.start]
        ):
            group = [mention]
            for other in actors[index + 1 :]:
                if other.start >= limit or not _JOINABLE.match(text[group[-1].end : other.start]):
                    break
                group.append(other)
            return tuple(group)
    return ()
