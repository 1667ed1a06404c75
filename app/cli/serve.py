"""``parley serve``: the API under uvicorn (uvloop and httptools when installed)."""

from __future__ import annotations

import logging

import typer
import uvicorn

from app.settings import get_settings

__all__ = ["serve"]


def serve(
    host: str | None = typer.Option(None, help="Bind address (default: PARLEY_HOST or 127.0.0.1)."),
    port: int | None = typer.Option(None, help="Port (default: PARLEY_PORT or 8000)."),
    workers: int = typer.Option(1, min=1, help="Worker processes."),
) -> None:
    """Serve the API; an empty database is migrated and seeded first (see the log)."""
    settings = get_settings()
    logging.basicConfig(
        level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    uvicorn.run(
        "app.main:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        log_level=settings.log_level,
    )
