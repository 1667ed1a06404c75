"""Actor names from the gazetteer (the language layer's one table of names), for people and filters.

The database stores actors by code; the names a person would type or read
("Russia", "the Kremlin", "NATO") live in the gazetteer.  This module turns
a typed name into a code for filters and a code into a display name for lists.
"""

from __future__ import annotations

from functools import lru_cache

from app.language.actors import default_gazetteer

__all__ = ["code_for", "display_name"]


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    by_alias: dict[str, str] = {}
    by_code: dict[str, tuple[str, str]] = {}
    for alias, actor in default_gazetteer().aliases.items():
        by_alias.setdefault(alias.casefold(), actor.code)
        if actor.form == "name" and actor.kind != "person":
            by_code.setdefault(actor.code, (actor.name, actor.kind))
    return by_alias, by_code


def code_for(value: str) -> str:
    """The code a filter value means: a known code as is, a gazetteer name as its code, else unchanged."""
    by_alias, by_code = _tables()
    if value.upper() in by_code:
        return value.upper()
    return by_alias.get(value.casefold(), value)


def display_name(code: str) -> tuple[str, str] | None:
    """(name, kind) of a code, e.g. ("Russia", "state"), or None when the gazetteer does not know it."""
    return _tables()[1].get(code)
