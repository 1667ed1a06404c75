"""The time orientation of the clause around a mention, from the verb group nearest to it.

Why: "on Friday" means the previous Friday in "the talks collapsed on Friday"
and the next one in "talks will resume on Friday".  A full tagger is not
needed for that choice, but a bag of marker words is too coarse: in "they said
they would appeal the decision, announced Wednesday" the "would" belongs to
another clause.  So the sentence is cut into verb groups (runs of auxiliaries,
modals, past forms and words of planning, with glue such as "not" or "been"
between them, all from ``rules/tense.toml``); a group takes the orientation of
its first finite word ("is expected to" future, "were planning to" future; a
past plan, "had been set to expire", says nothing: its date may lie on either
side of the publication date); the group nearest to the mention decides:
strongly (3) when it is the mention's own verb, two words away at most ("said
Friday"), less so (2) within ``near`` words, weakly (1) further away.  A lone
reporting verb counts only when it is that close ("payable Dec. 15 to holders
of record Nov. 16, the company said" is not past).  A cue right before the
mention decides outright: a deadline ("by Oct. 31", "until mid-November", "as
early as Thursday") lies ahead unless the clause is a past perfect ("had filed
reports by Wednesday"), "since March" lies behind.  Only a sentence without any
verb group falls back on orientation words ("next", "ago").  With no evidence
at all the operators use their own defaults (weekdays look back, as news
narrates the past; month-days take the nearest).

Measured on TimeBank (bench/TEMPORAL.md), not fitted to it: the table's own
examples are the tests (tests/language/temporal/test_temporal_tense.py).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

__all__ = ["TenseExample", "TenseLexicon", "load_tense"]

_WINDOW = 160
#: A sentence end: a stop not after a one- to three-letter capitalised word ("Gen.", "Mr.") or "Sept",
#: nor after "a.m."/"p.m." with a lower-case word next ("at 6 p.m. local time (1500 GMT) on Friday").
#: The stop comes first and the look-behinds include it: a pattern that starts with a character
#: class lets the regex engine skip to the next stop instead of trying every position (measured:
#: finding the sentence ends was 40% of ``direction`` with the look-behinds first).
_BOUNDARY = re.compile(
    r"[.!?;\n](?<!\b[A-Z].)(?<!\b[A-Z][a-z].)(?<!\b[A-Z][a-z][a-z].)(?<!\bSept.)"
    r"(?:(?<![ap]\.m\.)|(?=[\"'’”»)]*\s+[^a-z\s]))[\"'’”»)]*\s",
    re.DOTALL,
)
#: Words of a clock time, which count as no distance between a verb and its time ("a.m." and
#: "p.m." are read as two words each).
_CLOCK_WORDS = frozenset({"gmt", "utc", "local", "est", "edt", "cet"})
_WORD = re.compile(r"[\w'’]+")
_MONTH_MAY = re.compile(r"(?<![.!?]\s)(?<!^)\bMay\b")
#: Where the mention's clause ends on its right: a comma, semicolon, colon or dash (the words that
#: open another clause are the table's ``clause_openers``).
_PAUSE = re.compile(r"[,;:—–]|\s-\s|--")
#: Orientation of a verb group by the class of its first finite word.
_LEAD = {
    "future": 1,
    "modal": 1,
    "plan": 1,
    "pluperfect": -1,
    "past_aux": -1,
    "past": -1,
    "report": -1,
    "perfect": -1,
    "present": 0,
}
_CLASSES = (*_LEAD, "glue", "adjective")
#: Words after which a form in -ed is a participle, not a past tense ("to be completed").
_NON_FINITE = frozenset({"to", "be", "been", "being"})
#: Auxiliaries after which a word of planning makes the group future ("were planning to").
_PLAN_AFTER = frozenset({"past_aux", "perfect", "present", "modal", "future", "plan"})
_ADJACENT = 2  # words: a verb group this close is the mention's own verb ("said Friday")
_FRONTED = 2  # words before a time that opens its sentence ("On Tuesday,", "Late on Friday,")


class _Group(NamedTuple):
    """A verb group: token indices ``first..last``, orientation, and its class if telling
    ("report" for a lone reporting verb, "pluperfect" for one led by "had"), else ""."""

    first: int
    last: int
    lead: int
    kind: str
    head: str = ""  # the class of its first finite word ("future" for "will ...")


@dataclass(frozen=True, slots=True)
class TenseExample:
    """A sentence, the words of a mention in it, and the direction ``direction`` must return."""

    text: str
    mention: str
    direction: int


@dataclass(frozen=True, slots=True)
class TenseLexicon:
    """Word classes of verb groups, phrase forms of them, and the fallback orientation cues."""

    words: dict[str, str]
    phrases: tuple[tuple[tuple[str, ...], str], ...]
    cue_words: dict[str, int]
    cue_phrases: tuple[tuple[tuple[str, ...], int], ...]
    adjacent: tuple[tuple[tuple[str, ...], int], ...]
    near: int
    clause_openers: frozenset[str] = frozenset()
    subordinators: frozenset[str] = frozenset()
    examples: tuple[TenseExample, ...] = ()
    phrase_starts: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = field(default_factory=dict)
    adjacent_ends: dict[str, tuple[tuple[tuple[str, ...], int], ...]] = field(default_factory=dict)
    known: dict[str, str | None] = field(default_factory=dict, compare=False, repr=False)
    #: The reporting verbs ("said", "told"): a quote's saying is dated next to one.
    report_words: frozenset[str] = field(default_factory=frozenset, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "report_words", frozenset(w for w, k in self.words.items() if k == "report"))
        starts: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, kind in self.phrases:
            starts.setdefault(phrase[0], []).append((phrase, kind))
        object.__setattr__(self, "phrase_starts", {k: tuple(v) for k, v in starts.items()})
        # the adjacent cues by their last word, longest first as in ``adjacent``: only those that
        # end with the word before the mention are compared
        ends: dict[str, list[tuple[tuple[str, ...], int]]] = {}
        for phrase, sign in self.adjacent:
            ends.setdefault(phrase[-1], []).append((phrase, sign))
        object.__setattr__(self, "adjacent_ends", {k: tuple(v) for k, v in ends.items()})

    def _classes(self, tokens: list[str]) -> list[str | None]:
        """The verb-group class of every token (phrases mark their first word, the rest glue)."""
        out: list[str | None] = [None] * len(tokens)
        starts = self.phrase_starts
        known = self.known
        for i, tok in enumerate(tokens):
            if out[i] is not None:
                continue
            if tok in starts:  # few words begin a phrase: the others are looked up at once
                for phrase, kind in starts[tok]:
                    if tuple(tokens[i : i + len(phrase)]) == phrase:
                        out[i] = kind
                        for k in range(i + 1, i + len(phrase)):
                            out[k] = "glue"
                        break
                if out[i] is not None:
                    continue
            out[i] = known[tok] if tok in known else self._word_class(tok)
        return out

    def _word_class(self, tok: str) -> str | None:
        """The class of one word outside a phrase, remembered: the same few hundred words come
        back in every sentence, and this was a fifth of the time ``direction`` took."""
        word = self.words.get(tok)
        if word is None and "'" in tok:
            word = self.words.get(tok[tok.index("'") :])
        if word is None and len(tok) > 4 and tok.endswith("ed") and not tok.startswith("un"):
            word = "past"
        found = None if word == "adjective" else word
        if len(self.known) > 100_000:
            self.known.clear()
        self.known[tok] = found
        return found

    def _groups(self, tokens: list[str]) -> list[_Group]:
        """Every verb group of ``tokens``, with its orientation."""
        classes = self._classes(tokens)
        groups: list[_Group] = []
        i = 0
        while i < len(tokens):
            if classes[i] is None or classes[i] == "glue":
                i += 1
                continue
            j = i
            while j + 1 < len(tokens) and classes[j + 1] is not None:
                j += 1
            kinds = [c for c in classes[i : j + 1] if c not in (None, "glue")]
            if i and tokens[i - 1] in _NON_FINITE and kinds[0] == "past":
                kinds = kinds[1:]  # "to be completed": a participle, not a past tense
                if not kinds:
                    i = j + 1
                    continue
            lead = _LEAD[kinds[0]]
            if "plan" in kinds and kinds[0] in _PLAN_AFTER:
                lead = 1
            elif "plan" in kinds and kinds[0] == "pluperfect":  # a past plan's date may lie either side
                lead = 0
            kind = kinds[0] if len(kinds) == 1 or kinds[0] == "pluperfect" else ""
            groups.append(_Group(i, j, lead, kind, kinds[0]))
            i = j + 1
        return groups

    def direction(self, text: str, start: int, end: int) -> int:
        """The time orientation around ``text[start:end]``: sign = future (+) or past (-);
        3 = the mention's own verb group (within two words) or an adjacent cue ("by",
        "since", "as early as"), 2 = a verb group within ``near`` words, 1 = a verb group
        further away in the sentence or, without any verb group, an orientation word; 0 = none."""
        lo = max(0, start - _WINDOW)
        left = text[lo:start]
        cuts = [m.end() for m in _BOUNDARY.finditer(left)]
        if cuts:
            left = left[cuts[-1] :]
        right = text[end : end + _WINDOW]
        stop = _BOUNDARY.search(right)
        if stop:
            right = right[: stop.start() + 1]
        # both apostrophes are word characters of ``_WORD``: unified before cutting, same words
        before = _words(left)
        after = _words(right)
        at = len(before)
        groups = self._groups([*before, "\0", *after])
        pluperfect = any(g.kind == "pluperfect" for g in groups)
        for phrase, sign in () if pluperfect or not before else self.adjacent_ends.get(before[-1], ()):
            if tuple(before[-len(phrase) :]) == phrase and not self._told_past(before, phrase):
                return 3 * sign
        # A mention that closes a clause belongs to the verb before it: past a comma after the
        # mention ("rejected the plan at the weekend, which would have ...") another clause starts,
        # whose verbs count only when the mention's own clause has none before it.
        clause_end = at + 1 + len(after)
        own_before = any(g.last < at and g.kind != "report" for g in groups)
        if own_before and groups and groups[-1].first > at:
            pause = _PAUSE.search(right)
            own = after if pause is None else _words(right[: pause.start()])
            clause_end = at + 1 + next((k for k, t in enumerate(own) if t in self.clause_openers), len(own))
        best: tuple[int, _Group] | None = None  # (distance, group)
        for g in groups:
            distance = at - g.last if g.last < at else g.first - at
            if g.last < at:  # a clock time between is one word ("at 6 p.m. local time (1500 GMT) on")
                distance -= _clock_words(before[g.last + 1 : at])
            if g.kind == "report" and distance > _ADJACENT:
                continue
            if own_before and g.first >= clause_end:
                continue
            if best is None or distance < best[0]:
                best = (distance, g)
        if best is None:
            return self._cue(before + after)
        distance, nearest = best
        strength = 3 if distance <= _ADJACENT else 2 if distance <= self.near else 1
        if strength == 2 and _sure_future(nearest, before, at, left):
            strength = 3
        if (
            strength == 1
            and len(before) <= _FRONTED
            and right.lstrip().startswith(",")
            and after
            and after[0] not in self.clause_openers
            and after[0] not in self.subordinators
        ):
            # "On Tuesday, the national league of ... plans to hold": a time that opens its sentence
            # belongs to the main verb after the comma, however long the subject before it
            strength = 2
        return nearest.lead * strength

    def _told_past(self, before: list[str], cue: tuple[str, ...]) -> bool:
        """Whether a one-word deadline cue follows a verb in the past ("held until mid-January",
        "lasted until March"): the span it closes is over, not ahead.  Cues of several words
        ("extended until") and cues after anything else keep pointing ahead."""
        if len(cue) != 1 or len(before) < 2:
            return False
        return self._classes([before[-2]])[0] in ("past", "past_aux")

    def _cue(self, tokens: list[str]) -> int:
        for i, tok in enumerate(tokens):
            if tok in self.cue_words:
                return self.cue_words[tok]
            for phrase, sign in self.cue_phrases:
                if tuple(tokens[i : i + len(phrase)]) == phrase:
                    return sign
        return 0


def _sure_future(group: _Group, before: list[str], at: int, left: str) -> bool:
    """Whether ``group``, before the mention at word ``at``, is an auxiliary of the future in the
    mention's own clause ("will report results on October 24"): as sure as one right next to it.
    Not past a pause (comma, dash) nor past another time ("will be paid Jan. 5 to holders of
    record Nov. 18": the verb's time is Jan. 5)."""
    if group.head != "future" or group.last >= at:
        return False
    if any(w[0].isdigit() for w in before[group.last + 1 : at]):
        return False
    pauses = [p.end() for p in _PAUSE.finditer(left)]
    return not pauses or len(_words(left[pauses[-1] :])) > at - group.first


def _clock_words(words: list[str]) -> int:
    """How many of ``words`` belong to clock times ("6 p m local time 1500 gmt": 6; "time" is
    left as a word of its own, as in "at the time")."""
    count = 0
    for i, word in enumerate(words):
        meridiem = word in ("a", "p") and i + 1 < len(words) and words[i + 1] == "m"
        after_meridiem = word == "m" and i > 0 and words[i - 1] in ("a", "p")
        if word.isdigit() or word in _CLOCK_WORDS or meridiem or after_meridiem:
            count += 1
    return count


def _words(text: str) -> list[str]:
    """The lower-case words of ``text``, both apostrophes unified; the month "May" (capitalised)
    is not the modal "may" ("the March to May period" says nothing of the future)."""
    if "May" in text:
        text = _MONTH_MAY.sub("monthname", text)
    return _WORD.findall(text.lower().replace("’", "'"))


def _split(entries: list[str]) -> tuple[list[str], list[tuple[str, ...]]]:
    words = [e.lower() for e in entries if " " not in e]
    phrases = [tuple(e.lower().split()) for e in entries if " " in e]
    return words, phrases


def load_tense(folder: Path) -> TenseLexicon:
    """Read ``tense.toml``; unknown keys, unknown classes or empty lists are errors."""
    with open(folder / "tense.toml", "rb") as fh:
        raw: dict[str, Any] = tomllib.load(fh)
    if set(raw) != {"near", "verbs", "cues", "example"}:
        raise ValueError("tense.toml needs exactly 'near', 'verbs', 'cues' and 'example'")
    if set(raw["verbs"]) != set(_CLASSES) or not all(raw["verbs"].values()):
        raise ValueError(f"tense.toml [verbs] needs non-empty lists {list(_CLASSES)}")
    cue_keys = {"future", "past", "adjacent_future", "adjacent_past", "clause_openers", "subordinators"}
    if set(raw["cues"]) != cue_keys:
        raise ValueError(f"tense.toml [cues] needs exactly {sorted(cue_keys)}")
    words: dict[str, str] = {}
    phrases: list[tuple[tuple[str, ...], str]] = []
    for kind in _CLASSES:
        single, multi = _split(raw["verbs"][kind])
        for w in single:
            words.setdefault(w, kind)
        phrases += [(p, kind) for p in multi]
    cue_words: dict[str, int] = {}
    cue_phrases: list[tuple[tuple[str, ...], int]] = []
    for kind, sign in (("future", 1), ("past", -1)):
        single, multi = _split(raw["cues"][kind])
        cue_words.update({w: sign for w in single})
        cue_phrases += [(p, sign) for p in multi]
    examples = []
    for row in raw["example"]:
        if set(row) != {"text", "mention", "direction"} or row["mention"] not in row["text"]:
            raise ValueError(f"tense.toml example needs text, mention (inside text), direction: {row}")
        examples.append(TenseExample(row["text"], row["mention"], int(row["direction"])))
    return TenseLexicon(
        words=words,
        phrases=tuple(sorted(phrases, key=lambda p: -len(p[0]))),
        cue_words=cue_words,
        cue_phrases=tuple(cue_phrases),
        adjacent=tuple(
            sorted(
                [(tuple(p.lower().split()), 1) for p in raw["cues"]["adjacent_future"]]
                + [(tuple(p.lower().split()), -1) for p in raw["cues"]["adjacent_past"]],
                key=lambda p: -len(p[0]),
            )
        ),
        near=int(raw["near"]),
        clause_openers=frozenset(w.lower() for w in raw["cues"]["clause_openers"]),
        subordinators=frozenset(w.lower() for w in raw["cues"]["subordinators"]),
        examples=tuple(examples),
    )
