"""The ASGI layer of the response cache: serve hits (or 304s) before routing, invalidate on writes.

A hit never reaches FastAPI's routing, query validation or a database
session, which is what lets a widget's repeated page cost about as much as a
static response.  Endpoints fill the cache (``read_response``) after rendering a
miss; any successful POST/PUT/PATCH/DELETE empties it, both when its
response starts and after its transaction has closed, so no reader can
re-cache data the write replaced.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.db.session import session_scope
from app.kit.etag import none_match, strong_etag
from app.settings import Settings
from app.timeline import repository
from app.timeline.cache import CachedResponse, ResponseCache

__all__ = [
    "ResponseCacheMiddleware",
    "install_response_cache",
    "response_cache",
    "cache_key",
    "read_response",
]

_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_CACHED_PREFIX = "/v1/"


def cache_key(scope: Scope) -> str:
    """The path and raw query string: the same URL is the same representation."""
    query: bytes = scope.get("query_string", b"")
    path: str = scope["path"]
    return path + ("?" + query.decode("latin-1") if query else "")


def response_cache(request: Request) -> ResponseCache:
    cache: ResponseCache = request.app.state.response_cache
    return cache


def read_response(
    request: Request,
    body: bytes,
    *,
    media_type: str,
    generation: int,
    max_age: int,
    headers: dict[str, str] | None = None,
) -> Response:
    """A cacheable read: strong ETag, Cache-Control, 304 on a matching If-None-Match; remembered.

    ``generation`` is the cache generation read *before* the data was queried,
    so a write that lands meanwhile keeps this (possibly old) body out of the cache.
    """
    etag = strong_etag(body)
    all_headers = {
        "ETag": etag,
        "Cache-Control": f"public, max-age={max_age}, must-revalidate",
        **(headers or {}),
    }
    raw = tuple((k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in all_headers.items())
    raw = ((b"content-type", media_type.encode("latin-1")), *raw)
    response_cache(request).put(
        cache_key(request.scope), CachedResponse(body, etag, raw), generation=generation
    )
    if none_match(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=all_headers)
    return Response(body, media_type=media_type, headers=all_headers)


class ResponseCacheMiddleware:
    """Pure ASGI middleware; sits inside CORS so cached answers still carry CORS headers."""

    def __init__(self, app: ASGIApp, cache: ResponseCache) -> None:
        self.app = app
        self.cache = cache

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        method = scope["method"]
        if method == "GET" and scope["path"].startswith(_CACHED_PREFIX):
            if self.cache.revalidation_due():
                await run_in_threadpool(self.cache.revalidate)
            entry = self.cache.get(cache_key(scope))
            if entry is not None:
                await self._send_hit(scope, send, entry)
                return
            await self.app(scope, receive, send)
            return
        if method in _WRITES:
            await self._write(scope, receive, send)
            return
        await self.app(scope, receive, send)

    async def _write(self, scope: Scope, receive: Receive, send: Send) -> None:
        status = 500

        async def watch(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                if status < 400:
                    self.cache.invalidate()
            await send(message)

        try:
            await self.app(scope, receive, watch)
        finally:
            if status < 400:
                self.cache.invalidate()

    @staticmethod
    async def _send_hit(scope: Scope, send: Send, entry: CachedResponse) -> None:
        inm = _header(scope, b"if-none-match")
        if inm is not None and none_match(inm, entry.etag):
            headers = [(k, v) for k, v in entry.headers if k != b"content-type"]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b""})
            return
        headers = [*entry.headers, (b"content-length", str(len(entry.body)).encode())]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": entry.body})


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope["headers"]:
        if key == name:
            return str(value.decode("latin-1"))
    return None


def install_response_cache(app: FastAPI, settings: Settings) -> None:
    """Create the cache on ``app.state`` and add its middleware (call before adding CORS)."""

    def signature() -> Any:
        sessions = getattr(app.state, "sessions", None)
        if sessions is None:
            return None
        with session_scope(sessions) as session:
            return repository.change_signature(session)

    cache = ResponseCache(
        # a key-protected read must never be answered from a shared cache
        max_entries=0 if settings.read_requires_key else settings.response_cache_entries,
        revalidate_seconds=settings.response_cache_revalidate_seconds,
        signature=signature,
    )
    app.state.response_cache = cache
    app.add_middleware(ResponseCacheMiddleware, cache=cache)
