"""The event tables, loaded and validated: triggers → CAMEO codes, the CAMEO/Goldstein table, cues.

Why one loader: the three data files under ``data/`` are the whole of the event
knowledge (a new phrasing is a new row), so they are checked when loaded, the way a
compiler checks source: unknown keys, duplicate ids, codes missing from the CAMEO
table, patterns that match the empty string, undefined lexicon slots and rows
without examples all raise ``LexiconError`` naming the row.

Pattern slots (expanded here, once): ``{v:lemma}`` = the inflections of a verb,
``{v:lemma|lemma|...}`` = the inflections of several verbs, written as one trie (the same
words as ``{v:lemma}|{v:lemma}``, tried at a fraction of the cost: rows whose match may
begin at any of many verbs are the costliest of the table), ``{n:name}`` = a phrase list
of ``[lexicon]``, ``{gap:N}`` = up to N words.
Verb slots match lower case only (a capitalised "State" or "Talks" is a name or a
headline noun, not the verb); everything else ignores case.

Derived on load, never written by hand (``literals.py``): each trigger row's required
words, indexed so that a sentence is tried only against the rows it could match, and its
pattern behind a look-ahead at the characters a match can begin with; the cue rows'
required words, indexed the same way.  These only make matching faster; what a row
matches is its pattern's business alone.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.language.events.literals import LiteralIndex, required_literals, scanner

__all__ = [
    "Cameo",
    "Cue",
    "Lexicon",
    "LexiconError",
    "TriggerRule",
    "Window",
    "default_lexicon",
    "inflections",
]

DATA = Path(__file__).parent / "data"
KINDS = ("act", "speech", "nominal")
MODALITIES = ("asserted", "planned", "predicted", "conditional", "denied", "reported")
#: Whom a verb's grammatical subject names: the actor, or (``"target"``) the one acted on
#: ("the army intercepted projectiles" reports an attack *on* the army).
SUBJECTS = ("actor", "target")
TENSES = ("past", "present", "present_perfect", "past_perfect", "future", "nominal", "background")

_TRIGGER_KEYS = frozenset(
    {
        "id",
        "kind",
        "cameo",
        "label",
        "pattern",
        "priority",
        "modality",
        "tense",
        "subject",
        "examples",
        "not_examples",
    }
)
_CUE_KEYS = frozenset({"id", "before", "tense", "modality", "examples", "skip_roots"})
_WINDOW_KEYS = frozenset({"tense", "earliest", "latest", "best", "granularity", "example"})
_SLOT = re.compile(r"\{(v|n|gap):([\w|-]+)\}")


class LexiconError(ValueError):
    """An event table is malformed (the message names the row and the reason)."""


@dataclass(frozen=True, slots=True)
class Cameo:
    """One CAMEO code: its name and Goldstein score."""

    code: str
    name: str
    goldstein: float


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One trigger row, its pattern compiled."""

    id: str
    kind: str
    cameo: str
    label: str
    pattern: re.Pattern[str]
    priority: int
    modality: str | None
    examples: tuple[str, ...]
    not_examples: tuple[str, ...]
    tense: str | None = None
    subject: str = "actor"
    #: Lower-case strings one of which every match contains (derived from ``pattern`` on load;
    #: None: always try the row); see ``literals.py``.
    keys: frozenset[str] | None = None
    #: ``pattern`` behind a look-ahead at the characters a match can begin with (the same
    #: matches, found faster; derived on load, see ``literals.scanner``).
    scan: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Cue:
    """Words before a trigger that set its tense and/or modality."""

    id: str
    before: re.Pattern[str]
    tense: str | None
    modality: str | None
    examples: tuple[str, ...]
    skip_roots: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Window:
    """The default time window of an undated event of one tense, in days from publication."""

    tense: str
    earliest: int
    latest: int
    granularity: str
    best: int | None = None


