"""The parties of an agreement the text refers back to: "Under the agreement, reached in Egypt".

Why: news names the parties of a deal once ("Israel's cabinet approved ... a ceasefire deal with
Hamas") and then speaks of "the agreement" or "the deal" without them; an agreement event with
no party of its own is the same agreement's, so its parties are the earlier one's (its actors
and its targets, who are the other side of a deal).  Only a definite reference ("the", "that",
"this" before the noun) and only an earlier agreement of the same CAMEO root.  So are the
parties of a party-less act told in a sentence about that agreement ("The agreement followed a
week of deadly border clashes": the clashes were between the deal's parties), and those of
"the talks" told after a deal or talks ("The talks will resume in Caracas next month").

Pure: the text and the dated groups in text order in, the same groups out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.language.events.mention import Mention, Timed
from app.language.types import ActorMention, Span

__all__ = ["inherit_parties"]

_AGREEMENT_NOUNS = r"(?:agreement|deal|accord|truce|ceasefire|cease-fire)\b"
_DETERMINED = r"(?:the|that|this)\s+(?:[\w-]+\s+)?"
_AGREEMENT = re.compile(_AGREEMENT_NOUNS, re.IGNORECASE)
_DEFINITE = re.compile(rf"\b{_DETERMINED}$", re.IGNORECASE)
#: A sentence about the agreement named before: "The agreement followed ...", "This truce came ...".
_ABOUT_IT = re.compile(rf"^\W*{_DETERMINED}{_AGREEMENT_NOUNS}", re.IGNORECASE)
#: Roots whose events are agreements (05 diplomatic cooperation, 03 intent, 04 consult, 08 yield).
_AGREEING_ROOTS = frozenset({"03", "04", "05", "08"})
#: Roots of agreements made (05 signed, 08 a ceasefire agreed): what "The agreement ..." names.
_AGREEMENT_ROOTS = frozenset({"05", "08"})
#: "The talks will resume": talks between the parties of the deal or talks told before.
_TALKS = re.compile(r"(?:talks|negotiations|dialogue)\b", re.IGNORECASE)
_TALKS_SOURCES = frozenset({"04", "05", "08"})


def _parties(source: Mention) -> tuple[ActorMention, ...]:
    """The parties of an agreement: who made it and who it was made with."""
    codes = {a.code for a in source.actors}
    return source.actors + tuple(a for a in source.targets if a.code not in codes)


def _earlier_agreement(groups: Sequence[Timed], head: Mention, roots: frozenset[str]) -> Mention | None:
    """The latest agreement with parties told in a sentence before ``head``'s, of one of ``roots``."""
    for timed in reversed(groups):
        m = timed.mentions[0]
        if m.cameo[:2] in roots and m.actors and m.sentence < head.sentence:
            return m
    return None


def inherit_parties(text: str, sentences: Sequence[Span], groups: Sequence[Timed]) -> tuple[Timed, ...]:
    """``groups`` (in text order) with a party-less "the agreement" (or an act told in a sentence
    about it) given the parties of the agreement named before."""
    out = list(groups)
    for i, timed in enumerate(groups):
        head = timed.mentions[0]
        if head.actors:
            continue
        root = head.cameo[:2]
        before = text[max(0, head.trigger.start - 24) : head.trigger.start]
        sentence = sentences[head.sentence]
        if root in _AGREEING_ROOTS and _AGREEMENT.match(head.trigger.text) and _DEFINITE.search(before):
            source = _earlier_agreement(out[:i], head, frozenset({root}))  # "Under the agreement, reached"
        elif root == "04" and _TALKS.match(head.trigger.text) and _DEFINITE.search(before):
            source = _earlier_agreement(out[:i], head, _TALKS_SOURCES)  # "The talks will resume"
        elif root not in _AGREEING_ROOTS and _ABOUT_IT.match(text[sentence.start : sentence.end]):
            source = _earlier_agreement(out[:i], head, _AGREEMENT_ROOTS)  # "The agreement followed ..."
        else:
            continue
        if source is None:
            continue
        out[i] = Timed(
            (head._replace(actors=_parties(source)), *timed.mentions[1:]),
            timed.interval,
            timed.time_text,
            timed.resolution,
            timed.strength,
            timed.links,
        )
    return tuple(out)
