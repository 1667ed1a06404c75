"""Articles from files: a JSON object or array, JSONL, or ``.txt`` with a front-matter header.

Front matter is a block of ``key: value`` lines between two ``---`` lines at the
top of the file (``#`` lines are comments), followed by the article text::

    ---
    published: 2025-04-22
    outlet: Zamin
    ---
    Russian President Vladimir Putin has proposed …

Every problem is reported with the file, the line and the field, so a cron log
says exactly what to fix.  Reading is all-or-nothing per input: a file that is
not valid UTF-8 or has a malformed line yields no article at all.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from app.errors import InvalidInput
from app.ingest.article import ArticleInput, parse_article

__all__ = ["InputProblem", "SourcedArticle", "read_articles", "read_text_input", "FILE_SUFFIXES"]

FILE_SUFFIXES = (".json", ".jsonl", ".ndjson", ".txt")


@dataclass(frozen=True)
class SourcedArticle:
    """A validated article and where it came from (``file:line``)."""

    where: str
    article: ArticleInput


@dataclass(frozen=True)
class InputProblem:
    """One refused piece of input: where, which field, why."""

    where: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.field}: {self.message}"


def _validated(obj: Any, where: str, max_chars: int) -> SourcedArticle | InputProblem:
    try:
        return SourcedArticle(where, parse_article(obj, max_chars=max_chars))
    except InvalidInput as exc:
        return InputProblem(where, exc.field or "(article)", exc.detail)


def _from_json_lines(text: str, name: str, max_chars: int) -> Iterator[SourcedArticle | InputProblem]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            obj = orjson.loads(line)
        except orjson.JSONDecodeError as exc:
            yield InputProblem(f"{name}:{number}", "(line)", f"not valid JSON ({exc})")
            continue
        yield _validated(obj, f"{name}:{number}", max_chars)


def _from_json_document(text: str, name: str, max_chars: int) -> Iterator[SourcedArticle | InputProblem]:
    try:
        doc = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        yield InputProblem(f"{name}:1", "(document)", f"not valid JSON ({exc})")
        return
    items = doc if isinstance(doc, list) else [doc]
    for index, obj in enumerate(items):
        yield _validated(obj, f"{name}[{index}]" if isinstance(doc, list) else name, max_chars)


def _from_front_matter(text: str, name: str, max_chars: int) -> Iterator[SourcedArticle | InputProblem]:
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        yield InputProblem(
            f"{name}:1", "(front matter)", "a .txt article must start with a '---' front-matter line"
        )
        return
    meta: dict[str, Any] = {}
    for number, line in enumerate(lines[1:], start=2):
        stripped = line.strip()
        if stripped == "---":
            meta["text"] = "".join(lines[number:]).strip("\n")
            yield _validated(meta, f"{name}:{number + 1}", max_chars)
            return
        if not stripped or stripped.startswith("#"):
            continue
        key, sep, value = stripped.partition(":")
        if not sep or not key.strip():
            yield InputProblem(f"{name}:{number}", "(front matter)", "expected 'key: value'")
            return
        meta[key.strip()] = value.strip()
    yield InputProblem(f"{name}:{len(lines)}", "(front matter)", "no closing '---' line")


def read_text_input(text: str, name: str, suffix: str, max_chars: int) -> list[SourcedArticle | InputProblem]:
    """Articles from already-decoded input; ``suffix`` picks the format ('' guesses from the content)."""
    if suffix == "":
        first = text.lstrip()[:1]
        suffix = ".txt" if first == "-" else ".jsonl" if first == "{" and "\n{" in text.strip() else ".json"
    if suffix in (".jsonl", ".ndjson"):
        return list(_from_json_lines(text, name, max_chars))
    if suffix == ".json":
        return list(_from_json_document(text, name, max_chars))
    return list(_from_front_matter(text, name, max_chars))


def _decode(data: bytes, name: str) -> str | InputProblem:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return InputProblem(f"{name}:{line}", "(encoding)", f"not valid UTF-8 at byte {exc.start}")


def read_articles(path: Path, max_chars: int) -> list[SourcedArticle | InputProblem]:
    """Articles from a file or from every supported file of a directory (sorted by name)."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in FILE_SUFFIXES)
        return [item for f in files for item in read_articles(f, max_chars)]
    if path.suffix.lower() not in FILE_SUFFIXES:
        return [
            InputProblem(str(path), "(file)", f"unsupported file type; use one of {', '.join(FILE_SUFFIXES)}")
        ]
    text = _decode(path.read_bytes(), str(path))
    if isinstance(text, InputProblem):
        return [text]
    return read_text_input(text, str(path), path.suffix.lower(), max_chars)
