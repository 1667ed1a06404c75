"""Back-references inside one article: "he", "she", "the president", "the spokesman", "the group".

Why: news names a person once and then refers back ("Peskov also added... He expressed
hope..."); without this the second sentence has no actor and its event cannot be tied
to the first.  The rule is deliberately simple and explainable: a reference word
resolves to the most recent named person of a matching role (``roles = ["*"]`` takes
any person) within a window of preceding text, and carries that person's code; a
word for a kind of actor ("the group", "the rebels") resolves to the last actor of that
kind (an armed group).
"""

from __future__ import annotations

import re

from app.language.actors.gazetteer import Gazetteer, default_gazetteer
from app.language.types import ActorMention

__all__ = ["WINDOW", "resolve_references"]

#: How far back (characters) a reference may look for its person: about three sentences.
WINDOW = 600


def resolve_references(
    text: str, named: tuple[ActorMention, ...], gazetteer: Gazetteer | None = None
) -> tuple[ActorMention, ...]:
    """``named`` plus one mention per resolvable back-reference word, in text order."""
    gazetteer = gazetteer or default_gazetteer()
    people = [m for m in named if m.person is not None]
    taken = [(m.start, m.end) for m in named]
    found: list[ActorMention] = []
    for reference in gazetteer.references:
        words = "|".join(re.escape(w) for w in sorted(reference.words, key=len, reverse=True))
        for match in re.finditer(rf"(?<![\w-])(?:{words})(?![\w-])", text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            if reference.kinds:
                kinds = [m for m in named if m.kind in reference.kinds]
                person = _antecedent(kinds, match.start(), ("*",), gazetteer)
            else:
                person = _antecedent(people, match.start(), reference.roles, gazetteer)
            if person is None:
                continue
            found.append(
                ActorMention(
                    match.start(),
                    match.end(),
                    match.group(),
                    person.code,
                    "reference",
                    person.name,
                    person.person,
                )
            )
    return tuple(sorted((*named, *found), key=lambda m: m.start))


def _antecedent(
    people: list[ActorMention], position: int, roles: tuple[str, ...], gazetteer: Gazetteer
) -> ActorMention | None:
    for mention in reversed(people):
        if mention.end > position:
            continue
        if position - mention.end > WINDOW:
            return None
        role = gazetteer.actor(mention.text).role
        if "*" in roles or role in roles:
            return mention
    return None
