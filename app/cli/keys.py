"""``parley keys create|list|revoke``: API keys for the write endpoints.

The secret is printed once, on creation, and never stored; keep it.  Once
one active key exists, every POST/DELETE needs a key.
"""

from __future__ import annotations

import typer

from app.cli.context import database
from app.db import migrate
from app.db.session import session_scope, write_scope
from app.keys import repository, service
from app.kit.clock import as_utc

__all__ = ["keys_app"]

keys_app = typer.Typer(help="API keys for writes (stored hashed).", no_args_is_help=True)


@keys_app.command("create")
def create(name: str = typer.Argument(..., help="Who or what the key is for, e.g. 'cron-ingest'.")) -> None:
    """Create a key and print its secret (shown only this once) on stdout."""
    with database() as (engine, sessions):
        migrate.upgrade(engine)
        with write_scope(sessions) as session:
            created = service.create_key(session, name=name)
    typer.echo(f"created key {created.id} ({created.name}); send it as 'X-API-Key: <key>':", err=True)
    typer.echo(created.secret)


@keys_app.command("list")
def list_keys() -> None:
    """List keys (id, name, created, revoked) — never their secrets."""
    with database() as (_, sessions), session_scope(sessions) as session:
        for key in repository.list_keys(session):
            revoked = as_utc(key.revoked_at).isoformat() if key.revoked_at else "active"
            typer.echo(f"{key.id}\t{key.name}\t{as_utc(key.created_at).isoformat()}\t{revoked}")


@keys_app.command("revoke")
def revoke(key_id: int = typer.Argument(..., help="The id printed by 'keys create' or 'keys list'.")) -> None:
    """Revoke a key; requests with it are refused from now on."""
    with database() as (_, sessions), write_scope(sessions) as session:
        service.revoke_key(session, key_id=key_id)
    typer.echo(f"revoked key {key_id}")
