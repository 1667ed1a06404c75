"""GET /, /embed and /parley.js: the page, a demo of the embed, and the one-file widget.

Files are read once per process and served with a strong ETag, so a page
that embeds the widget revalidates it cheaply.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request, Response

from app.errors import NotFound
from app.kit.etag import none_match, strong_etag

__all__ = ["router", "STATIC_DIR"]

STATIC_DIR = Path(__file__).resolve().parent / "static"
_FILES = {
    "index.html": "text/html; charset=utf-8",
    "embed.html": "text/html; charset=utf-8",
    "parley.js": "text/javascript; charset=utf-8",
}

router = APIRouter(tags=["web"], include_in_schema=False)


@lru_cache(maxsize=len(_FILES))
def _load(name: str) -> tuple[bytes, str]:
    body = (STATIC_DIR / name).read_bytes()
    return body, strong_etag(body)


def _file(request: Request, name: str) -> Response:
    if name not in _FILES:
        raise NotFound(f"no file {name}")
    body, etag = _load(name)
    headers = {"ETag": etag, "Cache-Control": "public, max-age=300", "X-Content-Type-Options": "nosniff"}
    if name.endswith(".js"):
        headers["Access-Control-Allow-Origin"] = "*"  # the widget is loaded by other sites
    if none_match(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type=_FILES[name], headers=headers)


@router.get("/")
def index(request: Request) -> Response:
    """The timeline page."""
    return _file(request, "index.html")


@router.get("/embed")
def embed(request: Request) -> Response:
    """A page that embeds the widget the way another site would (one script tag, one div)."""
    return _file(request, "embed.html")


@router.get("/parley.js")
def widget(request: Request) -> Response:
    """The widget and the page's script, in one file."""
    return _file(request, "parley.js")
