"""How JSON columns are written and read: orjson, with the standard library as the fallback.

Why: the write path stores a few JSON columns per event mention and timeline
event (actors, evidence, match features, merge state), and the standard
library's encoder was a fifth of an article's storage time.  orjson writes the
same JSON (compact, UTF-8 instead of ``\\u`` escapes), so every reader, whichever
parser it uses, gets the same values back.  What orjson refuses (integers
beyond 64 bits, other exotic values) still goes through ``json.dumps`` as before.
"""

from __future__ import annotations

import json
from typing import Any

import orjson

__all__ = ["dumps", "loads"]

_OPTIONS = orjson.OPT_NON_STR_KEYS  # integer keys become strings, as json.dumps makes them


def dumps(value: Any) -> str:
    """The JSON text of ``value``."""
    try:
        return orjson.dumps(value, option=_OPTIONS).decode()
    except TypeError:
        return json.dumps(value)


def loads(text: str | bytes) -> Any:
    """The value of a JSON text."""
    return orjson.loads(text)
