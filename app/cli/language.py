"""``parley timex`` and ``parley extract``: the language pipeline over JSONL, without a database.

Contracts (DESIGN.md, Interfaces) — keep them stable, benchmarks and users depend on them:

- timex:   in ``{"id", "text", "dct": "YYYY-MM-DD"}`` → out ``{"id", "timexes": [...]}``
- extract: in ``{"id", "text", "published": "YYYY-MM-DD", "title"?, "url"?}``
  → out ``{"id", "events", "relations"}``

A malformed line stops the command with exit 2, naming the line and the field.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, BinaryIO, TextIO

import orjson
import typer

from app.cli.context import EXIT_USAGE, fail

__all__ = ["timex", "extract"]


def _lines(source: str) -> Iterator[tuple[int, bytes]]:
    if source == "-":
        yield from _numbered(sys.stdin.buffer)
        return
    with Path(source).open("rb") as stream:
        yield from _numbered(stream)


def _numbered(stream: BinaryIO) -> Iterator[tuple[int, bytes]]:
    for number, raw in enumerate(stream, start=1):
        if raw.strip():
            yield number, raw


def _record(number: int, raw: bytes, date_field: str, extra: tuple[str, ...]) -> tuple[Any, str, date]:
    where = f"line {number}"
    try:
        obj = orjson.loads(raw)
    except orjson.JSONDecodeError as exc:
        raise fail(f"{where}: not valid JSON ({exc})", EXIT_USAGE) from None
    if not isinstance(obj, dict):
        raise fail(f"{where}: a line must be a JSON object", EXIT_USAGE)
    unknown = sorted(set(obj) - {"id", "text", date_field, *extra})
    if unknown:
        raise fail(f"{where}: field '{unknown[0]}': unknown field", EXIT_USAGE)
    if not isinstance(obj.get("id"), str | int):
        raise fail(f"{where}: field 'id': required, a string", EXIT_USAGE)
    if not isinstance(obj.get("text"), str):
        raise fail(f"{where}: field 'text': required, a string", EXIT_USAGE)
    try:
        day = date.fromisoformat(str(obj.get(date_field, ""))[:10])
    except ValueError:
        raise fail(f"{where}: field '{date_field}': required, a YYYY-MM-DD date", EXIT_USAGE) from None
    return obj["id"], obj["text"], day


def _run(
    source: str, out: TextIO, date_field: str, extra: tuple[str, ...], fn: Callable[[str, str, date], Any]
) -> None:
    if source != "-" and not Path(source).is_file():
        raise fail(f"{source}: no such file", EXIT_USAGE)
    try:
        for number, raw in _lines(source):
            record_id, text, day = _record(number, raw, date_field, extra)
            record = fn(str(record_id), text, day)
            record["id"] = record_id  # echo the id exactly as given (string or number)
            out.write(orjson.dumps(record).decode() + "\n")
    except UnicodeDecodeError as exc:
        raise fail(f"{source}: not valid UTF-8 ({exc.reason})", EXIT_USAGE) from None
    out.flush()


def timex(jsonl: str = typer.Option(..., "--jsonl", help="Input JSONL file, or - for stdin.")) -> None:
    """Find and resolve the time expressions of each line's text against its dct."""
    from app.language.temporal import timex_record

    _run(jsonl, sys.stdout, "dct", (), timex_record)


def extract(jsonl: str = typer.Option(..., "--jsonl", help="Input JSONL file, or - for stdin.")) -> None:
    """Run the whole language pipeline (events, actors, dates, relations) on each line."""
    from app.language import extract_record

    _run(jsonl, sys.stdout, "published", ("title", "url", "outlet", "language"), extract_record)
