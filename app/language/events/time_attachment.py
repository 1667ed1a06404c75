"""Which trigger of a sentence each time expression dates.

Why its own rules: a sentence often holds several acts and several time words, and the
wrong pairing moves an event by days or years.  Rules, in order:

- time words inside quotes (the speaker's time), durations, sets and dates that *name* an
  event ("Monday's announcement", "the 2018 peace agreement") date nothing here;
- a conjunction ("a day after Y rejected...", "soon after a dispute erupted on
  Thursday") relates the act before it (M) and the act it introduces (S): M = S + offset
  (sentence-initial, "Two days after S, M", M is the act after the comma).
  If S is dated by its own words, M is dated from S (``Mention.anchor_to``); otherwise S
  is dated from the event the sentence refers back to, the other way round;
- an expression inside a relative clause (", which carried out strikes on Wednesday,") or
  a "since" clause ("the worst since the Taliban returned to power in 2021") dates only an
  act of that clause;
- a sentence-initial expression ("On May 11, ...") dates every act of the sentence that
  has none of its own;
- any other expression dates the nearest trigger of its clause (an expression that closes
  a main act before ", <participle>" dates the act, not the participle), except that a date deep
  inside what was said ("ready to meet in Istanbul on May 15") dates no said-act; of two
  expressions for one trigger a date wins over a bare clock time ("at 8:30 a.m. Sunday").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from app.language.events.clauses import relative_clauses
from app.language.events.mention import Mention
from app.language.events.reporting import VERBAL_ROOTS
from app.language.types import Span, TemporalMention

__all__ = ["attach_times"]

#: How many common words may stand between a said-verb and its own time words
#: ("said on Friday", "announced late Monday"); the speaker's name and office do not count
#: ("said Qatar's foreign ministry on Saturday").
AFTER_VERB = 1
#: How many words an act's object may have before a day that still dates the act.
OBJECT_WORDS = 4
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_NAMING_TIME = re.compile(
    r"^\s+(?:peace\s+|ceasefire\s+)?(?:agreement|deal|accord|accords|ceasefire|truce|talks|"
    r"elections?|treaty|summit|war|protocol|declaration)\b",
    re.IGNORECASE,
)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|a|an|its|their)\s+$", re.IGNORECASE)
_SINCE_CLAUSE = re.compile(r"\bsince\b[^,;]*$", re.IGNORECASE)
_THEN_TAIL = re.compile(r"^\s*,\s+(?:[\w’'-]+\s+){0,4}$")
_THEN_SUBORDINATE = re.compile(
    r"^\s*,?\s+(?:after|following|before|since)\s+(?:[\w’'-]+\s+){0,3}$", re.IGNORECASE
)
_THEN_AND = re.compile(r"^\s*,?\s+and\s+(?:then\s+|also\s+)?$")
_THEN_PARTICIPLE = re.compile(r"^\s*,\s+(?:\w+ly\s+)?$")
_DAY_GRAINS = ("day", "hour", "minute")
_SPEAKER_WORDS = re.compile(
    r"[’']s\b|\b(?:foreign|defence|defense|ministry|minister|office|spokes(?:man|woman|person)|army|government|"
    r"president|prime|chief|leader|presidency|agency|media)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w’']+")
_INITIAL = re.compile(r"^\W*(?:\w+\W+){0,1}$")
_POSSESSIVE_TIME = re.compile(r"^['’]s?\b")
_CONJUNCTION = re.compile(r"^\s+[\w“\"‘]")
_DATED_TYPES = ("DATE", "TIME")
_CONJUNCTION_UNITS = ("day", "week", "month")
_TOO_COARSE = ("decade", "century")
_SIGNAL = re.compile(r"^\s+(after|before|later|earlier)\b", re.IGNORECASE)
#: "extend the truce until the end of Ramadan": the time a state lasts to, not when anything
#: was done (a deadline with "by" still bounds its act and is kept).
_UNTIL = re.compile(
    r"\b(?:until|till|through|up\s+to)\s+(?:the\s+(?:end|start|beginning|middle)\s+of\s+)?$", re.IGNORECASE
)


def _distance(trigger: Span, timex: TemporalMention) -> int:
    if timex.end <= trigger.start:
        return trigger.start - timex.end
    if trigger.end <= timex.start:
        return timex.start - trigger.end
    return 0


def _preference(trigger: Span, timex: TemporalMention) -> tuple[bool, bool, int]:
    """Which of two expressions dates a trigger: a date before a bare clock time or a "current"
    that only says "now", then the nearer."""
    bare_clock = timex.type == "TIME" and not _DAY_VALUE.match(timex.value)  # not "Wednesday night"
    return (bare_clock, timex.value == "PRESENT_REF", _distance(trigger, timex))


def _eligible(text: str, mention: Mention, timex: TemporalMention) -> bool:
    """A said-act is dated by words before it or right after its verb, not inside what was said.

    "Right after" allows the speaker's name: "said Qatar's foreign ministry on Saturday".
    """
    if mention.cameo[:2] not in VERBAL_ROOTS or timex.start < mention.trigger.end:
        return True
    gap = text[mention.trigger.end : timex.start]
    for actor in mention.actors:  # the speaker of an inverted report stands here
        if mention.trigger.end <= actor.start < timex.start:
            gap = gap.replace(actor.text, " ")
    words = _WORD.findall(_SPEAKER_WORDS.sub(" ", gap))
    common = [w for w in words if not w[0].isupper() and w not in ("’s", "'s", "s")]
    if len(common) <= AFTER_VERB:
        return True
    # "criticised the plan on Saturday": a day after a short object dates the act; a month
    # ("slammed its actions in September") or anything after "to"/"that" belongs to the content
    short_object = len(common) <= OBJECT_WORDS and not {"to", "that"} & set(common)
    return short_object and timex.interval is not None and timex.interval.granularity in _DAY_GRAINS


def _signalled(text: str, timex: TemporalMention) -> TemporalMention:
    """A duration followed by "after"/"before" ("a day after Y rejected", "a few days after the
    vote") as an event offset.

    TimeBank marks only "a day" as the TIMEX3 and leaves the signal word outside it; the
    engine gives the offset the signal expresses (its direction, and for a vague amount the
    range of the vagueness table), the event layer needs the span over the signal word and
    a DATE to attach.  The offset is taken as given, not read back from the value: "PXD"
    says nothing about how many days.
    """
    if timex.type != "DURATION" or timex.offset is None:
        return timex
    signal = _SIGNAL.match(text[timex.end : timex.end + 12])
    if signal is None:
        return timex
    return replace(
        timex,
        end=timex.end + signal.end(),
        text=text[timex.start : timex.end + signal.end()],
        type="DATE",
        anchor="event",
    )


def _usable(text: str, sentence: Span, timex: TemporalMention) -> bool:
    if not (sentence.start <= timex.start < sentence.end) or timex.in_quote:
        return False
    if timex.type not in _DATED_TYPES or (timex.interval is None and timex.offset is None):
        return False
    if timex.offset is not None and (
        timex.offset.unit in _TOO_COARSE or timex.offset.unit == "year" and timex.offset.low >= 5
    ):
        return False  # "in more than a decade after..." measures a record, not an event's time
    if _UNTIL.search(text[max(0, timex.start - 40) : timex.start]):
        return False
    attributive = _DETERMINER_BEFORE.search(text[max(0, timex.start - 6) : timex.start])
    if attributive and _NAMING_TIME.match(text[timex.end : timex.end + 40]):
        return False  # "the 2018 peace agreement" names an event, it dates nothing here
    return not _POSSESSIVE_TIME.match(text[timex.end : timex.end + 3])


def _conjunction(text: str, timex: TemporalMention) -> bool:
    offset = timex.offset
    return (
        offset is not None
        and offset.unit in _CONJUNCTION_UNITS
        and bool(_CONJUNCTION.match(text[timex.end : timex.end + 3]))
    )


def _nearest(
    text: str,
    mentions: Sequence[Mention],
    clauses: Sequence[tuple[int, int]],
    sentence: Span,
    timex: TemporalMention,
) -> int | None:
    clause = next(((a, b) for a, b in clauses if a <= timex.start < b), (sentence.start, sentence.end))
    allowed = [_eligible(text, m, timex) for m in mentions]
    eligible = [i for i, ok in enumerate(allowed) if ok]
    before = [i for i, m in enumerate(mentions) if m.trigger.end <= timex.start]
    if before and not allowed[before[-1]]:
        eligible = [i for i in eligible if mentions[i].cameo[:2] not in VERBAL_ROOTS]
    if not eligible:
        return None
    near = [
        i for i in eligible if mentions[i].trigger.start < clause[1] and mentions[i].trigger.end > clause[0]
    ]
    following = [i for i in near or eligible if mentions[i].trigger.start >= timex.end]
    preceding = [i for i in near or eligible if mentions[i].trigger.end <= timex.start]
    if following and preceding:
        after = mentions[following[0]]
        gap = text[timex.end : after.trigger.start]
        participle = _THEN_PARTICIPLE.match(gap) and after.trigger.text.split(" ")[0].lower().endswith("ing")
        subordinate = _THEN_SUBORDINATE.match(gap)  # "agreed on Monday, after five days of fighting"
        tail = after.kind == "speech" and _THEN_TAIL.match(gap)  # "arrested him on Wednesday, his party said"
        if participle or subordinate or tail or (_THEN_AND.match(gap) and after.kind != "nominal"):
            # "suspended talks on Friday, accusing ...", "suspended the treaty on Wednesday and
            # expelled ...": the time closes the act before it (the next one continues its day)
            return preceding[-1]
    return min(near or eligible, key=lambda i: _distance(mentions[i].trigger, timex))


def attach_times(
    text: str,
    sentence: Span,
    clauses: Sequence[tuple[int, int]],
    mentions: list[Mention],
    timexes: Sequence[TemporalMention],
) -> list[Mention]:
    """``mentions`` with the time expression (and explicit anchor) each one takes."""
    if not mentions or not timexes and all(m.timex is None and m.anchor_to is None for m in mentions):
        return mentions  # no time words: nothing to attach, nothing to take away
    owners: dict[int, TemporalMention] = {}
    anchors: dict[int, int] = {}
    initial: TemporalMention | None = None
    links: list[tuple[TemporalMention, int | None, int]] = []
    acts = [i for i, m in enumerate(mentions) if m.kind != "nominal"]
    relatives = relative_clauses(text, sentence)
    here = (t for t in timexes if sentence.start <= t.start < sentence.end)  # _signalled keeps the start
    signalled = (_signalled(text, t) for t in here)
    for timex in (t for t in signalled if _usable(text, sentence, t)):
        following = [i for i, m in enumerate(mentions) if m.trigger.start >= timex.end]
        if _conjunction(text, timex) and following:
            preceding = [i for i, m in enumerate(mentions) if m.trigger.end <= timex.start]
            links.append((timex, preceding[-1] if preceding else None, following[0]))
            continue
        since = _SINCE_CLAUSE.search(text[sentence.start : timex.start])
        # "the worst since the Taliban returned to power in 2021": a clause of its own, like a relative
        relatives_here = [(sentence.start + since.start(), sentence.end)] if since is not None else relatives
        relative = next(((a, b) for a, b in relatives_here if a <= timex.start < b), None)
        if relative is not None:  # "Israel, which carried out strikes on Wednesday, said ..."
            inside = [i for i, m in enumerate(mentions) if relative[0] <= m.trigger.start < relative[1]]
            owner: int | None = min(inside, key=lambda i: _distance(mentions[i].trigger, timex), default=None)
        elif _INITIAL.match(text[sentence.start : timex.start]) and acts:
            owner = acts[0]
            initial = timex
        else:
            owner = _nearest(text, mentions, clauses, sentence, timex)
        if owner is None:
            continue
        trigger = mentions[owner].trigger
        if owner not in owners or _preference(trigger, timex) < _preference(trigger, owners[owner]):
            owners[owner] = timex
    for timex, main, introduced in links:
        offset = timex.offset
        assert offset is not None
        if main is None and _INITIAL.match(text[sentence.start : timex.start]):
            # "Two days after the talks collapsed, the army resumed strikes"
            start = mentions[introduced].trigger.end
            if "," in text[timex.end : mentions[introduced].trigger.start]:
                # "Hours after the talks, a drone struck ...": the event named after the signal
                # is no act of this sentence, and which earlier event "the talks" names is not
                # known here (the latest one told is often another); the offset dates nothing
                continue
            main = next(
                (
                    j
                    for j in range(introduced + 1, len(mentions))
                    if "," in text[start : mentions[j].trigger.start]
                ),
                None,
            )
            if main is not None and main not in owners:
                owners[main] = timex
                anchors[main] = mentions[introduced].trigger.start
                continue
        if introduced in owners and main is not None and main not in owners:
            owners[main] = timex
            anchors[main] = mentions[introduced].trigger.start
        else:
            reverse = replace(timex, offset=replace(offset, direction=-offset.direction))
            owners.setdefault(introduced, reverse)
            for j in range(introduced + 1, len(mentions)):  # "... rejected the plan and criticized ..."
                if mentions[j].actors and mentions[j].actors == mentions[introduced].actors:
                    owners.setdefault(j, reverse)
    if initial is not None:
        for i in acts:  # the main act's time does not date what it plans ("a deal that would release")
            if mentions[i].tense != "future":
                owners.setdefault(i, initial)
    return [
        m  # a copy only for a mention whose time changes: most take none
        if owners.get(i) is m.timex and anchors.get(i) == m.anchor_to
        else m._replace(timex=owners.get(i), anchor_to=anchors.get(i))
        for i, m in enumerate(mentions)
    ]
