"""Reporting verbs and participles: when two trigger matches of one sentence are one event.

Why: news reports acts through speech ("Peskov added that Russia remains open to
talks", "the US announced that ... it might abandon these efforts") and strings
participles onto a main verb ("Putin declared a truce, saying he has ordered...").
Counting every verb would double events; counting only the reporting verb would lose
what was said.  Two rules, both within one sentence:

- a *reporting verb* absorbs the content it introduces when the content is the
  speaker's own act: its subject is the speaker (or their state), a pronoun, or absent
  ("the RSF announced that they would enter into a truce" is the truce declaration);
  content with a subject of its own ("Qatar says the ceasefire between Israel and Hamas
  will take effect") is an event of its own, as is content with its own time words;
- an *infinitive* right after an act is its content and keeps the act's code
  ("threatened to withdraw from the talks" is a threat, "pledged to urge" a pledge);
- a *reporting tail* (", the Kremlin said") reports the act before it when it is the
  same party's, and keeps the act's code;
- a *passive participle* right after an event noun describes it and keeps its code
  ("talks hosted by Malaysia", "talks mediated by the United States");
- a *participle* after a comma (", saying...", ", warning...") or sharing the act's
  subject ("Trump called both leaders at the weekend urging them to settle") belongs to
  the act before it.

A bare statement whose content is another party's use of force ("the army said the militia
shelled the city") is an accusation (112) of that party; the content stays its own event.

The folded mention keeps the host's trigger, time and modality and takes the most
informative code (a bare statement, root 01, gives way to what was stated).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.language.events.mention import Mention

__all__ = ["HOSTILE_ROOTS", "VERBAL_ROOTS", "combine_reports"]

#: Roots of the uses of force a statement about another party accuses it of.
HOSTILE_ROOTS = frozenset({"17", "18", "19", "20"})
#: CAMEO roots whose events are themselves things said.
VERBAL_ROOTS = frozenset({"01", "02", "03", "10", "11", "12", "13"})
_MODIFIER_REACH = 4
_DETERMINERS = frozenset({"the", "this", "that", "these", "those", "its", "their", "his", "her"})
_TIME_WORDS = frozenset({"on", "in", "at", "during"})
_PRONOUNS = frozenset({"it", "they", "we", "he", "she", "i"})
#: Nothing but the end of the sentence after a reporting verb ("..., officials said.").
_SENTENCE_TAIL = re.compile(r"^\s*[.!?\"”’]")
_TAIL = re.compile(r"^(?:[^,]|,(?=\d))*,\s+(?:the\s+)?$|^(?:[^,]|,(?=\d))*,\s+(?:\w+\s+){0,2}$")
#: Roots whose act names an addressee before what is asked of it ("urged Kyiv to ...").
_ADDRESSED = frozenset({"02", "10"})
_ADDRESSEE_INFINITIVE = re.compile(r"^\s+(?:[\w’'-]+\s+){1,5}to\s+$")
_COORDINATE = re.compile(r"\s(?:and|but)\s+(?:also\s+|then\s+)?$")
_ACCUSED_OF = re.compile(r"^[^,;.]*\bof\s+$")
_MODAL_BEFORE = re.compile(r"\b(?:would|will|could|might|may)\s+(?:(?:not|also|then|soon|never)\s+)*$")
_INFINITIVE = re.compile(r"^\s+to\s+$")
_PARTICIPLE = re.compile(r",\s+(?:\w+ly\s+)?$")
#: A gerund after a preposition of time is an act of its own, before or after the main one
#: ("took the airport on Tuesday after seizing most of the city a day earlier"); a saying
#: there ("struck after accusing the militia of ...") gives the main act's reason and stays in it.
_TIMED_GERUND = re.compile(r"\b(?:after|before|since|upon|following)\s+$", re.IGNORECASE)


def combine_reports(
    text: str, mentions: Sequence[Mention], light: frozenset[str], ing_nouns: frozenset[str] = frozenset()
) -> list[Mention]:
    """Fold reporting verbs with their content and participles with their main act, in one sentence.

    ``light`` are the words that may stand between a reporting verb and its content
    without giving the content a subject of its own ("said *it would*", "announced *that*").
    """
    out: list[Mention] = []
    for mention in mentions:
        host = out[-1] if out and out[-1].sentence == mention.sentence else None
        if (
            host is not None
            and _complement(text, host, mention)
            or host is not None
            and _reporting_tail(text, host, mention)
        ):
            out[-1] = _fold(host, mention, keep_code=True)
        elif host is not None and _modifier(text, host, mention):
            out[-1] = _modified(host, mention)
        elif host is not None and (
            _introduces(text, host, mention, light) or _participle(text, host, mention, ing_nouns)
        ):
            out[-1] = _fold(host, mention)
        elif host is not None and _announced(text, host, mention, light):
            out[-1] = _announced_act(host, mention)
        else:
            out.append(mention)
    return [_accusation(text, m, out[i + 1]) if i + 1 < len(out) else m for i, m in enumerate(out)]


def _accusation(text: str, host: Mention, content: Mention) -> Mention:
    """A bare statement that another party used force ("the army said the militia shelled the
    city") accuses that party (112); what was said stays an event of its own."""
    hostile = content.cameo[:2] in HOSTILE_ROOTS or content.cameo == "196"
    if (
        host.kind != "speech"
        or host.cameo != "010"
        or content.sentence != host.sentence
        or content.kind == "nominal"
        or not hostile
        or not host.codes
        or not content.codes
        or set(content.codes) & set(host.codes)
        or ";" in text[host.trigger.end : content.trigger.start]
    ):
        return host
    return host._replace(cameo="112", label="{actor} accuses {target}", targets=host.targets + content.actors)


def _same_party(host: Mention, other: Mention) -> bool:
    return not other.codes or set(other.codes) <= set(host.codes)


def _introduces(text: str, host: Mention, content: Mention, light: frozenset[str]) -> bool:
    if host.kind != "speech" or content.kind == "nominal" or not _same_party(host, content):
        return False
    if not host.cameo.startswith("01") and _COORDINATE.search(text[host.trigger.end : content.trigger.start]):
        # "said X had failed ... and called on the AU": a second act of a speaker whose words
        # already made an event; a bare "announced ... and demanded" is that demand
        return False
    if content.timex is not None and host.timex is not None and content.timex != host.timex:
        return False
    if content.codes:
        return True
    gap = text[host.trigger.end : content.trigger.start]
    if host.timex is not None and host.trigger.end <= host.timex.start < content.trigger.start:
        # "announced late Monday that they would...", "said on Wednesday they had seized..."
        gap = re.sub(r"(?:\b(?:on|in|at|during)\s+)?" + re.escape(host.timex.text), " ", gap)
    between = re.findall(r"[\w’']+", gap.lower())
    if content.cameo[:2] in VERBAL_ROOTS and not content.actors:
        # "said the proposal fell far short": a judgement of a thing, told by the speaker
        between = [word for word in between if word not in _DETERMINERS]
    if not all(word in light or word.endswith("ly") for word in between):
        return False
    planned = content.tense == "future" or content.modality == "planned"
    if planned and content.cameo[:2] not in VERBAL_ROOTS:
        # "announced that they would enter into a truce" is the speaker's own commitment;
        # "said talks would begin in Jeddah" announces an event of its own
        return bool(_PRONOUNS & set(between))
    return True


def _announced(text: str, host: Mention, content: Mention, light: frozenset[str]) -> bool:
    """'Hamas said on Wednesday it would release six hostages on Saturday': the speaker's own
    act with its own time words (the saying only announces it)."""
    if host.kind != "speech" or content.kind == "nominal" or content.codes or not host.codes:
        return False
    if content.timex is None or content.timex == host.timex or not host.cameo.startswith("01"):
        return False
    gap = text[host.trigger.end : content.trigger.start]
    if host.timex is not None:
        gap = gap.replace(host.timex.text, " ")
    between = re.findall(r"[\w’']+", gap.lower())
    return bool(_PRONOUNS & set(between)) and all(w in light or w in _TIME_WORDS for w in between)


def _announced_act(host: Mention, content: Mention) -> Mention:
    """The announced act, done by the speaker, dated by its own words."""
    return content._replace(
        rule_ids=host.rule_ids + content.rule_ids,
        actors=host.actors,
        targets=host.targets + content.targets,
    )


def _participle(text: str, host: Mention, other: Mention, ing_nouns: frozenset[str]) -> bool:
    first = other.trigger.text.split(" ")[0].lower()
    if other.kind == "nominal" or not first.endswith("ing") or first in ing_nouns:
        return False
    before = text[max(host.trigger.end, other.trigger.start - 20) : other.trigger.start]
    if other.cameo[:2] not in VERBAL_ROOTS and _TIMED_GERUND.search(before):
        return False  # an act of its own; a saying after "after" ("after accusing X of ...") gives a reason
    shared_subject = bool(other.actors) and other.actors == host.actors  # "called them ... urging them"
    return (bool(_PARTICIPLE.search(before)) or shared_subject) and _same_party(host, other)


def _complement(text: str, host: Mention, other: Mention) -> bool:
    """What was threatened, pledged, asked for or warned of is part of that act, not an act of its own.

    An infinitive right after a verbal act ("threatened to withdraw"), an infinitive after
    the addressee of an appeal or demand ("called on both sides to allow aid"), what an
    accusation accuses of ("accused the army of shelling the city"), and the verb after a
    warning's modal ("warned that the army would resume its offensive").
    """
    if host.kind == "nominal" or other.kind == "nominal":
        return False
    gap = text[host.trigger.end : other.trigger.start]
    if _INFINITIVE.match(gap):
        return True
    if host.cameo[:2] in _ADDRESSED and _ADDRESSEE_INFINITIVE.match(gap):
        return True
    if host.cameo[:2] == "11" and _ACCUSED_OF.match(gap):
        return True  # "accused Armenian forces on Tuesday of firing on its positions"
    warned = any(rule.startswith(("threaten.", "statement.warn")) for rule in host.rule_ids)
    return warned and bool(_MODAL_BEFORE.search(text[max(0, other.trigger.start - 40) : other.trigger.start]))


def _reporting_tail(text: str, host: Mention, other: Mention) -> bool:
    """A report of the act just told: by the same party ("Putin agreed ..., the Kremlin said"),
    or the source of an act of force that ends the sentence ("missiles struck the port of
    Odesa, Ukrainian officials said."): who told it, not a second event."""
    if other.kind != "speech" or not other.actors or not host.codes:
        return False
    subject_start = min(a.start for a in other.actors)
    tail = _TAIL.match(text[host.trigger.end : subject_start]) if subject_start > host.trigger.end else None
    if tail is None:
        return False
    if set(other.codes) <= set(host.codes):
        return True
    source = host.cameo[:2] in HOSTILE_ROOTS and bool(_SENTENCE_TAIL.match(text[other.trigger.end :]))
    return source


def _modifier(text: str, host: Mention, other: Mention) -> bool:
    """A passive participle right after an event noun describes it ("talks hosted by Malaysia")."""
    near = len(text[host.trigger.end : other.trigger.start].split()) <= _MODIFIER_REACH
    return near and other.trigger.text.lower().endswith(" by") and host.cameo[:2] == other.cameo[:2]


def _modified(host: Mention, modifier: Mention) -> Mention:
    """The event noun keeps its code; the modifier's agent acts if the noun had no actor, else is a party."""
    if not host.actors:
        return host._replace(rule_ids=host.rule_ids + modifier.rule_ids, actors=modifier.actors)
    return host._replace(rule_ids=host.rule_ids + modifier.rule_ids, targets=host.targets + modifier.actors)


def _fold(host: Mention, other: Mention, keep_code: bool = False) -> Mention:
    informative = host.cameo.startswith("01") and not other.cameo.startswith("01") and not keep_code
    if informative and other.acted_on:  # "the army saying it intercepted drones": an attack on the army
        return other._replace(
            rule_ids=host.rule_ids + other.rule_ids,
            trigger=host.trigger,
            targets=host.actors + other.targets,
            timex=host.timex or other.timex,
        )
    return host._replace(
        rule_ids=host.rule_ids + other.rule_ids,
        kind="act" if other.kind == "act" or host.kind == "act" else host.kind,
        cameo=other.cameo if informative else host.cameo,
        label=other.label if informative else host.label,
        targets=host.targets + other.targets,
        timex=host.timex or other.timex,
    )
