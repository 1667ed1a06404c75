"""docker-compose.yml is checked against the app: services, settings variables and CLI commands must exist."""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

import click
import yaml
from sqlalchemy.engine import make_url
from typer.main import get_command

from app.cli.main import cli
from app.settings import PROJECT_ROOT, Settings

COMPOSE = PROJECT_ROOT / "docker-compose.yml"


def _compose() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    return data


def _parley_calls(command: list[str]) -> list[list[str]]:
    """The arguments of every `parley` call in a compose command (also inside `sh -c` loops)."""
    if command[:2] != ["sh", "-c"]:
        assert command[0] == "parley"
        return [command[1:]]
    words = shlex.split(command[2].replace(";", " ; "))
    calls = []
    for start, word in enumerate(words):
        if word == "parley":
            end = next((i for i in range(start, len(words)) if words[i] in (";", "&&", "||")), len(words))
            calls.append(words[start + 1 : end])
    assert calls, "no parley call in the command"
    return calls


def _parley_args(command: list[str]) -> list[str]:
    return _parley_calls(command)[0]


def test_services_are_database_api_and_scheduled_ingest() -> None:
    services = _compose()["services"]
    assert set(services) == {"postgres", "api", "ingest"}
    assert services["api"]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_environment_names_real_settings() -> None:
    fields = {f"PARLEY_{name.upper()}" for name in Settings.model_fields}
    for name, service in _compose()["services"].items():
        for key in service.get("environment", {}):
            if key.startswith("PARLEY_"):
                assert key in fields, f"{name}: {key} is not a setting"


def test_database_url_points_at_the_postgres_service() -> None:
    compose = _compose()
    postgres_env = compose["services"]["postgres"]["environment"]
    for name in ("api", "ingest"):
        url = make_url(compose["services"][name]["environment"]["PARLEY_DATABASE_URL"])
        assert url.drivername == "postgresql+psycopg"
        assert (url.host, url.port, url.database) == ("postgres", 5432, postgres_env["POSTGRES_DB"])
        assert (url.username, url.password) == (
            postgres_env["POSTGRES_USER"],
            postgres_env["POSTGRES_PASSWORD"],
        )


def test_commands_are_real_cli_commands() -> None:
    calls = [(n, c) for n in ("api", "ingest") for c in _parley_calls(_compose()["services"][n]["command"])]
    assert len(calls) >= 3
    for name, args in calls:
        command = get_command(cli)
        while isinstance(command, click.Group):
            ctx = click.Context(command)
            sub = command.get_command(ctx, args[0])
            assert sub is not None, f"{name}: parley {args[0]} is not a command"
            command, args = sub, args[1:]
        command.make_context(command.name or "", list(args))  # raises on unknown options or bad values


def test_api_port_matches_served_port() -> None:
    api = _compose()["services"]["api"]
    args = _parley_args(api["command"])
    port = args[args.index("--port") + 1]
    assert api["ports"] == [f"{port}:{port}"]
    assert Path(PROJECT_ROOT / "Dockerfile").exists()


def test_shell_dollars_are_escaped_from_compose_interpolation() -> None:
    for name, service in _compose()["services"].items():
        for word in service.get("command", []):
            bare = word.replace("$$", "")
            assert "$(" not in bare and "${" not in bare, f"{name}: write $$ for a shell '$' in compose"
