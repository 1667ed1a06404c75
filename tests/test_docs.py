"""The README documents every setting and every CLI command (and names no setting that does not exist)."""

from __future__ import annotations

import re

from typer.main import get_command

from app.cli.main import cli
from app.settings import PROJECT_ROOT, Settings

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
DOCS = README + "".join(p.read_text(encoding="utf-8") for p in sorted((PROJECT_ROOT / "docs").glob("*.md")))


def _commands(group: object, prefix: str = "parley") -> list[str]:
    names = []
    for name, command in getattr(group, "commands", {}).items():
        names.append(f"{prefix} {name}")
        names.extend(_commands(command, f"{prefix} {name}"))
    return names


def test_every_setting_is_documented() -> None:
    for name in Settings.model_fields:
        assert f"PARLEY_{name.upper()}" in DOCS, f"PARLEY_{name.upper()} is not documented"


def test_no_documented_setting_is_unknown() -> None:
    fields = {f"PARLEY_{name.upper()}" for name in Settings.model_fields}
    documented = set(re.findall(r"`(PARLEY_[A-Z_]+)`", DOCS))
    known_test_only = {"PARLEY_TEST_POSTGRES_URL", "PARLEY_REQUIRE_POSTGRES", "PARLEY_REQUIRE_BROWSER"}
    assert documented - fields - known_test_only == set()


def test_every_command_is_documented() -> None:
    for command in _commands(get_command(cli)):
        assert re.search(re.escape(command) + r"\b", DOCS), f"`{command}` is not in the README or docs/"


def test_readme_test_command_is_what_ci_runs() -> None:
    ci = (PROJECT_ROOT / ".ci" / "run").read_text()
    assert "bash scripts/test.sh" in README
    assert "scripts/test.sh" in ci


def test_every_api_route_is_in_the_readme() -> None:
    from app.main import create_app

    paths = create_app(Settings(_env_file=None)).openapi()["paths"]  # type: ignore[call-arg]
    routes = [
        f"{method.upper()} {path}" for path, ops in paths.items() for method in ops if path.startswith("/v1")
    ]
    assert len(routes) > 5, routes

    def generic(text: str) -> str:
        return re.sub(r"\{[^}]*\}", "{}", text)

    missing = [route for route in routes if f"`{generic(route)}" not in generic(README)]
    assert missing == [], f"not in the README's API table: {missing}"
