"""CAMEO root names for labels and groups, read from the language layer's code table (one source)."""

from __future__ import annotations

import tomllib
from functools import lru_cache

from app.settings import PROJECT_ROOT

__all__ = ["root_names", "root_name"]

CAMEO_TABLE = PROJECT_ROOT / "app" / "language" / "events" / "data" / "cameo.toml"


@lru_cache(maxsize=1)
def root_names() -> dict[str, str]:
    """``{"13": "Threaten", ...}``; empty when the table is missing (names are cosmetic)."""
    try:
        table = tomllib.loads(CAMEO_TABLE.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return {}
    roots = table.get("root", {})
    return {str(k): str(v) for k, v in roots.items()}


def root_name(root: str) -> str:
    """The root's name, or the bare code when the table does not know it."""
    return root_names().get(root, f"CAMEO {root}")
