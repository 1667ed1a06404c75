"""One error vocabulary for the API and the CLI.

::

    ParleyError                      500  problem type "internal"
    ├── InvalidInput                 422  a field of the input is wrong (names the field)
    │   └── PayloadTooLarge          413  text over the documented size limit
    ├── NotFound                     404  no such article / event
    ├── Unauthorized                 401  write without a valid API key
    ├── Conflict                     409  the database refused a concurrent write
    └── DatabaseUnavailable          503  the database cannot be reached

Services raise these; the API renders them as RFC 9457 ``application/problem+json``
and the CLI maps them to exit codes (2 for input errors, 3 for the database).
"""

from __future__ import annotations

from typing import Any, ClassVar

__all__ = [
    "Conflict",
    "DatabaseUnavailable",
    "InvalidInput",
    "NotFound",
    "ParleyError",
    "PayloadTooLarge",
    "Unauthorized",
    "PROBLEM_BASE",
]

PROBLEM_BASE = "https://parley.dev/problems/"


class ParleyError(Exception):
    """Base of every error the service reports on purpose."""

    status: ClassVar[int] = 500
    slug: ClassVar[str] = "internal"
    title: ClassVar[str] = "Internal error"
    exit_code: ClassVar[int] = 1

    def __init__(self, detail: str, *, field: str | None = None, errors: list[dict[str, Any]] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.field = field
        self.errors = errors or ([{"field": field, "message": detail}] if field else [])

    @property
    def type_uri(self) -> str:
        return PROBLEM_BASE + self.slug

    def problem(self, instance: str | None = None) -> dict[str, Any]:
        """The RFC 9457 problem document for this error."""
        body: dict[str, Any] = {
            "type": self.type_uri,
            "title": self.title,
            "status": self.status,
            "detail": self.detail,
        }
        if instance:
            body["instance"] = instance
        if self.errors:
            body["errors"] = self.errors
        return body


class InvalidInput(ParleyError):
    status = 422
    slug = "invalid-input"
    title = "Invalid input"
    exit_code = 2


class PayloadTooLarge(InvalidInput):
    status = 413
    slug = "payload-too-large"
    title = "Payload too large"


class NotFound(ParleyError):
    status = 404
    slug = "not-found"
    title = "Not found"


class Unauthorized(ParleyError):
    status = 401
    slug = "unauthorized"
    title = "Unauthorized"
    exit_code = 2


class Conflict(ParleyError):
    status = 409
    slug = "conflict"
    title = "Conflict"


class DatabaseUnavailable(ParleyError):
    status = 503
    slug = "database-unavailable"
    title = "Database unavailable"
    exit_code = 3
