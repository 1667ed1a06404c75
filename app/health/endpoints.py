"""GET /healthz: 200 once the database is migrated (and seeded when configured), 503 otherwise."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from app.db.migrate import head_revision
from app.health.repository import database_revision

__all__ = ["router"]

router = APIRouter(tags=["health"])


@router.get("/healthz", operation_id="health-get")
def healthz(request: Request) -> JSONResponse:
    """Ready means: the database answers, is at the newest migration, and start-up seeding finished."""
    engine = request.app.state.engine
    try:
        revision = database_revision(engine)
    except Exception as exc:  # any database failure means not ready
        return JSONResponse({"status": "unavailable", "detail": type(exc).__name__}, status_code=503)
    head = head_revision()
    ready = bool(request.app.state.ready) and revision == head
    body = {
        "status": "ok" if ready else "starting",
        "database": engine.dialect.name,
        "revision": revision,
        "head": head,
    }
    return JSONResponse(body, status_code=200 if ready else 503)