@dataclass(frozen=True, slots=True)
class Lexicon:
    """All event knowledge: trigger rules, CAMEO codes, cues and default windows."""

    triggers: tuple[TriggerRule, ...]
    cameo: Mapping[str, Cameo]
    roots: Mapping[str, str]
    cues: tuple[Cue, ...]
    windows: Mapping[str, Window]
    boundaries: re.Pattern[str]
    elaborations: tuple[Cue, ...]
    light_words: frozenset[str] = frozenset()
    ing_nouns: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    #: The trigger rows by their required strings (derived on load): which rows a sentence may match.
    index: LiteralIndex | None = None
    #: The cue rows by their required strings (derived on load): which cues the words before a
    #: trigger may match.
    cue_index: LiteralIndex | None = None

    def goldstein(self, code: str) -> float | None:
        """The Goldstein score of a code (None for a code outside the table)."""
        entry = self.cameo.get(code)
        return entry.goldstein if entry else None


def inflections(lemma: str, irregular: Mapping[str, list[str]]) -> tuple[str, ...]:
    """The forms of a regular English verb (or the listed forms of an irregular one)."""
    if lemma in irregular:
        return tuple(irregular[lemma])
    if lemma.endswith("e"):
        return (lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing")
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return (lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing")
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return (lemma, lemma + "es", lemma + "ed", lemma + "ing")
    if len(lemma) <= 4 and re.fullmatch(r"[^aeiou]*[aeiou][bdgmnprt]", lemma):
        double = lemma + lemma[-1]
        return (lemma, lemma + "s", double + "ed", double + "ing")
    return (lemma, lemma + "s", lemma + "ed", lemma + "ing")


def _expand(
    pattern: str, where: str, lexicon: Mapping[str, list[str]], irregular: Mapping[str, list[str]]
) -> str:
    def slot(match: re.Match[str]) -> str:
        kind, name = match.groups()
        if kind == "gap":
            return rf"(?:\S+\s+){{0,{int(name)}}}?"
        if kind == "v" and "|" in name:  # several verbs in one slot: one trie, not an alternative each
            forms = {form for lemma in name.split("|") for form in inflections(lemma, irregular)}
            return rf"(?-i:\b{_trie(sorted(forms))}\b)"
        if kind == "v":
            words = inflections(name, irregular)
        elif name in lexicon:
            words = tuple(lexicon[name])
        else:
            raise LexiconError(f"{where}: undefined lexicon slot {{n:{name}}}")
        ordered = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        # verbs match lower case only: "State" in "Secretary of State" is not "to state"
        return rf"(?-i:\b(?:{ordered})\b)" if kind == "v" else rf"\b(?:{ordered})\b"

    return _SLOT.sub(slot, pattern)


def _trie(words: Sequence[str]) -> str:
    """A pattern for exactly ``words`` (sorted, not empty) shaped as a trie: "a(?:dd(?:ed|s)?|ssert)".

    Why: an alternative per word makes the regular-expression engine enter every one of them
    at every position it tries; the trie tests one character and drops the rest.  A longer
    word is tried before its prefix (the optional tail is greedy), as in the length-ordered
    alternation it replaces, so behind ``\\b`` it matches the same words.
    """
    if words == [""] or not words:
        return ""
    ends = words[0] == ""
    heads: dict[str, list[str]] = {}
    for word in words[1:] if ends else words:
        heads.setdefault(word[0], []).append(word[1:])
    branches = [re.escape(head) + _trie(tails) for head, tails in heads.items()]
    if len(branches) == 1 and not ends:
        return branches[0]
    return "(?:" + "|".join(branches) + ")" + ("?" if ends else "")


def _compile(source: str, where: str) -> re.Pattern[str]:
    try:
        compiled = re.compile(source, re.IGNORECASE)
    except re.error as exc:
        raise LexiconError(f"{where}: bad pattern: {exc}") from exc
    if compiled.fullmatch(""):
        raise LexiconError(f"{where}: pattern matches the empty string")
    return compiled


def _keys(row: Mapping[str, Any], allowed: frozenset[str], where: str) -> None:
    extra = set(row) - allowed
    if extra:
        raise LexiconError(f"{where}: unknown keys {sorted(extra)}")


def build_lexicon(triggers: Mapping[str, Any], cameo: Mapping[str, Any], cues: Mapping[str, Any]) -> Lexicon:
    """Validate the three parsed tables and compile them into a ``Lexicon``."""
    codes: dict[str, Cameo] = {}
    for row in cameo.get("code", []):
        if row["code"] in codes:
            raise LexiconError(f"cameo {row['code']}: duplicate code")
        codes[row["code"]] = Cameo(row["code"], row["name"], float(row["goldstein"]))
    roots = dict(cameo.get("root", {}))
    lexicon, irregular = triggers.get("lexicon", {}), triggers.get("irregular", {})
    rules: list[TriggerRule] = []
    for row in triggers.get("trigger", []):
        where = f"trigger {row.get('id')}"
        _keys(row, _TRIGGER_KEYS, where)
        if any(rule.id == row["id"] for rule in rules):
            raise LexiconError(f"{where}: duplicate id")
        if row["cameo"] not in codes:
            raise LexiconError(f"{where}: cameo {row['cameo']} is not in cameo.toml")
        if row["kind"] not in KINDS:
            raise LexiconError(f"{where}: kind must be one of {KINDS}")
        if row.get("modality") not in (None, *MODALITIES):
            raise LexiconError(f"{where}: unknown modality {row['modality']!r}")
        if row.get("tense") not in (None, *TENSES):
            raise LexiconError(f"{where}: unknown tense {row['tense']!r}")
        if row.get("subject", "actor") not in SUBJECTS:
            raise LexiconError(f"{where}: subject must be one of {SUBJECTS}")
        if not row.get("examples"):
            raise LexiconError(f"{where}: a rule without examples")
        pattern = _compile(_expand(row["pattern"], where, lexicon, irregular), where)
        rules.append(
            TriggerRule(
                row["id"],
                row["kind"],
                row["cameo"],
                row["label"],
                pattern,
                int(row.get("priority", 1)),
                row.get("modality"),
                tuple(row["examples"]),
                tuple(row.get("not_examples", ())),
                row.get("tense"),
                row.get("subject", "actor"),
                required_literals(pattern),
                scanner(pattern),
            )
        )
    cue_rows: list[Cue] = []
    for row in cues.get("cue", []):
        where = f"cue {row.get('id')}"
        _keys(row, _CUE_KEYS, where)
        if row.get("tense") not in (None, *TENSES) or row.get("modality") not in (None, *MODALITIES):
            raise LexiconError(f"{where}: unknown tense or modality")
        if not row.get("examples"):
            raise LexiconError(f"{where}: a cue without examples")
        cue_rows.append(
            Cue(
                row["id"],
                _compile(row["before"], where),
                row.get("tense"),
                row.get("modality"),
                tuple(row["examples"]),
                frozenset(row.get("skip_roots", ())),
            )
        )
    windows: dict[str, Window] = {}
    for row in cues.get("window", []):
        _keys(row, _WINDOW_KEYS, f"window {row.get('tense')}")
        best = row.get("best")
        windows[row["tense"]] = Window(
            row["tense"],
            int(row["earliest"]),
            int(row["latest"]),
            row["granularity"],
            None if best is None else int(best),
        )
    missing = set(TENSES) - set(windows)
    if missing:
        raise LexiconError(f"cues.toml: no default window for tenses {sorted(missing)}")
    boundary_words = cues.get("clauses", {}).get("boundaries", [])
    boundaries = _compile("|".join(re.escape(w) for w in boundary_words), "cues.toml [clauses]")
    elaborations = tuple(
        Cue(
            row["id"],
            _compile(row["pattern"], f"elaboration {row['id']}"),
            None,
            None,
            tuple(row["examples"]),
        )
        for row in cues.get("elaboration", [])
    )
    reporting = cues.get("reporting", {})
    light, ing_nouns = frozenset(reporting.get("light", [])), frozenset(reporting.get("ing_nouns", []))
    nouns = frozenset(
        word.lower() for phrases in lexicon.values() for phrase in phrases for word in phrase.split()
    )
    return Lexicon(
        tuple(rules),
        codes,
        roots,
        tuple(cue_rows),
        windows,
        boundaries,
        elaborations,
        light,
        ing_nouns,
        nouns,
        LiteralIndex.build([rule.keys for rule in rules]),
        LiteralIndex.build([required_literals(cue.before) for cue in cue_rows]),
    )


def _load(name: str) -> dict[str, Any]:
    with (DATA / name).open("rb") as handle:
        return tomllib.load(handle)


@cache
def default_lexicon() -> Lexicon:
    """The shipped event tables, loaded and validated once per process."""
    return build_lexicon(_load("triggers.toml"), _load("cameo.toml"), _load("cues.toml"))
