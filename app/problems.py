"""Every error leaves the API as RFC 9457 ``application/problem+json``; one place renders them all."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException

from app.errors import PROBLEM_BASE, DatabaseUnavailable, ParleyError

__all__ = ["install_problem_handlers", "PROBLEM_JSON"]

PROBLEM_JSON = "application/problem+json"
log = logging.getLogger("parley.api")


def _problem(body: dict[str, Any], status: int) -> JSONResponse:
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON)


def _field(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in (loc[1:] if loc and loc[0] in ("body", "query", "path", "header") else loc)]
    return ".".join(parts) or "(body)"


async def _parley_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ParleyError)
    return _problem(exc.problem(request.url.path), exc.status)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"field": _field(tuple(e.get("loc", ()))), "message": e.get("msg", "")} for e in exc.errors()]
    if any(e.get("type") == "json_invalid" for e in exc.errors()):
        errors = [{"field": "(body)", "message": "the body is not valid JSON"}]
    first = errors[0] if errors else {"field": "(body)", "message": "invalid request"}
    body = {
        "type": PROBLEM_BASE + "invalid-input",
        "title": "Invalid input",
        "status": 422,
        "detail": f"{first['field']}: {first['message']}",
        "instance": request.url.path,
        "errors": errors,
    }
    return _problem(body, 422)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    slug = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
    body = {
        "type": PROBLEM_BASE + slug,
        "title": str(exc.detail) if exc.status_code != 404 else "Not found",
        "status": exc.status_code,
        "detail": str(exc.detail),
        "instance": request.url.path,
    }
    return _problem(body, exc.status_code)


async def _database_down(request: Request, exc: Exception) -> JSONResponse:
    log.error("database error on %s: %s", request.url.path, exc)
    err = DatabaseUnavailable("the database could not be reached; try again later")
    return _problem(err.problem(request.url.path), err.status)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s", request.url.path)
    body = {
        "type": PROBLEM_BASE + "internal",
        "title": "Internal error",
        "status": 500,
        "instance": request.url.path,
    }
    return _problem(body, 500)


def install_problem_handlers(app: FastAPI) -> None:
    """Route every kind of error to its problem document."""
    app.add_exception_handler(ParleyError, _parley_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(OperationalError, _database_down)
    app.add_exception_handler(Exception, _unexpected)
