"""The FastAPI application: built by ``create_app``, never at import time.

The lifespan builds the engine from settings, migrates to head and seeds an
empty database when configured (saying so in the log), then marks the service
ready for ``/healthz``.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI
from fastapi.middleware.cors import CORSMiddleware
from starlette.concurrency import run_in_threadpool

from app import __version__
from app.actors.endpoints import router as actors_router
from app.articles.endpoints import router as articles_router
from app.db import migrate
from app.db.engine import make_engine
from app.db.session import make_sessionmaker
from app.events.endpoints import router as events_router
from app.health.endpoints import router as health_router
from app.ingest.seed import seed_if_empty
from app.keys.deps import require_key, require_read_key
from app.problems import install_problem_handlers
from app.settings import Settings, get_settings
from app.stats.endpoints import router as stats_router
from app.timeline.endpoints import router as timeline_router
from app.timeline.http_cache import install_response_cache
from app.timex.endpoints import router as timex_router
from app.web.endpoints import router as web_router

__all__ = ["create_app"]

log = logging.getLogger("parley")


def _prepare(app: FastAPI, settings: Settings) -> None:
    engine = app.state.engine
    if settings.migrate_on_start:
        log.info("migrating %s to head", engine.url.render_as_string(hide_password=True))
        migrate.upgrade(engine)
    if settings.seed_on_start:
        seed_if_empty(app.state.sessions, settings.seed_dir, settings.max_text_chars)
    app.state.ready = True


def create_app(settings: Settings | None = None) -> FastAPI:
    """A Parley application for ``settings`` (default: read from the environment)."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.engine = make_engine(settings.resolved_database_url())
        app.state.sessions = make_sessionmaker(app.state.engine)
        await run_in_threadpool(_prepare, app, settings)
        log.info("Parley ready on database %s", app.state.engine.dialect.name)
        try:
            yield
        finally:
            app.state.engine.dispose()

    app = FastAPI(
        title="Parley",
        version=__version__,
        summary="Peace-negotiation event timelines: dated, ordered, de-duplicated events from news.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.ready = False
    install_response_cache(app, settings)  # inside CORS: cached answers still get CORS headers
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_origins,
        allow_methods=["GET", "POST", "DELETE", "OPTIONS"],
        allow_headers=["*"],
        expose_headers=["Link", "ETag"],
    )
    install_problem_handlers(app)
    for router in (articles_router, timeline_router, events_router, actors_router, stats_router):
        app.include_router(router, prefix="/v1", dependencies=[Depends(require_key)])
    app.include_router(timex_router, prefix="/v1", dependencies=[Depends(require_read_key)])
    app.include_router(health_router)
    app.include_router(web_router)
    return app
