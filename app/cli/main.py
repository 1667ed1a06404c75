"""The ``parley`` Typer application: commands are defined in their own modules and composed here."""

from __future__ import annotations

import typer

from app.cli.db import db_app
from app.cli.ingest import ingest, reprocess, seed
from app.cli.keys import keys_app
from app.cli.language import extract, timex
from app.cli.runs import runs
from app.cli.serve import serve
from app.cli.sources import sources_app

__all__ = ["cli", "run"]

cli = typer.Typer(
    name="parley",
    help="Parley: peace-negotiation event timelines from news.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
cli.command("serve")(serve)
cli.command("ingest")(ingest)
cli.command("seed")(seed)
cli.command("reprocess")(reprocess)
cli.command("runs")(runs)
cli.command("timex")(timex)
cli.command("extract")(extract)
cli.add_typer(db_app, name="db")
cli.add_typer(sources_app, name="sources")
cli.add_typer(keys_app, name="keys")


def run() -> None:
    """Console-script entry point."""
    cli()
