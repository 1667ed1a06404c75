"""The request guard: writes (and reads, when configured) need a valid API key once keys are in force.

Installed on every router, it lets safe methods through untouched unless
``read_requires_key`` is set, so reads never pay for a key lookup.
"""

from __future__ import annotations

from fastapi import Request
from starlette.concurrency import run_in_threadpool

from app.db.session import session_scope
from app.keys import service
from app.settings import Settings

__all__ = ["require_key", "require_read_key", "presented_key"]

_SAFE = frozenset({"GET", "HEAD", "OPTIONS"})


def presented_key(request: Request) -> str | None:
    """The key from ``X-API-Key`` or ``Authorization: Bearer``."""
    key = request.headers.get("x-api-key")
    if key:
        return key.strip()
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


async def require_key(request: Request) -> None:
    """Dependency: refuse the request with 401 problem+json when a needed key is missing or wrong.

    ``async`` so that the common case (a read) costs no thread-pool hop.
    """
    settings: Settings = request.app.state.settings
    if request.method in _SAFE and not settings.read_requires_key:
        return
    await run_in_threadpool(_check, request, settings, request.method in _SAFE)


async def require_read_key(request: Request) -> None:
    """Dependency of POSTs that only compute and store nothing (``POST /v1/timex``): guarded like reads.

    A write key would make a pure computation pay for the key look-up and refuse
    clients that may read everything anyway.
    """
    settings: Settings = request.app.state.settings
    if settings.read_requires_key:
        await run_in_threadpool(_check, request, settings, True)


def _check(request: Request, settings: Settings, safe: bool) -> None:
    with session_scope(request.app.state.sessions) as session:
        if safe or service.keys_enforced(session, required_by_settings=settings.api_keys_required):
            service.check_key(session, presented_key(request))
