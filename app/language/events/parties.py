"""The parties of an agreement the text refers back to: "Under the agreement, reached in Egypt".

Why: news names the parties of a deal once ("Israel's cabinet approved ... a ceasefire deal with
Hamas") and then speaks of "the agreement" or "the deal" without them; an agreement event with
no party of its own is the same agreement's, so its parties are the earlier one's (its actors
and its targets, who are the other side of a deal).  Only a definite reference ("the", "that",
"this" before the noun) and only an earlier agreement of the same CAMEO root.

Pure: the text and the dated groups in text order in, the same groups out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.language.events.mention import Timed

__all__ = ["inherit_parties"]

_AGREEMENT = re.compile(r"(?:agreement|deal|accord|truce|ceasefire|cease-fire)\b", re.IGNORECASE)
_DEFINITE = re.compile(r"\b(?:the|that|this)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
#: Roots whose events are agreements (05 diplomatic cooperation, 03 intent, 04 consult, 08 yield).
_AGREEING_ROOTS = frozenset({"03", "04", "05", "08"})


def inherit_parties(text: str, groups: Sequence[Timed]) -> tuple[Timed, ...]:
    """``groups`` (in text order) with a party-less "the agreement" given its earlier parties."""
    out = list(groups)
    for i, timed in enumerate(groups):
        head = timed.mentions[0]
        root = head.cameo[:2]
        if head.actors or root not in _AGREEING_ROOTS or not _AGREEMENT.match(head.trigger.text):
            continue
        if not _DEFINITE.search(text[max(0, head.trigger.start - 24) : head.trigger.start]):
            continue
        earlier = (
            g.mentions[0]
            for g in reversed(out[:i])
            if g.mentions[0].cameo[:2] == root
            and g.mentions[0].actors
            and g.mentions[0].sentence < head.sentence
        )
        source = next(earlier, None)
        if source is None:
            continue
        parties = source.actors + tuple(
            a for a in source.targets if a.code not in {b.code for b in source.actors}
        )
        out[i] = Timed(
            (head._replace(actors=parties), *timed.mentions[1:]),
            timed.interval,
            timed.time_text,
            timed.resolution,
            timed.strength,
            timed.links,
        )
    return tuple(out)
