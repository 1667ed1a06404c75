"""The actor gazetteer: who the words of an article name, as codes events can carry.

Why data and not code: the people who speak for a state change every election and
researchers need to add the envoy of the week without touching Python, so every name
lives in ``data/actors.toml`` (states with ISO 3166 alpha-3 codes and their adjective,
demonym and seat-of-government forms, organisations and armed groups, people with the
state or organisation they speak for and their role, and back-reference words).

Matching is one compiled alternation over every alias, longest alias first, case
sensitive (proper nouns are capitalised; "US" must not match "us").  The table is
validated when loaded: unknown keys, duplicate codes, an alias given to two actors,
and people pointing at an unknown code are errors, not silent surprises.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from app.language.events.literals import LiteralIndex, required_literals
from app.language.types import ActorMention

__all__ = [
    "Actor",
    "Gazetteer",
    "GazetteerError",
    "Reference",
    "default_gazetteer",
    "find_actors",
    "load_gazetteer",
]

DATA = Path(__file__).parent / "data" / "actors.toml"

_KEYS: Mapping[str, frozenset[str]] = {
    "state": frozenset({"code", "names", "adjectives", "seats"}),
    "organisation": frozenset({"code", "kind", "names"}),
    "person": frozenset({"name", "code", "role", "aliases"}),
    "reference": frozenset({"words", "patterns", "roles", "kinds", "parties"}),
}
_ALPHA3 = re.compile(r"^[A-Z]{3}$")
#: After a name's first character: no word character or hyphen stands before that character.
_WORD_START = r"(?<![\w-].)"


class GazetteerError(ValueError):
    """The actor table is malformed (the message names the row and the reason)."""


@dataclass(frozen=True, slots=True)
class Actor:
    """One gazetteer row as a matcher sees it: the code events carry, what it is, and its name.

    ``form`` says how the alias names it (name, adjective, seat, person) so that callers
    can tell "Russia" from "Russian" when attaching actors to triggers.
    """

    code: str
    kind: str
    name: str
    form: str
    person: str | None = None
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Reference:
    """Words that point back at the last person of one of ``roles`` ("*" = anyone), at the
    last actor of one of ``kinds`` ("the group" → the last armed group named), or, with
    ``parties = 2``, at the two parties of the story ("both sides", "the two neighbours")."""

    words: tuple[str, ...]
    roles: tuple[str, ...]
    kinds: tuple[str, ...] = ()
    parties: int = 0
    patterns: tuple[str, ...] = ()


class Gazetteer:
    """Aliases → actors, plus the back-reference words; built once from a validated table."""

    def __init__(self, aliases: Mapping[str, Actor], references: Iterable[Reference]) -> None:
        self.aliases: dict[str, Actor] = dict(aliases)
        self.references: tuple[Reference, ...] = tuple(references)
        self._pattern = re.compile(f"(?:{_alternation(self.aliases)})" + r"(?![\w-])")
        self.codes: frozenset[str] = frozenset(actor.code for actor in self.aliases.values())
        #: One matcher per back-reference row: its words (longest first) or patterns, as whole words.
        self.reference_patterns: tuple[re.Pattern[str], ...] = tuple(
            _reference_pattern(reference) for reference in self.references
        )
        #: Which back-reference rows may match a text at all, by the words each row requires.
        self.reference_index = LiteralIndex.build([required_literals(p) for p in self.reference_patterns])

    @classmethod
    def from_table(cls, table: Mapping[str, Any]) -> Gazetteer:
        """Validate a parsed ``actors.toml`` and build the matcher."""
        unknown = set(table) - set(_KEYS)
        if unknown:
            raise GazetteerError(f"unknown sections: {sorted(unknown)}")
        aliases: dict[str, Actor] = {}
        codes: set[str] = set()

        def add(alias: str, actor: Actor, where: str) -> None:
            if alias in aliases and aliases[alias] != actor:
                raise GazetteerError(f"{where}: alias {alias!r} already names {aliases[alias].name}")
            aliases[alias] = actor

        for kind_key in ("state", "organisation"):
            for row in table.get(kind_key, []):
                where = _check_keys(kind_key, row)
                code = row["code"]
                if code in codes:
                    raise GazetteerError(f"{where}: duplicate code {code}")
                if kind_key == "state" and not _ALPHA3.match(code):
                    raise GazetteerError(f"{where}: {code!r} is not an ISO 3166 alpha-3 code")
                codes.add(code)
                name = row["names"][0]
                kind = "state" if kind_key == "state" else row["kind"]
                forms = (
                    ("name", row["names"]),
                    ("adjective", row.get("adjectives", [])),
                    ("seat", row.get("seats", [])),
                )
                for form, words in forms:
                    for word in words:
                        add(word, Actor(code, kind, name, form), where)
        for row in table.get("person", []):
            where = _check_keys("person", row)
            if row["code"] not in codes:
                raise GazetteerError(f"{where}: unknown code {row['code']!r}")
            actor = Actor(row["code"], "person", row["name"], "person", row["name"], row["role"])
            for word in (row["name"], *row.get("aliases", [])):
                add(word, actor, where)
        references = []
        for row in table.get("reference", []):
            where = _check_keys("reference", row)
            if sum(bool(row.get(key)) for key in ("roles", "kinds", "parties")) != 1:
                raise GazetteerError(f"{where}: exactly one of roles, kinds, parties")
            for pattern in row.get("patterns", ()):
                try:
                    compiled = re.compile(pattern)
                except re.error as exc:
                    raise GazetteerError(f"{where}: bad pattern {pattern!r}: {exc}") from exc
                if compiled.fullmatch(""):
                    raise GazetteerError(f"{where}: pattern {pattern!r} matches the empty string")
            references.append(
                Reference(
                    tuple(row.get("words", ())),
                    tuple(row.get("roles", ())),
                    tuple(row.get("kinds", ())),
                    int(row.get("parties", 0)),
                    tuple(row.get("patterns", ())),
                )
            )
        return cls(aliases, references)

    def find(self, text: str) -> tuple[ActorMention, ...]:
        """Every gazetteer alias in ``text`` (longest first, no overlaps), in text order."""
        found = []
        for match in self._pattern.finditer(text):
            actor = self.aliases[match.group()]
            found.append(
                ActorMention(
                    match.start(),
                    match.end(),
                    match.group(),
                    actor.code,
                    actor.kind,
                    actor.name,
                    actor.person,
                )
            )
        return tuple(found)

    def actor(self, alias: str) -> Actor:
        """The row an alias names (KeyError if it names none)."""
        return self.aliases[alias]


def _alternation(aliases: Iterable[str]) -> str:
    """Every alias as a whole word, longest first, grouped under its first character:
    "U(?<![\\w-].)(?:nited States|S)|R(?<![\\w-].)(?:ussia)".

    The same matches as one flat longest-first alternation after ``(?<![\\w-])`` (at a
    position only the aliases beginning with its character can match, and they keep their
    order; the look-behind, after the first character, still asks that no word character or
    hyphen stand before it).  Each alternative beginning with a plain character lets the
    regex engine skip at once every position where no alias can begin.
    """
    groups: dict[str, list[str]] = {}
    for alias in sorted(aliases, key=len, reverse=True):
        groups.setdefault(alias[:1], []).append(re.escape(alias[1:]))
    return "|".join(
        f"{re.escape(first)}{_WORD_START}(?:{'|'.join(rests)})" for first, rests in groups.items()
    )


def _reference_pattern(reference: Reference) -> re.Pattern[str]:
    """A back-reference row's words (longest first, then its patterns) as whole words."""
    alternatives = [_alternation(reference.words)] if reference.words else []
    if reference.patterns:
        alternatives.append(r"(?<![\w-])(?:" + "|".join(reference.patterns) + ")")
    return re.compile("(?:" + "|".join(alternatives) + r")(?![\w-])")


def _check_keys(section: str, row: Mapping[str, Any]) -> str:
    where = f"[[{section}]] {row.get('code') or row.get('name') or row.get('words')}"
    extra = set(row) - _KEYS[section]
    if extra:
        raise GazetteerError(f"{where}: unknown keys {sorted(extra)}")
    return where


def load_gazetteer(*extra: Path) -> Gazetteer:
    """The shipped table plus users' own tables (same format), validated together.

    A user file adds rows (a new envoy, a new armed group); an alias that clashes with a
    shipped one is an error naming both, never a silent override.
    """
    merged: dict[str, list[Any]] = {}
    for path in (DATA, *extra):
        with Path(path).open("rb") as handle:
            for section, rows in tomllib.load(handle).items():
                merged.setdefault(section, []).extend(rows)
    return Gazetteer.from_table(merged)


@cache
def default_gazetteer() -> Gazetteer:
    """The shipped gazetteer, loaded and validated once per process."""
    return load_gazetteer()


def find_actors(text: str) -> tuple[ActorMention, ...]:
    """Actors named in ``text`` by the shipped gazetteer (no back-references)."""
    return default_gazetteer().find(text)
