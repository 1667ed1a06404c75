"""The stored payload column read as UTF-8 bytes, so pages are joined without decoding and re-encoding.

SQLite hands TEXT back as ``str`` (a UTF-8 decode per row) and the page is
then encoded again; reading the column as a BLOB gives the bytes as stored
(measured: a quarter of a cold page's query time on a million rows).
PostgreSQL needs ``convert_to``: a plain cast of text to bytea would read
backslashes in the JSON as escapes.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import LargeBinary
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

__all__ = ["payload_bytes"]


class payload_bytes(FunctionElement[bytes]):  # noqa: N801 - reads like the SQL function it renders
    """``payload_bytes(column)``: the column's text as UTF-8 bytes on every backend."""

    type = LargeBinary()
    inherit_cache = True
    name = "payload_bytes"


@compiles(payload_bytes)
def _generic(element: payload_bytes, compiler: Any, **kw: Any) -> str:
    return f"CAST({compiler.process(element.clauses, **kw)} AS BLOB)"


@compiles(payload_bytes, "postgresql")
def _postgresql(element: payload_bytes, compiler: Any, **kw: Any) -> str:
    return f"convert_to({compiler.process(element.clauses, **kw)}, 'UTF8')"
