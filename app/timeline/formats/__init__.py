"""Timeline output formats as a registry ``{name: Format}``; one module per format.

A new format is a new module with a ``FORMAT`` and one line here; the
endpoint, its OpenAPI enum and the docs read the registry.
"""

from __future__ import annotations

from app.timeline.formats import csv, ndjson, plain, timelinejs, vis
from app.timeline.formats.base import Format

__all__ = ["FORMATS", "Format", "DEFAULT_FORMAT"]

FORMATS: dict[str, Format] = {
    f.name: f for f in (plain.FORMAT, timelinejs.FORMAT, vis.FORMAT, csv.FORMAT, ndjson.FORMAT)
}
DEFAULT_FORMAT = plain.FORMAT.name
