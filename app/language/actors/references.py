"""Back-references inside one article: "he", "the president", "the group", "the army", "both sides".

Why: news names a party once and then refers back ("Peskov also added... He expressed
hope...", "Sudan's army said... The paramilitary group denied... called on both sides");
without this the later sentence has no actor and its event cannot be tied to the first.
The rules are deliberately simple and explainable:

- a word for a person's role resolves to the most recent named person of a matching role
  (``roles = ["*"]`` takes any person) within ``WINDOW`` characters, and carries that
  person's code;
- a word for a kind of actor ("the group", "the rebels" → armed group; "the army",
  "the junta", "the government" → state) resolves to the most recent actor of that kind
  within ``WINDOW``;
- a word for the two parties ("both sides", "the two neighbours", ``parties = 2``)
  resolves to two codes, one mention each on the same words: acting as a subject, it
  names the last pair told together before that includes a party of its own sentence
  ("Thailand will release Cambodian soldiers and both countries will withdraw"); otherwise whoever
  acts in the reference's own sentence is not one of the "both sides" it addresses; of the others,
  the last group of two parties joined by "and" in an earlier sentence ("Thailand and
  Cambodia agreed..."), else the two parties named most often in earlier sentences
  (mediators named once lose to the belligerents told about throughout), else the group
  joined by "and" earlier in the same sentence ("India and Pakistan agreed..., after the
  neighbours traded strikes").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from app.language.actors.gazetteer import Gazetteer, Reference, default_gazetteer
from app.language.types import ActorMention

__all__ = ["PARTIES_WINDOW", "WINDOW", "resolve_references"]

#: How far back (characters) a reference may look for its person: about three sentences.
WINDOW = 600
#: How far back "both sides" may look for the parties it names: a short article.
PARTIES_WINDOW = 2000
_PARTY_KINDS = frozenset({"state", "armed_group", "person"})
_JOINED = re.compile(r"^(?:\s|,|&|and\b|the\b|[A-Z][\w.’'-]*|['’]s\b)*$")
#: Words after which "both sides" is addressed by its sentence's subject, not acting itself.
_ADDRESSED = re.compile(
    r"\b(?:on|upon|urged|urging|urges|asked|told|called|calls|praised|thanked|warned|pressed|invited|"
    r"with|between|for)\s+$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?](?:[\"”’']*)\s")


def resolve_references(
    text: str, named: tuple[ActorMention, ...], gazetteer: Gazetteer | None = None
) -> tuple[ActorMention, ...]:
    """``named`` plus one mention per resolvable back-reference word (two for "both sides"), in text order."""
    gazetteer = gazetteer or default_gazetteer()
    people = [m for m in named if m.person is not None]
    taken = [(m.start, m.end) for m in named]
    found: list[ActorMention] = []
    possible = gazetteer.reference_index.rows(text)  # rows whose required words the text holds
    for row in possible:
        reference, pattern = gazetteer.references[row], gazetteer.reference_patterns[row]
        for match in pattern.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append((match.start(), match.end()))  # one reference per span
            for antecedent in _antecedents(text, reference, named, people, match.start(), gazetteer):
                found.append(
                    ActorMention(
                        match.start(),
                        match.end(),
                        match.group(),
                        antecedent.code,
                        "reference",
                        antecedent.name,
                        antecedent.person,
                    )
                )
    return tuple(sorted((*named, *found), key=lambda m: m.start))


def _antecedents(
    text: str,
    reference: Reference,
    named: Sequence[ActorMention],
    people: list[ActorMention],
    position: int,
    gazetteer: Gazetteer,
) -> tuple[ActorMention, ...]:
    if reference.parties:
        return _parties(text, named, position)
    if reference.kinds:
        kinds = [m for m in named if m.kind in reference.kinds]
        found = _antecedent(kinds, position, ("*",), gazetteer)
    else:
        found = _antecedent(people, position, reference.roles, gazetteer)
    return () if found is None else (found,)


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


def _sentence_start(text: str, position: int) -> int:
    ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, position)]
    return ends[-1] if ends else 0


def _parties(text: str, named: Sequence[ActorMention], position: int) -> tuple[ActorMention, ...]:
    """The two parties "both sides" names (see the module docstring for the order of preference)."""
    sentence = _sentence_start(text, position)
    before = [
        m
        for m in named
        if m.end <= position and position - m.end <= PARTIES_WINDOW and m.kind in _PARTY_KINDS
    ]
    own = {m.code for m in before if m.start >= sentence}  # "Trump called both leaders": not Trump
    if not _ADDRESSED.search(text[max(sentence, position - 30) : position]):
        # "Thailand will release Cambodian soldiers and both countries will withdraw": as a
        # subject, "both countries" include a party its own sentence names, told together before
        told = [
            g
            for g in _joined_groups(text, [m for m in before if m.end <= sentence])
            if {m.code for m in g} & own
        ]
        if told:
            return told[-1]
    earlier = [m for m in before if m.end <= sentence and m.code not in own]
    groups = _joined_groups(text, earlier)
    if groups:
        return groups[-1]
    counts = Counter(m.code for m in earlier)
    if len(counts) >= 2:
        joined = {m.code for group in _joined_groups(text, earlier) for m in group}
        first: dict[str, ActorMention] = {}
        for mention in earlier:
            first.setdefault(mention.code, mention)
        ranked = sorted(counts, key=lambda code: (-counts[code] - 0.5 * (code in joined), first[code].start))
        return tuple(first[code] for code in sorted(ranked[:2], key=lambda code: first[code].start))
    same = _joined_groups(text, [m for m in before if m.start >= sentence])
    return same[-1] if same else ()


def _joined_groups(text: str, mentions: Sequence[ActorMention]) -> list[tuple[ActorMention, ...]]:
    """Runs of names joined by "and" ("Armenian Prime Minister Nikol Pashinyan and Azerbaijani
    President Ilham Aliyev") naming exactly two parties, one mention per party."""
    groups: list[tuple[ActorMention, ...]] = []
    run: list[ActorMention] = []
    for mention in [*mentions, None]:
        if mention is not None and run and _JOINED.match(text[run[-1].end : mention.start]):
            run.append(mention)
            continue
        if run:
            joined = text[run[0].start : run[-1].end]
            parties: dict[str, ActorMention] = {}
            for member in run:
                parties.setdefault(member.code, member)
            if len(parties) == 2 and re.search(r"\band\b|&", joined):
                groups.append(tuple(parties.values()))
        run = [mention] if mention is not None else []
    return groups
