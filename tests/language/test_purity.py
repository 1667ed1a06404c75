"""The language layer is pure: no database, web or HTTP client, no environment, no clock.

Checked on the source text of every module under ``app/language`` (a new module is
covered without touching this test): forbidden imports, ``os.environ``/``getenv``,
and ``now()``/``today()`` calls.  The reference time is always an argument.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

LANGUAGE = Path(__file__).parents[2] / "app" / "language"
FORBIDDEN_IMPORTS = (
    "sqlalchemy",
    "fastapi",
    "httpx",
    "starlette",
    "requests",
    "alembic",
    "app.db",
    "app.models",
)
FORBIDDEN_CALLS = ("now", "today", "utcnow", "getenv")
MODULES = sorted(LANGUAGE.rglob("*.py"))


def _imports(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(LANGUAGE)) for p in MODULES])
def test_module_is_pure(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for name in _imports(tree):
        assert not name.startswith(FORBIDDEN_IMPORTS), f"{path.name} imports {name}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr == "environ":
            pytest.fail(f"{path.name} reads os.environ")
        if isinstance(node, ast.Call):
            func = node.func
            called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            assert called not in FORBIDDEN_CALLS, f"{path.name} calls {called}()"


def test_the_check_catches_a_clock(tmp_path: Path) -> None:
    """Meta-test: the rule above really fails on an impure module."""
    tree = ast.parse("import datetime\nx = datetime.date.today()\n")
    calls = [
        n.func.attr for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
    ]
    assert "today" in calls
